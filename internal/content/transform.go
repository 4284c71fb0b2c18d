package content

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"

	"sitegen/internal/data"
)

// cellFigureNames are the figure names whose subject is a cell.
var cellFigureNames = append(slices.Clone(data.AdmissionCounts), data.NameMembers, data.NameUnits, data.NameTarget, data.NameAchieved)

// referrerFigureNames are the figure names whose subject is a referrer.
var referrerFigureNames = []string{data.NameReferred, data.NameReferralAdmitted, data.NameConversion}

// Chart kinds, as `{{ chart KIND … }}` names them.
const (
	ChartAdmissions = "admissions"
	ChartMembers    = "members"
	ChartReferrals  = "referrals"
	ChartCells      = "cells"
)

var chartKinds = []string{ChartAdmissions, ChartMembers, ChartReferrals, ChartCells}

// articleTransformer runs once the whole article is parsed: it decodes
// the front matter (the article's date decides which figures it may
// cite), resolves every figure, places the charts and drops unsafe links.
type articleTransformer struct {
	data *data.Data
}

func (t *articleTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return // not parsed by Load: nothing to check against
	}
	st.decodeFrontMatter(frontmatter.Get(pc), t.data)

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
	for _, c := range charts {
		t.chart(st, doc, c)
	}
	for _, l := range links {
		checkLink(st, l, reader.Source())
	}
}

// warnHTML tells the author that raw HTML was left out, so that a
// missing piece of the page is not a surprise; comments are left out
// silently, as they are meant to be.
func warnHTML(st *articleState, at int) {
	if bytes.HasPrefix(st.src[at:], []byte("<!--")) {
		return
	}
	st.warn(at, "content.html", nil, "content.html.help")
}

// known is the day the article sees the data on; zero (everything) when
// its date is missing or wrong, which is reported on its own.
func (st *articleState) known() data.Date {
	if !st.fm.HasDate {
		return data.Date{}
	}
	return knownDay(st.fm.Date)
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
	var page string
	switch {
	case slices.Contains(cellFigureNames, ref.Name):
		if t.data.Cell(ref.Subject) == nil {
			st.reportSuggest(at, "content.fig.cell", []any{ref.Subject}, "content.fig.cell.help", nil, ref.Subject, cellIDs(t.data))
			return
		}
		page = "don-vi"
	case slices.Contains(referrerFigureNames, ref.Name):
		if t.data.Referrer(ref.Subject) == nil {
			st.reportSuggest(at, "content.fig.referrer", []any{ref.Subject}, "content.fig.referrer.help", nil, ref.Subject, referrerIDs(t.data))
			return
		}
		page = "gioi-thieu"
	default:
		all := append(slices.Clone(cellFigureNames), referrerFigureNames...)
		st.reportSuggest(at, "content.fig.name", []any{ref.Name}, "content.fig.name.help", []any{strings.Join(all, ", ")}, ref.Name, all)
		return
	}

	q := data.Query{Name: ref.Name, Subject: ref.Subject, Period: ref.Period, Known: st.known()}
	f, err := t.data.Figure(q)
	// what names the figure in a message; made only for one.
	what := func() []any { return []any{ref.Name, ref.Subject, ref.Period.String()} }
	if err != nil {
		var fe *data.FigureError
		if !errors.As(err, &fe) {
			st.report(at, "content.fig.none", what(), "content.fig.none.help")
			return
		}
		switch fe.Code {
		case data.ErrUnknownName:
			st.report(at, "content.fig.name", []any{ref.Name}, "content.fig.name.help", strings.Join(append(slices.Clone(cellFigureNames), referrerFigureNames...), ", "))
		case data.ErrUnknownSubject:
			key := "content.fig.cell"
			if page == "gioi-thieu" {
				key = "content.fig.referrer"
			}
			if fe.Arg != "" {
				st.report(at, key, []any{ref.Subject}, "content.did_you_mean", fe.Arg)
			} else {
				st.report(at, key, []any{ref.Subject}, key+".help")
			}
		case data.ErrNotYetKnown:
			st.report(at, "content.fig.notyet", append(what(), st.isoDay(fe.Arg), st.loc.Date(q.Known.Year, q.Known.Month, q.Known.Day)), "content.fig.notyet.help")
		case data.ErrNoTarget:
			st.report(at, "content.fig.notarget", []any{ref.Subject, ref.Period.String()}, "content.fig.notarget.help")
		default:
			st.report(at, "content.fig.none", what(), "content.fig.none.help")
		}
		return
	}
	if f.Sum && len(f.Missing) > 0 {
		st.report(at, "content.fig.missing", append(what(), strings.Join(f.Missing, ", ")), "content.fig.missing.help", ref.Subject)
		return
	}

	loc := st.loc
	switch f.Kind {
	case data.KindRange:
		n.Formatted = loc.Range(f.Min, f.Max)
		n.Raw = fmt.Sprint(f.Min)
		if f.Max != f.Min {
			n.Raw += "-" + fmt.Sprint(f.Max)
		}
	case data.KindPercent:
		n.Formatted = loc.PercentApprox(f.Tenths, string(f.Approx))
		n.Raw = fmt.Sprintf("%d.%d", f.Tenths/10, f.Tenths%10)
		n.Approx = f.Approx
	default:
		n.Formatted = loc.Count(f.Count.Value, string(f.Count.Approx))
		n.Raw = strconv.FormatInt(f.Count.Value, 10)
		n.Approx = f.Count.Approx
	}
	n.Href = "../../" + page + "/" + ref.Subject + "/index.html#" + ref.Name + "-" + ref.Period.String()
	var title []string
	if !f.AsOf.IsZero() {
		title = append(title, loc.T("content.fig.asof", loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day)))
	}
	if f.Source != "" {
		title = append(title, loc.T("content.fig.source", f.Source))
	}
	if f.Sum {
		title = append(title, loc.T("content.fig.coverage", f.Covered, f.Listed))
	}
	n.Title = strings.Join(title, " · ")
	st.figures = append(st.figures, f)
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
func (t *articleTransformer) chart(st *articleState, doc *ast.Document, n *ChartRef) {
	ref, at := n.Ref, n.Offset
	ok := true
	switch {
	case ref.Err == "content.fig.period":
		st.report(at, ref.Err, []any{ref.ErrArg}, "content.fig.period.help")
		ok = false
	case ref.Err != "":
		st.report(at, ref.Err, []any{ref.ErrArg}, "content.fig.syntax.help")
		ok = false
	case !slices.Contains(chartKinds, ref.Name):
		st.reportSuggest(at, "content.chart.kind", []any{ref.Name}, "content.chart.kind.help", nil, ref.Name, chartKinds)
		ok = false
	default:
		if ref.Name == ChartReferrals {
			if t.data.Referrer(ref.Subject) == nil {
				st.reportSuggest(at, "content.fig.referrer", []any{ref.Subject}, "content.fig.referrer.help", nil, ref.Subject, referrerIDs(t.data))
				ok = false
			}
		} else if t.data.Cell(ref.Subject) == nil {
			st.reportSuggest(at, "content.fig.cell", []any{ref.Subject}, "content.fig.cell.help", nil, ref.Subject, cellIDs(t.data))
			ok = false
		}
		hasYear := ref.Period != data.Period{}
		if ref.Name == ChartCells && !hasYear {
			st.report(at, "content.chart.year", nil, "content.chart.year.help", ref.Subject)
			ok = false
		}
		if ref.Name != ChartCells && hasYear {
			st.report(at, "content.chart.noyear", []any{ref.Name}, "content.chart.noyear.help", ref.Name, ref.Subject)
			ok = false
		}
	}
	para, alone := n.Parent().(*ast.Paragraph)
	if alone && para.Parent() == ast.Node(doc) {
		for c := para.FirstChild(); c != nil; c = c.NextSibling() {
			if c == ast.Node(n) {
				continue
			}
			if tx, isText := c.(*ast.Text); !isText || strings.TrimSpace(string(tx.Segment.Value(st.src))) != "" {
				alone = false
			}
		}
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
	block := &ChartBlock{Chart: Chart{Kind: ref.Name, Subject: ref.Subject, Year: ref.Period.From}}
	doc.ReplaceChild(doc, para, block)
}
