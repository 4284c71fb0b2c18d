// Package export writes the site's figures in the forms readers take away:
// CSV, Excel workbook (.xlsx) and JSON downloads of each chart's table and
// of the whole data set. The three are written from one sheet of cells,
// so they have the same columns and rows.
// Column names are the TOML keys of the input format ("Published names" in
// DATA-FORMAT.md), so a download reads like the data it came from, and
// every file names the data version it was built from.
//
// Output is deterministic: the same tables and version give the same bytes.
package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"iter"
	"strings"
	"unicode/utf8"

	"sitegen/internal/version"
)

// bom makes spreadsheet programs read the CSV as UTF-8; without it Excel
// guesses a legacy code page and Vietnamese names come out garbled.
const bom = "\ufeff"

// Column names every file adds for its data version.
const (
	ColDataVersion = "data_version"
	ColDataDate    = "data_date"
)

// cell is one field of a sheet in both encodings.
type cell struct {
	csv  string
	text string // jsonText: the text as written (csv may carry a guard); jsonRaw: the JSON
	kind cellKind
	// day marks a date (csv holds it as 2006-01-02), which a workbook
	// writes as a date, not as text.
	day bool
}

// cellKind is how a cell is written in JSON.
type cellKind uint8

const (
	jsonAbsent cellKind = iota // the key is left out of the object: not held
	jsonNumber                 // the CSV text is the JSON number
	jsonText
	jsonRaw // text is already JSON
)

// sheet is the common form of every download: named columns and rows.
// Rows are made as they are written, so that a data set of 40,000
// records is never held twice in memory; the slice a row is handed in
// may be reused for the next.
type sheet struct {
	header []string
	rows   iter.Seq[[]cell]
}

// csv writes the sheet as RFC 4180 CSV (CRLF line ends) with a BOM and the
// data version in the last two columns of every row, so that a row copied
// elsewhere still says which data it is.
func (s *sheet) csv(v version.Version) []byte {
	var b bytes.Buffer
	s.writeCSV(&b, v)
	return b.Bytes()
}

func (s *sheet) writeCSV(b writer, v version.Version) {
	b.WriteString(bom)
	w := csv.NewWriter(b)
	w.UseCRLF = true
	w.Write(append(append([]string(nil), s.header...), ColDataVersion, ColDataDate))
	date := versionDate(v)
	rec := make([]string, 0, len(s.header)+2)
	for r := range s.rows {
		rec = rec[:0]
		for _, c := range r {
			rec = append(rec, c.csv)
		}
		w.Write(append(rec, v.ID, date))
	}
	w.Flush() // writes to a bytes.Buffer or a byteCount cannot fail
}

// writer is what the files are written to: a bytes.Buffer, or a
// byteCount (see sized).
type writer interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// sized is what write writes, in one allocation of its size: write runs
// twice, the first time only counting. The data set's files are the
// largest of a build (data.json 336 MB, the admissions' CSV 128 MB at
// national scale), and a buffer that doubles as it is written held up
// to three times a file's size while it grew.
func sized(write func(w writer)) []byte {
	var n byteCount
	write(&n)
	b := bytes.NewBuffer(make([]byte, 0, int(n)))
	write(b)
	return b.Bytes()
}

// byteCount is a writer that keeps only the number of bytes written.
type byteCount int

func (c *byteCount) Write(p []byte) (int, error)       { *c += byteCount(len(p)); return len(p), nil }
func (c *byteCount) WriteString(s string) (int, error) { *c += byteCount(len(s)); return len(s), nil }
func (c *byteCount) WriteByte(byte) error              { *c++; return nil }

// jsonRows writes the rows as an array of objects, one object a line so
// that a diff of two downloads shows the rows that changed. Keys keep the
// column order.
func (s *sheet) jsonRows(b writer) {
	b.WriteString("[")
	n := 0
	for r := range s.rows {
		if n > 0 {
			b.WriteString(",")
		}
		n++
		b.WriteString("\n    {")
		first := true
		for j, c := range r {
			if c.kind == jsonAbsent {
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			writeString(b, s.header[j])
			b.WriteString(": ")
			switch c.kind {
			case jsonNumber:
				b.WriteString(c.csv)
			case jsonText:
				writeString(b, c.text)
			case jsonRaw:
				b.WriteString(c.text)
			}
		}
		b.WriteString("}")
	}
	if n > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]")
}

// object writes a JSON object with the keys in the given order.
type object struct {
	b      writer
	first  bool
	indent string // of the line the object starts on
}

func newObject(b writer, indent string) *object {
	b.WriteString("{")
	return &object{b: b, first: true, indent: indent}
}

// key starts a member; the caller writes its value.
func (o *object) key(k string) {
	if !o.first {
		o.b.WriteString(",")
	}
	o.first = false
	o.b.WriteString("\n" + o.indent + "  ")
	writeJSON(o.b, k)
	o.b.WriteString(": ")
}

// field writes a member unless v is nil or the empty string.
func (o *object) field(k string, v any) {
	if v == nil || v == "" {
		return
	}
	o.key(k)
	writeJSON(o.b, v)
}

func (o *object) end() { o.b.WriteString("\n" + o.indent + "}") }

// writeJSON encodes one value. Only strings, integers, json.Number and
// string slices reach it, none of which can fail to encode.
func writeJSON(b writer, v any) {
	j, err := json.Marshal(v)
	if err != nil {
		panic("export: cannot encode " + err.Error()) // a programming error, never the data's
	}
	b.Write(j)
}

// writeString writes s as a JSON string, as json.Marshal would, without
// its cost for the common text that needs no escaping.
func writeString(b writer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			if c >= utf8.RuneSelf && plainUTF8(s[i:]) {
				break
			}
			writeJSON(b, s)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// plainUTF8 reports whether s needs no JSON escaping: valid UTF-8 without
// the characters json.Marshal escapes.
func plainUTF8(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsAny(s, "\"\\<>&\u2028\u2029") && strings.IndexFunc(s, func(r rune) bool { return r < 0x20 }) < 0
}

func versionDate(v version.Version) string {
	if v.Date.IsZero() {
		return ""
	}
	return v.Date.Format("2006-01-02")
}

// versionFields writes the data version members every JSON file carries.
func versionFields(o *object, v version.Version) {
	o.field(ColDataVersion, v.ID)
	o.field(ColDataDate, versionDate(v))
}

// text is a text field. In CSV a text that starts like a formula is
// prefixed with an apostrophe, so that a spreadsheet shows it instead of
// running it (CSV injection); JSON keeps the text as it is.
func text(s string) cell {
	if s == "" {
		return cell{}
	}
	c := s
	if strings.IndexAny(s[:1], "=+-@\t\r") == 0 {
		c = "'" + s
	}
	return cell{csv: c, kind: jsonText, text: s}
}
