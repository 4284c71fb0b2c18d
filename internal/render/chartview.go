package render

import (
	"html"
	"html/template"
	"slices"
	"strings"

	"sitegen/internal/chart"
	"sitegen/internal/data"
	"sitegen/internal/export"
)

// ChartView is a chart as a page shows it: the chart itself (its id,
// title, option, summary and rows, see chart.Chart) and what goes beside
// it, for the "chart" and "chart-data" templates.
type ChartView struct {
	*chart.Chart
	// CSV and JSON link to the downloads of the chart's figures, written
	// once per chart under du-lieu/.
	CSV, JSON string
	// Citation cites the chart: publisher, title, years, permanent link
	// (the page and the chart's id), data version.
	Citation string

	p *Page
}

// T is a label of the catalogue, for the chart's templates.
func (v *ChartView) T(key string, args ...any) string { return v.p.T(key, args...) }

// downloadsDir is the folder of every chart's downloads.
const downloadsDir = "du-lieu/"

// chartEntry is a chart built once per Render, with the base name of its
// downloads; c is nil when there is nothing to draw.
type chartEntry struct {
	c    *chart.Chart
	file string // "du-lieu/chart-admissions-khoi-dn", no extension
}

// downloadName is the base of a chart's download files: its id, and the
// day an article's chart shows the data as of, which gives another set of
// figures under the same id.
func downloadName(c *chart.Chart) string {
	name := downloadsDir + c.ID
	if !c.Known.IsZero() {
		name += "." + c.Known.String()
	}
	return name
}

// chartTable is the table of a chart's figures as the downloads hold
// them: its label columns, then a column per series.
func chartTable(c *chart.Chart, p *Page) *export.Table {
	t := &export.Table{Title: c.Title, Version: p.Site.Version}
	switch c.Kind {
	case chart.KindMembers:
		t.Columns = []string{"date"}
	case chart.KindCells:
		t.Columns = []string{"cell", "cell_name", "year"}
	default:
		t.Columns = []string{"year"}
	}
	t.Columns = append(t.Columns, c.Series...)
	for _, r := range c.Rows {
		var row []export.Value
		switch c.Kind {
		case chart.KindMembers:
			row = append(row, export.TextValue(r.Date.String()))
		case chart.KindCells:
			row = append(row, export.TextValue(r.Cell), export.TextValue(r.Label), export.IntValue(int64(r.Year)))
		default:
			row = append(row, export.IntValue(int64(r.Year)))
		}
		for i, f := range r.Figures {
			switch {
			case f != nil:
				row = append(row, export.FigureValue(*f))
			case c.Series[i] == data.NameTarget:
				row = append(row, export.None(export.Range))
			default:
				row = append(row, export.None(export.Count))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// writeDownloads writes a chart's CSV and JSON files.
func (p *Page) writeDownloads(e *chartEntry) error {
	t := chartTable(e.c, p)
	if err := p.run.w.WriteFile(e.file+".csv", t.CSV()); err != nil {
		return err
	}
	return p.run.w.WriteFile(e.file+".json", t.JSON())
}

// view makes the page's view of a chart.
func (p *Page) view(c *chart.Chart, file string) *ChartView {
	v := &ChartView{Chart: c, CSV: p.Root + file + ".csv", JSON: p.Root + file + ".json", p: p}
	var period data.Period
	if n := len(c.Rows); n > 0 {
		from, to := c.Rows[0].Year, c.Rows[n-1].Year
		if c.Kind == chart.KindMembers {
			from, to = c.Rows[0].Date.Year, c.Rows[n-1].Date.Year
		}
		period = data.Period{From: from, To: to}
	}
	v.Citation = export.Cite(p.loc, export.Citation{
		Publisher: p.Publisher(),
		Title:     c.Title,
		Period:    period,
		URL:       export.PermanentURL(p.Site.Site.BaseURL, pageFolder(p.Path), c.ID),
		Version:   p.Site.Version,
	})
	return v
}

// pageFolder is the address of a page as links cite it: its folder,
// "don-vi/khoi-dn/", or "" for the home page.
func pageFolder(path string) string {
	return strings.TrimSuffix(path, "index.html")
}

// seriesLabel is the column header of a chart's series.
func (p *Page) seriesLabel(name string) string {
	if name == data.NameTarget {
		return p.T("col.target")
	}
	return p.figureLabel(name)
}

// figureLabel names a figure by its name in the format.
func (p *Page) figureLabel(name string) string {
	switch name {
	case "admitted", "confirmed", "target", "achieved", "members", "units", "referred", "referral_admitted", "conversion":
		return p.T("col." + name)
	}
	return p.T("part." + name)
}

// Table is the chart's figures as an HTML table: a row per category of
// the chart, in its order, a column per series, and the sources of the
// row's figures. Each figure links to its permanent anchor. Written in
// Go, every text escaped, as the big tables are.
func (v *ChartView) Table() template.HTML {
	p, c := v.p, v.Chart
	var b strings.Builder
	b.Grow(512 + 400*len(c.Rows))
	b.WriteString(`<div class="table-wrap"><table class="figures chart-table" id="`)
	b.WriteString(html.EscapeString(c.ID))
	b.WriteString(`-table">`)
	b.WriteString("\n<caption>")
	b.WriteString(html.EscapeString(c.Title))
	b.WriteString("</caption>\n<thead><tr><th scope=\"col\">")
	switch c.Kind {
	case chart.KindMembers:
		b.WriteString(html.EscapeString(p.T("col.date")))
	case chart.KindCells:
		b.WriteString(html.EscapeString(p.T("col.cell")))
	default:
		b.WriteString(html.EscapeString(p.T("col.year")))
	}
	b.WriteString("</th>")
	for _, s := range c.Series {
		b.WriteString(`<th scope="col" class="num">`)
		b.WriteString(html.EscapeString(p.seriesLabel(s)))
		b.WriteString("</th>")
	}
	b.WriteString(`<th scope="col">`)
	b.WriteString(html.EscapeString(p.T("col.source")))
	b.WriteString("</th></tr></thead>\n<tbody>\n")
	var sources []string
	for _, r := range c.Rows {
		b.WriteString(`<tr><th scope="row">`)
		if c.Kind == chart.KindCells {
			b.WriteString(`<a href="`)
			b.WriteString(html.EscapeString(p.CellURL(r.Cell)))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(r.Label))
			b.WriteString("</a>")
		} else {
			b.WriteString(html.EscapeString(r.Label))
		}
		b.WriteString("</th>")
		sources = sources[:0]
		for _, f := range r.Figures {
			p.writeLinkCell(&b, f)
			if f != nil && f.Source != "" && !slices.Contains(sources, f.Source) {
				sources = append(sources, f.Source)
			}
		}
		b.WriteString(`<td class="source">`)
		if len(sources) == 0 {
			b.WriteString("–")
		}
		b.WriteString(html.EscapeString(strings.Join(sources, "; ")))
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</tbody>\n</table></div>")
	return template.HTML(b.String())
}
