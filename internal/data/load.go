package data

import (
	"io/fs"

	"sitegen/internal/diag"
)

// index holds the lookups Load builds once.
type index struct {
	cells     map[string]*Cell
	children  map[string][]*Cell // direct sub-cells, sorted by id
	referrers map[string]*Referrer
}

// Load reads every *.toml under data/ in fsys (the site folder), merges
// and validates them. prefix is how the user names the site folder
// ("" or "." for the working directory); every diagnostic's path is
// path.Join(prefix, file). d is nil only when an error leaves nothing to
// hand on; the list holds every error and warning found.
func Load(fsys fs.FS, prefix string) (*Data, diag.List) {
	panic("TODO: issue 2")
}

// Cell returns the cell with id, or nil.
func (d *Data) Cell(id string) *Cell { return d.idx.cells[id] }

// Root returns the root cell.
func (d *Data) Root() *Cell { return d.idx.cells[d.Site.Root] }

// Children returns the direct sub-cells of id, sorted by id.
func (d *Data) Children(id string) []*Cell { return d.idx.children[id] }

// Referrer returns the referrer with id, or nil.
func (d *Data) Referrer(id string) *Referrer { return d.idx.referrers[id] }
