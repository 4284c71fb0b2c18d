package data

import "slices"

// ChartKind is one kind of chart of the format: what `{{ chart KIND
// SUBJECT [YEAR] }}` draws. Every stage loops over ChartKinds.
type ChartKind struct {
	Name    string
	Subject Subject
	// Year tells that the chart is of one year, given after its subject.
	Year bool
	// By is what each row of the chart is: "year", "date" (of a
	// membership) or "cell" (a sub-cell).
	By string
	// Series are the figure names of each row, in order.
	Series []string
}

// Chart kinds the code asks for by name.
const (
	ChartAdmissions = "admissions"
	ChartMembers    = "members"
	ChartReferrals  = "referrals"
	ChartCells      = "cells"
)

// ChartKinds lists the chart kinds in the format's order.
var ChartKinds = []ChartKind{
	{Name: ChartAdmissions, Subject: OfCell, By: "year", Series: []string{NameAdmitted, NameTarget}},
	{Name: ChartMembers, Subject: OfCell, By: "date", Series: []string{NameMembers}},
	{Name: ChartReferrals, Subject: OfReferrer, By: "year", Series: []string{NameReferred, NameReferralAdmitted}},
	{Name: ChartCells, Subject: OfCell, Year: true, By: "cell", Series: []string{NameAdmitted}},
}

// LookupChart returns the chart kind s, and false when the format has none.
func LookupChart(s string) (ChartKind, bool) {
	i := slices.IndexFunc(ChartKinds, func(k ChartKind) bool { return k.Name == s })
	if i < 0 {
		return ChartKind{}, false
	}
	return ChartKinds[i], true
}

// ChartKindNames lists the names of the chart kinds.
func ChartKindNames() []string {
	out := make([]string, len(ChartKinds))
	for i, k := range ChartKinds {
		out[i] = k.Name
	}
	return out
}

// ChartQuery asks for the figures of one chart, as an article writes it
// (`{{ chart KIND SUBJECT [YEAR] }}`), as known on day On (the article's
// date; zero: as the data holds them now).
type ChartQuery struct {
	Kind    string
	Subject string
	Year    int // only for a kind with Year
	On      Date
}

// ChartData is what a chart draws: a row per category of its axis, in
// the chart's order, each with the figures of the kind's Series. Every
// figure is Figure's answer: the chart, its table, its summary and its
// downloads show these and nothing else.
type ChartData struct {
	ChartQuery
	Kind ChartKind
	Rows []ChartRow
}

// ChartRow is one category of a chart.
type ChartRow struct {
	Year    int   // the year of the row (admissions, referrals, cells)
	Date    Date  // a members chart: the day of the membership
	Cell    *Cell // a cells chart: the sub-cell
	Figures []*Figure
}

// Chart answers a chart query. An error is a *FigureError whose Query
// holds the kind as its Name: ErrUnknownName for an unknown kind,
// ErrUnknownSubject, ErrNoFigure when the data holds nothing the chart
// could draw, ErrNotYetKnown when it does, but nothing of it was known
// on q.On (Arg: the first day something was).
func (d *Data) Chart(q ChartQuery) (*ChartData, error) {
	fq := Query{Name: q.Kind, Subject: q.Subject, Period: Year(q.Year), On: q.On}
	fail := func(code ErrorCode, arg string) (*ChartData, error) {
		return nil, &FigureError{Code: code, Query: fq, Arg: arg}
	}
	k, ok := LookupChart(q.Kind)
	if !ok || d == nil || d.idx.cells == nil {
		return fail(ErrUnknownName, "")
	}
	switch {
	case k.Subject == OfCell && d.idx.cells[q.Subject] == nil:
		return fail(ErrUnknownSubject, closest(q.Subject, sortedKeys(d.idx.cells)))
	case k.Subject == OfReferrer && d.idx.referrers[q.Subject] == nil:
		return fail(ErrUnknownSubject, closest(q.Subject, sortedKeys(d.idx.referrers)))
	}
	c := &ChartData{ChartQuery: q, Kind: k, Rows: d.chartRows(k, q)}
	if len(c.Rows) > 0 {
		return c, nil
	}
	if q.On.IsZero() {
		return fail(ErrNoFigure, "")
	}
	now := q
	now.On = Date{}
	rows := d.chartRows(k, now)
	if len(rows) == 0 {
		return fail(ErrNoFigure, "")
	}
	return fail(ErrNotYetKnown, firstShown(rows).String())
}

// chartRows makes the rows of a chart of kind k.
func (d *Data) chartRows(k ChartKind, q ChartQuery) []ChartRow {
	shown := func(y int) bool { return q.On.IsZero() || y <= q.On.Year }
	var rows []ChartRow
	add := func(r ChartRow, subject string, period Period, on Date) {
		r.Figures = make([]*Figure, len(k.Series))
		any := false
		for i, name := range k.Series {
			if f, err := d.figure(Query{Name: name, Subject: subject, Period: period, On: on}, true); err == nil {
				r.Figures[i] = &f
				any = true
			}
		}
		if any {
			rows = append(rows, r)
		}
	}
	switch k.Name {
	case ChartAdmissions:
		// Every year the cell has an admitted figure or a target: the
		// bars and the band behind them.
		for _, y := range d.idx.years {
			if shown(y) {
				add(ChartRow{Year: y}, q.Subject, Year(y), q.On)
			}
		}
	case ChartMembers:
		// A point for each membership that counts members: each as its
		// own record, known on its day.
		for _, m := range d.idx.memberships[q.Subject] {
			if m.Members.Set && (q.On.IsZero() || !q.On.Before(m.Date)) {
				add(ChartRow{Year: m.Date.Year, Date: m.Date}, q.Subject, Year(m.Date.Year), m.Date)
			}
		}
	case ChartReferrals:
		years := make([]int, 0, len(d.idx.referrals[q.Subject]))
		for y := range d.idx.referrals[q.Subject] {
			years = append(years, y)
		}
		slices.Sort(years)
		for _, y := range years {
			add(ChartRow{Year: y}, q.Subject, Year(y), q.On)
		}
	case ChartCells:
		for _, ch := range d.idx.byName[q.Subject] {
			if ch.OpenIn(q.Year) && shown(q.Year) {
				add(ChartRow{Year: q.Year, Cell: ch}, ch.ID, Year(q.Year), q.On)
			}
		}
	}
	return rows
}

// firstShown is the first day on which one of the rows' figures was
// known: a target from the first day of its year, a count from its Since.
func firstShown(rows []ChartRow) Date {
	var first Date
	for _, r := range rows {
		for _, f := range r.Figures {
			if f == nil {
				continue
			}
			day := f.Since
			if day.IsZero() {
				day = Date{Year: r.Year, Month: 1, Day: 1}
			}
			if first.IsZero() || day.Before(first) {
				first = day
			}
		}
	}
	return first
}
