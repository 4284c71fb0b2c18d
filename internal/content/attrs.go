package content

import (
	"github.com/yuin/goldmark/ast"
)

// Figures where Markdown has no place for the figure's element: an
// image's alt text is plain text, and gets the figure's formatted text.

// figuresInAttributes runs once every figure of the text is resolved. It
// gives a figure in an image's alt text its formatted text.
func (t *articleTransformer) figuresInAttributes(figs []*Figure) {
	for _, f := range figs {
		if f.Formatted != "" && insideImage(f) {
			// goldmark writes alt from the text of an image's children.
			s := ast.NewString([]byte(f.Formatted))
			s.SetRaw(true) // written as is, HTML-escaped
			f.Parent().ReplaceChild(f.Parent(), f, s)
		}
	}
}

func insideImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Image); ok {
			return true
		}
	}
	return false
}
