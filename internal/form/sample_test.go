package form

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sitegen/internal/build"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

var i18nVI = i18n.New(i18n.VI)

var update = flag.Bool("update", false, "rewrite examples/bieu-mau-2017.xlsx and the golden files under testdata/")

// sampleForm is the path of the sample form, the sample site's 2017
// figures as the department's forms are filled in.
const sampleForm = "../../examples/bieu-mau-2017.xlsx"

// sheetSpec is one sheet of a workbook made for a test: its rows from
// A1, merged ranges, formulas (with their cached values in rows) and
// whether it is hidden.
type sheetSpec struct {
	name     string
	rows     [][]any
	merge    [][2]string
	formulas map[string]string
	hidden   bool
}

// workbook writes the sheets as an .xlsx file at path.
func workbook(t testing.TB, path string, sheets ...sheetSpec) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "sitegen", Created: "2018-02-02T00:00:00Z", Modified: "2018-02-02T00:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	day := "dd/mm/yyyy"
	dayStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &day})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
				if _, ok := v.(time.Time); ok {
					f.SetCellStyle(s.name, cell, cell, dayStyle)
				}
			}
		}
		for _, m := range s.merge {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for cell, fo := range s.formulas {
			if err := f.SetCellFormula(s.name, cell, fo); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Excel opens on a visible sheet; the active one cannot be hidden.
	for i, s := range sheets {
		if !s.hidden {
			f.SetActiveSheet(i)
			break
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

const bvp = "Báo Vĩnh Phúc, 02/02/2018"

// sampleSheets are the sheets of the sample form: what a clerk of the
// department fills in, with a hidden sheet of workings first, titles
// above the headers, a header on two rows with merged cells, counts
// typed as text, an approximate count, an empty row and a total row
// that is a formula.
func sampleSheets() []sheetSpec {
	return []sheetSpec{
		{name: "Nháp", hidden: true, rows: [][]any{
			{"Đơn vị", "Kết nạp"},
			{"Đảng bộ Công ty cổ phần Prime Group", 999},
		}},
		{name: "Đơn vị", rows: [][]any{
			{"DANH SÁCH TỔ CHỨC ĐẢNG TRỰC THUỘC ĐẢNG BỘ KHỐI"},
			{},
			{"STT", "Mã", "Tên đơn vị", "Loại", "Trực thuộc", "Doanh nghiệp", "Loại hình", "Ngày thành lập"},
			{1, "khoi-dn", "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc", "Khối", nil, nil, nil, day(2009, 3, 31)},
			{2, "prime-group", "Đảng bộ Công ty cổ phần Prime Group", "Đảng bộ cơ sở", "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc", "Công ty cổ phần Prime Group", "Cổ phần"},
			{3, "chinh-xac-vn1", "Chi bộ Công ty TNHH Chính xác Việt Nam 1", "Chi bộ cơ sở", "khoi-dn", "Công ty TNHH Chính xác Việt Nam 1"},
			{4, "in-phuc-yen", "Đảng bộ Công ty in Phúc Yên", "Đảng bộ cơ sở", "khoi-dn", "Công ty in Phúc Yên"},
		}, merge: [][2]string{{"A1", "H1"}}},
		{name: "Kết nạp 2017", rows: [][]any{
			{"BIỂU TỔNG HỢP KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2017"},
			{"(Kèm theo báo cáo của Ban Tổ chức Đảng ủy Khối)"},
			{"STT", "Đơn vị", "Kết nạp", "Trong đó", nil, "Ghi chú/Nguồn"},
			{nil, nil, nil, "Nữ", "Đoàn viên", nil},
			{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)"},
			{1, "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc", "trên 200", nil, nil, bvp},
			{2, "Đảng bộ Công ty cổ phần Prime Group", "17", nil, nil, bvp},
			{},
			{3, "Chi bộ Công ty TNHH Chính xác Việt Nam 1", 1, nil, nil, bvp},
			{4, "Đảng bộ Công ty in Phúc Yên", 2, nil, nil, bvp},
			{"Tổng cộng", nil, 220},
			{},
			{nil, "Người lập biểu"},
		}, merge: [][2]string{{"A1", "F1"}, {"A2", "F2"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}, {"D3", "E3"}, {"F3", "F4"}, {"A11", "B11"}},
			formulas: map[string]string{"C11": "SUM(C6:C10)"}},
		{name: "Giới thiệu 2017", rows: [][]any{
			{"KẾT QUẢ GIỚI THIỆU ĐOÀN VIÊN ƯU TÚ CHO ĐẢNG XEM XÉT KẾT NẠP NĂM 2017"},
			{"Tổ chức giới thiệu", "Giới thiệu", "Kết nạp", "Ghi chú/Nguồn"},
			{"Đoàn Khối Doanh nghiệp tỉnh", 162, 113, bvp},
		}},
		{name: "Chỉ tiêu", rows: [][]any{
			{"Đơn vị", "Từ năm", "Đến năm", "Chỉ tiêu", "Ghi chú/Nguồn"},
			{"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc", 2015, 2020, "200–220", bvp},
		}},
	}
}

// TestSampleFormFile keeps examples/bieu-mau-2017.xlsx as sampleSheets
// makes it (go test -update writes it).
func TestSampleFormFile(t *testing.T) {
	made := filepath.Join(t.TempDir(), "bieu-mau-2017.xlsx")
	workbook(t, made, sampleSheets()...)
	if *update {
		workbook(t, sampleForm, sampleSheets()...)
	}
	a, err := os.ReadFile(made)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(sampleForm)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s is not what sampleSheets makes (go test -update writes it)", sampleForm)
	}
}

// emptySite is a site with nothing but its [site] and the referrer the
// forms name (no form holds referrers).
func emptySite(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	site, err := os.ReadFile("../../data/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "data", "site.toml"), string(site)+`
[[referrer]]
id = "doan-khoi"
name = "Đoàn Khối Doanh nghiệp tỉnh"
kind = "youth-union"
`)
	return dir
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mustImport imports and fails on any error.
func mustImport(t testing.TB, opts Options) Result {
	t.Helper()
	res, diags, err := Import(opts)
	if err != nil || diags.HasErrors() {
		t.Fatalf("import %s -kind %s: %v\n%v", opts.FormName, opts.Kind, err, diags)
	}
	return res
}

// TestSampleFormRoundTrip imports the sample form into an empty site,
// and the site then publishes the sample site's figures for 2017: every
// figure of every cell and referrer, with its approximation and source.
func TestSampleFormRoundTrip(t *testing.T) {
	dir := emptySite(t)
	for _, kind := range []string{"cell", "admission", "referral", "target"} {
		res := mustImport(t, Options{Src: dir, Form: sampleForm, FormName: "bieu-mau-2017.xlsx", Kind: kind, Year: 2017})
		if !res.Changed || res.Records == 0 {
			t.Errorf("-kind %s: %+v", kind, res)
		}
	}
	got, diags := data.Load(os.DirFS(dir), "")
	if diags.HasErrors() {
		t.Fatalf("the imported site does not load:\n%v", diags)
	}
	want, diags := data.Load(os.DirFS("../.."), "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	compared := 0
	for _, n := range data.Names {
		subjects := []string{"khoi-dn", "prime-group", "chinh-xac-vn1", "in-phuc-yen"}
		if n.Subject == data.OfReferrer {
			subjects = []string{"doan-khoi"}
		}
		for _, s := range subjects {
			q := data.Query{Name: n.Name, Subject: s, Period: data.Year(2017)}
			g, gerr := got.Figure(q)
			w, werr := want.Figure(q)
			if (gerr == nil) != (werr == nil) || g.Text(i18nVI) != w.Text(i18nVI) || g.Source != w.Source || g.Sum != w.Sum {
				t.Errorf("%s %s 2017: imported %q (%s, %v), sample %q (%s, %v)", n.Name, s, g.Text(i18nVI), g.Source, gerr, w.Text(i18nVI), w.Source, werr)
			}
			if werr == nil {
				compared++
			}
		}
	}
	if compared < 8 {
		t.Errorf("only %d figures compared", compared)
	}
	// The cells too, as the sample's data/cells.toml has them.
	if len(got.Cells) != len(want.Cells) {
		t.Errorf("%d cells imported, the sample has %d", len(got.Cells), len(want.Cells))
	}
	for _, w := range want.Cells {
		found := false
		for _, g := range got.Cells {
			if g.ID == w.ID {
				found = true
				gc, wc := *g, *w
				gc.Pos, wc.Pos = data.Pos{}, data.Pos{} // where each was written
				if fmt.Sprint(gc) != fmt.Sprint(wc) {
					t.Errorf("cell %s imported as\n%+v\nthe sample has\n%+v", w.ID, gc, wc)
				}
			}
		}
		if !found {
			t.Errorf("cell %s not imported", w.ID)
		}
	}
	// Importing again changes nothing.
	res := mustImport(t, Options{Src: dir, Form: sampleForm, FormName: "bieu-mau-2017.xlsx", Kind: "admission", Year: 2017})
	if res.Changed || res.Path != "data/bieu-mau-2017-admission.toml" {
		t.Errorf("a second import: %+v", res)
	}
}

// TestSampleFormBuildsTheSameFigures builds the site the sample form
// was imported into, and the sample site: the downloads of the charts
// of 2017 hold the same rows, figure for figure, source for source (the
// data version apart: the sites' data differ in their other years).
func TestSampleFormBuildsTheSameFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two sites")
	}
	dir := emptySite(t)
	for _, kind := range []string{"cell", "admission", "referral", "target"} {
		mustImport(t, Options{Src: dir, Form: sampleForm, FormName: "bieu-mau-2017.xlsx", Kind: kind, Year: 2017})
	}
	imported, sample := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	for src, out := range map[string]string{dir: imported, "../..": sample} {
		if _, diags, err := build.Build(src, out, build.Options{}); err != nil || diags.HasErrors() {
			t.Fatalf("build %s: %v %v", src, err, diags.Errors())
		}
	}
	for _, name := range []string{"chart-cells-khoi-dn-2017", "chart-referrals-doan-khoi", "chart-admissions-prime-group",
		"chart-admissions-chinh-xac-vn1", "chart-admissions-in-phuc-yen"} {
		got, want := figureRows(t, filepath.Join(imported, "du-lieu", name+".csv")), figureRows(t, filepath.Join(sample, "du-lieu", name+".csv"))
		if got != want {
			t.Errorf("%s.csv of the imported site:\n%s\nof the sample site:\n%s", name, got, want)
		}
	}
}

// figureRows is a CSV download without its data version columns.
func figureRows(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\r\n") {
		r, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, strings.Join(r[:len(r)-2], "|"))
	}
	return strings.Join(out, "\n")
}
