package render

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"sitegen/internal/address"
	"sitegen/internal/chart"
	"sitegen/internal/data"
	"sitegen/internal/export"
)

// ChartView is a chart as a page shows it: the chart itself (its id,
// title, option and summary, see chart.Chart) and what goes beside it,
// for the "chart" and "chart-data" templates.
type ChartView struct {
	*chart.Chart
	// Table holds the chart's figures, a row per category of its axis,
	// each figure linked to its anchor, with their sources.
	Table *Table
	// CSV, XLSX and JSON link to the downloads of the chart's figures.
	CSV, XLSX, JSON string
	// Citation cites the chart: publisher, title, years, the sources of
	// its figures, the site, data version, permanent link (the page and
	// the chart's id); CiteText is the same cut where the day of access
	// goes, for the "cite-text" template.
	Citation string
	CiteText *CiteText
	// SVG links to the chart's image, made at build time; "" when the
	// build leaves images out.
	SVG string
	// Embed is the <iframe> snippet that shows the chart's own page
	// (PageURL, linked from this page) on another site, as text to copy;
	// EmbedRelative is the address it names when the site has no
	// base_url, which site.js makes absolute from the reader's address.
	Embed, EmbedRelative, PageURL string

	p *Page
}

// T is a label of the catalogue, for the chart's templates.
func (v *ChartView) T(key string, args ...any) string { return v.p.T(key, args...) }

// chartEntry is a chart built once per Render, with the base of its
// downloads' names.
type chartEntry struct {
	file string // "du-lieu/chart-admissions-khoi-dn", no extension
	page string // its own page, "bieu-do/chart-admissions-khoi-dn/index.html"

	mu sync.Mutex
	c  *chart.Chart // nil once done
	// home is the page its own page links back to: its subject's page
	// when that shows it, else the first by path of the pages that do,
	// whichever order the pages were rendered in.
	home string
	// done is set when the chart's own page and downloads are written:
	// as soon as its subject's page showed it, for its home is known for
	// good then (see Renderer.finishCharts); the chart is then let go,
	// and a page that shows it later draws it again. Keeping every chart
	// to the end held 6 GB at 42,000 cells.
	done bool
}

// Chart returns the chart of kind for subject (and year, for a kind of
// one year) with what goes beside it, or nil when the data holds nothing
// to draw. On an article's page it shows the data as known on the
// article's date. Each chart is built once per Render and kept for the
// pages that show it until its own page and downloads are made: when its
// subject's page has shown it (see Renderer.finishCharts), or once every
// page is (see run.chartPages and run.downloads). A chart shown twice on
// one page gets a suffix to its id, so ids stay unique.
func (p *Page) Chart(kind, subject string, year int) *ChartView {
	c, e := p.askChart(kind, subject, year)
	if c == nil {
		return nil
	}
	if p.charts == nil {
		p.charts = make(map[string]int)
	}
	p.charts[c.ID]++
	if n := p.charts[c.ID]; n > 1 {
		dup := *c
		dup.ID += "-" + p.loc.Year(n)
		c = &dup
	}
	return p.chartView(c, e)
}

// askChart is what showing the chart of kind for subject (and year)
// tells the run: the page asked for it, and may be its home. A page
// taken from the previous build (see renderReused) asks for its charts
// this way and shows none. c is nil when there is nothing to draw.
func (p *Page) askChart(kind, subject string, year int) (c *chart.Chart, e *chartEntry) {
	p.asked = append(p.asked, chartAsked{Kind: kind, Subject: subject, Year: year})
	cd, key, ok := p.chartData(kind, subject, year)
	if !ok {
		return nil, nil // nothing to draw; an article's chart was checked by content.Load
	}
	draw := func() *chart.Chart { return chart.New(p.loc, cd, p.subjectName(cd.Kind.Subject, subject)) }
	if v, ok := p.run.charts.Load(key); ok {
		e = v.(*chartEntry)
	} else {
		c := draw()
		v, _ := p.run.charts.LoadOrStore(key, &chartEntry{c: c, file: key, page: address.ChartPage(c.ID, cd.On)})
		e = v.(*chartEntry)
	}
	subjectPage := p.Path == address.Subject(cd.Kind.Subject, subject)
	e.mu.Lock()
	c = e.c
	switch {
	case e.done:
	case e.home == "", subjectPage:
		e.home = p.Path
	case p.Path < e.home && e.home != address.Subject(e.c.Kind.Subject, e.c.Subject):
		e.home = p.Path
	}
	e.mu.Unlock()
	if c == nil {
		c = draw()
	}
	if subjectPage && !slices.Contains(p.homeOf, e) {
		p.homeOf = append(p.homeOf, e)
	}
	return c, e
}

// chartData is what the page's chart of kind for subject (and year)
// draws, and the base of its downloads' names; ok is false when there
// is nothing to draw. On an article's page it is the data as known on
// the article's date.
func (p *Page) chartData(kind, subject string, year int) (cd *data.ChartData, key string, ok bool) {
	q := data.ChartQuery{Kind: kind, Subject: subject, Year: year}
	if a := p.Article; a != nil {
		q.On = data.Date{Year: a.Date.Year(), Month: a.Date.Month(), Day: a.Date.Day()}
	}
	cd, err := p.Site.Chart(q)
	if err != nil {
		return nil, "", false
	}
	return cd, address.Download(address.ChartID(kind, subject, year), cd.On), true
}

// OGImage is the image a link preview shows of the page: on an
// article, its first chart's; on a chart's own page, its chart's. ""
// without base_url (a preview needs an absolute address), when the
// build leaves images out, or when the page has no chart.
func (p *Page) OGImage() string {
	base := p.Site.Site.BaseURL
	if base == "" || !p.run.images {
		return ""
	}
	switch {
	case p.embed != nil:
		return address.Permanent(base, p.embed.file+".svg", "")
	case p.Article != nil:
		for _, s := range p.Article.Body {
			if c := s.Chart; c != nil {
				if _, key, ok := p.chartData(c.Kind, c.Subject, c.Year); ok {
					return address.Permanent(base, key+".svg", "")
				}
			}
		}
	}
	return ""
}

// subjectName is the name of the cell or referrer a chart is about.
func (p *Page) subjectName(s data.Subject, id string) string {
	if s == data.OfReferrer {
		if r := p.Site.Referrer(id); r != nil {
			return r.Name
		}
	} else if c := p.Site.Cell(id); c != nil {
		return c.Name
	}
	return id
}

// chartView makes the page's view of a chart (c is e's chart, or a copy
// with another id).
func (p *Page) chartView(c *chart.Chart, e *chartEntry) *ChartView {
	file := e.file
	v := &ChartView{Chart: c, CSV: p.Root + file + ".csv", XLSX: p.Root + file + ".xlsx", JSON: p.Root + file + ".json", PageURL: p.Root + e.page, p: p}
	var period data.Period
	if n := len(c.Rows); n > 0 {
		period = data.Period{From: c.Rows[0].Year, To: c.Rows[n-1].Year}
	}
	var cited []string
	for _, r := range c.Rows {
		cited = append(cited, sources(r.Figures)...)
	}
	v.Citation = export.Cite(p.loc, export.Citation{
		Publisher: p.Publisher(),
		Title:     c.Title,
		Period:    period,
		URL:       address.Permanent(p.Site.Site.BaseURL, address.Folder(p.Path), c.ID),
		Version:   p.Site.Version,
		Sources:   cited,
		Site:      p.Site.Site.Title,
	})
	v.CiteText = p.citeText(c.ID+"-cite", v.Citation)
	t := &Table{ID: c.ID + "-table", Class: "chart-table", Caption: c.Title, Head: p.T("col." + c.Kind.By),
		Columns: p.columns(c.Kind.Series...), Sources: true, SourcesHead: p.T("col.source")}
	for _, r := range c.Rows {
		var row Row
		t.cite(&row, sources(r.Figures))
		switch c.Kind.By {
		case "date":
			row.Head, row.Datetime = p.Day(r.Date), r.Date.String()
		case "cell":
			row.Head, row.Href = r.Cell.Name, p.CellURL(r.Cell.ID)
		default:
			row.Head = p.loc.Year(r.Year)
		}
		for _, f := range r.Figures {
			row.Cells = append(row.Cells, t.inRow(p.figure(f, linked), f))
		}
		t.Rows = append(t.Rows, row)
	}
	v.Table = t
	v.Embed, v.EmbedRelative = p.embedSnippet(c, e, t.SourceList)
	if p.run.images {
		v.SVG = p.Root + file + ".svg"
	}
	return v
}

// downloads are the files of every chart the pages showed whose
// downloads are not written yet (see chartFiles), made once all pages
// are: export and chart make the files, the caller writes them. The
// workbooks are made when written (see LazyWriter).
func (r *run) downloads() []export.File {
	var out []export.File
	r.charts.Range(func(_, v any) bool {
		if e := v.(*chartEntry); !e.done {
			out = append(out, r.chartFiles(e)...)
		}
		return true
	})
	return out
}

// chartFiles are the downloads of the chart of e: its CSV, Excel and
// JSON files, and its SVG image unless the build leaves images out.
func (r *run) chartFiles(e *chartEntry) []export.File {
	t := export.ChartTable(e.c.ChartData, e.c.Title, r.version)
	note := export.Note(r.loc, r.publisher, e.c.Title, r.version)
	out := []export.File{r.download(e.file+".csv", t.CSV),
		r.reuse(t.XLSXFile(e.file+".xlsx", note)),
		r.download(e.file+".json", t.JSON)}
	if r.images {
		c, credit := e.c, r.credit(e.c)
		out = append(out, r.download(e.file+".svg", func() []byte { return c.SVG(r.loc, credit) }))
	}
	return out
}

// credit is what a chart's image says of where it comes from: the
// sources of its figures, the publisher and the data version.
func (r *run) credit(c *chart.Chart) chart.Credit {
	var cited []string
	for _, row := range c.Rows {
		for _, s := range sources(row.Figures) {
			if !slices.Contains(cited, s) {
				cited = append(cited, s)
			}
		}
	}
	var cr chart.Credit
	if len(cited) > 0 {
		cr.Source = r.loc.T("col.source") + ": " + strings.Join(cited, "; ")
	}
	cr.Version = r.publisher
	if r.versionText != "" {
		cr.Version += " · " + r.versionText
	}
	return cr
}

// What a chart's own page needs beside the chart itself, in pixels, at
// the width of a column of text (640 px): its title and summary, the
// folded table's line, the downloads, the data version and the link back
// take embedHeight; the sources a line of embedLine pixels for every
// embedChars characters (TestSampleSiteChartPagesInIframes checks that
// it fits).
const (
	embedHeight = 240
	embedLine   = 20
	embedChars  = 80
)

// embedSnippet is the <iframe> that shows the chart's own page, as text
// for a reader to copy into another site; rel is the address it names
// when the site has no base_url (relative to this page), else "". The
// text is escaped for an attribute here because it is the snippet's own
// markup; the template escapes it again to show it.
func (p *Page) embedSnippet(c *chart.Chart, e *chartEntry, sources []*Source) (snippet, rel string) {
	height := c.Height() + embedHeight
	chars := 0
	for _, s := range sources {
		chars += utf8.RuneCountInString(s.Text) + 2
	}
	height += embedLine * (chars/embedChars + 1)
	src := address.Permanent(p.Site.Site.BaseURL, address.Folder(e.page), "")
	if p.Site.Site.BaseURL == "" {
		src = p.Root + address.Folder(e.page)
		rel = src
	}
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0" loading="lazy"></iframe>`,
		html.EscapeString(src), html.EscapeString(c.Title), height), rel
}

// Embedded is the chart of a chart's own page ("embed" template).
func (p *Page) Embedded() *ChartView { return p.chartView(p.embed.c, p.embed) }

// EmbeddedHome links from a chart's own page to the chart on the page
// it belongs to; it opens in the reader's window, not in the frame.
func (p *Page) EmbeddedHome() string { return p.Root + p.embed.home + "#" + p.embed.c.ID }

// chartPages are the pages of every chart the pages showed whose own
// page is not written yet, by path.
func (r *run) chartPages() []Page {
	var out []Page
	r.charts.Range(func(_, v any) bool {
		if e := v.(*chartEntry); !e.done {
			out = append(out, Page{Kind: "embed", Path: e.page, embed: e})
		}
		return true
	})
	slices.SortFunc(out, func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return out
}
