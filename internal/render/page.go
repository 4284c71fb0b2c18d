package render

import (
	"bytes"
	"encoding/csv"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitegen/internal/chart"
	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/export"
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

	// Frame is what the layout writes around the page, made in Go before
	// the page runs: html/template calls a method by reflection at a cost
	// of microseconds, and the layout would otherwise call thirty of
	// them on each of thousands of pages for the same few values.
	// Labels are those of them that are the same on every page.
	Frame  Frame
	Labels *Labels

	r      *Renderer
	loc    *i18n.Locale
	nums   *numbers       // the worker's cache of formatted numbers
	run    *run           // what the pages of one Render share
	charts map[string]int // chart ids used so far on this page
	// citeTitles are the titles of the figures cited on this page, by
	// name, all of citeSubject.
	citeTitles  map[string]string
	citeSubject string
}

// Frame holds the values the built-in layout shows on every page, each
// the same as the method of Page it is named after.
type Frame struct {
	HomeURL, DataURL, CSS, JS string // Asset "site.css", Asset "site.js"
	RootCellURL, LatestURL    string // CellURL of the root cell, YearURL of the latest year
	Description, PermanentURL string
	CiteBase                  string
	YearsNav                  template.HTML
}

// Labels are the layout's values that are the same on every page of a
// site, made once per Render.
type Labels struct {
	Copy, Copied, CiteFigure            string // T "cite.copy", "cite.copied", "cite.figure"
	CitePublisher, CiteRest             string
	Skip, Main, Home, Cells, Year, Data string // T "nav.skip", …, "nav.year" of the latest year, "nav.data"
	Years                               string // T "nav.years"
	Publisher, VersionText              string
}

// labels makes the Labels of p's site; p is any page of it.
func (p *Page) labels() *Labels {
	l := &Labels{
		Copy: p.T("cite.copy"), Copied: p.T("cite.copied"), CiteFigure: p.T("cite.figure"),
		CitePublisher: p.CitePublisher(), CiteRest: p.CiteRest(),
		Skip: p.T("nav.skip"), Main: p.T("nav.main"), Home: p.T("nav.home"), Cells: p.T("nav.cells"), Data: p.T("nav.data"),
		Years:     p.T("nav.years"),
		Publisher: p.Publisher(), VersionText: p.VersionText(),
	}
	if y := p.Site.Latest; y != 0 {
		l.Year = p.T("nav.year", p.Site.Locale.Year(y))
	}
	return l
}

// frame fills p.Frame; p's Root and Kind are set.
func (p *Page) frame(l *Labels) {
	p.Labels = l
	f := &p.Frame
	f.HomeURL, f.DataURL = p.HomeURL(), p.DataURL()
	f.CSS, f.JS = p.Asset("site.css"), p.Asset("site.js")
	if c := p.Site.Root; c != nil {
		f.RootCellURL = p.CellURL(c.ID)
	}
	if y := p.Site.Latest; y != 0 {
		f.LatestURL = p.YearURL(y)
	}
	f.Description, f.PermanentURL = p.Description(), p.PermanentURL()
	f.CiteBase = p.CiteBase()
	f.YearsNav = p.YearsNav()
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

// YearsNav is the list of links to every year's page, for the footer of
// every page. It is the same on every page at one depth but a year's own,
// so it is written once per depth, in Go, with every text escaped.
func (p *Page) YearsNav() template.HTML {
	if len(p.Site.Years) == 0 {
		return ""
	}
	if p.Kind != "year" {
		if v, ok := p.run.yearsNav.Load(p.Root); ok {
			return v.(template.HTML)
		}
	}
	var b strings.Builder
	b.WriteString(`<ul class="years">`)
	for _, y := range p.Site.Years {
		b.WriteString("\n<li><a href=\"")
		b.WriteString(html.EscapeString(p.YearURL(y)))
		b.WriteByte('"')
		if p.Kind == "year" && y == p.Year {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		b.WriteString(html.EscapeString(p.loc.Year(y)))
		b.WriteString("</a></li>")
	}
	b.WriteString("\n</ul>")
	out := template.HTML(b.String())
	if p.Kind != "year" {
		p.run.yearsNav.Store(p.Root, out)
	}
	return out
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

// ArticleList is a list of articles with the page it is shown on. When
// a cell has more articles than a page should list, the others are
// counted by the years they are about (More), whose pages list them.
type ArticleList struct {
	Page     *Page
	Articles []*content.Article
	More     []YearCount
}

// YearCount is a number of articles about a year.
type YearCount struct {
	Year  int
	Count int
}

// maxListed is how many articles a cell's page lists; the root of a
// large site is the subject of thousands.
const maxListed = 50

// List pairs articles with the page, for the "article-list" template.
func (p *Page) List(a []*content.Article) ArticleList { return ArticleList{Page: p, Articles: a} }

// CellList is a cell's articles: the newest maxListed of them, and the
// others counted by the years they are about. An article about no year
// has no year's page to be found on, so it is always listed.
func (p *Page) CellList(a []*content.Article) ArticleList {
	if len(a) <= maxListed {
		return p.List(a)
	}
	l := ArticleList{Page: p, Articles: slices.Clip(a[:maxListed])}
	counts := make(map[int]int)
	for _, x := range a[maxListed:] {
		if len(x.Years) == 0 {
			l.Articles = append(l.Articles, x)
		}
		for _, y := range x.Years {
			counts[y]++
		}
	}
	for y, n := range counts {
		l.More = append(l.More, YearCount{y, n})
	}
	slices.SortFunc(l.More, func(x, y YearCount) int { return y.Year - x.Year })
	return l
}

// Latest returns the n newest published articles.
func (p *Page) Latest(n int) []*content.Article {
	a := p.Site.Articles
	return a[:min(n, len(a))]
}

// PartRow is a row of the parts table: a year or period and its parts.
type PartRow struct {
	Label   string
	Figures []*data.Figure // aligned with PartNames; nil where not held
}

// PartsTable is a cell's parts of admitted: the parts it holds in any
// year or period (columns, in the format's order) and a row for each
// period, then each year.
type PartsTable struct {
	Names []string
	Rows  []PartRow
}

// Parts is the parts table of a cell, or nil when it holds no parts.
func (p *Page) Parts(c *site.Cell) *PartsTable {
	names, rows := p.parts(c)
	if len(rows) == 0 {
		return nil
	}
	return &PartsTable{names, rows}
}

func (p *Page) parts(c *site.Cell) ([]string, []PartRow) {
	type held struct {
		label string
		figs  []*data.Figure
	}
	var all []held
	for _, pd := range c.Periods {
		if pd.HasParts {
			all = append(all, held{p.PeriodText(pd.Period), p.Site.Parts(c, pd.Period)})
		}
	}
	for _, y := range c.Years {
		if y.HasParts {
			all = append(all, held{p.loc.Year(y.Year), p.Site.Parts(c, data.Year(y.Year))})
		}
	}
	has := make(map[string]bool)
	for _, h := range all {
		for _, f := range h.figs {
			has[f.Name] = true
		}
	}
	var names []string
	for _, n := range data.AdmissionCounts[2:] {
		if has[n] {
			names = append(names, n)
		}
	}
	rows := make([]PartRow, len(all))
	for i, h := range all {
		rows[i] = PartRow{Label: h.label, Figures: make([]*data.Figure, len(names))}
		for _, f := range h.figs {
			rows[i].Figures[slices.Index(names, f.Name)] = f
		}
	}
	return names, rows
}

// Chart returns the chart of kind for subject (and year, for a cells
// chart) with what goes beside it, or nil when the data holds nothing to
// draw. On an article's page it shows the data as known on the article's
// date. Each chart is built once per Render and shared by the pages that
// show it; the page that builds it first writes its downloads. A chart
// shown twice on one page gets a suffix to its id, so ids stay unique.
func (p *Page) Chart(kind, subject string, year int) (*ChartView, error) {
	// An article sees the data as of its date.
	var known data.Date
	if a := p.Article; a != nil {
		known = data.Date{Year: a.Date.Year(), Month: a.Date.Month(), Day: a.Date.Day()}
		if chart.Settled(p.Site, kind, subject, year, known) {
			known = data.Date{}
		}
	}
	key := chart.ID(kind, subject, year) + "@" + known.String()
	var e *chartEntry
	if v, ok := p.run.charts.Load(key); ok {
		e = v.(*chartEntry)
	} else {
		c, err := chart.For(p.Site, kind, subject, year, known)
		if err != nil {
			return nil, err
		}
		e = &chartEntry{c: c}
		if c != nil {
			e.file = downloadName(c)
		}
		if v, loaded := p.run.charts.LoadOrStore(key, e); loaded {
			e = v.(*chartEntry)
		} else if c != nil {
			if err := p.writeDownloads(e); err != nil {
				return nil, err
			}
		}
	}
	c := e.c
	if c == nil {
		return nil, nil
	}
	if p.charts == nil {
		p.charts = make(map[string]int)
	}
	p.charts[c.ID]++
	if n := p.charts[c.ID]; n > 1 {
		dup := *c
		dup.ID += "-" + strconv.Itoa(n)
		c = &dup
	}
	return p.view(c, e.file), nil
}

// run holds what the pages of one Render share: each chart, built once,
// and the years' links per depth.
type run struct {
	w       Writer
	version string // the data version as the footer names it
	// accessed is the end of every citation, its link marked by urlMark;
	// anchorLabel names a figure's "#" link for screen readers.
	accessed, anchorLabel string
	// dataFiles are the data set's files by name, for the data page.
	dataFiles map[string][]byte
	charts    sync.Map // chart id → *chartEntry
	yearsNav  sync.Map // Page.Root → template.HTML

	labelsOnce sync.Once
	labelsV    *Labels
}

// DataURL links to the data page.
func (p *Page) DataURL() string { return p.Root + dataPage }

// dataPage is the data page: every table of the site as downloads.
const dataPage = "so-lieu/index.html"

// VersionText names the data version the page was built from, for its
// footer: "Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026)"; "" when the
// build did not name one.
func (p *Page) VersionText() string { return p.run.version }

// Description says what the page holds, for search engines and link
// previews: an article's summary, a sentence naming the page's subject,
// or the site's description.
func (p *Page) Description() string {
	switch p.Kind {
	case "article":
		if p.Article.Summary != "" {
			return p.Article.Summary
		}
	case "cell":
		return p.T("meta.cell", p.Cell.Name)
	case "year":
		return p.T("meta.year", p.loc.Year(p.Year))
	case "referrer":
		return p.T("meta.referrer", p.Referrer.Name)
	case "data":
		return p.T("meta.data")
	}
	return p.Site.Site.Description
}

// PermanentURL is the page's absolute address under base_url, for
// og:url and the canonical link; "" without base_url, or on 404.html,
// which has no address of its own.
func (p *Page) PermanentURL() string {
	if p.Site.Site.BaseURL == "" || p.Kind == "404" {
		return ""
	}
	return export.PermanentURL(p.Site.Site.BaseURL, pageFolder(p.Path), "")
}

// DataSet is one table of the data set, for the data page.
type DataSet struct {
	Name    string // "admissions"
	Title   string // in the site's language
	URL     string // its CSV file
	Columns []DataColumn
	Rows    int // records in the table
	// Table is the table itself, for the data-table template; nil when
	// it has no rows, or more than maxDataRows, which only the
	// downloads hold.
	Table *DataTable
}

// DataColumn is a column of a data set table and what it means.
type DataColumn struct {
	Name, Description string
}

// DataTable is a table of the data set as the data page shows it: the
// rows of its CSV file but for the data version columns (the page says
// the version once), with headings and approximations in the site's
// language. The downloads are not changed by it.
type DataTable struct {
	Caption string
	Heads   []DataHead
	Rows    [][]string // the cells of each row, as text, aligned with Heads
}

// DataHead is the heading of a column of a DataTable: its label in the
// site's language ("Kết nạp") and its name in the downloads ("admitted").
type DataHead struct {
	Label, Name string
}

// maxDataRows is the most rows of a table the data page shows: a large
// site's tables (40,000 admissions) are for downloading, not reading.
const maxDataRows = 500

// DataSets lists the tables of the data set, in the data page's order.
func (p *Page) DataSets() ([]DataSet, error) {
	var out []DataSet
	for _, s := range export.Sets {
		d := DataSet{Name: string(s), Title: p.T("data.set." + string(s)), URL: p.Root + "so-lieu/" + s.FileName()}
		cols := export.Columns(s)
		for _, c := range cols {
			d.Columns = append(d.Columns, DataColumn{c.Name, c.Description(p.loc)})
		}
		var err error
		if d.Rows, d.Table, err = dataTable(p.run.dataFiles[s.FileName()], cols, p.loc, d.Title); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// dataTable reads a data set's CSV file back into the table the data
// page shows, with the columns cols describe.
func dataTable(b []byte, cols []export.Column, loc *i18n.Locale, caption string) (int, *DataTable, error) {
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) == 0 {
		return 0, nil, err
	}
	rows := len(recs) - 1
	if rows > maxDataRows || rows == 0 {
		return rows, nil, nil
	}
	byName := make(map[string]export.Column, len(cols))
	for _, c := range cols {
		byName[c.Name] = c
	}
	t := &DataTable{Caption: caption}
	// The last two columns are data_version and data_date, which the
	// page says once; a column empty in every row (a part of admitted
	// no record holds) is left out of the page, not of the file.
	var shown []int
	var approx []bool
	for j, name := range recs[0][:max(len(recs[0])-2, 0)] {
		if !slices.ContainsFunc(recs[1:], func(r []string) bool { return r[j] != "" }) {
			continue
		}
		c, ok := byName[name]
		label := name
		if ok {
			label = c.Label(loc)
		}
		t.Heads = append(t.Heads, DataHead{Label: label, Name: name})
		shown = append(shown, j)
		approx = append(approx, c.IsApprox())
	}
	t.Rows = make([][]string, rows)
	for i, r := range recs[1:] {
		row := make([]string, len(shown))
		for k, j := range shown {
			f := r[j]
			switch {
			case approx[k]:
				// "over" as published: "trên".
				f = loc.ApproxWord(f)
			case len(f) > 1 && f[0] == '\'' && strings.IndexByte("=+-@\t\r", f[1]) >= 0:
				// The quote the CSV puts before a text a spreadsheet
				// would take for a formula is not part of the text.
				f = f[1:]
			}
			row[k] = f
		}
		t.Rows[i] = row
	}
	return rows, t, nil
}

// DataJSON links to the whole data set as one JSON file.
func (p *Page) DataJSON() string { return p.Root + "so-lieu/" + export.JSONFileName }
