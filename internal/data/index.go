package data

import (
	"bytes"
	"slices"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// index holds the lookups Load builds once; after Load it is only read,
// so a Data is safe for concurrent use.
type index struct {
	cells     map[string]*Cell
	children  map[string][]*Cell // direct sub-cells, sorted by id
	byName    map[string][]*Cell // direct sub-cells in Vietnamese order of their names
	referrers map[string]*Referrer

	admissions   map[string]map[Period][]*Admission // by cell and period, in the order they became known
	periods      []Period                           // every period of an admission, sorted
	admissionsOf map[string][]*Admission            // by cell, canonical order
	memberships  map[string][]*Membership           // by cell, by date
	yearTarget   map[string]map[int]*Target         // `year` targets by cell and year
	termTargets  map[string][]*Target               // `from`/`to` targets by cell
	cellTargets  map[string][]*Target               // every target of a cell, canonical order
	referrals    map[string]map[int][]*Referral     // by referrer and year
	byReferrer   map[string][]*Referral             // canonical order
	years        []int

	// counts holds the timeline of every cell's admission count of every
	// period and name, computed once: what Figure answers on any day is
	// a binary search in it. It is dense, one row per period and count
	// name (nil when no record of the period holds the name) indexed by
	// cellSeq: a map of every cell, period and name took three times the
	// memory, all of it scanned by every collection while the site is
	// written.
	counts    []*countRow
	periodSeq map[Period]int
	cellSeq   map[string]int
}

// timeline is the timeline of the count name of period p of the cell
// of cellSeq seq; nil when it has none.
func (ix *index) timeline(seq int, p Period, name string) timeline {
	pi, ok := ix.periodSeq[p]
	ni := slices.Index(AdmissionCounts, name)
	if !ok || ni < 0 {
		return nil
	}
	if row := ix.counts[pi*len(AdmissionCounts)+ni]; row != nil {
		return row.all[row.at[seq]:row.at[seq+1]:row.at[seq+1]]
	}
	return nil
}

// countRow is the timelines of one period and count name, of every cell
// by cellSeq, in one slice: a slice of each cell's took 24 bytes for
// every cell, most of them empty, and an allocation for each other.
type countRow struct {
	at  []int32 // the timeline of cell seq is all[at[seq]:at[seq+1]]
	all []stamped
}

// rowOf keeps the timelines of row as a countRow.
func rowOf(row []timeline) *countRow {
	n := 0
	for _, t := range row {
		n += len(t)
	}
	r := &countRow{at: make([]int32, len(row)+1), all: make([]stamped, 0, n)}
	for seq, t := range row {
		r.all = append(r.all, t...)
		r.at[seq+1] = int32(len(r.all))
	}
	return r
}

// answer is a computed count and the first day on which it is the
// answer: asked as known on any day from since on (until the next
// record), the answer is the same.
type answer struct {
	fig *Figure // a sum over sub-cells
	// own is the cell's own record that holds the count: its figure is
	// made when asked for rather than kept, as most counts are never
	// asked for as known on a day.
	own   *Admission
	since dayNum
}

// dayNum is a Date in one word, in the order of dates: the timelines
// hold two for each answer, and were the largest part of a large site's
// model after the figures (64 bytes an answer with Dates, 32 with these).
type dayNum int64

func numOf(d Date) dayNum {
	return dayNum(d.Year)<<9 | dayNum(d.Month)<<5 | dayNum(d.Day)
}

func (n dayNum) date() Date {
	return Date{Year: int(n >> 9), Month: time.Month(n >> 5 & 15), Day: int(n & 31)}
}

// timeline is a cell's count of a period and name as it was known over
// time: each answer and the day from which it holds, in order. It is
// empty when the cell has never had a figure.
type timeline []stamped

// stamped is an answer and the day it became the answer.
type stamped struct {
	day dayNum
	a   answer
}

// at is the answer on day on: the last one that holds by then; zero is
// now, the last of all.
func (t timeline) at(on Date) answer {
	i := len(t)
	if !on.IsZero() {
		i, _ = slices.BinarySearchFunc(t, numOf(on), func(e stamped, on dayNum) int {
			if on < e.day {
				return 1
			}
			return -1
		})
	}
	if i == 0 {
		return answer{}
	}
	return t[i-1].a
}

// found reports whether there is a figure.
func (a answer) found() bool { return a.fig != nil || a.own != nil }

// figure is the figure of count name; a must be found.
func (a answer) figure(name string) Figure {
	if r := a.own; r != nil {
		cnt, _ := r.Counts.Get(name)
		return Figure{Kind: KindCount, Count: cnt, Approx: cnt.Approx, AsOf: r.counted(), Since: a.since.date(), Source: r.Source, Pos: r.Pos}
	}
	return *a.fig
}

func (d *Data) buildIndex() {
	ix := &d.idx
	ix.cells = map[string]*Cell{}
	ix.children = map[string][]*Cell{}
	for _, c := range d.Cells {
		ix.cells[c.ID] = c
		if c.Parent != "" {
			ix.children[c.Parent] = append(ix.children[c.Parent], c) // Cells are sorted by id
		}
	}
	ix.byName = make(map[string][]*Cell, len(ix.children))
	keys := nameKeys(d.Cells)
	for id, chs := range ix.children {
		byName := slices.Clone(chs)
		slices.SortStableFunc(byName, func(a, b *Cell) int { return bytes.Compare(keys[a], keys[b]) })
		ix.byName[id] = byName
	}
	ix.referrers = map[string]*Referrer{}
	for _, r := range d.Referrers {
		ix.referrers[r.ID] = r
	}
	years := map[int]bool{}
	ix.admissions = map[string]map[Period][]*Admission{}
	periods := map[Period]bool{}
	ix.admissionsOf = map[string][]*Admission{}
	for _, a := range d.Admissions {
		ix.admissionsOf[a.Cell] = append(ix.admissionsOf[a.Cell], a)
		m := ix.admissions[a.Cell]
		if m == nil {
			m = map[Period][]*Admission{}
			ix.admissions[a.Cell] = m
		}
		m[a.Period] = append(m[a.Period], a) // Admissions are in the order they became known within a period
		periods[a.Period] = true
		if a.Period.IsYear() {
			years[a.Period.From] = true
		}
	}
	for p := range periods {
		ix.periods = append(ix.periods, p)
	}
	slices.SortFunc(ix.periods, func(a, b Period) int {
		if a.From != b.From {
			return a.From - b.From
		}
		return a.To - b.To
	})
	ix.memberships = map[string][]*Membership{}
	for _, m := range d.Memberships {
		ix.memberships[m.Cell] = append(ix.memberships[m.Cell], m)
		years[m.Date.Year] = true
	}
	ix.yearTarget = map[string]map[int]*Target{}
	ix.termTargets = map[string][]*Target{}
	ix.cellTargets = map[string][]*Target{}
	for _, tg := range d.Targets {
		ix.cellTargets[tg.Cell] = append(ix.cellTargets[tg.Cell], tg)
		if tg.Period.IsYear() {
			m := ix.yearTarget[tg.Cell]
			if m == nil {
				m = map[int]*Target{}
				ix.yearTarget[tg.Cell] = m
			}
			m[tg.Period.From] = tg
		} else {
			ix.termTargets[tg.Cell] = append(ix.termTargets[tg.Cell], tg)
		}
		for y := tg.Period.From; y <= tg.Period.To; y++ {
			years[y] = true
		}
	}
	ix.referrals = map[string]map[int][]*Referral{}
	ix.byReferrer = map[string][]*Referral{}
	for _, r := range d.Referrals {
		m := ix.referrals[r.Referrer]
		if m == nil {
			m = map[int][]*Referral{}
			ix.referrals[r.Referrer] = m
		}
		m[r.Year] = append(m[r.Year], r)
		ix.byReferrer[r.Referrer] = append(ix.byReferrer[r.Referrer], r)
		years[r.Year] = true
	}
	for y := range years {
		ix.years = append(ix.years, y)
	}
	slices.Sort(ix.years)
	d.computeCounts()
}

// Cell returns the cell with id, or nil.
func (d *Data) Cell(id string) *Cell { return d.idx.cells[id] }

// Root returns the root cell.
func (d *Data) Root() *Cell { return d.idx.cells[d.Site.Root] }

// Children returns the direct sub-cells of id, sorted by id.
func (d *Data) Children(id string) []*Cell { return d.idx.children[id] }

// SubCells returns the direct sub-cells of id in the order pages list
// them: Vietnamese alphabetical order of their names, then by id.
func (d *Data) SubCells(id string) []*Cell { return d.idx.byName[id] }

// nameKeys are the collation keys of the cells' names in Vietnamese
// order ("Đ" after "D", tones after the bare letter).
func nameKeys(cells []*Cell) map[*Cell][]byte {
	col := collate.New(language.Vietnamese)
	var buf collate.Buffer
	keys := make(map[*Cell][]byte, len(cells))
	for _, c := range cells {
		keys[c] = append([]byte(nil), col.KeyFromString(&buf, c.Name)...)
		buf.Reset()
	}
	return keys
}

// Referrer returns the referrer with id, or nil.
func (d *Data) Referrer(id string) *Referrer { return d.idx.referrers[id] }

// Years returns every year that has a yearly admission, a membership, a
// target or a referral, in order: the years the site has a page for.
func (d *Data) Years() []int { return d.idx.years }

// Periods returns every period of the admissions, years and from/to
// periods alike, sorted by start then end.
func (d *Data) Periods() []Period { return d.idx.periods }

// AdmissionsOf returns the admission records of a cell, by period and
// then by the day each was counted to.
func (d *Data) AdmissionsOf(cell string) []*Admission {
	return d.idx.admissionsOf[cell]
}

// MembershipsOf returns the memberships of a cell, by date.
func (d *Data) MembershipsOf(cell string) []*Membership { return d.idx.memberships[cell] }

// TargetsOf returns the target records of a cell, by period.
func (d *Data) TargetsOf(cell string) []*Target { return d.idx.cellTargets[cell] }

// TargetFor returns the target of a cell for year y: its `year` target,
// else the `from`/`to` target covering y; nil when there is none.
func (d *Data) TargetFor(cell string, y int) *Target {
	if tg := d.idx.yearTarget[cell][y]; tg != nil {
		return tg
	}
	for _, tg := range d.idx.termTargets[cell] {
		if tg.Period.From <= y && y <= tg.Period.To {
			return tg
		}
	}
	return nil
}

// ReferralsOf returns the referrals of a referrer, by year then cell.
func (d *Data) ReferralsOf(referrer string) []*Referral { return d.idx.byReferrer[referrer] }
