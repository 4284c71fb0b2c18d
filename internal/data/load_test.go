package data

import (
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"golang.org/x/tools/txtar"

	"sitegen/internal/diag"
)

// Splitting the same records differently across files gives the same model
// and the same figures.
func TestSplitDoesNotMatter(t *testing.T) {
	ar := txtar.Parse([]byte(figureSite))

	// One file with everything.
	var all strings.Builder
	for _, f := range ar.Files {
		all.Write(f.Data)
		all.WriteByte('\n')
	}
	one := "-- data/all.toml --\n" + all.String()

	// One record per file, in sub-folders, in the reverse order.
	header := regexp.MustCompile(`(?m)^\[`)
	var records []string
	for _, f := range ar.Files {
		text := string(f.Data)
		idx := header.FindAllStringIndex(text, -1)
		for i, m := range idx {
			end := len(text)
			if i+1 < len(idx) {
				end = idx[i+1][0]
			}
			records = append(records, text[m[0]:end])
		}
	}
	var many strings.Builder
	for i := range records {
		r := records[len(records)-1-i]
		fmt.Fprintf(&many, "-- data/%c/%03d.toml --\n%s\n", 'a'+i%3, i, r)
	}

	want, diags := load(t, figureSite)
	if want == nil {
		t.Fatal(messages(diags))
	}
	for name, archive := range map[string]string{"one file": one, "one record per file": many.String()} {
		got, diags := load(t, archive)
		if got == nil {
			t.Fatalf("%s: %s", name, messages(diags))
		}
		if !reflect.DeepEqual(withoutPos(got), withoutPos(want)) {
			t.Errorf("%s: the records differ", name)
		}
		for _, q := range allQueries(want) {
			f1, e1 := want.Figure(q)
			f2, e2 := got.Figure(q)
			f1.Pos, f2.Pos = Pos{}, Pos{}
			if !reflect.DeepEqual(f1, f2) || fmt.Sprint(e1) != fmt.Sprint(e2) {
				t.Errorf("%s: %+v: got %s, want %s", name, q, describe(f2, e2), describe(f1, e1))
			}
		}
	}
}

// allQueries is every figure name for every cell and referrer, every year
// and period of the data, now and as known at the start of each year.
func allQueries(d *Data) []Query {
	var qs []Query
	periods := append([]Period{}, d.Periods()...)
	for _, y := range d.Years() {
		periods = append(periods, Year(y))
	}
	names := append(append([]string{}, AdmissionCounts...), NameMembers, NameUnits, NameTarget, NameAchieved)
	for _, p := range periods {
		for _, known := range []Date{{}, {p.To, 7, 1}, {p.To + 1, 1, 1}} {
			for _, c := range d.Cells {
				for _, n := range names {
					qs = append(qs, Query{Name: n, Subject: c.ID, Period: p, On: known})
				}
			}
			for _, r := range d.Referrers {
				for _, n := range []string{NameReferred, NameReferralAdmitted, NameConversion} {
					qs = append(qs, Query{Name: n, Subject: r.ID, Period: p, On: known})
				}
			}
		}
	}
	return qs
}

// withoutPos copies the records with every position cleared.
func withoutPos(d *Data) *Data {
	c := &Data{Site: d.Site}
	c.Site.Pos = Pos{}
	for _, x := range d.Cells {
		y := *x
		y.Pos = Pos{}
		c.Cells = append(c.Cells, &y)
	}
	for _, x := range d.Admissions {
		y := *x
		y.Pos = Pos{}
		c.Admissions = append(c.Admissions, &y)
	}
	for _, x := range d.Memberships {
		y := *x
		y.Pos = Pos{}
		c.Memberships = append(c.Memberships, &y)
	}
	for _, x := range d.Targets {
		y := *x
		y.Pos = Pos{}
		c.Targets = append(c.Targets, &y)
	}
	for _, x := range d.Referrers {
		y := *x
		y.Pos = Pos{}
		c.Referrers = append(c.Referrers, &y)
	}
	for _, x := range d.Referrals {
		y := *x
		y.Pos = Pos{}
		c.Referrals = append(c.Referrals, &y)
	}
	return c
}

// One run reports every error of every file, sorted by file and line.
func TestSeveralErrorsAcrossFiles(t *testing.T) {
	_, diags := load(t, baseSite+`
-- data/z.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 5.921

-- data/a/b.toml --
[[membership]]
cell = "pxsx"
date = "31/12/2022"
members = 3

[[target]]
cell = "khoj"
year = 2018
min = 0

-- data/broken.toml --
[[cell]]
id = "x"
name = Đảng bộ X

[[target]]
cell = "x"
year = 2018
min = 1
`)
	want := `data/a/b.toml:3:1: membership cell="pxsx" date="31/12/2022": date = "31/12/2022" viết theo kiểu ngày/tháng/năm; viết date = 2022-12-31, không có dấu ngoặc kép
data/a/b.toml:7:1: target cell="khoj" year=2018: tổ chức đảng "khoj" không tồn tại; có phải là "khoi"?
data/a/b.toml:9:1: target cell="khoj" year=2018: min = 0 nhỏ hơn 1; chỉ tiêu thấp nhất là 1
data/broken.toml:3:1: cell id="x": giá trị của name là chữ nhưng không có dấu ngoặc kép; đặt chữ trong dấu ngoặc kép: name = "…"
data/z.toml:4:1: admission cell="pxsx" year=2017: admitted = 5.921 có dấu phân cách hàng nghìn; viết 5921, không có dấu chấm hay dấu phẩy
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	// A reference to a cell the broken file seems to define is not
	// reported: the keeper fixes the syntax first.
	_, diags = load(t, baseSite+`
-- data/a.toml --
[[admission]]
cell = "x"
year = 2017
admitted = 1
-- data/broken.toml --
[[cell]]
id = "x"
name = "X
`)
	want = "data/broken.toml:3:1: cell id=\"x\": chữ của name thiếu dấu ngoặc kép đóng; thêm dấu \" ở cuối; chữ nhiều dòng viết trong \"\"\" … \"\"\"\n"
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// With language = "en", every message is in English.
func TestEnglishMessages(t *testing.T) {
	site := strings.Replace(baseSite, `root = "khoi"`, "root = \"khoi\"\nlanguage = \"en\"", 1)
	_, diags := load(t, site+`
-- data/x.toml --
[[admission]]
cell = "pxs"
year = 2017
admitted = { value = 200, approx = "gần" }
women = "5,921"

-- data/y.toml --
[admission]
cell = "pxsx"
year = 2018
admitted = 3
as_of = "15/11/2018"
`)
	want := `data/x.toml:2:1: admission cell="pxs" year=2017: cell "pxs" does not exist; did you mean "pxsx"?
data/x.toml:4:27: admission cell="pxs" year=2017: approx of admitted is "gần", a word the format does not use; write approx = "under"
data/x.toml:5:1: admission cell="pxs" year=2017: women = "5,921" has a thousands separator; write 5921, with no dot or comma
data/y.toml:1:1: [admission] is written with single brackets; each record starts with [[admission]], with double brackets
data/y.toml:5:1: admission cell="pxsx" year=2018 as_of="15/11/2018": as_of = "15/11/2018" is written day/month/year; write as_of = 2018-11-15, without quotes
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Messages are in Vietnamese when [site] cannot be read.
func TestMessagesWithoutSite(t *testing.T) {
	_, diags := load(t, `
-- data/site.toml --
[site]
title = "T
-- data/x.toml --
[[cell]]
id = "khoi"
name = "K"
kind = "khoj"
`)
	want := `data/site.toml:2:1: chữ của title thiếu dấu ngoặc kép đóng; thêm dấu " ở cuối; chữ nhiều dòng viết trong """ … """
data/x.toml:4:1: cell id="khoi": kind = "khoj" không phải giá trị được phép; có phải là "khoi"? Các giá trị được phép: khoi, dang-bo-co-so, chi-bo-co-so, dang-bo-bo-phan, chi-bo-truc-thuoc
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestNotUTF8(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.toml":  {Data: []byte("[site]\ntitle = \"T\"\nroot = \"khoi\"\n")},
		"data/cells.toml": {Data: []byte("[[cell]]\nid = \"khoi\"\nname = \"Đảng bộ \xd0 Khối\"\nkind = \"khoi\"\n")},
	}
	_, diags := Load(fsys, "site")
	want := "site/data/cells.toml:3:17: tệp có ký tự không phải UTF-8; lưu lại tệp với bảng mã UTF-8\n"
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A file cut off in the middle of a line (a copy that stopped short) is
// reported as the same mistake on a whole line: txtar cases always end
// with a newline, so these are written out.
func TestCutOffFile(t *testing.T) {
	site := "[site]\ntitle = \"T\"\nroot = \"khoi\"\n\n[[cell]]\nid = \"khoi\"\nname = \"K\"\nkind = \"khoi\"\n"
	for _, tt := range []struct{ name, file, want string }{
		{"in a text", "[[admission]]\ncell = \"khoi\"\nyear = 2017\nsource = \"Báo Vĩnh Ph",
			"data/x.toml:4:1: admission cell=\"khoi\" year=2017: chữ của source thiếu dấu ngoặc kép đóng; thêm dấu \" ở cuối; chữ nhiều dòng viết trong \"\"\" … \"\"\"\n"},
		{"in a key", "[[admission]]\ncell = \"khoi\"\nyear = 2017\nadmit",
			"data/x.toml:4:1: admission cell=\"khoi\" year=2017: dòng này thiếu dấu =; viết khóa = giá trị, ví dụ admitted = 17\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Load(fstest.MapFS{
				"data/site.toml": {Data: []byte(site)},
				"data/x.toml":    {Data: []byte(tt.file)},
			}, "")
			if got := messages(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestNoDataFolder(t *testing.T) {
	_, diags := Load(fstest.MapFS{"content/a.md": {}}, "")
	want := "data: không tìm thấy thư mục data/; chạy lệnh trong thư mục của trang, hoặc chỉ ra thư mục đó bằng -src\n"
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// check warns where a cell's own figure is less than its sub-cells' sum;
// a warning does not stop the data from being handed on.
func TestWarnSum(t *testing.T) {
	d, diags := load(t, baseSite+`
-- data/x.toml --
[[admission]]
cell = "khoi"
year = 2017
admitted = 5
confirmed = { value = 1, approx = "over" }
source = "Báo cáo"

[[admission]]
cell = "pxsx"
year = 2017
admitted = 6
confirmed = 2
source = "Báo cáo"
`)
	want := "data/x.toml:4:1: cảnh báo: admission cell=\"khoi\" year=2017: admitted = 5 nhỏ hơn 6 là tổng của các tổ chức đảng trực thuộc (1 tổ chức có số liệu); kiểm tra lại admitted của tổ chức đảng này và của các tổ chức đảng trực thuộc\n"
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if d == nil {
		t.Error("warnings must not stop the data")
	}
}

// Keys are found on their own line whatever comes before them: inline
// tables, arrays and strings over several lines, comments, quoted keys.
func TestKeyPositions(t *testing.T) {
	_, diags := load(t, baseSite+`
-- data/x.toml --
# a comment with [[cell]] in it
[[cell]]   # and one here
id = "a"
name = """Đảng bộ
[[admission]]
A"""
former_names = [
  "B = 1",   # not a key
  'C',
]
"kind" = "chi-bo"
parent = "khoi"
  [[admission]]
  cell = "a"
  year = 2017
  admitted = { value = 3, approx = "over" }
  women = { value = 1, approx = "x" }
`)
	want := `data/x.toml:11:1: cell id="a": kind = "chi-bo" không phải giá trị được phép; các giá trị được phép: khoi, dang-bo-co-so, chi-bo-co-so, dang-bo-bo-phan, chi-bo-truc-thuoc
data/x.toml:17:24: admission cell="a" year=2017: approx của women là "x", không được dùng; approx chỉ nhận "over" (trên), "under" (gần) hoặc "about" (khoảng)
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Text typed with decomposed tone marks is stored composed (NFC), so that
// search and sorting see one word.
func TestNFC(t *testing.T) {
	decomposed := "Đa\u0309ng bo\u0323\u0302 Kho\u0302\u0301i" // "Đảng bộ Khối" as some keyboards type it
	site := strings.Replace(baseSite, `name = "Đảng bộ Khối"`, `name = "`+decomposed+`"`+"\nformer_names = [\""+decomposed+"\"]", 1)
	d, diags := load(t, site)
	if d == nil {
		t.Fatal(messages(diags))
	}
	if got := d.Cell("khoi").Name; got != "Đảng bộ Khối" {
		t.Errorf("name %q (%+q), want it composed", got, got)
	}
	if got := d.Cell("khoi").FormerNames; len(got) != 1 || got[0] != "Đảng bộ Khối" {
		t.Errorf("former names %+q, want them composed", got)
	}
	if got := d.Site.Publisher; got != "Đảng bộ Khối" {
		t.Errorf("publisher %q, want the root's name", got)
	}
}

// A syntax error hides only its own block: the decoder resumes at the
// next header, so one run reports every syntax error of a file and every
// mistake of the records around them. A reference to an id that a broken
// block seems to define is not reported.
func TestEverySyntaxErrorInOneRun(t *testing.T) {
	_, diags := load(t, baseSite+`
-- data/2017.toml --
[[cell]]
id = "pgd"
name = "Chi bộ Phòng giáo dục
kind = "chi-bo-co-so"
parent = "khoi"

[[admission]]
cell = "pxsx"
year = 2016
admitted = 17 người

[[admission]]
cell = "pgd"
year = 2017
admitted = 4
source = "Báo cáo"

[[admission]]
cell = "pxsx"
year = 2017
admitted = 5
admitted = 6

[[membership]
cell = "pxsx"
date = 2017-12-31
members = 30

[[cell]]
id = "to-1"
name = "Chi bộ Tổ 1"
kind = "chi-bo-truc-thuoc"
parent = "pgd"
former_names = ["Tổ một", "Tổ 1 cũ"

[[target]]
cell = "pxsx"
year = 2017
min = 0

[[admission]]
cell = "khoj"
year = 2017
admitted = 3
-- data/z.toml --
[[target]]
cell = "pgd"
year = 2018
min = 2
source = "Báo cáo"
`)
	want := `data/2017.toml:3:1: cell id="pgd": chữ của name thiếu dấu ngoặc kép đóng; thêm dấu " ở cuối; chữ nhiều dòng viết trong """ … """
data/2017.toml:10:1: admission cell="pxsx" year=2016: sau giá trị của admitted còn chữ thừa trên cùng dòng; mỗi dòng chỉ viết một khóa = giá trị; ghi chú đặt sau dấu #
data/2017.toml:22:1: admission cell="pxsx" year=2017: khóa admitted viết hai lần trong cùng một bản ghi; xóa một dòng; nếu đây là bản ghi mới, thêm tiêu đề [[…]] phía trên nó
data/2017.toml:24:1: membership cell="pxsx" date=2017-12-31: dòng tiêu đề bảng viết sai; tiêu đề bản ghi viết [[cell]], [[admission]]…; bảng site viết [site]
data/2017.toml:34:16: cell id="to-1": danh sách của former_names thiếu dấu ] đóng; đóng danh sách bằng ] trên cùng dòng: former_names = ["a", "b"]
data/2017.toml:39:1: target cell="pxsx" year=2017: min = 0 nhỏ hơn 1; chỉ tiêu thấp nhất là 1
data/2017.toml:42:1: admission cell="khoj" year=2017: tổ chức đảng "khoj" không tồn tại; có phải là "khoi"?
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A file of nothing but syntax errors costs a decode per error: after
// maxSyntax errors one message says the rest is not checked, and the
// records above are still read.
func TestSyntaxErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- data/x.toml --\n[[target]]\ncell = \"pxsx\"\nyear = 2017\nmin = 0\n")
	for i := range maxSyntax + 5 {
		fmt.Fprintf(&b, "\n[[cell]]\nid = \"c%d\"\nname = C%d\n", i, i)
	}
	_, diags := load(t, baseSite+b.String())
	var want strings.Builder
	want.WriteString("data/x.toml:4:1: target cell=\"pxsx\" year=2017: min = 0 nhỏ hơn 1; chỉ tiêu thấp nhất là 1\n")
	for i := range maxSyntax {
		fmt.Fprintf(&want, "data/x.toml:%d:1: cell id=\"c%d\": giá trị của name là chữ nhưng không có dấu ngoặc kép; đặt chữ trong dấu ngoặc kép: name = \"…\"\n", 8+4*i, i)
	}
	fmt.Fprintf(&want, "data/x.toml:%d:1: tệp đã có 20 lỗi cú pháp; từ dòng này trở xuống chưa được kiểm tra; sửa các lỗi ở trên rồi chạy lại\n", 6+4*maxSyntax)
	if got := messages(diags); got != want.String() {
		t.Errorf("got:\n%s\nwant:\n%s", got, want.String())
	}
}

// TestDecodedForgetFirst: a Decoded that forgot before its first load
// still loads, and a load through it reads what a load without it does.
func TestDecodedForgetFirst(t *testing.T) {
	fsys, err := txtar.FS(txtar.Parse([]byte(baseSite)))
	if err != nil {
		t.Fatal(err)
	}
	var dc Decoded
	dc.Forget()
	for range 2 {
		d, diags := LoadWith(fsys, "", &dc)
		if diags.HasErrors() || len(d.Cells) != 2 {
			t.Fatalf("loaded %d cells: %v", len(d.Cells), diags)
		}
	}
}

// TestLoadKept: a Kept answers with the Data it loaded while every file
// of data/ reads as it did, and with what a fresh Load gives once one
// does not: a file changed, added, removed or unreadable, or another
// prefix. What a caller appends to the diagnostics is not kept.
func TestLoadKept(t *testing.T) {
	const admission = "\n[[admission]]\ncell = \"pxsx\"\nyear = 2018\nadmitted = %d\n"
	base := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, f := range txtar.Parse([]byte(baseSite)).Files {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
		fsys["data/admissions/2018.toml"] = &fstest.MapFile{Data: fmt.Appendf(nil, admission, 5)}
		return fsys
	}
	for _, tc := range []struct {
		name   string
		change func(fsys fstest.MapFS) // nil changes nothing
		prefix string
		kept   bool
	}{
		{"nothing changed", nil, "", true},
		{"the same bytes written again", func(fsys fstest.MapFS) {
			fsys["data/admissions/2018.toml"] = &fstest.MapFile{Data: fmt.Appendf(nil, admission, 5)}
		}, "", true},
		{"a count changed", func(fsys fstest.MapFS) {
			fsys["data/admissions/2018.toml"] = &fstest.MapFile{Data: fmt.Appendf(nil, admission, 7)}
		}, "", false},
		{"a file added", func(fsys fstest.MapFS) {
			fsys["data/admissions/2019.toml"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(fmt.Sprintf(admission, 3), "2018", "2019"))}
		}, "", false},
		{"a file removed", func(fsys fstest.MapFS) { delete(fsys, "data/admissions/2018.toml") }, "", false},
		{"a file moved", func(fsys fstest.MapFS) {
			fsys["data/admissions/nam-2018.toml"] = fsys["data/admissions/2018.toml"]
			delete(fsys, "data/admissions/2018.toml")
		}, "", false},
		{"a file no longer TOML", func(fsys fstest.MapFS) {
			fsys["data/admissions/2018.toml"] = &fstest.MapFile{Data: []byte("[[admission]\n")}
		}, "", false},
		{"another prefix", nil, "site", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := base()
			var k Kept
			first, diags := LoadKept(fsys, "", &k)
			if diags.HasErrors() {
				t.Fatalf("the site does not load: %v", diags)
			}
			diags = append(diags, &diag.Diagnostic{Path: "appended", Msg: "by the caller"})
			if tc.change != nil {
				tc.change(fsys)
			}
			got, gotDiags := LoadKept(fsys, tc.prefix, &k)
			want, wantDiags := Load(fsys, tc.prefix)
			if kept := got == first; kept != tc.kept {
				t.Errorf("the first load's Data kept: %v, want %v", kept, tc.kept)
			}
			if messages(gotDiags) != messages(wantDiags) {
				t.Errorf("diagnostics:\n%s\nwant a fresh load's:\n%s", messages(gotDiags), messages(wantDiags))
			}
			if want != nil && (got == nil || fmt.Sprint(admitted(got)) != fmt.Sprint(admitted(want))) {
				t.Errorf("admissions %v, want a fresh load's %v", admitted(got), admitted(want))
			}
			// A third load of the same files is the second's.
			if again, _ := LoadKept(fsys, tc.prefix, &k); again != got {
				t.Errorf("a third load of the same files loaded again")
			}
		})
	}
}

// admitted lists d's admissions as cell/year=count.
func admitted(d *Data) []string {
	if d == nil {
		return nil
	}
	var out []string
	for _, a := range d.Admissions {
		out = append(out, fmt.Sprintf("%s/%s=%v", a.Cell, a.Period, a.Counts))
	}
	return out
}

// TestLoadKeptUnreadable: a file that could not be read is read again
// by the next load, which loads once it can be.
func TestLoadKeptUnreadable(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(baseSite)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	fsys["data/x.toml"] = &fstest.MapFile{Data: []byte("# nothing yet\n")}
	unreadable := failOpen{fsys, "data/x.toml"}
	var k Kept
	first, diags := LoadKept(unreadable, "", &k)
	if !diags.HasErrors() {
		t.Fatalf("no error for an unreadable data/x.toml")
	}
	if again, _ := LoadKept(unreadable, "", &k); again == first {
		t.Errorf("a load with a file that could not be read was kept")
	}
	if _, diags := LoadKept(fsys, "", &k); diags.HasErrors() {
		t.Errorf("still errors once data/x.toml reads: %v", diags)
	}
}

// failOpen is fsys with the file name refused.
type failOpen struct {
	fstest.MapFS
	name string
}

func (f failOpen) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func (f failOpen) ReadFile(name string) ([]byte, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

// TestLoadKeptReads: a file that reads the same is not read again (its
// records are copies of those read before), and every load equals a
// fresh Load of the same files, records, figures and messages, whatever
// changed in the other files.
func TestLoadKeptReads(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(baseSite)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	cells := string(fsys["data/cells.toml"].Data)
	put := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text)} }
	put("data/admissions/2017.toml", "[[admission]]\ncell = \"pxsx\"\nyear = 2017\nas_of = 2017-06-30\nadmitted = 2\n")
	put("data/admissions/2018.toml", "[[admission]]\ncell = \"pxsx\"\nyear = 2018\nadmitted = 5\n")
	put("data/tho.toml", "[[cell]]\nid = \"tho\"\nname = \"Chi bộ Tổ\"\nkind = \"chi-bo-co-so\"\nparent = \"khoi\"\n")
	const pxsx2019 = "\n[[admission]]\ncell = \"pxsx\"\nyear = 2019\nadmitted = 1\n"
	put("data/admissions/tho.toml", "[[admission]]\ncell = \"tho\"\nyear = 2018\nadmitted = 4\n"+pxsx2019)
	var k Kept
	var prev *Data
	for _, step := range []struct {
		name   string
		change func()
		prefix string
		kept   []string // files whose records the load copies from the one before
		same   []string // the subjects whose figures are told the same as the load before's
	}{
		{"first load", func() {}, "", nil, nil},
		{"a count changed", func() {
			put("data/admissions/2018.toml", "[[admission]]\ncell = \"pxsx\"\nyear = 2018\nadmitted = 6\n")
		}, "", []string{"data/admissions/2017.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"},
			[]string{"doan-khoi", "tho"}},
		{"a membership added in a new file", func() {
			put("data/m.toml", "[[membership]]\ncell = \"tho\"\ndate = 2018-12-31\nmembers = 12\n")
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"},
			[]string{"doan-khoi", "pxsx"}},
		{"a referral added", func() {
			put("data/r.toml", "[[referral]]\nreferrer = \"doan-khoi\"\nyear = 2018\nreferred = 9\nadmitted = 3\n")
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/cells.toml", "data/m.toml", "data/tho.toml"},
			nil},
		{"both removed", func() { delete(fsys, "data/m.toml"); delete(fsys, "data/r.toml") }, "",
			[]string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"},
			nil},
		{"a cell closed in another file", func() {
			put("data/cells.toml", strings.Replace(cells, "parent = \"khoi\"", "parent = \"khoi\"\nclosed = 2017-06-30", 1))
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/tho.toml"}, nil},
		{"the cell open again", func() { put("data/cells.toml", cells) }, "",
			[]string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/tho.toml"}, nil},
		{"a file with an unknown key", func() {
			put("data/y.toml", "[[admission]]\ncell = \"khoi\"\nyear = 2018\nadmited = 3\n")
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"}, nil},
		{"another file changed", func() {
			put("data/admissions/2018.toml", "[[admission]]\ncell = \"pxsx\"\nyear = 2018\nadmitted = 7\n")
		}, "", []string{"data/admissions/2017.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"}, nil},
		{"that file removed, a cell written twice", func() {
			delete(fsys, "data/y.toml")
			put("data/z.toml", "[[cell]]\nid = \"pxsx\"\nname = \"Chi bộ\"\nkind = \"chi-bo-co-so\"\nparent = \"khoi\"\n")
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"}, nil},
		{"the cell once again", func() { delete(fsys, "data/z.toml") }, "",
			[]string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/admissions/tho.toml", "data/cells.toml", "data/tho.toml"}, nil},
		{"a count changed after it, in a file with another cell's", func() {
			put("data/admissions/tho.toml", "[[admission]]\ncell = \"tho\"\nyear = 2018\nadmitted = 3\n"+pxsx2019)
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/cells.toml", "data/tho.toml"},
			[]string{"doan-khoi", "pxsx"}},
		{"a line added above both", func() {
			put("data/admissions/tho.toml", "# 2018\n[[admission]]\ncell = \"tho\"\nyear = 2018\nadmitted = 3\n"+pxsx2019)
		}, "", []string{"data/admissions/2017.toml", "data/admissions/2018.toml", "data/cells.toml", "data/tho.toml"},
			[]string{"doan-khoi"}},
		{"another prefix", func() {}, "site", nil, nil},
	} {
		step.change()
		before := maps.Clone(k.reads)
		got, gotDiags := LoadKept(fsys, step.prefix, &k)
		want, wantDiags := Load(fsys, step.prefix)
		if messages(gotDiags) != messages(wantDiags) {
			t.Errorf("%s: messages:\n%s\nwant a fresh load's:\n%s", step.name, messages(gotDiags), messages(wantDiags))
		}
		if dump(got) != dump(want) {
			t.Errorf("%s: loaded\n%s\nwant a fresh load's\n%s", step.name, dump(got), dump(want))
		}
		var kept []string
		for name, rd := range k.reads {
			if before[name] == rd {
				kept = append(kept, name)
			}
		}
		slices.Sort(kept)
		if !slices.Equal(kept, step.kept) {
			t.Errorf("%s: records copied from %v, want from %v", step.name, kept, step.kept)
		}
		// What Same tells is true: every figure of a subject told the
		// same is the load before's.
		var same []string
		for _, id := range []string{"doan-khoi", "khoi", "pxsx", "tho"} {
			if got.Same(id, prev) {
				same = append(same, id)
				if was, is := subjectFigures(prev, id), subjectFigures(got, id); was != is {
					t.Errorf("%s: %s told the same, but its figures were\n%s\nand are\n%s", step.name, id, was, is)
				}
			}
		}
		if !slices.Equal(same, step.same) {
			t.Errorf("%s: told the same: %v, want %v", step.name, same, step.same)
		}
		if !got.Same("khoi", got) {
			t.Errorf("%s: a load is not told the same as itself", step.name)
		}
		if got.Same("doan-khoi", want) {
			t.Errorf("%s: told the same as a fresh Load it was not loaded after", step.name)
		}
		prev = got
	}
}

// dumpRecords writes each record, every field, one per line.
func dumpRecords[T any](b *strings.Builder, records []*T) {
	for _, r := range records {
		fmt.Fprintf(b, "%+v\n", *r)
	}
}

// subjectFigures is every figure of the subject id in d, asked now and
// on days through 2017 and 2018, one per line.
func subjectFigures(d *Data, id string) string {
	var b strings.Builder
	for _, n := range Names {
		for _, y := range []int{2017, 2018} {
			for _, on := range []Date{{}, {2017, 7, 1}, {2018, 7, 1}, {2019, 1, 1}} {
				f, err := d.Figure(Query{Name: n.Name, Subject: id, Period: Year(y), On: on})
				fmt.Fprintf(&b, "%s %d %v: %s\n", n.Name, y, on, describe(f, err))
			}
		}
	}
	return b.String()
}

// dump is every record of d and every admission count of every cell
// and year, one per line.
func dump(d *Data) string {
	if d == nil {
		return "nil"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%+v\n", d.Site)
	dumpRecords(&b, d.Cells)
	dumpRecords(&b, d.Admissions)
	dumpRecords(&b, d.Memberships)
	dumpRecords(&b, d.Targets)
	dumpRecords(&b, d.Referrers)
	dumpRecords(&b, d.Referrals)
	for _, c := range d.Cells {
		for _, y := range d.Years() {
			for _, name := range AdmissionCounts {
				f, err := d.Figure(Query{Name: name, Subject: c.ID, Period: Year(y)})
				fmt.Fprintf(&b, "%s %d %s: %s\n", c.ID, y, name, describe(f, err))
			}
		}
	}
	return b.String()
}

// The records keep their texts as strings of their own, one copy of
// each, and not as parts of the decoder's copy of their file, which the
// data would otherwise hold to the end of the build: a cell's id read
// in two files is the same string, and so is an approx word and the
// format's constant.
func TestRecordsKeepTheirOwnText(t *testing.T) {
	d, diags := load(t, baseSite+`
-- data/admissions.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = { value = 3, approx = "over" }
source = "Báo cáo"

-- data/more.toml --
[[admission]]
cell = "pxsx"
year = 2018
admitted = 4
source = "Báo cáo"
`)
	if diags.HasErrors() {
		t.Fatal(messages(diags))
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	cell := d.Cell("pxsx")
	as := d.AdmissionsOf("pxsx")
	if len(as) != 2 {
		t.Fatalf("%d admissions, want 2", len(as))
	}
	for _, a := range as {
		if !same(a.Cell, cell.ID) {
			t.Errorf("admission %v: its cell's id is a copy of its own, not the cell's", a.Period)
		}
	}
	if !same(as[0].Source, as[1].Source) {
		t.Error("the same source in two files is two strings")
	}
	if c, _ := as[0].Counts.Get("admitted"); c.Approx != Over || !same(string(c.Approx), string(Over)) {
		t.Errorf("approx %q is not the constant Over", c.Approx)
	}
}
