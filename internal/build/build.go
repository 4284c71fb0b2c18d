// Package build runs the pipeline stages in order, for the command line:
// load and check data/, then content/, then (for a build) the site model,
// the pages, and the atomic publish.
package build

import (
	"io/fs"
	"os"
	"time"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
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
}

// Build checks the site in folder src and, when there is no error, writes
// it to out atomically: into a folder beside out that replaces out only
// when every page is written. Diagnostics (warnings too) come back sorted;
// when they hold an error nothing is written and err is nil, so the
// caller prints them as check does. err is for what stops a build that is
// not a mistake in data/ or content/: a refused output folder, a template
// error, a disk error. On any failure the previous out is left as it was.
func Build(src, out string, opts Options) (Result, diag.List, error) {
	start := time.Now()
	if err := publish.CheckOut(src, out); err != nil {
		return Result{}, nil, err
	}
	fsys := os.DirFS(src)
	in, diags := Check(fsys, opts.Prefix)
	if diags.HasErrors() {
		return Result{}, diags, nil
	}
	// The pages show an article's figures from its body; the figures it
	// cites (Article.Figures, over a hundred thousand on a large site)
	// are for checks and tests, and would stay live through the render.
	for _, a := range in.Articles {
		a.Figures = nil
	}
	m := site.New(in.Data, in.Articles)
	v, err := version.Of(src)
	if err != nil {
		return Result{}, diags, err
	}
	m.Version = v
	r, err := render.New(fsys)
	if err != nil {
		return Result{}, diags, err
	}
	tx, err := publish.Begin(out)
	if err != nil {
		return Result{}, diags, err
	}
	defer tx.Abort() // does nothing once committed
	pages, err := r.Render(m, tx)
	if err != nil {
		return Result{}, diags, err
	}
	if err := tx.Commit(); err != nil {
		return Result{}, diags, err
	}
	return Result{Pages: pages, Duration: time.Since(start), Notes: r.Notes(m)}, diags, nil
}
