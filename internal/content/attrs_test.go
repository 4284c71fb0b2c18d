package content

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// attrCase is one article body (under head, dated 2018-12-31, unless
// date is set) and what it must render as, or the messages it must give.
type attrCase struct {
	name, lang, date, src string
	want                  string   // the body's HTML, when errs is nil
	errs                  []string // every message, in order
}

func runAttrCases(t *testing.T, tests []attrCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := head
			if tt.date != "" {
				h = "+++\ntitle = \"a\"\ndate = " + tt.date + "\n+++\n"
			}
			lang := tt.lang
			if lang == "" {
				lang = "vi"
			}
			arts, diags := load(t, lang, "-- content/a.md --\n"+h+tt.src)
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("source:\n%s\nmessages:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
			}
			if len(arts) == 0 {
				if tt.errs == nil {
					t.Fatal("no article")
				}
				return // refused whole
			}
			html := body(arts[0])
			if tt.errs == nil && html != tt.want {
				t.Errorf("source:\n%s\ngot  %s\nwant %s", tt.src, html, tt.want)
			}
			// Even where the article is wrong, no figure is written as it is.
			if tt.errs != nil && (strings.Contains(html, "{{ members") || strings.Contains(html, "{{ admitted")) {
				t.Errorf("a figure is published raw:\n%s", html)
			}
		})
	}
}

// TestFigureInAltText: goldmark writes an image's alt from the text of its
// children; a figure there gives its formatted text, as published.
func TestFigureInAltText(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "alt", src: "![có {{ members khoi-dn 2018 }} đảng viên](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="có 3.276 đảng viên" width="40" height="30"></p>` + "\n"},
		{name: "approximate", src: "![{{ admitted khoi-dn 2017 }} người](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="trên 200 người" width="40" height="30"></p>` + "\n"},
		{name: "approximate, en", lang: "en", src: "![{{ admitted khoi-dn 2017 }} people](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="over 200 people" width="40" height="30"></p>` + "\n"},
		{name: "as of the article's date", date: "2018-02-02T08:02:00+07:00", src: "![{{ members khoi-dn 2018 }}](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="3.232" width="40" height="30"></p>` + "\n"},
		{name: "emphasis", src: "![có *{{ members khoi-dn 2018 }}* và **{{ target khoi-dn 2017 }}**](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="có 3.276 và 200–220" width="40" height="30"></p>` + "\n"},
		{name: "image in a link", src: "[![a {{ members khoi-dn 2018 }}](anh.svg)](/x)\n",
			want: `<p><a href="/x"><img src="../../media/anh.81e15235.svg" alt="a 3.276" width="40" height="30"></a></p>` + "\n"},
		{name: "reference image", src: "![a {{ members khoi-dn 2018 }}][anh]\n\n[anh]: anh.svg\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="a 3.276" width="40" height="30"></p>` + "\n"},
		{name: "in a table cell", src: "| ảnh |\n|---|\n| ![a {{ members khoi-dn 2018 }}](anh.svg) |\n",
			want: "<table>\n<thead>\n<tr>\n<th>ảnh</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><img src=\"../../media/anh.81e15235.svg\" alt=\"a 3.276\" width=\"40\" height=\"30\"></td>\n</tr>\n</tbody>\n</table>\n"},
		{name: "code stays literal", src: "![a `{{ members khoi-dn 2018 }}`](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="a {{ members khoi-dn 2018 }}" width="40" height="30"></p>` + "\n"},
		{name: "escaped stays literal", src: "![a \\{{ members khoi-dn 2018 }}](anh.svg)\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="a {{ members khoi-dn 2018 }}" width="40" height="30"></p>` + "\n"},
		{name: "wrong figure", src: "![có {{ members khoi-dn 2019 }} người](anh.svg)\n",
			errs: []string{`content/a.md:5:6: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`}},
	})
}

// TestSummaryWithImage: the summary is the first paragraph's text, an
// image's alt with its figures included.
func TestSummaryWithImage(t *testing.T) {
	arts, diags := load(t, "vi", "-- content/a.md --\n"+head+"Ảnh: ![có {{ admitted khoi-dn 2017 }} người](anh.svg).\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if want := "Ảnh: có trên 200 người."; arts[0].Summary != want {
		t.Errorf("summary %q, want %q", arts[0].Summary, want)
	}
}

// TestFigureInTitle: a link's or an image's title is plain text; a figure
// there is resolved like any other (as of the article's date, reported at
// its {{) and written as its text, escaped.
func TestFigureInTitle(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "inline", src: `[nguồn](/x "{{ members khoi-dn 2018 }}")` + "\n",
			want: `<p><a href="/x" title="3.276">nguồn</a></p>` + "\n"},
		{name: "quotes and parentheses", src: `[a](/x 'có {{ admitted khoi-dn 2017 }}') [b](/x (tỉ lệ {{ conversion doan-khoi 2017 }}))` + "\n",
			want: `<p><a href="/x" title="có trên 200">a</a> <a href="/x" title="tỉ lệ 69,8%">b</a></p>` + "\n"},
		{name: "en", lang: "en", src: `[source](/x "{{ members khoi-dn 2018 }} members, {{ admitted khoi-dn 2017 }} admitted")` + "\n",
			want: `<p><a href="/x" title="3,276 members, over 200 admitted">source</a></p>` + "\n"},
		{name: "as of the article's date", date: "2018-02-02T08:02:00+07:00", src: `[a](/x "{{ members khoi-dn 2018 }}")` + "\n",
			want: `<p><a href="/x" title="3.232">a</a></p>` + "\n"},
		{name: "image", src: `![ảnh](anh.svg "{{ members khoi-dn 2018 }} đảng viên")` + "\n",
			want: `<p><img src="../../media/anh.81e15235.svg" alt="ảnh" title="3.276 đảng viên" width="40" height="30"></p>` + "\n"},
		{name: "reference definition, used twice", src: "[nguồn][r], [r] và [r][]\n\n[r]: /x \"có {{ members khoi-dn 2018 }}\"\n",
			want: `<p><a href="/x" title="có 3.276">nguồn</a>, <a href="/x" title="có 3.276">r</a> và <a href="/x" title="có 3.276">r</a></p>` + "\n"},
		{name: "title text stays escaped", src: `[a](/x "{{ members khoi-dn 2018 }} & <b>\" onclick=\"x")` + "\n",
			want: `<p><a href="/x" title="3.276 &amp; &lt;b&gt;&quot; onclick=&quot;x">a</a></p>` + "\n"},
		{name: "escaped stays literal", src: `[a](/x "\{{ members khoi-dn 2018 }} là {{ members khoi-dn 2018 }}")` + "\n",
			want: `<p><a href="/x" title="{{ members khoi-dn 2018 }} là 3.276">a</a></p>` + "\n"},
		{name: "over two lines", src: "[a](/x \"có\n  {{ members khoi-dn 2018 }}\")\n",
			want: "<p><a href=\"/x\" title=\"có\n3.276\">a</a></p>\n"},

		{name: "wrong figure", src: `[nguồn](/x "có {{ member khoi-dn 2018 }}")` + "\n",
			errs: []string{`content/a.md:5:16: không có số liệu tên "member"; có phải là "members"?`}},
		{name: "not yet known", date: "2018-02-02T08:02:00+07:00", src: "Xem [nguồn](/x \"{{ admitted khoi-dn 2018 }}\").\n",
			errs: []string{`content/a.md:5:17: số liệu admitted của khoi-dn cho 2018 chỉ được biết từ ngày 15/11/2018, sau ngày của bài (02/02/2018); một bài chỉ trích số liệu đã biết vào ngày của nó: sửa date của bài hoặc trích số liệu khác`}},
		{name: "column in characters", src: `Đảng bộ [nguồn](/đường "đã có {{ members khoi-dn 2019 }}")` + "\n",
			errs: []string{`content/a.md:5:31: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`}},
		{name: "same figure in the link text", src: `[{{ members khoi-dn 2019 }}](/x "{{ members khoi-dn 2019 }}")` + "\n",
			errs: []string{
				`content/a.md:5:2: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`,
				`content/a.md:5:34: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`,
			}},
		{name: "over two lines, wrong", src: "> [a](/x \"có\n> và {{ members khoi-dn 2019 }}\")\n",
			errs: []string{`content/a.md:6:6: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`}},
		{name: "reference definition, reported once", lang: "en", src: "[a][r] [b][r]\n\n  [r]: /x\n    'of {{ members khoi-dn 2019 }}'\n",
			errs: []string{`content/a.md:8:9: the data holds no members of khoi-dn for 2019; add the record to data/, or correct the name, subject or period`}},
		{name: "unclosed", src: `[a](/x "{{ members khoi-dn 2018")` + "\n",
			errs: []string{`content/a.md:5:9: số liệu mở bằng {{ nhưng không có }} trên cùng dòng; viết {{ TÊN ĐƠN-VỊ NĂM }}, ví dụ {{ admitted khoi-dn 2017 }}; muốn viết {{ như chữ thường thì gõ \{{`}},
		{name: "chart", src: `[a](/x "{{ chart admissions khoi-dn }}")` + "\n",
			errs: []string{`content/a.md:5:9: biểu đồ phải đứng riêng một đoạn; để một dòng trống trước và sau {{ chart … }}, ngoài danh sách và trích dẫn`}},
	})
}

// TestDefinitionTitleOnNextLine: goldmark reads a title on the line after
// a definition even when text goes on after it; by CommonMark that line
// is a paragraph, so its figure is reported once, there, and the link has
// no title.
func TestDefinitionTitleOnNextLine(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "ok", src: "[r]\n\n[r]: /x\n\"có {{ members khoi-dn 2018 }}\" thêm\n",
			want: "<p><a href=\"/x\">r</a></p>\n<p>“có ⟦3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15⟧” thêm</p>\n"},
		{name: "wrong", src: "[r]\n\n[r]: /x\n\"có {{ members khoi-dn 2019 }}\" thêm\n",
			errs: []string{`content/a.md:8:5: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`}},
	})
}

// TestFigureInAddress: a figure is never part of an address. An autolink
// stops before {{, and a figure against an address, or inside a link's
// or a definition's address, is an error at its {{.
func TestFigureInAddress(t *testing.T) {
	const vi = "số liệu không thể là một phần của địa chỉ (URL); đặt số liệu ra ngoài địa chỉ, ví dụ vào chữ của liên kết: [có {{ members khoi-dn 2018 }} đảng viên](https://…), hoặc để một dấu cách sau địa chỉ; muốn có {{ trong địa chỉ thì gõ %7B%7B"
	const en = "a figure cannot be part of an address (URL); put it outside the address, e.g. in the link text: [{{ members khoi-dn 2018 }} members](https://…), or leave a space after the address; to put {{ itself in an address, write %7B%7B"
	runAttrCases(t, []attrCase{
		{name: "after a URL", src: "https://example.vn/so-lieu/{{ members khoi-dn 2018 }}\n",
			errs: []string{"content/a.md:5:28: " + vi}},
		{name: "after a www address", lang: "en", src: "Xem www.example.vn/{{ members khoi-dn 2018 }}.\n",
			errs: []string{"content/a.md:5:20: " + en}},
		{name: "after an e-mail address", src: "ban@example.vn{{ members khoi-dn 2018 }}\n",
			errs: []string{"content/a.md:5:15: " + vi}},
		{name: "in a link's address", src: "[x](https://a.vn/{{ members khoi-dn 2018 }})\n",
			errs: []string{"content/a.md:5:18: " + vi}},
		{name: "in a relative address", src: "Đọc [bài](/so-lieu/{{ members khoi-dn 2018 }}/).\n",
			errs: []string{"content/a.md:5:20: " + vi}},
		{name: "in an image's address", src: "![x](anh-{{ members khoi-dn 2018 }}.png)\n",
			errs: []string{"content/a.md:5:10: " + vi}},
		{name: "in an address in <>", src: "[x](<https://a.vn/{{ members khoi-dn 2018 }}>)\n",
			errs: []string{"content/a.md:5:19: " + vi}},
		{name: "in a definition's address", src: "[x]\n\n> [x]: /so-lieu/{{ members khoi-dn 2018 }}\n",
			errs: []string{"content/a.md:7:17: " + vi}},
		{name: "in a definition's address in <>", src: "[x]\n\n[x]: <https://a.vn/{{ members khoi-dn 2018 }}> \"t\"\n",
			errs: []string{"content/a.md:7:20: " + vi}},
		{name: "in an autolink", src: "<https://a.vn/{{x}}>\n",
			errs: []string{"content/a.md:5:15: " + vi}},
		{name: "the figure's own error too", src: "https://a.vn/{{ members khoi-dn 2019 }}\n",
			errs: []string{
				`content/a.md:5:14: dữ liệu không có số liệu members của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`,
				"content/a.md:5:14: " + vi,
			}},

		{name: "a space after the address", src: "https://example.vn/so-lieu/ {{ members khoi-dn 2018 }}\n",
			want: `<p><a href="https://example.vn/so-lieu/">https://example.vn/so-lieu/</a> ⟦3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15⟧</p>` + "\n"},
		{name: "after a link", src: "[a](/x){{ members khoi-dn 2018 }}\n",
			want: `<p><a href="/x">a</a>⟦3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15⟧</p>` + "\n"},
		{name: "single braces stay in an address", src: "https://a.vn/{x}/y\n",
			want: `<p><a href="https://a.vn/%7Bx%7D/y">https://a.vn/{x}/y</a></p>` + "\n"},
		{name: "a brace that ends an address is left out of it", src: "https://a.vn/x{ y\n",
			want: `<p><a href="https://a.vn/x">https://a.vn/x</a>{ y</p>` + "\n"},
		{name: "escaped braces in an address", src: "[x](/a/\\{{b}})\n",
			want: `<p><a href="/a/%7B%7Bb%7D%7D">x</a></p>` + "\n"},
		{name: "encoded braces in an address", src: "https://a.vn/%7B%7Bb%7D%7D\n",
			want: `<p><a href="https://a.vn/%7B%7Bb%7D%7D">https://a.vn/%7B%7Bb%7D%7D</a></p>` + "\n"},
		{name: "a note that starts with a figure", src: "[1]: {{ members khoi-dn 2018 }} đảng viên\n",
			want: `<p>[1]: ⟦3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15⟧ đảng viên</p>` + "\n"},
		{name: "a footnote that starts with a figure", src: "x[^1]\n\n[^1]: {{ members khoi-dn 2018 }}\n",
			want: "<p>x<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>⟦3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15⟧&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"},
	})
}

// TestFigureInMarkup: in headings, emphasis, table cells, footnotes and
// link text a figure is its element (without its own link inside a link).
func TestFigureInMarkup(t *testing.T) {
	const members = `⟦3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15⟧`
	runAttrCases(t, []attrCase{
		{name: "heading", src: "## Có {{ members khoi-dn 2018 }} đảng viên\n",
			want: `<h2 id="co-members-khoi-dn-2018-dang-vien">Có ` + members + " đảng viên</h2>\n"},
		{name: "emphasis", src: "*{{ members khoi-dn 2018 }}*, **{{ members khoi-dn 2018 }}**, ~~{{ members khoi-dn 2018 }}~~\n",
			want: "<p><em>" + members + "</em>, <strong>" + members + "</strong>, <del>" + members + "</del></p>\n"},
		{name: "table cell", src: "| a | b |\n|---|--:|\n| x | {{ members khoi-dn 2018 }} |\n",
			want: "<table>\n<thead>\n<tr>\n<th>a</th>\n<th style=\"text-align:right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td style=\"text-align:right\">" + members + "</td>\n</tr>\n</tbody>\n</table>\n"},
		{name: "footnote", src: "x[^1]\n\n[^1]: Có {{ members khoi-dn 2018 }}.\n",
			want: "<p>x<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>Có " + members + ".&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"},
		{name: "link text", src: "[có {{ members khoi-dn 2018 }}](/x)\n",
			want: `<p><a href="/x">có ⟦3.276 (ngày 15/11/2018)⟧</a></p>` + "\n"},
		{name: "code span in link text", src: "[`{{ members khoi-dn 2018 }}`](/x)\n",
			want: `<p><a href="/x"><code>{{ members khoi-dn 2018 }}</code></a></p>` + "\n"},
	})
}

// TestLinkifyAsGoldmark: but for {{, bare addresses are linked as
// goldmark's own Linkify links them.
func TestLinkifyAsGoldmark(t *testing.T) {
	ours := goldmark.New(goldmark.WithExtensions(extension.NewLinkify(
		extension.WithLinkifyURLRegexp(linkifyURL), extension.WithLinkifyWWWRegexp(linkifyWWW))))
	theirs := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	for _, src := range []string{
		"https://baovinhphuc.com.vn", "www.example.org.", "(http://a.vn/b_(c))", "https://a.vn:8080/x?y=1&z=2#k",
		"ftp://a.vn/{x}/", "https://a.vn/a{b}c", "www.a.vn/?q=\"x\"", "*https://a.vn/x*", "https://a.vn/x;y&amp;",
		"https://a.vn/{}", "ban@example.vn.", "http://a.vn/`x`[y]^z~", "www.a.vn/{x}",
	} {
		var a, b bytes.Buffer
		if err := ours.Convert([]byte(src), &a); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%q:\nours   %s\ntheirs %s", src, a.String(), b.String())
		}
	}
}

var imageTag = regexp.MustCompile(`<img src="[^"]*" alt="[^"]*"(?: title="[^"]*")?(?: width="\d+" height="\d+")?>`)

// FuzzFigureInAttributes puts any text where Markdown has no element for
// a figure: an image's alt, link titles, after a bare address and in a
// link's address. No panic, every message in the file, nothing unsafe,
// and an article without errors publishes no {{ that its author did not
// escape.
func FuzzFigureInAttributes(f *testing.F) {
	for _, s := range []string{
		"{{ members khoi-dn 2018 }}", "có {{ admitted khoi-dn 2017 }} người", "{{", "}}", "{{ members khoi-dn 2018",
		"{{{ members khoi-dn 2018 }}}", "{{ chart cells khoi-dn 2017 }}", "x{{ members khoi-dn 2018 }}y",
		"{{ members khoi-dn 2018 }}{{ members khoi-dn 2018 }}", "\\{{ members khoi-dn 2018 }}", "\" {{ x }} \"",
		"{{ members khoi-dn 2019 }}", "](/{{ members khoi-dn 2018 }})", "'{{ members khoi-dn 2018 }}'", "{{}}",
	} {
		f.Add(s)
	}
	fsys := testSite(f, "vi", "")
	l := newLoader(fsys, "", loadData(f, fsys))
	svg, err := fsReadFile(fsys, "content/anh.svg")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(head + "![a " + s + " b](anh.svg) [t](/x \"" + s + "\") [r]\n\nhttps://a.vn/" + s +
			"\n\n[x](/a/" + s + ")\n\n[r]: /y '" + s + "'\n")
		m := fstest.MapFS{"content/a.md": &fstest.MapFile{Data: src}, "content/anh.svg": {Data: svg}}
		l := *l
		l.fsys, l.media = m, newMediaFiles(m, "")
		a, st := l.article("content/a.md")
		checkPlaces(t, src, st.diags)
		if a == nil {
			return
		}
		html := body(a)
		// The images are the article's own: goldmark's, every value quoted.
		checkSafe(t, imageTag.ReplaceAllString(html, "<p>"))
		// Backslashes, code, entities, HTML and new lines are ways to write
		// {{ as text on purpose; braces apart in the source may meet in the
		// text.
		if st.diags.HasErrors() || !strings.Contains(s, "{{") || strings.ContainsAny(s, "\\`&<~\n\r") {
			return
		}
		if strings.Contains(html, "{{") || strings.Contains(a.Summary, "{{") {
			t.Errorf("%q: no error, but {{ is published:\n%s\nsummary %q", s, html, a.Summary)
		}
	})
}
