package build

import (
	"bytes"
	"crypto/sha256"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sitegen/internal/content"
	"sitegen/internal/testsite"
)

// TestRebuildTakesArticles: a build leaves its articles, as parsed, in
// the output's .sitegen/ folder, and the next build into it, a new
// process as far as the articles know, parses only those whose file or
// figures changed; a cache that is damaged, or of another sitegen, is
// said and ignored, -fresh ignores it without a word, and every rebuild
// equals a cold build byte for byte.
func TestRebuildTakesArticles(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(12, 3, 8, 7), src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if res := mustBuild(t, src, out); res.Taken != 0 {
		t.Fatalf("the first build took %d articles", res.Taken)
	}
	articles := siteFiles(t, src, "content", ".md")
	all := len(articles)
	if all < 8 {
		t.Fatalf("the site has %d articles; want a site with more", all)
	}
	cache := filepath.Join(out, ".sitegen", content.KeptName)
	// edit changes the cache as written; resum makes its checksum again
	// after the change, as another program that writes one would.
	edit := func(change func(b []byte) []byte, resum bool) func() {
		return func() {
			b, err := os.ReadFile(cache)
			if err != nil {
				t.Fatal(err)
			}
			if resum {
				b = change(b[:len(b)-sha256.Size])
				sum := sha256.Sum256(b)
				b = append(b, sum[:]...)
			} else {
				b = change(b)
			}
			if err := os.WriteFile(cache, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, step := range []struct {
		name  string
		edit  func()
		opts  Options
		taken func() int
		note  string // in the site's language (Vietnamese)
	}{
		{"nothing changed: every article taken", func() {}, Options{}, func() int { return all }, ""},
		{"an article's text: every other article taken", func() {
			writeSiteFile(t, src, articles[0], append(readSiteFile(t, src, articles[0]), "\nMột đoạn viết thêm.\n"...))
		}, Options{}, func() int { return all - 1 }, ""},
		{"an article deleted: every other taken", func() {
			if err := os.Remove(filepath.Join(src, articles[1])); err != nil {
				t.Fatal(err)
			}
			all--
		}, Options{}, func() int { return all }, ""},
		{"a count an article cites changed: the articles that cite it parsed again", func() {
			m := regexp.MustCompile(`\{\{ admitted ([a-z0-9-]+) (\d{4}) \}\}`).FindSubmatch(readSiteFile(t, src, articles[2]))
			if m == nil {
				t.Fatalf("%s cites no count of admissions", articles[2])
			}
			record := `(?m)^cell = "` + string(m[1]) + `"\nyear = ` + string(m[2]) + `\nadmitted = (\d+)$`
			if _, ok := changeNumber("data/admissions", record, func(n int, _ *rand.Rand) int { return n + 3 })(t, src, rand.New(rand.NewPCG(1, 1)), 0); !ok {
				t.Fatalf("no record of %s", m[0])
			}
		}, Options{}, nil, ""},
		{"after it: every article taken", func() {}, Options{}, func() int { return all }, ""},
		{"the cache damaged: said, every article parsed", edit(func(b []byte) []byte { b[len(b)/2] ^= 1; return b }, false), Options{}, func() int { return 0 },
			"Bỏ qua bộ nhớ đệm bài viết " + cache + " vì tệp bị hỏng"},
		{"the cache cut short: said", edit(func(b []byte) []byte { return b[:len(b)-5] }, false), Options{}, func() int { return 0 },
			"Bỏ qua bộ nhớ đệm bài viết " + cache + " vì tệp bị hỏng"},
		{"the cache of another sitegen: said", edit(func(b []byte) []byte {
			at := bytes.IndexByte(b, '\n') + 1
			copy(b[at:at+sha256.Size], make([]byte, sha256.Size))
			return b
		}, true), Options{}, func() int { return 0 }, "Bỏ qua bộ nhớ đệm bài viết " + cache + " vì do một bản sitegen khác viết"},
		{"-fresh: nothing taken, nothing said", func() {}, Options{Fresh: true}, func() int { return 0 }, ""},
		{"after it: every article taken", func() {}, Options{}, func() int { return all }, ""},
	} {
		step.edit()
		res, diags, err := Build(src, out, step.opts)
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", step.name, err, diags)
		}
		if step.taken == nil {
			if res.Taken == 0 || res.Taken >= all {
				t.Errorf("%s: took %d of %d articles, want some and not all", step.name, res.Taken, all)
			}
		} else if want := step.taken(); res.Taken != want {
			t.Errorf("%s: took %d articles, want %d", step.name, res.Taken, want)
		}
		said := strings.Join(res.Notes, "\n")
		if step.note != "" && !strings.Contains(said, step.note) || step.note == "" && strings.Contains(said, content.KeptName) {
			t.Errorf("%s: the build said\n%s\nwant %q", step.name, said, step.note)
		}
		cold := filepath.Join(t.TempDir(), "cold")
		mustBuild(t, src, cold)
		if d := rebuildDiff(readTree(t, cold), readTree(t, out)); len(d) > 0 {
			t.Fatalf("%s: the rebuild differs from a cold build:\n%s", step.name, strings.Join(d, "\n"))
		}
	}
}
