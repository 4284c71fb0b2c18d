package content

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Figures where Markdown has no place for the figure's element: an
// image's alt text and a link's title are plain text, and an address is
// no text at all. The first two get the figure's formatted text; a
// figure in an address is an error at its {{. None lets {{ through.

// Linkify's patterns for a bare address: goldmark's own
// (extension/linkify.go, v1.8.7), except that an address stops before {{,
// so that a figure written against an address is read as a figure (and
// reported) instead of being swallowed into the link. A single { is
// still part of an address, but for its last character.
const (
	urlPathChar = `[-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^}\[\]` + "`" + `]`
	wwwPathChar = `[-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^}\[\]` + "`" + `]`
)

var (
	linkifyURL = regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?](?:` +
		urlPathChar + `|\{` + urlPathChar + `)*)?`)
	linkifyWWW = regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?](?:` +
		wwwPathChar + `|\{` + wwwPathChar + `)*)?`)
)

var openFig, closeFig, newline = []byte("{{"), []byte("}}"), []byte("\n")

// figuresInAttributes runs once every figure of the text is resolved. It
// gives a figure in an image's alt text its formatted text, resolves the
// figures in link titles (inline, or in a reference definition, checked
// once there), and reports a figure inside an address or written right
// against one.
func (t *articleTransformer) figuresInAttributes(st *articleState, src []byte, figs []*Figure, links []ast.Node, defs []*ast.LinkReferenceDefinition) {
	inAddress := st.inAddresses(src, figs)
	for i, f := range figs {
		if inAddress[i] {
			st.report(f.Offset, "content.fig.url", nil, "content.fig.url.help")
		}
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
		checkAddress(st, src, d.Destination, d.Pos())
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
		case *ast.AutoLink:
			checkAddress(st, src, n.Label(src), nodeOffset(n))
		case *ast.Link:
			t.linkAttributes(st, src, n.Pos(), n.Destination, &n.Title, n.Reference, titles)
		case *ast.Image:
			t.linkAttributes(st, src, n.Pos(), n.Destination, &n.Title, n.Reference, titles)
		}
	}
}

// linkAttributes checks the address of a link or an image that stands at
// at, and resolves the figures in its title.
func (t *articleTransformer) linkAttributes(st *articleState, src []byte, at int, dest []byte, title *[]byte, ref *ast.ReferenceLink, titles map[string][]byte) {
	if ref != nil {
		if def, ok := titles[util.ToLinkReference(ref.Value)]; ok {
			*title = def // checked at the definition
			return
		}
	}
	checkAddress(st, src, dest, at)
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
	// The next }} and the next new line at or after a place, each found
	// again only once passed: a title of many {{ is read once.
	next := func(at *int, from int, sep []byte) int {
		if *at < from {
			if j := bytes.Index(title[from:], sep); j >= 0 {
				*at = from + j
			} else {
				*at = len(title)
			}
		}
		return *at
	}
	closeAt, nlAt := -1, -1
	for i := 0; i < len(title); {
		switch {
		case title[i] == '\\' && i+1 < len(title) && util.IsPunct(title[i+1]):
			out = append(out, title[i:i+2]...)
			i += 2
		case bytes.HasPrefix(title[i:], openFig):
			line := title[i+2 : next(&nlAt, i+2, newline)]
			end := next(&closeAt, i+2, closeFig) - (i + 2)
			if end >= len(line) {
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

// checkAddress reports a {{ in the address of a link, an image or an
// autolink at its place (at, the link's, when the place is not known).
// \{{ is a literal {{, written %7B%7B in the page.
func checkAddress(st *articleState, src, dest []byte, at int) {
	for i := 0; i+1 < len(dest); i++ {
		if dest[i] == '\\' && util.IsPunct(dest[i+1]) {
			i++
			continue
		}
		if dest[i] == '{' && dest[i+1] == '{' {
			if off, ok := offsetIn(src, dest); ok {
				at = off + i
			}
			st.report(at, "content.fig.url", nil, "content.fig.url.help")
			return
		}
	}
}

// inAddresses reports, for each figure, whether it is written into an
// address: against an autolink (https://a.vn/{{ … }}, whose address
// stops before the {{), or where a link's or a definition's address goes
// ([x](/a/{{ … }}), [x]: /a/{{ … }}), which the figure's spaces leave as
// text. It reads the text once, in the order of the figures in the file,
// keeping what it needs of the word each figure is glued to, so that a
// long line or a long word of figures costs no more per figure.
func (st *articleState) inAddresses(src []byte, figs []*Figure) []bool {
	out := make([]bool, len(figs))
	order := make([]int, len(figs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return figs[order[a]].Offset < figs[order[b]].Offset })
	w := word{link: -1, colon: -1, def: -1, lineStart: -1}
	for _, i := range order {
		f := figs[i]
		if al, ok := f.PreviousSibling().(*ast.AutoLink); ok && addressEnd(src, al) == f.Offset {
			out[i] = true
			continue
		}
		w.readTo(src, f.Offset)
		out[i] = w.inAddress(st, src)
	}
	return out
}

// word is what is known of the text before at: the word that ends
// there (at start; an empty word when at follows a blank) and the
// markup in it that may begin an address.
type word struct {
	at, start int
	link      int  // the last "](" in the word, -1 for none
	closed    bool // a ")" follows it in the word
	colon     int  // the first "]:" in the word, -1 for none
	def       int  // whether that "]:" (or one right before the word) ends a definition's label: 1 yes, 0 no, -1 not known yet
	// firstText is where the first character that is not a block
	// marker is on the line that begins at lineStart.
	lineStart, firstText int
}

func (w *word) readTo(src []byte, to int) {
	for ; w.at < to; w.at++ {
		switch c := src[w.at]; {
		case util.IsSpace(c):
			w.start, w.link, w.closed, w.colon, w.def = w.at+1, -1, false, -1, -1
		case c == '(' && w.at > w.start && src[w.at-1] == ']':
			w.link, w.closed = w.at-1, false
		case c == ')':
			w.closed = true
		case c == ':' && w.at > w.start && src[w.at-1] == ']' && w.colon < 0:
			w.colon, w.def = w.at-1, -1
		}
	}
}

// inAddress reports whether the figure at w.at is in an address.
func (w *word) inAddress(st *articleState, src []byte) bool {
	if w.link >= 0 && !w.closed {
		return true
	}
	if w.at == w.start {
		return false // "[1]: {{ … }}" is text: no address is begun
	}
	if w.def < 0 {
		w.def = 0
		if w.definition(st, src) {
			w.def = 1
		}
	}
	return w.def == 1
}

// definition reports whether the word is a definition's address: the
// "]:" in it, or right before it, ends a label that only block markers
// (quotes, list items) precede on its line.
func (w *word) definition(st *articleState, src []byte) bool {
	colon := w.colon
	if colon < 0 {
		rest := bytes.TrimRight(src[:w.start], " \t")
		if !bytes.HasSuffix(rest, []byte("]:")) {
			return false
		}
		colon = len(rest) - 2
	}
	// The label's [ is the last one before the colon, a label has at most
	// 999 characters and holds no ]: look back to the first bracket.
	open := -1
	for i := colon - 1; i >= max(0, colon-1000); i-- {
		if src[i] == ']' {
			return false
		}
		if src[i] == '[' {
			open = i
			break
		}
	}
	if open < 0 {
		return false
	}
	label := src[open+1 : colon]
	if len(bytes.TrimSpace(label)) == 0 || label[0] == '^' {
		return false // not a label, or a footnote's
	}
	lineStart := st.lines[sort.Search(len(st.lines), func(i int) bool { return st.lines[i] > open })-1]
	if lineStart != w.lineStart {
		w.lineStart, w.firstText = lineStart, lineStart
		for w.firstText < len(src) && strings.IndexByte(" \t>-+*.)0123456789", src[w.firstText]) >= 0 {
			w.firstText++
		}
	}
	return w.firstText >= open
}

// afterAddress is the offset in the file just after a link's address, or
// at when it is not known.
func afterAddress(src, dest []byte, at int) int {
	if off, ok := offsetIn(src, dest); ok {
		return off + len(dest)
	}
	return at
}

// addressEnd is the offset just after the text of an autolink, -1 when
// it is not known.
func addressEnd(src []byte, al *ast.AutoLink) int {
	label := al.Label(src)
	if off, ok := offsetIn(src, label); ok {
		return off + len(label)
	}
	return -1
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
