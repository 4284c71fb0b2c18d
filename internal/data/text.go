package data

import (
	"strconv"
	"strings"

	"sitegen/internal/i18n"
)

// How a figure is written in the site's language. Pages, articles,
// charts, their summaries and tooltips, and citations all write a figure
// with these methods, so that it reads the same everywhere: approximate
// as published, with the day it was counted to, and a sum with what it
// covers.

// Text is the figure as published: "trên 200", "3.232", "200–220",
// "69,8%".
func (f *Figure) Text(loc *i18n.Locale) string {
	switch f.Kind {
	case KindRange:
		return loc.Range(f.Min, f.Max)
	case KindPercent:
		return loc.PercentApprox(f.Tenths, string(f.Approx))
	}
	return loc.Count(f.Count.Value, string(f.Count.Approx))
}

// Value is the figure as a program reads it, for <data value>: "200",
// "200-220", "69.8".
func (f *Figure) Value() string {
	switch f.Kind {
	case KindRange:
		v := strconv.FormatInt(f.Min, 10)
		if f.Max != f.Min {
			v += "-" + strconv.FormatInt(f.Max, 10)
		}
		return v
	case KindPercent:
		return strconv.FormatInt(f.Tenths/10, 10) + "." + strconv.FormatInt(f.Tenths%10, 10)
	}
	return strconv.FormatInt(f.Count.Value, 10)
}

// ApproxOf is the figure's approximation: over, under, about or exact.
func (f *Figure) ApproxOf() Approx {
	if f.Kind == KindCount {
		return f.Count.Approx
	}
	return f.Approx
}

// Notes say what the text alone does not, in order: the day the figure
// was counted to ("đến 15/11/2018"; "ngày 02/02/2018" for a membership),
// and for a sum over sub-cells how many of how many listed ones it
// covers ("tổng của 2/6 đơn vị trực thuộc có số liệu").
func (f *Figure) Notes(loc *i18n.Locale) []string {
	var notes []string
	if f.Dated() {
		day := loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day)
		if n, _ := LookupName(f.Name); n.Record == "membership" {
			notes = append(notes, loc.T("figure.on", day))
		} else {
			notes = append(notes, loc.T("figure.as_of", day))
		}
	}
	n, _ := LookupName(f.Name)
	switch {
	case f.Sum && n.Subject == OfReferrer:
		notes = append(notes, loc.T("figure.sum_referrals", loc.Int(int64(f.Listed))))
	case f.Sum:
		if f.Partial() {
			notes = append(notes, loc.T("figure.sum_partial", loc.Int(int64(f.Covered)), loc.Int(int64(f.Listed))))
		} else {
			notes = append(notes, loc.T("figure.sum_all", loc.Int(int64(f.Listed))))
		}
	}
	return notes
}

// Quote is the text with its notes, as a sentence, a chart's label or a
// citation quotes the figure: "187 (đến 15/11/2018)", "14 (tổng của 2/6
// đơn vị trực thuộc có số liệu)".
func (f *Figure) Quote(loc *i18n.Locale) string {
	s := f.Text(loc)
	if notes := f.Notes(loc); len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// SourceText says where the figure was published: "Nguồn: Báo Vĩnh
// Phúc, 02/02/2018", or that its record names no source; "" for a sum,
// whose notes say what it sums.
func (f *Figure) SourceText(loc *i18n.Locale) string {
	switch {
	case f.Source != "":
		return loc.T("figure.source", f.Source)
	case f.Sum:
		return ""
	}
	return loc.T("figure.no_source")
}
