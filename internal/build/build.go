// Package build runs the pipeline stages in order, for the command line:
// load and check data/, then content/, then (for a build) the site model,
// the pages, and the atomic publish.
package build

import (
	"errors"
	"io/fs"
	"os"
	"time"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/publish"
	"sitegen/internal/render"
	"sitegen/internal/site"
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
}

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
// caller prints them as check does. err is for what stops a build that is
// not a mistake in data/ or content/: a refused output folder, a template
// error, a disk error. On any failure the previous out is left as it was.
// Build changes nothing of the process (the command sets its memory limit).
func Build(src, out string, opts Options) (Result, diag.List, error) {
	start := time.Now()
	// The data version asks git (or hashes data/) and reads nothing the
	// checks make: it is found while they run.
	type versionResult struct {
		v   version.Version
		err error
	}
	ver := make(chan versionResult, 1)
	go func() {
		v, err := version.Of(src)
		ver <- versionResult{v, err}
	}()
	fsys := os.DirFS(src)
	in, diags := Check(fsys, opts.Prefix)
	if diags.HasErrors() {
		return Result{}, diags, nil
	}
	// The output is checked once the site's language is known, so that
	// the refusal is said in it; nothing has been written yet.
	loc := i18n.New(i18n.Lang(in.Data.Site.Language))
	// A refused output folder is said with its key in the catalogue.
	said := func(err error) error {
		var oe *publish.OutputError
		if errors.As(err, &oe) {
			oe.Reason = loc.T(oe.Key, oe.Args...)
		}
		return err
	}
	if err := publish.CheckOut(src, out); err != nil {
		return Result{}, diags, said(err)
	}
	// The figures articles cite stay: a cell's page shows every count an
	// article cited, and the pages write them from the articles' bodies.
	m := site.New(in.Data, in.Articles)
	vr := <-ver
	if vr.err != nil {
		return Result{}, diags, vr.err
	}
	m.Version = vr.v
	r, err := render.New(fsys)
	if err != nil {
		return Result{}, diags, err
	}
	tx, err := publish.Begin(out)
	if err != nil {
		return Result{}, diags, said(err)
	}
	defer tx.Abort() // does nothing once committed
	pages, err := r.Render(m, tx)
	if err != nil {
		return Result{}, diags, err
	}
	if err := tx.Commit(); err != nil {
		return Result{}, diags, said(err) // an output that cannot be renamed
	}
	return Result{Pages: pages, Duration: time.Since(start), Notes: r.Notes(m), Locale: loc}, diags, nil
}
