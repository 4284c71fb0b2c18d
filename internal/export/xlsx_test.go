package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// openXLSX opens a workbook and returns its one worksheet's name.
func openXLSX(t *testing.T, b []byte) (*excelize.File, string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("worksheets %q, want one", sheets)
	}
	return f, sheets[0]
}

// TestTableXLSX checks what a journalist sees on opening a chart's
// workbook: the note, the frozen header, and each cell of the CSV
// download with a number's, a date's or a text's type.
func TestTableXLSX(t *testing.T) {
	tab := admissionsTable()
	note := Note(i18n.New("vi"), "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc", tab.Title, tab.Version)
	b, err := tab.XLSX(note)
	if err != nil {
		t.Fatal(err)
	}
	f, name := openXLSX(t, b)
	if name != `Kết nạp đảng viên, Đảng bộ Khối` {
		t.Errorf("worksheet %q", name)
	}
	if got, _ := f.GetCellValue(name, "A1"); got != note {
		t.Errorf("A1 = %q, want the note %q", got, note)
	}
	want := `Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên, Đảng bộ Khối <"DN"> & Co”. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026).`
	if note != want {
		t.Errorf("note\n%s\nwant\n%s", note, want)
	}
	panes, err := f.GetPanes(name)
	if err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes %+v (%v), want the note and header rows frozen", panes, err)
	}
	// Every row but the note is the CSV file's, field for field.
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tab.CSV(), []byte(bom)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		got := rows[i+1]
		got = append(got, make([]string, len(rec)-len(got))...) // GetRows drops empty cells at a row's end
		if !slices.Equal(got, rec) {
			t.Errorf("row %d\n%q\nwant the CSV's\n%q", i+2, got, rec)
		}
	}
	for _, c := range []struct {
		cell   string
		number bool
	}{
		{"A3", true},  // year
		{"B4", true},  // admitted 200
		{"C4", false}, // admitted_approx: over, a word of its own
		{"D5", true},  // admitted_as_of, a date
		{"K4", true},  // achieved 100.0
		{"Q3", false}, // data_version
		{"R3", true},  // data_date
	} {
		typ, err := f.GetCellType(name, c.cell)
		v, _ := f.GetCellValue(name, c.cell)
		// A number's cell has no type of its own, or "n".
		if number := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber; err != nil || v == "" || number != c.number {
			t.Errorf("%s (%q) is of type %v, want a number: %v", c.cell, v, typ, c.number)
		}
	}
	if v, _ := f.GetCellValue(name, "K4"); v != "100.0" {
		t.Errorf("K4 shows %q, want 100.0", v)
	}
	if v, _ := f.GetCellValue(name, "D5", excelize.Options{RawCellValue: true}); v != "43419" {
		t.Errorf("D5 holds %q, want the date 2018-11-15 as Excel's day number 43419", v)
	}
}

// TestTableXLSXTextIsText: a text that starts like a formula is text in
// the workbook, without the CSV's guard apostrophe.
func TestTableXLSXTextIsText(t *testing.T) {
	b, err := DataXLSX(sample(), commitVersion, Admissions, "note")
	if err != nil {
		t.Fatal(err)
	}
	f, name := openXLSX(t, b)
	rows, _ := f.GetRows(name)
	found := false
	for _, r := range rows {
		for j, c := range r {
			if c == `=HYPERLINK("http://evil")` {
				found = true
				cell, _ := excelize.CoordinatesToCellName(j+1, 1)
				if formula, _ := f.GetCellFormula(name, cell); formula != "" {
					t.Errorf("%s is a formula", cell)
				}
			}
		}
	}
	if !found {
		t.Errorf("the source that starts with = is not in the workbook as text:\n%q", rows)
	}
}

// TestXLSXDeterministic builds every workbook twice: the same bytes,
// and every zip entry with one fixed time, the data version's.
func TestXLSXDeterministic(t *testing.T) {
	for _, v := range []struct {
		name string
		make func() ([]byte, error)
	}{
		{"chart", func() ([]byte, error) { return admissionsTable().XLSX("note") }},
		{"admissions", func() ([]byte, error) { return DataXLSX(sample(), commitVersion, Admissions, "note") }},
		{"without date", func() ([]byte, error) { return DataXLSX(sample(), hashVersion, Cells, "note") }},
	} {
		a, err := v.make()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := v.make()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds, different bytes", v.name)
		}
		z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range z.File {
			if e.ModifiedDate != z.File[0].ModifiedDate || e.ModifiedTime != z.File[0].ModifiedTime {
				t.Errorf("%s: %s has its own time", v.name, e.Name)
			}
		}
		want := "2026-11-26 03:30:00"
		if v.name == "without date" {
			want = "2000-01-01 00:00:00"
		}
		if got := z.File[0].Modified.UTC().Format(time.DateTime); got != want {
			t.Errorf("%s: zip entries dated %s, want %s", v.name, got, want)
		}
	}
	f, name := openXLSX(t, must(DataXLSX(sample(), commitVersion, Cells, "note")))
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-11-26T03:30:00Z" || props.Modified != props.Created {
		t.Errorf("document properties %+v (%v), want the data version's date", props, err)
	}
	if name != "cells" {
		t.Errorf("worksheet %q, want cells", name)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"":                                   "Sheet1",
		"a/b [c]: d?":                        "a b  c   d",
		"'quoted'":                           "quoted",
		"Kết nạp 2010–2017":                  "Kết nạp 2010–2017",
		"0123456789012345678901234567890123": "0123456789012345678901234567890",
	} {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkDataXLSX(b *testing.B) {
	d := bigData()
	for b.Loop() {
		if _, err := DataXLSX(d, commitVersion, Admissions, "note"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTableXLSX(b *testing.B) {
	t := admissionsTable()
	for b.Loop() {
		if _, err := t.XLSX("note"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDayColumnIsADate: the date column of a members chart is a date in
// the workbook, and the same text as before in the CSV and JSON.
func TestDayColumnIsADate(t *testing.T) {
	tab := &Table{Title: "Đảng viên", Columns: []string{"date", "members"}, Version: commitVersion, Rows: [][]Value{
		{DayValue(data.Date{Year: 2018, Month: 2, Day: 2}), CountValue(data.Count{Value: 3232, Set: true}, data.Date{}, "BVP")},
	}}
	if csv := string(tab.CSV()); !strings.Contains(csv, "\r\n2018-02-02,3232,") {
		t.Errorf("CSV:\n%s", csv)
	}
	if j := string(tab.JSON()); !strings.Contains(j, `{"date": "2018-02-02", "members": 3232`) {
		t.Errorf("JSON:\n%s", j)
	}
	f, name := openXLSX(t, must(tab.XLSX("note")))
	if v, _ := f.GetCellValue(name, "A3", excelize.Options{RawCellValue: true}); v != "43133" {
		t.Errorf("A3 holds %q, want 2018-02-02 as the day number 43133", v)
	}
	if v, _ := f.GetCellValue(name, "A3"); v != "2018-02-02" {
		t.Errorf("A3 shows %q", v)
	}
}

// TestXLSXRowsGoOnToMoreSheets: rows past a worksheet's last row go on
// to "name (2)", "name (3)", each with the note and the header, in
// order, none lost (a worksheet holds 1,048,576 rows; the test sets 6),
// and the same bytes on every build (excelize writes the worksheets in
// the order of a map).
func TestXLSXRowsGoOnToMoreSheets(t *testing.T) {
	d := bigData()
	d.Admissions = d.Admissions[:9]
	s := dataSheet(d, namesOf(d), Admissions)
	b, err := s.xlsxRows(commitVersion, "admissions", "note", 6)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if again, _ := s.xlsxRows(commitVersion, "admissions", "note", 6); !bytes.Equal(again, b) {
			t.Fatal("a workbook of three worksheets made twice, different bytes")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.GetSheetList(), []string{"admissions", "admissions (2)", "admissions (3)"}; !slices.Equal(got, want) {
		t.Fatalf("worksheets %q, want %q", got, want)
	}
	var years []string
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 3 || rows[0][0] != "note" || !slices.Equal(rows[1][:len(s.header)], s.header) {
			t.Errorf("%s does not begin with the note and the header: %q", name, rows[:min(2, len(rows))])
		}
		if len(rows) > 6 {
			t.Errorf("%s has %d rows, more than the 6 allowed", name, len(rows))
		}
		for _, r := range rows[2:] {
			years = append(years, r[slices.Index(s.header, "year")])
		}
	}
	if want := []string{"2006", "2007", "2008", "2009", "2010", "2011", "2012", "2013", "2014"}; !slices.Equal(years, want) {
		t.Errorf("years across the worksheets %q, want %q", years, want)
	}
}
