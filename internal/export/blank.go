package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"sitegen/internal/version"
)

// A blankBook is where every workbook starts: excelize's new file with
// the workbook's styles, written once and opened for each workbook.
//
// excelize's NewFile decodes its theme, styles and workbook from XML,
// and writing a file encodes them again and compresses every part: for
// the small workbook of a chart, the same work each time, most of it.
// Opening the blank decodes only what a workbook changes (its sheets,
// names and properties). The theme and styles are put back as the
// bytes the blank wrote, which excelize writes out as they are unless
// asked to decode them (it decodes a part when first needed). The
// parts every workbook writes the same are deflated once.
type blankBook struct {
	zip    []byte            // the blank, entries stored, without kept
	kept   map[string][]byte // the parts put back as bytes on opening
	styles xlsxStyles
	packed map[string]packedPart
}

// keptParts are the parts of a workbook excelize need not decode.
func keptParts() []string { return []string{"xl/theme/theme1.xml", "xl/styles.xml"} }

// blankBooks is the blank of this program, made when the first workbook
// is: a constant of the program, the same for every build.
var blankBooks = sync.OnceValues(newBlankBook)

func newBlankBook() (*blankBook, error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	var book bytes.Buffer
	if err := f.Write(&book); err != nil {
		return nil, err
	}
	parts, err := zipParts(book.Bytes())
	if err != nil {
		return nil, err
	}
	b := &blankBook{kept: map[string][]byte{}, styles: st}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		if slices.Contains(keptParts(), p.name) {
			b.kept[p.name] = p.data
			continue
		}
		w, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	b.zip = buf.Bytes()
	if b.packed, err = b.samePacked(); err != nil {
		return nil, err
	}
	return b, nil
}

// open is a new workbook from the blank, with its styles.
func (b *blankBook) open() (*excelize.File, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b.zip))
	if err != nil {
		return nil, err
	}
	for name, p := range b.kept {
		f.Pkg.Store(name, bytes.Clone(p)) // each workbook's own: excelize may change a part in place
	}
	f.Theme, f.Styles = nil, nil // read from the bytes when asked for, else written as they are
	return f, nil
}

// samePacked deflates the parts that two different workbooks made from
// the blank write the same, once for all workbooks.
func (b *blankBook) samePacked() (map[string]packedPart, error) {
	sample := func(name string, n int) ([]namedPart, error) {
		f, err := b.open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		s := &sheet{header: []string{name}, rows: func(yield func([]cell) bool) {
			yield([]cell{{csv: strconv.Itoa(n), kind: jsonNumber}})
		}}
		book, err := s.writeBook(f, b.styles, nil, version.Version{ID: name}, name, name, excelize.TotalRows)
		if err != nil {
			return nil, err
		}
		return zipParts(book)
	}
	one, err := sample("a", 1)
	if err != nil {
		return nil, err
	}
	two, err := sample("bb", 22)
	if err != nil {
		return nil, err
	}
	packed := map[string]packedPart{}
	for _, p := range one {
		i := slices.IndexFunc(two, func(q namedPart) bool { return q.name == p.name })
		if i < 0 || !bytes.Equal(two[i].data, p.data) {
			continue
		}
		var d bytes.Buffer
		fw := newFlate(&d)
		_, err := fw.Write(p.data)
		if err == nil {
			err = fw.Close()
		}
		if err != nil {
			return nil, err
		}
		packed[p.name] = packedPart{raw: p.data, deflated: d.Bytes()}
	}
	return packed, nil
}

// A namedPart is a part of a workbook: an entry of its zip.
type namedPart struct {
	name string
	data []byte
}

// zipParts are the entries of the zip b, in its order.
func zipParts(b []byte) ([]namedPart, error) {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	parts := make([]namedPart, 0, len(z.File))
	for _, e := range z.File {
		r, err := e.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		parts = append(parts, namedPart{e.Name, data})
	}
	return parts, nil
}

// A packedPart is a part and its deflated form: what deflating it
// gives, made once.
type packedPart struct{ raw, deflated []byte }

// zipWriter writes a workbook's entries with one fixed time and the
// fastest deflate: a large site has thousands of workbooks, and
// compressing them hard took a fifth of the time of each for files
// under 10 kB. A part written as one of packed is given its deflated
// form, not deflated again.
type zipWriter struct {
	*zip.Writer
	modified time.Time
	packed   map[string]packedPart
	creating string // the name of the entry Create is making
}

var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // BestSpeed is a valid level
	return w
}}

// pooledFlate gives its flate.Writer back to flaters when closed.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flaters.Put(p.Writer)
	return err
}

func newFlate(out io.Writer) pooledFlate {
	fw := flaters.Get().(*flate.Writer)
	fw.Reset(out)
	return pooledFlate{fw}
}

func newZipWriter(w io.Writer, modified time.Time, packed map[string]packedPart) *zipWriter {
	z := &zipWriter{Writer: zip.NewWriter(w), modified: modified, packed: packed}
	z.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if p, ok := z.packed[z.creating]; ok {
			return &packedWriter{out: out, p: p}, nil
		}
		return newFlate(out), nil
	})
	return z
}

func (z *zipWriter) Create(name string) (io.Writer, error) {
	z.creating = name
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
}

// packedWriter deflates what is written to it, giving the packed form
// when what was written is its part: the zip writer around it counts
// and checks the bytes written as for any other entry.
type packedWriter struct {
	out io.Writer
	p   packedPart
	n   int            // bytes written, all of them p.raw's so far while fw is nil
	fw  io.WriteCloser // deflating, once what was written is not p.raw
}

func (w *packedWriter) Write(b []byte) (int, error) {
	if w.fw == nil && w.n+len(b) <= len(w.p.raw) && bytes.Equal(b, w.p.raw[w.n:w.n+len(b)]) {
		w.n += len(b)
		return len(b), nil
	}
	if err := w.deflate(); err != nil {
		return 0, err
	}
	return w.fw.Write(b)
}

func (w *packedWriter) Close() error {
	if w.fw == nil && w.n == len(w.p.raw) {
		_, err := w.out.Write(w.p.deflated)
		return err
	}
	if err := w.deflate(); err != nil {
		return err
	}
	return w.fw.Close()
}

// deflate starts deflating, with what was written so far, unless it has.
func (w *packedWriter) deflate() error {
	if w.fw != nil {
		return nil
	}
	w.fw = newFlate(w.out)
	_, err := w.fw.Write(w.p.raw[:w.n])
	return err
}
