package render_test

import (
	"sync/atomic"
	"testing"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/render"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// countWriter counts what it is given and keeps nothing, to measure the
// renderer alone.
type countWriter struct{ files, bytes atomic.Int64 }

func (w *countWriter) WriteFile(name string, b []byte) error {
	w.files.Add(1)
	w.bytes.Add(int64(len(b)))
	return nil
}

// BenchmarkRender joins the model and renders every page of a large
// generated site (2,000 cells, 20 years, 10,000 articles), without
// loading it (data and content have their own benchmarks) or writing it.
func BenchmarkRender(b *testing.B) {
	fsys := testsite.Generate(2000, 20, 10000, 1)
	d, diags := data.Load(fsys, "")
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	arts, diags := content.Load(fsys, "", d)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	r, err := render.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := site.New(d, arts)
		w := &countWriter{}
		n, err := r.Render(m, w)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "pages")
		b.ReportMetric(float64(w.bytes.Load())/(1<<20), "MiB-out")
	}
}
