package feed

import (
	"net/url"
	"slices"
	"strings"

	"sitegen/internal/address"
)

// maxSitemapURLs is the most one sitemap file may list (sitemaps.org).
const maxSitemapURLs = 50000

// SitemapView is what templates/sitemap.xml receives.
type SitemapView struct {
	URLs []string // every page's absolute address, sorted, each once
}

// Sitemap makes the view of the sitemap: the pages at paths (relative to
// the site root, such as "index.html" or "don-vi/khoi-dn/"), sorted and
// each once, under baseURL. A sitemap holds absolute URLs only, so where
// base_url is not set (or is not an absolute http or https URL) it
// returns false and the build leaves sitemap.xml out, with a note. It
// returns false as well past 50,000 pages, the most one sitemap may list.
//
// No page gets a lastmod: the only dates the build knows are the data
// version's and the articles', and a date that is not the page's own
// would mislead crawlers more than none.
func Sitemap(baseURL string, paths []string) (SitemapView, bool) {
	base, ok := absoluteBase(baseURL)
	if !ok {
		return SitemapView{}, false
	}
	ps := slices.Clone(paths)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	if len(ps) > maxSitemapURLs {
		return SitemapView{}, false
	}
	var v SitemapView
	for _, p := range ps {
		ref, err := url.Parse(strings.TrimPrefix(p, "/"))
		if err != nil {
			continue // page paths are the generator's own, never the user's
		}
		v.URLs = append(v.URLs, base.ResolveReference(ref).String())
	}
	return v, true
}

// absoluteBase parses base_url as the folder the site is published in.
func absoluteBase(baseURL string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	// Resolve pages inside the folder, not beside it: "https://a.vn/so-lieu"
	// is the folder so-lieu/.
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, true
}

// RobotsView is what templates/robots.txt receives.
type RobotsView struct {
	// Sitemap is the sitemap's absolute address, "" when there is none.
	// A URL as net/url writes it has no space or line break, so it
	// cannot add a line to robots.txt.
	Sitemap string
}

// Robots makes the view of robots.txt: the built-in template lets every
// page be read and names the sitemap when there is one (and so an
// absolute base_url). Crawlers read robots.txt only at a host's root: for
// a site published in a sub-folder it is harmless and the web server's
// own file applies.
func Robots(baseURL string, hasSitemap bool) RobotsView {
	if base, ok := absoluteBase(baseURL); ok && hasSitemap {
		return RobotsView{Sitemap: base.JoinPath(address.Sitemap).String()}
	}
	return RobotsView{}
}
