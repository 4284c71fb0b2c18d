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
	"sync"
	"time"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
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
func Check(fsys fs.FS, prefix string) (*Input, diag.List) {
	d, diags := data.Load(fsys, prefix)
	in := &Input{Data: d}
	if d != nil && !diags.HasErrors() {
		arts, more := content.Load(fsys, prefix, d)
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
	// Templates, when set, keeps the parsed templates from one build to
	// the next (see Templates); nil parses them for each build.
	Templates *Templates
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

// DefaultWait is how long a build waits for another build into the same
// output folder (a hook that fired twice): a large site builds in under
// a minute, so a build still running after ten is taken to hang.
const DefaultWait = 10 * time.Minute

// Result says what a build did.
type Result struct {
	Pages    int           // pages written (not assets)
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
// one out take turns (see lockOutput). Build changes nothing of the
// process (the command sets its memory limit).
func Build(src, out string, opts Options) (Result, diag.List, error) {
	fsys := sitefs.New(src)
	lock, err := lockOutput(fsys, src, out, opts)
	if err != nil {
		return Result{}, nil, err
	}
	defer lock.Unlock()
	var tx *publish.Tx
	defer func() {
		if tx != nil {
			tx.Abort() // does nothing once committed
		}
	}()
	return run(fsys, src, opts, func(loc *i18n.Locale) (render.Writer, func() error, error) {
		// A refused output folder is said with its key in the catalogue.
		said := func(err error) error {
			var oe *publish.OutputError
			if errors.As(err, &oe) {
				oe.Reason = loc.T(oe.Key, oe.Args...)
			}
			return err
		}
		if err := publish.CheckOut(src, out); err != nil {
			return nil, nil, said(err)
		}
		var err error
		if tx, err = publish.Begin(out); err != nil {
			return nil, nil, said(err)
		}
		// An output that cannot be renamed is said as a refused one.
		return tx, func() error { return said(tx.Commit()) }, nil
	})
}

// Render checks the site in folder src and, when there is no error,
// hands every file of it to w, the same files with the same bytes that
// Build writes. It is the build of `serve`, which keeps the site in
// memory. Diagnostics and err are as Build's; Result.Locale is set as
// soon as the site's language is known, also when the site has errors.
func Render(src string, w render.Writer, opts Options) (Result, diag.List, error) {
	return run(sitefs.New(src), src, opts, func(*i18n.Locale) (render.Writer, func() error, error) {
		return w, func() error { return nil }, nil
	})
}

// run is a build whose output open gives, once the site is checked and
// its language known: a Writer, and what completes the output once every
// file is written to it.
func run(fsys fs.FS, src string, opts Options, open func(*i18n.Locale) (render.Writer, func() error, error)) (Result, diag.List, error) {
	start := time.Now()
	// The data version asks git (or hashes data/) and reads nothing the
	// checks make: it is found while they run.
	var (
		ver    version.Version
		verErr error
	)
	versionFound := par.Go(func() { ver, verErr = version.Of(src) })
	in, diags := Check(fsys, opts.Prefix)
	var loc *i18n.Locale
	if in.Data != nil {
		loc = siteLocale(in.Data)
	}
	if diags.HasErrors() {
		return Result{Locale: loc}, diags, nil
	}
	// The output is checked once the site's language is known, so that
	// the refusal is said in it; nothing has been written yet.
	loc = siteLocale(in.Data)
	w, commit, err := open(loc)
	if err != nil {
		return Result{Locale: loc}, diags, err
	}
	// The figures articles cite stay: a cell's page shows every count an
	// article cited, and the pages write them from the articles' bodies.
	m := site.New(in.Data, in.Articles)
	versionFound()
	if verErr != nil {
		return Result{Locale: loc}, diags, verErr
	}
	m.Version = ver
	r, err := opts.Templates.renderer(fsys)
	if err != nil {
		// A template or asset the site folder refused (a link out of it,
		// a named pipe, a file too large) is a mistake in the site, said
		// as check says the others.
		var refused *sitefs.Error
		if errors.As(err, &refused) {
			diags = append(diags, refused.Diagnostic(loc, opts.Prefix))
			diags.Sort()
			return Result{Locale: loc}, diags, nil
		}
		return Result{Locale: loc}, diags, err
	}
	pages, err := r.Render(m, w)
	if err != nil {
		return Result{Locale: loc}, diags, err
	}
	if err := commit(); err != nil {
		return Result{Locale: loc}, diags, err
	}
	return Result{Pages: pages, Duration: time.Since(start), Notes: r.Notes(m), Locale: loc}, diags, nil
}

// lockOutput waits for this build's turn at the output folder out (see
// publish.LockOutput) and takes it, before anything of the site is read,
// so that of two builds fired at once the later reads the data after the
// earlier has published. An output folder CheckOut refuses gets no lock:
// Build refuses it, once the site's language is known, and no lock file
// is made beside it. While another build holds the turn, Log is told so;
// after opts.Wait the build gives up. Both are said in the site's
// language, read from data/ only when needed.
func lockOutput(fsys fs.FS, src, out string, opts Options) (*publish.OutputLock, error) {
	if publish.CheckOut(src, out) != nil {
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
	lock, err := publish.LockOutput(out, wait, func(pid int) {
		if opts.Log != nil {
			fmt.Fprintln(opts.Log, language().T("publish.lock.wait", otherBuild(language(), pid), out, seconds(max(wait, 0))))
		}
	})
	if busy, ok := err.(*publish.BusyError); ok {
		return nil, errors.New(language().T("publish.lock.busy", otherBuild(language(), busy.PID), out, seconds(busy.Waited)))
	}
	return lock, err
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
