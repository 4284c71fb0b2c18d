package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitegen/internal/i18n"
	"sitegen/internal/testsite"
)

// BenchmarkServeMemory measures the memory of `sitegen serve` across
// b.N rebuilds against a build's peak: the issue asks that serve stay
// within twice a build's peak after 100 rebuilds on the large generated
// site (2,000 cells, 10 years, 10,000 articles):
//
//	go test -run '^$' -bench 'ServeMemory/large' -benchtime 100x -timeout 180m ./cmd/sitegen
//	go test -run '^$' -bench 'ServeMemory/small' -benchtime 20x ./cmd/sitegen
//
// The command runs as a user runs it, built from this repository into a
// process of its own, whose resident memory is what the machine gives
// it. Saves alternate, each waited for: one record of the last year's
// admissions (one woman fewer, then back) and one article (a sentence
// added, then taken away), each written to a temporary file and renamed,
// as many editors save; after each rebuild the home page is fetched.
//
// It reports, in MiB: build-peak (the most resident memory of `sitegen
// build` of the same site), first and last (serve's VmRSS after its
// first build and after the last rebuild), peak (the most resident
// memory of serve, counted as build's, once it stopped), and
// heap-first and heap-last: the least heap left live by a collection
// during the first rebuild and during the last (GODEBUG=gctrace=1), that
// is, about what serve keeps between rebuilds, so that a leak shows as
// growth. With SITEGEN_SERVE_MEMORY=FILE it writes a line for each
// rebuild to FILE as it goes (a long run can be watched, or read when
// stopped).
func BenchmarkServeMemory(b *testing.B) {
	for _, size := range []struct {
		name                   string
		cells, years, articles int
	}{
		{"small", 20, 2, 20},
		{"large", 2000, 10, 10000},
	} {
		b.Run(size.name, func(b *testing.B) {
			dir := b.TempDir()
			src := filepath.Join(dir, "site")
			if err := testsite.WriteDir(testsite.Generate(size.cells, size.years, size.articles, 1), src); err != nil {
				b.Fatal(err)
			}
			benchServeMemory(b, buildSitegen(b, dir), src)
		})
	}
}

// buildSitegen builds the command from this repository into dir.
func buildSitegen(b *testing.B, dir string) string {
	bin := filepath.Join(dir, "sitegen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func benchServeMemory(b *testing.B, bin, src string) {
	build := exec.Command(bin, "build", "-src", src, "-out", filepath.Join(filepath.Dir(src), "public"))
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("sitegen build: %v\n%s", err, out)
	}
	buildPeak := float64(build.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024 // KiB on Linux

	saves := memorySaves(b, src)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "-src", src, "-addr", addr)
	cmd.Env = append(os.Environ(), "GODEBUG=gctrace=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	// stop ends serve, as Ctrl-C does, and returns its peak resident
	// memory as the kernel counted it, in MiB: the measure of build's.
	stop := func() float64 {
		cmd.Process.Signal(syscall.SIGINT)
		cmd.Wait()
		return float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
	}
	defer func() {
		if cmd.ProcessState == nil {
			stop()
		}
	}()
	rebuilds := make(chan rebuild)
	go readServeLog(stderr, rebuilds)

	var log io.Writer = io.Discard
	if name := os.Getenv("SITEGEN_SERVE_MEMORY"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		log = f
	}
	fmt.Fprintf(log, "build peak %.0f MiB\nrebuild\tsave\ttime\tload\tVmRSS MiB\tVmHWM MiB\tleast live heap MiB\n", buildPeak)
	next := func(n int, what string) (rss, hwm, heap float64) {
		r, ok := <-rebuilds
		if !ok {
			b.Fatalf("serve ended before rebuild %d", n)
		}
		if r.failed != "" {
			b.Fatalf("rebuild %d failed: %s", n, r.failed)
		}
		if resp, err := http.Get("http://" + addr + "/"); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		rss, hwm = procMemory(b, cmd.Process.Pid)
		load, _ := os.ReadFile("/proc/loadavg")
		fmt.Fprintf(log, "%d\t%s\t%s\t%s\t%.0f\t%.0f\t%.0f\n", n, what, time.Now().UTC().Format(time.TimeOnly),
			strings.Fields(string(load) + " ?")[0], rss, hwm, r.leastHeap)
		return rss, hwm, r.leastHeap
	}
	first, _, _ := next(0, "first")
	var last, heapFirst, heapLast float64
	n := 0
	for b.Loop() {
		n++
		save := saves[(n-1)%len(saves)]
		save.write(b)
		last, _, heapLast = next(n, save.what)
		if n == 1 {
			heapFirst = heapLast
		}
	}
	b.StopTimer()
	peak := stop()
	b.ReportMetric(buildPeak, "build-peak-MiB")
	b.ReportMetric(first, "first-MiB")
	b.ReportMetric(last, "last-MiB")
	b.ReportMetric(peak, "peak-MiB")
	b.ReportMetric(heapFirst, "heap-first-MiB")
	b.ReportMetric(heapLast, "heap-last-MiB")
}

// save is one version of a file, written to tmp (outside the site
// folder, on its file system) and renamed.
type save struct {
	what, file, tmp string
	data            []byte
}

func (s save) write(b *testing.B) {
	if err := os.WriteFile(s.tmp, s.data, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(s.tmp, s.file); err != nil {
		b.Fatal(err)
	}
}

// memorySaves are four saves that each change the site and end as they
// began: a record changed, an article changed, the record back, the
// article back.
func memorySaves(b *testing.B, src string) []save {
	years, err := filepath.Glob(filepath.Join(src, "data", "admissions", "[0-9]*.toml"))
	if err != nil || len(years) == 0 {
		b.Fatalf("no admissions in %s: %v", src, err)
	}
	articles, err := filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
	if err != nil || len(articles) == 0 {
		b.Fatalf("no article in %s: %v", src, err)
	}
	slices.Sort(years)
	slices.Sort(articles)
	data, article := years[len(years)-1], articles[0]
	dataWas, err := os.ReadFile(data)
	if err != nil {
		b.Fatal(err)
	}
	articleWas, err := os.ReadFile(article)
	if err != nil {
		b.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^women = ([1-9]\d*)$`).FindSubmatchIndex(dataWas)
	if m == nil {
		b.Fatalf("no women = N in %s", data)
	}
	v, _ := strconv.Atoi(string(dataWas[m[2]:m[3]]))
	dataNow := slices.Concat(dataWas[:m[2]], []byte(strconv.Itoa(v-1)), dataWas[m[3]:])
	articleNow := slices.Concat(articleWas, []byte("\nMột câu thêm vào khi viết.\n"))
	tmp := filepath.Join(filepath.Dir(src), "save.tmp")
	return []save{
		{"data", data, tmp, dataNow},
		{"article", article, tmp, articleNow},
		{"data", data, tmp, dataWas},
		{"article", article, tmp, articleWas},
	}
}

// rebuild is what serve said of one rebuild: whether it failed, and the
// least heap a collection during it left live, in MiB.
type rebuild struct {
	failed    string
	leastHeap float64
}

// gcLine is a line of GODEBUG=gctrace=1: its heap before, after and
// live after the collection.
var gcLine = regexp.MustCompile(`^gc \d+ .*, (\d+)->(\d+)->(\d+) MB,`)

// rebuiltLine and failedLine are serve's log lines of a rebuild and of
// a failed one, in either language, as the catalogue writes them.
var rebuiltLine, failedLine = logLine("serve.rebuilt", 7, "7"), logLine("serve.failed", 7)

// logLine matches the message key of the catalogue formatted with args,
// each written 7, in any language, whatever the figures.
func logLine(key string, args ...any) *regexp.Regexp {
	var alts []string
	for _, l := range []i18n.Lang{i18n.VI, i18n.EN} {
		alts = append(alts, strings.ReplaceAll(regexp.QuoteMeta(i18n.New(l).T(key, args...)), "7", `\S+`))
	}
	return regexp.MustCompile("^(?:" + strings.Join(alts, "|") + ")$")
}

// readServeLog sends a rebuild for each line of serve's log that tells
// of one (rebuiltLine, or failedLine for a failed one), until the log
// ends.
func readServeLog(r io.Reader, rebuilds chan<- rebuild) {
	defer close(rebuilds)
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	least := -1.0
	for sc.Scan() {
		line := sc.Bytes()
		if m := gcLine.FindSubmatch(line); m != nil {
			if live, _ := strconv.ParseFloat(string(m[3]), 64); least < 0 || live < least {
				least = live
			}
			continue
		}
		var r rebuild
		switch {
		case rebuiltLine.Match(line):
		case failedLine.Match(line):
			r.failed = string(line)
		default:
			continue
		}
		r.leastHeap, least = least, -1
		rebuilds <- r
	}
}

// procMemory is the resident memory of process pid and its most so
// far, in MiB.
func procMemory(b *testing.B, pid int) (rss, hwm float64) {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kib, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kib / 1024
		case "VmHWM:":
			hwm = kib / 1024
		}
	}
	return rss, hwm
}
