package search

import (
	"strings"

	"golang.org/x/net/html"

	"sitegen/internal/address"
	"sitegen/internal/content"
	"sitegen/internal/site"
)

// Build indexes the site of m: its articles (newest first), cells (in
// tree order), referrers and years, in that order, which is also the
// order of documents that score alike.
func Build(m *site.Model) *Index {
	loc := m.Locale
	bd := NewBuilder()
	var body strings.Builder
	for _, a := range m.Articles {
		body.Reset()
		articleText(&body, a, m)
		d := a.Date
		text := body.String()
		doc := Doc{Kind: Article, Title: a.Title, Path: address.Article(a.Slug), Date: loc.Date(d.Year(), d.Month(), d.Day()), Text: a.Summary}
		if strings.Contains(text, a.Summary) {
			// The summary is the first paragraph: its words once.
			bd.Add(doc, text)
		} else {
			bd.Add(doc, a.Summary, text)
		}
	}
	for _, c := range m.Cells {
		var text []string
		text = append(text, loc.T("kind."+c.Kind))
		if c.Enterprise != "" {
			text = append(text, loc.T("cell.enterprise")+": "+c.Enterprise)
		}
		if len(c.FormerNames) > 0 {
			text = append(text, loc.T("cell.former_names")+": "+strings.Join(c.FormerNames, "; "))
		}
		t := strings.Join(text, " · ")
		bd.Add(Doc{Kind: Cell, Title: c.Name, Path: address.Cell(c.ID), Text: t}, t)
		bd.AddName(c.Name, address.Cell(c.ID), c.FormerNames)
	}
	for _, r := range m.Referrers {
		t := loc.T("referrer.kind." + r.Kind)
		bd.Add(Doc{Kind: Referrer, Title: r.Name, Path: address.Referrer(r.ID), Text: t}, t)
	}
	for _, y := range m.Years {
		bd.Add(Doc{Kind: Year, Title: loc.T("year.title", loc.Year(y)), Path: address.Year(y)})
	}
	return bd.Finish()
}

// articleText writes the text of an article's body as a reader sees it:
// the text of its HTML, and each figure as the page shows it.
func articleText(w *strings.Builder, a *content.Article, m *site.Model) {
	for _, s := range a.Body {
		switch {
		case s.Figure != nil:
			w.WriteString(s.Figure.Text(m.Locale))
		case s.HTML != "":
			htmlText(w, string(s.HTML))
		}
	}
}

// inline are the tags goldmark writes inside a run of text: a word may
// go on across them (**đảng** viên, đả**ng**).
var inline = map[string]bool{"a": true, "em": true, "strong": true, "code": true, "del": true, "data": true, "small": true, "abbr": true, "sub": true, "sup": true}

// htmlText writes the text of a piece of goldmark's HTML, a space in
// place of each other tag so that words of two cells or items stay apart.
func htmlText(w *strings.Builder, src string) {
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			w.Write(z.Text())
		default:
			if name, _ := z.TagName(); !inline[string(name)] {
				w.WriteByte(' ')
			}
		}
	}
}
