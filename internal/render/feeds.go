package render

import (
	"bytes"
	"text/template"

	"sitegen/internal/address"
	"sitegen/internal/export"
	"sitegen/internal/export/feed"
	"sitegen/internal/site"
)

// feedFiles are the files other programs read to follow the site, each
// the template of its own name under templates/ run on a view made by
// internal/export/feed: text/template with feed.Parse's xml escaping,
// since html/template's escaping is HTML's.
var feedFiles = []string{address.Feed, address.Sitemap, address.Robots}

// feedTemplates are the parsed templates of feedFiles, by file name.
type feedTemplates map[string]*template.Template

// parseFeeds parses the template of each of feedFiles, read as New reads
// the pages' (the site's own file, else the built-in one).
func parseFeeds(read func(string) ([]byte, error)) (feedTemplates, error) {
	ts := make(feedTemplates, len(feedFiles))
	for _, name := range feedFiles {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		t, err := feed.Parse(templateName(name), string(src))
		if err != nil {
			return nil, templateError(err)
		}
		ts[name] = t
	}
	return ts, nil
}

// feedEntries is how many of the newest articles the feed holds: a feed
// reader wants what is new, and a site of 10,000 articles would make a
// feed of megabytes.
const feedEntries = 50

// renderFeeds makes the figure log's downloads, then runs the templates
// of the Atom feed, the figure log's feed, the sitemap (only with
// base_url, see Notes) and robots.txt, in that order. The sitemap
// lists every page but the 404 page.
func (r *Renderer) renderFeeds(m *site.Model, jobs []Page, publisher string) ([]export.File, error) {
	s := m.Site
	fs := feed.Site{Title: s.Title, Subtitle: s.Description, Publisher: publisher, Language: string(m.Locale.Lang), Root: s.Root, BaseURL: s.BaseURL}
	var paths []string
	for _, j := range jobs {
		if j.Kind != "404" {
			paths = append(paths, address.Folder(j.Path))
		}
	}
	sitemap, ok := feed.Sitemap(s.BaseURL, paths)
	downloads, changes := changeFiles(m, fs, publisher)
	views := []fileView{{address.Feed, address.Feed, feed.Feed(fs, feed.Entries(m.Articles), feedEntries)}}
	// The figure log's feed is an Atom feed too: the same template.
	views = append(views, fileView{address.ChangesFeed, address.Feed, changes})
	if ok {
		views = append(views, fileView{address.Sitemap, address.Sitemap, sitemap})
	}
	views = append(views, fileView{address.Robots, address.Robots, feed.Robots(s.BaseURL, ok)})
	out := make([]export.File, 0, len(views)+len(downloads))
	out = append(out, downloads...)
	for _, v := range views {
		var b bytes.Buffer
		if err := r.feeds[v.template].Execute(&b, v.view); err != nil {
			return nil, templateError(err)
		}
		out = append(out, export.File{Name: v.name, Bytes: b.Bytes()})
	}
	return out, nil
}

// fileView is a file, the one of feedFiles whose template writes it,
// and the view the template runs on.
type fileView struct {
	name, template string
	view           any
}
