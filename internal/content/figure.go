package content

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/internal/data"
)

// KindFigure is the node kind of an inline {{ NAME SUBJECT PERIOD }}.
var KindFigure = ast.NewNodeKind("Figure")

// KindChartRef is the node kind of {{ chart KIND SUBJECT [YEAR] }} as the
// inline parser finds it; a transformer turns one that stands alone in a
// paragraph into a ChartBlock.
var KindChartRef = ast.NewNodeKind("ChartRef")

// KindChartBlock is the node kind of a chart standing in its own paragraph.
var KindChartBlock = ast.NewNodeKind("ChartBlock")

// Figure is an inline figure cited from the data.
type Figure struct {
	ast.BaseInline
	Ref    figureRef
	Offset int // of the {{ in the file

	// Set once the figure is resolved; empty while it is not (the
	// article then has an error, and nothing is written).
	Formatted string // formatted for the site's language: "trên 200"
	// Index is the figure's place in Article.Figures, where the page
	// stage finds it to write it with the site's figure template.
	Index int
}

func (n *Figure) Kind() ast.NodeKind { return KindFigure }

func (n *Figure) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Ref": n.Ref.String(), "Formatted": n.Formatted}, nil)
}

// ChartRef is a chart reference where the inline parser found it.
type ChartRef struct {
	ast.BaseInline
	Ref    figureRef
	Offset int
}

func (n *ChartRef) Kind() ast.NodeKind { return KindChartRef }

func (n *ChartRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Ref": n.Ref.String()}, nil)
}

// ChartBlock is a chart in its own paragraph; Load cuts the body there.
type ChartBlock struct {
	ast.BaseBlock
	Chart Chart
}

func (n *ChartBlock) Kind() ast.NodeKind { return KindChartBlock }

func (n *ChartBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.Chart.Kind, "Subject": n.Chart.Subject}, nil)
}

// figureRef is the text between {{ and }}, split into its parts.
type figureRef struct {
	Chart   bool
	Name    string // figure name, or the chart kind
	Subject string
	Period  data.Period // zero for a chart without a year
	Text    string      // as written, between the braces, trimmed
	// Err is the message key of a syntax error, "" when the text is well formed.
	Err    string
	ErrArg string
}

func (r figureRef) String() string { return "{{ " + r.Text + " }}" }

// parseFigureRef splits the text between {{ and }}. It never fails: a
// malformed reference comes back with Err set, so the caller can report
// it at its place.
func parseFigureRef(inner string) figureRef {
	f := strings.Fields(inner)
	r := figureRef{Text: strings.Join(f, " ")}
	bad := func(key, arg string) figureRef {
		r.Err, r.ErrArg = key, arg
		return r
	}
	if len(f) > 0 && f[0] == "chart" {
		r.Chart = true
		if len(f) != 3 && len(f) != 4 {
			return bad("content.fig.syntax", r.Text)
		}
		r.Name, r.Subject = f[1], f[2]
		if len(f) == 4 {
			p, ok := parsePeriod(f[3])
			if !ok || !p.IsYear() {
				return bad("content.fig.period", f[3])
			}
			r.Period = p
		}
		return r
	}
	if len(f) != 3 {
		return bad("content.fig.syntax", r.Text)
	}
	r.Name, r.Subject = f[0], f[1]
	p, ok := parsePeriod(f[2])
	if !ok {
		return bad("content.fig.period", f[2])
	}
	r.Period = p
	return r
}

// parsePeriod reads "2017" or "2010-2015" (both years in 1930–2100, the
// first before the second).
func parsePeriod(s string) (data.Period, bool) {
	from, to, span := strings.Cut(s, "-")
	y1, ok1 := parseYear(from)
	if !span {
		return data.Year(y1), ok1
	}
	y2, ok2 := parseYear(to)
	if !ok1 || !ok2 || y1 >= y2 {
		return data.Period{}, false
	}
	return data.Period{From: y1, To: y2}, true
}

func parseYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(s)
	return y, y >= 1930 && y <= 2100
}

// figureParser finds {{ … }} in inline text. Escaped braces (\{{) and
// code never reach it: goldmark handles them first, by CommonMark rules.
type figureParser struct{}

func (figureParser) Trigger() []byte { return []byte{'{'} }

func (figureParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	// A line of many {{ and no }} would be searched to its end at each
	// of them: remember where a search found none, and search no more.
	none := pc.ComputeIfAbsent(unclosedKey, func() any { return &unclosed{} }).(*unclosed)
	end := -1
	if seg.Stop != none.stop || seg.Start+2 < none.from {
		if end = bytes.Index(line[2:], []byte("}}")); end < 0 {
			none.from, none.stop = seg.Start+2, seg.Stop
		}
	}
	if end < 0 {
		// Consume only the braces: the rest of the line is still text.
		block.Advance(2)
		n := &Figure{Ref: figureRef{Text: "{{", Err: "content.fig.unclosed"}, Offset: seg.Start}
		return n
	}
	ref := parseFigureRef(string(line[2 : 2+end]))
	block.Advance(2 + end + 2)
	if ref.Chart {
		return &ChartRef{Ref: ref, Offset: seg.Start}
	}
	return &Figure{Ref: ref, Offset: seg.Start}
}

// unclosed is where the figure parser last found no }}: none is in the
// file from from to stop, the end of that line.
type unclosed struct{ from, stop int }

var unclosedKey = parser.NewContextKey()

// figureHTML writes a resolved figure as a link to where the figure is
// published, carrying its raw value. Every piece of text is escaped.
type figureHTML struct{}

func (figureHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, renderFigure)
	reg.Register(KindChartRef, renderNothing)
	reg.Register(KindChartBlock, renderNothing)
}

// renderFigure leaves a mark where a resolved figure stands; Load cuts
// the rendered body there, so that the page stage writes every figure
// with the one template that writes figures on every page. The mark is
// NUL-delimited: an article never holds NUL (Load refuses it), so the
// mark cannot be forged by its text.
func renderFigure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*Figure)
	if n.Formatted == "" {
		return ast.WalkSkipChildren, nil
	}
	w.WriteByte(0)
	w.WriteString(strconv.Itoa(n.Index))
	// A link cannot hold another: inside the author's link text the
	// figure keeps its value but not its own link.
	if insideLink(n) {
		w.WriteByte(markInLink)
	}
	w.WriteByte(0)
	return ast.WalkSkipChildren, nil
}

// markInLink follows a figure's index in its mark when it stands in a link.
const markInLink = 'L'

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// figures is the goldmark extension for {{ … }}: the inline parser, the
// transformer that checks and resolves every reference against the data
// as of the article's date, and the renderer.
type figures struct {
	l *loader
}

func (e *figures) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(figureParser{}, 100)),
		parser.WithASTTransformers(util.Prioritized(&articleTransformer{l: e.l}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figureHTML{}, 100)))
}
