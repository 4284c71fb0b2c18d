// Package render writes the pages of the site from the joined model:
// html/template pages, chart options, number and date formats per
// language. It does not know where the files go: it hands them to a Writer.
package render

import (
	"errors"
	"html/template"
	"io/fs"

	"sitegen/internal/site"
)

// Writer receives the output files. Pages are rendered in parallel, so a
// Writer must be safe for concurrent use. name is a slash-separated path
// relative to the output root ("index.html", "don-vi/khoi-dn/index.html",
// "assets/echarts.3f2a9c1b.min.js"); each name is written once.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Renderer renders the pages of a site. Its templates are parsed once by
// New; Render may be called for any number of models.
type Renderer struct {
	pages  map[string]*template.Template // by page template path, "cell.html"
	assets []asset                       // shared files, in output order
}

// New parses the templates once: for each template path, the site's own
// templates/<path> (site is the site folder) if it exists, else the
// built-in one. A template error names the file and line as the user
// sees it: "templates/cell.html:12:5: …".
func New(site fs.FS) (*Renderer, error) {
	return nil, errors.New("render: not implemented yet")
}

// Render writes every page of m and each shared asset once to w, and
// returns the number of pages written. Pages are rendered in parallel.
// w.WriteFile must not keep data after it returns: buffers are reused.
func (r *Renderer) Render(m *site.Model, w Writer) (pages int, err error) {
	return 0, errors.New("render: not implemented yet")
}

// asset is a shared file: its output name carries a hash of its content.
type asset struct {
	name string
	data []byte
}
