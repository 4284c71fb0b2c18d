// Package serve is the live preview of `sitegen serve`: it builds the
// site into memory, exactly as `build` would write it, serves it over
// HTTP, rebuilds it when a file of data/, content/ or templates/ changes,
// and tells the open pages to reload. A rebuild that fails keeps the last
// good site, with its messages over every page.
//
// What serve adds to a page is added as it is served, never to the build:
// a script (client/reload.js, a file under a reserved path, so that a
// Content-Security-Policy without 'unsafe-inline' allows it) that listens
// for Server-Sent Events and draws the messages of a failed rebuild.
package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/history"
	"sitegen/internal/i18n"
	"sitegen/internal/par"
	"sitegen/internal/publish"
	"sitegen/internal/site"
)

// Reserved is the folder, under the site's base, of what serve itself
// serves: the reload script, its styles and the event stream. No page
// of a site lives under it (address.Folders has no name starting "_").
const Reserved = "_sitegen/"

// Options say what to serve and how.
type Options struct {
	// Src is the site folder; Prefix how the user names it, for messages
	// (as build.Options.Prefix).
	Src, Prefix string
	// Base is the path the site is served under, "/" or "/sub/path/", so
	// that the preview behaves as the intranet server does.
	Base string
	// Log is told, in the site's language, of each rebuild and its
	// messages; nil tells no one.
	Log io.Writer
}

// Server holds the last good build of a site in memory and serves it.
// It is safe for concurrent use.
type Server struct {
	opts Options
	base string
	// run names this run of serve in every build id, so that a page
	// opened from an earlier run reloads when serve starts again.
	run    string
	inject *template.Template
	// templates are kept from one rebuild to the next while none of
	// their files changes.
	templates build.Templates
	// history is the figure log's cache, kept so that a rebuild reads
	// only the commits made since the last one.
	history history.Cache
	// data is data/ as loaded, kept while none of its files changes,
	// and each file's decoding while that file does not.
	data data.Kept
	// articles are the articles as parsed, each kept while its file and
	// the data it cites do not change.
	articles content.Kept
	// model keeps each cell's figures while the data tells them the
	// same (data.Same).
	model site.Kept
	// gzip compresses the text files serve keeps (see stored).
	gzip *publish.Compressor
	// assets are the shared assets' compressed bytes, kept from one
	// rebuild to the next by name (see memory.kept).
	assets sync.Map // name → []byte

	mu      sync.Mutex // guards the fields below
	builds  int        // rebuilds finished, good or not
	good    *snapshot  // the last good build, whole; nil before the first
	loc     *i18n.Locale
	failure []Problem // the messages of the last rebuild, when it failed
	// state is the JSON event every page is sent, made once per rebuild.
	state []byte

	// shown, when set (by a test), is called once a rebuild's open
	// pages are written and shown, in the goroutine that wrote the last.
	shown func()

	listeners sync.Map // chan struct{} → the page it is open on, its name in the output ("" unknown)
	// current is the site served: good, or the next one while its pages
	// are still being written, or one whose rebuild was superseded.
	current atomic.Pointer[snapshot]
	// writing is the files of the rebuild under way, nil between them.
	writing atomic.Pointer[memory]
	// unfinished are the sites whose rebuilds were superseded after they
	// were shown, guarded by mu: a request waits for a file of one until
	// a newer site is shown (see show).
	unfinished []*snapshot
}

// snapshot is one good build: every file by its name in the output. It
// is served from the moment the pages open in a browser are written, so
// files come into it while it is served; complete is closed when the
// rebuild that makes it ends, and a file not yet in it is waited for
// until then (see find).
type snapshot struct {
	id       string
	mem      *memory
	complete chan struct{}
}

// file is the file of the snapshot by its name: as kept, or the maker of
// a file made when first asked for (render.LazyWriter).
func (snap *snapshot) file(name string) (f stored, make func() (stored, error), found bool) {
	snap.mem.mu.RLock()
	defer snap.mem.mu.RUnlock()
	if f, ok := snap.mem.files[name]; ok {
		return f, nil, true
	}
	make, found = snap.mem.lazy[name]
	return stored{}, make, found
}

// Problem is one message of a failed rebuild as the overlay lists it:
// Place is "file:line:col" (empty when the message names no file), Text
// what is wrong and what to do, in the site's language.
type Problem struct {
	Place string `json:"place"`
	Text  string `json:"text"`
}

// New returns a server of the site opts name; it serves nothing good
// until the first Rebuild.
func New(opts Options) *Server {
	s := &Server{
		opts:   opts,
		base:   CleanBase(opts.Base),
		run:    strconv.FormatInt(time.Now().UnixNano(), 36),
		inject: template.Must(template.ParseFS(client, "client/inject.html", "client/waiting.html")),
		loc:    i18n.New(""),
		gzip:   &publish.Compressor{Level: gzip.BestSpeed},
	}
	s.state = s.makeState()
	return s
}

// CleanBase makes a sub-path of the command line the form Base is used
// in: one leading and one trailing slash ("sub/path" → "/sub/path/").
func CleanBase(base string) string {
	p := path.Clean("/" + strings.Trim(base, "/"))
	if p == "/" {
		return p
	}
	return p + "/"
}

// Outcome says what one rebuild did.
type Outcome struct {
	Pages    int       // pages built; 0 when it failed
	Problems []Problem // why it failed; none when it did not
	// Superseded says the rebuild stopped once it had shown the pages
	// open in a browser, for a newer change came (see Server.supersede).
	Superseded bool
	Duration   time.Duration // from its start to its end (the open pages are served sooner)
}

// Rebuild builds the site into memory again. When it succeeds the new
// site is served from then on; when it fails the last good one stays,
// and every page shows the problems. Either way every open page is told.
// The pages open in a browser are rendered first, and the new site is
// served, and they are told, as soon as they are written: a request for
// a file of it not yet written waits for it (see find), so that every
// page served is of the new site while the rest is made. Rebuilds are
// not meant to run at once (Watch runs one at a time).
func (s *Server) Rebuild() Outcome {
	start := time.Now()
	s.mu.Lock()
	next := &snapshot{id: s.run + "-" + strconv.Itoa(s.builds+1), complete: make(chan struct{})}
	s.mu.Unlock()
	first := s.openPages()
	next.mem = &memory{
		files: make(map[string]stored), lazy: make(map[string]func() (stored, error)),
		gzip: s.gzip, assets: &s.assets,
		waiting: setOf(first), ready: func() {
			s.show(next, nil)
			if s.shown != nil {
				s.shown()
			}
		},
	}
	s.writing.Store(next.mem)
	res, diags, err := s.build(next.mem, first)
	s.writing.Store(nil)
	if errors.Is(err, errSuperseded) {
		// The open pages are shown, of a site that is right; the rest of
		// it is made by the rebuild of the newer change, which ends the
		// wait of a request for a file of it (see show).
		s.mu.Lock()
		s.builds++
		s.unfinished = append(s.unfinished, next)
		s.mu.Unlock()
		out := Outcome{Superseded: true, Duration: time.Since(start)}
		s.tell(s.Locale(), diags, out)
		return out
	}
	problems := problemsOf(diags, err)
	s.mu.Lock()
	s.builds++
	if res.Locale != nil {
		s.loc = res.Locale
	}
	loc := s.loc
	if problems == nil {
		s.good = next
	}
	s.mu.Unlock()
	s.show(s.good, problems)
	close(next.complete) // after show: a request waiting for it then finds the site served
	out := Outcome{Pages: res.Pages, Problems: problems, Duration: time.Since(start)}
	s.tell(loc, diags, out)
	return out
}

// supersede tells the rebuild under way, if any, that a newer change
// came: once it has shown the pages open in a browser it stops, and the
// rebuild of the newer change makes the whole site.
func (s *Server) supersede() {
	if m := s.writing.Load(); m != nil {
		m.stop.Store(true)
	}
}

// show serves snap (nil: none yet) with the problems of the last rebuild,
// and tells every open page, unless they were told that already.
func (s *Server) show(snap *snapshot, problems []Problem) {
	s.mu.Lock()
	s.current.Store(snap)
	for _, u := range s.unfinished {
		close(u.complete) // its waiting requests look again, in snap
	}
	s.unfinished = nil
	s.failure = problems
	was := s.state
	s.state = s.makeState()
	told := bytes.Equal(was, s.state) // the open pages, shown before the rest was made
	s.mu.Unlock()
	if !told {
		s.notify()
	}
}

// openPages are the pages open in a browser, by their names in the
// output, sorted: the pages a rebuild renders first. A page the site
// served has not (a tab showing the page of a missing address) is left
// out: the rebuild most likely makes it neither, and the open pages are
// shown only once every one of them is written.
func (s *Server) openPages() []string {
	served := s.current.Load()
	var out []string
	s.listeners.Range(func(_, v any) bool {
		name := v.(string)
		if name == "" || slices.Contains(out, name) {
			return true
		}
		if served != nil {
			if _, _, ok := served.file(name); !ok {
				return true
			}
		}
		out = append(out, name)
		return true
	})
	slices.Sort(out)
	return out
}

func setOf(names []string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// build is build.Render into mem. A panic of it (raised again in this
// goroutine by internal/par) is one more message of a failed rebuild:
// serve goes on serving the last good site, as for any other failure.
func (s *Server) build(mem *memory, first []string) (res build.Result, diags diag.List, err error) {
	defer func() {
		if v := recover(); v != nil {
			if p, ok := v.(*par.Panic); ok {
				v = p.Value
			}
			err = fmt.Errorf("%s: %v", s.Locale().T("internal.error"), v)
		}
	}()
	return build.Render(s.opts.Src, mem, build.Options{Prefix: s.opts.Prefix, Wait: -1, Templates: &s.templates, History: &s.history, Data: &s.data, Articles: &s.articles, Model: &s.model, First: first})
}

// tell says on the log what a rebuild did: every message of it, as
// `build` prints them, and one line of its outcome.
func (s *Server) tell(loc *i18n.Locale, diags diag.List, out Outcome) {
	if s.opts.Log == nil {
		return
	}
	for _, d := range diags {
		fmt.Fprintln(s.opts.Log, d.Error())
	}
	if out.Problems != nil {
		if len(diags.Errors()) == 0 { // said by no diagnostic
			for _, p := range out.Problems {
				fmt.Fprintln(s.opts.Log, p.line())
			}
		}
		fmt.Fprintln(s.opts.Log, loc.T("serve.failed", len(out.Problems)))
		return
	}
	if out.Superseded {
		fmt.Fprintln(s.opts.Log, loc.T("serve.superseded", loc.Seconds(out.Duration)))
		return
	}
	fmt.Fprintln(s.opts.Log, loc.T("serve.rebuilt", out.Pages, loc.Seconds(out.Duration)))
}

func (p Problem) line() string {
	if p.Place == "" {
		return p.Text
	}
	return p.Place + ": " + p.Text
}

// placed is an error of the build that starts with its place, as a
// template error does: "templates/cell.html:12:5: …".
var placed = regexp.MustCompile(`^([^\s:]+:\d+(?::\d+)?): (.*)$`)

// problemsOf are the messages of a failed build: each error diagnostic,
// then err; nil when the build did not fail.
func problemsOf(diags diag.List, err error) []Problem {
	var out []Problem
	for _, d := range diags.Errors() {
		place := d.Path
		if d.Line > 0 {
			place += ":" + strconv.Itoa(d.Line)
			if d.Col > 0 {
				place += ":" + strconv.Itoa(d.Col)
			}
		}
		text := d.Msg
		if d.Help != "" {
			text += "; " + d.Help
		}
		out = append(out, Problem{Place: place, Text: text})
	}
	if err != nil {
		for _, msg := range strings.Split(err.Error(), "\n") {
			if m := placed.FindStringSubmatch(msg); m != nil {
				out = append(out, Problem{Place: m[1], Text: m[2]})
			} else {
				out = append(out, Problem{Text: msg})
			}
		}
	}
	return out
}

// state is what every open page is told after a rebuild: the id of the
// site served (a page of another id reloads), and the problems of the
// last rebuild with the words of the overlay, in the site's language.
type state struct {
	Build    string    `json:"build"`
	Problems []Problem `json:"problems"`
	Title    string    `json:"title"`
	Hint     string    `json:"hint"`
	Copied   string    `json:"copied"`
}

// makeState is called with s.mu held.
func (s *Server) makeState() []byte {
	st := state{
		Problems: s.failure,
		Title:    s.loc.T("serve.overlay.title", len(s.failure)),
		Hint:     s.loc.T("serve.overlay.hint"),
		Copied:   s.loc.T("serve.overlay.copied"),
	}
	if snap := s.current.Load(); snap != nil {
		st.Build = snap.id
	}
	if st.Problems == nil {
		st.Problems = []Problem{}
	}
	b, err := json.Marshal(st)
	if err != nil {
		panic(err) // strings and slices of strings always marshal
	}
	return b
}

// memory is a render.LazyWriter that keeps the files, and calls ready
// once every file of waiting is written.
type memory struct {
	gzip    *publish.Compressor
	assets  *sync.Map // name → []byte
	mu      sync.RWMutex
	files   map[string]stored
	lazy    map[string]func() (stored, error) // kept as WriteFile keeps a file, once made
	waiting map[string]bool
	ready   func()
	// shown is set once ready was called; stop (supersede) asks the
	// rest of the rebuild to end, which it does once shown.
	shown bool
	stop  atomic.Bool
}

// errSuperseded ends the rest of a rebuild whose open pages were shown
// when a newer change came (see Server.supersede).
var errSuperseded = errors.New("serve: superseded by a newer change")

// stored is a file as serve keeps it: a text file gzip-compressed, the
// others as built. serve holds the site it serves while it builds the
// next one; the large site's 520 MB of files, twice, made serve's memory
// three times a build's.
type stored struct {
	data    []byte
	gzipped bool
}

// plain is the file's bytes as built.
func (f stored) plain() ([]byte, error) {
	if !f.gzipped {
		return f.data, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(f.data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func (m *memory) WriteLazy(name string, make func() ([]byte, error)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shown && m.stop.Load() {
		return errSuperseded
	}
	m.lazy[name] = sync.OnceValues(func() (stored, error) {
		b, err := make()
		if err != nil {
			return stored{}, err
		}
		return m.kept(name, b)
	})
	return nil
}

func (m *memory) WriteFile(name string, data []byte) error {
	m.mu.RLock()
	stop := m.shown && m.stop.Load()
	m.mu.RUnlock()
	if stop {
		return errSuperseded
	}
	f, err := m.kept(name, data)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = f
	was := len(m.waiting)
	delete(m.waiting, name)
	ready := was == 1 && len(m.waiting) == 0
	m.shown = m.shown || ready
	m.mu.Unlock()
	if ready {
		m.ready()
	}
	return nil
}

// kept is a file as memory keeps it: a text file compressed, the others
// copied (the renderer reuses its buffers).
func (m *memory) kept(name string, data []byte) (stored, error) {
	if !publish.Compressible(name) {
		return stored{data: bytes.Clone(data)}, nil
	}
	// The shared assets are the same on nearly every rebuild, and
	// ECharts (1 MB) was most of what the sample site's rebuild
	// compressed: each is compressed again only when it changed, which
	// its name says, for it holds a hash of its bytes.
	asset := publish.HashedAsset(name)
	if asset {
		if gz, ok := m.assets.Load(name); ok {
			return stored{data: gz.([]byte), gzipped: true}, nil
		}
	}
	var f stored
	err := m.gzip.Compress(data, func(gz []byte) error {
		f = stored{data: bytes.Clone(gz), gzipped: true}
		return nil
	})
	if err == nil && asset {
		m.assets.Store(name, f.data)
	}
	return f, err
}

// ServeHTTP serves the last good site under the base, and serve's own
// files under Reserved.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, s.base)
	if !ok {
		if r.URL.Path+"/" == s.base || r.URL.Path == "/" {
			http.Redirect(w, r, s.base, http.StatusFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	if own, ok := strings.CutPrefix(rel, Reserved); ok {
		s.serveOwn(w, r, own)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	name := fileName(rel)
	snap, f, found, err := s.find(r.Context(), name)
	switch {
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	case snap == nil:
		s.serveWaiting(w)
		return
	case !found:
		if _, _, dir := snap.file(name + "/index.html"); dir {
			http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
			return
		}
		name = "404.html"
		f, _, _ = snap.file(name)
	}
	body := f.data
	if f.gzipped {
		w.Header().Set("Vary", "Accept-Encoding")
	}
	switch {
	case path.Ext(name) == ".html":
		page, err := f.plain()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		body = s.injected(page, snap.id)
	case f.gzipped && acceptsGzip(r):
		w.Header().Set("Content-Encoding", "gzip")
	case f.gzipped:
		var err error
		if body, err = f.plain(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", contentType(name))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if !found {
		w.WriteHeader(http.StatusNotFound)
	}
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// fileName is the name in the output of a path under the site's base:
// a folder's is its index.html.
func fileName(rel string) string {
	if rel == "" || strings.HasSuffix(rel, "/") {
		return rel + "index.html"
	}
	return rel
}

// find is the file called name in the site served, waited for while
// that site is still being written (a request made as soon as the open
// pages were shown), so that a file is never of an earlier site nor
// missing for being not yet written. snap is nil before the first good
// build; found is false for a file the site has not.
func (s *Server) find(ctx context.Context, name string) (snap *snapshot, f stored, found bool, err error) {
	for {
		snap = s.current.Load()
		if snap == nil {
			return nil, stored{}, false, nil
		}
		complete := false
		select {
		case <-snap.complete:
			complete = true
		default:
		}
		f, make, found := snap.file(name)
		if make != nil {
			f, err := make()
			return snap, f, err == nil, err
		}
		if found || complete {
			return snap, f, found, nil
		}
		select {
		case <-snap.complete:
			// Written by now, or not in the site; or the rebuild failed
			// after its first pages were shown, and the last good site
			// is served again: look again in the site served.
		case <-ctx.Done():
			return nil, stored{}, false, ctx.Err()
		}
	}
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (every browser's does).
func acceptsGzip(r *http.Request) bool {
	for _, e := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(e), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := 1.0
			if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				q, _ = strconv.ParseFloat(v, 64) // not a number: not accepted
			}
			return q > 0
		}
	}
	return false
}

// contentType is the type of a file of the site by its name.
func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream" // LICENSE, NOTICE: shown as text by no browser, downloaded
}

// injected is page with serve's script before its last </body>.
func (s *Server) injected(page []byte, id string) []byte {
	var tag bytes.Buffer
	if err := s.inject.ExecuteTemplate(&tag, "inject.html", s.injectData(id)); err != nil {
		panic(err) // the template is ours, and its data two strings
	}
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+tag.Len())
	out = append(out, page[:at]...)
	out = append(out, tag.Bytes()...)
	return append(out, page[at:]...)
}

// Locale is the language of the site, as its last build knew it; the
// default language before any build read it.
func (s *Server) Locale() *i18n.Locale {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loc
}

// Rebuilds is how many rebuilds have finished, good or not.
func (s *Server) Rebuilds() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.builds
}

// Current is the id of the site served, "" before the first good build.
func (s *Server) Current() string {
	if snap := s.current.Load(); snap != nil {
		return snap.id
	}
	return ""
}

func (s *Server) injectData(id string) map[string]string {
	return map[string]string{"Base": s.base, "Build": id, "Reserved": Reserved}
}

// serveWaiting answers every page before the first good build: a page
// that shows the problems of the failed build, and reloads into the site
// as soon as one builds.
func (s *Server) serveWaiting(w http.ResponseWriter) {
	s.mu.Lock()
	loc := s.loc
	s.mu.Unlock()
	data := s.injectData("")
	data["Lang"] = string(loc.Lang)
	data["Title"] = loc.T("serve.waiting")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	if err := s.inject.ExecuteTemplate(w, "waiting.html", data); err != nil {
		panic(err)
	}
}
