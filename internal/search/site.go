package search

import (
	"strings"
	"unicode/utf8"

	"html"

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
		text := strings.Join(strings.Fields(body.String()), " ")
		doc := Doc{Kind: Article, Title: a.Title, Path: address.Article(a.Slug), Date: loc.Date(d.Year(), d.Month(), d.Day())}
		if rest, ok := strings.CutPrefix(text, a.Summary); ok {
			// The summary is the first paragraph: its words once.
			bd.Add(withText(doc, a.Summary, rest), text)
		} else {
			bd.Add(withText(doc, a.Summary, text), a.Summary, text)
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

// excerptRunes is about how much of an article's text the results may
// cut an excerpt from: its summary, then its body.
const excerptRunes = 300

// withText gives d the text its excerpt is cut from: the summary, then
// the body, to about excerptRunes, cut between words.
func withText(d Doc, summary, body string) Doc {
	t := strings.TrimSpace(summary + " " + body)
	if utf8.RuneCountInString(t) > excerptRunes {
		end := 0
		for range excerptRunes {
			_, n := utf8.DecodeRuneInString(t[end:])
			end += n
		}
		if sp := strings.LastIndexByte(t[:end], ' '); sp > 0 {
			end = sp
		}
		t = t[:end] + " …"
	}
	d.Text = t
	return d
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
// place of each other tag so that words of two cells or items stay
// apart. goldmark escapes < and > in text and attributes alike, so a tag
// ends at the first >; a general HTML tokenizer cost a tenth of a build
// in buffers.
func htmlText(w *strings.Builder, src string) {
	for src != "" {
		lt := strings.IndexByte(src, '<')
		if lt < 0 {
			lt = len(src)
		}
		text := src[:lt]
		if strings.IndexByte(text, '&') >= 0 {
			text = html.UnescapeString(text)
		}
		w.WriteString(text)
		src = src[lt:]
		if src == "" {
			return
		}
		gt := strings.IndexByte(src, '>')
		if gt < 0 {
			return
		}
		name := strings.TrimPrefix(src[1:gt], "/")
		if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
			name = name[:i]
		}
		if !inline[name] {
			w.WriteByte(' ')
		}
		src = src[gt+1:]
	}
}
