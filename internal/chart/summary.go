package chart

import (
	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// summary is the one sentence that says what a chart shows, written from
// its rows: the last year (or day) it draws, with each figure as
// published, so that an approximate figure stays approximate ("trên 200")
// and one counted to a day says so ("đến 15/11/2018").
func summary(loc *i18n.Locale, c *Chart) string {
	if len(c.Rows) == 0 {
		return ""
	}
	switch c.Kind {
	case KindAdmissions:
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
				return loc.T("summary.admissions", year, count(loc, admitted), asOf(loc, admitted))
			}
			return loc.T("summary.admissions_target", year, count(loc, admitted), asOf(loc, admitted), loc.Range(target.Min, target.Max))
		}
		r := c.Rows[len(c.Rows)-1]
		return loc.T("summary.target", loc.Year(r.Year), loc.Range(r.Figures[1].Min, r.Figures[1].Max))
	case KindMembers:
		last := c.Rows[len(c.Rows)-1]
		f := last.Figures[0]
		day := loc.Date(last.Date.Year, last.Date.Month, last.Date.Day)
		if len(c.Rows) == 1 {
			return loc.T("summary.members", day, count(loc, f))
		}
		first := c.Rows[0]
		return loc.T("summary.members_from", day, count(loc, f),
			loc.Date(first.Date.Year, first.Date.Month, first.Date.Day), count(loc, first.Figures[0]))
	case KindReferrals:
		r := c.Rows[len(c.Rows)-1]
		referred, admitted := r.Figures[0], r.Figures[1]
		year := loc.Year(r.Year)
		switch {
		case referred != nil && admitted != nil:
			return loc.T("summary.referrals", year, count(loc, referred), count(loc, admitted))
		case referred != nil:
			return loc.T("summary.referred", year, count(loc, referred))
		case admitted != nil:
			return loc.T("summary.referral_admitted", year, count(loc, admitted))
		}
	case KindCells:
		// The sub-cell with the most admitted; the first in the chart's
		// (alphabetical) order on a tie, so the sentence is stable.
		top := c.Rows[0]
		for _, r := range c.Rows[1:] {
			if r.Figures[0].Count.Value > top.Figures[0].Count.Value {
				top = r
			}
		}
		return loc.T("summary.cells", loc.Year(c.Year), loc.Int(int64(len(c.Rows))), top.Label,
			count(loc, top.Figures[0]), asOf(loc, top.Figures[0]))
	}
	return ""
}

// count is a count as published: "trên 200", "3.232".
func count(loc *i18n.Locale, f *data.Figure) string {
	return loc.Count(f.Count.Value, string(f.Count.Approx))
}

// asOf is " (đến 15/11/2018)" for a figure counted to a day, else "".
func asOf(loc *i18n.Locale, f *data.Figure) string {
	if f.AsOf.IsZero() {
		return ""
	}
	return " (" + loc.T("figure.as_of", loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day)) + ")"
}
