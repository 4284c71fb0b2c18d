package reference

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/diag"
)

// allSeeds are the generated sites TestReference builds.
var allSeeds = []uint64{1, 2, 3, 4, 5, 6}

// seeds are the sites to build: in -short, the first two.
func seeds() []uint64 {
	if testing.Short() {
		return allSeeds[:2]
	}
	return allSeeds
}

// sizeOf draws a site's size from its seed: 10–40 cells, 3–6 years,
// 30–80 articles.
func sizeOf(seed uint64) sizes {
	r := rand.New(rand.NewPCG(seed, 0x73697a65))
	return sizes{cells: 10 + r.IntN(31), years: 3 + r.IntN(4), articles: 30 + r.IntN(51)}
}

// buildSite writes s into a new folder and builds it; it returns the
// output folder.
func buildSite(t testing.TB, s *site) string {
	t.Helper()
	out, diags := tryBuild(t, s)
	if diags.HasErrors() {
		t.Fatalf("the generated site does not build:\n%v", diags.Errors())
	}
	return out
}

// tryBuild writes s into a new folder and builds it, returning the
// output folder (written only without errors) and what the build said.
func tryBuild(t testing.TB, s *site) (string, diag.List) {
	t.Helper()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := s.write(src); err != nil {
		t.Fatal(err)
	}
	_, diags, err := build.Build(src, out, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out, diags
}

// reportFindings fails t with the findings, the first few in full.
func reportFindings(t *testing.T, fs []finding) {
	t.Helper()
	const most = 25
	var b strings.Builder
	for i, f := range fs {
		if i == most {
			fmt.Fprintf(&b, "… and %d more\n", len(fs)-most)
			break
		}
		b.WriteString(f.String() + "\n")
	}
	if len(fs) > 0 {
		t.Errorf("%d differences from the reference:\n%s", len(fs), b.String())
	}
}

// TestReference builds generated sites and compares every anchor, every
// article figure, every chart row and every download with the reference.
func TestReference(t *testing.T) {
	for _, seed := range seeds() {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			t.Parallel()
			s := generate(seed, sizeOf(seed))
			out := buildSite(t, s)
			w := s.expect()
			reportFindings(t, check(w, out))
		})
	}
}
