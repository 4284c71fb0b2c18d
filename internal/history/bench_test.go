package history_test

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"sitegen/internal/history"
	"sitegen/internal/testsite"
)

// The generated histories of the benchmarks: a thousand commits of a
// small site (12 cells over 3 years, some 200 anchored figures a
// version, about the sample site's size) and of a larger one (40 cells
// over 5 years, some 900).
const benchCommits = 1000

var benchSites = []struct {
	name         string
	cells, years int
}{
	{"small", 12, 3},
	{"40-cells", 40, 5},
}

func benchRepo(b *testing.B, n, cells, years int) string {
	b.Helper()
	needGit(b)
	dir := filepath.Join(b.TempDir(), "repo")
	if _, err := testsite.History(dir, n, cells, years, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkColdRead: the log of a thousand commits with no cache.
// Target (issue 16): ≤ 2 s.
func BenchmarkColdRead(b *testing.B) {
	for _, site := range benchSites {
		b.Run(site.name, func(b *testing.B) {
			dir := benchRepo(b, benchCommits, site.cells, site.years)
			defer cpu(b)()
			for b.Loop() {
				if l := history.Read(dir, nil); l.Missing != "" || len(l.Entries) == 0 {
					b.Fatalf("no log: %q", l.Missing)
				}
			}
		})
	}
}

// BenchmarkNewCommit: a build after one new commit: the cache of the
// 999 commits before read from its bytes, the log made, the cache
// written. Target (issue 16): ≤ 50 ms.
func BenchmarkNewCommit(b *testing.B) {
	for _, site := range benchSites {
		b.Run(site.name, func(b *testing.B) {
			before := benchRepo(b, benchCommits-1, site.cells, site.years)
			c := history.NewCache()
			history.Read(before, c)
			cached, err := c.Encode()
			if err != nil {
				b.Fatal(err)
			}
			dir := benchRepo(b, benchCommits, site.cells, site.years)
			b.ReportMetric(float64(len(cached)), "cache-bytes")
			defer cpu(b)()
			for b.Loop() {
				c, err := history.DecodeCache(cached)
				if err != nil {
					b.Fatal(err)
				}
				history.Read(dir, c)
				if _, err := c.Encode(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cpu reports the CPU time of the loop, sitegen's and git's, per
// operation: on a machine shared with others, wall time says more about
// them than about the code.
func cpu(b *testing.B) (stop func()) {
	used := func() time.Duration {
		var self, children syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &self)
		syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
		return time.Duration(self.Utime.Nano() + self.Stime.Nano() + children.Utime.Nano() + children.Stime.Nano())
	}
	start := used()
	return func() {
		b.ReportMetric(float64((used()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
