package data

// Figure names, as articles cite them and as anchors and CSV columns use them.
// The count names of [[admission]] are AdmissionCounts.
const (
	NameMembers          = "members"
	NameUnits            = "units"
	NameTarget           = "target"
	NameAchieved         = "achieved"
	NameReferred         = "referred"
	NameReferralAdmitted = "referral_admitted"
	NameConversion       = "conversion"
)

// Kind of a figure's value.
type FigureKind int

const (
	KindCount   FigureKind = iota // Count
	KindRange                     // Min–Max (a target)
	KindPercent                   // Tenths, with Approx
)

// Query asks for one figure: a name of the format's table, a subject (a
// cell or referrer id), a period, and optionally the day it is known on
// (an article's date); a zero Known means "as the data holds it now".
type Query struct {
	Name    string
	Subject string
	Period  Period
	Known   Date
}

// Figure is one answer, with everything a page or a citation shows of it.
type Figure struct {
	Query
	Kind FigureKind

	Count    Count  // KindCount
	Min, Max int64  // KindRange
	Tenths   int64  // KindPercent: tenths of a percent, rounded half away from zero
	Approx   Approx // KindPercent: its approximation (KindCount: Count.Approx)

	AsOf   Date   // the day it was counted to; zero for a whole-year figure
	Source string // where it was published; "" for a sum

	// Sum is true when the figure is the sum over sub-cells (the cell holds
	// no record of its own). Covered of Listed sub-cells open that period
	// have a figure; Missing lists the ids of those that do not (pages show
	// the coverage; an article may not cite a sum with Missing).
	Sum             bool
	Covered, Listed int
	Missing         []string

	Pos Pos // the record it comes from; zero for a sum
}

// ErrorCode says why a figure could not be given; the stage that asked
// turns it into a message at its own position.
type ErrorCode int

const (
	ErrUnknownName    ErrorCode = iota + 1 // no such figure name
	ErrUnknownSubject                      // no such cell or referrer (Arg: a close id, if any)
	ErrNoFigure                            // the data holds no figure for the period
	ErrNotYetKnown                         // held, but only after Query.Known (Arg: the day it is known)
	ErrNoTarget                            // achieved without a target
)

// FigureError is returned by Data.Figure.
type FigureError struct {
	Code  ErrorCode
	Query Query
	Arg   string // see ErrorCode
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
}
