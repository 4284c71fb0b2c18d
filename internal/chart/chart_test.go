package chart_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/chart"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

const siteTOML = `
[site]
title = "Thử"
root = "khoi-dn"

[[cell]]
id = "khoi-dn"
name = "Đảng bộ Khối"
kind = "khoi"

[[cell]]
id = "prime-group"
name = "Đảng bộ Prime Group"
kind = "dang-bo-co-so"
parent = "khoi-dn"

[[cell]]
id = "an-phu"
name = "Chi bộ An Phú"
kind = "chi-bo-co-so"
parent = "khoi-dn"

[[admission]]
cell = "khoi-dn"
year = 2016
admitted = 205

[[admission]]
cell = "khoi-dn"
year = 2017
admitted = { value = 200, approx = "over" }

[[admission]]
cell = "khoi-dn"
year = 2018
admitted = 187
as_of = 2018-11-15

[[admission]]
cell = "prime-group"
year = 2017
admitted = 1017

[[admission]]
cell = "an-phu"
year = 2017
admitted = 2

[[target]]
cell = "khoi-dn"
from = 2015
to = 2020
min = 200
max = 220

[[target]]
cell = "khoi-dn"
year = 2016
min = 170

[[membership]]
cell = "khoi-dn"
date = 2015-08-17
members = { value = 3000, approx = "under" }

[[membership]]
cell = "khoi-dn"
date = 2018-01-01
members = 3232

[[referrer]]
id = "doan-khoi"
name = "Đoàn Khối"
kind = "youth-union"

[[referral]]
referrer = "doan-khoi"
year = 2017
referred = 162
admitted = 113
`

func load(t testing.TB) *data.Data {
	t.Helper()
	d, diags := data.Load(fstest.MapFS{"data/site.toml": {Data: []byte(siteTOML)}}, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return d
}

// build makes the chart of q in language lang; nil when the data holds
// nothing to draw.
func build(t testing.TB, d *data.Data, lang i18n.Lang, q data.ChartQuery) *chart.Chart {
	t.Helper()
	c, err := d.Chart(q)
	if err != nil {
		return nil
	}
	name := q.Subject
	if cell := d.Cell(q.Subject); cell != nil {
		name = cell.Name
	} else if r := d.Referrer(q.Subject); r != nil {
		name = r.Name
	}
	ch := chart.New(i18n.New(lang), c, name)
	if _, err := ch.Option(); err != nil {
		t.Fatal(err)
	}
	return ch
}

// opt is the chart's option; the chart is drawn when first asked.
func opt(t testing.TB, c *chart.Chart) json.RawMessage {
	t.Helper()
	o, err := c.Option()
	if err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	return o
}

// option is the part of an ECharts option the tests read.
type option struct {
	XAxis []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
	YAxis []struct {
		Data []string `json:"data"`
		Max  any      `json:"max"`
	} `json:"yAxis"`
	Series []struct {
		Name     string            `json:"name"`
		Type     string            `json:"type"`
		Stack    string            `json:"stack"`
		Data     []json.RawMessage `json:"data"`
		MarkArea *struct {
			Data [][]struct {
				Name  string `json:"name"`
				Coord []any  `json:"coord"`
			} `json:"data"`
		} `json:"markArea"`
	} `json:"series"`
}

type item struct {
	Value any `json:"value"`
	Label *struct {
		Show      bool   `json:"show"`
		Formatter string `json:"formatter"`
	} `json:"label"`
	Tooltip *struct {
		Formatter string `json:"formatter"`
	} `json:"tooltip"`
}

func decode(t *testing.T, c *chart.Chart) option {
	t.Helper()
	var o option
	if err := json.Unmarshal(drawn(t, c), &o); err != nil {
		t.Fatalf("%s: %v\n%s", c.ID, err, opt(t, c))
	}
	return o
}

// drawn is a chart's option with each series' label merged into the
// label of every item it draws, as ECharts merges them: what each
// label looks like.
func drawn(t *testing.T, c *chart.Chart) []byte {
	t.Helper()
	var o map[string]any
	if err := json.Unmarshal(opt(t, c), &o); err != nil {
		t.Fatalf("%s: %v\n%s", c.ID, err, opt(t, c))
	}
	series, _ := o["series"].([]any)
	for _, s := range series {
		s := s.(map[string]any)
		common, ok := s["label"].(map[string]any)
		if !ok {
			continue
		}
		for _, it := range s["data"].([]any) {
			it, ok := it.(map[string]any)
			if !ok || it["value"] == "-" {
				continue
			}
			l, _ := it["label"].(map[string]any)
			if l == nil {
				l = make(map[string]any)
				it["label"] = l
			}
			for k, v := range common {
				if _, own := l[k]; !own {
					l[k] = v
				}
			}
		}
	}
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOptionSaysStyleOnce checks that a chart's option says the style
// of its labels once per series, not once per bar: a cell's page
// carries the options of its charts, and a cell of 66 sub-cells
// carried the same label style 198 times. What ECharts draws is the
// same (the other tests read the labels merged as ECharts merges them).
func TestOptionSaysStyleOnce(t *testing.T) {
	// an-phu gets bars of three years, none of them labelled.
	more := siteTOML + "\n[[admission]]\ncell = \"an-phu\"\nyear = 2018\nadmitted = 3\n\n[[admission]]\ncell = \"an-phu\"\nyear = 2019\nadmitted = 4\n"
	d, diags := data.Load(fstest.MapFS{"data/site.toml": {Data: []byte(more)}}, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, q := range []data.ChartQuery{{Kind: "admissions", Subject: "an-phu"}, {Kind: "admissions", Subject: "khoi-dn"}, {Kind: "referrals", Subject: "doan-khoi"}} {
		c := build(t, d, i18n.VI, q)
		var o struct {
			Series []struct {
				Data []json.RawMessage `json:"data"`
			} `json:"series"`
		}
		if err := json.Unmarshal(opt(t, c), &o); err != nil {
			t.Fatal(err)
		}
		tips := 0
		for _, s := range o.Series {
			for _, raw := range s.Data {
				var it struct {
					Tooltip map[string]any `json:"tooltip"`
				}
				if json.Unmarshal(raw, &it) != nil || it.Tooltip == nil {
					continue
				}
				tips++
				if _, ok := it.Tooltip["show"]; ok {
					t.Errorf("%s: a bar's tooltip says show, as the chart's does: %s", c.ID, raw)
				}
			}
		}
		if tips < 2 {
			t.Errorf("%s: %d tooltips of bars", c.ID, tips)
		}
	}
	c := build(t, d, i18n.VI, data.ChartQuery{Kind: "cells", Subject: "khoi-dn", Year: 2017})
	if c == nil {
		t.Fatal("no cells chart")
	}
	o := decode(t, c)
	bars := 0
	for _, s := range o.Series {
		for _, raw := range s.Data {
			if !bytes.Equal(raw, []byte(`"-"`)) && !bytes.Contains(raw, []byte(`"value":"-"`)) {
				bars++
			}
		}
	}
	if n := bytes.Count(opt(t, c), []byte(`"backgroundColor"`)); bars < 2 || n != len(o.Series) {
		t.Errorf("%d bars in %d series, the labels' style said %d times:\n%s", bars, len(o.Series), n, opt(t, c))
	}
	for _, waste := range []string{`"color":["#5470c6"`, `"title":{}`, `"show":true,"formatter":"{b}`} {
		if bytes.Contains(opt(t, c), []byte(waste)) {
			t.Errorf("the option says %s, which ECharts does anyway:\n%s", waste, opt(t, c))
		}
	}
}

func TestAdmissionsBand(t *testing.T) {
	d := load(t)
	c := build(t, d, i18n.VI, data.ChartQuery{Kind: "admissions", Subject: "khoi-dn"})
	if c == nil {
		t.Fatal("no admissions chart")
	}
	if c.ID != "chart-admissions-khoi-dn" {
		t.Errorf("id %q", c.ID)
	}
	o := decode(t, c)
	years := o.XAxis[0].Data
	// The years with an admission or a target: every year of the term
	// target too, each of which the cell's page shows.
	if want := []string{"2015", "2016", "2017", "2018", "2019", "2020"}; !slices.Equal(years, want) {
		t.Fatalf("years %q, want %q", years, want)
	}
	var band [][2][2]float64
	for _, s := range o.Series {
		if s.Stack != "admitted" || s.Type != "bar" {
			t.Errorf("series %q: type %q stack %q; every series is a bar of one stack", s.Name, s.Type, s.Stack)
		}
		if s.MarkArea == nil {
			continue
		}
		for _, pair := range s.MarkArea.Data {
			if len(pair) != 2 {
				t.Fatalf("a mark area is two corners, got %v", pair)
			}
			var corners [2][2]float64
			for i, p := range pair {
				corners[i] = [2]float64{p.Coord[0].(float64), p.Coord[1].(float64)}
			}
			band = append(band, corners)
		}
	}
	// One area per year with a target, from min to max; the year target
	// of 2016 (170) overrides the term's range.
	want := [][2][2]float64{
		{{0, 200}, {0, 220}},
		{{1, 170}, {1, 170}},
		{{2, 200}, {2, 220}},
		{{3, 200}, {3, 220}},
		{{4, 200}, {4, 220}},
		{{5, 200}, {5, 220}},
	}
	if len(band) != len(want) {
		t.Fatalf("band %v, want %v", band, want)
	}
	for i := range want {
		if band[i] != want[i] {
			t.Errorf("band in %s: %v, want %v", years[i], band[i], want[i])
		}
	}

	// The approximate figure is its own series and keeps its word; the
	// figure counted to a date says so.
	labels := map[string]string{}
	tips := map[string]string{}
	values := map[string][]any{}
	for _, s := range o.Series {
		for i, raw := range s.Data {
			var it item
			if err := json.Unmarshal(raw, &it); err != nil {
				t.Fatal(err)
			}
			values[s.Name] = append(values[s.Name], it.Value)
			if it.Label != nil && it.Label.Show {
				labels[s.Name+" "+years[i]] = it.Label.Formatter
			}
			if it.Tooltip != nil {
				tips[years[i]] = it.Tooltip.Formatter
			}
		}
	}
	if got := labels["Kết nạp (số gần đúng) 2017"]; got != "trên 200" {
		t.Errorf("2017 label %q, want %q", got, "trên 200")
	}
	if got := labels["Kết nạp (chưa hết năm) 2018"]; got != "187\nđến 15/11/2018" {
		t.Errorf("2018 label %q", got)
	}
	if got := values["Kết nạp"]; len(got) != 6 || got[1] != float64(205) || got[2] != "-" {
		t.Errorf("exact series %v, want 205 in 2016 only", got)
	}
	// A tooltip quotes the figure as published, with its notes.
	if got := tips["2018"]; got != "{b}: 187 (đến 15/11/2018)" {
		t.Errorf("2018 tooltip %q", got)
	}
	if got := tips["2017"]; got != "{b}: trên 200" {
		t.Errorf("2017 tooltip %q", got)
	}

	// The rows hold the figures the chart draws, for a table beside it.
	if !slices.Equal(c.Kind.Series, []string{"admitted", "target"}) || len(c.Rows) != len(years) {
		t.Fatalf("series %q, %d rows for %d years", c.Kind.Series, len(c.Rows), len(years))
	}
	for i, r := range c.Rows {
		if fmt.Sprint(r.Year) != years[i] {
			t.Errorf("row %d is %d, the axis %q", i, r.Year, years[i])
		}
	}
	if f := c.Rows[2].Figures[0]; f == nil || f.Count.Value != 200 || f.Count.Approx != data.Over {
		t.Errorf("2017's row: %+v, want over 200", f)
	}
	if f := c.Rows[1].Figures[1]; f == nil || f.Min != 170 || f.Max != 170 {
		t.Errorf("2016's target: %+v, want 170", f)
	}
	if c.Rows[0].Figures[0] != nil {
		t.Errorf("2015 has a target and no admissions; its row shows %+v", c.Rows[0].Figures[0])
	}
}

func TestOtherCharts(t *testing.T) {
	d := load(t)
	cells := build(t, d, i18n.VI, data.ChartQuery{Kind: "cells", Subject: "khoi-dn", Year: 2017})
	if cells == nil {
		t.Fatal("no cells chart")
	}
	if cells.ID != "chart-cells-khoi-dn-2017" {
		t.Errorf("id %q", cells.ID)
	}
	o := decode(t, cells)
	// Vietnamese order of the names, each bar labelled in the site's
	// number format.
	if want := []string{"Chi bộ An Phú", "Đảng bộ Prime Group"}; !slices.Equal(o.YAxis[0].Data, want) {
		t.Errorf("cells %q, want %q", o.YAxis[0].Data, want)
	}
	if !bytes.Contains(opt(t, cells), []byte(`"formatter":"1.017"`)) {
		t.Errorf("cells chart: 1017 not labelled 1.017:\n%s", opt(t, cells))
	}
	if cells.Height() != 200 {
		t.Errorf("cells chart of two cells with labels of a line: height %d, want 200", cells.Height())
	}
	if c := build(t, d, i18n.VI, data.ChartQuery{Kind: "cells", Subject: "khoi-dn", Year: 2016}); c != nil {
		t.Errorf("a cells chart for a year without figures of sub-cells")
	}

	members := build(t, d, i18n.VI, data.ChartQuery{Kind: "members", Subject: "khoi-dn"})
	if members == nil {
		t.Fatal("no members chart")
	}
	o = decode(t, members)
	if want := []string{"17/08/2015", "01/01/2018"}; !slices.Equal(o.XAxis[0].Data, want) {
		t.Errorf("member dates %q, want %q", o.XAxis[0].Data, want)
	}
	if !bytes.Contains(opt(t, members), []byte(`"formatter":"gần 3.000"`)) || !bytes.Contains(opt(t, members), []byte(`"symbol":"emptyCircle"`)) {
		t.Errorf("the approximate member count is not marked:\n%s", opt(t, members))
	}

	refs := build(t, d, i18n.VI, data.ChartQuery{Kind: "referrals", Subject: "doan-khoi"})
	if refs == nil {
		t.Fatal("no referrals chart")
	}
	o = decode(t, refs)
	value := func(raw json.RawMessage) any {
		var it item
		if err := json.Unmarshal(raw, &it); err != nil {
			t.Fatal(err)
		}
		return it.Value
	}
	if len(o.Series) != 2 || value(o.Series[0].Data[0]) != float64(162) || value(o.Series[1].Data[0]) != float64(113) {
		t.Errorf("referrals: %s", opt(t, refs))
	}
	if c := build(t, d, i18n.VI, data.ChartQuery{Kind: "members", Subject: "an-phu"}); c != nil {
		t.Errorf("a members chart for a cell without memberships")
	}
}

// The same model gives the same bytes: no random ids, no map order.
func TestDeterministic(t *testing.T) {
	first := map[string][]byte{}
	for i := range 5 {
		d := load(t)
		for _, q := range []data.ChartQuery{
			{Kind: "admissions", Subject: "khoi-dn"},
			{Kind: "members", Subject: "khoi-dn"},
			{Kind: "cells", Subject: "khoi-dn", Year: 2017},
			{Kind: "referrals", Subject: "doan-khoi"},
		} {
			c := build(t, d, i18n.VI, q)
			if bytes.Contains(opt(t, c), []byte("__f__")) || bytes.Contains(opt(t, c), []byte("function")) {
				t.Errorf("%s: the option holds JavaScript code", c.ID)
			}
			if i == 0 {
				first[c.ID] = opt(t, c)
			} else if !bytes.Equal(first[c.ID], opt(t, c)) {
				t.Errorf("%s differs between builds:\n%s\n%s", c.ID, first[c.ID], opt(t, c))
			}
		}
	}
}

// An article sees the data as of its date: on 02/02/2018 the 2018 figure
// counted to 15/11/2018 is not known yet, nor is a referral for 2018;
// the target for 2018 is.
func TestKnown(t *testing.T) {
	d := load(t)
	day := data.Date{Year: 2018, Month: 2, Day: 2}
	c := build(t, d, i18n.VI, data.ChartQuery{Kind: "admissions", Subject: "khoi-dn", On: day})
	if c.ID != "chart-admissions-khoi-dn" || c.On != day {
		t.Errorf("id %q on %v", c.ID, c.On)
	}
	if bytes.Contains(opt(t, c), []byte("187")) {
		t.Errorf("the chart of an article of 02/02/2018 shows 187, counted to 15/11/2018:\n%s", opt(t, c))
	}
	o := decode(t, c)
	if want := []string{"2015", "2016", "2017", "2018"}; !slices.Equal(o.XAxis[0].Data, want) {
		t.Errorf("years %q, want %q (2018 for its target)", o.XAxis[0].Data, want)
	}
	// Without the 2018 bar the highest target (220) is above every bar:
	// the axis reaches past it, or the band would be cut flat.
	if o.YAxis[0].Max != float64(250) {
		t.Errorf("y axis max %v, want 250", o.YAxis[0].Max)
	}
	if want := "Kết nạp đảng viên so với chỉ tiêu: Đảng bộ Khối (số liệu đã biết đến 02/02/2018)"; c.Title != want {
		t.Errorf("title %q, want %q", c.Title, want)
	}
	early := data.Date{Year: 2016, Month: 6, Day: 1}
	if c := build(t, d, i18n.VI, data.ChartQuery{Kind: "referrals", Subject: "doan-khoi", On: early}); c != nil {
		t.Errorf("a referrals chart before any referral year was over")
	}
	if c := build(t, d, i18n.VI, data.ChartQuery{Kind: "members", Subject: "khoi-dn", On: early}); c == nil || bytes.Contains(opt(t, c), []byte("3232")) {
		t.Errorf("members known on 01/06/2016: want only the count of 17/08/2015, got %v", c)
	}
}

func TestNiceCeil(t *testing.T) {
	for _, tt := range []struct{ in, want int64 }{
		{0, 1}, {1, 1}, {2, 2}, {7, 8}, {9, 10}, {11, 15}, {170, 200}, {200, 200}, {220, 250}, {251, 300}, {3232, 4000}, {81, 100},
	} {
		if got := chart.NiceCeil(tt.in); got != tt.want {
			t.Errorf("NiceCeil(%d) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// A partial sum is never drawn as a total: its bar has its own look,
// its label and tooltip say what it covers, and the legend explains it.
func TestPartialSum(t *testing.T) {
	d, diags := data.Load(fstest.MapFS{"data/site.toml": {Data: []byte(siteTOML + `
[[admission]]
cell = "prime-group"
year = 2019
admitted = 12
`)}}, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := build(t, d, i18n.VI, data.ChartQuery{Kind: "admissions", Subject: "khoi-dn"})
	o := decode(t, c)
	var found bool
	for _, s := range o.Series {
		if s.Name != "Kết nạp (tổng chưa đủ đơn vị)" {
			continue
		}
		for i, raw := range s.Data {
			var it item
			_ = json.Unmarshal(raw, &it)
			if it.Value == "-" {
				continue
			}
			found = true
			if y := o.XAxis[0].Data[i]; y != "2019" || it.Label == nil || it.Label.Formatter != "12\n1/2 đơn vị" ||
				it.Tooltip == nil || it.Tooltip.Formatter != "{b}: 12 (tổng của 1/2 đơn vị trực thuộc có số liệu)" {
				t.Errorf("the partial sum of %s: %s", y, raw)
			}
		}
	}
	if !found {
		t.Errorf("no series of partial sums:\n%s", opt(t, c))
	}
	if want := "Năm 2019 kết nạp 12 đảng viên (tổng của 1/2 đơn vị trực thuộc có số liệu), chỉ tiêu 200–220."; c.Summary != want {
		t.Errorf("summary %q, want %q", c.Summary, want)
	}
}

// Every kind of chart of the registry is drawn: adding a kind to
// data.ChartKinds without its builder fails here, not in a build.
func TestEveryKindHasABuilder(t *testing.T) {
	b := chart.Builders()
	for _, k := range data.ChartKinds {
		if !b[k.Name] {
			t.Errorf("chart kind %q has no builder in internal/chart", k.Name)
		}
		delete(b, k.Name)
	}
	for k := range b {
		t.Errorf("a builder for %q, which data.ChartKinds does not list", k)
	}
}

// An admissions chart with no target in any year does not say it is
// drawn against a target; one with a target does.
func TestTitleWithoutTarget(t *testing.T) {
	d := load(t)
	for _, tt := range []struct {
		lang    i18n.Lang
		subject string
		want    string
	}{
		{i18n.VI, "prime-group", "Kết nạp đảng viên: Đảng bộ Prime Group"},
		{i18n.EN, "prime-group", "Members admitted: Đảng bộ Prime Group"},
		{i18n.VI, "khoi-dn", "Kết nạp đảng viên so với chỉ tiêu: Đảng bộ Khối"},
	} {
		c := build(t, d, tt.lang, data.ChartQuery{Kind: "admissions", Subject: tt.subject})
		if c == nil {
			t.Fatalf("no admissions chart of %s", tt.subject)
		}
		if c.Title != tt.want {
			t.Errorf("%s %s: title %q, want %q", tt.lang, tt.subject, c.Title, tt.want)
		}
	}
}

// What keeps a chart readable on a phone: labels keep their lines apart
// and leave out one that would cover another, a bar of a chart of one
// year is no wider than a bar of many, and the legend keeps clear of the
// toolbox's icon and wraps rather than scrolls.
func TestPhoneOptions(t *testing.T) {
	d := load(t)
	type phoneOption struct {
		Legend struct {
			Type  string `json:"type"`
			Right string `json:"right"`
			Width string `json:"width"`
		} `json:"legend"`
		Toolbox struct {
			Right string `json:"right"`
		} `json:"toolbox"`
		Series []struct {
			Name        string `json:"name"`
			Type        string `json:"type"`
			BarMaxWidth string `json:"barMaxWidth"`
			LabelLayout struct {
				HideOverlap bool `json:"hideOverlap"`
			} `json:"labelLayout"`
			Data []struct {
				Label *struct {
					LineHeight float64 `json:"lineHeight"`
				} `json:"label"`
			} `json:"data"`
		} `json:"series"`
	}
	for _, q := range []data.ChartQuery{
		{Kind: "admissions", Subject: "khoi-dn"},
		{Kind: "admissions", Subject: "prime-group"}, // one year
		{Kind: "members", Subject: "khoi-dn"},
		{Kind: "cells", Subject: "khoi-dn", Year: 2017},
		{Kind: "referrals", Subject: "doan-khoi"},
	} {
		c := build(t, d, i18n.VI, q)
		var phone phoneOption
		if err := json.Unmarshal(drawn(t, c), &phone); err != nil {
			t.Fatal(err)
		}
		// ECharts keeps only one of a legend's left and right: a width
		// keeps it clear of the toolbox at the right.
		if phone.Legend.Type == "scroll" || phone.Legend.Right != "" || phone.Legend.Width != "85%" || phone.Toolbox.Right != "0" {
			t.Errorf("%s: legend %+v, toolbox %+v; want a legend that wraps, 85%% wide, clear of the toolbox", c.ID, phone.Legend, phone.Toolbox)
		}
		labels := 0
		for _, s := range phone.Series {
			if !s.LabelLayout.HideOverlap {
				t.Errorf("%s, series %q: labels that cover each other are drawn", c.ID, s.Name)
			}
			if s.Type == "bar" && q.Kind != "cells" && s.BarMaxWidth != "40" {
				t.Errorf("%s, series %q: barMaxWidth %q, want 40", c.ID, s.Name, s.BarMaxWidth)
			}
			for _, it := range s.Data {
				if it.Label != nil {
					labels++
					if it.Label.LineHeight != 15 {
						t.Errorf("%s, series %q: a label's line height is %v, want 15", c.ID, s.Name, it.Label.LineHeight)
					}
				}
			}
		}
		if labels == 0 && q.Subject != "prime-group" && q.Kind != "referrals" {
			t.Errorf("%s: no label read", c.ID)
		}
	}
}

// A cells chart whose labels are two lines ("5\nđến 15/11/2018") gives
// each cell room for them: at 24 pixels a row, a label would cover its
// neighbours' and one would be left out.
func TestCellsRoomForTwoLines(t *testing.T) {
	extra := ""
	for i, id := range []string{"c1", "c2", "c3", "c4", "c5", "c6"} {
		extra += fmt.Sprintf("\n[[cell]]\nid = %q\nname = \"Chi bộ %d\"\nkind = \"chi-bo-co-so\"\nparent = \"khoi-dn\"\n", id, i+1)
		extra += fmt.Sprintf("\n[[admission]]\ncell = %q\nyear = 2018\nadmitted = %d\n", id, i+3)
	}
	for _, tt := range []struct {
		name, asOf string
		want       int
	}{
		{"one line", "", 80 + 24*6},
		{"two lines", "as_of = 2018-11-15\n", 80 + 38*6},
	} {
		toml := siteTOML + strings.Replace(extra, "admitted = 3\n", "admitted = 3\n"+tt.asOf, 1)
		d, diags := data.Load(fstest.MapFS{"data/site.toml": {Data: []byte(toml)}}, "")
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		c := build(t, d, i18n.VI, data.ChartQuery{Kind: "cells", Subject: "khoi-dn", Year: 2018})
		if c == nil {
			t.Fatalf("%s: no cells chart", tt.name)
		}
		if c.Height() != tt.want {
			t.Errorf("%s: height %d, want %d", tt.name, c.Height(), tt.want)
		}
	}
}
