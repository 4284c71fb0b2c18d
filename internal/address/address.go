// Package address owns every address the site publishes: the path of
// each page, the anchor of each figure (dated ones too), the id of each
// chart and the names of the files readers download. Journalists cite
// these, so they are part of the format: each rule is written here once,
// and pages, articles, charts, citations, the feed, the sitemap and the
// 404 page ask for it.
//
// Paths are relative to the top of the site, slash-separated; a page is
// a folder holding index.html, and links name index.html so that they
// also work on a site opened from disk.
package address

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"sitegen/internal/data"
)

// The site's top folders, one per kind of page or file.
const (
	CellDir     = "don-vi/"
	YearDir     = "nam/"
	ArticleDir  = "bai-viet/"
	ReferrerDir = "gioi-thieu/"
	DataDir     = "so-lieu/"
	DownloadDir = "du-lieu/"
	AssetDir    = "assets/"
	SearchDir   = "tim-kiem/"
	MediaDir    = "media/"
	ChangesDir  = "dinh-chinh/"
	VersionDir  = "phien-ban/"
	ChartDir    = "bieu-do/"
	index       = "index.html"
)

// Folders are the site's top folders, as the 404 page looks for them in
// an address to find where the site begins.
var Folders = []string{"don-vi", "nam", "bai-viet", "gioi-thieu", "assets", "so-lieu", "du-lieu", "tim-kiem", "media", "dinh-chinh", "phien-ban", "bieu-do"}

// Files at the top of the site.
const (
	Home     = index
	NotFound = "404.html"
	Feed     = "feed.xml"
	Sitemap  = "sitemap.xml"
	Robots   = "robots.txt"
	// ChangesFeed is the Atom feed of the figure log, at the top of the
	// site beside feed.xml so that its relative links resolve alike.
	ChangesFeed = "dinh-chinh.xml"
)

// Cell is a cell's page: don-vi/<id>/index.html.
func Cell(id string) string { return CellDir + id + "/" + index }

// Year is a year's page: nam/2017/index.html.
func Year(y int) string { return YearDir + strconv.Itoa(y) + "/" + index }

// Article is an article's page: bai-viet/<slug>/index.html.
func Article(slug string) string { return ArticleDir + slug + "/" + index }

// Articles is the page that lists every article, by year:
// bai-viet/index.html.
func Articles() string { return ArticleDir + index }

// Referrer is a referrer's page: gioi-thieu/<id>/index.html.
func Referrer(id string) string { return ReferrerDir + id + "/" + index }

// Search is the search page, tim-kiem/index.html; the index it loads
// is in tim-kiem/chi-muc/ (package search names its files).
func Search() string { return SearchDir + index }

// Data is the data page, so-lieu/index.html.
func Data() string { return DataDir + index }

// DataFile is a file of the complete data set: so-lieu/admissions.csv.
func DataFile(name string) string { return DataDir + name }

// Media is the address of a file an article shows or links to (an
// image, a PDF), copied from content/: media/NAME.HASH.EXT, NAME the
// file's own name in the slug form (bieu-do for "Biểu đồ.png"; left out
// when it has none), HASH the first 8 hex digits of the SHA-256 of its
// bytes, EXT its extension in lower case. Named by its content, a file
// used by several articles is one file, and a file that changes gets a
// new address, so a reader never sees an old copy under a new page.
func Media(name, ext string, content []byte) string {
	sum := sha256.Sum256(content)
	base := hex.EncodeToString(sum[:4]) + "." + strings.ToLower(strings.TrimPrefix(ext, "."))
	if name != "" {
		base = name + "." + base
	}
	return MediaDir + base
}

// Changes is the figure log: every published figure that changed,
// dinh-chinh/index.html.
func Changes() string { return ChangesDir + index }

// ChangesFile is a download of the figure log: dinh-chinh/dinh-chinh.csv.
func ChangesFile(ext string) string { return ChangesDir + "dinh-chinh." + ext }

// Change is the anchor of one commit on the figure log: its hash cut to
// 12 hex digits, as the log and the data version show it.
func Change(commit string) string { return commit[:min(len(commit), 12)] }

// Version is the file of every figure as published in a data version:
// phien-ban/<version>.json.
func Version(id string) string { return VersionDir + id + ".json" }

// Subject is the page of a figure's subject: a cell's or a referrer's.
func Subject(s data.Subject, id string) string {
	if s == data.OfReferrer {
		return Referrer(id)
	}
	return Cell(id)
}

// Folder is a page's address as a citation gives it: its folder,
// "don-vi/khoi-dn/", or "" for the home page.
func Folder(page string) string { return strings.TrimSuffix(page, index) }

// Root leads from a page back to the top of the site: "" for a page at
// the top, "../../" for don-vi/khoi-dn/index.html.
func Root(page string) string { return strings.Repeat("../", strings.Count(page, "/")) }

// Anchor is a figure's permanent anchor on its subject's page: the one a
// link to the figure uses and a citation gives.
//
// The latest whole-year figure is NAME-PERIOD (admitted-2017,
// admitted-2010-2015): that anchor always shows the latest count of its
// period. A figure counted to a day, or one a later count has replaced,
// is NAME-PERIOD-DAY (admitted-2018-2018-11-15), DAY being the day from
// which it was the answer (Figure.Since): that anchor keeps its figure
// for good, so an article that cited it still links to it.
func Anchor(f *data.Figure) string {
	if d := DatedAnchor(f); d != "" {
		return d
	}
	return LatestAnchor(f.Name, f.Period)
}

// LatestAnchor is NAME-PERIOD: where the latest count of a period is.
func LatestAnchor(name string, p data.Period) string { return name + "-" + p.String() }

// DatedAnchor is NAME-PERIOD-DAY for a figure counted to a day or no
// longer the latest (see Anchor); "" for the latest whole-year figure,
// which has NAME-PERIOD only.
func DatedAnchor(f *data.Figure) string {
	if !f.Dated() && f.Latest || f.Since.IsZero() {
		return ""
	}
	return LatestAnchor(f.Name, f.Period) + "-" + f.Since.String()
}

// FigurePage is the page a figure is published on.
func FigurePage(f *data.Figure) string {
	n, _ := data.LookupName(f.Name)
	return Subject(n.Subject, f.Subject)
}

// Figure is the link to a figure's anchor on its page.
func Figure(f *data.Figure) string { return FigurePage(f) + "#" + Anchor(f) }

// ChartID is the id of a chart, fixed by what it shows so that links to
// it do not change between builds: chart-KIND-SUBJECT, and -YEAR for a
// kind of one year (chart-cells-khoi-dn-2017).
func ChartID(kind, subject string, year int) string {
	id := "chart-" + kind + "-" + subject
	if k, _ := data.LookupChart(kind); k.Year {
		id += "-" + strconv.Itoa(year)
	}
	return id
}

// Download is the base of a chart's download files, without the
// extension (.csv, .json): du-lieu/<chart id>, and for the chart of an
// article, which shows the data as known on its date, that day too:
// du-lieu/chart-admissions-khoi-dn.2018-12-05.
func Download(chartID string, on data.Date) string {
	name := DownloadDir + chartID
	if !on.IsZero() {
		name += "." + on.String()
	}
	return name
}

// ChartPage is the page of one chart alone, made to be embedded in
// another site's page: bieu-do/<chart id>/index.html, and for the chart
// of an article, which shows the data as known on its date, that day
// too, as its downloads have (bieu-do/chart-admissions-khoi-dn.2018-12-05/).
func ChartPage(chartID string, on data.Date) string {
	return ChartDir + strings.TrimPrefix(Download(chartID, on), DownloadDir) + "/" + index
}

// Permanent is the address a citation gives for a page (its Folder) and
// an anchor on it: absolute under baseURL ([site] base_url) when it is
// set, else relative to the top of the site, as links between pages are.
func Permanent(baseURL, folder, anchor string) string {
	u := strings.TrimPrefix(folder, "/")
	switch {
	case baseURL != "":
		u = strings.TrimSuffix(baseURL, "/") + "/" + u
	case u == "":
		// The home page: a bare "#chart-…" copied into an article would
		// name no page at all.
		u = index
	}
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}
