package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/export"
	"sitegen/internal/i18n"
)

// FigureView is a figure as a page shows it.
type FigureView struct {
	// ID is the figure's permanent anchor on its subject's page,
	// NAME-PERIOD: admitted-2017, admitted-2010-2015, members-2018.
	ID string
	// Href links to that anchor from the page it is shown on.
	Href string
	// Text is the figure as published, in the site's language:
	// "trên 200", "200–220", "69,8%".
	Text string
	// Value is the machine-readable value for <data value>: 200,
	// 200-220, 69.8.
	Value string
	// Notes say what the text alone does not: the day it was counted to
	// ("đến 15/11/2018"), the sub-cells a sum covers.
	Notes []string
	// Title is the figure's source, shown on hover.
	Title string

	Approx, Dated, Sum bool
}

// referrerNames are the figures whose subject is a referrer.
var referrerNames = map[string]bool{
	data.NameReferred:         true,
	data.NameReferralAdmitted: true,
	data.NameConversion:       true,
}

// Fig makes the view of a figure; nil for a figure the data does not hold.
func (p *Page) Fig(f *data.Figure) *FigureView {
	if f == nil {
		return nil
	}
	v := &FigureView{}
	p.fill(v, f)
	return v
}

func (p *Page) fill(v *FigureView, f *data.Figure) {
	loc := p.loc
	v.ID = f.Name + "-" + f.Period.String()
	if referrerNames[f.Name] {
		v.Href = p.ReferrerURL(f.Subject) + "#" + v.ID
	} else {
		v.Href = p.CellURL(f.Subject) + "#" + v.ID
	}
	switch f.Kind {
	case data.KindRange:
		v.Text = p.nums.int(loc, f.Min)
		v.Value = strconv.FormatInt(f.Min, 10)
		if f.Max != f.Min {
			v.Text += "–" + p.nums.int(loc, f.Max)
			v.Value += "-" + strconv.FormatInt(f.Max, 10)
		}
	case data.KindPercent:
		v.Text = p.nums.percent(loc, f.Tenths)
		v.Value = strconv.FormatFloat(float64(f.Tenths)/10, 'f', 1, 64)
		v.Approx = f.Approx != data.Exact
		if v.Approx {
			v.Text = loc.ApproxWord(string(f.Approx)) + " " + v.Text
		}
	default:
		v.Text = p.nums.int(loc, f.Count.Value)
		v.Value = strconv.FormatInt(f.Count.Value, 10)
		v.Approx = f.Count.Approx != data.Exact
		if v.Approx {
			v.Text = loc.ApproxWord(string(f.Count.Approx)) + " " + v.Text
		}
	}
	v.Notes = v.Notes[:0]
	if !f.AsOf.IsZero() {
		day := loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day)
		v.Dated = true
		if f.Name == data.NameMembers || f.Name == data.NameUnits {
			v.Notes = append(v.Notes, loc.T("figure.on", day))
		} else {
			v.Notes = append(v.Notes, loc.T("figure.as_of", day))
		}
	}
	if f.Sum {
		v.Sum = true
		if f.Covered == f.Listed {
			v.Notes = append(v.Notes, loc.T("figure.sum_all", p.nums.int(loc, int64(f.Listed))))
		} else {
			v.Notes = append(v.Notes, loc.T("figure.sum_partial", p.nums.int(loc, int64(f.Covered)), p.nums.int(loc, int64(f.Listed))))
		}
	}
	if f.Source != "" {
		v.Title = loc.T("figure.source", f.Source)
	}
}

// FigCell is a figure in a table cell on its own page, the cell carrying
// the figure's permanent anchor; an empty cell when the data does not
// hold it. It writes the same markup as the "figure" template, in Go,
// because the big tables hold tens of thousands of figures: every piece
// of text is escaped here as html/template would.
func (p *Page) FigCell(f *data.Figure) template.HTML {
	var b strings.Builder
	b.Grow(256)
	p.writeCell(&b, f)
	return template.HTML(b.String())
}

// FigLinkCell is a figure in a table cell away from its own page: it
// links to the figure's anchor there.
func (p *Page) FigLinkCell(f *data.Figure) template.HTML {
	var b strings.Builder
	b.Grow(256)
	p.writeLinkCell(&b, f)
	return template.HTML(b.String())
}

func (p *Page) writeCell(b *strings.Builder, f *data.Figure) {
	if f == nil {
		b.WriteString(string(emptyCell))
		return
	}
	var v FigureView
	p.fill(&v, f)
	b.WriteString(`<td id="`)
	b.WriteString(html.EscapeString(v.ID))
	b.WriteString(`" class="num">`)
	writeFigure(b, &v)
	// The visible link to the figure's permanent anchor. Its title is
	// what the figure's citation says of it alone; the publisher, the
	// data version and the link, the same for every figure of the page,
	// are said once, in the body's data-cite-* attributes, from which
	// site.js puts the whole citation under the table, with a copy
	// button, when the anchor is followed. A full citation in every cell
	// would triple the size of a cell's page.
	b.WriteString(` <a class="anchor" href="#`)
	b.WriteString(html.EscapeString(v.ID))
	b.WriteString(`" aria-label="`)
	b.WriteString(html.EscapeString(p.run.anchorLabel))
	b.WriteString(`" title="`)
	b.WriteString(html.EscapeString(p.figureCiteWhat(f, v.Text)))
	b.WriteString(`">#</a></td>`)
}

// FigureCitation cites one figure: the publisher, what it counts and of
// which cell or referrer, its year or period, the figure as published
// (approximate and dated as it is), its permanent link and the data
// version.
func (p *Page) FigureCitation(f *data.Figure) string {
	c := p.figureCitation(f)
	c.Publisher, c.Version = p.Publisher(), p.Site.Version
	return export.Cite(p.loc, c)
}

// figureCitation is the citation of a figure without its publisher and
// data version.
func (p *Page) figureCitation(f *data.Figure) export.Citation {
	page := "don-vi/" + f.Subject + "/"
	if referrerNames[f.Name] {
		page = "gioi-thieu/" + f.Subject + "/"
	}
	return export.Citation{
		Title:  p.citeTitle(f),
		Period: f.Period,
		Value:  export.FigureText(p.loc, *f),
		URL:    export.PermanentURL(p.Site.Site.BaseURL, page, f.Name+"-"+f.Period.String()),
	}
}

// citeTitle is what a figure's citation calls it: "Kết nạp: Đảng bộ
// Khối Doanh nghiệp tỉnh". A page cites the figures of one subject, a
// few names each in many years: each title is made once per page.
func (p *Page) citeTitle(f *data.Figure) string {
	if t, ok := p.citeTitles[f.Name]; ok && p.citeSubject == f.Subject {
		return t
	}
	subject := f.Subject
	if referrerNames[f.Name] {
		if r := p.Site.Referrer(f.Subject); r != nil {
			subject = r.Name
		}
	} else if c := p.Site.Cell(f.Subject); c != nil {
		subject = c.Name
	}
	t := p.loc.T("cite.figure_title", p.citeName(f.Name), subject)
	if p.citeTitles == nil || p.citeSubject != f.Subject {
		p.citeTitles, p.citeSubject = make(map[string]string), f.Subject
	}
	p.citeTitles[f.Name] = t
	return t
}

// citeName is what a citation calls a figure of name: "Kết nạp đảng
// viên", "Đảng viên mới – Nữ".
func (p *Page) citeName(name string) string {
	switch name {
	case "admitted", "confirmed", "target", "achieved", "members", "units", "referred", "referral_admitted", "conversion":
		return p.T("cite.name." + name)
	}
	return p.T("cite.name.part", p.T("part."+name))
}

// urlMark stands for a figure's link in the parts of its citation.
const urlMark = "\x00"

// figureCiteWhat is the part of a figure's citation that is its own:
// "“Kết nạp: Đảng bộ Khối”, năm 2017: trên 200." text is the figure as
// the page shows it, which is how a citation quotes it (FigureText)
// but for the day it was counted to.
func (p *Page) figureCiteWhat(f *data.Figure, text string) string {
	if !f.AsOf.IsZero() {
		text += " (" + p.loc.T("cite.as_of", p.loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day)) + ")"
	}
	c := export.Citation{Title: p.citeTitle(f), Period: f.Period, Value: text, URL: urlMark}
	return strings.TrimSuffix(export.Cite(p.loc, c), " "+p.run.accessed)
}

// CitePublisher, CiteRest and CiteBase are the parts of the citations of
// the page's figures that every figure shares, for site.js: the figure's
// citation is CitePublisher, its own part (its anchor's title) and
// CiteRest with "{url}" replaced by CiteBase#anchor. Together they are
// FigureCitation.
func (p *Page) CitePublisher() string {
	return strings.TrimSuffix(export.Cite(p.loc, export.Citation{Publisher: p.Publisher(), URL: urlMark}), " "+p.run.accessed)
}

func (p *Page) CiteRest() string {
	s := export.Cite(p.loc, export.Citation{Version: p.Site.Version, URL: urlMark})
	return strings.Replace(s, urlMark, "{url}", 1)
}

func (p *Page) CiteBase() string {
	return export.PermanentURL(p.Site.Site.BaseURL, pageFolder(p.Path), "")
}

func (p *Page) writeLinkCell(b *strings.Builder, f *data.Figure) {
	if f == nil {
		b.WriteString(string(emptyCell))
		return
	}
	var v FigureView
	p.fill(&v, f)
	b.WriteString(`<td class="num"><a href="`)
	b.WriteString(html.EscapeString(v.Href))
	b.WriteString(`">`)
	writeFigure(b, &v)
	b.WriteString(`</a></td>`)
}

const emptyCell = template.HTML(`<td class="num empty">–</td>`)

func writeFigure(b *strings.Builder, v *FigureView) {
	b.WriteString(`<data value="`)
	b.WriteString(html.EscapeString(v.Value))
	b.WriteString(`" class="figure`)
	if v.Approx {
		b.WriteString(" approx")
	}
	if v.Dated {
		b.WriteString(" dated")
	}
	if v.Sum {
		b.WriteString(" sum")
	}
	b.WriteByte('"')
	if v.Title != "" {
		b.WriteString(` title="`)
		b.WriteString(html.EscapeString(v.Title))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	b.WriteString(html.EscapeString(v.Text))
	b.WriteString(`</data>`)
	for _, n := range v.Notes {
		b.WriteString(` <small class="note">`)
		b.WriteString(html.EscapeString(n))
		b.WriteString(`</small>`)
	}
}

// numbers caches formatted numbers for one worker: golang.org/x/text
// formats are exact but slow, and the same small counts recur on every
// page. Not safe for concurrent use; each worker has its own.
type numbers struct {
	ints, tenths map[int64]string
}

func (n *numbers) int(loc *i18n.Locale, v int64) string { return memo(&n.ints, v, loc.Int) }

func (n *numbers) percent(loc *i18n.Locale, tenths int64) string {
	return memo(&n.tenths, tenths, loc.Percent)
}

// memo returns format(v), formatting each v once per cache.
func memo(cache *map[int64]string, v int64, format func(int64) string) string {
	if s, ok := (*cache)[v]; ok {
		return s
	}
	if *cache == nil {
		*cache = make(map[int64]string)
	}
	s := format(v)
	(*cache)[v] = s
	return s
}
