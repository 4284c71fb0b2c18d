package build

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/made"
	"sitegen/internal/testsite"
)

// TestRebuildReuses builds a generated site, then rebuilds it into the
// same output after edits that keep or change what its workbooks and
// articles' pages are made of, and after the cache was damaged or set
// aside: each rebuild takes the files whose inputs are the same and
// that are still as written, says what it could not take, and equals a
// cold build of the same input byte for byte.
func TestRebuildReuses(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(12, 3, 8, 7), src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if res := mustBuild(t, src, out); res.Reused != 0 {
		t.Fatalf("the first build reused %d files", res.Reused)
	}
	// Every page is taken again but the search page and the charts' own
	// pages (see render.reusable).
	var workbooks, pages []string
	for name := range readTree(t, out) {
		switch {
		case strings.HasSuffix(name, ".xlsx"):
			workbooks = append(workbooks, name)
		case strings.HasSuffix(name, ".html") && name != "tim-kiem/index.html" && !strings.HasPrefix(name, "bieu-do/"):
			pages = append(pages, name)
		}
	}
	slices.Sort(workbooks)
	slices.Sort(pages)
	if len(workbooks) < 10 || len(pages) < 3 {
		t.Fatalf("the site has %d workbooks and %d pages; want a site with more", len(workbooks), len(pages))
	}
	n, all := len(workbooks), len(workbooks)+len(pages)
	// An article with a chart (whose page is taken again, and the
	// chart's own page and downloads still made), and another.
	var article, other string
	for _, name := range siteFiles(t, src, "content", ".md") {
		b := string(readSiteFile(t, src, name))
		if strings.Contains(b, "{{ chart") && !strings.Contains(b, "draft = true") {
			if article == "" {
				article = name
			} else if other == "" {
				other = name
			}
		}
	}
	index := filepath.Join(out, ".sitegen", made.IndexName)
	for _, step := range []struct {
		name   string
		edit   func()
		opts   Options
		reused int
		note   string // in the site's language (Vietnamese)
	}{
		{"nothing changed: every workbook and page reused", func() {}, Options{}, all, ""},
		{"an article's text: all but its page reused", func() {
			writeSiteFile(t, src, article, append(readSiteFile(t, src, article), "\nMột đoạn viết thêm.\n"...))
		}, Options{}, all - 1, ""},
		{"an article's title: the pages made again", func() {
			b := regexp.MustCompile(`(?m)^title = "`).ReplaceAll(readSiteFile(t, src, other), []byte(`title = "Đổi tên: `))
			writeSiteFile(t, src, other, b)
		}, Options{}, n, ""},
		{"a template: the pages made again", func() {
			toggleOverride(t, src, "templates/partials/years-nav.html", func(b []byte) []byte { return append([]byte("{{/* edit */}}"), b...) })
		}, Options{}, n, ""},
		{"a file changed in the output: made again", func() {
			for _, name := range []string{workbooks[0], pages[0]} {
				if err := os.WriteFile(filepath.Join(out, name), []byte("not what the build wrote"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, Options{}, all - 2, "2 tệp của lần dựng trước đã bị sửa sau lần dựng đó (như " + filepath.Join(out, pages[0])},
		{"the index written by another program: ignored, every file made", func() {
			if err := os.WriteFile(index, []byte("# sitegen made 1 xyz\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, Options{}, 0, "Bỏ qua chỉ mục " + index + " vì do một bản sitegen khác viết"},
		{"the index cut short: ignored", func() {
			b, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(index, b[:len(b)-5], 0o644); err != nil {
				t.Fatal(err)
			}
		}, Options{}, 0, "Bỏ qua chỉ mục " + index + " vì không đọc được (line "},
		{"-fresh: nothing reused, nothing said", func() {}, Options{Fresh: true}, 0, ""},
		{"a count changed: the data version of every workbook and page changed", func() {
			changeNumber("data/admissions", countLine.String(), func(n int, _ *rand.Rand) int { return n + 3 })(t, src, rand.New(rand.NewPCG(1, 1)), 0)
		}, Options{}, 0, ""},
		{"after it: every file reused", func() {}, Options{}, all, ""},
		{"an article gains a chart and a figure: all but its page reused", func() {
			writeSiteFile(t, src, article, append(readSiteFile(t, src, article), "\n{{ chart members khoi }}\n\nKết nạp {{ admitted khoi 2016 }}.\n"...))
		}, Options{}, all - 1, ""},
		{"after it: every file reused, the new chart's workbook too", func() {}, Options{}, all + 1, ""},
	} {
		step.edit()
		res, diags, err := Build(src, out, step.opts)
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", step.name, err, diags)
		}
		if res.Reused != step.reused {
			t.Errorf("%s: reused %d files (%d workbooks, %d pages), want %d", step.name, res.Reused, n, len(pages), step.reused)
		}
		said := strings.Join(res.Notes, "\n")
		if step.note != "" && !strings.Contains(said, step.note) || step.note == "" && strings.Contains(said, made.IndexName) {
			t.Errorf("%s: the build said\n%s\nwant %q", step.name, said, step.note)
		}
		cold := filepath.Join(t.TempDir(), "cold")
		mustBuild(t, src, cold)
		if d := rebuildDiff(readTree(t, cold), readTree(t, out)); len(d) > 0 {
			t.Fatalf("%s: the rebuild differs from a cold build:\n%s", step.name, strings.Join(d, "\n"))
		}
	}
}
