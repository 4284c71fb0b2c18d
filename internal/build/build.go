// Package build runs the pipeline stages in order, for the command line:
// load and check data/, then content/, then (for a build) the site model,
// the pages, and the atomic publish.
package build

import (
	"io/fs"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
)

// Input is everything read and checked from a site folder.
type Input struct {
	Data     *data.Data
	Articles []*content.Article
}

// Check reads and checks the site in fsys; prefix is how the user names
// the site folder, for messages. It returns every diagnostic, sorted.
func Check(fsys fs.FS, prefix string) (*Input, diag.List) {
	d, diags := data.Load(fsys, prefix)
	in := &Input{Data: d}
	if d != nil && !diags.HasErrors() {
		arts, more := content.Load(fsys, prefix, d)
		diags = append(diags, more...)
		in.Articles = arts
	}
	diags.Sort()
	return in, diags
}
