package content

import (
	"bytes"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"sitegen/internal/address"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

// testSite is testdata/site.txtar (the data) plus the files of extra, a
// txtar archive of articles; lang "en" switches the site to English.
func testSite(t testing.TB, lang, extra string) fs.FS {
	t.Helper()
	base, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	a := txtar.Parse(base)
	if lang == "en" {
		for i, f := range a.Files {
			if f.Name == "data/site.toml" {
				a.Files[i].Data = bytes.Replace(f.Data, []byte("[site]\n"), []byte("[site]\nlanguage = \"en\"\n"), 1)
			}
		}
	}
	a.Files = append(a.Files, txtar.Parse([]byte(extra)).Files...)
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// mapSite is testdata/site.txtar as a file system the test edits.
func mapSite(t testing.TB) fstest.MapFS {
	t.Helper()
	base, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse(base).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// replacing is an edit of fsys: the first old in the file name made new.
func replacing(t testing.TB, fsys fstest.MapFS, name, old, new string) func() {
	return func() {
		b := fsys[name].Data
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		fsys[name] = &fstest.MapFile{Data: bytes.Replace(b, []byte(old), []byte(new), 1)}
	}
}

// loadData loads the data of fsys, which must have no errors.
func loadData(t testing.TB, fsys fs.FS) *data.Data {
	t.Helper()
	d, diags := data.Load(fsys, "")
	if diags.HasErrors() || d == nil {
		t.Fatalf("test data has errors:\n%v", diags)
	}
	return d
}

// load loads the site of testSite(lang, extra).
func load(t testing.TB, lang, extra string) ([]*Article, diag.List) {
	t.Helper()
	fsys := testSite(t, lang, extra)
	return Load(fsys, "", loadData(t, fsys))
}

// body joins an article's segments, charts written as [chart KIND SUBJECT YEAR].
func body(a *Article) string { return bodyIn(a, langOf(a)) }

// bodyIn is body for an article of a site in language lang.
func bodyIn(a *Article, lang string) string {
	var b strings.Builder
	for _, s := range a.Body {
		if f := s.Figure; f != nil {
			// What the page stage writes of it: the figure as published,
			// its notes and where its link leads.
			b.WriteString("⟦" + f.Quote(i18n.New(i18n.Lang(lang))))
			if !f.InLink {
				b.WriteString(" → " + address.Figure(f.Figure))
			}
			b.WriteString("⟧")
			continue
		}
		if s.Chart != nil {
			b.WriteString("[chart " + s.Chart.Kind + " " + s.Chart.Subject)
			if s.Chart.Year != 0 {
				b.WriteString(" " + itoa(s.Chart.Year))
			}
			b.WriteString("]\n")
			continue
		}
		b.WriteString(string(s.HTML))
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func fsReadFile(fsys fs.FS, name string) ([]byte, error) { return fs.ReadFile(fsys, name) }

// langOf is the language an article of the test site is written in: the
// golden cases say so in their slug.
func langOf(a *Article) string {
	if strings.HasSuffix(a.Slug, "-en") {
		return "en"
	}
	return "vi"
}
