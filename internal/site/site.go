// Package site joins the checked data and articles into the one model
// every page is rendered from: the cell tree in Vietnamese order, every
// figure the site publishes per cell and year (each asked once of
// data.Figure, with the earlier counts a reader may have seen), targets
// per year, referrals per referrer, the figures of every chart an
// article draws, and articles joined to their cells and years. It is
// built once and only read afterwards, so pages may read it from many
// goroutines.
package site

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/par"
	"sitegen/internal/version"
)

// Model is the joined, read-only view of a site.
type Model struct {
	Data   *data.Data
	Site   data.Site
	Locale *i18n.Locale
	// Version is the data version every page, citation and download
	// names; the build sets it (version.Of) before rendering. Zero leaves
	// it unnamed, as in tests of the model alone.
	Version version.Version
	// Log is the history of the published figures (see Log); the build
	// sets it from git. Nil leaves it out, as in tests of the model alone.
	Log *Log

	// Years holds every year the site publishes a figure for, ascending:
	// each has a page, and every cell's page a row for each of its own.
	Years []int
	// Latest is the last year the root cell has an admitted figure for
	// (the last of Years when it has none; 0 for a site without figures).
	Latest int

	Root *Cell
	// Cells is every cell in tree order: depth first from the root,
	// sub-cells in Vietnamese alphabetical order of their names.
	Cells []*Cell
	// Referrers in Vietnamese alphabetical order of their names.
	Referrers []*Referrer
	// Articles are the published (non-draft) articles, newest first.
	Articles []*content.Article
	// Periods are the spans of years (2010-2015) any admission was
	// written for with from/to, ascending.
	Periods []data.Period

	cells        map[string]*Cell
	referrers    map[string]*Referrer
	articles     map[string]*content.Article
	yearArticles map[int][]*content.Article
	// charts are the figures of the charts articles draw, each as known
	// on its article's date, by query.
	charts map[data.ChartQuery]*data.ChartData
	// cited are the counts articles show (in their text and charts) that
	// are not the latest: a cell's page shows them beside it.
	cited map[citedKey][]*data.Figure
}

// Published is a figure as the site publishes it: the latest count, and
// every earlier count of the same period a reader may have seen (the
// cell's own dated records, and counts articles cited before a later one
// replaced them), oldest first. Each has its own anchor (address.Anchor).
type Published struct {
	*data.Figure
	Earlier []*data.Figure
	// Gone tells a figure the data no longer holds (a cell's own record
	// came without it, say) that an article cited: Figure is then the
	// last count cited, shown with the others at their dated anchors,
	// and no count is the latest.
	Gone bool
}

// Held reports whether the data holds the figure now.
func (p *Published) Held() bool { return p != nil && !p.Gone }

// Cell is a data cell with its place in the tree and its figures.
type Cell struct {
	*data.Cell
	Parent    *Cell
	Children  []*Cell // Vietnamese alphabetical order
	Successor *Cell
	// Predecessors are the closed cells it succeeds, in the data's
	// order: a reader of the successor's page finds their figures.
	Predecessors []*Cell
	Depth        int // 0 for the root

	// Years holds the cell's figures for every year it publishes one
	// (a target alone too), ascending.
	Years []*CellYear
	// Periods holds the admissions for spans of years, ascending.
	Periods []*CellPeriod
	// Memberships are its [[membership]] records by date.
	Memberships []*data.Membership
	// Articles about the cell, newest first.
	Articles []*content.Article
	// ChildrenYear is the last year in which a sub-cell has an admitted
	// figure (Model.Latest when none has): the year a cell's page shows
	// its sub-cells for.
	ChildrenYear int

	years map[int]*CellYear
}

// CellYear holds a cell's published figures for one year.
type CellYear struct {
	Year int
	Figures
	// HasParts tells that the data holds some part of admitted (women,
	// youth_union, …) for the year: Model.Parts gives them. Only a cell's
	// own page shows parts, so they are not held here, which keeps the
	// model small on a large site.
	HasParts bool
}

// CellPeriod holds a cell's admissions for a span of years.
type CellPeriod struct {
	Period data.Period
	Figures
	HasParts bool // see CellYear.HasParts
}

// Figures are a subject's published figures of one year or period, by
// figure name (data.Names).
type Figures struct {
	byName []*Published // aligned with data.Names; nil where none
}

// Figure returns the published figure name, or nil.
func (f Figures) Figure(name string) *Published {
	for i, n := range data.Names {
		if n.Name == name && i < len(f.byName) {
			return f.byName[i]
		}
	}
	return nil
}

// any reports whether any figure is published.
func (f Figures) any() bool {
	return slices.ContainsFunc(f.byName, func(p *Published) bool { return p != nil })
}

// figures asks for the subject's figures of period p of every name keep
// selects.
func (m *Model) figures(subject string, p data.Period, keep func(data.Name) bool) Figures {
	f := Figures{byName: make([]*Published, len(data.Names))}
	for i, n := range data.Names {
		if keep(n) {
			f.byName[i] = m.published(n.Name, subject, p)
		}
	}
	return f
}

// Referrer is a data referrer with its figures per year.
type Referrer struct {
	*data.Referrer
	Years []*ReferrerYear // ascending, only years with a record
	// Referrals are its records, to the root and to single cells, in the
	// data's order.
	Referrals []*data.Referral
}

// ReferrerYear holds a referrer's figures for one year.
type ReferrerYear struct {
	Year int
	Figures
}

// citedKey names a figure apart from the day it is known on.
type citedKey struct {
	name, subject string
	period        data.Period
}

func keyOf(f *data.Figure) citedKey { return citedKey{f.Name, f.Subject, f.Period} }

// New builds the model of d and the articles (drafts are left out).
// d must have passed data.Load without errors and the articles
// content.Load, so every reference resolves.
func New(d *data.Data, articles []*content.Article) *Model { return NewKept(d, articles, nil) }

// Kept keeps the Model of one build for the next (serve): a cell whose
// figures the data tells the same (data.Same) and whose cited figures
// are the same takes its years and periods from it, as asking every
// cell's figures is most of the time of a Model on a large site. Safe
// for concurrent use; the zero Kept is empty.
type Kept struct {
	mu sync.Mutex
	m  *Model
}

// NewKept is New, with what k kept of the Model before; nil k keeps
// nothing.
func NewKept(d *data.Data, articles []*content.Article, k *Kept) *Model {
	var prev *Model
	if k != nil {
		k.mu.Lock()
		defer k.mu.Unlock()
		prev = k.m
	}
	m := newModel(d, articles, prev)
	if k != nil {
		k.m = m
	}
	return m
}

func newModel(d *data.Data, articles []*content.Article, prev *Model) *Model {
	m := &Model{
		Data:         d,
		Site:         d.Site,
		Locale:       i18n.New(i18n.Lang(d.Site.Language)),
		cells:        make(map[string]*Cell, len(d.Cells)),
		referrers:    make(map[string]*Referrer, len(d.Referrers)),
		articles:     make(map[string]*content.Article, len(articles)),
		yearArticles: make(map[int][]*content.Article),
		charts:       make(map[data.ChartQuery]*data.ChartData),
		cited:        make(map[citedKey][]*data.Figure),
	}
	m.tree()
	for _, a := range articles {
		if !a.Draft {
			m.Articles = append(m.Articles, a)
		}
	}
	// What articles show comes first: a cell's page shows every count an
	// article cited, so that each link lands on its figure.
	m.articleCharts()
	m.citations()

	for _, ms := range d.Memberships {
		if c := m.cells[ms.Cell]; c != nil {
			c.Memberships = append(c.Memberships, ms) // the data's order: by date
		}
	}
	for _, a := range d.Admissions {
		if !a.Period.IsYear() && !slices.Contains(m.Periods, a.Period) {
			m.Periods = append(m.Periods, a.Period)
		}
	}
	slices.SortFunc(m.Periods, func(a, b data.Period) int { return cmp.Or(a.From-b.From, a.To-b.To) })
	// Each cell's figures are its own, and the data answers from many
	// goroutines: ask on every core.
	same := m.sameAs(prev)
	par.Each(len(m.Cells), func(i int) {
		c := m.Cells[i]
		if same(c.ID) {
			was := prev.cells[c.ID]
			c.Years, c.years, c.Periods = was.Years, was.years, was.Periods
			return
		}
		m.cellFigures(c)
	})
	m.referrerFigures()
	m.Years = m.publishedYears()
	m.Latest = latest(m)
	for _, c := range m.Cells {
		c.ChildrenYear = m.Latest
		last := 0
		for _, ch := range c.Children {
			for i := len(ch.Years) - 1; i >= 0; i-- {
				if ch.Years[i].Figure(data.NameAdmitted).Held() {
					last = max(last, ch.Years[i].Year)
					break
				}
			}
		}
		if last > 0 {
			c.ChildrenYear = last
		}
	}
	m.joinArticles()
	return m
}

// sameAs tells the cells whose figures are those of prev's: the data
// tells them the same (data.Same), their cited figures are, and so are
// the years and periods a cell's figures are asked for. Nothing is the
// same without prev.
func (m *Model) sameAs(prev *Model) func(id string) bool {
	if prev == nil || !slices.Equal(prev.Data.Years(), m.Data.Years()) || !slices.Equal(prev.Periods, m.Periods) {
		return func(string) bool { return false }
	}
	cited := map[string]bool{} // the subjects whose cited figures differ
	for k, fs := range m.cited {
		if !slices.EqualFunc(fs, prev.cited[k], func(f, g *data.Figure) bool { return f.Equal(*g) }) {
			cited[k.subject] = true
		}
	}
	for k := range prev.cited {
		if _, ok := m.cited[k]; !ok {
			cited[k.subject] = true
		}
	}
	return func(id string) bool {
		return prev.cells[id] != nil && !cited[id] && m.Data.Same(id, prev.Data)
	}
}

// tree makes the cells, in the data's order of sub-cells (Vietnamese
// order of their names), depth first from the root.
func (m *Model) tree() {
	d := m.Data
	for _, dc := range d.Cells {
		m.cells[dc.ID] = &Cell{Cell: dc, years: make(map[int]*CellYear)}
	}
	for _, dc := range d.Cells {
		c := m.cells[dc.ID]
		if p := m.cells[dc.Parent]; p != nil && dc.Parent != "" {
			c.Parent = p
		}
		if dc.Successor != "" {
			c.Successor = m.cells[dc.Successor]
			if c.Successor != nil {
				c.Successor.Predecessors = append(c.Successor.Predecessors, c)
			}
		}
		for _, ch := range d.SubCells(dc.ID) {
			c.Children = append(c.Children, m.cells[ch.ID])
		}
	}
	m.Root = m.cells[d.Site.Root]
	if m.Root == nil {
		return
	}
	var walk func(c *Cell, depth int)
	walk = func(c *Cell, depth int) {
		c.Depth = depth
		m.Cells = append(m.Cells, c)
		for _, ch := range c.Children {
			walk(ch, depth+1)
		}
	}
	walk(m.Root, 0)
}

// articleCharts asks for the figures of every chart the articles draw,
// as known on each article's date. A chart whose every figure is already
// the latest is the chart of the data as it is now: it needs no date,
// and every article that draws it shares it.
func (m *Model) articleCharts() {
	var qs []data.ChartQuery
	seen := make(map[data.ChartQuery]bool)
	for _, a := range m.Articles {
		for _, s := range a.Body {
			if c := s.Chart; c != nil {
				q := data.ChartQuery{Kind: c.Kind, Subject: c.Subject, Year: c.Year, On: c.On}
				if !seen[q] {
					seen[q] = true
					qs = append(qs, q)
				}
			}
		}
	}
	charts := make([]*data.ChartData, len(qs))
	par.Each(len(qs), func(i int) {
		then, _ := m.Data.Chart(qs[i]) // content.Load checked that it draws something
		now := qs[i]
		now.On = data.Date{}
		if c, _ := m.Data.Chart(now); then != nil && !sameAsNow(then, c) {
			charts[i] = then
		}
	})
	for i, q := range qs {
		if c := charts[i]; c != nil {
			m.charts[q] = c
		}
	}
}

// citations collects the counts the articles show that are no longer
// the latest.
func (m *Model) citations() {
	add := func(f *data.Figure) {
		if f == nil || f.Latest {
			return
		}
		k := keyOf(f)
		i, found := slices.BinarySearchFunc(m.cited[k], f.Since, func(g *data.Figure, day data.Date) int { return g.Since.Compare(day) })
		if !found {
			m.cited[k] = slices.Insert(m.cited[k], i, f)
		}
	}
	for _, a := range m.Articles {
		for i := range a.Figures {
			add(&a.Figures[i])
		}
	}
	// The order of the charts does not matter: add keeps each count once,
	// in order of Since.
	for _, c := range m.charts {
		for _, r := range c.Rows {
			for _, f := range r.Figures {
				add(f)
			}
		}
	}
}

// Chart returns the figures of a chart as known on day q.On: an
// article's chart from what New asked, any other asked now. A chart of
// an article whose every figure is the latest comes back as the chart of
// now (its On zero), so that its title needs no date and the pages
// share its downloads.
func (m *Model) Chart(q data.ChartQuery) (*data.ChartData, error) {
	if c := m.charts[q]; c != nil {
		return c, nil
	}
	q.On = data.Date{}
	return m.Data.Chart(q)
}

// sameAsNow reports whether a chart as known on a day shows what now
// shows: the same rows, each with the same counts (told apart by the day
// each became the answer). A members chart, whose points are each its
// own record, is the same once its last point is known.
func sameAsNow(then, now *data.ChartData) bool {
	if now == nil || len(then.Rows) != len(now.Rows) {
		return false
	}
	for i, r := range then.Rows {
		for j, f := range r.Figures {
			g := now.Rows[i].Figures[j]
			if (f == nil) != (g == nil) || f != nil && f.Since != g.Since {
				return false
			}
		}
	}
	return true
}

// cellFigures asks for every figure of c once, so that no page needs to
// sum sub-cells again.
func (m *Model) cellFigures(c *Cell) {
	// A year of a cell: every figure of a cell but the parts, which only
	// its own page shows (Parts).
	ofYear := func(n data.Name) bool { return n.Subject == data.OfCell && !n.Part }
	ofPeriod := func(n data.Name) bool { return ofYear(n) && n.Periods }
	for _, y := range m.Data.Years() {
		if !c.OpenIn(y) {
			continue
		}
		p := data.Year(y)
		cy := &CellYear{Year: y, Figures: m.figures(c.ID, p, ofYear)}
		if !cy.any() {
			continue
		}
		cy.HasParts = cy.Figure(data.NameAdmitted).Held() && m.hasParts(c.ID, p)
		c.Years = append(c.Years, cy)
		c.years[y] = cy
	}
	for _, p := range m.Periods {
		cp := &CellPeriod{Period: p, Figures: m.figures(c.ID, p, ofPeriod)}
		if cp.Figure(data.NameAdmitted) == nil {
			continue
		}
		cp.HasParts = m.hasParts(c.ID, p)
		c.Periods = append(c.Periods, cp)
	}
}

// published is a figure with its earlier counts; nil when the data
// holds none and no article cited one.
func (m *Model) published(name, subject string, p data.Period) *Published {
	h := m.Data.History(data.Query{Name: name, Subject: subject, Period: p})
	cited := m.cited[citedKey{name, subject, p}]
	if len(h) == 0 && len(cited) == 0 {
		return nil
	}
	var all []*data.Figure
	for i := range h {
		all = append(all, &h[i])
	}
	for _, f := range cited {
		if !slices.ContainsFunc(all, func(g *data.Figure) bool { return g.Since == f.Since }) {
			all = append(all, f)
		}
	}
	// The latest count is the last to become the answer: in order of
	// Since it comes last.
	slices.SortStableFunc(all, func(a, b *data.Figure) int { return a.Since.Compare(b.Since) })
	last := len(all) - 1
	return &Published{Figure: all[last], Earlier: all[:last], Gone: len(h) == 0}
}

func (m *Model) hasParts(id string, p data.Period) bool {
	for _, name := range data.Parts {
		if m.Data.Has(data.Query{Name: name, Subject: id, Period: p}) {
			return true
		}
	}
	return false
}

// Parts returns the parts of admitted the data holds for a cell and
// period, in the format's order.
func (m *Model) Parts(c *Cell, p data.Period) []*Published {
	var out []*Published
	for _, name := range data.Parts {
		if f := m.published(name, c.ID, p); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// referrerFigures makes the referrers, in Vietnamese order of their
// names, with their figures of each year they have a record for.
func (m *Model) referrerFigures() {
	d := m.Data
	col := collate.New(language.Vietnamese)
	var buf collate.Buffer
	keys := make(map[*Referrer][]byte, len(d.Referrers))
	for _, dr := range d.Referrers {
		r := &Referrer{Referrer: dr}
		m.referrers[dr.ID] = r
		m.Referrers = append(m.Referrers, r)
		keys[r] = append([]byte(nil), col.KeyFromString(&buf, dr.Name)...)
		buf.Reset()
	}
	slices.SortFunc(m.Referrers, func(a, b *Referrer) int {
		return cmp.Or(bytes.Compare(keys[a], keys[b]), strings.Compare(a.ID, b.ID))
	})
	years := make(map[string][]int)
	for _, rf := range d.Referrals {
		r := m.referrers[rf.Referrer]
		if r == nil {
			continue
		}
		r.Referrals = append(r.Referrals, rf)
		if ys := years[rf.Referrer]; !slices.Contains(ys, rf.Year) {
			years[rf.Referrer] = append(ys, rf.Year)
		}
	}
	for _, r := range m.Referrers {
		ys := years[r.ID]
		slices.Sort(ys)
		for _, y := range ys {
			ry := &ReferrerYear{Year: y, Figures: m.figures(r.ID, data.Year(y), func(n data.Name) bool { return n.Subject == data.OfReferrer })}
			if ry.any() {
				r.Years = append(r.Years, ry)
			}
		}
	}
}

// publishedYears are the years some cell or referrer publishes a figure for.
func (m *Model) publishedYears() []int {
	var out []int
	for _, c := range m.Cells {
		for _, cy := range c.Years {
			out = append(out, cy.Year)
		}
	}
	for _, r := range m.Referrers {
		for _, ry := range r.Years {
			out = append(out, ry.Year)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// joinArticles joins the published articles to their cells and years.
// content.Load hands them newest first; that order is kept everywhere.
func (m *Model) joinArticles() {
	for _, a := range m.Articles {
		m.articles[a.Slug] = a
		for _, id := range dedupe(a.Cells) {
			if c := m.cells[id]; c != nil {
				c.Articles = append(c.Articles, a)
			}
		}
		for _, y := range dedupe(a.Years) {
			m.yearArticles[y] = append(m.yearArticles[y], a)
		}
	}
}

// Cell returns the cell with id, or nil.
func (m *Model) Cell(id string) *Cell { return m.cells[id] }

// Referrer returns the referrer with id, or nil.
func (m *Model) Referrer(id string) *Referrer { return m.referrers[id] }

// Article returns the published article with slug, or nil.
func (m *Model) Article(slug string) *content.Article { return m.articles[slug] }

// YearArticles returns the published articles about year y, newest first.
func (m *Model) YearArticles(y int) []*content.Article { return m.yearArticles[y] }

// Year returns the cell's figures for year y, or nil when it has none.
func (c *Cell) Year(y int) *CellYear { return c.years[y] }

// Ancestors returns the cells above c, the root first.
func (c *Cell) Ancestors() []*Cell {
	var out []*Cell
	for p := c.Parent; p != nil; p = p.Parent {
		out = append(out, p)
	}
	slices.Reverse(out)
	return out
}

// Year returns the referrer's figures for year y, or nil.
func (r *Referrer) Year(y int) *ReferrerYear {
	for _, ry := range r.Years {
		if ry.Year == y {
			return ry
		}
	}
	return nil
}

func latest(m *Model) int {
	if m.Root != nil {
		for i := len(m.Root.Years) - 1; i >= 0; i-- {
			if m.Root.Years[i].Figure(data.NameAdmitted).Held() {
				return m.Root.Years[i].Year
			}
		}
	}
	if len(m.Years) > 0 {
		return m.Years[len(m.Years)-1]
	}
	return 0
}

func dedupe[T comparable](s []T) []T {
	var out []T
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
