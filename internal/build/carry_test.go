package build

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebuildKeepsAssetsOfPagesAlreadyLoaded: a reader loads a page just
// before a rebuild swaps in a new output that changed the stylesheet;
// the page then asks for the assets it names. Each is still there, with
// its bytes, though the new pages name another stylesheet.
func TestRebuildKeepsAssetsOfPagesAlreadyLoaded(t *testing.T) {
	src := writeTxtar(t, smallSite)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	before := readTree(t, out)
	old := assetsOf(t, before["index.html"].data)
	if len(old) < 2 {
		t.Fatalf("the home page names %v, want its stylesheet and scripts", old)
	}

	css := filepath.Join(src, "templates", "assets", "site.css")
	if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, []byte("body { color: #111 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	after := readTree(t, out)
	if now := assetsOf(t, after["index.html"].data); strings.Join(now, " ") == strings.Join(old, " ") {
		t.Fatalf("the new stylesheet has the old name: %v", now)
	}
	for _, a := range old {
		if f, ok := after[a]; !ok || !bytes.Equal(f.data, before[a].data) {
			t.Errorf("%s, named by a page loaded before the rebuild, is gone or changed", a)
		}
	}
}

// assetsOf lists the files of assets/ a page at the top of the output
// names in its src and href attributes.
func assetsOf(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	for _, e := range elements(page) {
		for _, key := range []string{"src", "href"} {
			if v, ok := e.attr(key); ok && strings.HasPrefix(v, "assets/") {
				out = append(out, path.Clean(v))
			}
		}
	}
	return out
}
