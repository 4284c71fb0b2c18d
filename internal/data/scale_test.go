package data

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// bigSite is a site at the scale the generator must handle: 2,000 cells
// (the bloc, 40 đảng bộ with 49 chi bộ each) and 20 years of admissions,
// one file per year.
func bigSite() fstest.MapFS {
	fsys := fstest.MapFS{}
	var cells strings.Builder
	cells.WriteString("[site]\ntitle = \"T\"\nroot = \"khoi\"\n\n[[cell]]\nid = \"khoi\"\nname = \"Khối\"\nkind = \"khoi\"\n")
	var leaves []string
	for i := range 40 {
		fmt.Fprintf(&cells, "\n[[cell]]\nid = \"db-%d\"\nname = \"Đảng bộ %d\"\nkind = \"dang-bo-co-so\"\nparent = \"khoi\"\n", i, i)
		for j := range 49 {
			id := fmt.Sprintf("cb-%d-%d", i, j)
			leaves = append(leaves, id)
			fmt.Fprintf(&cells, "\n[[cell]]\nid = %q\nname = \"Chi bộ %d %d\"\nkind = \"chi-bo-truc-thuoc\"\nparent = \"db-%d\"\n", id, i, j, i)
		}
	}
	fsys["data/cells.toml"] = &fstest.MapFile{Data: []byte(cells.String())}
	for y := 2001; y <= 2020; y++ {
		var b strings.Builder
		fmt.Fprintf(&b, "[[target]]\ncell = \"khoi\"\nyear = %d\nmin = 2000\nmax = 2200\n", y)
		for k, id := range leaves {
			if (k+y)%7 == 0 {
				continue // not every cell reports every year
			}
			if k%5 == 0 {
				fmt.Fprintf(&b, "\n[[admission]]\ncell = %q\nyear = %d\nadmitted = { value = %d, approx = \"over\" }\nwomen = 1\n", id, y, k%9+1)
			} else {
				fmt.Fprintf(&b, "\n[[admission]]\ncell = %q\nyear = %d\nadmitted = %d\nconfirmed = 1\n", id, y, k%9+1)
			}
		}
		fsys[fmt.Sprintf("data/%d.toml", y)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// A 2,000-cell, 20-year site loads and answers every figure, and its sums
// are right at that size. Speed is measured by BenchmarkLoad and
// BenchmarkFigure, not asserted here: a shared machine makes timings noise.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	fsys := bigSite()
	start := time.Now()
	d, diags := Load(fsys, "")
	if d == nil {
		t.Fatal(messages(diags[:min(len(diags), 10)]))
	}
	loaded := time.Since(start)
	start = time.Now()
	n := 0
	names := append(append([]string{}, AdmissionCounts...), NameTarget, NameAchieved)
	for _, c := range d.Cells {
		for _, y := range d.Years() {
			for _, name := range names {
				d.Figure(Query{Name: name, Subject: c.ID, Period: Year(y)})
				d.Figure(Query{Name: name, Subject: c.ID, Period: Year(y), On: Date{y + 1, 2, 1}})
				n += 2
			}
		}
	}
	asked := time.Since(start)
	t.Logf("load %v; %d figures in %v", loaded, n, asked)
	f, err := d.Figure(Query{Name: "admitted", Subject: "khoi", Period: Year(2017)})
	if err != nil || !f.Sum || f.Listed != 40 || f.Covered != 40 || f.Count.Approx != Over {
		t.Errorf("khoi 2017: %s", describe(f, err))
	}
}

// BenchmarkLoad also reports the heap the loaded data keep (MiB-kept,
// in use after a collection, with the data held): a record's texts that
// held the whole text of their file, say, show there.
func BenchmarkLoad(b *testing.B) {
	fsys := bigSite()
	for b.Loop() {
		Load(fsys, "")
	}
	b.StopTimer()
	before := heapInUse()
	d, _ := Load(fsys, "")
	b.ReportMetric(float64(heapInUse()-before)/(1<<20), "MiB-kept")
	runtime.KeepAlive(d)
}

// heapInUse is the heap in use after a collection.
func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

func BenchmarkFigure(b *testing.B) {
	d, _ := Load(bigSite(), "")
	q := Query{Name: "admitted", Subject: "khoi", Period: Year(2017), On: Date{2018, 2, 2}}
	for b.Loop() {
		d.Figure(q)
	}
}
