package feed

import (
	"bytes"
	"encoding/xml"
	"sitegen/internal/address"
	"strings"
	"testing"
	tparse "text/template/parse"
	"time"
)

// hostile is text a data keeper or an article writer could type that
// would break XML written as it is: markup, an entity, the end of a CDATA
// section, both quotes, a line break, and control characters XML does not
// allow at all (and a byte that is not UTF-8).
const hostile = "A <b>x</b> & &amp; <![CDATA[ ]]> \"q\" 'a' \t\n\r \x00\x01\x0b\x1b\ufffe\xff end"

// asParsed is hostile as a reader gets it back: the characters XML does
// not allow are U+FFFD, the rest is as typed.
func asParsed(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff {
			return r
		}
		return '\ufffd'
	}, s)
}

// TestFeedHostileText puts hostile text in every field of the site and
// of an article, base_url and the article's path included, and checks
// that the built-in feed.xml keeps it text: the feed parses with
// encoding/xml and gives back every value as it was.
func TestFeedHostileText(t *testing.T) {
	for _, base := range []string{"", "https://example.vn/" + hostile} {
		t.Run("base_url "+base, func(t *testing.T) {
			s := Site{Title: hostile, Subtitle: hostile, Publisher: hostile, Language: hostile, Root: hostile, BaseURL: base}
			es := []Entry{{Title: hostile, Path: "bai-viet/" + hostile + "/", Date: time.Date(2018, 2, 2, 8, 2, 0, 0, ict), Author: hostile, Summary: hostile}}
			v := Feed(s, es, 0)
			b := feedXML(t, s, es, 0)
			if bytes.Contains(b, []byte("]]>")) || bytes.Contains(b, []byte("<b>")) || bytes.Contains(b, []byte("<![CDATA[")) {
				t.Errorf("text became markup:\n%s", b)
			}
			f := parse(t, b)
			e := f.Entries[0]
			for _, c := range []struct{ what, got, want string }{
				{"lang", f.Lang, v.Lang},
				{"id", f.ID, v.ID},
				{"title", f.Title, hostile},
				{"author", f.Author, hostile},
				{"entry id", e.ID, v.Entries[0].ID},
				{"entry title", e.Title, hostile},
				{"entry author", e.Author, hostile},
				{"entry summary", e.Summary, hostile},
				{"entry link", e.Link.Href, v.Entries[0].Link},
			} {
				if c.got != asParsed(c.want) {
					t.Errorf("%s: read back as %q, want %q", c.what, c.got, asParsed(c.want))
				}
			}
			for _, l := range f.Links {
				if want := map[string]string{"alternate": v.Link, "self": v.Self}[l.Rel]; l.Href != asParsed(want) {
					t.Errorf("%s link: read back as %q, want %q", l.Rel, l.Href, asParsed(want))
				}
			}
		})
	}
}

// TestSitemapHostileText: a query that ends a CDATA section and has an
// & stays text in the built-in sitemap.xml.
func TestSitemapHostileText(t *testing.T) {
	b, ok := sitemapXML(t, "https://example.vn/", []string{"tim-kiem/?q=]]>&x=<'\"'>"})
	if !ok {
		t.Fatal("no sitemap")
	}
	if bytes.Contains(b, []byte("]]>")) {
		t.Errorf("]]> written as it is:\n%s", b)
	}
	var got struct {
		URLs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	v, _ := Sitemap("https://example.vn/", []string{"tim-kiem/?q=]]>&x=<'\"'>"})
	if len(got.URLs) != 1 || got.URLs[0] != v.URLs[0] {
		t.Errorf("read back %q, want %q", got.URLs, v.URLs)
	}
}

// TestEveryValueEscaped reads the built-in XML templates and checks that
// every action that writes a value writes it through xml, so that a
// field added later cannot be written unescaped by mistake.
func TestEveryValueEscaped(t *testing.T) {
	for _, file := range []string{address.Feed, address.Sitemap} {
		tmpl := builtIn(t, file)
		actions := 0
		var walk func(n tparse.Node)
		walk = func(n tparse.Node) {
			switch n := n.(type) {
			case *tparse.ListNode:
				if n != nil {
					for _, c := range n.Nodes {
						walk(c)
					}
				}
			case *tparse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *tparse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			case *tparse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			case *tparse.TextNode:
			case *tparse.ActionNode:
				actions++
				last := n.Pipe.Cmds[len(n.Pipe.Cmds)-1]
				if id, ok := last.Args[0].(*tparse.IdentifierNode); !ok || id.Ident != "xml" || len(n.Pipe.Decl) > 0 {
					loc, _ := tmpl.ErrorContext(n)
					t.Errorf("%s: %s writes a value that is not escaped with xml", loc, n)
				}
			default:
				loc, _ := tmpl.ErrorContext(n)
				t.Errorf("%s: %s: this test does not know what it writes", loc, n)
			}
		}
		walk(tmpl.Root)
		if actions == 0 {
			t.Errorf("%s: no action found", file)
		}
	}
}
