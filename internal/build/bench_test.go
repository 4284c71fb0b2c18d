package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"sitegen/internal/testsite"
)

// BenchmarkBuildLarge builds a generated site of the scale the design
// asks for (2,000 cells, 10 years, 10,000 articles) from disk to disk:
//
//	go test -run '^$' -bench BuildLarge -benchmem ./internal/build
//
// For the peak memory of a whole build, as a user runs it:
//
//	go run ./internal/testsite/cmd -out /tmp/large
//	go build -o /tmp/sitegen ./cmd/sitegen
//	/usr/bin/time -v /tmp/sitegen build -src /tmp/large
func BenchmarkBuildLarge(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(2000, 10, 10000, 1), src); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	var res Result
	for b.Loop() {
		res = mustBuild(b, src, out)
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(res.Reused), "taken")
}

// TestGeneratedSiteIsValid: the generator writes to the format, so its
// sites pass check without an error or a warning.
func TestGeneratedSiteIsValid(t *testing.T) {
	fsys := testsite.Generate(300, 6, 400, 2)
	_, diags := Check(fsys, "")
	if len(diags) > 0 {
		max := min(len(diags), 20)
		t.Errorf("%d problems in a generated site, e.g.:\n%v", len(diags), diags[:max])
	}
}

// BenchmarkRebuildLarge is the work of issue 14's first target: the large
// generated site built once, then built again into its own output after
// one count of one record changed ("record": the data version changes
// with it), or after a sentence added to one article ("article"):
//
//	go test -run '^$' -bench RebuildLarge -benchtime 3x -timeout 60m ./internal/build
//
// Compare its time per rebuild with Hugo's full build of the same
// articles (docs/performance.md). TestRebuildEqualsColdBuild holds the
// rebuilt output to a cold build's bytes.
func BenchmarkRebuildLarge(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(2000, 10, 10000, 1), src); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	mustBuild(b, src, out)
	b.Run("record", func(b *testing.B) {
		files := siteFiles(b, src, "data/admissions", ".toml")
		name := files[len(files)-1]
		orig := readSiteFile(b, src, name)
		at := countLine.FindSubmatchIndex(orig)
		if at == nil {
			b.Fatalf("no admitted = N in %s", name)
		}
		n, _ := strconv.Atoi(string(orig[at[2]:at[3]]))
		rebuildAfter(b, src, out, func(i int) {
			// Two values in turn, neither the first: every rebuild has a
			// new data version.
			writeSiteFile(b, src, name, slices.Concat(orig[:at[2]], []byte(strconv.Itoa(n+1+i%2)), orig[at[3]:]))
		})
	})
	b.Run("article", func(b *testing.B) {
		names := siteFiles(b, src, "content", ".md")
		name := names[len(names)/2]
		orig := readSiteFile(b, src, name)
		rebuildAfter(b, src, out, func(i int) {
			writeSiteFile(b, src, name, append(slices.Clip(orig), fmt.Sprintf("\nMột câu viết thêm lần %d.\n", i)...))
		})
	})
}

// rebuildAfter times builds of src into out, each after edit(i).
func rebuildAfter(b *testing.B, src, out string, edit func(i int)) {
	var res Result
	i := 0
	for b.Loop() {
		b.StopTimer()
		edit(i)
		i++
		b.StartTimer()
		res = mustBuild(b, src, out)
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(res.Reused), "taken")
}
