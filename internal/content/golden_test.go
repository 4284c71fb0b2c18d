package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden renders each testdata/golden/*.md as an article of the test
// site and compares everything a page shows of it with NAME.golden.
// Run `go test -update` to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lang := "vi"
			if strings.HasSuffix(name, ".en") {
				lang = "en"
			}
			arts, diags := load(t, lang, "-- content/"+name+".md --\n"+string(src))
			got := describe(arts, diags)
			goldenFile := strings.TrimSuffix(file, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(goldenFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenFile)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run go test -update if the change is meant):\n%s", file, goldenFile, got)
			}
		})
	}
}

// describe writes what a reader of the site sees of articles.
func describe(arts []*Article, diags interface{ Error() string }) string {
	var b strings.Builder
	for _, a := range arts {
		fmt.Fprintf(&b, "slug: %s\ntitle: %s\ndate: %s\nauthor: %s\ncells: %v\nyears: %v\nsource: %s\ndraft: %v\nsummary: %s\n",
			a.Slug, a.Title, a.Date.Format("2006-01-02T15:04:05-07:00"), a.Author, a.Cells, a.Years, a.Source, a.Draft, a.Summary)
		for _, f := range a.Figures {
			fmt.Fprintf(&b, "figure: %s %s %s on %s\n", f.Name, f.Subject, f.Period, f.On)
		}
		b.WriteString("--- body ---\n")
		b.WriteString(body(a))
	}
	if s := diags.Error(); s != "" {
		b.WriteString("--- diagnostics ---\n" + s + "\n")
	}
	return b.String()
}
