// Package render writes the pages of the site from the joined model:
// html/template pages, chart options, number and date formats per
// language. It does not know where the files go: it hands them to a Writer.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"sitegen/internal/address"
	"sitegen/internal/export"
	"sitegen/internal/export/feed"
	"sitegen/internal/i18n"
	"sitegen/internal/made"
	"sitegen/internal/par"
	"sitegen/internal/search"
	"sitegen/internal/site"
	"sitegen/internal/version"
	"sitegen/templates"
)

// Writer receives the output files. Pages are rendered in parallel, so a
// Writer must be safe for concurrent use. name is a slash-separated path
// relative to the output root ("index.html", "don-vi/khoi-dn/index.html",
// "assets/echarts.3f2a9c1b.min.js"); each name is written once. Like
// io.Writer, WriteFile must not keep data after it returns: the renderer
// reuses its buffers.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// A LazyWriter is a Writer that also takes files to be made only when
// they are first read: the workbooks (.xlsx), a few milliseconds of CPU
// each, which serve's rebuild on every save would otherwise make for
// every chart whether anyone downloads it or not, and the data set's
// CSV and JSON files. make may be called from any goroutine, and gives
// the bytes an eager build writes. Any other Writer is handed every
// file made.
type LazyWriter interface {
	Writer
	WriteLazy(name string, make func() ([]byte, error)) error
}

// Renderer renders the pages of a site. Its templates are parsed once by
// New; Render may be called for any number of models, also at once.
type Renderer struct {
	pages     map[string]*template.Template // by page template, "cell.html"
	assets    []asset                       // shared files, in output order
	assetURL  map[string]string             // "site.css" → "assets/site.1a2b3c4d.css"
	inlineCSS template.CSS                  // the stylesheet, for 404.html
	feeds     feedTemplates                 // feed.xml, sitemap.xml, robots.txt
	// partials are the shared files alone, to run a partial on its own
	// (see Page.YearsNavHTML).
	partials *template.Template
	// sources is the key of every template and asset the Renderer was
	// made of (see pageKey).
	sources made.Key
}

// asset is a shared file written once per build.
type asset struct {
	name string // output name
	data []byte
}

// The template files, by their path under templates/. Shared files are
// parsed into every page: the layout, and the partials, one to a file so
// that a site overrides one by its own file of that path. Each page file
// defines "title" and "main".
var (
	sharedFiles = []string{
		"layout.html",
		"partials/figure.html",
		"partials/figure-link.html",
		"partials/figure-cell.html",
		"partials/figure-correction.html",
		"partials/article-changes.html",
		"partials/figure-table.html",
		"partials/chart.html",
		"partials/chart-data.html",
		"partials/cite-text.html",
		"partials/chart-embed.html",
		"partials/article-list.html",
		"partials/years-nav.html",
		"partials/data-table.html",
	}
	pageFiles = []string{"home.html", "year.html", "cell.html", "article.html", "articles.html", "referrer.html", "data.html", "search.html", "changes.html", "404.html", "embed.html"}
)

// hashedAssets are the shared assets pages load. Each gets a hash of its
// content in its output name, so that a page always loads the assets of
// its own build, even while a new build is swapped in under a reader.
var hashedAssets = []struct{ src, base, ext string }{
	{"assets/site.css", "site", ".css"},
	{"assets/site.js", "site", ".js"},
	{"assets/search.js", "search", ".js"},
	{"assets/vendor/echarts/echarts.min.js", "echarts", ".min.js"},
}

// plainAssets are published under their own names: the licence of the
// embedded ECharts travels with it.
var plainAssets = []string{
	"assets/vendor/echarts/LICENSE",
	"assets/vendor/echarts/NOTICE",
	"assets/vendor/echarts/LICENSE-d3",
}

// New parses the templates once: for each template path, the site's own
// templates/<path> (site is the site folder; nil for none) if it exists,
// else the built-in one. A template error names the file and line as the
// user sees it: "templates/cell.html:12:5: …".
func New(siteFS fs.FS) (*Renderer, error) { return NewFrom(Sources(siteFS)) }

// Sources reads a template or asset by its path under templates/ as New
// does: the site's own templates/<name> (siteFS is the site folder; nil
// for none) if it exists, else the built-in one.
func Sources(siteFS fs.FS) func(name string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if siteFS != nil {
			b, err := fs.ReadFile(siteFS, path.Join("templates", name))
			if err == nil {
				return b, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
		return fs.ReadFile(templates.FS, name)
	}
}

// NewFrom is New with the templates and assets read by read (see
// Sources), so that a caller may see what was read: serve keeps a
// Renderer while none of it changes.
func NewFrom(read func(name string) ([]byte, error)) (*Renderer, error) {
	r := &Renderer{pages: make(map[string]*template.Template), assetURL: make(map[string]string)}
	// Everything read goes into the key of the pages made of it.
	sources := made.NewInputs("templates 1")
	read = func(read func(string) ([]byte, error)) func(string) ([]byte, error) {
		return func(name string) ([]byte, error) {
			b, err := read(name)
			if err == nil {
				sources.String(name)
				sources.String(string(b))
			}
			return b, err
		}
	}(read)
	base := template.New("").Option("missingkey=error")
	for _, name := range sharedFiles {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		if _, err := base.New(templateName(name)).Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
	}
	for _, name := range pageFiles {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		t, err := base.Clone()
		if err != nil {
			return nil, templateError(err)
		}
		if _, err := t.New(templateName(name)).Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
		// html/template escapes a template when it first runs; running it
		// here on no data reports an escaping mistake (an action in an
		// unquoted attribute, say) now, with its file and line, instead
		// of on the first page. Errors of running on no data are not
		// mistakes and are left for Render.
		var escErr *template.Error
		if err := t.ExecuteTemplate(io.Discard, templateName(name), nil); errors.As(err, &escErr) {
			err = templateError(err)
			if !strings.HasPrefix(err.Error(), templateName(name)) {
				// The mistake shows in a shared file (say, layout.html
				// asks for a "main" the page does not define): say which
				// page it was found in.
				err = fmt.Errorf("%v (%s)", err, templateName(name))
			}
			return nil, err
		}
		r.pages[name] = t.Lookup(templateName(name))
	}
	var err error
	if r.partials, err = base.Clone(); err != nil {
		return nil, templateError(err)
	}
	if r.feeds, err = parseFeeds(read); err != nil {
		return nil, err
	}

	for _, a := range hashedAssets {
		b, err := read(a.src)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		name := "assets/" + a.base + "." + hex.EncodeToString(sum[:4]) + a.ext
		r.assetURL[path.Base(a.src)] = name
		r.assets = append(r.assets, asset{name, b})
		if a.src == "assets/site.css" {
			r.inlineCSS = template.CSS(b) // the site's own stylesheet: trusted, as templates are
		}
	}
	for _, src := range plainAssets {
		b, err := read(src)
		if err != nil {
			return nil, err
		}
		r.assets = append(r.assets, asset{src, b})
	}
	r.sources = sources.Key()
	return r, nil
}

// templateName is the name a template file is parsed under: its path as
// the user would see it, so every error message names it.
func templateName(file string) string { return "templates/" + file }

// templateError rewrites the errors of text/template and html/template
// ("template: templates/x.html:3: …", "html/template:templates/x.html:3:5: …")
// to the form of every other message: "templates/x.html:3: …".
func templateError(err error) error {
	msg := err.Error()
	for _, p := range []string{"html/template:", "template: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return errors.New(msg)
}

// Render writes to w each shared asset once and the files of content/
// the articles show, the search index, every page of m, then the files
// beside them (the data set, every chart's downloads, the feed, the
// sitemap and robots.txt), and returns the number of pages written.
// Pages are rendered in parallel and each is handed to w as soon as it
// is done, so no more than one page per worker is held in memory.
// No file is written from inside a template: a page's charts are noted
// as it runs, and their pages and downloads made once their subject's
// page is rendered (see finishCharts), or else once every page is.
func (r *Renderer) Render(m *site.Model, w Writer) (pages int, err error) {
	return r.RenderWith(m, w, Options{})
}

// Options say what a Render leaves out, and what it makes first.
type Options struct {
	// NoImages leaves out the SVG image of every chart (a build that
	// must be as fast as it can, or a site that does not want them).
	NoImages bool
	// First are pages, by their output name ("don-vi/khoi-dn/index.html"),
	// rendered before the others: serve's rebuild renders the pages open
	// in a browser first, and shows them as soon as they are written.
	// The order in which files are written changes no file's bytes.
	First []string
	// Made is what a previous build into the same output made (the
	// pages, the charts' downloads, the workbooks), for this one to take
	// again when its inputs are the same (see package made and
	// reusable); nil makes every file.
	Made *made.Cache
}

// RenderWith is Render with opts.
func (r *Renderer) RenderWith(m *site.Model, w Writer, opts Options) (pages int, err error) {
	shared := newRun(m, opts)
	if shared.made != nil {
		shared.pagesKey = r.pagesKey(m, opts)
	}
	shared.index = &lazyIndex{make: func() (string, error) { return writeSearchIndex(m, w) }}
	// What a page loads from the site beside itself (the stylesheet, the
	// scripts, an article's images) is written before any page, so that a
	// page shown as soon as it is written (see Options.First) shows whole.
	for _, f := range r.sharedFiles(m) {
		if err := w.WriteFile(f.Name, f.Bytes); err != nil {
			return 0, err
		}
	}
	all := r.jobs(m)
	jobs, first := firstOf(all, opts.First)
	// A page's buffer grows to the page's size: it is reused, not made
	// again for each of thousands of pages.
	bufs := &sync.Pool{New: func() any { return new(bytes.Buffer) }}
	// The pages asked for first need the search index only if they name
	// it (the search page): it is made after them, and before the rest,
	// which keeps its memory apart from theirs as for a build.
	if err := r.renderPages(m, jobs[:first], shared, bufs, w); err != nil {
		return 0, shared.index.cause(err)
	}
	if _, err := shared.index.manifest(); err != nil {
		return 0, err
	}
	if err := r.renderPages(m, jobs[first:], shared, bufs, w); err != nil {
		return 0, shared.index.cause(err)
	}
	finished := int(shared.finished.Load())
	// Each chart the pages showed gets a page of its own, once they all
	// have: which page it belongs to is known only then.
	embeds := shared.chartPages()
	if err := r.renderPages(m, embeds, shared, bufs, w); err != nil {
		return 0, err
	}
	files, err := r.files(m, all, shared) // the sitemap lists the pages in their fixed order
	if err != nil {
		return 0, err
	}
	// Made on every core, each written as soon as it is made: a worker
	// holds one file at a time, where a national data set and its
	// workbooks are a gigabyte together.
	if err := par.EachErr(len(files), func(i int) error { return writeFile(w, files[i]) }); err != nil {
		return 0, err
	}
	return len(jobs) + finished + len(embeds), nil
}

// renderPages renders pages in parallel, each handed to w as soon as it
// is done, with the charts it is the home of (see finishCharts).
func (r *Renderer) renderPages(m *site.Model, pages []Page, shared *run, bufs *sync.Pool, w Writer) error {
	return par.EachErr(len(pages), func(i int) error {
		buf := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(buf)
		buf.Reset()
		p := pages[i]
		p.run = shared
		if err := r.render(m, &p, buf, w); err != nil {
			return err
		}
		return r.finishCharts(m, p.homeOf, shared, buf, w)
	})
}

// finishCharts writes the own page and the downloads of each chart of
// charts, shown by their subject's page, which is their home for good:
// the chart is then let go rather than kept to the end of the build.
// buf is the caller's, free to reuse.
func (r *Renderer) finishCharts(m *site.Model, charts []*chartEntry, shared *run, buf *bytes.Buffer, w Writer) error {
	for _, e := range charts {
		e.mu.Lock()
		mine := !e.done
		e.done = true // the other pages that show it draw it again
		e.mu.Unlock()
		if !mine {
			continue
		}
		buf.Reset()
		if err := r.render(m, &Page{Kind: "embed", Path: e.page, embed: e, run: shared}, buf, w); err != nil {
			return err
		}
		shared.finished.Add(1)
		for _, f := range shared.chartFiles(e) {
			if err := writeFile(w, f); err != nil {
				return err
			}
		}
		e.mu.Lock()
		e.c = nil
		e.mu.Unlock()
	}
	return nil
}

// writeFile hands f to w: a file made when first read (a workbook) as
// such when w takes those (see LazyWriter), else made now.
func writeFile(w Writer, f export.File) error {
	if f.Make == nil {
		return w.WriteFile(f.Name, f.Bytes)
	}
	if lazy, ok := w.(LazyWriter); ok {
		return lazy.WriteLazy(f.Name, f.Make)
	}
	b, err := f.Make()
	if err != nil {
		return err
	}
	return w.WriteFile(f.Name, b)
}

// writeSearchIndex writes the search index of m, and lets it go: of it,
// the pages need only its manifest's name, returned.
func writeSearchIndex(m *site.Model, w Writer) (string, error) {
	idx := search.Build(m)
	for _, f := range idx.Files {
		if err := w.WriteFile(f.Name, f.Bytes); err != nil {
			return "", err
		}
	}
	return idx.Manifest, nil
}

// lazyIndex is the search index of one Render, written when first asked
// for: a page shown before the rest (Options.First) does not wait for it
// unless it names it.
type lazyIndex struct {
	make func() (string, error)
	mu   sync.Mutex // held while it is written: a second page waits
	done bool
	name string
	err  error
}

// manifest writes the index, once, and gives its manifest's name.
func (x *lazyIndex) manifest() (string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.done {
		x.name, x.err = x.make()
		x.done = true
	}
	return x.name, x.err
}

// cause is the error of a page that asked for the index: the index's own
// when writing it failed (a template's error keeps only its text, and
// serve must know a write it stopped), else err.
func (x *lazyIndex) cause(err error) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.done && x.err != nil {
		return x.err
	}
	return err
}

// run holds what the pages of one Render share.
type run struct {
	loc         *i18n.Locale
	images      bool // an SVG image of every chart (Options.NoImages)
	version     version.Version
	versionText string // the data version as the footer names it
	publisher   string
	// citePublisher and citeRest are the parts of every figure's
	// citation around its own (see Page.CitePublisher).
	citePublisher, citeRest string
	// index is the search index, whose manifest's name is from the top
	// of the site.
	index *lazyIndex
	// corrections are the figure log's last correction of each figure,
	// by its permanent link.
	corrections map[string]correctedAt
	charts      sync.Map     // download name → *chartEntry
	finished    atomic.Int64 // charts' own pages written by finishCharts
	yearsNav    sync.Map     // Page.Root, and the year of a year's page → template.HTML
	made        *made.Cache  // Options.Made
	pagesKey    made.Key     // with made: see Renderer.pagesKey
}

// reuse makes f through the cache of made files, when f has a key.
func (r *run) reuse(f export.File) export.File {
	if r.made == nil || f.Key == nil || f.Make == nil {
		return f
	}
	name, key, make := f.Name, f.Key, f.Make
	f.Make = func() ([]byte, error) { return r.made.Make(name, key(), make) }
	return f
}

func newRun(m *site.Model, opts Options) *run {
	loc := m.Locale
	r := &run{loc: loc, images: !opts.NoImages, version: m.Version, publisher: m.Site.Publisher, made: opts.Made}
	if r.publisher == "" && m.Root != nil {
		r.publisher = m.Root.Name
	}
	if !m.Version.IsZero() {
		r.versionText = export.VersionText(loc, m.Version)
	}
	// The link stands in as base_url followed by urlMark, so that the
	// citation says it is relative exactly when the site's links are.
	mark := address.Permanent(m.Site.BaseURL, urlMark, "")
	var rest string
	r.citePublisher, _, rest = export.CiteParts(loc, export.Citation{Publisher: r.publisher, Site: m.Site.Title, Version: m.Version, URL: mark})
	before, after, _ := export.CutAtDay(loc, strings.Replace(rest, mark, "{url}", 1))
	r.citeRest = before + "{date}" + after
	r.corrections = corrections(m.Log)
	return r
}

// jobs lists every page of m, in a fixed order.
func (r *Renderer) jobs(m *site.Model) []Page {
	out := make([]Page, 0, 3+len(m.Years)+len(m.Cells)+len(m.Articles)+len(m.Referrers))
	out = append(out, Page{Kind: "home", Path: address.Home}, Page{Kind: "404", Path: address.NotFound}, Page{Kind: "data", Path: address.Data()},
		Page{Kind: "search", Path: address.Search()}, Page{Kind: "changes", Path: address.Changes()})
	if len(m.Articles) > 0 {
		out = append(out, Page{Kind: "articles", Path: address.Articles()})
	}
	for _, y := range m.Years {
		out = append(out, Page{Kind: "year", Path: address.Year(y), Year: y})
	}
	for _, c := range m.Cells {
		out = append(out, Page{Kind: "cell", Path: address.Cell(c.ID), Cell: c})
	}
	for _, a := range m.Articles {
		out = append(out, Page{Kind: "article", Path: address.Article(a.Slug), Article: a})
	}
	for _, rf := range m.Referrers {
		out = append(out, Page{Kind: "referrer", Path: address.Referrer(rf.ID), Referrer: rf})
	}
	return out
}

// firstOf is pages with those named in first (by Path) moved to the
// front, in the order first names them, and how many they are; the
// others keep their order. A name that is no page is passed over.
func firstOf(pages []Page, first []string) ([]Page, int) {
	if len(first) == 0 {
		return pages, 0
	}
	rank := make(map[string]int, len(first))
	for i, name := range first {
		if _, dup := rank[name]; !dup {
			rank[name] = i
		}
	}
	out := make([]Page, 0, len(pages))
	var rest []Page
	for _, p := range pages {
		if _, ok := rank[p.Path]; ok {
			out = append(out, p)
		} else {
			rest = append(rest, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Page) int { return rank[a.Path] - rank[b.Path] })
	return append(out, rest...), len(out)
}

// pageFile is the template of a kind of page.
func pageFile(kind string) string {
	if kind == "404" {
		return "404.html"
	}
	return kind + ".html"
}

// renderPage renders p into buf and hands it to w.
func (r *Renderer) renderPage(m *site.Model, p *Page, buf *bytes.Buffer, w Writer) error {
	if err := r.execute(m, p, buf); err != nil {
		return err
	}
	return w.WriteFile(p.Path, buf.Bytes())
}

// execute runs the template of p into buf.
func (r *Renderer) execute(m *site.Model, p *Page, buf *bytes.Buffer) error {
	r.setUp(m, p)
	if err := r.pages[pageFile(p.Kind)].Execute(buf, p); err != nil {
		return fmt.Errorf("%w (%s)", templateError(err), p.Path)
	}
	return nil
}

// setUp gives p what its template's methods use besides its own fields.
func (r *Renderer) setUp(m *site.Model, p *Page) {
	p.Site, p.r, p.loc = m, r, m.Locale
	p.Lang = string(m.Locale.Lang)
	p.Root = address.Root(p.Path)
	if p.Kind == "404" {
		// Served in place of any missing address, at any depth: relative
		// links cannot know where the site begins, so they lead to
		// base_url when the site has one, and styles are inline.
		p.InlineCSS = r.inlineCSS
		if u := m.Site.BaseURL; u != "" {
			p.Root = strings.TrimSuffix(u, "/") + "/"
		}
	}
}

// Notes say what Render leaves out of the site of m and why, in the
// site's language, for the build to print: sitemap.xml needs the absolute
// http or https addresses that only base_url gives.
func (r *Renderer) Notes(m *site.Model) []string {
	switch _, ok := feed.Sitemap(m.Site.BaseURL, nil); {
	case ok:
		return nil
	case strings.TrimSpace(m.Site.BaseURL) == "":
		return []string{m.Locale.T("note.no_sitemap")}
	default: // set, but not an http or https address
		return []string{m.Locale.T("note.no_sitemap.scheme", m.Site.BaseURL)}
	}
}

// files are the files written after the pages, in a fixed order: the
// complete data set of the data page and its workbooks, every chart's
// downloads, the Atom feed, the sitemap (only with base_url, see Notes)
// and robots.txt, the last three from their templates.
func (r *Renderer) files(m *site.Model, jobs []Page, shared *run) ([]export.File, error) {
	var out []export.File
	for _, f := range export.DataFiles(m.Data, m.Version) {
		f.Name = address.DataFile(f.Name)
		out = append(out, f)
	}
	for _, s := range export.Sets {
		note := export.Note(m.Locale, shared.publisher, m.Locale.T("data.set."+string(s)), m.Version)
		out = append(out, shared.reuse(export.DataXLSXFile(address.DataFile(s.XLSXName()), m.Data, m.Version, s, note)))
	}
	downloads := shared.downloads()
	slices.SortFunc(downloads, func(a, b export.File) int { return strings.Compare(a.Name, b.Name) })
	out = append(out, downloads...)
	feeds, err := r.renderFeeds(m, jobs, shared.publisher)
	if err != nil {
		return nil, err
	}
	return append(out, feeds...), nil
}

// sharedFiles are the shared assets and the files of content/ that the
// pages load, written before the pages (see RenderWith).
func (r *Renderer) sharedFiles(m *site.Model) []export.File {
	var out []export.File
	for _, a := range r.assets {
		out = append(out, export.File{Name: a.name, Bytes: a.data})
	}
	return append(out, articleFiles(m)...)
}

// articleFiles are the files of content/ the published articles show or
// link to, sorted by name. Each is named by its content (address.Media),
// so a file that several articles use is written once.
func articleFiles(m *site.Model) []export.File {
	seen := make(map[string]bool)
	var out []export.File
	for _, a := range m.Articles {
		for _, f := range a.Files {
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, export.File{Name: f.Name, Bytes: f.Bytes})
			}
		}
	}
	slices.SortFunc(out, func(a, b export.File) int { return strings.Compare(a.Name, b.Name) })
	return out
}
