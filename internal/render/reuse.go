package render

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"sitegen/internal/export"
	"sitegen/internal/made"
	"sitegen/internal/site"
)

// A page is taken from the previous output instead of being rendered
// again when nothing it is made of changed (see package made): an edit
// of one article's text, the commonest edit, changes one page of
// thousands. A page's key is made of everything it is made of (see
// pagesKey and pageKey); a page whose key is new is rendered.

// pagesKey is the key of what every page is made of, bar an article's
// page's own article: the templates and assets, the data (the data
// version names its bytes: a commit only when they are the commit's,
// else their hash), the figure log, the options of the build, and what
// each article says of itself outside its text (its front matter and
// summary), which lists of articles and links to them show, with its
// path in the site folder: no page shows how the user named the folder,
// so a build run from elsewhere takes the same pages. No page but an
// article's own shows its text. The program is the index's own key.
func (r *Renderer) pagesKey(m *site.Model, opts Options) made.Key {
	in := made.NewInputs("pages 1")
	in.String(string(r.sources[:]))
	v := m.Version
	in.String(v.ID)
	in.String(v.Commit)
	in.String(v.Date.Format(time.RFC3339Nano))
	in.Bool(v.Dirty)
	in.Bool(opts.NoImages)
	if l := m.Log; l != nil {
		in.String("log " + l.Missing)
		for _, ver := range l.Versions {
			in.String(ver.ID)
			in.String(ver.Date.Format(time.RFC3339Nano))
		}
		for _, e := range l.Entries {
			in.String(e.Commit)
			in.Bool(e.Refused)
			in.String(strconv.Itoa(len(e.Changes)))
		}
	}
	in.String(strconv.Itoa(len(m.Articles)))
	for _, a := range m.Articles {
		for _, s := range []string{a.File, a.Slug, a.Title, a.Date.Format(time.RFC3339Nano), a.Author, a.Source, a.Summary} {
			in.String(s)
		}
		in.Bool(a.Draft)
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

// pageKey is the key of p: what every page is made of (pages, see
// pagesKey), its kind and address; for a chart's own page, which chart
// (its downloads' name says its kind, subject and date) and the page it
// belongs to; for an article's page the article's own file and the
// addresses of the files of content/ it shows (named by their content;
// the files are written apart).
func pageKey(pages made.Key, p *Page) made.Key {
	in := made.NewInputs("page 1")
	in.String(string(pages[:]))
	in.String(p.Kind)
	in.String(p.Path)
	if e := p.embed; e != nil {
		in.String(e.file)
		in.String(e.home)
	}
	if a := p.Article; a != nil {
		in.String(string(a.Sum[:]))
		in.String(strconv.Itoa(len(a.Files)))
		for _, f := range a.Files {
			in.String(f.Name)
		}
	}
	return in.Key()
}

// reusable reports whether p may be taken from the previous output: any
// page but the search page, which names the search index, made of every
// article's text.
func reusable(p *Page) bool { return p.Kind != "search" }

// render renders p, through the cache of made files when there is one
// and p may be taken from it.
func (r *Renderer) render(m *site.Model, p *Page, buf *bytes.Buffer, w Writer) error {
	if p.run.made != nil && reusable(p) {
		return r.renderReused(m, p, buf, w)
	}
	return r.renderPage(m, p, buf, w)
}

// download is the chart's download name made by make: made now when
// there is no cache of made files, else when written, or taken from the
// previous output when what every page is made of is the same (see
// pagesKey): a chart's downloads are made of its data, the data version
// and the site's language and names.
func (r *run) download(name string, make func() []byte) export.File {
	if r.made == nil {
		return export.File{Name: name, Bytes: make()}
	}
	return r.reuse(export.File{Name: name,
		Make: func() ([]byte, error) { return make(), nil },
		Key: func() made.Key {
			in := made.NewInputs("download 1")
			in.String(string(r.pagesKey[:]))
			in.String(name)
			return in.Key()
		}})
}

// renderReused renders p through the cache of made files (see reusable):
// its bytes are the previous output's when its key is the same. The
// charts the page asked for are then asked for again, as rendering it
// would: a chart's own page and downloads are made with the pages that
// show it, and the page it belongs to.
func (r *Renderer) renderReused(m *site.Model, p *Page, buf *bytes.Buffer, w Writer) error {
	b, note, reused, err := p.run.made.MakeNoted(p.Path, pageKey(p.run.pagesKey, p), func() ([]byte, string, error) {
		if err := r.execute(m, p, buf); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), encodeAsked(p.asked), nil
	})
	if err != nil {
		return err
	}
	if reused {
		asked, ok := decodeAsked(note)
		if !ok { // a note the index kept but that does not read: render
			buf.Reset()
			p.asked = nil
			return r.renderPage(m, p, buf, w)
		}
		r.setUp(m, p)
		for _, a := range asked {
			p.askChart(a.Kind, a.Subject, a.Year)
		}
	}
	return w.WriteFile(p.Path, b)
}

// chartAsked is a chart a page asked for (see Page.Chart), as the
// index keeps it (see encodeAsked).
type chartAsked struct {
	Kind    string `json:"k"`
	Subject string `json:"s"`
	Year    int    `json:"y"`
}

// encodeAsked is the note of a page's charts, for the index (see
// made.Cache.MakeNoted): JSON in base64url, "" for none.
func encodeAsked(asked []chartAsked) string {
	if len(asked) == 0 {
		return ""
	}
	b, _ := json.Marshal(asked) // strings and ints: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeAsked reads a note encodeAsked wrote.
func decodeAsked(note string) ([]chartAsked, bool) {
	if note == "" {
		return nil, true
	}
	b, err := base64.RawURLEncoding.DecodeString(note)
	if err != nil {
		return nil, false
	}
	var asked []chartAsked
	return asked, json.Unmarshal(b, &asked) == nil
}
