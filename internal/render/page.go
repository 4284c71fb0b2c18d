package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/address"
	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/site"
)

// Page is what every template runs on. Exactly one of Year, Cell, Article
// and Referrer is set, as Kind says; its fields and methods give the
// templates links, labels and views of the figures.
type Page struct {
	Kind string // home, 404, data, search, changes, year, cell, article, referrer, embed (a chart's own page)
	Path string // the output file, "don-vi/khoi-dn/index.html"
	Lang string // "vi" or "en", for <html lang>
	// Root leads from the page back to the top of the site: "", "../../".
	Root string
	Site *site.Model

	Year     int
	Cell     *site.Cell
	Article  *content.Article
	Referrer *site.Referrer

	// InlineCSS is the stylesheet itself on pages that cannot link to it
	// (404.html); empty elsewhere.
	InlineCSS template.CSS

	r      *Renderer
	loc    *i18n.Locale
	run    *run           // what the pages of one Render share
	charts map[string]int // chart ids used so far on this page
	embed  *chartEntry    // the chart of a chart's own page (Kind "embed")
	// homeOf are the charts this page shows as their subject's page:
	// their own pages and downloads are made once it is rendered.
	homeOf []*chartEntry
	// asked are the charts the page asked for, in order: a page taken
	// from the previous output asks for them again (see renderReused).
	asked []chartAsked
}

// T is a label of the catalogue in the site's language.
func (p *Page) T(key string, args ...any) string { return p.loc.T(key, args...) }

// HomeURL links to the home page.
func (p *Page) HomeURL() string { return p.Root + address.Home }

// CellURL links to a cell's page. Links name index.html so that they
// also work opened from disk.
func (p *Page) CellURL(id string) string { return p.Root + address.Cell(id) }

// YearURL links to a year's page.
func (p *Page) YearURL(y int) string { return p.Root + address.Year(y) }

// ArticleURL links to an article.
func (p *Page) ArticleURL(slug string) string { return p.Root + address.Article(slug) }

// ReferrerURL links to a referrer's page.
func (p *Page) ReferrerURL(id string) string { return p.Root + address.Referrer(id) }

// SearchURL leads to the search page, where every page's search box
// sends its query.
func (p *Page) SearchURL() string { return p.Root + address.Search() }

// SearchIndex is the search index's manifest, for the search page's
// script; the index is written when a page first asks for it.
func (p *Page) SearchIndex() (string, error) {
	name, err := p.run.index.manifest()
	return p.Root + name, err
}

// DataURL links to the data page.
func (p *Page) DataURL() string { return p.Root + address.Data() }

// FeedURL links to the Atom feed.
func (p *Page) FeedURL() string { return p.Root + address.Feed }

// Asset links to a shared asset by its source name ("site.css").
func (p *Page) Asset(name string) string { return p.Root + p.r.assetURL[name] }

// HasCharts reports whether the page has drawn a chart so far; the
// layout asks at the end of the page, to load ECharts only where needed.
func (p *Page) HasCharts() bool { return len(p.charts) > 0 }

// Publisher is who publishes the figures.
func (p *Page) Publisher() string { return p.run.publisher }

// N formats a whole number: 3.232.
func (p *Page) N(n int) string { return p.loc.Int(int64(n)) }

// Count formats a count as a record holds it: "trên 200".
func (p *Page) Count(c data.Count) string { return p.loc.Count(c.Value, string(c.Approx)) }

// Day formats a calendar day: 15/11/2018.
func (p *Page) Day(d data.Date) string { return p.loc.Date(d.Year, d.Month, d.Day) }

// Date formats the day of a time (an article's date) in its own offset.
func (p *Page) Date(t time.Time) string { return p.loc.Date(t.Year(), t.Month(), t.Day()) }

// ISODate is the machine-readable day for <time datetime>.
func (p *Page) ISODate(t time.Time) string { return t.Format("2006-01-02") }

// YearText is a year as read: 2017 (never 2.017).
func (p *Page) YearText(y int) string { return p.loc.Year(y) }

// PeriodText is a span of years as read: 2010–2015.
func (p *Page) PeriodText(pd data.Period) string {
	if pd.IsYear() {
		return p.loc.Year(pd.From)
	}
	return p.loc.Year(pd.From) + "–" + p.loc.Year(pd.To)
}

// PrevYear and NextYear are the neighbours of a year page (0 at the ends).
func (p *Page) PrevYear() int {
	i := slices.Index(p.Site.Years, p.Year)
	if i > 0 {
		return p.Site.Years[i-1]
	}
	return 0
}

func (p *Page) NextYear() int {
	i := slices.Index(p.Site.Years, p.Year)
	if i >= 0 && i+1 < len(p.Site.Years) {
		return p.Site.Years[i+1]
	}
	return 0
}

// YearLink is a link to a year's page, for the list of years in every
// page's footer.
type YearLink struct {
	Text, URL string
	Current   bool // the page is this year's
}

// YearsNav lists the years with a page, each linked.
func (p *Page) YearsNav() []YearLink {
	out := make([]YearLink, len(p.Site.Years))
	for i, y := range p.Site.Years {
		out[i] = YearLink{Text: p.loc.Year(y), URL: p.YearURL(y), Current: p.Kind == "year" && y == p.Year}
	}
	return out
}

// YearsNavHTML is what the "years-nav" template writes of YearsNav for
// this page. It is the same on every page of one depth but a year's
// own, so the template runs once for each of them per Render, like
// Hugo's partialCached: the footer of thousands of pages is otherwise
// most of their work. The HTML is the template's own output, escaped by
// html/template.
func (p *Page) YearsNavHTML() (template.HTML, error) {
	key := p.Root
	if p.Kind == "year" {
		key += strconv.Itoa(p.Year)
	}
	if v, ok := p.run.yearsNav.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b strings.Builder
	if err := p.r.partials.ExecuteTemplate(&b, "years-nav", p.YearsNav()); err != nil {
		return "", err
	}
	out := template.HTML(b.String())
	p.run.yearsNav.Store(key, out)
	return out, nil
}

// ArticleCells are the cells an article is about, in its own order.
func (p *Page) ArticleCells(a *content.Article) []*site.Cell {
	var out []*site.Cell
	for _, id := range a.Cells {
		if c := p.Site.Cell(id); c != nil && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Cited is the view of a figure an article cites in its text: linked to
// its anchor, unless it stands in the text of the author's own link.
//
// In running text a figure is its number alone, as published ("trên
// 200"): what its notes and source say is in the title of its link
// (DATA-FORMAT.md, "Figures in the text"), and shown in full where the
// link leads.
func (p *Page) Cited(c *content.Cited) *FigureView {
	at := linked
	if c.InLink {
		at = plain
	}
	v := p.figure(c.Figure, at)
	says := v.Notes
	if v.Source != "" {
		says = append(says, v.Source)
	}
	v.Title = strings.Join(says, " · ")
	v.Notes, v.Source = nil, ""
	return v
}

// ArticleList is a list of articles with the page it is shown on. When
// a cell has more articles than a page should list, the others are
// counted by the years they are about (More), whose pages list them.
type ArticleList struct {
	Page     *Page
	Articles []*content.Article
	More     []YearCount
}

// YearCount is a number of articles about a year.
type YearCount struct {
	Year  int
	Count int
}

// maxListed is how many articles a cell's page lists; the root of a
// large site is the subject of thousands.
const maxListed = 50

// List pairs articles with the page, for the "article-list" template.
func (p *Page) List(a []*content.Article) ArticleList { return ArticleList{Page: p, Articles: a} }

// CellList is a cell's articles: the newest maxListed of them, and the
// others counted by the years they are about. An article about no year
// has no year's page to be found on, so it is always listed.
func (p *Page) CellList(a []*content.Article) ArticleList {
	if len(a) <= maxListed {
		return p.List(a)
	}
	l := ArticleList{Page: p, Articles: slices.Clip(a[:maxListed])}
	counts := make(map[int]int)
	for _, x := range a[maxListed:] {
		if len(x.Years) == 0 {
			l.Articles = append(l.Articles, x)
		}
		for _, y := range x.Years {
			counts[y]++
		}
	}
	for y, n := range counts {
		l.More = append(l.More, YearCount{y, n})
	}
	slices.SortFunc(l.More, func(x, y YearCount) int { return y.Year - x.Year })
	return l
}

// ArticlesURL links to the page of every article.
func (p *Page) ArticlesURL() string { return p.Root + address.Articles() }

// ArticleYear is the articles of one year, by their dates, newest first.
type ArticleYear struct {
	Year int
	List ArticleList
}

// ArticlesByYear is every published article, by the year of its date,
// newest first: the articles page, from which every article can be
// reached whatever it cites.
func (p *Page) ArticlesByYear() []ArticleYear {
	var out []ArticleYear
	for _, a := range p.Site.Articles {
		y := a.Date.Year()
		if n := len(out); n == 0 || out[n-1].Year != y {
			out = append(out, ArticleYear{Year: y, List: ArticleList{Page: p}})
		}
		l := &out[len(out)-1].List
		l.Articles = append(l.Articles, a)
	}
	return out
}

// Latest returns the n newest published articles.
func (p *Page) Latest(n int) []*content.Article {
	a := p.Site.Articles
	return a[:min(n, len(a))]
}

// Headline is the home page's figures of the root cell in the latest
// year, each with its date and source: every tile shows a figure from the
// data, or is not shown.
func (p *Page) Headline() []Tile {
	c := p.Site.Root
	if c == nil {
		return nil
	}
	cy := c.Year(p.Site.Latest)
	if cy == nil {
		return nil
	}
	var out []Tile
	names := []string{data.NameAdmitted, data.NameTarget, data.NameAchieved, data.NameMembers, data.NameUnits}
	for i, f := range figuresOf(cy.Figures, names) {
		if v := p.Fig(f); v != nil {
			out = append(out, Tile{Label: p.T("col." + names[i]), Figure: v})
		}
	}
	return out
}

// Tile is one figure of the home page's headline.
type Tile struct {
	Label  string
	Figure *FigureView
}

// VersionText names the data version the page was built from, for its
// footer: "Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026)"; "" when the
// build did not name one.
func (p *Page) VersionText() string { return p.run.versionText }

// Description says what the page holds, for search engines and link
// previews: an article's summary, a sentence naming the page's subject,
// or the site's description.
func (p *Page) Description() string {
	switch p.Kind {
	case "article":
		if p.Article.Summary != "" {
			return p.Article.Summary
		}
	case "cell":
		return p.T("meta.cell", p.Cell.Name)
	case "year":
		return p.T("meta.year", p.loc.Year(p.Year))
	case "referrer":
		return p.T("meta.referrer", p.Referrer.Name)
	case "data":
		return p.T("meta.data")
	case "articles":
		return p.T("meta.articles")
	}
	return p.Site.Site.Description
}

// PermanentURL is the page's absolute address under base_url, for
// og:url and the canonical link; "" without base_url, or on 404.html,
// which has no address of its own.
func (p *Page) PermanentURL() string {
	if p.Site.Site.BaseURL == "" || p.Kind == "404" {
		return ""
	}
	return address.Permanent(p.Site.Site.BaseURL, address.Folder(p.Path), "")
}

// CitePublisher, CiteRest and CiteBase are the parts of the citations of
// the page's figures that every figure shares, for site.js: the figure's
// citation is CitePublisher, its own part (its "#" link's title) and
// CiteRest with "{url}" replaced by CiteBase#anchor.
func (p *Page) CitePublisher() string { return p.run.citePublisher }

func (p *Page) CiteRest() string { return p.run.citeRest }

func (p *Page) CiteBase() string {
	return address.Permanent(p.Site.Site.BaseURL, address.Folder(p.Path), "")
}

// Folders are the site's top folders, for the 404 page's script that
// finds where the site begins in a missing page's address.
func (p *Page) Folders() []string { return address.Folders }
