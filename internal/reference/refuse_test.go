package reference

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// TestBuildRefusesWhatWasNotKnown: the generator cites only what the
// reference says an article may cite on its date. The other side: an
// article citing a figure not yet known on its date, or a sum that
// leaves out a sub-cell, stops the build with an error at the line and
// column of its {{, and nothing is written.
func TestBuildRefusesWhatWasNotKnown(t *testing.T) {
	s := generate(3, sizeOf(3))
	var notYet, partial *ref
	var notYetOn, partialOn day
	for _, y := range s.years() {
		for _, c := range s.cells {
			for _, m := range []time.Month{time.February, time.July} {
				on := day{y, m, 1}
				r := ref{admitted, c.id, yearOf(y)}
				f := s.figureAt(r.name, r.subject, r.p, on)
				switch {
				case notYet == nil && f == nil && s.figureAt(r.name, r.subject, r.p, day{}) != nil:
					notYet, notYetOn = &r, on
				case partial == nil && f != nil && f.partial():
					partial, partialOn = &r, on
				}
			}
		}
	}
	if notYet == nil || partial == nil {
		t.Fatalf("the generated site has no figure to refuse: not yet known %v, partial %v", notYet, partial)
	}
	// One article for each, the figure on line 8 after "Con số " (column 8).
	for i, c := range []struct {
		r  *ref
		on day
	}{{notYet, notYetOn}, {partial, partialOn}} {
		s.articles = append(s.articles, &article{
			file: fmt.Sprintf("content/sai-%d.md", i), slug: fmt.Sprintf("sai-%d", i), title: "Bài sai", date: c.on,
			body: []block{{text: "Đoạn đầu."}, {text: "Con số " + c.r.markdown() + "."}},
		})
	}
	out, diags := tryBuild(t, s)
	for i, r := range []*ref{notYet, partial} {
		path := fmt.Sprintf("content/sai-%d.md", i)
		found := false
		for _, d := range diags.Errors() {
			found = found || d.Path == path && d.Line == 8 && d.Col == 8
		}
		if !found {
			t.Errorf("no error at %s:8:8 for %s; the build said:\n%v", path, r.markdown(), diags)
		}
	}
	t.Logf("%v", diags.Errors())
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused build wrote %s", out)
	}
}
