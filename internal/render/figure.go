package render

import (
	"strconv"

	"sitegen/internal/data"
)

// FigureView is a figure as a page shows it.
type FigureView struct {
	// ID is the figure's permanent anchor on its subject's page,
	// NAME-PERIOD: admitted-2017, admitted-2010-2015, members-2018.
	ID string
	// Href links to that anchor from the page it is shown on.
	Href string
	// Text is the figure as published, in the site's language:
	// "trên 200", "200–220", "69,8%".
	Text string
	// Value is the machine-readable value for <data value>: 200,
	// 200-220, 69.8.
	Value string
	// Notes say what the text alone does not: the day it was counted to
	// ("đến 15/11/2018"), the sub-cells a sum covers.
	Notes []string
	// Title is the figure's source, shown on hover.
	Title string

	Approx, Dated, Sum bool
}

// referrerNames are the figures whose subject is a referrer.
var referrerNames = map[string]bool{
	data.NameReferred:         true,
	data.NameReferralAdmitted: true,
	data.NameConversion:       true,
}

// Fig makes the view of a figure; nil for a figure the data does not hold.
func (p *Page) Fig(f *data.Figure) *FigureView {
	if f == nil {
		return nil
	}
	loc := p.loc
	v := &FigureView{ID: f.Name + "-" + f.Period.String()}
	if referrerNames[f.Name] {
		v.Href = p.ReferrerURL(f.Subject) + "#" + v.ID
	} else {
		v.Href = p.CellURL(f.Subject) + "#" + v.ID
	}
	switch f.Kind {
	case data.KindRange:
		v.Text = loc.Range(f.Min, f.Max)
		v.Value = strconv.FormatInt(f.Min, 10)
		if f.Max != f.Min {
			v.Value += "-" + strconv.FormatInt(f.Max, 10)
		}
	case data.KindPercent:
		v.Text = loc.PercentApprox(f.Tenths, string(f.Approx))
		v.Value = strconv.FormatFloat(float64(f.Tenths)/10, 'f', 1, 64)
		v.Approx = f.Approx != data.Exact
	default:
		v.Text = loc.Count(f.Count.Value, string(f.Count.Approx))
		v.Value = strconv.FormatInt(f.Count.Value, 10)
		v.Approx = f.Count.Approx != data.Exact
	}
	if !f.AsOf.IsZero() {
		day := loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day)
		v.Dated = true
		if f.Name == data.NameMembers || f.Name == data.NameUnits {
			v.Notes = append(v.Notes, loc.T("figure.on", day))
		} else {
			v.Notes = append(v.Notes, loc.T("figure.as_of", day))
		}
	}
	if f.Sum {
		v.Sum = true
		if f.Covered == f.Listed {
			v.Notes = append(v.Notes, loc.T("figure.sum_all", loc.Int(int64(f.Listed))))
		} else {
			v.Notes = append(v.Notes, loc.T("figure.sum_partial", loc.Int(int64(f.Covered)), loc.Int(int64(f.Listed))))
		}
	}
	if f.Source != "" {
		v.Title = loc.T("figure.source", f.Source)
	}
	return v
}
