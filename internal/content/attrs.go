package content

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Figures where Markdown has no place for the figure's element: an
// image's alt text and a link's title are plain text, and get the
// figure's formatted text. Neither lets {{ through.

var openFig, closeFig = []byte("{{"), []byte("}}")

// figuresInAttributes runs once every figure of the text is resolved. It
// gives a figure in an image's alt text its formatted text, and resolves
// the figures in link titles (inline, or in a reference definition,
// checked once there).
func (t *articleTransformer) figuresInAttributes(st *articleState, src []byte, figs []*Figure, links []ast.Node, defs []*ast.LinkReferenceDefinition) {
	for _, f := range figs {
		if f.Formatted != "" && insideImage(f) {
			// goldmark writes alt from the text of an image's children.
			s := ast.NewString([]byte(f.Formatted))
			s.SetRaw(true) // written as is, HTML-escaped
			f.Parent().ReplaceChild(f.Parent(), f, s)
		}
	}

	// A reference link takes the title of the first definition of its label.
	titles := map[string][]byte{}
	for _, d := range defs {
		title := d.Title
		if bytes.Contains(title, openFig) && !titleInside(src, d) {
			// goldmark takes a title from the line after a definition even
			// when text follows it on that line; CommonMark makes that line
			// a paragraph, and its figures are checked there, once.
			title = nil
		}
		title = t.titleFigures(st, src, title, afterAddress(src, d.Destination, d.Pos()))
		key := util.ToLinkReference(d.Label)
		if _, seen := titles[key]; !seen {
			titles[key] = title
		}
	}
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			t.linkAttributes(st, src, n.Pos(), n.Destination, &n.Title, n.Reference, titles)
		case *ast.Image:
			t.linkAttributes(st, src, n.Pos(), n.Destination, &n.Title, n.Reference, titles)
		}
	}
}

// linkAttributes resolves the figures in the title of a link or an image
// that stands at at.
func (t *articleTransformer) linkAttributes(st *articleState, src []byte, at int, dest []byte, title *[]byte, ref *ast.ReferenceLink, titles map[string][]byte) {
	if ref != nil {
		if def, ok := titles[util.ToLinkReference(ref.Value)]; ok {
			*title = def // checked at the definition
			return
		}
	}
	*title = t.titleFigures(st, src, *title, afterAddress(src, dest, at))
}

// titleFigures returns a link title with each {{ … }} replaced by the
// figure's formatted text, resolved like any figure of the text and
// reported at its place; from is where to look for the title in the
// file. The title is then written by goldmark, which reads backslash
// escapes and entities: \{{ stays a literal {{, and the figure's text is
// escaped so that it is written as it is.
func (t *articleTransformer) titleFigures(st *articleState, src, title []byte, from int) []byte {
	if !bytes.Contains(title, openFig) {
		return title
	}
	place := titlePlaces(src, title, from)
	out := make([]byte, 0, len(title))
	for i := 0; i < len(title); {
		switch {
		case title[i] == '\\' && i+1 < len(title) && util.IsPunct(title[i+1]):
			out = append(out, title[i:i+2]...)
			i += 2
		case bytes.HasPrefix(title[i:], openFig):
			line := title[i+2:]
			if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
				line = line[:nl]
			}
			end := bytes.Index(line, closeFig)
			if end < 0 {
				// As in the text: the braces are dropped, the rest stays.
				t.resolve(st, &Figure{Ref: figureRef{Text: "{{", Err: "content.fig.unclosed"}, Offset: place(i)})
				i += 2
				continue
			}
			ref := parseFigureRef(string(line[:end]))
			if ref.Chart {
				st.report(place(i), "content.chart.alone", nil, "content.chart.alone.help")
			} else {
				f := &Figure{Ref: ref, Offset: place(i)}
				t.resolve(st, f)
				out = escapeTitle(out, f.Formatted)
			}
			i += 2 + end + 2
		default:
			out = append(out, title[i])
			i++
		}
	}
	return out
}

// titleInside reports whether a definition's title is written in the
// definition's own lines, closing it.
func titleInside(src []byte, d *ast.LinkReferenceDefinition) bool {
	n := d.Lines().Len()
	if n == 0 {
		return false
	}
	seg := d.Lines().At(n - 1)
	last := bytes.TrimRight(seg.Value(src), " \t\r\n")
	lines := bytes.SplitAfter(d.Title, []byte("\n"))
	return len(last) > 0 && bytes.HasSuffix(last[:len(last)-1], lines[len(lines)-1])
}

// escapeTitle appends s to a title so that goldmark writes it as it is.
func escapeTitle(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == '&' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return out
}

// titlePlaces maps a byte of a title to its offset in the file. goldmark
// keeps no position for a title, but a title is made of pieces of its
// lines, in order, after the address (at from): each line of it is found
// there. A line not found (never expected) is placed at from.
func titlePlaces(src, title []byte, from int) func(int) int {
	lines := bytes.SplitAfter(title, []byte("\n"))
	starts := make([]int, len(lines)) // in the title
	offs := make([]int, len(lines))   // in the file
	pos, start := max(from, 0), 0
	for k, l := range lines {
		starts[k], offs[k] = start, -1
		start += len(l)
		if len(bytes.TrimSpace(l)) == 0 || pos > len(src) {
			continue
		}
		if j := bytes.Index(src[pos:], l); j >= 0 {
			offs[k] = pos + j
			pos += j + len(l)
		}
	}
	return func(i int) int {
		k := sort.Search(len(starts), func(k int) bool { return starts[k] > i }) - 1
		if offs[k] < 0 {
			return from
		}
		return offs[k] + i - starts[k]
	}
}

// afterAddress is the offset in the file just after a link's address, or
// at when it is not known.
func afterAddress(src, dest []byte, at int) int {
	if off, ok := offsetIn(src, dest); ok {
		return off + len(dest)
	}
	return at
}

// offsetIn is where b starts in src when b is a piece of src itself, as
// goldmark hands out a link's address and an autolink's text; ok is false
// when b is a copy. The capacities of two slices of one array both reach
// its end, so their difference is the offset; the address of the byte
// there proves that b is that slice.
func offsetIn(src, b []byte) (int, bool) {
	off := cap(src) - cap(b)
	if cap(b) == 0 || off < 0 || off >= len(src) {
		return 0, false
	}
	return off, &src[off] == &b[:1][0]
}

func insideImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Image); ok {
			return true
		}
	}
	return false
}
