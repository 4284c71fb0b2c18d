package render

import (
	"slices"
	"strconv"

	"sitegen/internal/data"
	"sitegen/internal/site"
)

// The tables of figures each kind of page shows, made once per page for
// the "figure-table" template. The figures of a cell or referrer carry
// their anchors on its own page and link to them everywhere else.

// The columns of the tables of figures, in the order the pages show
// them: a cell's year, a span of years, a sub-cell beside its siblings.
var (
	cellColumns   = []string{data.NameAdmitted, data.NameTarget, data.NameAchieved, data.NameConfirmed, data.NameMembers, data.NameUnits}
	periodColumns = []string{data.NameAdmitted, data.NameConfirmed}
	childColumns  = []string{data.NameAdmitted, data.NameTarget, data.NameMembers}
)

// figuresOf are the published figures of names, in order.
func figuresOf(f site.Figures, names []string) []*site.Published {
	out := make([]*site.Published, len(names))
	for i, n := range names {
		out[i] = f.Figure(n)
	}
	return out
}

// FiguresTable is a cell's figures of every year it publishes one.
func (p *Page) FiguresTable() *Table {
	c := p.Cell
	return p.yearsTable(p.T("cell.figures_caption", c.Name), cellColumns, len(c.Years),
		func(i int) (int, site.Figures) { return c.Years[i].Year, c.Years[i].Figures })
}

// figureRow is a row of a table of a subject's own figures: its label,
// the page it links to, and the figures of its year or period.
type figureRow struct {
	label, href string
	site.Figures
}

// yearsTable is ownTable with a row for each of n years, each linked to
// its page; at gives the i-th year and its figures.
func (p *Page) yearsTable(caption string, names []string, n int, at func(i int) (int, site.Figures)) *Table {
	rows := make([]figureRow, n)
	for i := range rows {
		y, f := at(i)
		rows[i] = figureRow{p.loc.Year(y), p.YearURL(y), f}
	}
	return p.ownTable(caption, p.T("col.year"), names, rows)
}

// ownTable is a table of a subject's figures on its own page, each
// figure with its anchors: a row per year or period, a column per name.
func (p *Page) ownTable(caption, head string, names []string, rows []figureRow) *Table {
	if len(rows) == 0 {
		return nil
	}
	t := &Table{Caption: caption, Head: head, Columns: p.columns(names...)}
	for _, fr := range rows {
		r := Row{Head: fr.label, Href: fr.href}
		for _, f := range figuresOf(fr.Figures, names) {
			r.Cells = append(r.Cells, p.published(f, own))
		}
		t.Rows = append(t.Rows, r)
	}
	t.shareCites()
	return t
}

// PartsTable is a cell's parts of admitted: a column for each part it
// holds in any year or period, a row for each period, then each year.
func (p *Page) PartsTable() *Table {
	c := p.Cell
	type held struct {
		label string
		figs  []*site.Published
	}
	var all []held
	for _, pd := range c.Periods {
		if pd.HasParts {
			all = append(all, held{p.PeriodText(pd.Period), p.Site.Parts(c, pd.Period)})
		}
	}
	periods := len(all) > 0
	for _, y := range c.Years {
		if y.HasParts {
			all = append(all, held{p.loc.Year(y.Year), p.Site.Parts(c, data.Year(y.Year))})
		}
	}
	if len(all) == 0 {
		return nil
	}
	var names []string
	for _, n := range data.Parts {
		for _, h := range all {
			if slices.ContainsFunc(h.figs, func(f *site.Published) bool { return f.Name == n }) {
				names = append(names, n)
				break
			}
		}
	}
	// The rows' heading says what they are: years alone, or periods and
	// years.
	head := p.T("col.year")
	if periods {
		head = p.T("col.period")
	}
	t := &Table{Caption: p.T("cell.parts_caption", c.Name), Head: head, Columns: p.columns(names...)}
	for _, h := range all {
		r := Row{Head: h.label, Cells: make([]*FigureView, len(names))}
		for _, f := range h.figs {
			r.Cells[slices.Index(names, f.Name)] = p.published(f, own)
		}
		t.Rows = append(t.Rows, r)
	}
	t.shareCites()
	return t
}

// PeriodsTable is a cell's admissions over spans of years.
func (p *Page) PeriodsTable() *Table {
	c := p.Cell
	rows := make([]figureRow, len(c.Periods))
	for i, pd := range c.Periods {
		rows[i] = figureRow{label: p.PeriodText(pd.Period), Figures: pd.Figures}
	}
	return p.ownTable(p.T("cell.periods_caption", c.Name), p.T("col.period"), periodColumns, rows)
}

// MembershipsTable is a cell's memberships as their records hold them,
// with their sources.
func (p *Page) MembershipsTable() *Table {
	c := p.Cell
	if len(c.Memberships) == 0 {
		return nil
	}
	t := &Table{ID: "memberships-table", Caption: p.T("cell.memberships_caption", c.Name), Head: p.T("col.date"),
		Columns: p.columns(data.NameMembers, data.NameUnits), Sources: true, SourcesHead: p.T("col.source")}
	for _, m := range c.Memberships {
		r := Row{Head: p.Day(m.Date), Datetime: m.Date.String()}
		for _, name := range []string{data.NameMembers, data.NameUnits} {
			// The record itself: the figure of its year as known on its day.
			f, err := p.Site.Data.Figure(data.Query{Name: name, Subject: c.ID, Period: data.Year(m.Date.Year), On: m.Date})
			if err != nil || f.AsOf != m.Date {
				r.Cells = append(r.Cells, nil)
				continue
			}
			v := t.inRow(p.figure(&f, plain), &f)
			v.Notes = nil // the row says the day
			r.Cells = append(r.Cells, v)
		}
		if m.Source != "" {
			t.cite(&r, []string{m.Source})
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// ChildrenTable is the sub-cells of a cell in the year its page shows
// them for. A sub-cell closed before that year has no row, as on the
// year's page: a row of dashes would read as figures missing.
func (p *Page) ChildrenTable() *Table {
	c := p.Cell
	if len(c.Children) == 0 {
		return nil
	}
	y := c.ChildrenYear
	t := &Table{Class: "names", Caption: p.T("cell.children_caption", c.Name, p.loc.Year(y)), Head: p.T("col.cell"),
		Columns: p.columns(childColumns...)}
	for _, ch := range c.Children {
		if !ch.OpenIn(y) {
			continue
		}
		r := Row{Head: ch.Name, Href: p.CellURL(ch.ID), Cells: make([]*FigureView, len(childColumns))}
		if cy := ch.Year(y); cy != nil {
			for i, f := range figuresOf(cy.Figures, childColumns) {
				r.Cells[i] = p.published(f, linked)
			}
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// CellsTable is every cell's figures in the year of a year's page, in
// tree order.
func (p *Page) CellsTable() *Table {
	y := p.Year
	names := cellColumns[:5]
	t := &Table{Class: "tree names", Caption: p.T("year.cells_caption", p.loc.Year(y)), Head: p.T("col.cell"), Columns: p.columns(names...)}
	for _, c := range p.Site.Cells {
		cy := c.Year(y)
		if cy == nil {
			continue
		}
		r := Row{Class: "depth-" + strconv.Itoa(min(c.Depth, 6)), Head: c.Name, Href: p.CellURL(c.ID)}
		for _, f := range figuresOf(cy.Figures, names) {
			r.Cells = append(r.Cells, p.published(f, linked))
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

var referrerColumns = []string{data.NameReferred, data.NameReferralAdmitted, data.NameConversion}

// ReferralsTable is every referrer's figures in the year of a year's page.
func (p *Page) ReferralsTable() *Table {
	t := &Table{Class: "names", Caption: p.T("year.referrals_caption", p.loc.Year(p.Year)), Head: p.T("col.referrer"), Columns: p.columns(referrerColumns...)}
	for _, r := range p.Site.Referrers {
		ry := r.Year(p.Year)
		if ry == nil {
			continue
		}
		row := Row{Head: r.Name, Href: p.ReferrerURL(r.ID)}
		for _, f := range figuresOf(ry.Figures, referrerColumns) {
			row.Cells = append(row.Cells, p.published(f, linked))
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

// ReferrerTable is a referrer's figures of every year it has a record for.
func (p *Page) ReferrerTable() *Table {
	r := p.Referrer
	return p.yearsTable(p.T("referrer.figures_caption", r.Name), referrerColumns, len(r.Years),
		func(i int) (int, site.Figures) { return r.Years[i].Year, r.Years[i].Figures })
}
