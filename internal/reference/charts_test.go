package reference

import (
	"fmt"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The reference charts: what each kind of chart draws, a row per
// category, as known on a day, and the download table of its rows.

// seriesOf are the figure names of each row of a chart kind.
func seriesOf(kind string) []string {
	switch kind {
	case "admissions":
		return []string{admitted, target}
	case "members":
		return []string{members}
	case "referrals":
		return []string{referred, referralAdmitted}
	}
	return []string{admitted} // cells
}

// chartRow is one category of a chart: a year, a membership's day, or a
// sub-cell in a year.
type chartRow struct {
	year int
	date day
	cell *cell
	figs []*figure // by seriesOf; nil where there is none
}

// chartAt is what a chart shows as known on day on (zero: now):
//
//   - admissions: "a row per year with an admitted figure or a target",
//     years up to the article's year for an article's chart;
//   - members: "a row per membership that counts members, dated ≤ article
//     date", each as its own record: the figure of its year as known on
//     its day;
//   - referrals: "a row per year with a record, known";
//   - cells: "admitted of each sub-cell open that year with a figure", in
//     Vietnamese order of the sub-cells' names.
func (s *site) chartAt(c chartRef, on day) []chartRow {
	var rows []chartRow
	add := func(r chartRow, subject string, p period, at day) {
		any := false
		for _, name := range seriesOf(c.kind) {
			f := s.figureAt(name, subject, p, at)
			r.figs = append(r.figs, f)
			any = any || f != nil
		}
		if any {
			rows = append(rows, r)
		}
	}
	switch c.kind {
	case "admissions":
		for _, y := range s.years() {
			if on.isZero() || y <= on.y {
				add(chartRow{year: y}, c.subject, yearOf(y), on)
			}
		}
	case "members":
		var ms []*membership
		for _, m := range s.memberships {
			if m.cell == c.subject && (on.isZero() || !on.before(m.date)) {
				ms = append(ms, m)
			}
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].date.before(ms[j].date) })
		for _, m := range ms {
			add(chartRow{year: m.date.y, date: m.date}, c.subject, yearOf(m.date.y), m.date)
		}
	case "referrals":
		for _, y := range s.years() {
			has := false
			for _, r := range s.referrals {
				has = has || r.referrer == c.subject && r.year == y
			}
			if has {
				add(chartRow{year: y}, c.subject, yearOf(y), on)
			}
		}
	case "cells":
		if !on.isZero() && on.y < c.year {
			return nil
		}
		for _, ch := range s.byName(s.children(c.subject)) {
			if openIn(ch, c.year) {
				add(chartRow{year: c.year, cell: ch}, ch.id, yearOf(c.year), on)
			}
		}
	}
	return rows
}

// byName sorts cells in Vietnamese order of their names, then by id.
func (s *site) byName(cells []*cell) []*cell {
	col := collate.New(language.Vietnamese)
	out := append([]*cell(nil), cells...)
	sort.SliceStable(out, func(i, j int) bool {
		if c := col.CompareString(out[i].name, out[j].name); c != 0 {
			return c < 0
		}
		return out[i].id < out[j].id
	})
	return out
}

// chartID: chart-KIND-SUBJECT, and -YEAR for a cells chart.
func chartID(c chartRef) string {
	id := "chart-" + c.kind + "-" + c.subject
	if c.kind == "cells" {
		id += fmt.Sprint("-", c.year)
	}
	return id
}

// sameRows reports whether two charts show the same: the same rows, and
// the same figure in each place.
func sameRows(a, b []chartRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].year != b[i].year || a[i].date != b[i].date || a[i].cell != b[i].cell {
			return false
		}
		for j := range a[i].figs {
			f, g := a[i].figs[j], b[i].figs[j]
			if (f == nil) != (g == nil) || f != nil && !sameFigure(f, g) {
				return false
			}
		}
	}
	return true
}

// sameFigure reports whether two answers are one: the same since, and
// the same everything a reader sees.
func sameFigure(f, g *figure) bool {
	return f.since == g.since && f.value == g.value && f.max == g.max && f.tenths == g.tenths &&
		f.approx == g.approx && f.asOf == g.asOf && f.source == g.source && f.sum == g.sum &&
		f.covered == g.covered && f.listed == g.listed
}

// downloadOf is the base name of a chart's downloads: du-lieu/CHARTID,
// and for an article's chart that differs from the chart of now,
// du-lieu/CHARTID.YYYY-MM-DD.
func (s *site) downloadOf(c chartRef, on day) string {
	name := "du-lieu/" + chartID(c)
	if !on.isZero() && !sameRows(s.chartAt(c, on), s.chartAt(c, day{})) {
		name += "." + on.String()
	}
	return name
}

// downloadTable is the table a chart's downloads hold: the row's label
// columns (year; date; cell, cell_name, year), then for each count or
// percent NAME, NAME_approx, NAME_as_of, NAME_source, NAME_covered,
// NAME_listed, and for a target target_min, target_max, target_source.
// Empty strings are empty cells. (data_version and data_date follow in
// the CSV; the checker reads them apart.)
func downloadTable(kind string, rows []chartRow) (header []string, out [][]string) {
	switch kind {
	case "members":
		header = []string{"date"}
	case "cells":
		header = []string{"cell", "cell_name", "year"}
	default:
		header = []string{"year"}
	}
	for _, name := range seriesOf(kind) {
		if name == target {
			header = append(header, "target_min", "target_max", "target_source")
			continue
		}
		header = append(header, name, name+"_approx", name+"_as_of", name+"_source", name+"_covered", name+"_listed")
	}
	for _, r := range rows {
		var row []string
		switch kind {
		case "members":
			row = append(row, r.date.String())
		case "cells":
			row = append(row, r.cell.id, r.cell.name, fmt.Sprint(r.year))
		default:
			row = append(row, fmt.Sprint(r.year))
		}
		for i, name := range seriesOf(kind) {
			f := r.figs[i]
			switch {
			case name == target && f == nil:
				row = append(row, "", "", "")
			case name == target:
				row = append(row, fmt.Sprint(f.value), fmt.Sprint(f.max), f.source)
			case f == nil:
				row = append(row, "", "", "", "", "", "")
			default:
				v := fmt.Sprint(f.value)
				if f.kind == kindPercent {
					v = valueOf(f)
				}
				asOf := ""
				if !f.asOf.isZero() {
					asOf = f.asOf.String()
				}
				covered, listed := "", ""
				if f.sum {
					covered, listed = fmt.Sprint(f.covered), fmt.Sprint(f.listed)
				}
				row = append(row, v, f.approx, asOf, f.source, covered, listed)
			}
		}
		out = append(out, row)
	}
	return header, out
}
