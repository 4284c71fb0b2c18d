package render

import (
	"strings"
	"time"

	"sitegen/internal/address"
	"sitegen/internal/content"
	"sitegen/internal/export"
	"sitegen/internal/export/feed"
	"sitegen/internal/site"
)

// The figure log's views: the page dinh-chinh/, the note beside a
// corrected figure, and the note on an article whose cited figure later
// changed. What changed, and how, is site.Log's (made by
// internal/history); these only say it.

// EntryView is one commit of the log as the page shows it.
type EntryView struct {
	ID      string // its anchor: the commit's hash cut to 12 digits
	Date    time.Time
	Commit  string // the full hash
	Subject string // the commit message's first line
	Reason  string // its "Lý do:"; "" when none
	Refused bool   // its data did not pass check: not published
	Changes []ChangeView
}

// ChangeView is one changed figure of an entry.
type ChangeView struct {
	Kind  string // its label: Mới, Cập nhật, Đính chính, Rút bỏ
	Class string // the kind as the format names it, for the row's class
	Title string // what the figure is: "Kết nạp đảng viên: Đảng bộ Khối …", năm 2018
	Href  string // its anchor
	Key   string // its permanent link, as a citation gives it
	// Before and After are the figure as published before and after,
	// with its notes; "" for none.
	Before, After string
	// Cited are the articles that cited the figure as it was before.
	Cited []*content.Article
}

// Log is the figure log, newest first.
func (p *Page) Log() []EntryView {
	l := p.Site.Log
	if l == nil {
		return nil
	}
	out := make([]EntryView, 0, len(l.Entries))
	for _, e := range l.Entries {
		v := EntryView{ID: address.Change(e.Commit), Date: e.Date, Commit: e.Commit, Subject: e.Subject, Reason: e.Reason, Refused: e.Refused}
		for i := range e.Changes {
			v.Changes = append(v.Changes, p.changeView(e, &e.Changes[i]))
		}
		out = append(out, v)
	}
	return out
}

func (p *Page) changeView(e *site.Entry, c *site.Change) ChangeView {
	f := c.After
	if f == nil {
		f = c.Before
	}
	v := ChangeView{
		Kind: p.T("changes.kind." + string(c.Kind)), Class: string(c.Kind),
		Title: p.citeTitle(f) + ", " + p.PeriodText(f.Period),
		Href:  p.Root + c.Page + "#" + c.Anchor, Key: c.Key(),
		Cited: p.Site.Cited(e, c),
	}
	if c.Before != nil {
		v.Before = c.Before.Quote(p.loc)
	}
	if c.After != nil {
		v.After = c.After.Quote(p.loc)
	}
	return v
}

// LogMissing says why the site has no figure log (a shallow clone, no
// git); "" when it has one.
func (p *Page) LogMissing() string {
	if l := p.Site.Log; l != nil && l.Missing != "" {
		return p.T(l.Missing)
	}
	return ""
}

// ChangesURL is the figure log's page.
func (p *Page) ChangesURL() string { return p.Root + address.Changes() }

// ChangesFeedURL is the figure log's Atom feed.
func (p *Page) ChangesFeedURL() string { return p.Root + address.ChangesFeed }

// ChangesFile is a download of the figure log: "csv" or "json".
func (p *Page) ChangesFile(ext string) string { return p.Root + address.ChangesFile(ext) }

// VersionURL is the file of every figure as published in the data
// version the site was built from; "" when the log has no such file (no
// log, or data not committed).
func (p *Page) VersionURL() string {
	l := p.Site.Log
	if l == nil || p.Site.Version.Commit == "" {
		return ""
	}
	if !l.HasVersion(p.Site.Version.ID) {
		return ""
	}
	return p.Root + address.Version(p.Site.Version.ID)
}

// CorrectionView is the note beside a figure that was corrected after it
// was first published: "đã đính chính ngày 20/11/2018 (trước đó: 131)",
// linked to the log's entry.
type CorrectionView struct {
	Text string
	Href string
}

// correction is the note of the figure at page#anchor; nil when it was
// never corrected.
func (p *Page) correction(page, anchor string) *CorrectionView {
	ec := p.run.corrections[address.Folder(page)+"#"+anchor]
	if ec.entry == nil {
		return nil
	}
	return &CorrectionView{
		Text: p.T("changes.corrected", p.Date(ec.entry.Date), ec.change.Before.Quote(p.loc)),
		Href: p.ChangesURL() + "#" + address.Change(ec.entry.Commit),
	}
}

// correctedAt is a correction with the entry that made it.
type correctedAt struct {
	entry  *site.Entry
	change *site.Change
}

// corrections indexes the last correction of every figure by its
// permanent link, so that a page asks once per figure.
func corrections(l *site.Log) map[string]correctedAt {
	out := make(map[string]correctedAt)
	if l == nil {
		return out
	}
	for i := len(l.Entries) - 1; i >= 0; i-- { // oldest first: the last wins
		e := l.Entries[i]
		for j := range e.Changes {
			if c := &e.Changes[j]; c.Kind == site.ChangeCorrection {
				out[c.Key()] = correctedAt{e, c}
			}
		}
	}
	return out
}

// ArticleChange is a note on an article: a figure it cited changed after
// its date.
type ArticleChange struct {
	Date time.Time
	ID   string // the commit, as the log shows it
	Href string
}

// ArticleChanges are the entries of the log that changed a figure the
// article cites, newest first.
func (p *Page) ArticleChanges() []ArticleChange {
	if p.Article == nil {
		return nil
	}
	var out []ArticleChange
	for _, e := range p.Site.Changed(p.Article) {
		id := address.Change(e.Commit)
		out = append(out, ArticleChange{Date: e.Date, ID: id, Href: p.ChangesURL() + "#" + id})
	}
	return out
}

// changeFiles are the figure log's downloads, its feed and a version
// file for each data version the log went through.
func changeFiles(m *site.Model, fs feed.Site, publisher string) (files []export.File, view feed.FeedView) {
	l := m.Log
	if l == nil {
		l = &site.Log{}
	}
	files = append(files,
		export.File{Name: address.ChangesFile("csv"), Bytes: export.ChangesCSV(l, m.Version)},
		export.File{Name: address.ChangesFile("json"), Bytes: export.ChangesJSON(l, m.Version)},
	)
	if l.Figures != nil {
		for v, figures := range l.Figures {
			files = append(files, export.File{Name: address.Version(v.ID), Bytes: export.VersionJSON(v.ID, v.Date, figures)})
		}
	}
	fs.Title = m.Locale.T("changes.title") + " – " + fs.Title
	var entries []feed.Entry
	for _, e := range l.Entries {
		entries = append(entries, feed.Entry{
			Title:   m.Locale.T("changes.feed.entry", m.Locale.Date(e.Date.Year(), e.Date.Month(), e.Date.Day()), e.Subject),
			Path:    address.Folder(address.Changes()) + "#" + address.Change(e.Commit),
			Date:    e.Date,
			Author:  publisher,
			Summary: entrySummary(m, e),
		})
	}
	return files, feed.Feed(fs, entries, feedEntries)
}

// entrySummary says an entry in one line of plain text, for the feed:
// its reason, then each figure before → after.
func entrySummary(m *site.Model, e *site.Entry) string {
	loc := m.Locale
	var parts []string
	if e.Reason != "" {
		parts = append(parts, loc.T("changes.reason")+" "+e.Reason)
	}
	if e.Refused {
		parts = append(parts, loc.T("changes.refused"))
	}
	const shown = 20
	for _, c := range e.Changes[:min(len(e.Changes), shown)] {
		before, after := "–", "–"
		if c.Before != nil {
			before = c.Before.Quote(loc)
		}
		if c.After != nil {
			after = c.After.Quote(loc)
		}
		parts = append(parts, loc.T("changes.kind."+string(c.Kind))+": "+c.Key()+": "+before+" → "+after)
	}
	if more := len(e.Changes) - shown; more > 0 {
		parts = append(parts, loc.T("changes.more", loc.Int(int64(more))))
	}
	return strings.Join(parts, "; ")
}

// Kinds are the kinds of change with their labels and what each means,
// for the page's legend.
func (p *Page) Kinds() [][2]string {
	out := make([][2]string, 0, len(site.ChangeKinds))
	for _, k := range site.ChangeKinds {
		out = append(out, [2]string{p.T("changes.kind." + string(k)), p.T("changes.means." + string(k))})
	}
	return out
}
