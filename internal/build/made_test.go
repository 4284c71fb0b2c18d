package build

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/made"
	"sitegen/internal/testsite"
)

// TestRebuildReusesWorkbooks builds a generated site, then rebuilds it
// into the same output after edits that keep or change its workbooks'
// inputs, and after the cache was damaged or set aside: each rebuild
// takes the workbooks whose inputs are the same and are still as
// written, says what it could not take, and equals a cold build of the
// same input byte for byte.
func TestRebuildReusesWorkbooks(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(12, 3, 8, 7), src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if res := mustBuild(t, src, out); res.Reused != 0 {
		t.Fatalf("the first build reused %d workbooks", res.Reused)
	}
	var workbooks []string
	for name := range readTree(t, out) {
		if strings.HasSuffix(name, ".xlsx") {
			workbooks = append(workbooks, name)
		}
	}
	if len(workbooks) < 10 {
		t.Fatalf("the site has %d workbooks; want a site with more", len(workbooks))
	}
	n := len(workbooks)
	article, _ := pickArticle(t, src, rand.New(rand.NewPCG(1, 1)))
	index := filepath.Join(out, ".sitegen", made.IndexName)
	for _, step := range []struct {
		name   string
		edit   func()
		opts   Options
		reused int
		note   string // in the site's language (Vietnamese)
	}{
		{"an article edited: every workbook reused", func() {
			writeSiteFile(t, src, article, append(readSiteFile(t, src, article), "\nMột đoạn viết thêm.\n"...))
		}, Options{}, n, ""},
		{"nothing changed: every workbook reused", func() {}, Options{}, n, ""},
		{"a workbook changed in the output: made again", func() {
			if err := os.WriteFile(filepath.Join(out, workbooks[0]), []byte("PK not what the build wrote"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, Options{}, n - 1, "1 sổ tính Excel của lần dựng trước đã bị sửa sau lần dựng đó (như " + filepath.Join(out, workbooks[0])},
		{"the index damaged: ignored, every workbook made", func() {
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
		{"a count changed: the data version in every workbook changed", func() {
			changeNumber("data/admissions", countLine.String(), func(n int, _ *rand.Rand) int { return n + 3 })(t, src, rand.New(rand.NewPCG(1, 1)), 0)
		}, Options{}, 0, ""},
		{"after it: every workbook reused", func() {}, Options{}, n, ""},
	} {
		step.edit()
		res, diags, err := Build(src, out, step.opts)
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", step.name, err, diags)
		}
		if res.Reused != step.reused {
			t.Errorf("%s: reused %d workbooks of %d, want %d", step.name, res.Reused, n, step.reused)
		}
		said := strings.Join(res.Notes, "\n")
		if step.note != "" && !strings.Contains(said, step.note) || step.note == "" && strings.Contains(said, "sổ tính") {
			t.Errorf("%s: the build said\n%s\nwant %q", step.name, said, step.note)
		}
		cold := filepath.Join(t.TempDir(), "cold")
		mustBuild(t, src, cold)
		if d := rebuildDiff(readTree(t, cold), readTree(t, out)); len(d) > 0 {
			t.Fatalf("%s: the rebuild differs from a cold build:\n%s", step.name, strings.Join(d, "\n"))
		}
	}
}
