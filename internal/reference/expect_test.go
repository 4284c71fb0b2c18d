package reference

import (
	"fmt"
	"sort"
	"strings"
)

// What the built site must show, page by page, made from the reference
// figures alone (templates/partials/*.html say how a page writes them).

// shown is a figure as a page writes it: <data value class title>TEXT</data>
// and its notes.
type shown struct {
	value, class, title, text string
	notes                     []string
}

func (w shown) String() string {
	s := fmt.Sprintf("%q value=%s class=%q", w.text, w.value, w.class)
	if w.title != "" {
		s += fmt.Sprintf(" title=%q", w.title)
	}
	if len(w.notes) > 0 {
		s += fmt.Sprintf(" notes=%q", w.notes)
	}
	return s
}

func show(f *figure) shown {
	return shown{value: valueOf(f), class: classOf(f), title: titleOf(f), text: textOf(f), notes: notesOf(f)}
}

// ownCount is one count of a figure on its own page: a <span class="count">
// with its dated anchor (id, "" for the latest whole-year count) and its
// "#" link.
type ownCount struct {
	id      string
	earlier bool
	fig     shown
	anchor  string
}

// ownFigure is a figure on its own page: <td id="NAME-PERIOD"> holding its
// counts, the earlier ones first.
type ownFigure struct {
	id     string
	counts []ownCount
}

// link is a figure linked to its anchor: href relative to the page.
type link struct {
	href string
	fig  shown
}

// chartWant is a chart as a page shows it: its table and its downloads.
type chartWant struct {
	ref      chartRef
	on       day
	id       string // the table's id is id + "-table"
	rows     []rowWant
	download string // du-lieu/… without extension, relative to the top
}

// rowWant is a row of a chart's table.
type rowWant struct {
	head     string // the header's text
	href     string // the header's link (a sub-cell), relative to the page
	datetime string // the header's <time datetime> (a membership's day)
	cells    []*link
	sources  string
}

// pageWant is what one page must show.
type pageWant struct {
	path    string
	figures map[string]*ownFigure // by the id of its <td>, on a cell's or referrer's page
	inline  []link                // an article's figures in its text, in order
	charts  []chartWant           // in order
}

// downloadWant is a chart's downloads.
type downloadWant struct {
	header []string
	rows   [][]string
}

// want is the whole site.
type want struct {
	pages     map[string]*pageWant
	downloads map[string]*downloadWant // by base name, du-lieu/…
}

// rootOf leads from a page to the top of the site: "../../" for
// don-vi/x/index.html.
func rootOf(page string) string { return strings.Repeat("../", strings.Count(page, "/")) }

func linkTo(page string, f *figure) *link {
	return &link{href: rootOf(page) + pageOf(f) + "#" + anchorOf(f), fig: show(f)}
}

// cited are the figures the published articles show, each as known on
// its article's date: in their text and in their charts.
func (s *site) cited() []*figure { return append(s.citedInText(), s.citedInCharts()...) }

func (s *site) citedInText() []*figure {
	var out []*figure
	for _, a := range s.published() {
		for _, b := range a.body {
			for _, r := range b.figs {
				if f := s.figureAt(r.name, r.subject, r.p, a.date); f != nil {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

func (s *site) citedInCharts() []*figure {
	var out []*figure
	for _, a := range s.published() {
		for _, b := range a.body {
			if b.chart == nil {
				continue
			}
			for _, row := range s.chartAt(*b.chart, a.date) {
				for _, f := range row.figs {
					if f != nil {
						out = append(out, f)
					}
				}
			}
		}
	}
	return out
}

// publishedFigure is a figure on its own page: the latest count, and
// before it "every earlier count of a year a reader may have seen: its own
// dated records, and counts that articles cited (in text or charts) before
// a later one replaced them", oldest first. nil when there is none.
func (s *site) publishedFigure(name, subject string, p period, cited []*figure) *ownFigure {
	latest := s.figureAt(name, subject, p, day{})
	if latest == nil {
		return nil
	}
	// The days a reader may have seen another count: each own record's.
	var days []day
	switch name {
	case members, units:
		for _, m := range s.memberships {
			if m.cell == subject && m.date.y == p.from && (name == members || m.hasUnits) {
				days = append(days, m.date)
			}
		}
	case target, referred, referralAdmitted, conversion:
	default:
		holds := name
		if name == achieved {
			holds = admitted
		}
		for _, a := range s.admissions {
			if _, ok := a.counts[holds]; ok && a.cell == subject && a.p == p {
				days = append(days, knownFrom(a))
			}
		}
	}
	var earlier []*figure
	addEarlier := func(f *figure) {
		if f == nil || f.latest {
			return
		}
		for _, e := range earlier {
			if e.since == f.since {
				return
			}
		}
		earlier = append(earlier, f)
	}
	for _, d := range days {
		addEarlier(s.figureAt(name, subject, p, d))
	}
	for _, f := range cited {
		if f.name == name && f.subject == subject && f.p == p {
			addEarlier(f)
		}
	}
	sort.SliceStable(earlier, func(i, j int) bool { return earlier[i].since.before(earlier[j].since) })
	own := &ownFigure{id: latestAnchor(latest)}
	for _, f := range earlier {
		own.counts = append(own.counts, ownCount{id: datedAnchor(f), earlier: true, fig: show(f), anchor: anchorOf(f)})
	}
	last := ownCount{id: datedAnchor(latest), fig: show(latest), anchor: anchorOf(latest)}
	if len(earlier) > 0 && latest.asOf.isZero() {
		// Beside counts to a day, the whole year's says it is one.
		last.fig.notes = append([]string{"cả năm"}, last.fig.notes...)
	}
	own.counts = append(own.counts, last)
	return own
}

// cellYears are the years a cell's page has a row for: "every year it
// publishes any figure (a target-only year too)".
func (s *site) cellYears(c *cell) []int {
	var out []int
	for _, y := range s.years() {
		for _, name := range []string{admitted, confirmed, target, members, units} {
			if s.figureAt(name, c.id, yearOf(y), day{}) != nil {
				out = append(out, y)
				break
			}
		}
	}
	return out
}

// cellFigures are the figures of a cell's page: for each of its years
// admitted, target, achieved, confirmed, members, units and, where
// admitted is held, its parts; for each from/to period admitted,
// confirmed and the parts.
func (s *site) cellFigures(c *cell, cited []*figure) map[string]*ownFigure {
	out := map[string]*ownFigure{}
	put := func(name string, p period) {
		if f := s.publishedFigure(name, c.id, p, cited); f != nil {
			out[f.id] = f
		}
	}
	for _, y := range s.cellYears(c) {
		for _, name := range []string{admitted, target, achieved, confirmed, members, units} {
			put(name, yearOf(y))
		}
		if s.figureAt(admitted, c.id, yearOf(y), day{}) != nil {
			for _, name := range parts {
				put(name, yearOf(y))
			}
		}
	}
	for _, p := range s.periods() {
		if s.figureAt(admitted, c.id, p, day{}) == nil {
			continue
		}
		for _, name := range append([]string{admitted, confirmed}, parts...) {
			put(name, p)
		}
	}
	return out
}

// referrerYears are the years a referrer has a record for.
func (s *site) referrerYears(id string) []int {
	var out []int
	for _, y := range s.years() {
		for _, r := range s.referrals {
			if r.referrer == id && r.year == y {
				out = append(out, y)
				break
			}
		}
	}
	return out
}

// publishedYears are the years some cell or referrer publishes a figure
// for: each has a page.
func (s *site) publishedYears() []int {
	var out []int
	for _, y := range s.years() {
		has := false
		for _, c := range s.cells {
			for _, cy := range s.cellYears(c) {
				has = has || cy == y
			}
		}
		for _, r := range s.referrers {
			for _, ry := range s.referrerYears(r.id) {
				has = has || ry == y
			}
		}
		if has {
			out = append(out, y)
		}
	}
	return out
}

// latestYear is the last year the root has an admitted figure for, else
// the last published year: the year of the home page's headline.
func (s *site) latestYear() int {
	ys := s.publishedYears()
	for i := len(ys) - 1; i >= 0; i-- {
		if s.figureAt(admitted, s.root, yearOf(ys[i]), day{}) != nil {
			return ys[i]
		}
	}
	if len(ys) == 0 {
		return 0
	}
	return ys[len(ys)-1]
}

// childrenYear is the year a cell's page shows its sub-cells for: the
// last year in which one of them has an admitted figure, else latestYear.
func (s *site) childrenYear(c *cell) int {
	last := 0
	for _, ch := range s.children(c.id) {
		for _, y := range s.cellYears(ch) {
			if y > last && s.figureAt(admitted, ch.id, yearOf(y), day{}) != nil {
				last = y
			}
		}
	}
	if last == 0 {
		return s.latestYear()
	}
	return last
}

// chartOn is the chart as a page shows it: nil when it has no row (the
// page leaves it out).
func (s *site) chartOn(page string, c chartRef, on day) *chartWant {
	rows := s.chartAt(c, on)
	if len(rows) == 0 {
		return nil
	}
	w := &chartWant{ref: c, on: on, id: chartID(c), download: s.downloadOf(c, on)}
	root := rootOf(page)
	for _, r := range rows {
		var rw rowWant
		switch c.kind {
		case "members":
			rw.head, rw.datetime = r.date.vi(), r.date.String()
		case "cells":
			rw.head, rw.href = r.cell.name, root+"don-vi/"+r.cell.id+"/index.html"
		default:
			rw.head = fmt.Sprint(r.year)
		}
		var sources []string
		for _, f := range r.figs {
			if f == nil {
				rw.cells = append(rw.cells, nil)
				continue
			}
			rw.cells = append(rw.cells, linkTo(page, f))
			dup := false
			for _, src := range sources {
				dup = dup || src == f.source
			}
			if f.source != "" && !dup {
				sources = append(sources, f.source)
			}
		}
		rw.sources = "–"
		if len(sources) > 0 {
			rw.sources = strings.Join(sources, "; ")
		}
		w.rows = append(w.rows, rw)
	}
	return w
}

// expect makes what the whole site must show.
func (s *site) expect() *want { return s.expectCiting(s.cited()) }

// expectCiting makes what the whole site must show when its pages keep
// the earlier counts in cited.
func (s *site) expectCiting(cited []*figure) *want {
	w := &want{pages: map[string]*pageWant{}, downloads: map[string]*downloadWant{}}
	addCharts := func(pw *pageWant, cs ...*chartWant) {
		seen := map[string]int{}
		for _, c := range cs {
			if c == nil {
				continue
			}
			// A chart shown twice on one page gets a suffix to its id.
			seen[c.id]++
			if n := seen[c.id]; n > 1 {
				c.id += fmt.Sprint("-", n)
			}
			pw.charts = append(pw.charts, *c)
			h, rows := downloadTable(c.ref.kind, s.chartAt(c.ref, c.on))
			w.downloads[c.download] = &downloadWant{header: h, rows: rows}
		}
	}
	for _, c := range s.cells {
		page := "don-vi/" + c.id + "/index.html"
		pw := &pageWant{path: page, figures: s.cellFigures(c, cited)}
		var admissions, membersChart, cellsChart *chartWant
		if len(s.cellYears(c)) > 0 {
			admissions = s.chartOn(page, chartRef{kind: "admissions", subject: c.id}, day{})
		}
		for _, m := range s.memberships {
			if m.cell == c.id {
				membersChart = s.chartOn(page, chartRef{kind: "members", subject: c.id}, day{})
				break
			}
		}
		if len(s.children(c.id)) > 0 {
			cellsChart = s.chartOn(page, chartRef{kind: "cells", subject: c.id, year: s.childrenYear(c)}, day{})
		}
		addCharts(pw, admissions, membersChart, cellsChart)
		w.pages[page] = pw
	}
	for _, r := range s.referrers {
		page := "gioi-thieu/" + r.id + "/index.html"
		pw := &pageWant{path: page, figures: map[string]*ownFigure{}}
		ys := s.referrerYears(r.id)
		for _, y := range ys {
			for _, name := range []string{referred, referralAdmitted, conversion} {
				if f := s.publishedFigure(name, r.id, yearOf(y), cited); f != nil {
					pw.figures[f.id] = f
				}
			}
		}
		if len(ys) > 0 {
			addCharts(pw, s.chartOn(page, chartRef{kind: "referrals", subject: r.id}, day{}))
		}
		w.pages[page] = pw
	}
	home := &pageWant{path: "index.html"}
	addCharts(home, s.chartOn(home.path, chartRef{kind: "admissions", subject: s.root}, day{}))
	w.pages[home.path] = home
	for _, y := range s.publishedYears() {
		pw := &pageWant{path: fmt.Sprintf("nam/%d/index.html", y)}
		addCharts(pw, s.chartOn(pw.path, chartRef{kind: "cells", subject: s.root, year: y}, day{}))
		w.pages[pw.path] = pw
	}
	for _, a := range s.published() {
		pw := &pageWant{path: "bai-viet/" + a.slug + "/index.html"}
		var charts []*chartWant
		for _, b := range a.body {
			for _, r := range b.figs {
				pw.inline = append(pw.inline, *linkTo(pw.path, s.figureAt(r.name, r.subject, r.p, a.date)))
			}
			if b.chart != nil {
				charts = append(charts, s.chartOn(pw.path, *b.chart, a.date))
			}
		}
		addCharts(pw, charts...)
		w.pages[pw.path] = pw
	}
	return w
}
