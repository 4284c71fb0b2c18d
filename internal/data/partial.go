package data

import (
	"maps"
	"regexp"
	"slices"
)

// When data/ has errors the build stops, but the articles are still
// checked, so that one run of check says every mistake of the site. They
// are checked against what the errors leave: the records no error
// touches, on a tree every kept cell of which reaches the root. A figure
// that a broken record may change (of the record's kind, about its cell
// or any cell above it, whose sums it is part of) is not checked: its
// answer could be wrong either way. Broken says which.

// taint is what broken records may change.
type taint struct {
	all bool // a broken record that names no cell, or a table lost whole
	// cells holds, for a cell, the kinds of record (admission,
	// membership, target) whose figures of it may be changed; "" for
	// every kind (a broken cell record changes all of its sums).
	cells     map[string]map[string]bool
	referrers map[string]bool
}

func newTaint() taint {
	return taint{cells: map[string]map[string]bool{}, referrers: map[string]bool{}}
}

// cell notes that the figures of cell id from records of kind ("" for
// every kind) may be changed.
func (tn *taint) cell(id, kind string) {
	if tn.cells[id] == nil {
		tn.cells[id] = map[string]bool{}
	}
	tn.cells[id][kind] = true
}

// records is the kinds of record a figure name is computed from.
func records(n Name) []string {
	switch n.Name {
	case NameAchieved:
		return []string{"admission", "target"}
	case NameConversion:
		return []string{"referral"}
	}
	return []string{n.Record}
}

// Broken reports whether figure name of subject id (a cell or a
// referrer) may be changed by a record of data/ that has an error, so
// that an article's figure is not checked; name "" asks for any figure
// of id. Always false for data that Load found no error in.
func (d *Data) Broken(name, id string) bool {
	tn := d.taint
	switch {
	case tn == nil:
		return false
	case tn.all:
		return true
	case name == "":
		return tn.referrers[id] || len(tn.cells[id]) > 0
	}
	n, ok := LookupName(name)
	if !ok {
		return false
	}
	if n.Subject == OfReferrer {
		return tn.referrers[id]
	}
	kinds := tn.cells[id]
	return kinds[""] || slices.ContainsFunc(records(n), func(k string) bool { return kinds[k] })
}

// BrokenChart is Broken for a chart of kind about subject id: true when
// any of its figures may be changed.
func (d *Data) BrokenChart(kind, id string) bool {
	k, ok := LookupChart(kind)
	return ok && slices.ContainsFunc(k.Series, func(name string) bool { return d.Broken(name, id) })
}

// Partial reports whether d is what the errors of data/ left: it is for
// checking articles only, never for a build.
func (d *Data) Partial() bool { return d.taint != nil }

// refLine finds what a block taken out for a syntax error, or a file past
// a bound, seems to be about: the cells and referrers it names. A value
// without its quotes is taken too: it is often the error itself.
var refLine = regexp.MustCompile(`(?m)^\s*(id|cell|parent|referrer)\s*=\s*["']?([\p{L}\p{N}_.-]+)`)

// taintText notes what a text that could not be read (a block of one
// record, as a rule, or a whole file) may change.
func (l *loader) taintText(src string) {
	kind := ""
	if m := headerLine.FindStringSubmatch(src); m != nil && contains(tableNames, m[1]) {
		kind = m[1]
	}
	found := false
	for _, m := range refLine.FindAllStringSubmatch(src, -1) {
		found = true
		switch {
		case m[1] == "referrer" || kind == "referrer":
			l.taint.referrers[m[2]] = true
		case kind == "admission" || kind == "membership" || kind == "target":
			l.taint.cell(m[2], kind)
		case kind == "referral":
			// A referral changes its referrer's figures only.
		default: // a cell, its parent, or a block of no known kind
			l.taint.cell(m[2], "")
			l.taint.referrers[m[2]] = true
		}
	}
	if !found && kind != "site" && !siteLine.MatchString(src) {
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
			tn.cell(c.ID, "")
			tn.cell(c.Parent, "")
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
			tn.cell(c.ID, "")
			delete(byID, c.ID)
			continue
		}
		cells = append(cells, c)
	}
	d.Cells = cells

	keep := func(x any, cell, kind string) bool {
		switch {
		case !broken(x) && (cell == "" || byID[cell] != nil):
			return true
		case cell == "":
			tn.all = true
		default:
			tn.cell(cell, kind)
		}
		return false
	}
	d.Admissions = keepOnly(d.Admissions, func(a *Admission) bool { return keep(a, a.Cell, "admission") })
	d.Memberships = keepOnly(d.Memberships, func(m *Membership) bool { return keep(m, m.Cell, "membership") })
	d.Targets = keepOnly(d.Targets, func(tg *Target) bool { return keep(tg, tg.Cell, "target") })
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
		if !broken(r) && (r.Cell == "" || byID[r.Cell] != nil) && referrers[r.Referrer] {
			return true
		}
		tn.referrers[r.Referrer] = true
		return false
	})

	// A cell's counts sum those of the cells under it: what may change
	// a cell's counts may change those of every cell above it. (A target
	// is the cell's own.)
	for id, kinds := range maps.Clone(tn.cells) { // a copy: the map grows
		for seen := map[string]bool{id: true}; parentOf[id] != "" && !seen[parentOf[id]]; {
			id = parentOf[id]
			seen[id] = true
			for k := range kinds {
				if k != "target" {
					tn.cell(id, k)
				}
			}
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
