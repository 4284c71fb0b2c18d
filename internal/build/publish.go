package build

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/made"
	"sitegen/internal/par"
	"sitegen/internal/publish"
	"sitegen/internal/render"
	"sitegen/internal/sitefs"
)

// PublishOptions tune a publish.
type PublishOptions struct {
	Options
	// Keep is how many releases are kept, the newest; 0 means
	// DefaultKeep. The release current leads to is always kept.
	Keep int
	// AllowDirty publishes data/ with changes not committed to git,
	// which is refused otherwise.
	AllowDirty bool
}

// DefaultKeep is how many releases a publish keeps.
const DefaultKeep = 5

// Published says what a publish or a rollback did.
type Published struct {
	Result
	// Release is the release current leads to now; From the one it led
	// to before (a rollback's).
	Release, From string
	// Unchanged is true when the new build had the very files of the
	// release current led to: no release was made.
	Unchanged bool
	// Removed are the old releases removed; Left those older than the
	// kept ones that were not, as they hold files sitegen did not write.
	Removed []string
	Left    []publish.Left
	// Link is DIR/current, as the caller named the publish folder.
	Link string
}

// Publish checks the site in src and, when there is no error, builds it
// as a new release of the publish folder dir (see publish.Releases):
// written into dir/releases/, checked against its manifest, and only
// then made current, with one rename of the link dir/current. It keeps
// the opts.Keep newest releases and removes the older ones it made.
// Data not committed to git are refused unless opts.AllowDirty. On any
// failure dir/current is left as it was and err says why, in the site's
// language where it is a refusal. Publishes into one dir take turns, as
// builds into one output do. Diagnostics are as Build's.
func Publish(src, dir string, opts PublishOptions) (Published, diag.List, error) {
	fsys := sitefs.New(src)
	lock, err := takeTurn(fsys, opts.Options, publish.CheckPublishDir(src, dir) == nil, dir, publishDest(dir, "publish.failed"), func(wait time.Duration, waiting func(int)) (*publish.OutputLock, error) {
		return publish.LockReleases(dir, wait, waiting)
	})
	if err != nil {
		return Published{}, nil, err
	}
	defer lock.Unlock()
	start := time.Now()
	// The figure log's cache and the files to reuse are those of the
	// release current leads to: the last publish's.
	prev, err := publish.OpenCurrent(dir)
	if err != nil {
		prev = nil // no release yet: nothing to reuse
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
	kept := startReadKept(&opts.Options, prev, program)
	// As for Build: the files are read through the release being written.
	var tx *publish.Tx
	madeOpened := par.Go(func() {
		mc, madeErr = openMade(prev, opts.Fresh, program, func(name string) ([]byte, error) { return tx.ReadPrevious(name) })
	})
	var releases *publish.Releases
	p, diags, err := prepare(fsys, src, opts.Options, func(loc *i18n.Locale) error {
		if err := publish.CheckPublishDir(src, dir); err != nil {
			return err
		}
		releases, err = publish.OpenReleases(dir)
		return failedOn(loc, err, publishDest(dir, "publish.failed"))
	})
	madeOpened()
	if p == nil {
		return Published{}, diags, err
	}
	res := Published{Link: releases.Link(), Result: Result{Locale: p.loc}}
	// A refusal is said as it is; any other failure with what it left
	// as it was, and a disk's refusal explained.
	failed := func(err error) error {
		var oe *publish.OutputError
		if errors.As(err, &oe) {
			return p.said(err)
		}
		if d := failedOn(p.loc, err, publishDest(dir, "publish.failed")); d != err {
			return d
		}
		return errors.New(p.loc.T("publish.failed", err, res.Link))
	}
	ver := p.model.Version
	if ver.Dirty && !opts.AllowDirty {
		return Published{}, diags, errors.New(p.loc.T("publish.dirty", res.Link))
	}
	keep := opts.Keep
	if keep == 0 {
		keep = DefaultKeep
	}
	label := ver.ID
	if ver.Dirty {
		label += "-dirty"
	}
	// The releases kept are all reachable, so the current one carries
	// the assets of each (rollback carries them back too).
	tx, err = releases.Begin(label, publish.Options{Carry: max(keep, publish.DefaultCarry)})
	if err != nil {
		return Published{}, diags, failed(err)
	}
	defer tx.Abort() // does nothing once committed
	if err := kept.write(tx, program); err != nil {
		return Published{}, diags, failed(err)
	}
	pages, err := p.r.RenderWith(p.model, opts.output(tx), render.Options{NoImages: opts.NoImages, Made: mc})
	if err != nil {
		return Published{}, diags, failed(err)
	}
	if err := writeCache(tx, opts.History, mc); err != nil {
		return Published{}, diags, failed(err)
	}
	res.Pages, res.Reused, res.Taken = pages, mc.Reused(), kept.taken
	res.Notes = append(p.notes(res.Link, cacheErr), p.madeNotes(res.Link, mc, madeErr)...)
	res.Notes = append(res.Notes, p.keptNotes(res.Link, kept)...)
	if cur, same := releases.SameAsCurrent(tx); same {
		res.Release, res.Unchanged, res.Duration = cur, true, time.Since(start)
		return res, diags, nil
	}
	if err := tx.Commit(); err != nil {
		return Published{}, diags, failed(err)
	}
	if err := releases.Switch(tx.Release()); err != nil {
		return Published{}, diags, failed(err)
	}
	res.Release, res.Duration = tx.Release(), time.Since(start)
	res.Removed, res.Left, err = releases.Prune(keep)
	if err != nil {
		return res, diags, fmt.Errorf("%s: %w", p.loc.T("publish.done", res.Release, res.Pages, p.loc.Seconds(res.Duration), res.Link), diskProblem(p.loc, err, publishDest(dir, "publish.failed")))
	}
	return res, diags, nil
}

// Rollback makes the publish folder dir's current lead back to the
// release before it (see publish.Releases.Rollback), under the same
// turn as a publish. The site folder src gives only the language of the
// messages, and is not built.
func Rollback(src, dir string, opts Options) (Published, error) {
	fsys := sitefs.New(src)
	d, _ := data.Load(fsys, opts.Prefix)
	loc := siteLocale(d)
	said := func(err error) error { return saidIn(loc, err) }
	if err := publish.CheckPublishDir(src, dir); err != nil {
		return Published{}, said(err)
	}
	lock, err := takeTurn(fsys, opts, true, dir, publishDest(dir, "publish.rollback.failed"), func(wait time.Duration, waiting func(int)) (*publish.OutputLock, error) {
		return publish.LockReleases(dir, wait, waiting)
	})
	if err != nil {
		return Published{}, err
	}
	defer lock.Unlock()
	failed := func(err error) error {
		return failedOn(loc, said(err), publishDest(dir, "publish.rollback.failed"))
	}
	releases, err := publish.OpenReleases(dir)
	if err != nil {
		return Published{}, failed(err)
	}
	from, to, err := releases.Rollback()
	if err != nil {
		return Published{}, failed(err)
	}
	return Published{Result: Result{Locale: loc}, Release: to, From: from, Link: releases.Link()}, nil
}
