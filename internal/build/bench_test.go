package build

import (
	"path/filepath"
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
