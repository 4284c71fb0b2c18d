package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/site"
)

// The rows of the three tables that grow with the site (every cell of a
// year, every year of a cell, every membership of a cell) are written in
// Go: on a site of 2,000 cells over 20 years they hold most of the
// figures of the site, and a template spends most of its time calling
// functions by reflection, a few dozen for every row. The tables' frame
// (caption, header) stays in the templates; every text is escaped here as
// html/template would.

// YearRow is a cell's row in the table of a year's page: its name, linked
// to its page, then its admitted, target, achieved, confirmed and members
// figures linked to their anchors there. Empty when the cell has no
// figure that year.
func (p *Page) YearRow(c *site.Cell, y int) template.HTML {
	cy := c.Year(y)
	if cy == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(1024) // a row with five figures, most of a kilobyte
	b.WriteString(`<tr class="depth-`)
	b.WriteString(strconv.Itoa(p.Depth(c)))
	b.WriteString(`">`)
	writeRowHead(&b, p.CellURL(c.ID), c.Name)
	for _, f := range [...]*data.Figure{cy.Admitted, cy.Target, cy.Achieved, cy.Confirmed, cy.Members} {
		b.WriteString("\n")
		p.writeLinkCell(&b, f)
	}
	b.WriteString("\n</tr>\n")
	return template.HTML(b.String())
}

// writeRowHead writes a row's header cell: text linked to href, both escaped.
func writeRowHead(b *strings.Builder, href, text string) {
	b.WriteString(`<th scope="row"><a href="`)
	b.WriteString(html.EscapeString(href))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(text))
	b.WriteString("</a></th>")
}

// CellYearRow is a year's row in the table of a cell's page: the year,
// linked to its page, then the cell's admitted, target, achieved,
// confirmed, members and units figures, each cell carrying the figure's
// permanent anchor.
func (p *Page) CellYearRow(cy *site.CellYear) template.HTML {
	var b strings.Builder
	b.Grow(1024)
	b.WriteString(`<tr>`)
	writeRowHead(&b, p.YearURL(cy.Year), p.loc.Year(cy.Year))
	for _, f := range [...]*data.Figure{cy.Admitted, cy.Target, cy.Achieved, cy.Confirmed, cy.Members, cy.Units} {
		b.WriteString("\n")
		p.writeCell(&b, f)
	}
	b.WriteString("\n</tr>\n")
	return template.HTML(b.String())
}

// MembershipRow is a membership's row in the table of a cell's page: the
// day, members, units (as published) and source.
func (p *Page) MembershipRow(m *data.Membership) template.HTML {
	var b strings.Builder
	b.Grow(256)
	b.WriteString(`<tr><th scope="row"><time datetime="`)
	b.WriteString(m.Date.String())
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(p.Day(m.Date)))
	b.WriteString("</time></th>\n")
	for _, c := range [...]data.Count{m.Members, m.Units} {
		if !c.Set {
			b.WriteString(string(emptyCell))
			b.WriteString("\n")
			continue
		}
		b.WriteString(`<td class="num">`)
		text := p.nums.int(p.loc, c.Value)
		if c.Approx != data.Exact {
			text = p.loc.ApproxWord(string(c.Approx)) + " " + text
		}
		b.WriteString(html.EscapeString(text))
		b.WriteString("</td>\n")
	}
	b.WriteString("<td>")
	b.WriteString(html.EscapeString(m.Source))
	b.WriteString("</td>\n</tr>\n")
	return template.HTML(b.String())
}
