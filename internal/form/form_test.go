package form

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// baseSite is a site with the sample site's cells and referrer, one of
// them with a former name, and no figures.
func baseSite(t testing.TB) string {
	t.Helper()
	dir := emptySite(t)
	writeFile(t, filepath.Join(dir, "data", "cells.toml"), `
[[cell]]
id = "khoi-dn"
name = "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc"
kind = "khoi"
founded = 2009-03-31

[[cell]]
id = "prime-group"
name = "Đảng bộ Công ty cổ phần Prime Group"
kind = "dang-bo-co-so"
parent = "khoi-dn"
former_names = ["Chi bộ Công ty Prime"]

[[cell]]
id = "in-phuc-yen"
name = "Đảng bộ Công ty in Phúc Yên"
kind = "dang-bo-co-so"
parent = "khoi-dn"
`)
	return dir
}

// admissionsForm is a form of admissions with the header on row 2
// (under a title): the rows go from row 3.
func admissionsForm(rows ...[]any) []sheetSpec {
	return []sheetSpec{{name: "Sheet1", rows: append([][]any{
		{"BIỂU KẾT NẠP ĐẢNG VIÊN NĂM 2017"},
		{"STT", "Đơn vị", "Kết nạp", "Nữ", "Ghi chú/Nguồn"},
	}, rows...)}}
}

// TestMalformedForms: each mistake a form can hold gets its message at
// its cell, every one of them in one run, and nothing is written.
func TestMalformedForms(t *testing.T) {
	for _, c := range []struct {
		name   string
		sheets []sheetSpec
		csv    string // a CSV form instead of sheets
		kind   string
		year   int
		sheet  string
		want   []string // whole messages, in order
	}{
		{name: "unknown cell, did you mean", kind: "admission", year: 2017,
			sheets: admissionsForm(
				[]any{1, "Đảng bộ Công ty cổ phần Prime Grup", 17, nil, "BVP"},
				[]any{2, "Chi bộ không có", 3, nil, "BVP"},
			),
			want: []string{
				"f.xlsx:Sheet1!B3: không có đơn vị nào tên hoặc mã “Đảng bộ Công ty cổ phần Prime Grup” trong data/; có phải là “Đảng bộ Công ty cổ phần Prime Group” (prime-group)?",
				"f.xlsx:Sheet1!B4: không có đơn vị nào tên hoặc mã “Chi bộ không có” trong data/; ghi tên đơn vị như trong data/ (name, hoặc một tên cũ trong former_names) hoặc mã (id) của nó",
			}},
		{name: "messages in the order of the rows", kind: "admission", year: 2017,
			sheets: admissionsForm(
				[]any{1, "Chi bộ A", 1, nil, "BVP"},
				[]any{}, []any{}, []any{}, []any{}, []any{}, []any{},
				[]any{2, "Chi bộ B", 1, nil, "BVP"},
			),
			want: []string{
				"f.xlsx:Sheet1!B3: không có đơn vị nào tên hoặc mã “Chi bộ A” trong data/; ghi tên đơn vị như trong data/ (name, hoặc một tên cũ trong former_names) hoặc mã (id) của nó",
				"f.xlsx:Sheet1!B10: không có đơn vị nào tên hoặc mã “Chi bộ B” trong data/; ghi tên đơn vị như trong data/ (name, hoặc một tên cũ trong former_names) hoặc mã (id) của nó",
			}},
		{name: "total row that does not add up", kind: "admission", year: 2017,
			sheets: admissionsForm(
				[]any{1, "prime-group", 17, 5, "BVP"},
				[]any{2, "Đảng bộ Công ty in Phúc Yên", "2", 1, "BVP"},
				[]any{nil, "Tổng cộng", 20, 6},
			),
			want: []string{
				"f.xlsx:Sheet1!C5: dòng tổng ghi Kết nạp = 20, nhưng các dòng trên cộng lại là 19; sửa số ở dòng tổng hoặc ở các dòng trên; dòng tổng chỉ để đối chiếu, không được nhập",
			}},
		{name: "the rules of check, at their cells", kind: "admission", year: 2017,
			sheets: admissionsForm(
				[]any{1, "prime-group", "12,5", nil, "BVP"},
				[]any{2, "in-phuc-yen", 2, 3, "BVP"},
				[]any{3, "Chi bộ Công ty Prime", 4, nil, "BVP"},
				[]any{4, "khoi-dn", nil, 2, "BVP"},
			),
			want: []string{
				"f.xlsx:Sheet1!C3: admission cell=\"prime-group\" year=2017: số 12,5 có phần thập phân sau dấu phẩy; mọi số trong định dạng là số nguyên (số người, số đơn vị, năm), không có phần thập phân: viết admitted = 12",
				"f.xlsx:Sheet1!D4: admission cell=\"in-phuc-yen\" year=2017: women = 3 lớn hơn admitted = 2; women là một phần của số kết nạp nên không thể lớn hơn admitted; kiểm tra lại hai số",
				"f.xlsx:Sheet1!B6: admission cell=\"khoi-dn\" year=2017: thiếu admitted; thêm dòng admitted = …",
			}},
		{name: "a row without a name, a formula", kind: "admission", year: 2017,
			sheets: []sheetSpec{{name: "Sheet1", rows: [][]any{
				{"Đơn vị", "Kết nạp", "Nữ"},
				{"prime-group", 17, 5},
				{nil, 3, nil},
			}, formulas: map[string]string{"C2": "2+3"}}},
			want: []string{
				"f.xlsx:Sheet1!A2: cảnh báo: admission cell=\"prime-group\" year=2017: bản ghi không ghi nguồn (source); trên trang, số liệu của nó hiện “không ghi nguồn”; thêm source = \"…\" ghi nơi số liệu được công bố (báo, văn bản, trang thông tin)",
				"f.xlsx:Sheet1!C2: cảnh báo: ô này là công thức =2+3; đã lấy giá trị Excel tính lần cuối, 5; nếu số này chưa đúng, mở tệp trong Excel, để Excel tính lại rồi lưu",
				"f.xlsx:Sheet1!A3: dòng này có số liệu nhưng ô “Đơn vị” trống; ghi tên hoặc mã đơn vị vào ô đó, hoặc xóa dòng",
			}},
		{name: "a formula no program computed", kind: "admission", year: 2017,
			sheets: []sheetSpec{{name: "Sheet1", rows: [][]any{
				{"Đơn vị", "Kết nạp", "Nguồn"},
				{"prime-group", nil, "BVP"},
			}, formulas: map[string]string{"B2": "SUM(X1:X9)"}}},
			want: []string{
				"f.xlsx:Sheet1!B2: ô này là công thức =SUM(X1:X9) nhưng chưa có giá trị: tệp được lưu bởi một chương trình không tính công thức; nếu số này chưa đúng, mở tệp trong Excel, để Excel tính lại rồi lưu",
			}},
		{name: "no header", kind: "admission", year: 2017,
			sheets: []sheetSpec{{name: "Sheet1", rows: [][]any{{"Tên", "Số"}, {"prime-group", 17}}}},
			want: []string{
				"f.xlsx: không tìm thấy dòng tiêu đề có cột “đơn vị”, “tên đơn vị” của bản ghi [[admission]] trong 30 dòng đầu của trang nào; đặt tên cột như biểu mẫu của Ban (Đơn vị, Kết nạp, Nữ …) hoặc như khóa TOML; chọn trang bằng -sheet; với tiêu đề riêng, dùng tệp -map",
			}},
		{name: "no such sheet", kind: "admission", year: 2017, sheet: "Sheet9",
			sheets: admissionsForm([]any{1, "prime-group", 17}),
			want: []string{
				"f.xlsx: tệp không có trang \"Sheet9\"; các trang của tệp: Sheet1; ghi -sheet với một trong các tên đó",
			}},
		{name: "unknown kind", kind: "admision", year: 2017, sheets: admissionsForm(),
			want: []string{"sitegen import: -kind \"admision\" không phải là loại bản ghi nào; có phải là \"admission\"?"}},
		{name: "CSV with ; and a BOM and CRLF", kind: "referral", year: 2017,
			csv: "\ufeffTổ chức giới thiệu;Giới thiệu;Kết nạp;Nguồn\r\nĐoàn Khối Doanh nghiệp;162;113;BVP\r\ndoan-khoi;1.071;2000;BVP\r\n",
			want: []string{
				"f.csv:2:1: không có tổ chức giới thiệu nào tên hoặc mã “Đoàn Khối Doanh nghiệp” trong data/; ghi tên như trong [[referrer]] của data/, hoặc mã (id) của nó",
				"f.csv:3:3: referral referrer=\"doan-khoi\" year=2017: admitted = 2000 lớn hơn referred = 1071; người được kết nạp nằm trong số được giới thiệu nên không thể nhiều hơn; kiểm tra lại hai số",
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := baseSite(t)
			form := filepath.Join(t.TempDir(), "f.xlsx")
			if c.csv != "" {
				form = filepath.Join(filepath.Dir(form), "f.csv")
				writeFile(t, form, c.csv)
			} else {
				workbook(t, form, c.sheets...)
			}
			_, diags, err := Import(Options{Src: dir, Form: form, FormName: filepath.Base(form), Kind: c.kind, Year: c.year, Sheet: c.sheet})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("messages\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "data", "f-*.toml")); len(m) > 0 {
				t.Errorf("written with errors: %q", m)
			}
		})
	}
}

// TestReimport: a second import of a changed form replaces its file,
// -dry-run says what would change and writes nothing, and a file of
// data/ that import did not write is never replaced.
func TestReimport(t *testing.T) {
	dir := baseSite(t)
	form := filepath.Join(t.TempDir(), "Biểu mẫu.xlsx")
	workbook(t, form, admissionsForm([]any{1, "prime-group", 17, 5, "BVP"}, []any{2, "in-phuc-yen", "1.071", nil, "BVP"})...)
	opts := Options{Src: dir, Form: form, FormName: "Biểu mẫu.xlsx", Kind: "admission", Year: 2017}
	res := mustImport(t, opts)
	file := filepath.Join(dir, "data", "bieu-mau-admission-2017.toml")
	if res.Path != "data/bieu-mau-admission-2017.toml" || res.Records != 2 {
		t.Fatalf("%+v", res)
	}
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), "admitted = 1071\n") || !strings.Contains(string(first), "women = 5\n") {
		t.Errorf("the file:\n%s", first)
	}
	workbook(t, form, admissionsForm([]any{1, "prime-group", 18, 5, "BVP"}, []any{2, "in-phuc-yen", "1.071", nil, "BVP"})...)
	opts.DryRun = true
	res = mustImport(t, opts)
	want := "--- data/bieu-mau-admission-2017.toml\n+++ data/bieu-mau-admission-2017.toml\n@@\n cell = \"prime-group\"\n year = 2017\n-admitted = 17\n+admitted = 18\n women = 5\n source = \"BVP\"\n@@\n"
	if res.Diff != want || !res.Changed {
		t.Errorf("dry run diff\n%s\nwant\n%s", res.Diff, want)
	}
	if now, _ := os.ReadFile(file); string(now) != string(first) {
		t.Errorf("-dry-run wrote the file")
	}
	opts.DryRun = false
	mustImport(t, opts)
	if now, _ := os.ReadFile(file); !strings.Contains(string(now), "admitted = 18\n") {
		t.Errorf("re-import did not update the file:\n%s", now)
	}
	writeFile(t, file, "# by hand\n")
	_, diags, _ := Import(opts)
	if len(diags) != 1 || !strings.Contains(diags[0].Error(), "data/bieu-mau-admission-2017.toml: tệp này đã có và không phải do sitegen import ghi") {
		t.Errorf("a hand-written file: %v", diags)
	}
}

// TestCSVForm reads a comma-separated form with LF line ends and no
// BOM, as LibreOffice writes one: a day written day/month/year, a count
// typed with its thousands separator, an approximate count.
func TestCSVForm(t *testing.T) {
	dir := baseSite(t)
	form := filepath.Join(t.TempDir(), "dang-vien.csv")
	writeFile(t, form, "Đơn vị,Ngày,Đảng viên,Nguồn\nkhoi-dn,01/01/2018,3.232,BVP\n\"Đảng bộ Công ty in Phúc Yên\",2018-01-01,khoảng 40,\"BVP, 2018\"\n")
	res := mustImport(t, Options{Src: dir, Form: form, FormName: "dang-vien.csv", Kind: "membership"})
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(res.Path)))
	if err != nil {
		t.Fatal(err)
	}
	want := `# sitegen import: dang-vien.csv (-kind membership)
# Tệp này do sitegen import ghi từ biểu mẫu trên; sửa số liệu trong biểu mẫu rồi nhập lại, nhập lại sẽ ghi đè tệp này.

[[membership]]
cell = "khoi-dn"
date = 2018-01-01
members = 3232
source = "BVP"

[[membership]]
cell = "in-phuc-yen"
date = 2018-01-01
members = { value = 40, approx = "about" }
source = "BVP, 2018"
`
	if string(b) != want {
		t.Errorf("%s:\n%s\nwant\n%s", res.Path, b, want)
	}
}

// TestMappingFile: a form with headers of its own is read with a -map
// file, whose mistakes are said with its place.
func TestMappingFile(t *testing.T) {
	dir := baseSite(t)
	form := filepath.Join(t.TempDir(), "rieng.xlsx")
	workbook(t, form, sheetSpec{name: "Sheet1", rows: [][]any{
		{"Chi bộ", "Số ĐV mới (người)", "Căn cứ"},
		{"prime-group", 17, "BVP"},
	}})
	mapping := filepath.Join(t.TempDir(), "map.toml")
	writeFile(t, mapping, "[columns]\n\"Chi bộ\" = \"cell\"\n\"Số ĐV mới\" = \"admitted\"\n\"Căn cứ\" = \"source\"\n")
	res := mustImport(t, Options{Src: dir, Form: form, FormName: "rieng.xlsx", Kind: "admission", Year: 2017, Map: mapping})
	if res.Records != 1 {
		t.Errorf("%+v", res)
	}
	writeFile(t, mapping, "[columns]\n\"Chi bộ\" = \"cell\"\n\"Số ĐV mới\" = \"admited\"\n")
	_, diags, _ := Import(Options{Src: dir, Form: form, FormName: "rieng.xlsx", Kind: "admission", Year: 2017, Map: mapping})
	want := mapping + `: cột "Số ĐV mới" được gán cho khóa "admited", nhưng [[admission]] không có khóa đó; có phải là "admitted"?`
	if diags.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", diags, want)
	}
	writeFile(t, mapping, "[columns]\n\"Chi bộ\" = cell\n")
	_, diags, _ = Import(Options{Src: dir, Form: form, FormName: "rieng.xlsx", Kind: "admission", Year: 2017, Map: mapping})
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), mapping+":2:") {
		t.Errorf("a TOML mistake in the map file: %v", diags)
	}
}

// FuzzImportCSV feeds import any CSV form, of any kind: it must not
// panic, and every message about the form is at one of its cells (a
// line and field of the file, 0 for the whole line or file).
func FuzzImportCSV(f *testing.F) {
	dir := baseSite(f)
	for _, s := range []string{
		"Đơn vị,Ngày,Đảng viên,Nguồn\nkhoi-dn,01/01/2018,3.232,BVP\n\"Đảng bộ Công ty in Phúc Yên\",2018-01-01,khoảng 40,\"BVP, 2018\"\n",
		"STT;Đơn vị;Kết nạp;Nữ;Ghi chú/Nguồn\n1;prime-group;12;3;BVP\n;Tổng cộng;12;3;\n",
		"Đơn vị\tNăm\tChỉ tiêu\nkhoi-dn\t2017\t200–220\n",
		"\ufeffĐơn vị,Kết nạp\n\"khoi-dn,3\n", "", ",,,\n,,,\n",
	} {
		for k := range Kinds {
			f.Add(s, uint8(k))
		}
	}
	f.Fuzz(func(t *testing.T, form string, kind uint8) {
		path := filepath.Join(t.TempDir(), "bieu-mau.csv")
		writeFile(t, path, form)
		k := Kinds[int(kind)%len(Kinds)].Name
		_, diags, err := Import(Options{Src: dir, Form: path, FormName: "bieu-mau.csv", Kind: k, Year: 2017, DryRun: true})
		if err != nil {
			return // the form could not be read: said by the command
		}
		lines := strings.Count(form, "\n") + 1
		for _, d := range diags {
			if d.Path == "bieu-mau.csv" && (d.Line < 0 || d.Line > lines || d.Col < 0) {
				t.Errorf("-kind %s: a message at line %d, col %d of a form of %d lines: %s", k, d.Line, d.Col, lines, d.Msg)
			}
		}
	})
}

// FuzzReadXLSX feeds the workbook reader forms whose parts are any
// bytes: a part of a valid form (its sheet, shared strings, workbook,
// styles…) is replaced by the fuzzer's, and the zip made again, so the
// reader gets past the zip's checksums. A workbook that does not read
// is an error to say, never a panic.
func FuzzReadXLSX(f *testing.F) {
	valid := filepath.Join(f.TempDir(), "bieu-mau.xlsx")
	workbook(f, valid, sampleSheets()...)
	b, err := os.ReadFile(valid)
	if err != nil {
		f.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		f.Fatal(err)
	}
	type part struct {
		name string
		data []byte
	}
	var parts []part
	for _, e := range z.File {
		data, err := fs.ReadFile(z, e.Name)
		if err != nil {
			f.Fatal(err)
		}
		parts = append(parts, part{e.Name, data})
	}
	for i, p := range parts {
		f.Add(uint8(i), p.data)
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		var out bytes.Buffer
		w := zip.NewWriter(&out)
		for i, p := range parts {
			e, err := w.Create(p.name)
			if err != nil {
				t.Fatal(err)
			}
			if i == int(which)%len(parts) {
				e.Write(data)
			} else {
				e.Write(p.data)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "bieu-mau.xlsx")
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		Read(path, "bieu-mau.xlsx", "")
	})
}
