package data

import "regexp"

// When data/ has errors the build stops, but the articles are still
// checked, so that one run of check says every mistake of the site. They
// are checked against what the errors leave: the records no error
// touches, on a tree every kept cell of which reaches the root. A figure
// about a cell or referrer that a broken record may change (the record's
// own cell, every cell above it, whose sums it is part of) is not
// checked: its answer could be wrong either way. Broken says which.

// taint is what broken records may change.
type taint struct {
	all       bool // a broken record that names no cell, or a table lost whole
	cells     map[string]bool
	referrers map[string]bool
}

// Broken reports whether the figures of subject id (a cell or a referrer)
// may be changed by a record of data/ that has an error, so that an
// article's figure about it is not checked. Always false for data that
// Load found no error in.
func (d *Data) Broken(s Subject, id string) bool {
	t := d.taint
	if t == nil {
		return false
	}
	if t.all {
		return true
	}
	if s == OfReferrer {
		return t.referrers[id]
	}
	return t.cells[id]
}

// Partial reports whether d is what the errors of data/ left: it is for
// checking articles only, never for a build.
func (d *Data) Partial() bool { return d.taint != nil }

// refLine finds what a block taken out for a syntax error, or a file past
// a bound, seems to be about: the cells and referrers it names. A value
// without its quotes is taken too: it is often the error itself.
var refLine = regexp.MustCompile(`(?m)^\s*(id|cell|parent|referrer)\s*=\s*["']?([\p{L}\p{N}_.-]+)`)

// taintText notes the ids a text that could not be read names.
func (l *loader) taintText(src string) {
	found := false
	for _, m := range refLine.FindAllStringSubmatch(src, -1) {
		l.taint.cells[m[2]] = true
		l.taint.referrers[m[2]] = true
		found = true
	}
	if !found && !siteLine.MatchString(src) {
		l.taint.all = true
	}
}

// keepWhole reduces d, which has errors, to the records no error touches
// and notes in d what they may change (see Broken).
func (l *loader) keepWhole(d *Data, root string) {
	tn := &l.taint
	if l.unreadable {
		tn.all = true
	}
	broken := func(x any) bool { return l.recs[x] != nil && l.recs[x].broken }
	parentOf := map[string]string{}
	for _, c := range d.Cells {
		if _, seen := parentOf[c.ID]; !seen {
			parentOf[c.ID] = c.Parent
		}
	}

	byID := map[string]*Cell{}
	for _, c := range d.Cells {
		if broken(c) || c.ID == "" {
			tn.cells[c.ID] = true
			tn.cells[c.Parent] = true
			continue
		}
		byID[c.ID] = c
	}
	// A kept cell must reach the root through kept cells: a cell under a
	// broken one, or in a cycle, has no place in the tree.
	reaches := map[string]bool{root: byID[root] != nil && byID[root].Parent == ""}
	var reach func(id string, depth int) bool
	reach = func(id string, depth int) bool {
		if r, known := reaches[id]; known {
			return r
		}
		c := byID[id]
		r := c != nil && c.Parent != "" && c.Parent != id && depth < len(byID) && reach(c.Parent, depth+1)
		reaches[id] = r
		return r
	}
	cells := d.Cells[:0:0]
	for _, c := range d.Cells {
		if byID[c.ID] != c {
			continue
		}
		if !reach(c.ID, 0) {
			tn.cells[c.ID] = true
			delete(byID, c.ID)
			continue
		}
		cells = append(cells, c)
	}
	d.Cells = cells

	keep := func(x any, cell string) bool {
		switch {
		case !broken(x) && (cell == "" || byID[cell] != nil):
			return true
		case cell == "":
			tn.all = true
		default:
			tn.cells[cell] = true
		}
		return false
	}
	d.Admissions = keepOnly(d.Admissions, func(a *Admission) bool { return keep(a, a.Cell) })
	d.Memberships = keepOnly(d.Memberships, func(m *Membership) bool { return keep(m, m.Cell) })
	d.Targets = keepOnly(d.Targets, func(tg *Target) bool { return keep(tg, tg.Cell) })
	referrers := map[string]bool{}
	d.Referrers = keepOnly(d.Referrers, func(r *Referrer) bool {
		if broken(r) || r.ID == "" || referrers[r.ID] {
			tn.referrers[r.ID] = true
			return false
		}
		referrers[r.ID] = true
		return true
	})
	d.Referrals = keepOnly(d.Referrals, func(r *Referral) bool {
		cell := r.Cell
		if cell == "" {
			cell = root
		}
		if keep(r, r.Cell) && referrers[r.Referrer] {
			return true
		}
		tn.referrers[r.Referrer] = true
		tn.cells[cell] = true
		return false
	})

	// A cell's figures sum those of the cells under it: what may change
	// a cell may change every cell above it.
	for id := range tn.cells {
		for seen := map[string]bool{}; id != "" && !seen[id]; id = parentOf[id] {
			seen[id] = true
			tn.cells[id] = true
		}
	}
	d.taint = tn
}

// keepOnly is the records of rs that keep accepts, in their order.
func keepOnly[T any](rs []T, keep func(T) bool) []T {
	out := rs[:0:0]
	for _, r := range rs {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}
