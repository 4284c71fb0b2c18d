// Package chart builds the ECharts options of the site's charts with
// go-echarts, from the figures data.Data.Chart answers. It hands back the
// option as JSON and never renders HTML: the page templates put that
// JSON into their own <script> through html/template, which escapes it
// for the script context. go-echarts' own page rendering is not used
// because it writes strings into the script unescaped and gives every
// chart a random id.
package chart

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"sitegen/internal/address"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// Chart is one chart ready for a page.
type Chart struct {
	// Data is what the chart draws: its kind, subject, year and day, and
	// its rows of figures, each Figure's answer. The chart's table, its
	// summary and its downloads show these and nothing else.
	*data.ChartData
	// ID is fixed by what the chart shows (address.ChartID).
	ID string
	// Title is in the site's language: the caption and the canvas' label.
	Title string
	// Summary says in one sentence of the site's language what the chart
	// shows, from its figures ("Năm 2017 kết nạp trên 200 đảng viên,
	// chỉ tiêu 200–220."): the text beside the chart and, after its
	// title, its description for screen readers.
	Summary string

	// once makes the option and height when a page first shows the
	// chart: a page a rebuild takes from the previous output (package
	// made) names its charts, for their own pages and downloads, but
	// shows none.
	once func() (drawn, error)
}

type drawn struct {
	option json.RawMessage
	height int
}

// Option is the ECharts option from go-echarts, as JSON that
// encoding/json has made safe for HTML (<, > and & escaped).
func (c *Chart) Option() (json.RawMessage, error) {
	d, err := c.once()
	return d.option, err
}

// Height is the pixels the chart needs; a cells chart grows with its
// cells. It is 0 when the option cannot be made (Option says why).
func (c *Chart) Height() int {
	d, _ := c.once()
	return d.height
}

// Colours meet WCAG contrast on white where they carry text or thin lines.
const (
	colorAdmitted = "#1f5fa8"
	colorApprox   = "#a9c4e6"
	colorDated    = "#6f9bd6"
	colorPartial  = "#ffffff"
	colorTarget   = "rgba(191, 96, 0, 0.16)"
	colorTargetLn = "#9a4d00"
	colorMembers  = "#2e6b30"
	colorReferred = "#6a4c93"
	colorText     = "#1d1d1d"
	colorLabelBg  = "rgba(255, 255, 255, 0.85)"
)

// builders make the option of each kind of chart (data.ChartKinds).
var builders = map[string]func(loc *i18n.Locale, c *data.ChartData, id string) (option, int){
	data.ChartAdmissions: admissions,
	data.ChartMembers:    members,
	data.ChartReferrals:  referrals,
	data.ChartCells:      cells,
}

// option is a go-echarts chart before it is turned into JSON.
type option interface {
	Validate()
	JSON() map[string]any
}

// New makes the chart of c; subject is the name of the cell or referrer
// it is about, for its title.
func New(loc *i18n.Locale, c *data.ChartData, subject string) *Chart {
	id := address.ChartID(c.Kind.Name, c.Subject, c.Year)
	ch := &Chart{ChartData: c, ID: id}
	args := []any{subject}
	if c.Kind.Year {
		args = append(args, loc.Year(c.Year))
	}
	title := "chart.title." + c.Kind.Name
	if c.Kind.Name == data.ChartAdmissions && !hasTarget(c) {
		// No row has a target: nothing is drawn against one.
		title = "chart.title_no_target.admissions"
	}
	ch.Title = loc.T(title, args...)
	if !c.On.IsZero() {
		ch.Title += " (" + loc.T("chart.known", loc.Date(c.On.Year, c.On.Month, c.On.Day)) + ")"
	}
	ch.Summary = summary(loc, c)
	ch.once = sync.OnceValues(func() (drawn, error) { return draw(loc, ch) })
	return ch
}

// draw makes the option of ch and the height it needs.
func draw(loc *i18n.Locale, ch *Chart) (drawn, error) {
	o, height := builders[ch.Kind.Name](loc, ch.ChartData, ch.ID)
	o.Validate()
	j := o.JSON()
	if series, ok := j["series"].(charts.MultiSeries); ok {
		for i := range series {
			// On a phone the years are a few dozen pixels apart: of two
			// labels that would cover each other, the smaller bar's is
			// left out (its bar's look, its tooltip, the summary and the
			// table still say the figure).
			series[i].LabelLayout = &opts.LabelLayout{HideOverlap: opts.Bool(true)}
		}
	}
	// ECharts would describe the chart for screen readers in English or
	// Chinese; it reads the chart's title and the summary of its figures
	// instead.
	j["aria"] = &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: ch.Title + ". " + ch.Summary}}
	b, err := json.Marshal(j)
	if err != nil {
		return drawn{}, err
	}
	if b, err = compact(b); err != nil {
		return drawn{}, err
	}
	return drawn{option: b, height: height}, nil
}

// compact leaves out of an option what ECharts does without being told,
// so that a page carries each chart's figures and not the same settings
// again for every one of them: go-echarts writes its default palette
// (ECharts' own), an empty title, "show": true in every item's tooltip,
// and the same label style in every item's label. A series whose every
// item has a label gets that style once, and its items keep their own
// text ("formatter") and whatever differs; ECharts merges an item's
// label over its series'. A page of a cell with 66 sub-cells carried
// 29 KB of options, 11 KB of them this.
func compact(b []byte) ([]byte, error) {
	var o map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&o); err != nil {
		return nil, err
	}
	delete(o, "color")
	if t, ok := o["title"].(map[string]any); ok && len(t) == 0 {
		delete(o, "title")
	}
	series, _ := o["series"].([]any)
	for _, s := range series {
		s, _ := s.(map[string]any)
		items, _ := s["data"].([]any)
		var labels []map[string]any
		unlabelled := false
		for _, it := range items {
			it, ok := it.(map[string]any)
			if !ok || it["value"] == "-" {
				continue // ECharts draws nothing, and no label, for "-"
			}
			if tip, ok := it["tooltip"].(map[string]any); ok && tip["show"] == true {
				delete(tip, "show") // the chart's tooltip shows
			}
			if l, ok := it["label"].(map[string]any); ok {
				labels = append(labels, l)
			} else {
				unlabelled = true
			}
		}
		if len(labels) == 0 || unlabelled || s["label"] != nil {
			continue // an item without a label must not get the series'
		}
		common := make(map[string]any)
		for k, v := range labels[0] {
			switch v.(type) {
			case string, bool, json.Number: // comparable, and not the item's own text
				if k != "formatter" {
					common[k] = v
				}
			}
		}
		for _, l := range labels[1:] {
			for k, v := range common {
				if w, ok := l[k]; !ok || w != v {
					delete(common, k)
				}
			}
		}
		for _, l := range labels {
			for k := range common {
				delete(l, k)
			}
		}
		s["label"] = common
	}
	return json.Marshal(o)
}

// hasTarget reports whether a row of an admissions chart has a target.
func hasTarget(c *data.ChartData) bool {
	for _, r := range c.Rows {
		if r.Figures[1] != nil {
			return true
		}
	}
	return false
}

// A bar's look says how to read its figure; each look is its own series,
// so that the legend says which is which.
type look int

const (
	exact   look = iota
	approx       // "trên 200"
	dated        // counted to a day before its year was over
	partial      // a sum that leaves out sub-cells
	looks
)

var lookLabels = [looks]string{"chart.admitted", "chart.admitted_approx", "chart.admitted_dated", "chart.admitted_partial"}

func lookOf(f *data.Figure) look {
	switch {
	case f.Partial():
		return partial
	case f.ApproxOf() != data.Exact:
		return approx
	case f.Dated():
		return dated
	}
	return exact
}

// bar is the bar of a figure: its value, a look of its kind, the figure
// as published on it when a bare number would mislead, and a tooltip
// that quotes the figure with its notes. Labels and tooltips become
// ECharts formatter strings, so they hold only our own words and digits,
// never text from the data, which ECharts would read as a template.
func bar(loc *i18n.Locale, f *data.Figure) opts.BarData {
	b := opts.BarData{Value: f.Count.Value}
	tip := "{b}: " + f.Quote(loc)
	b.Tooltip = &opts.Tooltip{Show: opts.Bool(true), Formatter: types.FuncStr(tip)}
	switch lookOf(f) {
	case approx:
		b.ItemStyle = &opts.ItemStyle{Color: colorApprox, BorderColor: colorAdmitted, BorderWidth: 1}
	case dated:
		b.ItemStyle = &opts.ItemStyle{Color: colorDated, BorderColor: colorAdmitted, BorderWidth: 1}
	case partial:
		b.ItemStyle = &opts.ItemStyle{Color: colorPartial, BorderColor: colorAdmitted, BorderWidth: 2}
	default:
		return b
	}
	b.Label = figureLabel(loc, f)
	b.Label.Position = "top"
	return b
}

// labelLineHeight is the distance between the lines of a label, in
// pixels. ECharts would measure it from the width of "国" in the font,
// which a browser without a CJK font (a Linux desktop, a headless
// Chromium) measures a few pixels wide: the two lines of "187\nđến
// 15/11/2018" were drawn over each other.
const labelLineHeight = 15

// figureLabel is the label of a bar or point: its figure as published,
// in the site's number format, with its notes (label).
func figureLabel(loc *i18n.Locale, f *data.Figure) *opts.Label {
	return &opts.Label{Show: opts.Bool(true), Color: colorText, LineHeight: labelLineHeight, Formatter: label(loc, f),
		// Over a target band it still reads: the band's lines stop at
		// its edge.
		BackgroundColor: colorLabelBg, BorderRadius: 2}
}

// label is a bar's figure as published, with the day it was counted to
// and a partial sum's coverage on lines of their own, so that a narrow
// chart does not cut them off: "187\nđến 15/11/2018", "14\n2/6 đơn vị".
func label(loc *i18n.Locale, f *data.Figure) string {
	s := f.Text(loc)
	if f.Dated() {
		s += "\n" + f.Notes(loc)[0]
	}
	if f.Partial() {
		s += "\n" + loc.T("chart.coverage", loc.Int(int64(f.Covered)), loc.Int(int64(f.Listed)))
	}
	return s
}

// none is a missing value: ECharts draws nothing for "-".
func none() opts.BarData { return opts.BarData{Value: "-"} }

// admissions is a cell's admissions by year as bars, with its target
// range drawn behind them as a band from min to max in each year. Bars
// of each look are a series of one stack, so each reads differently and
// the legend says which is which.
func admissions(loc *i18n.Locale, c *data.ChartData, id string) (option, int) {
	years := make([]string, len(c.Rows))
	var series [looks][]opts.BarData
	for l := range series {
		series[l] = make([]opts.BarData, len(c.Rows))
		for i := range series[l] {
			series[l][i] = none()
		}
	}
	var band [][]opts.MarkAreaData
	var top, targetTop int64 // the highest bar and the highest target
	for i, r := range c.Rows {
		years[i] = loc.Year(r.Year)
		if f := r.Figures[0]; f != nil {
			top = max(top, f.Count.Value)
			series[lookOf(f)][i] = bar(loc, f)
		}
		if t := r.Figures[1]; t != nil {
			targetTop = max(targetTop, t.Max)
			band = append(band, []opts.MarkAreaData{
				{Name: t.Text(loc), Coord: []any{i, t.Min}},
				{Coord: []any{i, t.Max}},
			})
		}
	}
	b := newBar(loc, id, defaultGrid)
	b.SetXAxis(years)
	if targetTop > top {
		// ECharts scales the axis to the bars alone: a target above them
		// would be cut off at the top.
		b.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Max: niceCeil(targetTop)}))
	}
	stack := charts.WithBarChartOpts(opts.BarChart{Stack: "admitted", BarWidth: "50%"})
	addLooks(loc, b, series, stack, barMaxWidth)
	if len(band) > 0 {
		// The band is its own series, with no bars, so the legend names it
		// and can hide it; in the same stack it takes no width of its own.
		nones := make([]opts.BarData, len(years))
		for i := range nones {
			nones[i] = none()
		}
		b.AddSeries(loc.T("chart.target"), nones, stack, barMaxWidth,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorTarget, BorderColor: colorTargetLn}),
			charts.WithMarkAreaData(band...),
			charts.WithMarkAreaStyleOpts(opts.MarkAreaStyle{
				ItemStyle: &opts.ItemStyle{Color: colorTarget, BorderColor: colorTargetLn, BorderWidth: 1},
				Label:     &opts.Label{Show: opts.Bool(false)},
			}))
	}
	return b, 360
}

// addLooks adds a series for each look that some bar has (the plain one
// also when none has any), in a fixed order.
func addLooks(loc *i18n.Locale, b *charts.Bar, series [looks][]opts.BarData, o ...charts.SeriesOpts) {
	has := func(bars []opts.BarData) bool {
		for _, x := range bars {
			if x.Value != "-" {
				return true
			}
		}
		return false
	}
	styles := [looks]opts.ItemStyle{
		exact:   {Color: colorAdmitted},
		approx:  {Color: colorApprox, BorderColor: colorAdmitted, BorderWidth: 1},
		dated:   {Color: colorDated, BorderColor: colorAdmitted, BorderWidth: 1},
		partial: {Color: colorPartial, BorderColor: colorAdmitted, BorderWidth: 2},
	}
	any := false
	for l := range series {
		any = any || has(series[l])
	}
	for l := range series {
		if !has(series[l]) && (l != int(exact) || any) {
			continue
		}
		b.AddSeries(loc.T(lookLabels[l]), series[l], append(o, charts.WithItemStyleOpts(styles[l]))...)
	}
}

// members is a cell's members over the dates of its memberships, as a
// line; approximate counts are hollow points labelled as published.
func members(loc *i18n.Locale, c *data.ChartData, id string) (option, int) {
	dates := make([]string, len(c.Rows))
	points := make([]point, len(c.Rows))
	for i, r := range c.Rows {
		f := r.Figures[0]
		dates[i] = loc.Date(r.Date.Year, r.Date.Month, r.Date.Day)
		// go-echarts' LineData has no label, and a series label would
		// show ECharts' own number format: each point carries its label
		// as published instead ("3.232", "gần 3.000").
		points[i] = point{
			Value:   f.Count.Value,
			Label:   &opts.Label{Show: opts.Bool(true), Position: "top", Color: colorText, LineHeight: labelLineHeight, Formatter: f.Text(loc)},
			Tooltip: &opts.Tooltip{Show: opts.Bool(true), Formatter: types.FuncStr("{b}: " + f.Quote(loc))},
		}
		if f.ApproxOf() != data.Exact {
			points[i].Symbol = "emptyCircle"
		}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(globals(loc, id, defaultGrid)...)
	line.SetXAxis(dates)
	line.AddSeries(loc.T("chart.members"), make([]opts.LineData, len(points)),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorMembers}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 8}))
	line.MultiSeries[0].Data = points
	return line, 320
}

// point is a line point with its own label and tooltip.
type point struct {
	Value   int64         `json:"value"`
	Symbol  string        `json:"symbol,omitempty"`
	Label   *opts.Label   `json:"label,omitempty"`
	Tooltip *opts.Tooltip `json:"tooltip,omitempty"`
}

// referrals is a referrer's candidates referred and admitted by year.
func referrals(loc *i18n.Locale, c *data.ChartData, id string) (option, int) {
	years := make([]string, len(c.Rows))
	referred := make([]opts.BarData, len(c.Rows))
	admitted := make([]opts.BarData, len(c.Rows))
	for i, r := range c.Rows {
		years[i] = loc.Year(r.Year)
		referred[i], admitted[i] = none(), none()
		if f := r.Figures[0]; f != nil {
			referred[i] = bar(loc, f)
		}
		if f := r.Figures[1]; f != nil {
			admitted[i] = bar(loc, f)
		}
	}
	b := newBar(loc, id, defaultGrid)
	b.SetXAxis(years)
	b.AddSeries(loc.T("chart.referred"), referred, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorReferred}), barMaxWidth)
	b.AddSeries(loc.T("chart.referral_admitted"), admitted, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdmitted}), barMaxWidth)
	return b, 320
}

// cells is one year's admissions across the sub-cells of a cell, as
// horizontal bars in the order of the rows (Vietnamese order of names).
func cells(loc *i18n.Locale, c *data.ChartData, id string) (option, int) {
	names := make([]string, len(c.Rows))
	var series [looks][]opts.BarData
	for l := range series {
		series[l] = make([]opts.BarData, len(c.Rows))
		for i := range series[l] {
			series[l][i] = none()
		}
	}
	row := 24 // pixels a cell's bar and label take
	for i, r := range c.Rows {
		names[i] = r.Cell.Name
		f := r.Figures[0]
		b := bar(loc, f)
		// Every bar is labelled as published, in the site's number format.
		if b.Label == nil {
			b.Label = figureLabel(loc, f)
		}
		b.Label.Position = "right"
		series[lookOf(f)][i] = b
		if strings.Contains(b.Label.Formatter, "\n") {
			// A label of two lines is taller than a row of 24 pixels:
			// it would cover its neighbours', and one would be left out.
			row = 2*labelLineHeight + 8
		}
	}
	// Room on the right for the labels at the ends of the bars.
	b := newBar(loc, id, opts.Grid{Left: "8", Right: "72", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)})
	b.SetXAxis(names)
	b.XYReversal()
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		// The first cell at the top, as in the tables.
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	addLooks(loc, b, series, charts.WithBarChartOpts(opts.BarChart{Stack: "admitted"}))
	return b, max(80+row*len(names), 200)
}

// barMaxWidth keeps a bar as narrow as a bar of a chart of many years:
// a chart of one year would draw it half the chart wide (go-echarts'
// BarChart has no field for it).
func barMaxWidth(s *charts.SingleSeries) { s.BarMaxWidth = "40" }

func newBar(loc *i18n.Locale, id string, grid opts.Grid) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(globals(loc, id, grid)...)
	return b
}

// globals are the options every chart shares. Animation is off so that a
// printed page or a saved image shows the whole chart; the saved image is
// named after the chart's id, which holds no text from the data.
func globals(loc *i18n.Locale, id string, grid opts.Grid) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		// Clear of the toolbox's icon on its right: ECharts keeps only
		// one of a legend's left and right, so it is given a width. On a
		// phone it wraps onto more lines and site.js moves the plot down
		// below it: every item shows, none over the download icon (a
		// scrolling legend put its page buttons over it, and hid items).
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Width: "85%"}),
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
