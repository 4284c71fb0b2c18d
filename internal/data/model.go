// Package data reads and validates the data/ folder of a site (the format
// of DATA-FORMAT.md) and answers questions about its figures. It is the
// first stage of the pipeline: what it hands on has been checked.
package data

import (
	"fmt"
	"time"
)

// Pos is where a record or key was written: a path as the user would type
// it, and a 1-based line and column.
type Pos struct {
	Path      string
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col) }

// Approx is how a published figure was approximate: "" (exact), "over"
// (trên), "under" (gần) or "about" (khoảng).
type Approx string

const (
	Exact Approx = ""
	Over  Approx = "over"
	Under Approx = "under"
	About Approx = "about"
)

// Count is a count as the format writes it: an integer, or
// `{ value = 200, approx = "over" }`. Set is false where the key was absent.
type Count struct {
	Value  int64
	Approx Approx
	Set    bool
}

// Counts are the count keys written in a record, each once, in the
// order of AdmissionCounts as the loader reads them. A list, not a map:
// a map of a few keys took 480 bytes a record, and a national site
// holds millions of records.
type Counts []NamedCount

// NamedCount is a count with its key's TOML name.
type NamedCount struct {
	Name string
	Count
}

// Get is the count of key name, and whether it was written.
func (cs Counts) Get(name string) (Count, bool) {
	for _, c := range cs {
		if c.Name == name {
			return c.Count, true
		}
	}
	return Count{}, false
}

// Has reports whether key name was written.
func (cs Counts) Has(name string) bool {
	_, ok := cs.Get(name)
	return ok
}

// Date is a calendar day, as TOML writes a local date (2022-12-31).
// The zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// String is the ISO form, 2018-11-15.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// EndOfYear is 31 December of year y: a whole-year figure counts as known then.
func EndOfYear(y int) Date { return Date{y, time.December, 31} }

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Site is the `[site]` table.
type Site struct {
	Title       string
	Root        string
	Format      int    // 1 when not given
	Language    string // "vi" when not given
	BaseURL     string
	Description string
	Publisher   string // the root cell's name when not given
	Pos         Pos
}

// Cell is a party organisation (`[[cell]]`).
type Cell struct {
	ID          string
	Name        string
	Kind        string
	Parent      string // "" on the root
	Enterprise  string
	Ownership   string
	Founded     Date // zero when not given
	Closed      Date // zero when not given (still open)
	Successor   string
	FormerNames []string
	Pos         Pos
}

// OpenIn reports whether the cell has at least one day of year y in
// [Founded, Closed].
func (c *Cell) OpenIn(y int) bool {
	if !c.Founded.IsZero() && c.Founded.Year > y {
		return false
	}
	if !c.Closed.IsZero() && c.Closed.Year < y {
		return false
	}
	return true
}

// Period is a year (From == To) or a span of years, both included.
type Period struct{ From, To int }

// Year is the period of one year.
func Year(y int) Period { return Period{y, y} }

// IsYear reports whether the period is a single year.
func (p Period) IsYear() bool { return p.From == p.To }

// String is "2017" or "2010-2015", as an article writes it and as anchors use it.
func (p Period) String() string {
	if p.IsYear() {
		return fmt.Sprint(p.From)
	}
	return fmt.Sprintf("%d-%d", p.From, p.To)
}

// Admission is `[[admission]]`: members admitted by a cell in a year or a period.
type Admission struct {
	Cell   string
	Period Period // from `year`, or `from`/`to`
	// Counts holds every count key that was written (AdmissionCounts).
	Counts Counts
	AsOf   Date // zero: the figure for the whole year
	Source string
	Pos    Pos // the line of its [[admission]] header

	// complete tells a record for the whole of its period: one without
	// as_of, or one of a closed cell for the period it closed in counted to
	// its closing day or later (nothing more was to come).
	complete bool
}

// Since is the day the record's figures are known from: its as_of, else
// the last day of its period.
func (a *Admission) Since() Date {
	if !a.AsOf.IsZero() {
		return a.AsOf
	}
	return EndOfYear(a.Period.To)
}

// Complete reports whether the record holds the figures of its whole
// period (see DATA-FORMAT.md: a record without as_of, or a closed cell's
// record for the year, or term, it closed in).
func (a *Admission) Complete() bool { return a.complete }

// counted is the day the record's figures were counted to, as shown with
// them: zero for a complete record.
func (a *Admission) counted() Date {
	if a.complete {
		return Date{}
	}
	return a.AsOf
}

// Membership is `[[membership]]`: the size of a cell on a date.
type Membership struct {
	Cell    string
	Date    Date
	Members Count
	Units   Count // Set is false when not given
	Source  string
	Pos     Pos
}

// Target is `[[target]]`: how many a cell was asked to admit each year of Period.
type Target struct {
	Cell     string
	Period   Period
	Min, Max int64 // Max equals Min when not given
	Source   string
	Pos      Pos
}

// Referrer is `[[referrer]]`: a mass organisation that refers candidates.
type Referrer struct {
	ID   string
	Name string
	Kind string // youth-union, trade-union, other
	Pos  Pos
}

// Referral is `[[referral]]`: candidates a referrer referred to a cell in a year.
type Referral struct {
	Referrer string
	Cell     string // the root when not given
	Year     int
	Referred Count
	Admitted Count
	Source   string
	Pos      Pos
}

// Data is the whole checked data/ folder. Records are in a canonical order
// (by subject, then period, then date) that does not depend on how they
// were split into files.
type Data struct {
	Site        Site
	Cells       []*Cell
	Admissions  []*Admission
	Memberships []*Membership
	Targets     []*Target
	Referrers   []*Referrer
	Referrals   []*Referral

	idx   index  // lookups built once by Load
	taint *taint // what errors in data/ may change; nil when there are none

	// change is what changed from the load of the same Kept before; nil
	// when it cannot be told (see Same).
	change *change
}
