package data

// Subject says what a figure or a chart is about: a cell or a referrer.
// It decides the page a figure is published on.
type Subject int

const (
	OfCell Subject = iota + 1
	OfReferrer
)

// Name is one figure name of the format's table ("Figures in the text"):
// how articles cite it, the anchor and column it is published under, and
// what kind of value it has. Every stage loops over Names; no other place
// lists figure names.
type Name struct {
	Name    string
	Subject Subject
	Kind    FigureKind
	// Record is the kind of record the figure comes from (admission,
	// membership, target, referral); "" for a figure computed from others.
	Record string
	// Part tells a part of admitted (women, youth_union, …).
	Part bool
	// Periods tells that the figure may be asked for a from/to period as
	// well as a year.
	Periods bool
}

// Names lists every figure name in the format's order. The catalogue
// (internal/i18n) holds for each name N the labels "col.N" (a column
// header) and "cite.name.N" (what a citation calls it).
var Names = []Name{
	{Name: "admitted", Subject: OfCell, Kind: KindCount, Record: "admission", Periods: true},
	{Name: "confirmed", Subject: OfCell, Kind: KindCount, Record: "admission", Periods: true},
	{Name: "women", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: "youth_union", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: "ethnic_minority", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: "religious", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: "under_30", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: "workers", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: "owners", Subject: OfCell, Kind: KindCount, Record: "admission", Part: true, Periods: true},
	{Name: NameMembers, Subject: OfCell, Kind: KindCount, Record: "membership"},
	{Name: NameUnits, Subject: OfCell, Kind: KindCount, Record: "membership"},
	// A target is of a year: a term target is the same target for each
	// of its years, and a cell's page shows it there.
	{Name: NameTarget, Subject: OfCell, Kind: KindRange, Record: "target"},
	{Name: NameAchieved, Subject: OfCell, Kind: KindPercent},
	{Name: NameReferred, Subject: OfReferrer, Kind: KindCount, Record: "referral"},
	{Name: NameReferralAdmitted, Subject: OfReferrer, Kind: KindCount, Record: "referral"},
	{Name: NameConversion, Subject: OfReferrer, Kind: KindPercent},
}

// Figure names that the code asks for by name; the others are reached
// through Names.
const (
	NameAdmitted         = "admitted"
	NameConfirmed        = "confirmed"
	NameMembers          = "members"
	NameUnits            = "units"
	NameTarget           = "target"
	NameAchieved         = "achieved"
	NameReferred         = "referred"
	NameReferralAdmitted = "referral_admitted"
	NameConversion       = "conversion"
)

// LookupName returns the figure name s, and false when the format has none.
func LookupName(s string) (Name, bool) {
	// By index: a copy of each Name compared made this a tenth of the
	// time of a figure.
	for i := range Names {
		if Names[i].Name == s {
			return Names[i], true
		}
	}
	return Name{}, false
}

// NamesOf lists the figure names of a subject, in the format's order.
func NamesOf(s Subject) []string {
	var out []string
	for _, n := range Names {
		if n.Subject == s {
			out = append(out, n.Name)
		}
	}
	return out
}

// AdmissionCounts names the count keys of `[[admission]]` in the format's
// order: admitted, confirmed, then the parts of admitted.
var AdmissionCounts = namesWhere(func(n Name) bool { return n.Record == "admission" })

// Parts names the parts of admitted, in the format's order.
var Parts = namesWhere(func(n Name) bool { return n.Part })

func namesWhere(keep func(Name) bool) []string {
	var out []string
	for _, n := range Names {
		if keep(n) {
			out = append(out, n.Name)
		}
	}
	return out
}
