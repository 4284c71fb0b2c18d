// Package feed makes what the files other programs read to follow the
// site say: the Atom feed of articles (feed.xml), the sitemap
// (sitemap.xml) and robots.txt. Each is a plain view, written by a
// template of the same name (templates/feed.xml, …; see Parse), so a
// site can override it as it overrides a page. Like every page, they are
// the same bytes for the same input: dates come from the articles, never
// from the clock.
package feed

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sitegen/internal/address"
	"sitegen/internal/content"
)

// Site is what the feed says about the site as a whole.
type Site struct {
	Title     string // [site] title
	Subtitle  string // [site] description
	Publisher string // [site] publisher: the feed's author
	Language  string // [site] language, "vi" or "en"
	Root      string // [site] root: with Title, names the feed where base_url is not set
	BaseURL   string // [site] base_url, or ""
}

// Entry is one article in the feed.
type Entry struct {
	Title   string
	Path    string    // the article's page, relative to the site root: "bai-viet/<slug>/"
	Date    time.Time // the article's date, with its offset
	Author  string
	Summary string // plain text
}

// Entries turns articles into feed entries, leaving drafts out.
func Entries(arts []*content.Article) []Entry {
	var es []Entry
	for _, a := range arts {
		if a.Draft {
			continue
		}
		es = append(es, Entry{Title: a.Title, Path: address.Folder(address.Article(a.Slug)), Date: a.Date, Author: a.Author, Summary: a.Summary})
	}
	return es
}

// FeedView is what templates/feed.xml receives: the Atom feed (RFC 4287)
// of the newest articles. Every field is text as it is, not escaped: the
// template escapes each with xml.
type FeedView struct {
	Lang     string // the site's language, "vi", for xml:lang; "" for none
	ID       string // the site's address under base_url, else a urn:uuid
	Title    string // the site's title
	Subtitle string // the site's description; "" for none
	Updated  string // RFC 3339: the newest entry's date, 1970-01-01T00:00:00Z with none
	Author   string // the publisher; "" for none
	Link     string // the home page: absolute under base_url, else "./"
	Self     string // the feed's own address under base_url; "" without one
	Entries  []EntryView
}

// EntryView is one article of the feed.
type EntryView struct {
	ID      string // the article's address under base_url, else a urn:uuid
	Title   string
	Date    string // RFC 3339, the article's date: both updated and published
	Author  string // "" for none: then the feed's author is the entry's
	Link    string // the article's page: absolute under base_url, else relative to the feed
	Summary string // plain text; "" for none
}

// Feed makes the view of the Atom feed of the newest limit entries (all
// when limit is 0 or less), newest first and, on one date, by path.
//
// Links are absolute under base_url when it is set, and otherwise
// relative to the feed, which lives at the site root, so a reader
// resolves them against the feed's own address. Ids never change for an
// article: its absolute URL where base_url is set, otherwise a name-based
// UUID (RFC 9562 version 5) of the site's title, root and the article's
// path. The feed's updated time is the newest entry's date; a feed with
// no entries says 1970-01-01, a fixed time rather than the clock's.
func Feed(s Site, entries []Entry, limit int) FeedView {
	es := slices.Clone(entries)
	slices.SortStableFunc(es, func(a, b Entry) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.Path, b.Path)
	})
	if limit > 0 && len(es) > limit {
		es = es[:limit]
	}
	f := FeedView{
		Lang:     s.Language,
		ID:       s.id(""),
		Title:    s.Title,
		Subtitle: s.Subtitle,
		Updated:  time.Unix(0, 0).UTC().Format(time.RFC3339),
		Author:   s.Publisher,
		Link:     s.url(""),
	}
	if s.BaseURL != "" {
		// A self link must be absolute to mean anything to a reader.
		f.Self = s.url(address.Feed)
	}
	if len(es) > 0 {
		f.Updated = es[0].Date.Format(time.RFC3339)
	}
	for _, e := range es {
		ev := EntryView{ID: s.id(e.Path), Title: e.Title, Date: e.Date.Format(time.RFC3339), Author: e.Author, Link: s.url(e.Path), Summary: e.Summary}
		// Atom needs an author for every entry: the article's, else the
		// feed's publisher; with neither, the site's title names it.
		if ev.Author == "" && s.Publisher == "" {
			ev.Author = s.Title
		}
		f.Entries = append(f.Entries, ev)
	}
	return f
}

// url is the address of a page of the site: absolute under base_url, or
// relative to the site root (where feed.xml and sitemap.xml are).
func (s Site) url(path string) string {
	path = strings.TrimPrefix(path, "/")
	if s.BaseURL == "" {
		if path == "" {
			return "./"
		}
		return path
	}
	return strings.TrimSuffix(s.BaseURL, "/") + "/" + path
}

func (s Site) id(path string) string {
	if s.BaseURL != "" {
		return s.url(path)
	}
	name := s.Title + "\x00" + s.Root + "\x00" + path
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(name)).URN()
}
