package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"sitegen/internal/address"
	"sitegen/internal/content"
	"sitegen/internal/data"
)

// Anchored is a figure as a reader finds it at its permanent link: the
// page it is published on and one of its anchors there. A count has up to
// two (NAME-PERIOD while it is the latest, NAME-PERIOD-DAY when it is
// dated or no longer the latest); each is a figure of its own, since a
// journalist may have cited either.
type Anchored struct {
	Page   string // address.FigurePage: don-vi/khoi-dn/index.html
	Anchor string // admitted-2018, admitted-2018-2018-11-15
	Figure *data.Figure
}

// Key is the figure's permanent link relative to the top of the site,
// as the change log and the version files name it: don-vi/khoi-dn/#admitted-2017.
func (a Anchored) Key() string { return address.Folder(a.Page) + "#" + a.Anchor }

// Anchored lists every figure the pages of the model publish with an
// anchor, sorted by Key: each cell's figures of every year, span of
// years and part of admitted, and each referrer's, as their own pages
// show them (render's tables hold the same figures), with the anchors
// address gives them.
func (m *Model) Anchored() []Anchored {
	var out []Anchored
	add := func(p *Published) {
		if p == nil {
			return
		}
		page := address.FigurePage(p.Figure)
		for _, f := range append(slices.Clip(p.Earlier), p.Figure) {
			if f.Latest && !p.Gone {
				out = append(out, Anchored{page, address.LatestAnchor(f.Name, f.Period), f})
			}
			if d := address.DatedAnchor(f); d != "" {
				out = append(out, Anchored{page, d, f})
			}
		}
	}
	addAll := func(f Figures) {
		for _, p := range f.byName {
			add(p)
		}
	}
	for _, c := range m.Cells {
		for _, y := range c.Years {
			addAll(y.Figures)
			if y.HasParts {
				for _, p := range m.Parts(c, data.Year(y.Year)) {
					add(p)
				}
			}
		}
		for _, pd := range c.Periods {
			addAll(pd.Figures)
			if pd.HasParts {
				for _, p := range m.Parts(c, pd.Period) {
					add(p)
				}
			}
		}
	}
	for _, r := range m.Referrers {
		for _, y := range r.Years {
			addAll(y.Figures)
		}
	}
	slices.SortFunc(out, CompareAnchored)
	return slices.CompactFunc(out, func(a, b Anchored) bool { return a.Page == b.Page && a.Anchor == b.Anchor })
}

// ChangeKind is how a published figure changed from one data version to
// the next, as statistics offices tell them apart.
type ChangeKind string

const (
	// New: a figure no earlier version published at this link.
	ChangeNew ChangeKind = "new"
	// Update: a later count of the same figure (counted to a later day,
	// or the whole year after a count to a day).
	ChangeUpdate ChangeKind = "update"
	// Correction: the same figure, counted to the same day, with
	// another value: the one published before was wrong.
	ChangeCorrection ChangeKind = "correction"
	// Withdrawn: the link no longer leads to a figure.
	ChangeWithdrawn ChangeKind = "withdrawn"
)

// ChangeKinds are the kinds of change, in the order the log explains
// them.
var ChangeKinds = []ChangeKind{ChangeNew, ChangeUpdate, ChangeCorrection, ChangeWithdrawn}

// Change is one published figure that changed in a commit.
type Change struct {
	Kind ChangeKind
	// Page and Anchor are where the figure is published (see Anchored).
	Page, Anchor string
	// Before and After are the figure as published before the commit and
	// after it; Before is nil for a new figure, After for a withdrawn one.
	Before, After *data.Figure
}

// Key is the change's figure's permanent link (see Anchored.Key).
func (c *Change) Key() string { return address.Folder(c.Page) + "#" + c.Anchor }

// Entry is one commit of the data's history that changed a published
// figure, or that did not pass check.
type Entry struct {
	Commit  string    // the full hash
	Date    time.Time // the commit date, with its offset
	Subject string    // the first line of the commit message
	// Reason is the commit's "Lý do:" (or "Reason:") trailer; "" when
	// it has none, and the subject then says why.
	Reason string
	// Refused tells a commit whose data did not pass check: it was never
	// published, and the next entry compares with the one before it.
	Refused bool
	Changes []Change // sorted by page and anchor
}

// Short is the commit's hash as the log shows it.
func (e *Entry) Short() string { return e.Commit[:min(len(e.Commit), 12)] }

// Log is the history of the site's published figures, read from git.
type Log struct {
	// Entries are newest first.
	Entries []*Entry
	// Missing is why there is no log, an i18n key (a shallow clone, no
	// git); "" when there is one.
	Missing string
	// Versions are the data versions the log went through, oldest
	// first: each commit that changed data/ and passed check.
	Versions []Version
	// Figures replays the history: every version, oldest first, with
	// every figure as published in it, sorted by page and anchor, for
	// phien-ban/<version>.json. Nil when there is no log.
	Figures func(yield func(Version, []Anchored) bool)
}

// Version is a data version of the log: the commit that made it.
type Version struct {
	ID   string    // 12 hex digits of the commit, as the data version names it
	Date time.Time // its commit date
}

// HasVersion reports whether the log went through the version id.
func (l *Log) HasVersion(id string) bool {
	return l != nil && slices.ContainsFunc(l.Versions, func(v Version) bool { return v.ID == id })
}

// CompareAnchored orders figures by page, then anchor: the order of the
// version files and of each entry's changes.
func CompareAnchored(a, b Anchored) int {
	return cmp.Or(strings.Compare(a.Page, b.Page), strings.Compare(a.Anchor, b.Anchor))
}

// Corrected returns the last correction of the figure at key (see
// Anchored.Key) and the entry that made it; nil when it was never
// corrected.
func (l *Log) Corrected(key string) (*Entry, *Change) {
	if l == nil {
		return nil, nil
	}
	for _, e := range l.Entries { // newest first
		for i := range e.Changes {
			if c := &e.Changes[i]; c.Kind == ChangeCorrection && c.Key() == key {
				return e, c
			}
		}
	}
	return nil, nil
}

// Cited are the published articles, newest first, that cited the figure
// as it was before c: the same count (name, subject, period and the day
// it became the answer), in an article dated before the change.
func (m *Model) Cited(e *Entry, c *Change) []*content.Article {
	if c.Before == nil {
		return nil
	}
	var out []*content.Article
	for _, a := range m.Articles {
		if !a.Date.Before(e.Date) {
			continue
		}
		if slices.ContainsFunc(a.Figures, func(f data.Figure) bool { return sameCount(&f, c.Before) }) {
			out = append(out, a)
		}
	}
	return out
}

// Changed are the entries, newest first, that changed a count the
// article cited after its date: the article keeps the figures as of its
// date, and a note leads to what changed.
func (m *Model) Changed(a *content.Article) []*Entry {
	if m.Log == nil {
		return nil
	}
	var out []*Entry
	for _, e := range m.Log.Entries {
		if !a.Date.Before(e.Date) {
			break
		}
		if slices.ContainsFunc(e.Changes, func(c Change) bool {
			return c.Before != nil && slices.ContainsFunc(a.Figures, func(f data.Figure) bool { return sameCount(&f, c.Before) })
		}) {
			out = append(out, e)
		}
	}
	return out
}

// sameCount reports whether f and g are the same count of one figure.
func sameCount(f, g *data.Figure) bool {
	return f.Name == g.Name && f.Subject == g.Subject && f.Period == g.Period && f.Since == g.Since
}
