// Package feed writes the files other programs read to follow the site:
// the Atom feed of articles (feed.xml), the sitemap (sitemap.xml) and
// robots.txt. Like every page, they are the same bytes for the same
// input: dates come from the articles, never from the clock.
package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

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
		es = append(es, Entry{Title: a.Title, Path: "bai-viet/" + a.Slug + "/", Date: a.Date, Author: a.Author, Summary: a.Summary})
	}
	return es
}

// FileName is where the feed is published, relative to the site root.
const FileName = "feed.xml"

// The Atom format (RFC 4287), as encoding/xml writes it.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    atomText    `xml:"title"`
	Subtitle *atomText   `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Author   *atomPerson `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Updated   string      `xml:"updated"`
	Published string      `xml:"published"`
	Author    *atomPerson `xml:"author"`
	Link      atomLink    `xml:"link"`
	Summary   *atomText   `xml:"summary"`
}

// Feed writes the Atom feed of the newest limit entries (all when limit
// is 0 or less), newest first and, on one date, by path.
//
// Links are absolute under base_url when it is set, and otherwise
// relative to the feed, which lives at the site root, so a reader
// resolves them against the feed's own address. Ids never change for an
// article: its absolute URL where base_url is set, otherwise a name-based
// UUID (RFC 9562 version 5) of the site's title, root and the article's
// path. The feed's updated time is the newest entry's date; a feed with
// no entries says 1970-01-01, a fixed time rather than the clock's.
func Feed(s Site, entries []Entry, limit int) []byte {
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
	f := atomFeed{
		Lang:    s.Language,
		ID:      s.id(""),
		Title:   atomText{Type: "text", Text: s.Title},
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "alternate", Type: "text/html", Href: s.url("")},
		},
	}
	if s.BaseURL != "" {
		// A self link must be absolute to mean anything to a reader.
		f.Links = append(f.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: s.url(FileName)})
	}
	if s.Subtitle != "" {
		f.Subtitle = &atomText{Type: "text", Text: s.Subtitle}
	}
	if s.Publisher != "" {
		f.Author = &atomPerson{Name: s.Publisher}
	}
	if len(es) > 0 {
		f.Updated = es[0].Date.Format(time.RFC3339)
	}
	for _, e := range es {
		ae := atomEntry{
			ID:        s.id(e.Path),
			Title:     atomText{Type: "text", Text: e.Title},
			Updated:   e.Date.Format(time.RFC3339),
			Published: e.Date.Format(time.RFC3339),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: s.url(e.Path)},
		}
		// Atom needs an author for every entry: the article's, else the
		// feed's publisher; with neither, the site's title names it.
		switch {
		case e.Author != "":
			ae.Author = &atomPerson{Name: e.Author}
		case s.Publisher == "":
			ae.Author = &atomPerson{Name: s.Title}
		}
		if e.Summary != "" {
			ae.Summary = &atomText{Type: "text", Text: e.Summary}
		}
		f.Entries = append(f.Entries, ae)
	}
	return marshal(f)
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

func marshal(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only strings reach the encoder, and it escapes them all.
		panic("feed: " + err.Error())
	}
	b.WriteString("\n")
	return b.Bytes()
}
