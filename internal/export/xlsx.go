package export

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/made"
	"sitegen/internal/version"
)

// A workbook's layout: the note on the first row, the header on the
// second, frozen with the note so both stay in view, and the rows below.
const (
	xlsxNoteRow   = 1
	xlsxHeaderRow = 2
	xlsxFirstRow  = 3
)

// xlsxEpoch dates a workbook whose data version has no date (a content
// hash): its document properties must still be the same on every build.
const xlsxEpoch = "2000-01-01T00:00:00Z"

// xlsx writes the sheet as an Excel workbook of one worksheet, named
// name: a note row (what the table is, where it comes from, its data
// version: note), then the header row and the rows of the CSV file,
// with its columns, data version columns included, so that a column
// means the same in every download. Counts are numbers, percentages
// numbers with one decimal, dates dates (shown 2006-01-02, as in the
// CSV), everything else text, written as text even when it starts like
// a formula: a workbook cell is a formula only when written as one, so
// the CSV's guard apostrophe is not needed.
//
// The bytes depend on the sheet, version, name and note only: the
// document's dates and every zip entry's time are the data version's,
// and the entries are in a fixed order (excelize's, with the worksheets
// of a workbook of more than one put in order by worksheetsInOrder).
func (s *sheet) xlsx(v version.Version, name, note string) ([]byte, error) {
	return s.xlsxRows(v, name, note, excelize.TotalRows)
}

// xlsxRows is xlsx with at most lastRow rows to a worksheet: the rows
// past it go on to another worksheet, "name (2)", with the note and the
// header again. A worksheet holds at most 1,048,576 rows
// (excelize.TotalRows), and a whole country's memberships over 20 years
// are more.
func (s *sheet) xlsxRows(v version.Version, name, note string, lastRow int) ([]byte, error) {
	blank, err := blankBooks()
	if err != nil {
		return nil, err
	}
	f, err := blank.open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return s.writeBook(f, blank.styles, blank.packed, v, name, note, lastRow)
}

// writeBook is xlsxRows on f, a new workbook with the styles st; a part
// written as one of packed is given its deflated form.
func (s *sheet) writeBook(f *excelize.File, st xlsxStyles, packed map[string]packedPart, v version.Version, name, note string, lastRow int) ([]byte, error) {
	stamp := xlsxEpoch
	if !v.Date.IsZero() {
		stamp = v.Date.UTC().Format(time.RFC3339)
	}
	modified, _ := time.Parse(time.RFC3339, stamp)
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newZipWriter(w, modified, packed) })
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: name, Description: note, Creator: "sitegen", LastModifiedBy: "sitegen",
		Created: stamp, Modified: stamp, Identifier: v.ID,
	}); err != nil {
		return nil, err
	}
	header := append(append([]string(nil), s.header...), ColDataVersion, ColDataDate)
	w, err := st.startSheet(f, name, note, header)
	if err != nil {
		return nil, err
	}
	ver := []cell{text(v.ID), {csv: versionDate(v), day: true}}
	row := make([]any, 0, len(header))
	n, sheets := xlsxFirstRow, 1
	for r := range s.rows {
		if n > lastRow {
			if err := w.Flush(); err != nil {
				return nil, err
			}
			sheets++
			more := name + " (" + strconv.Itoa(sheets) + ")"
			if _, err := f.NewSheet(more); err != nil {
				return nil, err
			}
			if w, err = st.startSheet(f, more, note, header); err != nil {
				return nil, err
			}
			n = xlsxFirstRow
		}
		row = row[:0]
		for _, c := range r {
			row = append(row, st.value(c))
		}
		for _, c := range ver {
			row = append(row, st.value(c))
		}
		if err = w.SetRow("A"+strconv.Itoa(n), row); err != nil {
			return nil, err
		}
		n++
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	if sheets > 1 {
		return worksheetsInOrder(b.Bytes())
	}
	return b.Bytes(), nil
}

// worksheetsInOrder is the workbook b with its worksheets first, in the
// order of their names, and its other entries after them as they were.
// excelize writes the worksheets of its stream writers in the order of
// a map, so a workbook of more than one worksheet had other bytes on
// every build.
func worksheetsInOrder(b []byte) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	worksheet := func(e *zip.File) bool { return strings.HasPrefix(e.Name, "xl/worksheets/") }
	entries := slices.Clone(r.File)
	slices.SortStableFunc(entries, func(x, y *zip.File) int {
		switch wx, wy := worksheet(x), worksheet(y); {
		case wx && wy:
			return strings.Compare(x.Name, y.Name)
		case wx:
			return -1
		case wy:
			return 1
		}
		return 0
	})
	var out bytes.Buffer
	out.Grow(len(b))
	w := zip.NewWriter(&out)
	for _, e := range entries {
		if err := w.Copy(e); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// xlsxKey is the key of everything the bytes of s.xlsx(v, name, note)
// depend on (see package made) but the program: a build takes the
// workbook of the previous one when its key is the same.
func (s *sheet) xlsxKey(v version.Version, name, note string) made.Key {
	in := made.NewInputs("xlsx 1")
	for _, p := range []string{v.ID, v.Date.UTC().Format(time.RFC3339Nano), versionDate(v), name, note, strconv.Itoa(len(s.header))} {
		in.String(p)
	}
	for _, h := range s.header {
		in.String(h)
	}
	for r := range s.rows {
		in.String(strconv.Itoa(len(r)))
		for _, c := range r {
			in.String(c.csv)
			in.String(c.text)
			in.Byte(byte(c.kind))
			in.Bool(c.day)
		}
	}
	return in.Key()
}

// startSheet begins the worksheet name of f: columns as wide as their
// names, the note and the header frozen above the rows.
func (st xlsxStyles) startSheet(f *excelize.File, name, note string, header []string) (*excelize.StreamWriter, error) {
	w, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	// A column as wide as its name; neighbours of one width are set at
	// once (each call goes over every column set before).
	width := func(j int) int { return min(max(len(header[j])+2, 10), 40) }
	for j := 0; j < len(header); {
		k := j + 1
		for k < len(header) && width(k) == width(j) {
			k++
		}
		if err := w.SetColWidth(j+1, k, float64(width(j))); err != nil {
			return nil, err
		}
		j = k
	}
	if err := w.SetPanes(&excelize.Panes{Freeze: true, YSplit: xlsxHeaderRow, TopLeftCell: "A" + strconv.Itoa(xlsxFirstRow), ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := w.SetRow("A"+strconv.Itoa(xlsxNoteRow), []any{excelize.Cell{StyleID: st.note, Value: note}}); err != nil {
		return nil, err
	}
	row := make([]any, len(header))
	for j, h := range header {
		row[j] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return w, w.SetRow("A"+strconv.Itoa(xlsxHeaderRow), row)
}

// xlsxStyles are the workbook's cell styles by use.
type xlsxStyles struct{ note, header, day, tenths int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	day, tenths := "yyyy-mm-dd", "0.0"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.note, excelize.Style{Font: &excelize.Font{Italic: true}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.day, excelize.Style{CustomNumFmt: &day}},
		{&st.tenths, excelize.Style{CustomNumFmt: &tenths}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// value is what the workbook holds for a cell: nil for an empty one.
func (st xlsxStyles) value(c cell) any {
	switch {
	case c.csv == "":
		return nil
	case c.day:
		if t, err := time.Parse(time.DateOnly, c.csv); err == nil {
			return excelize.Cell{StyleID: st.day, Value: t}
		}
	case c.kind == jsonNumber:
		if n, err := strconv.ParseInt(c.csv, 10, 64); err == nil {
			return n
		}
		if x, err := strconv.ParseFloat(c.csv, 64); err == nil {
			return excelize.Cell{StyleID: st.tenths, Value: x}
		}
	case c.kind == jsonText:
		return c.text
	}
	return unguarded(c.csv)
}

// unguarded is a CSV field without the apostrophe text() puts before a
// text a spreadsheet would take for a formula.
func unguarded(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// XLSXName is the workbook of the table: admissions.xlsx.
func (s Set) XLSXName() string { return string(s) + ".xlsx" }

// DataXLSX is one table of the complete data set as an Excel workbook,
// with the rows and columns of its CSV file (DataCSV) and note on its
// first row.
func DataXLSX(d *data.Data, v version.Version, s Set, note string) ([]byte, error) {
	return dataSheet(d, namesOf(d), s).xlsx(v, string(s), note)
}

// DataXLSXFile is DataXLSX as the file name, made when asked for, with
// its key.
func DataXLSXFile(name string, d *data.Data, v version.Version, s Set, note string) File {
	return File{Name: name,
		Make: func() ([]byte, error) { return DataXLSX(d, v, s, note) },
		Key:  func() made.Key { return dataSheet(d, namesOf(d), s).xlsxKey(v, string(s), note) }}
}

// XLSX is the table as an Excel workbook, with the rows and columns of
// its CSV file and note on its first row; its worksheet is named after
// the title.
func (t *Table) XLSX(note string) ([]byte, error) {
	return t.sheet().xlsx(t.Version, sheetName(t.Title), note)
}

// XLSXFile is XLSX as the file name, made when asked for, with its key.
func (t *Table) XLSXFile(name, note string) File {
	return File{Name: name,
		Make: func() ([]byte, error) { return t.XLSX(note) },
		Key:  func() made.Key { return t.sheet().xlsxKey(t.Version, sheetName(t.Title), note) }}
}

// Note is the first row of a workbook: who published the table, what
// it is, and the data version, as a citation says them (Cite), without
// the date of access.
func Note(loc *i18n.Locale, publisher, title string, v version.Version) string {
	return strings.TrimSuffix(Cite(loc, Citation{Publisher: publisher, Title: title, Version: v}), " "+loc.T("cite.accessed"))
}

// sheetName makes a title a worksheet's name, which Excel keeps to 31
// characters without []:*?/\ and without an apostrophe at either end.
func sheetName(title string) string {
	title = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return ' '
		}
		return r
	}, title)
	if r := []rune(title); len(r) > 31 {
		title = string(r[:31])
	}
	if title = strings.Trim(title, "' "); title == "" {
		return "Sheet1"
	}
	return title
}
