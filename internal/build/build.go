// Package build runs the pipeline stages in order, for the command line:
// load and check data/, then content/, then (for a build) the site model,
// the pages, and the atomic publish.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/history"
	"sitegen/internal/i18n"
	"sitegen/internal/made"
	"sitegen/internal/par"
	"sitegen/internal/publish"
	"sitegen/internal/render"
	"sitegen/internal/site"
	"sitegen/internal/sitefs"
	"sitegen/internal/version"
)

// Input is everything read and checked from a site folder.
type Input struct {
	Data     *data.Data
	Articles []*content.Article
}

// Check reads and checks the site in fsys; prefix is how the user names
// the site folder, for messages. It returns every diagnostic, sorted.
// The articles are checked whenever the data can be read, errors in it
// or not, so that one run says every mistake: against partial data
// then (see data.Data.Partial), and the Input is not for a build.
func Check(fsys fs.FS, prefix string) (*Input, diag.List) {
	return check(fsys, Options{Prefix: prefix})
}

// check is Check with what opts keep from the build before.
func check(fsys fs.FS, opts Options) (*Input, diag.List) {
	prefix := opts.Prefix
	var (
		d     *data.Data
		diags diag.List
	)
	// The articles are listed while data/ loads: listing asks nothing of
	// the data.
	var listing *content.Listing
	// serve's Kept tells an unchanged file by its stat; one read back
	// from an earlier build has none (see content.DecodeKept).
	listed := par.Go(func() { listing = content.List(fsys, opts.Articles != nil) })
	if opts.Data != nil {
		d, diags = data.LoadKept(fsys, prefix, opts.Data)
	} else {
		d, diags = data.Load(fsys, prefix)
	}
	listed()
	in := &Input{Data: d}
	if d != nil {
		k := opts.Articles
		if opts.kept != nil {
			k = opts.kept()
		}
		arts, more := content.LoadListed(fsys, listing, prefix, d, k)
		diags = append(diags, more...)
		in.Articles = arts
	}
	diags.Sort()
	return in, diags
}

// Options tune a build.
type Options struct {
	// Prefix is how the user names the site folder, for messages (as
	// Check's prefix): "" for the working directory.
	Prefix string
	// Wait is how long a build waits while another build writes into the
	// same output folder: 0 means DefaultWait; a negative Wait does not
	// wait.
	Wait time.Duration
	// Log is told, in the site's language, what the build waits for;
	// nil tells no one.
	Log io.Writer
	// Force lets the build replace an output folder that holds files
	// no build wrote, or no manifest (see publish.CheckOut): for an
	// admin who has looked at the folder, e.g. once after upgrading from
	// a sitegen that wrote no manifest.
	Force bool
	// Gzip writes beside each text file its gzip-compressed copy,
	// name+".gz", for web servers that send it as it is (nginx's
	// gzip_static); see publish.Gzipped.
	Gzip bool
	// NoImages leaves out the SVG image of every chart (sitegen build
	// -no-images): pages then neither link nor print them.
	NoImages bool
	// Templates, when set, keeps the parsed templates from one build to
	// the next (see Templates); nil parses them for each build.
	Templates *Templates
	// First are pages rendered before the others (see
	// render.Options.First): serve's, those open in a browser.
	First []string
	// Fresh ignores what the previous build into the same output left
	// for the next (sitegen build -fresh): the figure log's cache, the
	// articles as parsed (see content.DecodeKept), and the pages,
	// downloads and workbooks it made (see package made). All are
	// checked before they are used, so this is for a build
	// that must be shown to owe nothing to an earlier one, or after a
	// doubt about who wrote the output folder.
	Fresh bool
	// History, when set, keeps the figure log's cache from one build to
	// the next (serve); nil reads it from the output's .sitegen/ folder
	// (Build) or computes the log afresh.
	History *history.Cache
	// Data, when set, keeps data/ as loaded from one build to the next
	// (serve; see data.Kept); nil loads it afresh.
	Data *data.Kept
	// Articles, when set, keeps the articles as parsed from one build to
	// the next (serve; see content.Kept); nil parses every one.
	Articles *content.Kept
	// Model, when set, keeps the figures of the cells from one build to
	// the next (serve; see site.Kept); nil asks every cell's.
	Model *site.Kept

	// kept, when set and Articles is not, gives the articles the last
	// build into the same output kept (see startReadKept), once read.
	kept func() *content.Kept
}

// Templates keeps the templates a build parsed, for the next build of
// the same site while every template and asset it read is the same:
// serve rebuilds on every save, most saves are of data/ or content/, and
// parsing and escaping the templates is a sixth of a rebuild of a small
// site. A changed file is found by comparing what it reads now with what
// it read, so no watcher has to say which files changed. It is safe for
// concurrent use.
type Templates struct {
	mu   sync.Mutex
	r    *render.Renderer
	read map[string][]byte // by path under templates/, what r was made of
}

// renderer is the Renderer of the templates and assets of fsys: the kept
// one while they read the same, else a new one, kept for the next build.
func (t *Templates) renderer(fsys fs.FS) (*render.Renderer, error) {
	if t == nil {
		return render.New(fsys)
	}
	source := render.Sources(fsys)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.r != nil && t.same(source) {
		return t.r, nil
	}
	t.r, t.read = nil, make(map[string][]byte)
	r, err := render.NewFrom(func(name string) ([]byte, error) {
		b, err := source(name)
		if err == nil {
			t.read[name] = b
		}
		return b, err
	})
	if err == nil {
		t.r = r
	}
	return r, err
}

// same reports whether every file the kept Renderer was made of reads as
// it did.
func (t *Templates) same(source func(string) ([]byte, error)) bool {
	for name, was := range t.read {
		if b, err := source(name); err != nil || !bytes.Equal(b, was) {
			return false
		}
	}
	return true
}

// output is what the pages are written to: w, and the gzip copies with
// them when asked for.
func (o Options) output(w publish.FileWriter) publish.FileWriter {
	if o.Gzip {
		return publish.Gzipped(w)
	}
	return w
}

// DefaultWait is how long a build waits for another build into the same
// output folder (a hook that fired twice): a large site builds in under
// a minute, so a build still running after ten is taken to hang.
const DefaultWait = 10 * time.Minute

// Result says what a build did.
type Result struct {
	Pages    int           // pages written (not assets)
	Reused   int           // pages, downloads and workbooks taken from the previous build (see package made)
	Taken    int           // articles taken as the previous build parsed them (see content.DecodeKept)
	Duration time.Duration // from the start of Check to the swap; never written into the output
	// Notes say what the build left out and why (no sitemap.xml without
	// base_url), in the site's language, for the command to print.
	Notes []string
	// Locale is the site's language, for what the command says of the
	// build.
	Locale *i18n.Locale
}

// Build checks the site in folder src and, when there is no error, writes
// it to out atomically: into a folder beside out that replaces out only
// when every page is written. Diagnostics (warnings too) come back sorted;
// when they hold an error nothing is written and err is nil, so the
// caller prints them as check does; a file of templates/ the site folder
// refuses (see sitefs) is one of them. err is for what stops a build that
// is not a mistake in data/ or content/: a refused output folder, a
// template error, a disk error, another build into out that kept it too
// long. On any failure the previous out is left as it was. Builds into
// one out take turns (see takeTurn). Build changes nothing of the
// process (the command sets its memory limit).
func Build(src, out string, opts Options) (Result, diag.List, error) {
	fsys := sitefs.New(src)
	pubOpts := publish.Options{Force: opts.Force}
	// The output is checked once before the build takes its turn, and
	// again only when it waited for another build, which may have left
	// the folder otherwise; the commit checks it once more, last.
	checked := publish.CheckOut(src, out, pubOpts)
	var waited bool
	lock, err := takeTurn(fsys, opts, checked == nil, out, outputDest(out), func(wait time.Duration, waiting func(int)) (*publish.OutputLock, error) {
		return publish.LockOutput(out, wait, func(pid int) {
			waited = true
			waiting(pid)
		})
	})
	if err != nil {
		return Result{}, nil, err
	}
	defer lock.Unlock()
	start := time.Now()
	prev, err := publish.OpenOutput(out)
	if err != nil {
		prev = nil // no earlier build: nothing to reuse
	}
	defer prev.Close()
	var cacheErr error
	if opts.History == nil {
		opts.History, cacheErr = readCache(prev, opts.Fresh)
	}
	var (
		mc      *made.Cache
		madeErr error
	)
	program := sync.OnceValues(made.Program) // made and the articles are keyed by it
	kept := startReadKept(&opts, prev, program)
	// The files the index names are read through the output being
	// written (tx, begun once the site is checked), which then links a
	// file it read from the previous output instead of comparing it again.
	var tx *publish.Tx
	madeOpened := par.Go(func() {
		mc, madeErr = openMade(prev, opts.Fresh, program, func(name string) ([]byte, error) { return tx.ReadPrevious(name) })
	})
	p, diags, err := prepare(fsys, src, opts, func(*i18n.Locale) error {
		if waited {
			return publish.CheckOut(src, out, pubOpts)
		}
		return checked
	})
	madeOpened()
	if p == nil {
		return Result{}, diags, err
	}
	failed := func(err error) error {
		return failedOn(p.loc, p.said(err), outputDest(out))
	}
	tx, err = publish.Begin(out, pubOpts)
	if err != nil {
		return Result{}, diags, failed(err)
	}
	defer tx.Abort() // does nothing once committed
	if err := kept.write(tx, program); err != nil {
		return Result{}, diags, failed(err)
	}
	pages, err := p.r.RenderWith(p.model, opts.output(tx), render.Options{NoImages: opts.NoImages, Made: mc})
	if err != nil {
		return Result{}, diags, failed(err)
	}
	if err := writeCache(tx, opts.History, mc); err != nil {
		return Result{}, diags, failed(err)
	}
	if err := tx.Commit(); err != nil {
		return Result{}, diags, failed(err) // an output that cannot be renamed
	}
	notes := append(p.notes(out, cacheErr), p.madeNotes(out, mc, madeErr)...)
	notes = append(notes, p.keptNotes(out, kept)...)
	return Result{Pages: pages, Reused: mc.Reused(), Taken: kept.taken, Duration: time.Since(start), Notes: notes, Locale: p.loc}, diags, nil
}

// Render checks the site in folder src and, when there is no error,
// hands every file of it to w: the same files, with the same bytes, that
// Build writes. It is the build of `serve`, which keeps the site in
// memory. Diagnostics and err are as Build's; nothing is handed to w
// when the site has an error.
func Render(src string, w render.Writer, opts Options) (Result, diag.List, error) {
	start := time.Now()
	p, diags, err := prepare(sitefs.New(src), src, opts, func(*i18n.Locale) error { return nil })
	if p == nil {
		return Result{}, diags, err
	}
	pages, err := p.r.RenderWith(p.model, w, render.Options{NoImages: opts.NoImages, First: opts.First})
	if err != nil {
		return Result{Locale: p.loc}, diags, err
	}
	return Result{Pages: pages, Duration: time.Since(start), Notes: p.notes("", nil), Locale: p.loc}, diags, nil
}

// readCache reads the figure log's cache the last build into prev (an
// output, or the release of the last publish; nil when there is none)
// left, unless fresh. A cache that does not read is said (the error
// returned) and not used; none at all is no error.
func readCache(prev *publish.Output, fresh bool) (*history.Cache, error) {
	if prev == nil || fresh {
		return history.NewCache(), nil
	}
	b, err := prev.ReadState(history.CacheName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return history.NewCache(), nil // an earlier build without a cache
	case err != nil:
		return history.NewCache(), err
	}
	return history.DecodeCache(b)
}

// openMade opens the index of made files (pages, downloads, workbooks)
// the last build into prev left, unless fresh; the error is an index
// ignored, to be said. A program that cannot read its own executable
// has no key to tell its files from another's, and makes every file (a
// nil cache). read reads a file of prev (see publish.Tx.ReadPrevious).
func openMade(prev *publish.Output, fresh bool, programKey func() (made.Key, error), read func(name string) ([]byte, error)) (*made.Cache, error) {
	program, err := programKey()
	if err != nil {
		return nil, nil
	}
	if prev == nil || fresh {
		return made.Open(nil, fs.ErrNotExist, nil, program)
	}
	index, err := prev.ReadState(made.IndexName)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c, _ := made.Open(nil, err, read, program) // one that does not read: none, and said
		return c, err
	}
	return made.Open(index, err, read, program)
}

// keptArticles are the articles the last build into an output kept for
// this one, as read (see startReadKept).
type keptArticles struct {
	wait  func()
	k     *content.Kept // nil: none to keep (serve keeps its own, or no program key), or written
	err   error         // a Kept ignored, to be said
	read  error         // a Kept that could not be read, to be said
	taken int           // articles the load took from k
}

// startReadKept starts reading the articles the last build into prev
// kept for this one (content.KeptName), unless opts asks for a fresh
// build or keeps its own (serve), and has opts wait for them before the
// articles are loaded. The articles are keyed by the program
// (programKey): one that cannot read its own executable keeps none.
func startReadKept(opts *Options, prev *publish.Output, programKey func() (made.Key, error)) *keptArticles {
	ka := &keptArticles{wait: func() {}}
	if opts.Articles != nil {
		return ka
	}
	ka.wait = par.Go(func() {
		program, err := programKey()
		if err != nil {
			return
		}
		if prev == nil || opts.Fresh {
			ka.k = &content.Kept{}
			return
		}
		b, err := prev.ReadState(content.KeptName)
		if err != nil {
			ka.k = &content.Kept{} // an earlier build that kept none, or one that does not read
			if !errors.Is(err, fs.ErrNotExist) {
				ka.read = err
			}
			return
		}
		ka.k, ka.err = content.DecodeKept(b, program)
	})
	opts.kept = func() *content.Kept { ka.wait(); return ka.k }
	return ka
}

// write writes the articles kept, as this build's load left them, into
// the output for the next build (tx), keyed by the program, and lets
// them go: what the load kept of each article, and the questions it
// asked, would otherwise stay in memory through the render for a file
// that can be written now.
func (ka *keptArticles) write(tx *publish.Tx, programKey func() (made.Key, error)) error {
	ka.wait()
	k := ka.k
	program, err := programKey()
	if k == nil || err != nil {
		return nil
	}
	ka.k, ka.taken = nil, k.Taken()
	return tx.WriteStateWith(content.KeptName, func(w io.Writer) error { return k.Encode(w, program) })
}

// writeCache leaves in the output, for the next build, the figure log's
// cache and the index of the made files (mc; nil leaves none).
func writeCache(tx *publish.Tx, c *history.Cache, mc *made.Cache) error {
	b, err := c.Encode()
	if err != nil {
		return err
	}
	if err := tx.WriteState(history.CacheName, b); err != nil {
		return err
	}
	if mc == nil {
		return nil
	}
	return tx.WriteState(made.IndexName, mc.Encode())
}

// keptNotes say why the articles the last build into out kept were not
// read, when that is not what the user asked for.
func (p *prepared) keptNotes(out string, ka *keptArticles) []string {
	name := path.Join(out, ".sitegen", content.KeptName)
	switch {
	case ka.read != nil:
		return []string{p.loc.T("articles.cache.unread", name, p.stateProblem(ka.read))}
	case ka.err == nil:
		return nil
	case errors.Is(ka.err, content.ErrKeptProgram):
		return []string{p.loc.T("articles.cache.ignored.program", name)}
	default:
		return []string{p.loc.T("articles.cache.ignored", name)}
	}
}

// stateProblem says in the site's language why a file of the output's
// .sitegen/ folder was not read, or not read as a cache: the system's
// words only for a reason sitegen has none of its own for.
func (p *prepared) stateProblem(err error) string {
	switch {
	case errors.Is(err, history.ErrCache):
		return p.loc.T("state.damaged")
	case errors.Is(err, publish.ErrNotRegular):
		return p.loc.T("state.not-file")
	case errors.Is(err, publish.ErrTooLarge):
		return p.loc.T("state.too-large")
	case errors.Is(err, fs.ErrPermission):
		return p.loc.T("state.permission")
	}
	return err.Error()
}

// indexProblem says in the site's language why an index of made files
// does not read.
func (p *prepared) indexProblem(err error) string {
	var ie *made.IndexError
	if !errors.As(err, &ie) {
		return p.stateProblem(err)
	}
	var why string
	if ie.Problem == made.Twice {
		why = p.loc.T(string(ie.Problem), ie.Name)
	} else {
		why = p.loc.T(string(ie.Problem))
	}
	if ie.Line > 0 {
		return p.loc.T("made.index.at", ie.Line, why)
	}
	return why
}

// madeNotes say what of the made files of the last build into out was
// not taken though asked for: an index ignored (err), files changed
// since that build.
func (p *prepared) madeNotes(out string, mc *made.Cache, err error) []string {
	var notes []string
	index := path.Join(out, ".sitegen", made.IndexName)
	switch {
	case errors.Is(err, made.ErrProgram):
		notes = append(notes, p.loc.T("made.ignored.program", index))
	case err != nil:
		notes = append(notes, p.loc.T("made.ignored", index, p.indexProblem(err)))
	}
	if changed := mc.Changed(); len(changed) > 0 {
		notes = append(notes, p.loc.T("made.changed", len(changed), path.Join(out, changed[0])))
	}
	return notes
}

// notes are what the build says beside its result: what the renderer
// left out, why there is no figure log, and a cache of the log (in out)
// that was ignored (cacheErr).
func (p *prepared) notes(out string, cacheErr error) []string {
	notes := p.r.Notes(p.model)
	// A site kept outside git is common and its log page says why it has
	// none; a shallow clone, or a repository git cannot read, is a
	// mistake of the setup, said beside the result.
	if l := p.model.Log; l != nil && l.Missing != "" && l.Missing != history.MissingNoGit {
		notes = append(notes, p.loc.T(l.Missing))
	}
	if cacheErr != nil {
		notes = append(notes, p.loc.T("history.cache.ignored", path.Join(out, ".sitegen", history.CacheName), p.stateProblem(cacheErr)))
	}
	return notes
}

// prepared is a site read and checked, with its model and renderer,
// ready to be written.
type prepared struct {
	loc   *i18n.Locale
	model *site.Model
	r     *render.Renderer
}

// prepare reads and checks the site in src (fsys), finds its data
// version, and makes its model and renderer. allowed says whether the
// destination may be written; it is asked once the site's language is
// known (loc), so that a refusal is said in it, and before anything is
// written. prepare returns nil when the site has an error (in diags, err
// nil) or the destination is refused (err).
func prepare(fsys *sitefs.FS, src string, opts Options, allowed func(loc *i18n.Locale) error) (*prepared, diag.List, error) {
	// The data version asks git (or hashes data/) and reads nothing the
	// checks make: it is found while they run.
	var (
		ver     version.Version
		verWarn *version.Warning
		verErr  error
	)
	versionFound := par.Go(func() { ver, verWarn, verErr = version.Of(src) })
	// So is the figure log, from git and its cache.
	var log *site.Log
	logFound := par.Go(func() { log = history.Read(src, opts.History) })
	in, diags := check(fsys, opts)
	if diags.HasErrors() {
		versionFound()
		logFound()
		return nil, diags, nil
	}
	p := &prepared{loc: siteLocale(in.Data)}
	if err := allowed(p.loc); err != nil {
		versionFound()
		logFound()
		return nil, diags, p.said(err)
	}
	// The figures articles cite stay: a cell's page shows every count an
	// article cited, and the pages write them from the articles' bodies.
	p.model = site.NewKept(in.Data, in.Articles, opts.Model)
	versionFound()
	logFound()
	p.model.Log = log
	if verErr != nil {
		return nil, diags, verErr
	}
	if verWarn != nil {
		diags = append(diags, versionWarning(p.loc, opts.Prefix, ver, verWarn))
		diags.Sort()
	}
	p.model.Version = ver
	r, err := opts.Templates.renderer(fsys)
	if err != nil {
		// A template or asset the site folder refused (a link out of it,
		// a named pipe, a file too large) is a mistake in the site, said
		// as check says the others.
		var refused *sitefs.Error
		if errors.As(err, &refused) {
			diags = append(diags, refused.Diagnostic(p.loc, opts.Prefix))
			diags.Sort()
			return nil, diags, nil
		}
		return nil, diags, err
	}
	p.r = r
	return p, diags, nil
}

// said gives a refused output or publish folder its message in the
// site's language (see saidIn).
func (p *prepared) said(err error) error { return saidIn(p.loc, err) }

// saidIn gives a refused output or publish folder its message in loc,
// from its key in the catalogue.
func saidIn(loc *i18n.Locale, err error) error {
	var oe *publish.OutputError
	if errors.As(err, &oe) {
		oe.Reason = loc.T(oe.Key, oe.Args...)
	}
	return err
}

// versionWarning says, as a warning about data/, why the data version
// ver is not a commit: what git could not answer, or the files of data/
// not committed.
func versionWarning(loc *i18n.Locale, prefix string, ver version.Version, w *version.Warning) *diag.Diagnostic {
	d := &diag.Diagnostic{Path: path.Join(prefix, "data") + "/", Severity: diag.Warning, Marker: loc.T("diag.warning")}
	if w.Key == version.WarnDirty {
		const shown = 5
		files := make([]string, 0, shown)
		for _, f := range w.Files[:min(len(w.Files), shown)] {
			files = append(files, path.Join(prefix, f))
		}
		list := strings.Join(files, ", ")
		if more := len(w.Files) - len(files); more > 0 {
			list = loc.T("version.files.more", list, more)
		}
		d.Msg, d.Help = loc.T(w.Key, list, ver.ID), loc.T("version.dirty.help")
		return d
	}
	why := w.Args[0].(*version.Reason)
	d.Msg, d.Help = loc.T(w.Key, ver.ID, loc.T(why.Key, why.Args...)), loc.T("version.not-commit.help")
	return d
}

// takeTurn waits for this build's turn at the output folder out (see
// publish.LockOutput; lock takes it) and takes it, before anything of
// the site is read, so that of two builds fired at once the later reads
// the data after the earlier has published. An output folder that is
// refused (ok false) gets no lock: the build refuses it, once the site's
// language is known, and no lock file is made beside it. While another
// build holds the turn, Log is told so; after opts.Wait the build gives
// up. Both are said in the site's language, read from data/ only when
// needed.
func takeTurn(fsys fs.FS, opts Options, ok bool, out string, dest destination, lock func(wait time.Duration, waiting func(pid int)) (*publish.OutputLock, error)) (*publish.OutputLock, error) {
	if !ok {
		return nil, nil
	}
	var loc *i18n.Locale
	language := func() *i18n.Locale {
		if loc == nil {
			d, _ := data.Load(fsys, opts.Prefix)
			loc = siteLocale(d)
		}
		return loc
	}
	wait := opts.Wait
	if wait == 0 {
		wait = DefaultWait
	}
	seconds := func(d time.Duration) string { return language().Int(int64(d / time.Second)) }
	l, err := lock(wait, func(pid int) {
		if opts.Log != nil {
			fmt.Fprintln(opts.Log, language().T(dest.waitKey, otherBuild(language(), pid), out, seconds(max(wait, 0))))
		}
	})
	if busy, ok := err.(*publish.BusyError); ok {
		return nil, errors.New(language().T(dest.busyKey, otherBuild(language(), busy.PID), out, seconds(busy.Waited)))
	}
	if err != nil {
		// The lock is made where the build or publish writes (dest).
		return nil, failedOn(language(), err, dest)
	}
	return l, nil
}

// otherBuild names the build that holds an output's lock: by its process
// id when it wrote one.
func otherBuild(loc *i18n.Locale, pid int) string {
	if pid == 0 {
		return loc.T("publish.lock.who.unknown")
	}
	return loc.T("publish.lock.who", pid)
}

// siteLocale is the language of the site whose data are d; the default
// language when they could not be read.
func siteLocale(d *data.Data) *i18n.Locale {
	if d == nil {
		return i18n.New(i18n.Lang(""))
	}
	return i18n.New(i18n.Lang(d.Site.Language))
}
