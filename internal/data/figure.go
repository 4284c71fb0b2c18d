package data

import "slices"

// Kind of a figure's value.
type FigureKind uint8

const (
	KindCount   FigureKind = iota // Count
	KindRange                     // Min–Max (a target)
	KindPercent                   // Tenths, with Approx
)

// Query asks for one figure: a name of the format's table, a subject (a
// cell or referrer id), a period, and optionally a day: the figure as it
// was known on that day (an article's date). A zero On means "as the
// data holds it now".
type Query struct {
	Name    string
	Subject string
	Period  Period
	On      Date
}

// Figure is one answer, with everything a page or a citation shows of it.
type Figure struct {
	Query

	Count    Count  // KindCount
	Min, Max int64  // KindRange
	Tenths   int64  // KindPercent: tenths of a percent, rounded half away from zero
	Approx   Approx // KindPercent: its approximation (KindCount: Count.Approx)

	AsOf   Date   // the day it was counted to; zero for a whole-year figure
	Source string // where it was published; "" for a sum

	// Since is the first day on which this is the answer: the day its
	// record was counted to (the last day of its period for a whole-year
	// record), for a sum the latest such day of its parts. No two counts
	// of one name, subject and period have the same Since, so it tells
	// them apart in their anchors. Zero for a target: targets are plans,
	// known from the start.
	Since Date
	// Latest tells that the figure is the one the data holds now: what
	// the query without a day answers.
	Latest bool
	// Kind is what the value is; beside the booleans, it shares their
	// word (the model holds a figure for every cell, name and year).
	Kind FigureKind

	// Sum is true when the figure is the sum over sub-cells (the cell holds
	// no record of its own). Covered of Listed sub-cells open that period
	// have a figure; Missing lists the ids of those that do not (pages show
	// the coverage; an article may not cite a sum with Missing).
	Sum             bool
	Covered, Listed int
	Missing         []string

	Pos Pos // the record it comes from; zero for a sum
}

// Equal reports whether f and g are the same answer, in every field a
// page may show.
// TestFigureEqual fails when a field is added and not compared here.
func (f Figure) Equal(g Figure) bool {
	return f.Query == g.Query && f.Count == g.Count && f.Min == g.Min && f.Max == g.Max &&
		f.Tenths == g.Tenths && f.Approx == g.Approx && f.AsOf == g.AsOf && f.Source == g.Source &&
		f.Since == g.Since && f.Latest == g.Latest && f.Kind == g.Kind && f.Sum == g.Sum &&
		f.Covered == g.Covered && f.Listed == g.Listed && slices.Equal(f.Missing, g.Missing) && f.Pos == g.Pos
}

// Partial reports whether the figure is a sum that leaves out a listed
// sub-cell: it is shown with its coverage and never as a total.
func (f *Figure) Partial() bool { return f.Sum && f.Covered < f.Listed }

// Dated reports whether the figure was counted to a day before its
// period was over.
func (f *Figure) Dated() bool { return !f.AsOf.IsZero() }

// ErrorCode says why a figure could not be given; the stage that asked
// turns it into a message at its own position.
type ErrorCode int

const (
	ErrUnknownName    ErrorCode = iota + 1 // no such figure name
	ErrUnknownSubject                      // no such cell or referrer (Arg: a close id, if any)
	ErrNoFigure                            // the data holds no figure for the period
	ErrNotYetKnown                         // held, but only after Query.On (Arg: the day it is known)
	ErrNoTarget                            // achieved without a target
	ErrNotOpen                             // the cell was not open in the period (Arg: its founded – closed)
	ErrPartial                             // achieved of a sum that leaves out sub-cells (Missing lists them)
)

// FigureError is returned by Data.Figure.
type FigureError struct {
	Code    ErrorCode
	Query   Query
	Arg     string   // see ErrorCode
	Missing []string // ErrPartial: the sub-cells the sum leaves out
}

func (e *FigureError) Error() string {
	return "figure " + e.Query.Name + " " + e.Query.Subject + " " + e.Query.Period.String() + ": " + errorCodeText[e.Code]
}

var errorCodeText = map[ErrorCode]string{
	ErrUnknownName:    "unknown name",
	ErrUnknownSubject: "unknown subject",
	ErrNoFigure:       "no figure",
	ErrNotYetKnown:    "not yet known",
	ErrNoTarget:       "no target",
	ErrNotOpen:        "not open",
	ErrPartial:        "partial sum",
}
