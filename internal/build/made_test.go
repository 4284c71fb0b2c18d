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
	workbooks, pages, downloads := reusedFiles(readTree(t, out))
	if len(workbooks) < 10 || len(pages) < 3 || len(downloads) < 10 {
		t.Fatalf("the site has %d workbooks, %d pages and %d charts' downloads; want a site with more", len(workbooks), len(pages), len(downloads))
	}
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
	every := func(_, all int) int { return all }
	allBut := func(k int) func(n, all int) int { return func(_, all int) int { return all - k } }
	onlyWorkbooks := func(n, _ int) int { return n }
	none := func(_, _ int) int { return 0 }
	for _, step := range []struct {
		name string
		edit func()
		opts Options
		// reused is how many files are taken again, of n workbooks and
		// all the files that may be, in the output before the step.
		reused func(n, all int) int
		note   string // in the site's language (Vietnamese)
	}{
		{"nothing changed: every file reused", func() {}, Options{}, every, ""},
		{"the site named as from another folder in messages: every file reused", func() {}, Options{Prefix: "../site"}, every, ""},
		{"an article's text: all but its page reused", func() {
			writeSiteFile(t, src, article, append(readSiteFile(t, src, article), "\nMột đoạn viết thêm.\n"...))
		}, Options{}, allBut(1), ""},
		{"an article's title: the pages and charts' downloads made again", func() {
			b := regexp.MustCompile(`(?m)^title = "`).ReplaceAll(readSiteFile(t, src, other), []byte(`title = "Đổi tên: `))
			writeSiteFile(t, src, other, b)
		}, Options{}, onlyWorkbooks, ""},
		{"a template: the pages and charts' downloads made again", func() {
			toggleOverride(t, src, "templates/partials/years-nav.html", func(b []byte) []byte { return append([]byte("{{/* edit */}}"), b...) })
		}, Options{}, onlyWorkbooks, ""},
		{"a file changed in the output: made again", func() {
			for _, name := range []string{workbooks[0], pages[0]} {
				if err := os.WriteFile(filepath.Join(out, name), []byte("not what the build wrote"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, Options{}, allBut(2), "2 tệp của lần dựng trước đã bị sửa sau lần dựng đó (như " + filepath.Join(out, pages[0])},
		{"the index written by another program: ignored, every file made", func() {
			if err := os.WriteFile(index, []byte("# sitegen made 1 xyz\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, Options{}, none, "Bỏ qua chỉ mục " + index + " vì do một bản sitegen khác viết"},
		{"the index cut short: ignored", func() {
			b, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(index, b[:len(b)-5], 0o644); err != nil {
				t.Fatal(err)
			}
		}, Options{}, none, ": dòng cuối bị cắt cụt); mọi trang và tệp tải về được tạo lại."},
		{"a note of the index changed: ignored, every file made, said", func() {
			// A page's note names the charts it asked for; "-" says none,
			// which would leave their pages and downloads unmade.
			b, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			b = regexp.MustCompile(`(?m)^([0-9a-f]{64} [0-9a-f]{64} )[A-Za-z0-9_-]+( \S+\.html)$`).ReplaceAll(b, []byte("$1-$2"))
			if err := os.WriteFile(index, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, Options{}, none, "Bỏ qua chỉ mục " + index + " vì không đọc được (tệp đã bị sửa hoặc hỏng sau khi lần dựng trước ghi nó: tổng kiểm không khớp)"},
		{"-fresh: nothing reused, nothing said", func() {}, Options{Fresh: true}, none, ""},
		{"a count changed: the data version of every workbook and page changed", func() {
			changeNumber("data/admissions", countLine.String(), func(n int, _ *rand.Rand) int { return n + 3 })(t, src, rand.New(rand.NewPCG(1, 1)), 0)
		}, Options{}, none, ""},
		{"after it: every file reused", func() {}, Options{}, every, ""},
		{"an article gains a chart and a figure: all but its page reused", func() {
			writeSiteFile(t, src, article, append(readSiteFile(t, src, article), "\n{{ chart members khoi }}\n\nKết nạp {{ admitted khoi 2016 }}.\n"...))
		}, Options{}, allBut(1), ""},
		{"after it: every file reused, the new chart's too", func() {}, Options{}, every, ""},
	} {
		workbooks, pages, downloads := reusedFiles(readTree(t, out))
		n, all := len(workbooks), len(workbooks)+len(pages)+len(downloads)
		step.edit()
		res, diags, err := Build(src, out, step.opts)
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", step.name, err, diags)
		}
		if want := step.reused(n, all); res.Reused != want {
			t.Errorf("%s: reused %d files (of %d workbooks, %d pages, %d charts' downloads), want %d", step.name, res.Reused, n, len(pages), len(downloads), want)
		}
		said := strings.Join(res.Notes, "\n")
		if step.note != "" && !strings.Contains(said, step.note) || step.note == "" && strings.Contains(said, made.IndexName) {
			t.Errorf("%s: the build said\n%s\nwant %q", step.name, said, step.note)
		}
		if raceDetector {
			continue // the cold builds are compared without it, ten times faster
		}
		cold := filepath.Join(t.TempDir(), "cold")
		mustBuild(t, src, cold)
		if d := rebuildDiff(readTree(t, cold), readTree(t, out)); len(d) > 0 {
			t.Fatalf("%s: the rebuild differs from a cold build:\n%s", step.name, strings.Join(d, "\n"))
		}
	}
}

// reusedFiles are the files of an output a rebuild may take from it
// (see render.reusable): the workbooks, every page but the search page,
// and the charts' other downloads.
func reusedFiles(tree map[string]file) (workbooks, pages, downloads []string) {
	for name := range tree {
		switch {
		case strings.HasSuffix(name, ".xlsx"):
			workbooks = append(workbooks, name)
		case strings.HasSuffix(name, ".html") && name != "tim-kiem/index.html":
			pages = append(pages, name)
		case strings.HasPrefix(name, "du-lieu/chart-") && (strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".svg")):
			downloads = append(downloads, name)
		}
	}
	slices.Sort(workbooks)
	slices.Sort(pages)
	return workbooks, pages, downloads
}

// TestPublishReuses publishes a generated site, then again after an edit
// of one article's text: the second release takes every other file from
// the release current led to, and equals a cold build byte for byte.
func TestPublishReuses(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(12, 3, 8, 7), src); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "pub")
	first, diags, err := Publish(src, pub, PublishOptions{AllowDirty: true})
	if err != nil || diags.HasErrors() || first.Reused != 0 {
		t.Fatalf("first publish: reused %d, %v %v", first.Reused, err, diags)
	}
	current := func() string {
		dir, err := filepath.EvalSymlinks(filepath.Join(pub, "current"))
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
	workbooks, pages, downloads := reusedFiles(readTree(t, current()))
	all := len(workbooks) + len(pages) + len(downloads)
	article, _ := pickArticle(t, src, rand.New(rand.NewPCG(1, 1)))
	writeSiteFile(t, src, article, append(readSiteFile(t, src, article), "\nMột đoạn viết thêm.\n"...))
	second, diags, err := Publish(src, pub, PublishOptions{AllowDirty: true})
	if err != nil || diags.HasErrors() {
		t.Fatalf("second publish: %v %v", err, diags)
	}
	if second.Reused != all-1 {
		t.Errorf("the second publish reused %d files, want %d (all but the article's page)", second.Reused, all-1)
	}
	cold := filepath.Join(t.TempDir(), "cold")
	mustBuild(t, src, cold)
	if d := rebuildDiff(readTree(t, cold), readTree(t, current())); len(d) > 0 {
		t.Fatalf("the second release differs from a cold build:\n%s", strings.Join(d, "\n"))
	}
}
