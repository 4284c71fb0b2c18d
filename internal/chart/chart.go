// Package chart builds the ECharts options of the site's charts from the
// site model with go-echarts. It hands back the option as JSON and never
// renders HTML: the page templates put that JSON into their own <script>
// through html/template, which escapes it for the script context.
// go-echarts' own page rendering is not used because it writes strings
// into the script unescaped and gives every chart a random id.
package chart

import (
	"encoding/json"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/site"
)

// Kinds of chart, as articles name them in {{ chart KIND … }}.
const (
	KindAdmissions = "admissions"
	KindMembers    = "members"
	KindReferrals  = "referrals"
	KindCells      = "cells"
)

// Chart is one chart ready for a page.
type Chart struct {
	// ID is fixed by what the chart shows, so that links to it and the
	// output bytes do not change between builds: chart-admissions-khoi-dn,
	// chart-cells-khoi-dn-2017.
	ID      string
	Kind    string
	Subject string // cell or referrer id
	Year    int    // cells charts only
	Title   string // in the site's language; the caption and the canvas' label
	// Known is the day the chart shows the data as of (an article's
	// date); zero for the data as it is now.
	Known  data.Date
	Height int // pixels the chart needs; cells charts grow with their cells
	// Option is the ECharts option from go-echarts, as JSON that
	// encoding/json has made safe for HTML (<, > and & escaped).
	Option json.RawMessage

	// Series names the figures of each row, as the format names them
	// ("admitted", "target"; "members"; "referred", "referral_admitted").
	// Rows are the figures the chart draws, one row per category of its
	// axis, in its order: what a table beside the chart shows.
	Series []string
	Rows   []Row
	// Summary says in one sentence of the site's language what the
	// chart shows, from its figures ("Năm 2017 kết nạp trên 200 đảng
	// viên, chỉ tiêu 200–220."): the text beside the chart and, after
	// its title, its description for screen readers.
	Summary string
}

// Row is one category of a chart (a year, a day, a sub-cell) and its
// figures, aligned with Chart.Series; nil where the data holds none.
type Row struct {
	Label   string // as the axis shows it
	Year    int    // the year of the row (admissions, referrals), else 0
	Date    data.Date
	Cell    string // the sub-cell of a cells chart
	Figures []*data.Figure
}

// Colours meet WCAG contrast on white where they carry text or thin lines.
const (
	colorAdmitted = "#1f5fa8"
	colorApprox   = "#a9c4e6"
	colorDated    = "#6f9bd6"
	colorTarget   = "rgba(191, 96, 0, 0.16)"
	colorTargetLn = "#9a4d00"
	colorMembers  = "#2e6b30"
	colorReferred = "#6a4c93"
	colorText     = "#1d1d1d"
)

// ID returns the id of a chart: "chart-KIND-SUBJECT" and, for a cells
// chart, "-YEAR".
func ID(kind, subject string, year int) string {
	id := "chart-" + kind + "-" + subject
	if kind == KindCells {
		id += "-" + strconv.Itoa(year)
	}
	return id
}

// For returns the chart of KIND for SUBJECT (and YEAR, for a cells
// chart), as an article asks for it with {{ chart KIND SUBJECT [YEAR] }},
// or nil when the subject is unknown or the data holds nothing to draw
// (content.Load has already reported both). An article sees the data as
// of its date: known is that day, and a figure counted or dated later is
// left out; zero known is the data as it is now.
func For(m *site.Model, kind, subject string, year int, known data.Date) (*Chart, error) {
	if Settled(m, kind, subject, year, known) {
		known = data.Date{}
	}
	switch kind {
	case KindAdmissions:
		if c := m.Cell(subject); c != nil {
			return Admissions(m, c, known)
		}
	case KindMembers:
		if c := m.Cell(subject); c != nil {
			return Members(m, c, known)
		}
	case KindCells:
		if c := m.Cell(subject); c != nil {
			return Cells(m, c, year, known)
		}
	case KindReferrals:
		if r := m.Referrer(subject); r != nil {
			return Referrals(m, r, known)
		}
	}
	return nil, nil
}

// Settled reports whether the chart as known on day known is the chart of
// the data as it is now: the day is after everything the chart shows was
// counted. Such a chart needs no date in its title, and is built once
// for all the articles that show it.
func Settled(m *site.Model, kind, subject string, year int, known data.Date) bool {
	if known.IsZero() {
		return true
	}
	var last data.Date
	switch kind {
	case KindAdmissions:
		if c := m.Cell(subject); c != nil && len(c.Years) > 0 {
			last = data.EndOfYear(c.Years[len(c.Years)-1].Year)
		}
	case KindMembers:
		if c := m.Cell(subject); c != nil && len(c.Memberships) > 0 {
			last = c.Memberships[len(c.Memberships)-1].Date
		}
	case KindCells:
		last = data.EndOfYear(year)
	case KindReferrals:
		if r := m.Referrer(subject); r != nil && len(r.Years) > 0 {
			last = data.EndOfYear(r.Years[len(r.Years)-1].Year)
		}
	}
	return !known.Before(last)
}

// knownBy reports whether year y can hold figures known on day known.
func knownBy(y int, known data.Date) bool { return known.IsZero() || y <= known.Year }

// Admissions is a cell's admissions by year as bars, with its target
// range drawn behind them as a band from min to max in each year. Exact
// figures, approximate ones ("trên 200") and ones counted to a date are
// three series of one stack, so each reads differently and the legend
// says which is which. Nil when the cell has neither admissions nor targets.
func Admissions(m *site.Model, c *site.Cell, known data.Date) (*Chart, error) {
	loc := m.Locale
	var years []string
	var exact, approx, dated []opts.BarData
	var band [][]opts.MarkAreaData
	var top, targetTop int64 // the highest bar and the highest target
	var rows []Row
	for _, cy := range c.Years {
		if !knownBy(cy.Year, known) {
			break
		}
		admitted := cy.Admitted
		if !known.IsZero() {
			admitted = m.FigureAt("admitted", c, cy.Year, known)
		}
		if admitted == nil && cy.Target == nil {
			continue
		}
		i := len(years)
		years = append(years, loc.Year(cy.Year))
		rows = append(rows, Row{Label: loc.Year(cy.Year), Year: cy.Year, Figures: []*data.Figure{admitted, cy.Target}})
		e, a, d := none(), none(), none()
		if f := admitted; f != nil {
			top = max(top, f.Count.Value)
			switch {
			case f.Count.Approx != data.Exact:
				a = approxBar(loc, f)
			case !f.AsOf.IsZero():
				d = datedBar(loc, f)
			default:
				e = opts.BarData{Value: f.Count.Value}
			}
		}
		exact, approx, dated = append(exact, e), append(approx, a), append(dated, d)
		if t := cy.Target; t != nil {
			targetTop = max(targetTop, t.Max)
			band = append(band, []opts.MarkAreaData{
				{Name: loc.Range(t.Min, t.Max), Coord: []any{i, t.Min}},
				{Coord: []any{i, t.Max}},
			})
		}
	}
	if len(years) == 0 {
		return nil, nil
	}
	id := ID(KindAdmissions, c.ID, 0)
	bar := newBar(loc, id, defaultGrid)
	bar.SetXAxis(years)
	if targetTop > top {
		// ECharts scales the axis to the bars alone: a target above them
		// would be cut off at the top.
		bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Max: niceCeil(targetTop)}))
	}
	stack := charts.WithBarChartOpts(opts.BarChart{Stack: "admitted", BarWidth: "50%"})
	if has(exact) || !has(approx) && !has(dated) {
		bar.AddSeries(loc.T("chart.admitted"), exact, stack,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdmitted}))
	}
	if has(approx) {
		bar.AddSeries(loc.T("chart.admitted_approx"), approx, stack,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorApprox, BorderColor: colorAdmitted, BorderWidth: 1}))
	}
	if has(dated) {
		bar.AddSeries(loc.T("chart.admitted_dated"), dated, stack,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDated, BorderColor: colorAdmitted, BorderWidth: 1}))
	}
	if len(band) > 0 {
		// The band is its own series, with no bars, so the legend names it
		// and can hide it; in the same stack it takes no width of its own.
		bar.AddSeries(loc.T("chart.target"), nones(len(years)), stack,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorTarget, BorderColor: colorTargetLn}),
			charts.WithMarkAreaData(band...),
			charts.WithMarkAreaStyleOpts(opts.MarkAreaStyle{
				ItemStyle: &opts.ItemStyle{Color: colorTarget, BorderColor: colorTargetLn, BorderWidth: 1},
				Label:     &opts.Label{Show: opts.Bool(false)},
			}))
	}
	return finish(loc, id, KindAdmissions, c.ID, 0, known, title(loc, known, "chart.title.admissions", c.Name), 360, bar, []string{"admitted", data.NameTarget}, rows)
}

// Members is a cell's members over the dates of its memberships, as a
// line; approximate counts are hollow points labelled as published.
func Members(m *site.Model, c *site.Cell, known data.Date) (*Chart, error) {
	ms := c.Memberships
	if !known.IsZero() {
		ms = nil
		for _, x := range c.Memberships {
			if !known.Before(x.Date) {
				ms = append(ms, x)
			}
		}
	}
	if len(ms) == 0 {
		return nil, nil
	}
	loc := m.Locale
	id := ID(KindMembers, c.ID, 0)
	dates := make([]string, 0, len(ms))
	points := make([]opts.LineData, 0, len(ms))
	rows := make([]Row, 0, len(ms))
	for _, x := range ms {
		dates = append(dates, loc.Date(x.Date.Year, x.Date.Month, x.Date.Day))
		rows = append(rows, Row{Label: dates[len(dates)-1], Date: x.Date, Figures: []*data.Figure{{
			Query: data.Query{Name: data.NameMembers, Subject: c.ID, Period: data.Year(x.Date.Year)},
			Kind:  data.KindCount, Count: x.Members, Approx: x.Members.Approx, AsOf: x.Date, Source: x.Source, Pos: x.Pos,
		}}})
		points = append(points, opts.LineData{Value: x.Members.Value})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(globals(loc, id, defaultGrid)...)
	line.SetXAxis(dates)
	line.AddSeries(loc.T("chart.members"), points,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorMembers}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 8}))
	// go-echarts' LineData has no label, and a series label would show
	// ECharts' own number format: each point carries its label as
	// published instead ("3.232", "gần 3.000").
	labelled := make([]point, len(points))
	for i, x := range ms {
		labelled[i] = point{
			Value: x.Members.Value,
			Label: &opts.Label{Show: opts.Bool(true), Position: "top", Color: colorText,
				Formatter: loc.Count(x.Members.Value, string(x.Members.Approx))},
		}
		if x.Members.Approx != data.Exact {
			labelled[i].Symbol = "emptyCircle"
		}
	}
	line.MultiSeries[0].Data = labelled
	return finish(loc, id, KindMembers, c.ID, 0, known, title(loc, known, "chart.title.members", c.Name), 320, line, []string{data.NameMembers}, rows)
}

// point is a line point with its own label.
type point struct {
	Value  int64       `json:"value"`
	Symbol string      `json:"symbol,omitempty"`
	Label  *opts.Label `json:"label,omitempty"`
}

// Referrals is a referrer's candidates referred and admitted by year.
func Referrals(m *site.Model, r *site.Referrer, known data.Date) (*Chart, error) {
	loc := m.Locale
	id := ID(KindReferrals, r.ID, 0)
	var years []string
	var referred, admitted []opts.BarData
	var rows []Row
	for _, ry := range r.Years {
		// A referral is a whole year's figure: known once the year is over.
		if !known.IsZero() && known.Before(data.EndOfYear(ry.Year)) {
			break
		}
		years = append(years, loc.Year(ry.Year))
		rows = append(rows, Row{Label: loc.Year(ry.Year), Year: ry.Year, Figures: []*data.Figure{ry.Referred, ry.Admitted}})
		referred = append(referred, countBar(loc, ry.Referred))
		admitted = append(admitted, countBar(loc, ry.Admitted))
	}
	bar := newBar(loc, id, defaultGrid)
	bar.SetXAxis(years)
	bar.AddSeries(loc.T("chart.referred"), referred,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorReferred}))
	bar.AddSeries(loc.T("chart.referral_admitted"), admitted,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdmitted}))
	if len(years) == 0 {
		return nil, nil
	}
	return finish(loc, id, KindReferrals, r.ID, 0, known, title(loc, known, "chart.title.referrals", r.Name), 320, bar, []string{data.NameReferred, data.NameReferralAdmitted}, rows)
}

// Cells is one year's admissions across the sub-cells of c, as horizontal
// bars in the Vietnamese order of their names. Nil when no sub-cell has
// a figure that year.
func Cells(m *site.Model, c *site.Cell, year int, known data.Date) (*Chart, error) {
	loc := m.Locale
	var names []string
	var values []opts.BarData
	var rows []Row
	for _, ch := range c.Children {
		f := m.FigureAt("admitted", ch, year, known)
		if f == nil {
			continue
		}
		names = append(names, ch.Name)
		rows = append(rows, Row{Label: ch.Name, Year: year, Cell: ch.ID, Figures: []*data.Figure{f}})
		// Every bar is labelled as published, in the site's number format.
		b := countBar(loc, f)
		if b.Label == nil {
			b.Label = &opts.Label{Show: opts.Bool(true), Color: colorText, Formatter: label(loc, f)}
		}
		b.Label.Position = "right"
		values = append(values, b)
	}
	if len(names) == 0 {
		return nil, nil
	}
	id := ID(KindCells, c.ID, year)
	// Room on the right for the labels at the ends of the bars.
	bar := newBar(loc, id, opts.Grid{Left: "8", Right: "72", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)})
	bar.SetXAxis(names)
	bar.XYReversal()
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		// The first cell at the top, as in the tables.
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	bar.AddSeries(loc.T("chart.admitted"), values,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdmitted}))
	height := 80 + 24*len(names)
	t := title(loc, known, "chart.title.cells", c.Name, loc.Year(year))
	return finish(loc, id, KindCells, c.ID, year, known, t, max(height, 200), bar, []string{"admitted"}, rows)
}

func newBar(loc *i18n.Locale, id string, grid opts.Grid) *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(globals(loc, id, grid)...)
	return bar
}

// globals are the options every chart shares. Animation is off so that a
// printed page or a saved image shows the whole chart; the saved image is
// named after the chart's id, which holds no text from the data.
func globals(loc *i18n.Locale, id string, grid opts.Grid) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		// One scrolling row, clear of the toolbox, so that on a phone the
		// legend does not run over the plot.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Left: "0", Right: "56"}),
		charts.WithGridOpts(grid),
		charts.WithToolboxOpts(opts.Toolbox{
			Show:  opts.Bool(true),
			Right: "0",
			Top:   "0",
			Feature: &opts.ToolBoxFeature{SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{
				Show:  opts.Bool(true),
				Title: loc.T("chart.save_image"),
				Name:  id,
			}},
		}),
	}
}

// finish validates the chart, adds the figures it draws (series names
// and rows) and the summary of them that screen readers hear as the
// chart's description, and takes its option as JSON. encoding/json sorts
// map keys, so the same chart gives the same bytes.
func finish(loc *i18n.Locale, id, kind, subject string, year int, known data.Date, title string, height int, c interface {
	Validate()
	JSON() map[string]any
}, series []string, rows []Row) (*Chart, error) {
	c.Validate()
	o := c.JSON()
	ch := &Chart{ID: id, Kind: kind, Subject: subject, Year: year, Known: known, Title: title, Height: height,
		Series: series, Rows: rows}
	ch.Summary = summary(loc, ch)
	// ECharts would describe the chart for screen readers in English or
	// Chinese; it reads the chart's title and the summary of its figures
	// instead.
	o["aria"] = &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: title + ". " + ch.Summary}}
	b, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	ch.Option = b
	return ch, nil
}

// title is a chart's title; a chart of the data as of a day says which.
func title(loc *i18n.Locale, known data.Date, key string, args ...any) string {
	t := loc.T(key, args...)
	if !known.IsZero() {
		t += " (" + loc.T("chart.known", loc.Date(known.Year, known.Month, known.Day)) + ")"
	}
	return t
}

// niceCeil is the smallest number of the form 1, 1.5, 2, 2.5, 3, 4, 5,
// 6 or 8 times a power of ten that is at least v, so that an axis ending
// there has round ticks.
func niceCeil(v int64) int64 {
	if v <= 1 {
		return 1
	}
	for p := int64(1); ; p *= 10 {
		for _, m := range [...]int64{10, 15, 20, 25, 30, 40, 50, 60, 80, 100} {
			if n := m * p / 10; n >= v && n > 0 && m*p%10 == 0 {
				return n
			}
		}
	}
}

// defaultGrid leaves room for the legend and toolbox above the plot.
var defaultGrid = opts.Grid{Left: "8", Right: "8", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}

// none is a missing value: ECharts draws nothing for "-".
func none() opts.BarData { return opts.BarData{Value: "-"} }

func nones(n int) []opts.BarData {
	out := make([]opts.BarData, n)
	for i := range out {
		out[i] = none()
	}
	return out
}

func has(bars []opts.BarData) bool {
	for _, b := range bars {
		if b.Value != "-" {
			return true
		}
	}
	return false
}

// countBar is a bar of a count; an approximate or dated one carries its
// label as published, so "trên 200" is never read as a bare 200.
func countBar(loc *i18n.Locale, f *data.Figure) opts.BarData {
	switch {
	case f == nil:
		return none()
	case f.Count.Approx != data.Exact:
		return approxBar(loc, f)
	case !f.AsOf.IsZero():
		return datedBar(loc, f)
	}
	return opts.BarData{Value: f.Count.Value}
}

func approxBar(loc *i18n.Locale, f *data.Figure) opts.BarData {
	return opts.BarData{
		Value:     f.Count.Value,
		ItemStyle: &opts.ItemStyle{Color: colorApprox, BorderColor: colorAdmitted, BorderWidth: 1},
		Label:     &opts.Label{Show: opts.Bool(true), Position: "top", Color: colorText, Formatter: label(loc, f)},
	}
}

func datedBar(loc *i18n.Locale, f *data.Figure) opts.BarData {
	return opts.BarData{
		Value:     f.Count.Value,
		ItemStyle: &opts.ItemStyle{Color: colorDated, BorderColor: colorAdmitted, BorderWidth: 1},
		Label:     &opts.Label{Show: opts.Bool(true), Position: "top", Color: colorText, Formatter: label(loc, f)},
	}
}

// label is a count as published, with the day it was counted to. It
// becomes an ECharts formatter string, so it holds only our own words
// and digits: never text from the data, which ECharts would read as a
// template.
func label(loc *i18n.Locale, f *data.Figure) string {
	s := loc.Count(f.Count.Value, string(f.Count.Approx))
	if !f.AsOf.IsZero() {
		// On a second line, so that a narrow chart does not cut it off.
		s += "\n" + loc.T("figure.as_of", loc.Date(f.AsOf.Year, f.AsOf.Month, f.AsOf.Day))
	}
	return s
}
