// Package hostile holds, for tests, inputs that once made sitegen take
// seconds to minutes (issue 11: anyone who may push to the data
// repository may push these), each with what it cost, and Within, which
// fails a test that runs too long instead of letting it hang.
//
// The parsers' tests run each input under a budget, and their fuzz
// targets keep each one's Seed in their corpus (testdata/fuzz/FuzzNAME/),
// where TestCorpusHasHostile in each package checks that it is.
package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Input is one hostile text and what it cost before it was bounded.
type Input struct {
	Name string // also its file's name in a fuzz corpus
	Was  string // what it cost, measured on 2 cores
	Text string
	// Library is set when the library sitegen reads the text with is the
	// slow one: only sitegen's bounds keep it from the library.
	Library bool
}

// TOML are data files.
var TOML = []Input{{
	Name: "nested-inline-tables", Library: true,
	Was:  "6–8 s and 2.7 GB in the TOML decoder (32 KB)",
	Text: "a = " + strings.Repeat("{b=", 8000) + "1" + strings.Repeat("}", 8000) + "\n",
}, {
	Name: "nested-inline-tables-per-line", Library: true,
	Was: "20 s in the TOML decoder, each line within the line bound",
	Text: lines(40, func(i int) string {
		return fmt.Sprintf("a%d = ", i) + strings.Repeat("{b=", 2000) + "1" + strings.Repeat("}", 2000)
	}),
}, {
	Name: "dotted-keys", Library: true,
	Was:  "15 s in the TOML decoder",
	Text: "[[cell]]\n" + lines(40, func(i int) string { return fmt.Sprintf("k%d.", i) + strings.Repeat("b.", 3000) + "c = 1" }),
}, {
	Name: "nested-arrays-of-tables", Library: true,
	Was:  "the TOML decoder, over lines",
	Text: "a = [\n" + strings.Repeat("{b = [\n", 4000) + strings.Repeat("]}\n", 4000) + "]\n",
}, {
	Name: "inline-tables-on-one-line",
	Was:  "5 s for 50,000 and 20 s for 100,000 in sitegen's key scanner (each key's column counted from the line's start)",
	Text: "a = [" + strings.Repeat("{x=1},", 50000) + "]\n",
}}

// Articles are articles' bodies, to follow a front matter. Each is
// within the bound on an article's size, so that the other bounds are
// what refuses it.
var Articles = []Input{{
	Name: "link-openers", Library: true,
	Was:  "13 s in goldmark (24 s here): at each ( it reads the rest of the line",
	Text: strings.Repeat("[a](", 50000) + "\n",
}, {
	Name: "nested-lists", Library: true,
	Was:  "4 s in goldmark, 16 s for 1 MB (quotes, > > > …, 12 s)",
	Text: lines(25, func(int) string { return strings.Repeat("- ", 4900) + "a" }),
}, {
	Name: "figure-openers",
	Was:  "60 s and 440 MB for 1 MB in sitegen's figure parser and its messages' columns; 8 s for these 256 KB",
	Text: strings.Repeat("{{ ", 83000) + "\n",
}, {
	Name: "glued-figures",
	Was:  "sitegen's check of addresses (the word looked back over at each figure): 2.6 s for 80 KB",
	Text: strings.Repeat("{{}}", 62000) + "\n",
}, {
	Name: "headings",
	Was:  "78 s for 10,000 in sitegen's heading ids (each tried against all the others)",
	Text: strings.Repeat("# a\n", 50000),
}, {
	Name: "charts-in-a-paragraph",
	Was:  "sitegen's check of a chart standing alone (the paragraph read again for each chart)",
	Text: strings.Repeat("{{chart}}\n", 25000),
}, {
	Name: "figures-in-a-title",
	Was:  "sitegen's figures in a link's title (the rest of the line searched at each {{)",
	Text: "[a](/x \"" + strings.Repeat("{{ ", 83000) + "\")\n",
}}

func lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i))
		b.WriteString("\n\n")
	}
	return b.String()
}

// Budget is the CPU time a hostile input may take: each takes tens of
// milliseconds now (at most 0.3 s), and took seconds to minutes. The
// race detector's build is given ten times as much.
var Budget = 2 * time.Second * raceFactor

// hang is how long Run waits for an input that runs on: its CPU time
// could not be measured while it runs, and a machine shared with other
// work gives a test a fraction of its time.
const hang = 60 * time.Second

// Run runs f and fails t if f takes more CPU time than Budget, or has
// not returned after a minute. f goes on in its goroutine then, but the
// test fails at once instead of waiting for it. CPU time, not time on
// the clock, so that other work on the machine does not fail a test:
// the process's, so that nothing else in it must run meanwhile.
func Run(t testing.TB, f func()) {
	t.Helper()
	done := make(chan struct{})
	start := cpuTime()
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(hang):
		t.Fatalf("still running after %v", hang)
	}
	if took := cpuTime() - start; took > Budget {
		t.Errorf("took %v of CPU time, more than the budget of %v", took.Round(time.Millisecond), Budget)
	}
}

// CheckCorpus fails t unless the Seed of every input is in the fuzz
// corpus of the target name (testdata/fuzz/NAME/), as the one argument
// it takes, made into what wrap makes of it. With write set, it writes
// the missing ones.
func CheckCorpus(t *testing.T, name string, inputs []Input, wrap func(string) string, write bool) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", name)
	for _, in := range inputs {
		path := filepath.Join(dir, in.Name)
		want := "go test fuzz v1\n[]byte(" + strconv.Quote(wrap(Seed(in.Text))) + ")\n"
		got, err := os.ReadFile(path)
		if err == nil && string(got) == want {
			continue
		}
		if !write {
			t.Errorf("%s is not in the fuzz corpus as %s; run go test -run %s -update", in.Name, path, t.Name())
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// seedSize is the size of a seed in a fuzz corpus.
const seedSize = 4 << 10

// Seed is the beginning of a hostile text, whole lines of it where it
// has lines, for a fuzz corpus: its shape, at a size the fuzzer mutates
// and runs fast (a fuzzer made to minimize what it finds from a 256 KB
// seed spends a minute on each). The tests run the whole texts.
func Seed(text string) string {
	if len(text) <= seedSize {
		return text
	}
	cut := text[:seedSize]
	if nl := strings.LastIndexByte(cut, '\n'); nl > seedSize/2 {
		return cut[:nl+1]
	}
	return strings.ToValidUTF8(cut, "")
}

var started = time.Now()

// wallTime is the time on the clock since the process started.
func wallTime() time.Duration { return time.Since(started) }
