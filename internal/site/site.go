// Package site joins the checked data and articles into the one model
// every page is rendered from: the cell tree in Vietnamese order, every
// published figure per cell and year (asked once of data.Figure, so pages
// never recompute totals), targets per year, referrals per referrer, and
// articles joined to their cells and years. It is built once and only
// read afterwards, so pages may read it from many goroutines.
package site

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
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

	// Years holds every year the site has figures for, ascending: years of
	// yearly admissions, memberships, referrals and year targets; the years
	// of a term target only where they fall among those, so a term that
	// runs past the data does not make pages of targets alone.
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

	src          figureSource
	cells        map[string]*Cell
	referrers    map[string]*Referrer
	articles     map[string]*content.Article
	yearArticles map[int][]*content.Article
}

// Cell is a data cell with its place in the tree and its figures.
type Cell struct {
	*data.Cell
	Parent    *Cell
	Children  []*Cell // Vietnamese alphabetical order
	Successor *Cell
	Depth     int // 0 for the root

	// Years holds the cell's figures for every year of Model.Years in
	// which the cell is open and has at least one figure, ascending.
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

// CellYear holds a cell's published figures for one year; a nil figure
// is one the data does not hold.
type CellYear struct {
	Year      int
	Admitted  *data.Figure
	Confirmed *data.Figure
	// HasParts tells that the data holds some part of admitted (women,
	// youth_union, …) for the year: Model.Parts gives them. Only a cell's
	// own page shows parts, so they are not held here, which keeps the
	// model small on a large site.
	HasParts bool
	Target   *data.Figure
	Achieved *data.Figure
	Members  *data.Figure
	Units    *data.Figure

	// firstKnown is the first day one of the cell's own admission
	// records for the year was known: its as_of, or the year's last day.
	firstKnown data.Date
}

// CellPeriod holds a cell's admissions for a span of years.
type CellPeriod struct {
	Period    data.Period
	Admitted  *data.Figure
	Confirmed *data.Figure
	HasParts  bool // see CellYear.HasParts
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
	Year       int
	Referred   *data.Figure
	Admitted   *data.Figure // the format's referral_admitted
	Conversion *data.Figure
}

// figureSource answers the format's figure queries. *data.Data is the one
// the site uses; tests may hand in their own.
type figureSource interface {
	Figure(q data.Query) (data.Figure, error)
}

// New builds the model of d and the articles (drafts are left out).
// d must have passed data.Load without errors and the articles
// content.Load, so every reference resolves.
func New(d *data.Data, articles []*content.Article) *Model {
	return build(d, d, articles)
}

// Cell returns the cell with id, or nil.
func (m *Model) Cell(id string) *Cell { return m.cells[id] }

// Referrer returns the referrer with id, or nil.
func (m *Model) Referrer(id string) *Referrer { return m.referrers[id] }

// Article returns the published article with slug, or nil.
func (m *Model) Article(slug string) *content.Article { return m.articles[slug] }

// YearArticles returns the published articles about year y, newest first.
func (m *Model) YearArticles(y int) []*content.Article { return m.yearArticles[y] }

// FigureAt returns a cell's figure NAME for year y as it was known on day
// known (an article's date: a figure counted or dated later is left
// out), or as the data holds it now when known is zero. Nil when there
// is no such figure.
func (m *Model) FigureAt(name string, c *Cell, y int, known data.Date) *data.Figure {
	now := m.figureNow(name, c, y)
	// Every figure of a year is counted by the year's last day at the
	// latest, so once that day has passed the figure known then is the
	// one held now: only an article of the figure's own year needs the
	// data as it was.
	if known.IsZero() || !known.Before(data.EndOfYear(y)) || now == nil || name == data.NameTarget {
		return now
	}
	// In the article's own year a total over sub-cells was not complete:
	// its parts were still being counted. Asking the data for the partial
	// sum known that day would sum the whole subtree again for every
	// article, so it is left out, as a figure not yet known.
	if now.Sum || m.src == nil {
		return nil
	}
	// Its own record, when already counted on the day, is the answer;
	// none of its records known yet means nothing was.
	if !now.AsOf.IsZero() && !known.Before(now.AsOf) {
		return now
	}
	if slices.Contains(data.AdmissionCounts, name) || name == data.NameAchieved {
		if cy := c.Year(y); cy.firstKnown.IsZero() || known.Before(cy.firstKnown) {
			return nil
		}
	}
	f, err := m.src.Figure(data.Query{Name: name, Subject: c.ID, Period: data.Year(y), Known: known})
	if err != nil {
		return nil
	}
	return &f
}

// figureNow is a figure as the data holds it now, from what New computed
// where it kept it.
func (m *Model) figureNow(name string, c *Cell, y int) *data.Figure {
	cy := c.Year(y)
	if cy == nil {
		return nil
	}
	switch name {
	case "admitted":
		return cy.Admitted
	case "confirmed":
		return cy.Confirmed
	case data.NameTarget:
		return cy.Target
	case data.NameAchieved:
		return cy.Achieved
	case data.NameMembers:
		return cy.Members
	case data.NameUnits:
		return cy.Units
	}
	if m.src == nil {
		return nil
	}
	return figure(m.src, name, c.ID, data.Year(y))
}

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

func build(d *data.Data, src figureSource, articles []*content.Article) *Model {
	m := &Model{
		Data:         d,
		Site:         d.Site,
		Locale:       i18n.New(i18n.Lang(d.Site.Language)),
		src:          src,
		cells:        make(map[string]*Cell, len(d.Cells)),
		referrers:    make(map[string]*Referrer, len(d.Referrers)),
		articles:     make(map[string]*content.Article, len(articles)),
		yearArticles: make(map[int][]*content.Article),
	}
	col := collate.New(language.Vietnamese)
	var buf collate.Buffer

	// The tree: every cell, then parents and successors by id.
	keys := make(map[*Cell][]byte, len(d.Cells))
	for _, dc := range d.Cells {
		c := &Cell{Cell: dc, years: make(map[int]*CellYear)}
		m.cells[dc.ID] = c
		keys[c] = append([]byte(nil), col.KeyFromString(&buf, dc.Name)...)
		buf.Reset()
	}
	for _, dc := range d.Cells {
		c := m.cells[dc.ID]
		if p := m.cells[dc.Parent]; p != nil && dc.Parent != "" {
			c.Parent = p
			p.Children = append(p.Children, c)
		}
		if dc.Successor != "" {
			c.Successor = m.cells[dc.Successor]
		}
	}
	byName := func(a, b *Cell) int {
		if r := bytes.Compare(keys[a], keys[b]); r != 0 {
			return r
		}
		return strings.Compare(a.ID, b.ID)
	}
	for _, c := range m.cells {
		slices.SortFunc(c.Children, byName)
	}
	m.Root = m.cells[d.Site.Root]
	if m.Root != nil {
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

	m.Years, m.Periods = years(d)
	for _, ms := range d.Memberships {
		if c := m.cells[ms.Cell]; c != nil {
			c.Memberships = append(c.Memberships, ms)
		}
	}
	for _, c := range m.cells {
		slices.SortStableFunc(c.Memberships, func(a, b *data.Membership) int { return a.Date.Compare(b.Date) })
	}
	if src != nil {
		// Each cell's figures are its own, and the data answers from many
		// goroutines: ask on every core.
		var wg sync.WaitGroup
		var next atomic.Int64
		for range min(runtime.GOMAXPROCS(0), max(len(m.Cells), 1)) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(m.Cells); i = int(next.Add(1) - 1) {
					m.cellFigures(src, m.Cells[i])
				}
			})
		}
		wg.Wait()
	}
	for _, a := range d.Admissions {
		c := m.cells[a.Cell]
		if c == nil || !a.Period.IsYear() {
			continue
		}
		if cy := c.years[a.Period.From]; cy != nil {
			day := a.AsOf
			if day.IsZero() {
				day = data.EndOfYear(a.Period.From)
			}
			if cy.firstKnown.IsZero() || day.Before(cy.firstKnown) {
				cy.firstKnown = day
			}
		}
	}
	m.Latest = latest(m)
	for _, c := range m.Cells {
		c.ChildrenYear = m.Latest
		last := 0
		for _, ch := range c.Children {
			for i := len(ch.Years) - 1; i >= 0; i-- {
				if ch.Years[i].Admitted != nil {
					last = max(last, ch.Years[i].Year)
					break
				}
			}
		}
		if last > 0 {
			c.ChildrenYear = last
		}
	}

	// Referrers, in Vietnamese order of their names.
	rkeys := make(map[*Referrer][]byte, len(d.Referrers))
	for _, dr := range d.Referrers {
		r := &Referrer{Referrer: dr}
		m.referrers[dr.ID] = r
		m.Referrers = append(m.Referrers, r)
		rkeys[r] = append([]byte(nil), col.KeyFromString(&buf, dr.Name)...)
		buf.Reset()
	}
	slices.SortFunc(m.Referrers, func(a, b *Referrer) int {
		if r := bytes.Compare(rkeys[a], rkeys[b]); r != 0 {
			return r
		}
		return strings.Compare(a.ID, b.ID)
	})
	refYears := make(map[string][]int)
	for _, rf := range d.Referrals {
		r := m.referrers[rf.Referrer]
		if r == nil {
			continue
		}
		r.Referrals = append(r.Referrals, rf)
		if ys := refYears[rf.Referrer]; !slices.Contains(ys, rf.Year) {
			refYears[rf.Referrer] = append(ys, rf.Year)
		}
	}
	for _, r := range m.Referrers {
		ys := refYears[r.ID]
		slices.Sort(ys)
		if src == nil {
			continue
		}
		for _, y := range ys {
			ry := &ReferrerYear{
				Year:       y,
				Referred:   figure(src, data.NameReferred, r.ID, data.Year(y)),
				Admitted:   figure(src, data.NameReferralAdmitted, r.ID, data.Year(y)),
				Conversion: figure(src, data.NameConversion, r.ID, data.Year(y)),
			}
			if ry.Referred != nil || ry.Admitted != nil {
				r.Years = append(r.Years, ry)
			}
		}
	}

	// Articles: published ones only, joined to cells and years. content.Load
	// hands them newest first; keep that order everywhere.
	for _, a := range articles {
		if a.Draft {
			continue
		}
		m.Articles = append(m.Articles, a)
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
	return m
}

// cellFigures asks for every figure of c once, so that no page needs to
// sum sub-cells again.
func (m *Model) cellFigures(src figureSource, c *Cell) {
	for _, y := range m.Years {
		if !c.OpenIn(y) {
			continue
		}
		p := data.Year(y)
		cy := &CellYear{
			Year:      y,
			Admitted:  figure(src, "admitted", c.ID, p),
			Confirmed: figure(src, "confirmed", c.ID, p),
			Target:    figure(src, data.NameTarget, c.ID, p),
			Members:   figure(src, data.NameMembers, c.ID, p),
			Units:     figure(src, data.NameUnits, c.ID, p),
		}
		if cy.Admitted != nil {
			cy.HasParts = hasParts(src, c.ID, p)
			if cy.Target != nil {
				cy.Achieved = figure(src, data.NameAchieved, c.ID, p)
			}
		}
		if cy.Admitted == nil && cy.Confirmed == nil && cy.Target == nil && cy.Members == nil && cy.Units == nil {
			continue
		}
		c.Years = append(c.Years, cy)
		c.years[y] = cy
	}
	for _, p := range m.Periods {
		if !c.OpenIn(p.From) && !c.OpenIn(p.To) {
			continue
		}
		cp := &CellPeriod{
			Period:    p,
			Admitted:  figure(src, "admitted", c.ID, p),
			Confirmed: figure(src, "confirmed", c.ID, p),
		}
		if cp.Admitted == nil {
			continue
		}
		cp.HasParts = hasParts(src, c.ID, p)
		c.Periods = append(c.Periods, cp)
	}
}

// Parts returns the parts of admitted (every admission count but
// admitted and confirmed) the data holds for a cell and period, in the
// format's order.
func (m *Model) Parts(c *Cell, p data.Period) []*data.Figure {
	src := figureSource(m.Data)
	if m.src != nil {
		src = m.src
	}
	var out []*data.Figure
	for _, name := range data.AdmissionCounts[2:] {
		if f := figure(src, name, c.ID, p); f != nil {
			out = append(out, f)
		}
	}
	return out
}

func hasParts(src figureSource, id string, p data.Period) bool {
	for _, name := range data.AdmissionCounts[2:] {
		if _, err := src.Figure(data.Query{Name: name, Subject: id, Period: p}); err == nil {
			return true
		}
	}
	return false
}

// figure returns the figure, or nil when the data does not hold it. The
// model is built from checked data, so any error means "not held".
func figure(src figureSource, name, subject string, p data.Period) *data.Figure {
	f, err := src.Figure(data.Query{Name: name, Subject: subject, Period: p})
	if err != nil {
		return nil
	}
	return &f
}

// years collects the years and periods the site has figures for.
func years(d *data.Data) ([]int, []data.Period) {
	seen := make(map[int]bool)
	add := func(y int) { seen[y] = true }
	var periods []data.Period
	for _, a := range d.Admissions {
		if a.Period.IsYear() {
			add(a.Period.From)
		} else if !slices.Contains(periods, a.Period) {
			periods = append(periods, a.Period)
		}
	}
	for _, ms := range d.Memberships {
		add(ms.Date.Year)
	}
	for _, r := range d.Referrals {
		add(r.Year)
	}
	for _, t := range d.Targets {
		if t.Period.IsYear() {
			add(t.Period.From)
		}
	}
	lo, hi := 0, 0
	for y := range seen {
		if lo == 0 || y < lo {
			lo = y
		}
		if y > hi {
			hi = y
		}
	}
	for _, t := range d.Targets {
		for y := max(t.Period.From, lo); y <= min(t.Period.To, hi); y++ {
			add(y)
		}
	}
	out := make([]int, 0, len(seen))
	for y := range seen {
		out = append(out, y)
	}
	slices.Sort(out)
	slices.SortFunc(periods, func(a, b data.Period) int {
		if a.From != b.From {
			return a.From - b.From
		}
		return a.To - b.To
	})
	return out, periods
}

func latest(m *Model) int {
	if m.Root != nil {
		for i := len(m.Root.Years) - 1; i >= 0; i-- {
			if m.Root.Years[i].Admitted != nil {
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
