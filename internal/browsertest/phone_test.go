package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// phoneProblems lists what a reader of p on a phone would stumble on: a
// table row taller than three lines of its text (a column squeezed to a
// word a line), and texts or icons of a chart drawn over each other (a
// label over another, the legend over the download icon).
func phoneProblems(p *page) []string {
	var out []string
	for _, r := range p.TallRows {
		out = append(out, fmt.Sprintf("table %s, row %q: %.0f px high, %.1f lines of its text; want at most three (%.0f px)", r.Table, r.Row, r.Height, r.Lines, r.Limit))
	}
	for _, c := range p.Charts {
		for _, o := range c.Overlaps {
			out = append(out, fmt.Sprintf("chart #%s: %s are drawn over each other", c.ID, o))
		}
	}
	if p.ScrollWidth > min(p.InnerWidth, p.ClientWidth) {
		out = append(out, fmt.Sprintf("the page is %d px wide: it scrolls sideways", p.ScrollWidth))
	}
	return out
}

// targetProblems says what a reader who followed a figure's link (#id)
// would not see: the figure's cell, and what it is, either from its
// table's heading row or from the box beside it naming its row and
// column.
func targetProblems(p *page, id string) []string {
	t := p.Target
	if t == nil || t.ID != id {
		return []string{fmt.Sprintf("#%s: no table cell with that id", id)}
	}
	var out []string
	if !t.InView {
		out = append(out, fmt.Sprintf("#%s: its cell is out of view", id))
	}
	named := t.CiteInView && strings.Contains(t.Where, t.RowHead) && strings.Contains(t.Where, t.ColHead)
	if !t.HeadInView && !named {
		out = append(out, fmt.Sprintf("#%s: the heading row of its table (%q) is out of view, and no box in view names its row (%q) and column", id, t.ColHead, t.RowHead))
	}
	return out
}

// oneOf reports whether page is one page of the folder prefix (a cell's,
// an article's), not the folder's own list of them.
func oneOf(page, prefix string) bool {
	rest, ok := strings.CutPrefix(page, prefix)
	return ok && strings.Count(rest, "/") == 1
}

// largest is the largest page of s under prefix, "" when none: it shows
// the most of its type's layout.
func largest(s *site, prefix string) string {
	best, size := "", int64(-1)
	for _, p := range s.pages {
		if fi, err := os.Stat(filepath.Join(s.dir, p)); err == nil && oneOf(p, prefix) && fi.Size() > size {
			best, size = p, fi.Size()
		}
	}
	return best
}

// mostRows is the page of s under prefix with the most table rows.
func mostRows(t *testing.T, s *site, prefix string) string {
	best, most := "", -1
	for _, p := range s.pages {
		if !oneOf(p, prefix) {
			continue
		}
		if n := strings.Count(readFile(t, filepath.Join(s.dir, p)), "<tr"); n > most {
			best, most = p, n
		}
	}
	return best
}

// lastAnchor is the id of the last table cell of a page that is a
// figure's anchor: the end of its longest stretch of table.
func lastAnchor(t *testing.T, s *site, page string) string {
	ids := regexp.MustCompile(`<td id="([^"]+)"`).FindAllStringSubmatch(readFile(t, filepath.Join(s.dir, page)), -1)
	if len(ids) == 0 {
		return ""
	}
	return ids[len(ids)-1][1]
}

// TestPhone opens at 360 px the pages journalists read on phones: the
// sample site's cell page and its largest article, and the generated
// site's cell page with the most table rows and its largest article. It
// writes a screenshot of each and fails on a table row taller than three
// lines of text and on chart texts drawn over each other. It then follows
// a figure's link on each cell page, as a reader of an article does, and
// wants the figure in view with what it is: its table's heading row, or a
// box naming its row and column.
func TestPhone(t *testing.T) {
	browser := newBrowser(t)
	sample, gen := sampleSite(t), generatedSite(t)
	dir := screenshotDir(t, "phone")
	genCell := mostRows(t, gen, "don-vi/")
	for _, c := range []struct {
		name  string
		s     *site
		pages []string
		links []string // a page#anchor to follow
	}{
		{"sample", sample, []string{"don-vi/khoi-dn/index.html", largest(sample, "bai-viet/")},
			// A figure of the first columns, and an earlier count of the
			// sixth, out of a phone's screen until the table scrolls.
			[]string{"don-vi/khoi-dn/index.html#admitted-2017", "don-vi/khoi-dn/index.html#members-2018-2018-02-02"}},
		{"generated", gen, []string{genCell, largest(gen, "bai-viet/")},
			[]string{genCell + "#" + lastAnchor(t, gen, genCell)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := serverOrigin(t, c.s)
			tb := newTab(t, browser, o.root)
			for _, name := range c.pages {
				file := shotFile(dir, c.name+"-"+name, phone)
				p, err := tb.shoot(o.url(name), phone, file, false)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if bad := phoneProblems(p); len(bad) > 0 {
					t.Errorf("%s at %d px (see %s):\n\t%s", name, phone.width, file, strings.Join(bad, "\n\t"))
				}
				for _, e := range p.Errors {
					t.Errorf("%s: %s", name, e)
				}
			}
			for _, link := range c.links {
				name, id, _ := strings.Cut(link, "#")
				// A tab of its own: the link is a new visit, not a move
				// within the page last opened.
				tb := newTab(t, browser, o.root)
				file := shotFile(dir, c.name+"-"+link, phone)
				p, err := tb.shoot(o.url(name)+"#"+id, phone, file, true)
				if err != nil {
					t.Errorf("%s: %v", link, err)
					continue
				}
				if tg := p.Target; tg != nil {
					t.Logf("%s: cell in view %v, heading row in view %v, box in view %v: %q", link, tg.InView, tg.HeadInView, tg.CiteInView, tg.Where)
				}
				if bad := targetProblems(p, id); len(bad) > 0 {
					t.Errorf("%s at %d px (see %s):\n\t%s", name, phone.width, file, strings.Join(bad, "\n\t"))
				}
			}
			tb.take()
		})
	}
	t.Logf("screenshots in %s", dir)
}

// TestHarnessSeesPhoneFaults proves the phone checks can fail: the faulty
// page's squeezed table and overlapping chart texts are reported, and the
// clean pages report nothing.
func TestHarnessSeesPhoneFaults(t *testing.T) {
	browser := newBrowser(t)
	s := fixtureSite(t)
	o := serverOrigin(t, s)
	tb := newTab(t, browser, o.root)
	dir := t.TempDir()
	for _, name := range s.pages {
		p, err := tb.shoot(o.url(name), phone, shotFile(dir, name, phone), false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := phoneProblems(p)
		if name != faultyPage {
			if len(got) > 0 {
				t.Errorf("%s: clean page reported:\n\t%s", name, strings.Join(got, "\n\t"))
			}
			continue
		}
		report := strings.Join(got, "\n")
		for _, w := range []string{
			`table bang-hep, row "2017"`,
			`chart #no-band: "3,500" and "trên 190" (`,
		} {
			if !strings.Contains(report, w) {
				t.Errorf("%s: not reported: %q; the report was:\n%s", name, w, report)
			}
		}
	}
	if !slices.Contains(s.pages, faultyPage) {
		t.Fatalf("the fixture has no %s", faultyPage)
	}
	tb.take()
}
