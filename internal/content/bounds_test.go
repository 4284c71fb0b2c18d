package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/hostile"
)

// TestHostileArticles: each hostile article is read within the budget,
// and gives the message it must.
func TestHostileArticles(t *testing.T) {
	want := map[string]string{
		"link-openers":          "content/a.md:5:10001: dòng dài 200000 ký tự, quá giới hạn 10000 ký tự",
		"nested-lists":          "content/a.md:5:21: dòng mở 4900 lớp trích dẫn và danh sách lồng nhau, quá giới hạn 10 lớp",
		"nested-quotes":         "content/a.md:5:11: dòng mở 9900 lớp trích dẫn và danh sách lồng nhau, quá giới hạn 10 lớp",
		"figure-openers":        "content/a.md:5:10001: dòng dài 249000 ký tự, quá giới hạn 10000 ký tự",
		"glued-figures":         "content/a.md:5:10001: dòng dài 248000 ký tự, quá giới hạn 10000 ký tự",
		"headings":              "",
		"charts-in-a-paragraph": "content/a.md:5:1: số liệu \"chart\" viết sai",
		"figures-in-a-title":    "content/a.md:5:10001: dòng dài 249010 ký tự, quá giới hạn 10000 ký tự",
	}
	fsys := testSite(t, "vi", "")
	l := newLoader(fsys, "", loadData(t, fsys))
	for _, in := range hostile.Articles {
		t.Run(in.Name, func(t *testing.T) {
			src := []byte(head + in.Text)
			l := *l
			l.fsys = fstest.MapFS{"content/a.md": {Data: src}}
			var st *articleState
			hostile.Run(t, func() { _, st = l.article("content/a.md") })
			first := ""
			if len(st.diags) > 0 {
				first, _, _ = strings.Cut(st.diags[0].Error(), ";")
			}
			if w, ok := want[in.Name]; !ok || first != w {
				t.Errorf("first message:\n%s\nwant:\n%s", first, w)
			}
		})
	}
}

// TestBounds: what is within the bounds and what is not, with whole
// messages.
func TestBounds(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "a long line", src: strings.Repeat("Chi bộ ", 1428) + "Chi\n",
			want: "<p>" + strings.Repeat("Chi bộ ", 1428) + "Chi</p>\n"},
		{name: "too long a line", src: "x\n" + strings.Repeat("Chi bộ ", 1428) + "Chi bộ\n",
			errs: []string{"content/a.md:6:10001: dòng dài 10002 ký tự, quá giới hạn 10000 ký tự; ngắt thành nhiều dòng ngắn hơn: trong một đoạn văn, xuống dòng một lần chỉ là một dấu cách trên trang"}},
		{name: "nested at the bound", src: "> - > 1. > * > 2) > + a\n",
			want: "<blockquote>\n<ul>\n<li>\n<blockquote>\n<ol>\n<li>\n<blockquote>\n<ul>\n<li>\n<blockquote>\n<ol start=\"2\">\n<li>\n<blockquote>\n<ul>\n<li>a</li>\n</ul>\n</blockquote>\n</li>\n</ol>\n</blockquote>\n</li>\n</ul>\n</blockquote>\n</li>\n</ol>\n</blockquote>\n</li>\n</ul>\n</blockquote>\n"},
		{name: "nested past the bound", src: "a\n\n  > - > 1. > * > 2) > + >a\n",
			errs: []string{"content/a.md:7:25: dòng mở 11 lớp trích dẫn và danh sách lồng nhau, quá giới hạn 10 lớp; bớt số lớp trích dẫn (>) và danh sách (-, *, 1.) lồng nhau trên dòng này"}},
		{name: "a thematic break is no list", src: strings.Repeat("- ", 20) + "\n",
			want: "<hr>\n"},
		{name: "no marker but at the start", src: "a - b - c - d - e - f - g - h - i - j - k - l\n",
			want: "<p>a - b - c - d - e - f - g - h - i - j - k - l</p>\n"},
		{name: "front matter too deep", date: "2018-12-31\nx = " + strings.Repeat("[", 20) + strings.Repeat("]", 20), src: "a\n",
			errs: []string{"content/a.md:4:24: phần đầu lồng bảng, mảng hoặc khóa có dấu chấm quá 20 tầng ở đây; phần đầu chỉ gồm các khóa đơn giản: title = \"…\", cells = [\"…\"], years = [2017]"}},
	})
}

// TestCorpusHasHostile: the fuzz corpus of FuzzMarkdown holds every
// hostile article, for the fuzzer to start from; go test -update writes
// them.
func TestCorpusHasHostile(t *testing.T) {
	hostile.CheckCorpus(t, "FuzzMarkdown", hostile.Articles, func(s string) string { return head + s }, *update)
}
