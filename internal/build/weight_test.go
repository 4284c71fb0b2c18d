package build

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"sitegen/internal/i18n"
	"sitegen/internal/publish"
	"sitegen/internal/render"
	"sitegen/internal/sitefs"
	"sitegen/internal/testsite"
)

// What a cell's page may weigh (issue 14, target 4): its HTML, and the
// same gzipped as a web server sends it; the shared assets (site.css,
// site.js, ECharts) come on top, once, from the browser's cache.
const (
	maxCellHTML = 40_000
	maxCellGzip = 8_000
)

// cellPages keeps the size of every cell page a build writes, and of
// each gzipped as -gzip writes it, and nothing else.
type cellPages struct {
	mu         sync.Mutex
	html, gzip map[string]int
	z          publish.Compressor
}

func (w *cellPages) WriteFile(name string, data []byte) error {
	if ok, _ := path.Match("don-vi/*/index.html", name); !ok {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.html[name] = len(data)
	return w.z.Compress(data, func(gz []byte) error {
		w.gzip[name] = len(gz)
		return nil
	})
}

// TestCellPageWeight: on a generated site of the large site's shape
// (ten years of figures, about five articles a cell, cells in four
// levels), a reader of a cell's page downloads at most 40 KB of HTML
// and 8 KB gzipped (issue 14, target 4). Bytes are not a matter of the
// machine, so this is a test, not a benchmark: a change that makes the
// cell pages heavier (markup written again for every figure, a script
// inlined) fails it.
//
// It holds the target where it is met: the median cell page, the p95
// of the pages of cells without sub-cells (nine cells in ten), and the
// p95 gzipped. A cell with sub-cells adds a chart of them with its
// table and a table of them, and a row of each for every sub-cell
// (about 1.5 KB a sub-cell): those pages are over 40 KB and are not
// held to it (docs/performance.md). The sizes are logged (-v): the
// median, p95 and largest, as docs/performance.md reports them for the
// large site.
func TestCellPageWeight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site of 240 cells")
	}
	src := filepath.Join(t.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(240, 10, 1200, 1), src); err != nil {
		t.Fatal(err)
	}
	// Read once, for the pages and for which cells have sub-cells: what
	// Render does, with the model kept.
	p, diags, err := prepare(sitefs.New(src), src, Options{}, func(*i18n.Locale) error { return nil })
	if p == nil || err != nil {
		t.Fatalf("reading %s: %v %v", src, err, diags.Errors())
	}
	w := &cellPages{html: map[string]int{}, gzip: map[string]int{}, z: publish.Compressor{Level: publish.GzipLevel}}
	if _, err := p.r.RenderWith(p.model, w, render.Options{}); err != nil {
		t.Fatalf("build: %v", err)
	}
	if len(w.html) < 200 {
		t.Fatalf("only %d cell pages", len(w.html))
	}
	leaves := make(map[string]int)
	for name := range w.html {
		c := p.model.Cell(path.Base(path.Dir(name)))
		if c == nil {
			t.Errorf("%s: no cell of that id", name)
		} else if len(c.Children) == 0 {
			leaves[name] = w.html[name]
		}
	}
	if len(leaves) < len(w.html)/2 {
		t.Fatalf("only %d of %d cells without sub-cells", len(leaves), len(w.html))
	}
	for _, c := range []struct {
		what  string
		sizes map[string]int
		q     float64
		limit int
	}{
		{"HTML, median cell page", w.html, 0.5, maxCellHTML},
		{"HTML, p95 of the cells without sub-cells", leaves, 0.95, maxCellHTML},
		{"gzip, p95 cell page", w.gzip, 0.95, maxCellGzip},
	} {
		if n, page := quantile(c.sizes, c.q); n > c.limit {
			t.Errorf("%s: %d bytes (%s), want at most %d", c.what, n, page, c.limit)
		}
	}
	t.Logf("cell pages: HTML %s; without sub-cells %s; gzip %s", spread(w.html), spread(leaves), spread(w.gzip))
}

// quantile is the size at q (0.5 the median) of sizes, and its page.
func quantile(sizes map[string]int, q float64) (int, string) {
	names := make([]string, 0, len(sizes))
	for name := range sizes {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := sizes[a] - sizes[b]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	name := names[int(q*float64(len(names)-1)+0.5)]
	return sizes[name], strings.TrimSuffix(name, "/index.html")
}

// spread is the median, p95 and largest of sizes, and which page is the
// largest.
func spread(sizes map[string]int) string {
	median, _ := quantile(sizes, 0.5)
	p95, _ := quantile(sizes, 0.95)
	largest, page := quantile(sizes, 1)
	return fmt.Sprintf("median %d, p95 %d, largest %d (%s)", median, p95, largest, page)
}
