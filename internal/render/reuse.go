package render

import (
	"bytes"
	"strconv"
	"time"

	"sitegen/internal/content"
	"sitegen/internal/made"
	"sitegen/internal/site"
)

// An article's page is the one kind of page a build may take from the
// previous output instead of rendering it again (see package made): the
// articles are most of a site's pages, and the commonest edit, of one
// article's text, changes no other article's page. Its key is made of
// everything the page is made of; a page whose key is new is rendered.

// pagesKey is the key of what every article's page is made of, bar its
// own article: the templates and assets, the data (the data version
// names its bytes: a commit only when they are the commit's, else
// their hash), the figure log, the options of the build, and what each
// article says of itself outside its text, which lists of articles and
// links to them show. The program is the index's own key.
func (r *Renderer) pagesKey(m *site.Model, opts Options) made.Key {
	in := made.NewInputs("article page 1")
	in.String(string(r.sources[:]))
	v := m.Version
	in.String(v.ID)
	in.String(v.Commit)
	in.String(v.Date.Format(time.RFC3339Nano))
	flag(in, v.Dirty)
	flag(in, opts.NoImages)
	if l := m.Log; l != nil {
		in.String("log " + l.Missing)
		for _, ver := range l.Versions {
			in.String(ver.ID)
			in.String(ver.Date.Format(time.RFC3339Nano))
		}
		for _, e := range l.Entries {
			in.String(e.Commit)
			flag(in, e.Refused)
			in.String(strconv.Itoa(len(e.Changes)))
		}
	}
	in.String(strconv.Itoa(len(m.Articles)))
	for _, a := range m.Articles {
		for _, s := range []string{a.Path, a.Slug, a.Title, a.Date.Format(time.RFC3339Nano), a.Author, a.Source, a.Summary} {
			in.String(s)
		}
		flag(in, a.Draft)
		in.String(strconv.Itoa(len(a.Cells)))
		for _, c := range a.Cells {
			in.String(c)
		}
		in.String(strconv.Itoa(len(a.Years)))
		for _, y := range a.Years {
			in.String(strconv.Itoa(y))
		}
	}
	return in.Key()
}

func flag(in made.Inputs, b bool) {
	if b {
		in.Byte(1)
	} else {
		in.Byte(0)
	}
}

// articleKey is the key of the page of a: what every article's page is
// made of (pages, see pagesKey), a's own file, and the addresses of the
// files of content/ it shows (named by their content; the files are
// written apart).
func articleKey(pages made.Key, a *content.Article) made.Key {
	in := made.NewInputs("article 1")
	in.String(string(pages[:]))
	in.String(string(a.Sum[:]))
	in.String(strconv.Itoa(len(a.Files)))
	for _, f := range a.Files {
		in.String(f.Name)
	}
	return in.Key()
}

// reusable reports whether p may be taken from the previous output: an
// article's page.
func reusable(p *Page) bool { return p.Kind == "article" && p.Article != nil }

// renderReused renders p through the cache of made files (see reusable):
// its bytes are the previous output's when its key is the same. A chart
// the page shows is then still asked for, as rendering it would: its
// own page and downloads are made with the pages that show it.
func (r *Renderer) renderReused(m *site.Model, p *Page, buf *bytes.Buffer, w Writer) error {
	rendered := false
	b, err := p.run.made.Make(p.Path, articleKey(p.run.pagesKey, p.Article), func() ([]byte, error) {
		rendered = true
		if err := r.execute(m, p, buf); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
	if err != nil {
		return err
	}
	if !rendered {
		r.setUp(m, p)
		for _, s := range p.Article.Body {
			if c := s.Chart; c != nil {
				if _, err := p.Chart(c.Kind, c.Subject, c.Year); err != nil {
					return err
				}
			}
		}
	}
	return w.WriteFile(p.Path, b)
}
