package render

import (
	"html/template"
	"slices"
	"strconv"
	"time"

	"sitegen/internal/chart"
	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/site"
)

// Page is what every template runs on. Exactly one of Year, Cell, Article
// and Referrer is set, as Kind says; the methods give templates links,
// labels and formatted figures.
type Page struct {
	Kind string // home, 404, year, cell, article, referrer
	Path string // the output file, "don-vi/khoi-dn/index.html"
	Lang string // "vi" or "en", for <html lang>
	// Root leads from the page back to the top of the site: "", "../../".
	Root string
	Site *site.Model

	Year     int
	Cell     *site.Cell
	Article  *content.Article
	Referrer *site.Referrer

	// InlineCSS is the stylesheet itself on pages that cannot link to it
	// (404.html); empty elsewhere.
	InlineCSS template.CSS

	r      *Renderer
	loc    *i18n.Locale
	charts map[string]int // chart ids used so far on this page
}

// T is a label of the catalogue in the site's language.
func (p *Page) T(key string, args ...any) string { return p.loc.T(key, args...) }

// HomeURL links to the home page.
func (p *Page) HomeURL() string { return p.Root + "index.html" }

// CellURL links to a cell's page. Links name index.html so that they
// also work opened from disk.
func (p *Page) CellURL(id string) string { return p.Root + "don-vi/" + id + "/index.html" }

// YearURL links to a year's page.
func (p *Page) YearURL(y int) string { return p.Root + "nam/" + strconv.Itoa(y) + "/index.html" }

// ArticleURL links to an article.
func (p *Page) ArticleURL(slug string) string { return p.Root + "bai-viet/" + slug + "/index.html" }

// ReferrerURL links to a referrer's page.
func (p *Page) ReferrerURL(id string) string { return p.Root + "gioi-thieu/" + id + "/index.html" }

// Asset links to a shared asset by its source name ("site.css").
func (p *Page) Asset(name string) string { return p.Root + p.r.assetURL[name] }

// HasCharts reports whether the page has drawn a chart so far; the
// layout asks at the end of the page, to load ECharts only where needed.
func (p *Page) HasCharts() bool { return len(p.charts) > 0 }

// Publisher is who publishes the figures.
func (p *Page) Publisher() string {
	if s := p.Site.Site.Publisher; s != "" {
		return s
	}
	if p.Site.Root != nil {
		return p.Site.Root.Name
	}
	return ""
}

// N formats a whole number: 3.232.
func (p *Page) N(n int) string { return p.loc.Int(int64(n)) }

// Count formats a count as published: "trên 200".
func (p *Page) Count(c data.Count) string { return p.loc.Count(c.Value, string(c.Approx)) }

// Day formats a calendar day: 15/11/2018.
func (p *Page) Day(d data.Date) string { return p.loc.Date(d.Year, d.Month, d.Day) }

// Date formats the day of a time (an article's date) in its own offset.
func (p *Page) Date(t time.Time) string { return p.loc.Date(t.Year(), t.Month(), t.Day()) }

// ISODate is the machine-readable day for <time datetime>.
func (p *Page) ISODate(t time.Time) string { return t.Format("2006-01-02") }

// PeriodText is a span of years as read: 2010–2015.
func (p *Page) PeriodText(pd data.Period) string {
	if pd.IsYear() {
		return p.loc.Year(pd.From)
	}
	return p.loc.Year(pd.From) + "–" + p.loc.Year(pd.To)
}

// Depth is a cell's depth in the tree for indenting, at most 6.
func (p *Page) Depth(c *site.Cell) int { return min(c.Depth, 6) }

// PrevYear and NextYear are the neighbours of a year page (0 at the ends).
func (p *Page) PrevYear() int {
	i := slices.Index(p.Site.Years, p.Year)
	if i > 0 {
		return p.Site.Years[i-1]
	}
	return 0
}

func (p *Page) NextYear() int {
	i := slices.Index(p.Site.Years, p.Year)
	if i >= 0 && i+1 < len(p.Site.Years) {
		return p.Site.Years[i+1]
	}
	return 0
}

// YearReferral is a referrer's figures in the year of a year page.
type YearReferral struct {
	Referrer *site.Referrer
	Year     *site.ReferrerYear
}

// YearReferrals lists the referrers with figures in the page's year.
func (p *Page) YearReferrals() []YearReferral {
	var out []YearReferral
	for _, r := range p.Site.Referrers {
		if ry := r.Year(p.Year); ry != nil {
			out = append(out, YearReferral{r, ry})
		}
	}
	return out
}

// ArticleCells are the cells an article is about, in its own order.
func (p *Page) ArticleCells(a *content.Article) []*site.Cell {
	var out []*site.Cell
	for _, id := range a.Cells {
		if c := p.Site.Cell(id); c != nil && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// ArticleList is a list of articles with the page it is shown on.
type ArticleList struct {
	Page     *Page
	Articles []*content.Article
}

// List pairs articles with the page, for the "article-list" template.
func (p *Page) List(a []*content.Article) ArticleList { return ArticleList{p, a} }

// Latest returns the n newest published articles.
func (p *Page) Latest(n int) []*content.Article {
	a := p.Site.Articles
	return a[:min(n, len(a))]
}

// PartRow is a row of the parts table: a year or period and its parts.
type PartRow struct {
	Label   string
	Figures []*FigureView // aligned with PartNames; nil where not held
}

// PartNames are the parts of admitted (women, …) a cell holds in any
// year or period, in the format's order.
func (p *Page) PartNames(c *site.Cell) []string {
	held := make(map[string]bool)
	for _, y := range c.Years {
		for _, f := range y.Parts {
			held[f.Name] = true
		}
	}
	for _, pd := range c.Periods {
		for _, f := range pd.Parts {
			held[f.Name] = true
		}
	}
	var out []string
	for _, n := range data.AdmissionCounts[2:] {
		if held[n] {
			out = append(out, n)
		}
	}
	return out
}

// PartRows are the rows of a cell's parts table: periods, then years.
func (p *Page) PartRows(c *site.Cell) []PartRow {
	names := p.PartNames(c)
	row := func(label string, parts []*data.Figure) PartRow {
		r := PartRow{Label: label, Figures: make([]*FigureView, len(names))}
		for _, f := range parts {
			if i := slices.Index(names, f.Name); i >= 0 {
				r.Figures[i] = p.Fig(f)
			}
		}
		return r
	}
	var out []PartRow
	for _, pd := range c.Periods {
		if len(pd.Parts) > 0 {
			out = append(out, row(p.PeriodText(pd.Period), pd.Parts))
		}
	}
	for _, y := range c.Years {
		if len(y.Parts) > 0 {
			out = append(out, row(p.loc.Year(y.Year), y.Parts))
		}
	}
	return out
}

// Chart returns the chart of kind for subject (and year, for a cells
// chart), or nil when the data holds nothing to draw. A chart shown twice
// on one page gets a suffix to its id, so ids stay unique.
func (p *Page) Chart(kind, subject string, year int) (*chart.Chart, error) {
	c, err := chart.For(p.Site, kind, subject, year)
	if c == nil || err != nil {
		return nil, err
	}
	if p.charts == nil {
		p.charts = make(map[string]int)
	}
	p.charts[c.ID]++
	if n := p.charts[c.ID]; n > 1 {
		c.ID += "-" + strconv.Itoa(n)
	}
	return c, nil
}
