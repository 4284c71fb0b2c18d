package export

import (
	"bytes"
	"compress/flate"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookFromBlank: a workbook started from the blank has the
// bytes of one started from excelize's own new file, as workbooks were
// made before the blank: a download does not change with the way it is
// made.
func TestWorkbookFromBlank(t *testing.T) {
	d := bigData()
	d.Admissions = d.Admissions[:9]
	for _, c := range []struct {
		name    string
		s       *sheet
		lastRow int
	}{
		{"chart", admissionsTable().sheet(), excelize.TotalRows},
		{"data set", dataSheet(sample(), namesOf(sample()), Admissions), excelize.TotalRows},
		{"over three worksheets", dataSheet(d, namesOf(d), Admissions), 6},
	} {
		got, err := c.s.xlsxRows(commitVersion, "Kết nạp", "note", c.lastRow)
		if err != nil {
			t.Fatal(err)
		}
		f := excelize.NewFile()
		st, err := newXLSXStyles(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.s.writeBook(f, st, nil, commitVersion, "Kết nạp", "note", c.lastRow)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: from the blank, %d bytes; from a new file, %d bytes, not the same", c.name, len(got), len(want))
			gp, _ := zipParts(got)
			wp, _ := zipParts(want)
			for i := range min(len(gp), len(wp)) {
				if gp[i].name != wp[i].name || !bytes.Equal(gp[i].data, wp[i].data) {
					t.Errorf("%s: part %d is %s (%d bytes), want %s (%d bytes)", c.name, i, gp[i].name, len(gp[i].data), wp[i].name, len(wp[i].data))
				}
			}
		}
	}
}

// TestPackedWriter: whatever is written to a packed part's writer comes
// out deflated, and the part itself as its packed form.
func TestPackedWriter(t *testing.T) {
	raw := bytes.Repeat([]byte("<theme>Đảng bộ</theme>"), 40)
	var d bytes.Buffer
	fw := newFlate(&d)
	fw.Write(raw)
	fw.Close()
	p := packedPart{raw: raw, deflated: d.Bytes()}
	for _, c := range []struct {
		name   string
		pieces [][]byte
		packed bool
	}{
		{"the part at once", [][]byte{raw}, true},
		{"the part in pieces", [][]byte{raw[:7], raw[7:100], {}, raw[100:]}, true},
		{"a beginning of it", [][]byte{raw[:100]}, false},
		{"nothing", nil, false},
		{"more", [][]byte{raw, []byte("x")}, false},
		{"more in one piece", [][]byte{append(bytes.Clone(raw), 'x')}, false},
		{"other from the start", [][]byte{[]byte("<other/>")}, false},
		{"other after a matching piece", [][]byte{raw[:50], []byte("<other/>"), raw[58:]}, false},
	} {
		var out bytes.Buffer
		w := &packedWriter{out: &out, p: p}
		var written []byte
		for _, b := range c.pieces {
			if n, err := w.Write(b); n != len(b) || err != nil {
				t.Fatalf("%s: Write = %d, %v", c.name, n, err)
			}
			written = append(written, b...)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if got := bytes.Equal(out.Bytes(), p.deflated); got != c.packed {
			t.Errorf("%s: gave the packed form: %v, want %v", c.name, got, c.packed)
		}
		got, err := io.ReadAll(flate.NewReader(&out))
		if err != nil || !bytes.Equal(got, written) {
			t.Errorf("%s: inflates to %q (%v), want %q", c.name, got, err, written)
		}
	}
}

// BenchmarkBlankBook is the work the blank saves a workbook: opening the
// blank against excelize's new file and the workbook's styles.
func BenchmarkBlankBook(b *testing.B) {
	blank, err := blankBooks()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("blank", func(b *testing.B) {
		for b.Loop() {
			f, err := blank.open()
			if err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
	b.Run("new file", func(b *testing.B) {
		for b.Loop() {
			f := excelize.NewFile()
			if _, err := newXLSXStyles(f); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}
