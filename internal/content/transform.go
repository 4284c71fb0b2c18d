package content

import (
	"bytes"
	"errors"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"

	"sitegen/internal/data"
)

// articleTransformer runs once the whole article is parsed: it decodes
// the front matter (the article's date decides which figures it may
// cite), resolves every figure, places the charts and drops unsafe links.
type articleTransformer struct {
	l *loader // its data, and the questions asked of them
}

func (t *articleTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return // not parsed by Load: nothing to check against
	}
	st.decodeFrontMatter(frontmatter.Get(pc), t.l)

	var figs []*Figure
	var charts []*ChartRef
	var links []ast.Node
	var defs []*ast.LinkReferenceDefinition
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Figure:
			figs = append(figs, n)
		case *ChartRef:
			charts = append(charts, n)
		case *ast.Link, *ast.AutoLink, *ast.Image:
			links = append(links, n)
		case *ast.LinkReferenceDefinition:
			defs = append(defs, n)
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				warnHTML(st, n.Segments.At(0).Start)
			}
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				warnHTML(st, n.Lines().At(0).Start)
			}
		}
		return ast.WalkContinue, nil
	})
	// One slice of the right size: a large site cites hundreds of
	// thousands of figures, and doubling as they come wastes a third.
	if len(figs) > 0 {
		st.figures = make([]data.Figure, 0, len(figs))
	}
	for _, f := range figs {
		t.resolve(st, f)
	}
	t.figuresInAttributes(st, reader.Source(), figs, links, defs)
	others := map[*ast.Paragraph]int{}
	for _, c := range charts {
		t.chart(st, doc, c, others)
	}
	for _, l := range links {
		checkLink(st, l, reader.Source())
	}
}

// warnHTML tells the author that raw HTML was left out, so that a
// missing piece of the page is not a surprise; comments are left out
// silently, as they are meant to be.
func warnHTML(st *articleState, at int) {
	// An HTML block's lines start at the margin, its indent included.
	for at < len(st.src) && (st.src[at] == ' ' || st.src[at] == '\t') {
		at++
	}
	rest := st.src[at:]
	if !bytes.HasPrefix(rest, []byte("<!--")) {
		st.warn(at, "content.html", nil, "content.html.help")
		return
	}
	// A comment is dropped in silence, but not the text after it on its
	// line: CommonMark ends the comment's block at the end of that line,
	// so "<!-- x -->*bar*" would lose "*bar*" without a word.
	end := bytes.Index(rest, []byte("-->"))
	if end < 0 {
		return
	}
	after := rest[end+3:]
	if nl := bytes.IndexByte(after, '\n'); nl >= 0 {
		after = after[:nl]
	}
	if len(bytes.TrimSpace(after)) > 0 {
		st.warn(at+end+3+len(after)-len(bytes.TrimLeft(after, " \t")), "content.html.after_comment", nil, "content.html.after_comment.help")
	}
}

// on is the day the article sees the data on; zero (everything) when
// its date is missing or wrong, which is reported on its own.
func (st *articleState) on() data.Date {
	if !st.fm.HasDate {
		return data.Date{}
	}
	return dayOf(st.fm.Date)
}

// resolve checks one figure reference and, when it is right, fills in
// what the renderer writes.
func (t *articleTransformer) resolve(st *articleState, n *Figure) {
	ref, at := n.Ref, n.Offset
	switch ref.Err {
	case "":
	case "content.fig.unclosed":
		st.report(at, ref.Err, nil, "content.fig.syntax.help")
		return
	case "content.fig.period":
		st.report(at, ref.Err, []any{ref.ErrArg}, "content.fig.period.help")
		return
	default:
		st.report(at, ref.Err, []any{ref.ErrArg}, "content.fig.syntax.help")
		return
	}
	name, ok := data.LookupName(ref.Name)
	if !ok {
		all := data.NamesOf(data.OfCell)
		all = append(all, data.NamesOf(data.OfReferrer)...)
		st.reportSuggest(at, "content.fig.name", []any{ref.Name}, "content.fig.name.help", []any{strings.Join(all, ", ")}, ref.Name, all)
		return
	}
	if t.l.broken(st, ref.Name, ref.Subject) {
		st.leaveUnchecked(at)
		return
	}
	if !t.subjectExists(st, at, name.Subject, ref.Subject) {
		return
	}
	q := data.Query{Name: ref.Name, Subject: ref.Subject, Period: ref.Period, On: st.on()}
	f, err := t.l.figure(st, q)
	if err != nil {
		st.figureError(at, q, err)
		return
	}
	if f.Partial() {
		st.report(at, "content.fig.missing", []any{ref.Name, ref.Subject, ref.Period.String(), strings.Join(f.Missing, ", ")}, "content.fig.missing.help", ref.Subject)
		return
	}
	n.Formatted = f.Text(st.loc)
	n.Index = len(st.figures)
	st.figures = append(st.figures, f)
}

// subjectExists reports whether the cell or referrer a figure or chart
// is about exists, and reports it where it does not.
func (t *articleTransformer) subjectExists(st *articleState, at int, s data.Subject, id string) bool {
	if s == data.OfReferrer {
		if !t.l.hasReferrer(st, id) {
			st.reportSuggest(at, "content.fig.referrer", []any{id}, "content.fig.referrer.help", nil, id, referrerIDs(t.l.data))
			return false
		}
		return true
	}
	if !t.l.hasCell(st, id) {
		st.reportSuggest(at, "content.fig.cell", []any{id}, "content.fig.cell.help", nil, id, cellIDs(t.l.data))
		return false
	}
	return true
}

// figureError reports why the data gave no figure for q at offset at.
func (st *articleState) figureError(at int, q data.Query, err error) {
	what := []any{q.Name, q.Subject, q.Period.String()}
	var fe *data.FigureError
	if !errors.As(err, &fe) {
		st.report(at, "content.fig.none", what, "content.fig.none.help")
		return
	}
	switch fe.Code {
	case data.ErrNotYetKnown:
		st.report(at, "content.fig.notyet", append(what, st.isoDay(fe.Arg), st.loc.Date(q.On.Year, q.On.Month, q.On.Day)), "content.fig.notyet.help")
	case data.ErrNoTarget:
		st.report(at, "content.fig.notarget", []any{q.Subject, q.Period.String()}, "content.fig.notarget.help")
	case data.ErrNotOpen:
		st.report(at, "content.fig.notopen", []any{q.Subject, q.Period.String(), fe.Arg}, "content.fig.notopen.help")
	case data.ErrPartial:
		st.report(at, "content.fig.missing", append(what, strings.Join(fe.Missing, ", ")), "content.fig.missing.help", q.Subject)
	default:
		st.report(at, "content.fig.none", what, "content.fig.none.help")
	}
}

// isoDay formats a day given as 2018-11-15 in the site's language.
func (st *articleState) isoDay(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return st.loc.Date(t.Year(), t.Month(), t.Day())
}

// chart checks a chart reference and, when it stands alone in a
// top-level paragraph, puts a ChartBlock in the paragraph's place.
// others counts, per paragraph, what in it is not blank text, so that a
// paragraph of many charts is read once.
func (t *articleTransformer) chart(st *articleState, doc *ast.Document, n *ChartRef, others map[*ast.Paragraph]int) {
	ref, at := n.Ref, n.Offset
	ok := true
	k, known := data.LookupChart(ref.Name)
	switch {
	case ref.Err == "content.fig.period":
		st.report(at, ref.Err, []any{ref.ErrArg}, "content.fig.period.help")
		ok = false
	case ref.Err != "":
		st.report(at, ref.Err, []any{ref.ErrArg}, "content.fig.syntax.help")
		ok = false
	case !known:
		kinds := data.ChartKindNames()
		st.reportSuggest(at, "content.chart.kind", []any{ref.Name}, "content.chart.kind.help", []any{strings.Join(kinds, ", ")}, ref.Name, kinds)
		ok = false
	default:
		broken := t.l.brokenChart(st, ref.Name, ref.Subject)
		if broken {
			st.leaveUnchecked(at)
		}
		ok = !broken && t.subjectExists(st, at, k.Subject, ref.Subject)
		hasYear := ref.Period != data.Period{}
		if k.Year && !hasYear {
			st.report(at, "content.chart.year", []any{ref.Name}, "content.chart.year.help", ref.Name, ref.Subject)
			ok = false
		}
		if !k.Year && hasYear {
			st.report(at, "content.chart.noyear", []any{ref.Name}, "content.chart.noyear.help", ref.Name, ref.Subject)
			ok = false
		}
		if ok {
			ok = t.chartDrawable(st, at, data.ChartQuery{Kind: ref.Name, Subject: ref.Subject, Year: ref.Period.From, On: st.on()})
		}
	}
	para, alone := n.Parent().(*ast.Paragraph)
	if alone && para.Parent() == ast.Node(doc) {
		count, seen := others[para]
		if !seen {
			for c := para.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, isText := c.(*ast.Text); !isText || len(bytes.TrimSpace(tx.Segment.Value(st.src))) > 0 {
					count++
				}
			}
			others[para] = count
		}
		alone = count == 1 // the chart itself
	} else {
		alone = false
	}
	if !alone {
		st.report(at, "content.chart.alone", nil, "content.chart.alone.help")
		return
	}
	if !ok {
		return
	}
	block := &ChartBlock{Chart: Chart{Kind: ref.Name, Subject: ref.Subject, Year: ref.Period.From, On: st.on()}}
	doc.ReplaceChild(doc, para, block)
}

// chartDrawable reports whether the chart has something to draw as its
// article sees the data, and reports it where it has not: a chart that
// would draw nothing must not vanish from the page without a word.
func (t *articleTransformer) chartDrawable(st *articleState, at int, q data.ChartQuery) bool {
	err := t.l.chart(st, q)
	if err == nil {
		return true
	}
	what := []any{q.Kind, q.Subject}
	var fe *data.FigureError
	if errors.As(err, &fe) && fe.Code == data.ErrNotYetKnown {
		st.report(at, "content.chart.notyet", append(what, st.loc.Date(q.On.Year, q.On.Month, q.On.Day), st.isoDay(fe.Arg)), "content.chart.notyet.help")
	} else {
		st.report(at, "content.chart.none", what, "content.chart.none.help")
	}
	return false
}
