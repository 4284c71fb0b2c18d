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
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"sitegen/internal/export"
	"sitegen/internal/export/feed"
	"sitegen/internal/site"
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

// Renderer renders the pages of a site. Its templates are parsed once by
// New; Render may be called for any number of models, also at once.
type Renderer struct {
	pages     map[string]*template.Template // by page template, "cell.html"
	assets    []asset                       // shared files, in output order
	assetURL  map[string]string             // "site.css" → "assets/site.1a2b3c4d.css"
	inlineCSS template.CSS                  // the stylesheet, for 404.html
}

// asset is a shared file written once per build.
type asset struct {
	name string // output name
	data []byte
}

// The template files, by their path under templates/. Shared files are
// parsed into every page; each page file defines "title" and "main".
var (
	sharedFiles = []string{"layout.html", "partials.html", "data-table.html"}
	pageFiles   = []string{"home.html", "year.html", "cell.html", "article.html", "referrer.html", "data.html", "404.html"}
)

// hashedAssets are the shared assets pages load. Each gets a hash of its
// content in its output name, so that a page always loads the assets of
// its own build, even while a new build is swapped in under a reader.
var hashedAssets = []struct{ src, base, ext string }{
	{"assets/site.css", "site", ".css"},
	{"assets/site.js", "site", ".js"},
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
func New(siteFS fs.FS) (*Renderer, error) {
	r := &Renderer{pages: make(map[string]*template.Template), assetURL: make(map[string]string)}
	read := func(name string) ([]byte, error) {
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

// Render writes every page of m and each shared asset once to w, and
// returns the number of pages written. Pages are rendered in parallel,
// bounded by GOMAXPROCS, and each page is handed to w as soon as it is
// done, so no more than one page per worker is held in memory.
func (r *Renderer) Render(m *site.Model, w Writer) (pages int, err error) {
	for _, a := range r.assets {
		if err := w.WriteFile(a.name, a.data); err != nil {
			return 0, err
		}
	}
	jobs := r.jobs(m)
	shared := &run{w: w, accessed: m.Locale.T("cite.accessed_at", urlMark), anchorLabel: m.Locale.T("cite.link")}
	if !m.Version.IsZero() {
		shared.version = export.VersionText(m.Locale, m.Version)
	}
	if err := r.writeFiles(m, jobs, w, shared); err != nil {
		return 0, err
	}
	var (
		next    atomic.Int64
		failed  atomic.Bool
		errOnce sync.Once
		first   error
		wg      sync.WaitGroup
	)
	// Twice as many workers as processors: while one waits for the disk
	// in w.WriteFile another renders, and the scheduler still runs no
	// more than GOMAXPROCS at once.
	workers := min(2*runtime.GOMAXPROCS(0), max(len(jobs), 1))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			var nums numbers
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				buf.Reset()
				p := jobs[i].page
				p.nums, p.run = &nums, shared
				if err := r.renderPage(m, jobs[i].file, &p, &buf, w); err != nil {
					errOnce.Do(func() { first = err })
					failed.Store(true)
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return 0, first
	}
	return len(jobs), nil
}

// labels are the Labels of the run's site, made by the first page that
// asks.
func (r *run) labels(p *Page) *Labels {
	r.labelsOnce.Do(func() { r.labelsV = p.labels() })
	return r.labelsV
}

// job is one page to render.
type job struct {
	file string // page template
	page Page
}

// jobs lists every page of m, in a fixed order.
func (r *Renderer) jobs(m *site.Model) []job {
	out := make([]job, 0, 2+len(m.Years)+len(m.Cells)+len(m.Articles)+len(m.Referrers))
	out = append(out, job{"home.html", Page{Kind: "home", Path: "index.html"}})
	out = append(out, job{"404.html", Page{Kind: "404", Path: "404.html"}})
	out = append(out, job{"data.html", Page{Kind: "data", Path: dataPage}})
	for _, y := range m.Years {
		out = append(out, job{"year.html", Page{Kind: "year", Path: fmt.Sprintf("nam/%d/index.html", y), Year: y}})
	}
	for _, c := range m.Cells {
		out = append(out, job{"cell.html", Page{Kind: "cell", Path: "don-vi/" + c.ID + "/index.html", Cell: c}})
	}
	for _, a := range m.Articles {
		out = append(out, job{"article.html", Page{Kind: "article", Path: "bai-viet/" + a.Slug + "/index.html", Article: a}})
	}
	for _, rf := range m.Referrers {
		out = append(out, job{"referrer.html", Page{Kind: "referrer", Path: "gioi-thieu/" + rf.ID + "/index.html", Referrer: rf}})
	}
	return out
}

func (r *Renderer) renderPage(m *site.Model, file string, p *Page, buf *bytes.Buffer, w Writer) error {
	p.Site, p.r, p.loc = m, r, m.Locale
	p.Lang = string(m.Locale.Lang)
	p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
	if p.Kind == "404" {
		// Served in place of any missing address, at any depth: relative
		// links cannot know where the site begins, so they lead to
		// base_url when the site has one, and styles are inline.
		p.InlineCSS = r.inlineCSS
		if u := m.Site.BaseURL; u != "" {
			p.Root = strings.TrimSuffix(u, "/") + "/"
		}
	}
	p.frame(p.run.labels(p))
	if err := r.pages[file].Execute(buf, p); err != nil {
		return fmt.Errorf("%w (%s)", templateError(err), p.Path)
	}
	return w.WriteFile(p.Path, buf.Bytes())
}

// Notes say what Render leaves out of the site of m and why, in the
// site's language, for the build to print: sitemap.xml needs the absolute
// addresses that only base_url gives.
func (r *Renderer) Notes(m *site.Model) []string {
	if _, ok := feed.Sitemap(m.Site.BaseURL, nil); !ok {
		return []string{m.Locale.T("note.no_sitemap")}
	}
	return nil
}

// feedEntries is how many of the newest articles the feed holds: a feed
// reader wants what is new, and a site of 10,000 articles would make a
// feed of megabytes.
const feedEntries = 50

// writeFiles writes the files that are not pages: the complete data set
// of the data page, the Atom feed, the sitemap (only with base_url, see
// Notes) and robots.txt.
func (r *Renderer) writeFiles(m *site.Model, jobs []job, w Writer, shared *run) error {
	shared.dataFiles = make(map[string][]byte)
	for _, f := range export.DataFiles(m.Data, m.Version) {
		if err := w.WriteFile("so-lieu/"+f.Name, f.Bytes); err != nil {
			return err
		}
		shared.dataFiles[f.Name] = f.Bytes // the data page shows the tables
	}
	s := m.Site
	fs := feed.Site{Title: s.Title, Subtitle: s.Description, Publisher: s.Publisher, Language: string(m.Locale.Lang), Root: s.Root, BaseURL: s.BaseURL}
	if fs.Publisher == "" && m.Root != nil {
		fs.Publisher = m.Root.Name
	}
	if err := w.WriteFile(feed.FileName, feed.Feed(fs, feed.Entries(m.Articles), feedEntries)); err != nil {
		return err
	}
	var paths []string
	for _, j := range jobs {
		if j.page.Kind != "404" {
			paths = append(paths, pageFolder(j.page.Path))
		}
	}
	sitemap, ok := feed.Sitemap(s.BaseURL, paths)
	if ok {
		if err := w.WriteFile(feed.SitemapFileName, sitemap); err != nil {
			return err
		}
	}
	return w.WriteFile("robots.txt", feed.Robots(s.BaseURL, ok))
}
