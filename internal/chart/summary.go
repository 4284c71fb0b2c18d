package chart

import (
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// summary is the one sentence that says what a chart shows, written from
// its rows: the last year (or day) it draws, with each figure as
// published, so that an approximate figure stays approximate ("trên
// 200"), one counted to a day says so ("đến 15/11/2018") and a sum says
// what it covers.
func summary(loc *i18n.Locale, c *data.ChartData) string {
	if len(c.Rows) == 0 {
		return ""
	}
	switch c.Kind.Name {
	case data.ChartAdmissions:
		// The last year with an admitted figure; a later year of target
		// alone (the term's next year) is not what the chart is about.
		for i := len(c.Rows) - 1; i >= 0; i-- {
			r := c.Rows[i]
			admitted, target := r.Figures[0], r.Figures[1]
			if admitted == nil {
				continue
			}
			year := loc.Year(r.Year)
			if target == nil {
				return loc.T("summary.admissions", year, admitted.Text(loc), notes(loc, admitted))
			}
			return loc.T("summary.admissions_target", year, admitted.Text(loc), notes(loc, admitted), target.Text(loc))
		}
		r := c.Rows[len(c.Rows)-1]
		return loc.T("summary.target", loc.Year(r.Year), r.Figures[1].Text(loc))
	case data.ChartMembers:
		last := c.Rows[len(c.Rows)-1]
		day := loc.Date(last.Date.Year, last.Date.Month, last.Date.Day)
		if len(c.Rows) == 1 {
			return loc.T("summary.members", day, last.Figures[0].Text(loc))
		}
		first := c.Rows[0]
		return loc.T("summary.members_from", day, last.Figures[0].Text(loc),
			loc.Date(first.Date.Year, first.Date.Month, first.Date.Day), first.Figures[0].Text(loc))
	case data.ChartReferrals:
		r := c.Rows[len(c.Rows)-1]
		referred, admitted := r.Figures[0], r.Figures[1]
		year := loc.Year(r.Year)
		switch {
		case referred != nil && admitted != nil:
			return loc.T("summary.referrals", year, referred.Quote(loc), admitted.Quote(loc))
		case referred != nil:
			return loc.T("summary.referred", year, referred.Quote(loc))
		case admitted != nil:
			return loc.T("summary.referral_admitted", year, admitted.Quote(loc))
		}
	case data.ChartCells:
		// The sub-cell with the most admitted; the first in the chart's
		// (alphabetical) order on a tie, so the sentence is stable.
		top := c.Rows[0]
		for _, r := range c.Rows[1:] {
			if r.Figures[0].Count.Value > top.Figures[0].Count.Value {
				top = r
			}
		}
		f := top.Figures[0]
		return loc.T("summary.cells", loc.Year(c.Year), loc.Int(int64(len(c.Rows))), top.Cell.Name, f.Text(loc), notes(loc, f))
	}
	return ""
}

// notes is " (đến 15/11/2018; tổng của 2/6 …)" for a figure with notes,
// else "".
func notes(loc *i18n.Locale, f *data.Figure) string {
	if n := f.Notes(loc); len(n) > 0 {
		return " (" + strings.Join(n, "; ") + ")"
	}
	return ""
}
