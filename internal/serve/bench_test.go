package serve

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"sitegen/internal/testsite"
)

// BenchmarkServeEdit measures what an editor waits for: from saving a
// file to the page reloaded, that is, from the write to the open page's
// event stream telling of the new site and the page fetched again from
// it (a browser then lays the page out and runs its charts, which this
// leaves out; TestServe in internal/browsertest does it all). It reports
// the median and the 95th percentile, in ms, for a one-record data
// change and a one-article change, on the sample site and on the large
// generated site (2,000 cells, 10 years, 10,000 articles):
//
//	go test -run '^$' -bench 'ServeEdit/sample' -benchtime 40x ./internal/serve
//	go test -run '^$' -bench 'ServeEdit/large' -benchtime 5x -timeout 60m ./internal/serve
//
// The open page is the home page, which a rebuild makes first; whole-p95
// is the 95th percentile of the time until the rest of the site is made
// too. It also reports the heap in use after the last rebuild (after a
// collection), in MiB, beside the heap after the first, so that a leak
// across rebuilds shows as growth.
func BenchmarkServeEdit(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		src := copySample(b)
		b.Run("data", func(b *testing.B) {
			benchEdit(b, src, filepath.Join(src, "data", "2018.toml"), changeNumber(`(?m)^admitted = (\d+)$`))
		})
		b.Run("article", func(b *testing.B) {
			benchEdit(b, src, filepath.Join(src, "content", "2018", "tao-nguon-phat-trien-dang-vien.md"), addSentence)
		})
	})
	b.Run("large", func(b *testing.B) {
		src := filepath.Join(b.TempDir(), "site")
		if err := testsite.WriteDir(testsite.Generate(2000, 10, 10000, 1), src); err != nil {
			b.Fatal(err)
		}
		b.Run("data", func(b *testing.B) {
			benchEdit(b, src, filepath.Join(src, "data", "admissions", strconv.Itoa(testsite.FirstYear+9)+".toml"), changeNumber(`(?m)^women = ([1-9]\d*)$`))
		})
		b.Run("article", func(b *testing.B) {
			articles, err := filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
			if err != nil || len(articles) == 0 {
				b.Fatalf("no article in the generated site: %v", err)
			}
			slices.Sort(articles)
			benchEdit(b, src, articles[0], addSentence)
		})
	})
}

// An edit makes the n-th version of a file from the original: versions
// alternate, so that every save changes the site.
type edit func(orig []byte, n int) []byte

// changeNumber changes the first number the pattern's group matches:
// one less on every other save (a count of a record, kept within the
// rules by going down from a positive number).
func changeNumber(pattern string) edit {
	re := regexp.MustCompile(pattern)
	return func(orig []byte, n int) []byte {
		m := re.FindSubmatchIndex(orig)
		if m == nil {
			panic("no " + pattern)
		}
		v, _ := strconv.Atoi(string(orig[m[2]:m[3]]))
		if n%2 == 1 {
			v--
		}
		return slices.Concat(orig[:m[2]], []byte(strconv.Itoa(v)), orig[m[3]:])
	}
}

// addSentence adds a sentence to an article on every other save.
func addSentence(orig []byte, n int) []byte {
	if n%2 == 0 {
		return orig
	}
	return slices.Concat(orig, []byte("\nMột câu thêm vào khi viết.\n"))
}

func benchEdit(b *testing.B, src, file string, change edit) {
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	s := New(Options{Src: src})
	if o := s.Rebuild(); o.Problems != nil {
		b.Fatalf("first build: %v", o.Problems)
	}
	heapFirst := heapMiB()
	lv := start(b, s, src)
	served := (<-lv.states).Build

	var took, whole []time.Duration
	n := 0
	cpuBefore := cpuTime()
	for b.Loop() {
		n++
		start := time.Now()
		if err := os.WriteFile(file, change(orig, n), 0o644); err != nil {
			b.Fatal(err)
		}
		for st := range lv.states {
			if len(st.Problems) > 0 {
				b.Fatalf("the edit broke the site: %v", st.Problems)
			}
			if st.Build != served {
				served = st.Build
				break
			}
		}
		page, err := http.Get(lv.site)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, page.Body)
		page.Body.Close()
		took = append(took, time.Since(start))
		// The rest of the site is made after the page open is shown: the
		// next save waits for it, as an editor's next save seconds later
		// would not.
		for s.Rebuilds() < n+1 {
			time.Sleep(time.Millisecond)
		}
		whole = append(whole, time.Since(start))
	}
	b.StopTimer()
	// The CPU time of an edit says more than its wall time on a shared
	// machine, whose other work only lengthens the wall time.
	b.ReportMetric(ms(cpuTime()-cpuBefore)/float64(n), "cpu-ms/edit")
	slices.Sort(took)
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[(len(took)*95+99)/100-1]), "p95-ms")
	slices.Sort(whole)
	b.ReportMetric(ms(whole[(len(whole)*95+99)/100-1]), "whole-p95-ms")
	b.ReportMetric(heapFirst, "heap-first-MiB")
	b.ReportMetric(heapMiB(), "heap-last-MiB")
	b.ReportMetric(float64(s.Rebuilds()), "rebuilds")
}

// cpuTime is the CPU time of the process so far, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// heapMiB is the heap in use after a collection: what the served site
// and the rest of serve keep.
func heapMiB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}
