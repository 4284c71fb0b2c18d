package content

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
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
		checkPlaces(t, src, st)
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
		checkPlaces(t, src, st)
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

// checkPlaces: every message points inside the file.
func checkPlaces(t *testing.T, src []byte, st *articleState) {
	t.Helper()
	lines := bytes.Count(src, []byte("\n")) + 1
	for _, d := range st.diags {
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
