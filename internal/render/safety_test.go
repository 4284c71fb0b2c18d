package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// hostile is text a data keeper or an article writer could type, meant to
// end the chart's script, add an element with a handler, break out of an
// attribute and plant a javascript: link.
const hostile = `Chi bộ </script><script>alert(1)</script><img src=x onerror=alert(2)> "dấu" 'nháy' javascript:alert(3)`

// TestHostileText puts hostile text in a cell's name, a former name, an
// enterprise, a referrer's name, a source and an article's title, author
// and source, and checks that every page shows it only as text: no
// element, attribute or script comes of it, in the HTML or in the chart
// options.
func TestHostileText(t *testing.T) {
	toml := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(hostile)
	w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
		f := files["data/site.toml"]
		f.Data = bytes.Replace(f.Data, []byte(`name = "Đảng bộ Công ty cổ phần Prime Group"`), []byte(`name = "`+toml+`"`), 1)
		f.Data = bytes.Replace(f.Data, []byte(`enterprise = "Công ty cổ phần Prime Group"`), []byte(`enterprise = "`+toml+`"`), 1)
		f.Data = bytes.Replace(f.Data, []byte(`former_names = ["Chi bộ Xí nghiệp in Phúc Yên"]`), []byte(`former_names = ["`+toml+`"]`), 1)
		f.Data = bytes.Replace(f.Data, []byte(`name = "Đoàn Khối Doanh nghiệp tỉnh"`), []byte(`name = "`+toml+`"`), 1)
		g := files["data/figures.toml"]
		g.Data = bytes.ReplaceAll(g.Data, []byte(`source = "Báo Vĩnh Phúc, 02/02/2018"`), []byte(`source = "`+toml+`"`))
		a := files["content/tao-nguon.md"]
		a.Data = bytes.Replace(a.Data, []byte(`title = "Chú trọng tạo nguồn phát triển đảng viên"`), []byte(`title = "`+toml+`"`), 1)
		a.Data = bytes.Replace(a.Data, []byte(`author = "Kim Hiền"`), []byte(`author = "`+toml+`"`), 1)
		a.Data = bytes.Replace(a.Data, []byte(`source = "Báo Vĩnh Phúc, 02/02/2018"`), []byte(`source = "`+toml+`"`), 1)
		a.Data = bytes.Replace(a.Data, []byte(`{{ chart admissions khoi-dn }}`), []byte("{{ chart admissions khoi-dn }}\n\n{{ chart cells khoi-dn 2017 }}"), 1)
	}))

	shown := map[string]bool{} // pages (and their charts) that show the text
	for _, name := range w.pages() {
		z := html.NewTokenizer(bytes.NewReader(w.files[name]))
		inJSON, inScript := false, false
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if z.Err() != io.EOF {
					t.Errorf("%s: %v", name, z.Err())
				}
				break
			}
			tok := z.Token()
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				attrs := map[string]string{}
				for _, a := range tok.Attr {
					attrs[a.Key] = a.Val
				}
				if tok.Data == "img" && (attrs["class"] != "chart-image" || !strings.HasSuffix(attrs["src"], ".svg") || len(attrs) != 3) {
					// The one image the templates write: a chart's own.
					t.Errorf("%s: an <img> element: %s", name, tok)
				}
				for _, a := range tok.Attr {
					attrs[a.Key] = a.Val
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: an event handler attribute: %s", name, tok)
					}
					if (a.Key == "href" || a.Key == "src") && strings.Contains(strings.ToLower(a.Val), "javascript:") {
						t.Errorf("%s: a javascript: link: %s", name, tok)
					}
					if strings.Contains(a.Val, hostile) {
						shown[name] = true
					}
				}
				if tok.Data == "script" {
					switch {
					case attrs["type"] == "application/json":
						inJSON = true
					case attrs["src"] != "":
					case name == "404.html":
						// Its own script, which finds the top of the site.
						inScript = true
					default:
						t.Errorf("%s: a script element the templates do not write: %s", name, tok)
					}
				}
			case html.EndTagToken:
				inJSON, inScript = false, false
			case html.TextToken:
				if inScript && !strings.HasPrefix(strings.TrimSpace(tok.Data), "(function () {\n  var folders = [") {
					t.Errorf("%s: a script the templates do not write: %.80q", name, tok.Data)
				}
				if inJSON {
					// The chart's option: JSON whose strings are escaped, so
					// no < can end the script; the text is there, as data.
					if strings.ContainsAny(tok.Data, "<>") {
						t.Errorf("%s: a chart option holds a raw < or >", name)
					}
					var v any
					if err := json.Unmarshal([]byte(tok.Data), &v); err != nil {
						t.Errorf("%s: a chart option is not JSON: %v", name, err)
					}
					if strings.Contains(tok.Data, `alert(1)\u003c/script\u003e`) {
						shown[name+" (chart)"] = true
					}
				} else if strings.Contains(tok.Data, hostile) {
					shown[name] = true
				}
			}
		}
	}
	for _, want := range []string{
		"don-vi/prime-group/index.html",         // its name, enterprise
		"don-vi/in-phuc-yen/index.html",         // a former name
		"don-vi/khoi-dn/index.html",             // a sub-cell's name, a source
		"gioi-thieu/doan-khoi/index.html",       // the referrer's name
		"bai-viet/tao-nguon/index.html",         // title, author, source
		"bai-viet/tao-nguon/index.html (chart)", // a sub-cell's name in the cells chart
		"nam/2017/index.html (chart)",
	} {
		if !shown[want] {
			t.Errorf("%s does not show the hostile text as text; the test no longer tests it", want)
		}
	}

	// The charts' images, written in Go: the text is text there too.
	images := 0
	for name, b := range w.files {
		if !strings.HasSuffix(name, ".svg") {
			continue
		}
		images++
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not XML: %v", name, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				switch tok.Name.Local {
				case "svg", "title", "desc", "rect", "line", "polyline", "circle", "text":
				default:
					t.Errorf("%s: a <%s> element", name, tok.Name.Local)
				}
				for _, a := range tok.Attr {
					if strings.HasPrefix(a.Name.Local, "on") || strings.Contains(a.Value, "alert") {
						t.Errorf("%s: the attribute %s=%q", name, a.Name.Local, a.Value)
					}
				}
			case xml.CharData:
				if strings.Contains(string(tok), "alert(1)") {
					shown["images"] = true
				}
			}
		}
	}
	if images == 0 || !shown["images"] {
		t.Errorf("%d chart images, none shows the hostile text as text; the test no longer tests them", images)
	}

	// The feed, from templates/feed.xml, is XML that gives the article's
	// title and author back as text.
	var feed struct {
		Entries []struct {
			Title  string `xml:"title"`
			Author string `xml:"author>name"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(w.files["feed.xml"], &feed); err != nil {
		t.Fatalf("feed.xml is not XML: %v\n%s", err, w.files["feed.xml"])
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Title != hostile || feed.Entries[0].Author != hostile {
		t.Errorf("feed.xml does not give the hostile title and author back as text: %+v", feed.Entries)
	}
}
