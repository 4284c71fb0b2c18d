package build

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// One run of check says every mistake of the site: the syntax errors of
// a data file, each in its record, the rule errors of the records around
// them, and the mistakes of the articles (front matter, figure names,
// unknown cells, charts). Only the figures a broken record may change are
// left, said once for the whole site.
func TestEveryErrorInOneRun(t *testing.T) {
	site := writeTxtar(t, `
-- data/site.toml --
[site]
title = "Thử"
root = "khoi"

[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"

[[cell]]
id = "pxsx"
name = "Chi bộ Phân xưởng"
kind = "chi-bo-co-so"
parent = "khoi"

[[cell]]
id = "pkt"
name = "Chi bộ Phòng kỹ thuật"
kind = "chi-bo-co-so"
parent = "khoi"
-- data/2017.toml --
[[admission]]
cell = "pxsx"
year = 2016
admitted = 17 người

[[admission]]
cell = "pxsx"
year = 2017
admitted = 5
admitted = 6

[[membership]
cell = "pxsx"
date = 2017-12-31
members = 30

[[target]]
cell = "pxsx"
year = 2017
min = 0

[[admission]]
cell = "pkt"
year = 2016
admitted = 3
source = "Báo cáo"
-- content/a.md --
+++
title = "Năm 2017"
date = 2018-01-10
cells = ["pkt", "pxs"]
+++
Khối kết nạp {{ admitted khoi 2017 }}; Phân xưởng {{ admited pxsx 2017 }},
Phòng kỹ thuật {{ admitted pkt 2016 }} và {{ admitted pkt 2015 }}.

{{ chart admissions pxsx }}
-- content/b.md --
+++
title = "Năm 2016"
date = 2017-01-10
+++
Phân xưởng {{ members pxsx 2016 }}.
`)
	_, diags := Check(os.DirFS(site), "")
	var got strings.Builder
	for _, d := range diags {
		got.WriteString(d.Error() + "\n")
	}
	want := `content/a.md:4:18: không có đơn vị "pxs" trong data/; có phải là "pxsx"?
content/a.md:6:14: warning: 3 hình số và biểu đồ trong các bài viết chưa được kiểm tra, vì dữ liệu chúng dựa vào có lỗi trong data/; sửa các lỗi trong data/ rồi chạy lại để kiểm tra chúng
content/a.md:6:51: không có số liệu tên "admited"; có phải là "admitted"?
content/a.md:7:43: dữ liệu không có số liệu admitted của pkt cho 2015; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu
data/2017.toml:4:1: admission cell="pxsx" year=2016: sau giá trị của admitted còn chữ thừa trên cùng dòng; mỗi dòng chỉ viết một khóa = giá trị; ghi chú đặt sau dấu #
data/2017.toml:10:1: admission cell="pxsx" year=2017: khóa admitted viết hai lần trong cùng một bản ghi; xóa một dòng; nếu đây là bản ghi mới, thêm tiêu đề [[…]] phía trên nó
data/2017.toml:12:1: membership cell="pxsx" date=2017-12-31: dòng tiêu đề bảng viết sai; tiêu đề bản ghi viết [[cell]], [[admission]]…; bảng site viết [site]
data/2017.toml:20:1: target cell="pxsx" year=2017: min = 0 nhỏ hơn 1; chỉ tiêu thấp nhất là 1
`
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}

// decoderWords are words of the TOML decoder's English messages: none
// may reach a reader of a Vietnamese site.
var decoderWords = regexp.MustCompile(`(?i)expected|but got|invalid|bare key|toml: |instead|found|cannot|must|defined|newline|terminator|unexpected|delimiter|escape|hexadecimal|datetime|underscore|digit|float|integer|EOF|end of file|appears blank|leading zero`)

// A corpus of broken data files and front matter, each checked on a
// Vietnamese site: no message may hold the decoder's English, and the
// first message of the broken file points at the mistake (want: its
// line:col, found by hand).
func TestNoDecoderEnglish(t *testing.T) {
	const site = `
-- data/site.toml --
[site]
title = "Thử"
root = "khoi"

[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`
	adm := "[[admission]]\ncell = \"khoi\"\nyear = 2017\n"
	fm := "+++\ntitle = \"a\"\ndate = 2018-02-02\n"
	tests := []struct {
		name, file, src, want string
	}{
		{"leading zero", "data/x.toml", adm + "admitted = 012\n", "4:12"},
		{"decimal comma", "data/x.toml", adm + "admitted = 98,5\n", "4:12"},
		{"key in Vietnamese", "data/x.toml", adm + "kết_nạp = 12\n", "4:1"},
		{"key with a space", "data/x.toml", adm + "số lượng = 12\n", "4:1"},
		{"bare key with spaces", "data/x.toml", adm + "so luong = 12\n", "4:1"},
		{"curly quotes", "data/x.toml", adm + "admitted = 3\nsource = “Báo cáo”\n", "5:10"},
		{"curly quotes on a key", "data/x.toml", adm + "“admitted” = 3\n", "4:1"},
		{"YAML key", "data/x.toml", adm + "admitted: 3\n", "4:1"},
		{"unterminated string", "data/x.toml", adm + "admitted = 3\nsource = \"Báo cáo\n", "5:1"},
		{"unterminated single-quoted string", "data/x.toml", adm + "admitted = 3\nsource = 'Báo cáo\n", "5:1"},
		{"invalid escape", "data/x.toml", adm + "admitted = 3\nsource = \"a\\q\"\n", "5:12"},
		{"bad date", "data/x.toml", "[[membership]]\ncell = \"khoi\"\ndate = 2017-13-01\nmembers = 3\n", "3:1"},
		{"bad time", "data/x.toml", adm + "admitted = 3\nas_of = 2017-01-01T25:00:00\n", "5:1"},
		{"duplicate key", "data/x.toml", adm + "admitted = 3\nadmitted = 4\n", "5:1"},
		{"table redefined", "data/x.toml", "[site]\ntitle = \"Hai\"\n", "1:1"},
		{"array of mixed types", "data/x.toml", "[[cell]]\nid = \"a\"\nname = \"A\"\nkind = \"chi-bo-co-so\"\nparent = \"khoi\"\nformer_names = [\"B\", 1]\n", "6:1"},
		{"array not closed", "data/x.toml", "[[cell]]\nid = \"a\"\nname = \"A\"\nkind = \"chi-bo-co-so\"\nparent = \"khoi\"\nformer_names = [\"B\"\n", "6:16"},
		{"inline table not closed", "data/x.toml", adm + "admitted = { value = 3\n", "4:12"},
		{"two values", "data/x.toml", adm + "admitted = 3 4\n", "4:1"},
		{"underscores", "data/x.toml", adm + "admitted = 1__2\n", "4:1"},
		{"float", "data/x.toml", adm + "admitted = 1.\n", "4:1"},
		{"hexadecimal", "data/x.toml", adm + "admitted = 0x\n", "4:1"},
		{"a sign alone", "data/x.toml", adm + "admitted = +\n", "4:1"},
		{"a word for a value", "data/x.toml", adm + "admitted = tru\n", "4:1"},
		{"blank key", "data/x.toml", adm + "= 3\n", "4:1"},
		{"header not closed", "data/x.toml", "[[admission]\ncell = \"khoi\"\nyear = 2017\nadmitted = 3\n", "1:1"},

		{"YAML front matter", "content/a.md", "---\ntitle: a\ndate: 2018-02-02\n---\nChữ.\n", "1:1"},
		{"YAML key in front matter", "content/a.md", "+++\ntitle: a\ndate = 2018-02-02\n+++\n", "2:1"},
		{"front matter key in Vietnamese", "content/a.md", fm + "tác_giả = \"Kim\"\n+++\n", "4:1"},
		{"front matter curly quotes", "content/a.md", fm + "author = “Kim”\n+++\n", "4:10"},
		{"front matter text without quotes", "content/a.md", fm + "author = Kim\n+++\n", "4:10"},
		{"front matter leading zero", "content/a.md", fm + "years = [02017]\n+++\n", "4:10"},
		{"front matter bad date", "content/a.md", "+++\ntitle = \"a\"\ndate = 2018-13-02\n+++\n", "3:8"},
		{"front matter duplicate key", "content/a.md", fm + "title = \"b\"\n+++\n", "4:1"},
		{"front matter table twice", "content/a.md", fm + "[x]\n[x]\n+++\n", "5:2"},
		{"front matter unterminated string", "content/a.md", fm + "author = \"Kim\n+++\n", "4:14"},
		{"front matter invalid escape", "content/a.md", fm + "author = \"a\\q\"\n+++\n", "4:12"},
		{"front matter array not closed", "content/a.md", fm + "years = [2017\n+++\n", "4:9"},
		{"front matter blank key", "content/a.md", fm + "= 3\n+++\n", "4:1"},
		{"front matter mixed array", "content/a.md", fm + "years = [2017, \"a\"]\n+++\n", "4:9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := site + "-- " + tt.file + " --\n" + tt.src
			_, diags := Check(os.DirFS(writeTxtar(t, archive)), "")
			var all strings.Builder
			first := ""
			for _, d := range diags {
				all.WriteString(d.Error() + "\n")
				if w := decoderWords.FindString(d.Msg + " " + d.Help); w != "" {
					t.Errorf("%q of the decoder's English in %s", w, d.Error())
				}
				if d.Path == tt.file && first == "" {
					first = fmt.Sprintf("%d:%d", d.Line, d.Col)
				}
			}
			if first != tt.want {
				t.Errorf("the first message of %s is at %s, want %s:\n%s", tt.file, first, tt.want, all.String())
			}
		})
	}
}

// Without a [site] nothing can be built, but the articles are still
// checked, and none of their figures.
func TestArticlesCheckedWithoutSite(t *testing.T) {
	site := writeTxtar(t, `
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
-- content/a.md --
+++
title: Năm 2017
+++
Khối kết nạp {{ admitted khoi 2017 }}, {{ admited khoi 2017 }}.
`)
	_, diags := Check(os.DirFS(site), "")
	var got strings.Builder
	for _, d := range diags {
		got.WriteString(d.Error() + "\n")
	}
	want := `content/a.md:2:1: title: là cách viết của YAML; phần đầu viết theo TOML, với dấu =; viết title = "Năm 2017"
content/a.md:4:14: warning: 1 hình số và biểu đồ trong các bài viết chưa được kiểm tra, vì dữ liệu chúng dựa vào có lỗi trong data/; sửa các lỗi trong data/ rồi chạy lại để kiểm tra chúng
content/a.md:4:40: không có số liệu tên "admited"; có phải là "admitted"?
data: không có bảng [site]; thêm [site] có title và root vào một tệp trong data/, ví dụ data/site.toml
`
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}
