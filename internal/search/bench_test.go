package search_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/fold"
	"sitegen/internal/search"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// largeModel is the model of the benchmark's large generated site
// (2,000 cells, 10 years, 10,000 articles), as the build makes it.
func largeModel(tb testing.TB) *site.Model {
	in, diags := build.Check(testsite.Generate(2000, 10, 10000, 1), "")
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	return site.New(in.Data, in.Articles)
}

// BenchmarkIndexLarge builds the search index of the large generated
// site, to compare with BenchmarkBuildLarge (internal/build):
//
//	go test -run '^$' -bench IndexLarge -benchmem ./internal/search
//
// It reports the index's files and bytes, raw and gzipped, and the heap
// it adds to the model's, at most while it is built and kept after
// (with GOGC=10, nearly the live heap; its CPU figure is then not a
// build's):
//
//	GOGC=10 go test -run '^$' -bench IndexLarge -benchmem ./internal/search
func BenchmarkIndexLarge(b *testing.B) {
	m := largeModel(b)
	// Measured before the timed builds, whose indexes would be counted
	// as the model's.
	added, kept := indexHeap(m)
	var ix *search.Index
	before := cpuTime()
	for b.Loop() {
		ix = search.Build(m)
	}
	cpu := (cpuTime() - before) / time.Duration(b.N)
	b.StopTimer()
	// The CPU time of the whole process, collector included: on a
	// loaded machine it says more than the time per op.
	b.ReportMetric(cpu.Seconds(), "cpu-s/op")
	raw, gz := 0, 0
	for _, f := range ix.Files {
		raw += len(f.Bytes)
		gz += gzipSize(f.Bytes)
	}
	b.ReportMetric(added, "heap-added-MiB")
	b.ReportMetric(kept, "heap-kept-MiB")
	b.ReportMetric(float64(len(ix.Files)), "files")
	b.ReportMetric(float64(raw), "bytes")
	b.ReportMetric(float64(gz), "gzip-bytes")
}

// indexHeap builds the index of m once more and measures the heap in
// use above the model's: the most while it is built (sampled every 5
// ms), and what it keeps once built, in MiB.
func indexHeap(m *site.Model) (added, kept float64) {
	inUse := func() float64 {
		var s runtime.MemStats
		runtime.ReadMemStats(&s)
		return float64(s.HeapInuse) / (1 << 20)
	}
	runtime.GC()
	base := inUse()
	stop, most := make(chan struct{}), make(chan float64)
	go func() {
		peak := 0.0
		for {
			select {
			case <-stop:
				most <- peak
				return
			case <-time.After(5 * time.Millisecond):
				peak = max(peak, inUse())
			}
		}
	}()
	ix := search.Build(m)
	close(stop)
	added = <-most - base
	runtime.GC()
	kept = inUse() - base
	runtime.KeepAlive(ix)
	return added, kept
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestLabelledQueriesLarge: on the large generated site, every query of
// the labelled set, typed without diacritics, finds its page; it logs
// where the page ranks and what a query loads (each query with a fresh
// Reader, as a reader who opens the search page and types it). It
// builds the large site's model (a minute and more), so it runs only
// when asked, as the browser test of the same set does:
//
//	SITEGEN_SEARCH_LARGE=1 go test -run LabelledQueriesLarge -v ./internal/search
func TestLabelledQueriesLarge(t *testing.T) {
	if os.Getenv("SITEGEN_SEARCH_LARGE") == "" {
		t.Skip("set SITEGEN_SEARCH_LARGE=1 to build the large generated site and ask its labelled queries")
	}
	m := largeModel(t)
	start := time.Now()
	ix := search.Build(m)
	t.Logf("index: %d files, built in %v", len(ix.Files), time.Since(start).Round(time.Millisecond))
	gz := make(map[string]int, len(ix.Files))
	for _, f := range ix.Files {
		gz[f.Name[len(search.Dir):]] = gzipSize(f.Bytes)
	}
	qs := testsite.SearchQueries(m)
	var ranks, loads, gzLoads, files, rounds, firstFiles []int
	found, first, top10, early := 0, 0, 0, 0
	for _, l := range qs {
		r, err := search.Open(ix.Files, ix.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		res := r.Search(l.Q, true, 20) // as many as search.js shows
		rank := -1
		all := r.Search(l.Q, true, res.Total)
		for i, h := range all.Hits {
			if h.Path == l.Target {
				rank = i
				break
			}
		}
		g := 0
		for _, f := range res.Files {
			g += gz[f]
		}
		firstFiles = append(firstFiles, len(res.Files))
		if len(res.Early) > 0 {
			early++
			firstFiles[len(firstFiles)-1] = res.EarlyFiles
			if !slices.EqualFunc(res.Early, res.Hits[:min(len(res.Early), len(res.Hits))], sameHit) || len(res.Early) > len(res.Hits) {
				t.Errorf("%q: the results shown first are not the first results:\n%v\n%v", l.Q, res.Early, res.Hits)
			}
		}
		if testing.Verbose() {
			t.Logf("%q: rank %d of %d, %d files in %d rounds, %d B (gzip %d B): %q; %d shown first after %d files", l.Q, rank, res.Total, len(res.Files), res.Rounds, res.Bytes, g, res.Files, len(res.Early), res.EarlyFiles)
		}
		loads = append(loads, res.Bytes)
		files = append(files, len(res.Files))
		rounds = append(rounds, res.Rounds)
		gzLoads = append(gzLoads, g)
		switch {
		case rank < 0:
			t.Errorf("%q: %s not found (%d results)", l.Q, l.Target, res.Total)
			continue
		case rank == 0:
			first++
		}
		if rank < 10 {
			top10++
		}
		found++
		ranks = append(ranks, rank)
	}
	slices.Sort(loads)
	slices.Sort(gzLoads)
	slices.Sort(files)
	slices.Sort(rounds)
	t.Logf("%d queries: %d found (%.0f%%), %d first, %d in the first 10", len(qs), found, 100*float64(found)/float64(len(qs)), first, top10)
	t.Logf("loaded per query (the 20 results search.js shows): median %d B (gzip %d B), p95 %d B (gzip %d B), max %d B (gzip %d B)",
		loads[len(loads)/2], gzLoads[len(gzLoads)/2], loads[len(loads)*95/100], gzLoads[len(gzLoads)*95/100], loads[len(loads)-1], gzLoads[len(gzLoads)-1])
	t.Logf("files loaded per query, each a script: median %d, p95 %d, max %d", files[len(files)/2], files[len(files)*95/100], files[len(files)-1])
	t.Logf("rounds of loading per query: median %d, p95 %d, max %d", rounds[len(rounds)/2], rounds[len(rounds)*95/100], rounds[len(rounds)-1])
	slices.Sort(firstFiles)
	t.Logf("%d queries show their first results early; files loaded before the first results: median %d, p95 %d, max %d", early, firstFiles[len(firstFiles)/2], firstFiles[len(firstFiles)*95/100], firstFiles[len(firstFiles)-1])
}

// sameHit reports whether two hits are the same document, scored alike.
func sameHit(a, b search.Hit) bool { return a.ID == b.ID && a.Score == b.Score && a.Doc == b.Doc }

// TestEarlyIsTheBeginning: the results a query shows before the rest
// (Result.Early, from its first files of records) are always the first
// of its whole answer, in the same order with the same scores; and a
// cell named by a frequent number ("Chi bộ Đội 14") shows itself first
// from them. Every cell's name, typed whole and word by word, of a
// generated site whose every word of a cell's name is frequent.
func TestEarlyIsTheBeginning(t *testing.T) {
	in, diags := build.Check(testsite.Generate(300, 3, 1500, 1), "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	m := site.New(in.Data, in.Articles)
	ix := search.Build(m)
	// Each typed as a reader types it, a word after another, on one page
	// (one Reader, which keeps what it loaded).
	var typed [][]string
	every, cells := 2, 0
	if raceDetector {
		every = 10
	}
	for i, c := range m.Cells {
		if i%every != 0 {
			continue
		}
		cells++
		name := fold.String(c.Name)
		var qs []string
		for i := range name {
			if name[i] == ' ' {
				qs = append(qs, name[:i], name[:i+1])
			}
		}
		typed = append(typed, append(qs, name, name+" "))
	}
	for _, y := range m.Years {
		typed = append(typed, []string{"nam", "nam ", fmt.Sprintf("nam %d", y)}, []string{fmt.Sprint(y)})
	}
	queries, early, cellFirst := 0, 0, 0
	for _, qs := range typed {
		r, err := search.Open(ix.Files, ix.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			queries++
			res := r.Search(q, !strings.HasSuffix(q, " "), 20)
			if len(res.Early) > len(res.Hits) || !slices.EqualFunc(res.Early, res.Hits[:len(res.Early)], sameHit) {
				t.Errorf("%q: shown first %v, but the answer begins %v", q, res.Early, res.Hits[:min(len(res.Early), len(res.Hits))])
				continue
			}
			if len(res.Early) > 0 {
				early++
				if res.Early[0].Kind == search.Cell && fold.String(res.Early[0].Title) == strings.TrimSpace(q) {
					cellFirst++
				}
			}
		}
	}
	t.Logf("%d queries: %d showed results early, %d of them their cell first", queries, early, cellFirst)
	if early < queries/5 || cellFirst < cells/5 {
		t.Errorf("%d of %d queries showed results early, %d of %d cells first; want a fifth of each", early, queries, cellFirst, cells)
	}
}
