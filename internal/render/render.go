// Package render writes the pages of the site from the joined model:
// html/template pages, chart options, number and date formats per
// language. It does not know where the files go: it hands them to a Writer.
package render

// Writer receives the output files. Pages are rendered in parallel, so a
// Writer must be safe for concurrent use. name is a slash-separated path
// relative to the output root ("index.html", "don-vi/khoi-dn/index.html",
// "assets/echarts.3f2a9c1b.min.js"); each name is written once.
type Writer interface {
	WriteFile(name string, data []byte) error
}
