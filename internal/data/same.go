package data

import (
	"reflect"
	"slices"
	"weak"
)

// change is what a load of a Kept changed from the load before (prev):
// the cells whose figures may differ. Only records of admissions,
// memberships and targets changed: each changes the figures of its own
// cell and, through the sums, of the cells above it.
type change struct {
	// prev is the Data before, by its identity: held weakly, so that a
	// chain of loads is not kept alive one by the next.
	prev  weak.Pointer[Data]
	cells map[string]bool
}

// Same reports whether every figure and chart of subject (a cell's or a
// referrer's id) is in d what it was in prev: d is prev, or d was loaded
// by LoadKept right after prev, without an error in either, and no file
// that changed in between holds a record of subject or of a cell under
// it, nor a cell, a referrer, a referral or [site], which may change any
// figure. It is false whenever that cannot be told; a caller then asks
// the figures again.
//
// serve rebuilds on every save of a data file, which most often changes
// a count or two of one cell: the articles that cite other cells' counts
// need not ask their figures again.
func (d *Data) Same(subject string, prev *Data) bool {
	if d == prev {
		return true
	}
	if d == nil || prev == nil || d.change == nil || d.change.prev.Value() != prev {
		return false
	}
	return !d.change.cells[subject]
}

// changeOf is the change from prev, loaded from prevFiles with the reads
// prevReads, to d, loaded from files with reads; nil when it cannot be
// told. A file that raised a problem has no read, and a file of either
// load that changed and has none could hold any record.
func changeOf(prev *Data, prevFiles []*file, prevReads map[string]*read, d *Data, files []*file, reads map[string]*read) *change {
	was := make(map[string]*file, len(prevFiles))
	for _, f := range prevFiles {
		was[f.path] = f
	}
	is := make(map[string]*file, len(files))
	for _, f := range files {
		is[f.path] = f
	}
	ch := &change{prev: weak.Make(prev), cells: map[string]bool{}}
	// touch adds the cell of a record; false when the record may change
	// any figure.
	touch := func(x readRecord) bool {
		switch r := x.v.(type) {
		case *Admission:
			ch.cells[r.Cell] = true
		case *Membership:
			ch.cells[r.Cell] = true
		case *Target:
			ch.cells[r.Cell] = true
		default:
			return false
		}
		return true
	}
	// changed adds the cells of the records that differ between two
	// versions of a file (nil: not in that version); false when that
	// cannot be told. A save most often changes a count or two of a
	// file that holds a record of every cell: only those records'
	// cells change.
	changed := func(old, now *file, oldRead, nowRead *read) bool {
		if old != nil && (old.err != nil || oldRead == nil) || now != nil && (now.err != nil || nowRead == nil) {
			return false
		}
		var was, is []readRecord
		if oldRead != nil {
			was = oldRead.records
		}
		if nowRead != nil {
			is = nowRead.records
		}
		if len(was) == len(is) {
			for i := range is {
				// A record's place is one of its fields: one that moved
				// is a change, as its figures' links say where it is.
				if !reflect.DeepEqual(was[i].v, is[i].v) && (!touch(was[i]) || !touch(is[i])) {
					return false
				}
			}
			return true
		}
		for _, x := range slices.Concat(was, is) {
			if !touch(x) {
				return false
			}
		}
		return true
	}
	for p, f := range is {
		if old := was[p]; old == nil || !sameFile(old, f) {
			if !changed(old, f, prevReads[p], reads[p]) {
				return nil
			}
		}
	}
	for p, old := range was {
		if is[p] == nil && !changed(old, nil, prevReads[p], nil) {
			return nil
		}
	}
	// No cell changed: the tree is the same in both, and a sum changes
	// with any cell under it.
	var own []string
	for id := range ch.cells {
		own = append(own, id)
	}
	for _, id := range own {
		c := d.idx.cells[id]
		for range len(d.Cells) { // a bound: the tree has no cycle when there is no error
			if c == nil || c.Parent == "" {
				break
			}
			c = d.idx.cells[c.Parent]
			if c != nil {
				ch.cells[c.ID] = true
			}
		}
	}
	return ch
}
