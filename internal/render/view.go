package render

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitegen/internal/address"
	"sitegen/internal/data"
	"sitegen/internal/export"
	"sitegen/internal/site"
)

// The views: plain values made in Go that the templates write. Every
// figure on every page is a FigureView written by the "figure" template
// (and "figure-cell" in a table): one markup, which a site overrides by
// its own templates/partials/figure.html.

// FigureView is a figure as a page shows it.
type FigureView struct {
	// Text is the figure as published, in the site's language: "trên
	// 200", "200–220", "69,8%". Value is what a program reads, for
	// <data value>: "200", "200-220", "69.8".
	Text, Value string
	// Notes say what the text alone does not: the day it was counted to
	// ("đến 15/11/2018"), what a sum covers.
	Notes []string
	// Source says where it was published ("Nguồn: …"), or that its record
	// names no source; "" for a sum.
	Source string
	// How to read it, for the classes of its element.
	Approx, Dated, Sum, Partial bool

	// On the figure's own page (its cell's or referrer's): ID is its
	// anchor NAME-PERIOD when it is the latest count, DatedID its anchor
	// NAME-PERIOD-DAY when it has one (address.Anchor), Anchor the one
	// its visible "#" link leads to, and Cite what its citation says of
	// it, less the start its column's heading says for every figure of
	// the column (Column.Cite) and less the source its title says (Cite
	// then ends with a space): site.js puts them together as that
	// link's title, and adds the parts every figure shares.
	ID, DatedID, Anchor, Cite string
	// Corrected says, on its own page, that the figure was corrected
	// after it was first published, and what it was; nil when it was not.
	Corrected *CorrectionView
	// Earlier are the earlier counts of the same period, oldest first,
	// each with its DatedID: "đến 15/11/2023: 176 · cả năm: 205".
	Earlier []*FigureView

	// Elsewhere: Href links to the figure's anchor on its own page.
	Href string
	// Title is what the title of a figure's link says of it where its
	// notes are not shown (running text): its notes and its source.
	Title string
}

// Where a figure is shown decides what its view holds.
type placement int

const (
	plain  placement = iota // as a record holds it: no anchor, no link
	own                     // on its own page: anchors, "#" link, earlier counts
	linked                  // elsewhere: a link to its anchor
)

// figure makes the view of f as placed on the page; nil for a figure
// the data does not hold.
func (p *Page) figure(f *data.Figure, at placement) *FigureView {
	if f == nil {
		return nil
	}
	loc := p.loc
	v := &FigureView{
		Text: f.Text(loc), Value: f.Value(), Notes: f.Notes(loc), Source: f.SourceText(loc),
		Approx: f.ApproxOf() != data.Exact, Dated: f.Dated(), Sum: f.Sum, Partial: f.Partial(),
	}
	switch at {
	case own:
		if f.Latest {
			v.ID = address.LatestAnchor(f.Name, f.Period)
		}
		v.DatedID = address.DatedAnchor(f)
		v.Anchor = address.Anchor(f)
		v.Cite = p.citeWhat(f, v.Text)
		if v.Source != "" && strings.HasSuffix(v.Cite, " "+v.Source+".") {
			// The citation ends with the figure's source as the
			// figure's title says it: the page says it once, and
			// site.js puts it back at the end of a citation that ends
			// with a space (a citation never does).
			v.Cite = strings.TrimSuffix(v.Cite, v.Source+".")
		}
		page := address.FigurePage(f)
		if v.ID != "" {
			v.Corrected = p.correction(page, v.ID)
		}
		if v.Corrected == nil && v.DatedID != "" {
			v.Corrected = p.correction(page, v.DatedID)
		}
	case linked:
		if address.FigurePage(f) == p.Path {
			// On its own page (in a chart's table) the link is its
			// anchor alone: the same place, without the page's address
			// before every figure.
			v.Href = "#" + address.Anchor(f)
		} else {
			v.Href = p.Root + address.Figure(f)
		}
	}
	return v
}

// published makes the view of a published figure with its earlier
// counts; nil when there is none.
func (p *Page) published(f *site.Published, at placement) *FigureView {
	if f == nil || f.Gone && at != own {
		// A figure the data no longer holds is shown only where its
		// earlier counts keep their anchors: on its own page.
		return nil
	}
	v := p.figure(f.Figure, at)
	if at != own || len(f.Earlier) == 0 {
		return v
	}
	for _, e := range f.Earlier {
		v.Earlier = append(v.Earlier, p.figure(e, own))
	}
	if !f.Dated() && !f.Gone {
		// Beside counts to a day, the whole year's says it is one.
		v.Notes = append([]string{p.T("figure.whole_year")}, v.Notes...)
	}
	return v
}

// Fig is the view of a figure linked to its anchor, for a template that
// shows a figure away from its own page (the home page's headline).
func (p *Page) Fig(f *site.Published) *FigureView {
	if !f.Held() {
		return nil
	}
	return p.figure(f.Figure, linked)
}

// citeWhat is the part of a figure's citation that is its own:
// "“Kết nạp đảng viên: Đảng bộ Khối”, năm 2017: trên 200." text is the
// figure as the page shows it, which is how a citation quotes it, with
// its notes.
func (p *Page) citeWhat(f *data.Figure, text string) string {
	if notes := f.Notes(p.loc); len(notes) > 0 {
		text += " (" + strings.Join(notes, "; ") + ")"
	}
	var sources []string
	if f.Source != "" {
		sources = []string{f.Source}
	}
	_, own, _ := export.CiteParts(p.loc, export.Citation{Title: p.citeTitle(f), Period: f.Period, Value: text, Sources: sources})
	return own
}

// citeTitle is what a figure's citation calls it: "Kết nạp đảng viên:
// Đảng bộ Khối Doanh nghiệp tỉnh".
func (p *Page) citeTitle(f *data.Figure) string {
	n, _ := data.LookupName(f.Name)
	subject := f.Subject
	if n.Subject == data.OfReferrer {
		if r := p.Site.Referrer(f.Subject); r != nil {
			subject = r.Name
		}
	} else if c := p.Site.Cell(f.Subject); c != nil {
		subject = c.Name
	}
	return p.T("cite.figure_title", p.T("cite.name."+f.Name), subject)
}

// CiteText is a citation as a page writes it ("cite-text" template), cut
// where the day of access goes: site.js writes the reader's day there,
// and without scripts it stays "…" for the reader to fill in.
type CiteText struct {
	ID            string // of its element, which a copy button names
	Before, After string
	Day           bool // Before and After are cut where the day goes
}

func (p *Page) citeText(id, citation string) *CiteText {
	before, after, ok := export.CutAtDay(p.loc, citation)
	return &CiteText{ID: id, Before: before, After: after, Day: ok}
}

// urlMark stands for a figure's anchor in the parts of its citation.
const urlMark = "\x00"

// Table is a table of figures: a row per year, cell or record, a column
// per figure name; the "figure-table" template writes it.
type Table struct {
	ID, Class string
	Caption   string
	Head      string   // the header of the rows' header column
	Columns   []Column // one per figure column
	Rows      []Row
	// Sources adds a last column with the sources of each row's figures,
	// headed SourcesHead: the numbers of its sources in SourceList.
	Sources     bool
	SourcesHead string
	// SourceList is every source the rows cite, each once, numbered in
	// the order the rows first cite it: the list under the table. A
	// source in full in every row squeezed the table on a phone to rows
	// of a dozen lines.
	SourceList []*Source

	sources map[string]*Source // SourceList by text
}

// inRow is v, the view of f, as a cell of a row of t: where t lists
// each row's sources in a column of their own (by their numbers in the
// list under it), a figure whose record names its source does not say
// it again; one whose record names none says so, as the row does not.
func (t *Table) inRow(v *FigureView, f *data.Figure) *FigureView {
	if v != nil && t.Sources && f.Source != "" {
		v.Source = ""
	}
	return v
}

// Source is a source the rows of a table cite, listed once under it.
type Source struct {
	N    int    // its number in the list, from 1
	ID   string // its anchor: the table's id, "-source-", its number
	Text string
}

// cite sets the sources of r: each one's number in t's SourceList, a
// new one numbered after the others, and all of them as text.
func (t *Table) cite(r *Row, sources []string) {
	r.Sources = strings.Join(sources, "; ")
	for _, text := range sources {
		s := t.sources[text]
		if s == nil {
			n := len(t.SourceList) + 1
			s = &Source{N: n, ID: t.ID + "-source-" + strconv.Itoa(n), Text: text}
			if t.sources == nil {
				t.sources = make(map[string]*Source)
			}
			t.sources[text] = s
			t.SourceList = append(t.SourceList, s)
		}
		r.SourceRefs = append(r.SourceRefs, s)
	}
	// "1, 2", as a reader looks them up in the list.
	slices.SortFunc(r.SourceRefs, func(a, b *Source) int { return a.N - b.N })
}

// Column is a column header: its label, and the name of the figure or
// record key it holds, for the title of the header.
type Column struct {
	Label, Name string
	// Cite is the start of what the citation of each of the column's
	// own figures says of it ("“Kết nạp đảng viên: Chi bộ Đội 107”"),
	// said once here rather than in the "#" link of every figure.
	Cite string
}

// shareCites moves the start that the citations of a column's own
// figures share (FigureView.Cite, every count of every row) to the
// column's heading: the figure's citation names its figure and subject
// first, the same for the whole column. It is cut after the title's
// closing quote where the shared start has one.
func (t *Table) shareCites() {
	for i := range t.Columns {
		var cites []*string
		for _, r := range t.Rows {
			if i >= len(r.Cells) || r.Cells[i] == nil {
				continue
			}
			for _, v := range append(slices.Clip(r.Cells[i].Earlier), r.Cells[i]) {
				cites = append(cites, &v.Cite)
			}
		}
		if len(cites) == 0 {
			continue
		}
		shared := *cites[0]
		for _, c := range cites[1:] {
			n := 0
			for n < len(shared) && n < len(*c) && shared[n] == (*c)[n] {
				n++
			}
			shared = shared[:n]
		}
		if j := strings.LastIndex(shared, "”"); j >= 0 {
			shared = shared[:j+len("”")]
		}
		for !utf8.ValidString(shared) {
			shared = shared[:len(shared)-1]
		}
		if shared == "" {
			continue
		}
		t.Columns[i].Cite = shared
		for _, c := range cites {
			*c = (*c)[len(shared):]
		}
	}
}

// Row is one row of a Table.
type Row struct {
	Class    string
	Head     string
	Href     string // the row header's link, or ""
	Datetime string // the row header is a day: its ISO form
	Cells    []*FigureView
	// Sources are the sources of the row's figures, as text ("a; b");
	// SourceRefs the same, each as its table's SourceList numbers it.
	Sources    string
	SourceRefs []*Source
}

// columns are the headers of figure columns, by figure name.
func (p *Page) columns(names ...string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		out[i] = Column{Label: p.T("col." + n), Name: n}
	}
	return out
}

// sources are the distinct sources of figures, for a row's source cell.
func sources(figs []*data.Figure) []string {
	var out []string
	for _, f := range figs {
		if f != nil && f.Source != "" && !slices.Contains(out, f.Source) {
			out = append(out, f.Source)
		}
	}
	return out
}
