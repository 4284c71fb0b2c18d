package content

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"sitegen/internal/diag"
	"sitegen/internal/hostile"
)

// FuzzFigure feeds the figure parser any text between {{ and }}: it must
// never panic, and whatever it accepts must be well formed.
func FuzzFigure(f *testing.F) {
	for _, s := range []string{
		" admitted khoi-dn 2017 ", "admitted khoi-dn 2010-2015", "chart cells khoi-dn 2017",
		"chart admissions khoi-dn", "", "}}", "{{", "admitted khoi-dn 2017-", "a b 9999-99999",
		"conversion doan-khoi 2017", "achieved in-phuc-yen 2017", "chart", "\\{{ x }}", "`{{ x }}`",
		"admitted <script>alert(1)</script> 2017", "admitted khoi-dn 2018\n}}",
	} {
		f.Add(s)
	}
	fsys := testSite(f, "vi", "")
	l := newLoader(fsys, "", loadData(f, fsys))
	f.Fuzz(func(t *testing.T, s string) {
		ref := parseFigureRef(s)
		if ref.Err == "" {
			if ref.Name == "" || ref.Subject == "" {
				t.Errorf("parseFigureRef(%q) accepted %+v", s, ref)
			}
			if !ref.Chart && (ref.Period.From < 1930 || ref.Period.To > 2100 || ref.Period.From > ref.Period.To) {
				t.Errorf("parseFigureRef(%q) accepted the period %v", s, ref.Period)
			}
		}
		src := []byte(head + "x {{" + s + "}} y\n\n{{ " + s + " }}\n")
		m := fstest.MapFS{"content/a.md": &fstest.MapFile{Data: src}}
		l := *l
		l.fsys = m
		a, st := l.article("content/a.md")
		checkPlaces(t, src, st.diags)
		if a != nil {
			checkSafe(t, body(a))
		}
	})
}

// FuzzFrontMatter feeds whole files, front matter first: no panic, every
// message at a place inside the file, and an article without errors has
// its title and date.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		head + "text\n",
		"+++\ntitle = \"a\"\ndate = 2018-02-02T08:02:00+07:00\ncells = [\"khoi-dn\"]\nyears = [2017]\nslug = \"a-b\"\n+++\n",
		"+++\n+++\n", "+++\n", "+++", "++++\ntitle = \"a\"\n++++\n", "\n+++\ntitle = \"a\"\ndate = 2018-01-01\n+++\n",
		"+++\ntitle = 'a'\ndate = 2018-02-02T08:02:00\n+++\n", "+++\n[x]\n+++\n", "---\ntitle: a\n---\n",
		"+++\ntitle = \"\"\"\n+++\n\"\"\"\ndate = 2018-01-01\n+++\n", "\uFEFF+++\r\ntitle = \"a\"\r\ndate = 2018-01-01\r\n+++\r\nx\r\n",
		"+++\ncells = [\"khoi-dn\", 1]\nyears = 2017\n+++\n",
	} {
		f.Add([]byte(s))
	}
	fsys := testSite(f, "vi", "")
	l := newLoader(fsys, "", loadData(f, fsys))
	f.Fuzz(func(t *testing.T, src []byte) {
		m := fstest.MapFS{"content/a.md": &fstest.MapFile{Data: src}}
		l := *l
		l.fsys = m
		a, st := l.article("content/a.md")
		checkPlaces(t, src, st.diags)
		if a == nil {
			return
		}
		if !st.diags.HasErrors() && (strings.TrimSpace(a.Title) == "" || a.Date.IsZero() || !ValidSlug(a.Slug)) {
			t.Errorf("no error, but title %q, date %v, slug %q", a.Title, a.Date, a.Slug)
		}
		if a.Slug != "" && !ValidSlug(a.Slug) {
			t.Errorf("slug %q is not in the slug form", a.Slug)
		}
		checkSafe(t, body(a))
	})
}

// FuzzMarkdown feeds whole articles through Load against the test
// site's data, every extension on: no input may panic or take long,
// every message is at a place inside the file, nothing unsafe is
// written, and an article without errors publishes no {{ but those its
// author wrote as text on purpose (escaped, in code, as an entity). Its
// corpus holds every hostile article of internal/hostile
// (TestCorpusHasHostile).
func FuzzMarkdown(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/golden/*.md")
	more, _ := filepath.Glob("../../content/*/*.md")
	for _, p := range append(seeds, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"| a | {{ members khoi-dn 2018 }} |\n|---|---|\n| [x](/y \"{{ admitted khoi-dn 2017 }}\") | ~~b~~ |\n",
		"Chú thích[^1] và {{ members khoi-dn 2018 }}.\n\n[^1]: {{ target khoi-dn 2017 }} theo [nguồn][n].\n\n[n]: /nguon '{{ members khoi-dn 2018 }}'\n",
		"{{ chart admissions khoi-dn }}\n\n> - {{ members khoi-dn 2018 }} https://a.vn/x\n>   1. ![{{ admitted khoi-dn 2017 }}](a.png)\n",
		"# {{ members khoi-dn 2018 }}\n\n## {{ members khoi-dn 2018 }}\n\n`{{ x }}` \\{{ x }}\n\n    {{ x }}\n",
		"<script>alert(1)</script>\n\n[a](javascript:alert(1)) <javascript:alert(1)> ![b](https://a.vn/b.png)\n",
	} {
		f.Add([]byte(head + s))
	}
	fsys := testSite(f, "vi", "")
	d := loadData(f, fsys)
	f.Fuzz(func(t *testing.T, src []byte) {
		var arts []*Article
		var diags diag.List
		hostile.Run(t, func() {
			arts, diags = Load(fstest.MapFS{"content/a.md": {Data: src}}, "", d)
		})
		checkPlaces(t, src, diags)
		for _, a := range arts {
			html := body(a)
			checkSafe(t, imageTag.ReplaceAllString(html, "<p>"))
			if diags.HasErrors() || literalBraces.Match(src) {
				continue
			}
			if strings.Contains(html, "{{") {
				t.Errorf("no error, but {{ is published:\n%s", html)
			}
		}
	})
}

// literalBraces finds the ways to write {{ as text on purpose: a
// backslash, code (backticks, ~~~ fences, indented lines), an entity, or
// HTML (which is left out, so that braces around it meet).
var literalBraces = regexp.MustCompile("[\\\\`~&<]|\n(?: {4}|\t)|^(?: {4}|\t)")

// checkPlaces: every message points inside the file.
func checkPlaces(t *testing.T, src []byte, diags diag.List) {
	t.Helper()
	lines := bytes.Count(src, []byte("\n")) + 1
	for _, d := range diags {
		if d.Line < 0 || d.Line > lines || d.Col < 0 || (d.Line > 0 && d.Col < 1) {
			t.Errorf("message outside the file (%d lines): %v", lines, d)
		}
		if !utf8.ValidString(d.Error()) {
			t.Errorf("message is not UTF-8: %q", d.Error())
		}
	}
}

var attrURL = regexp.MustCompile(`(?i)(?:href|src)="([^"]*)"`)

// checkSafe: no tag from the text, no link that runs code.
func checkSafe(t *testing.T, html string) {
	t.Helper()
	for _, bad := range []string{"<script", "<img", "<iframe", "<style"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("output holds %q:\n%s", bad, html)
		}
	}
	for _, m := range attrURL.FindAllStringSubmatch(html, -1) {
		if !safeLink(m[1]) {
			t.Errorf("unsafe link %q written:\n%s", m[1], html)
		}
	}
}
