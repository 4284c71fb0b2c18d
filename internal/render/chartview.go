package render

import (
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
	// Citation cites the chart: publisher, title, years, permanent link
	// (the page and the chart's id), data version.
	Citation string

	p *Page
}

// T is a label of the catalogue, for the chart's templates.
func (v *ChartView) T(key string, args ...any) string { return v.p.T(key, args...) }

// Chart returns the chart of kind for subject (and year, for a kind of
// one year) with what goes beside it, or nil when the data holds nothing
// to draw. On an article's page it shows the data as known on the
// article's date. The first page that shows a chart writes its downloads
// (see writeDownloads). A chart shown twice on one page gets a suffix to
// its id, so ids stay unique.
func (p *Page) Chart(kind, subject string, year int) (*ChartView, error) {
	q := data.ChartQuery{Kind: kind, Subject: subject, Year: year}
	if a := p.Article; a != nil {
		q.On = data.Date{Year: a.Date.Year(), Month: a.Date.Month(), Day: a.Date.Day()}
	}
	cd, err := p.Site.Chart(q)
	if err != nil {
		return nil, nil // nothing to draw; an article's chart was checked by content.Load
	}
	file := address.Download(address.ChartID(kind, subject, year), cd.On)
	c, err := chart.New(p.loc, cd, p.subjectName(cd.Kind.Subject, subject))
	if err != nil {
		return nil, err
	}
	if err := p.run.writeDownloads(file, c); err != nil {
		return nil, err
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
	return p.chartView(c, file), nil
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

// chartView makes the page's view of a chart.
func (p *Page) chartView(c *chart.Chart, file string) *ChartView {
	v := &ChartView{Chart: c, CSV: p.Root + file + ".csv", XLSX: p.Root + file + ".xlsx", JSON: p.Root + file + ".json", p: p}
	var period data.Period
	if n := len(c.Rows); n > 0 {
		period = data.Period{From: c.Rows[0].Year, To: c.Rows[n-1].Year}
	}
	v.Citation = export.Cite(p.loc, export.Citation{
		Publisher: p.Publisher(),
		Title:     c.Title,
		Period:    period,
		URL:       address.Permanent(p.Site.Site.BaseURL, address.Folder(p.Path), c.ID),
		Version:   p.Site.Version,
	})
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
			row.Cells = append(row.Cells, p.figure(f, linked))
		}
		t.Rows = append(t.Rows, row)
	}
	v.Table = t
	return v
}

// writeDownloads writes the CSV, Excel and JSON files of chart c, named
// file plus ".csv", ".xlsx" and ".json", unless a page wrote them
// before: the first page that shows a chart writes them, while it runs,
// so that no chart is held until every page is. Held, the charts of a
// large site were the largest part of a build's memory after the
// articles, growing with the number of cells; made again, a chart costs
// little, and almost none is shown on two pages. A LazyWriter (serve)
// is given the workbook to make when it is first asked for.
func (r *run) writeDownloads(file string, c *chart.Chart) error {
	if _, done := r.downloads.LoadOrStore(file, true); done {
		return nil
	}
	t := export.ChartTable(c.ChartData, c.Title, r.version)
	if err := r.w.WriteFile(file+".csv", t.CSV()); err != nil {
		return err
	}
	note := export.Note(r.loc, r.publisher, c.Title, r.version)
	workbook := func() ([]byte, error) { return t.XLSX(note) }
	if lazy, ok := r.w.(LazyWriter); ok {
		if err := lazy.WriteLazy(file+".xlsx", workbook); err != nil {
			return err
		}
	} else {
		b, err := workbook()
		if err != nil {
			return err
		}
		if err := r.w.WriteFile(file+".xlsx", b); err != nil {
			return err
		}
	}
	return r.w.WriteFile(file+".json", t.JSON())
}
