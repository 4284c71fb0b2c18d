// Package content reads the articles under content/: TOML front matter,
// Markdown rendered with goldmark, slugs, and the {{ … }} figures and
// charts cited from the data. It is the second stage of the pipeline and
// reads only the checked data.
package content

import (
	"html/template"
	"time"

	"sitegen/internal/data"
)

// Article is one checked, rendered article.
type Article struct {
	Path    string // as the user would type it, for messages
	File    string // in the site folder (content/2018/a.md), however the folder is named
	Slug    string // [a-z0-9]+(-[a-z0-9]+)*; the page is bai-viet/<slug>/
	Title   string
	Date    time.Time // with its offset as written; a date alone is midnight UTC+7
	Author  string
	Cells   []string // ids, as written (each exists)
	Years   []int
	Source  string
	Summary string // plain text: front matter's summary, else the first paragraph
	Draft   bool

	// Body is the rendered article in order: HTML segments (goldmark's
	// output, the only text that becomes template.HTML) and charts, which
	// the page stage draws where they stand.
	Body []Segment

	// Figures are the figures the article cites, in order of appearance
	// in the text, then those in link titles.
	Figures []data.Figure

	// Sum is the SHA-256 of the article's file as parsed (in NFC): with
	// the data, its files (Files) and the program, it is all the body is
	// made of.
	Sum [32]byte

	// Files are the files of content/ it shows or links to, each once,
	// sorted by name; the body leads to them where the page stage writes
	// them (File.Name), shared with every article that uses them.
	Files []*File
}

// Segment is a piece of the body: HTML, a chart, or a figure cited in
// the text; exactly one is set. The HTML pieces are whole HTML only
// together with the figures between them.
type Segment struct {
	HTML   template.HTML
	Chart  *Chart
	Figure *Cited
}

// Cited is a figure cited in the text, where it stands.
type Cited struct {
	*data.Figure
	// InLink tells a figure in the text of the author's own link: it
	// keeps its value but not a link of its own (a link cannot hold
	// another).
	InLink bool
}

// Chart is `{{ chart KIND SUBJECT [YEAR] }}`.
type Chart struct {
	Kind    string    // a data.ChartKinds name
	Subject string    // cell id, or referrer id
	Year    int       // for a kind of one year
	On      data.Date // the article's day: the chart shows the data as known then
}
