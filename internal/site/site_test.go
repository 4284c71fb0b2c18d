package site_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/site"
)

const dataTOML = `
[site]
title = "Thử"
root = "khoi"

[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"

[[cell]]
id = "dang-bo-b"
name = "Đảng bộ Công ty B"
kind = "dang-bo-co-so"
parent = "khoi"

[[cell]]
id = "dan-van"
name = "Dân vận"
kind = "chi-bo-co-so"
parent = "khoi"

[[cell]]
id = "chi-bo-a"
name = "Chi bộ Công ty Ánh Dương"
kind = "chi-bo-co-so"
parent = "khoi"

[[cell]]
id = "chi-bo-a2"
name = "Chi bộ Công ty An Bình"
kind = "chi-bo-co-so"
parent = "khoi"

[[cell]]
id = "to-1"
name = "Chi bộ Phân xưởng 1"
kind = "chi-bo-truc-thuoc"
parent = "dang-bo-b"

[[admission]]
cell = "khoi"
year = 2017
admitted = 20

[[admission]]
cell = "to-1"
year = 2016
admitted = 3

[[admission]]
cell = "dan-van"
year = 2018
admitted = 4
as_of = 2018-06-30

[[admission]]
cell = "dan-van"
year = 2018
admitted = 9

[[target]]
cell = "khoi"
from = 2015
to = 2020
min = 20
max = 25

[[membership]]
cell = "khoi"
date = 2015-03-01
members = 300
`

func model(t *testing.T, arts []*content.Article) *site.Model {
	t.Helper()
	d, diags := data.Load(fstest.MapFS{"data/d.toml": {Data: []byte(dataTOML)}}, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return site.New(d, arts)
}

func ids(cells []*site.Cell) []string {
	var out []string
	for _, c := range cells {
		out = append(out, c.ID)
	}
	return out
}

func TestTree(t *testing.T) {
	m := model(t, nil)
	// Depth first; sub-cells in Vietnamese order of their names: "An"
	// before "Ánh" (tone marks come after the letters), C before D before Đ.
	want := []string{"khoi", "chi-bo-a2", "chi-bo-a", "dan-van", "dang-bo-b", "to-1"}
	if got := ids(m.Cells); !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}
	to1 := m.Cell("to-1")
	if to1.Depth != 2 || to1.Parent != m.Cell("dang-bo-b") || !slices.Equal(ids(to1.Ancestors()), []string{"khoi", "dang-bo-b"}) {
		t.Errorf("to-1: depth %d, ancestors %q", to1.Depth, ids(to1.Ancestors()))
	}
}

func TestYearsAndFigures(t *testing.T) {
	m := model(t, nil)
	// Every year a figure is published for has a page, the years of the
	// term target 2015–2020 too: each target has its anchor.
	if want := []int{2015, 2016, 2017, 2018, 2019, 2020}; !slices.Equal(m.Years, want) {
		t.Errorf("years %v, want %v", m.Years, want)
	}
	if m.Latest != 2018 {
		t.Errorf("latest %d, want 2018 (the root's last admitted figure, a sum)", m.Latest)
	}
	root := m.Cell("khoi")
	y16 := root.Year(2016)
	if y16 == nil || y16.Figure("admitted") == nil || !y16.Figure("admitted").Sum || y16.Figure("admitted").Count.Value != 3 {
		t.Fatalf("2016 at the root: want the sum 3 of its sub-cells, got %+v", y16)
	}
	// The sum covers 1 of 4 sub-cells: achieved is not published for it.
	if y16.Figure("target") == nil || y16.Figure("target").Min != 20 || y16.Figure("achieved") != nil || !y16.Figure("admitted").Partial() {
		t.Errorf("2016 target and achieved: %+v", y16)
	}
	if cy := root.Year(2020); cy == nil || cy.Figure("target") == nil || cy.Figure("admitted") != nil {
		t.Errorf("2020: the target alone, got %+v", cy)
	}
	if f := root.Year(2017).Figure("admitted"); f.Sum || f.Count.Value != 20 {
		t.Errorf("2017: the root's own record wins, got %+v", f)
	}
	if cy := root.Year(2015); cy == nil || cy.Figure("members") == nil || cy.Figure("members").Count.Value != 300 || cy.Figure("admitted") != nil {
		t.Errorf("2015: members 300 and no admissions, got %+v", cy)
	}
	if root.ChildrenYear != 2018 || m.Cell("dang-bo-b").ChildrenYear != 2016 {
		t.Errorf("children years %d, %d; want 2018, 2016", root.ChildrenYear, m.Cell("dang-bo-b").ChildrenYear)
	}
}

// A cell's page shows every count of a year a reader may have seen: its
// own dated records, and the counts articles cited, in their text or
// their charts, before a later one replaced them.
func TestEarlierCounts(t *testing.T) {
	d, diags := data.Load(fstest.MapFS{"data/d.toml": {Data: []byte(dataTOML)}}, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	on := data.Date{Year: 2018, Month: time.August, Day: 1}
	// An article of 01/08/2018 cites the root's 2018 admissions (then the
	// sum of its sub-cells: dan-van's 4, counted to 30/06) and draws the
	// chart of its sub-cells.
	f, err := d.Figure(data.Query{Name: "admitted", Subject: "khoi", Period: data.Year(2018), On: on})
	if err != nil || f.Count.Value != 4 || f.Latest {
		t.Fatalf("the root's 2018 on 01/08/2018: %+v, %v", f, err)
	}
	art := &content.Article{Slug: "a", Date: time.Date(2018, 8, 1, 8, 0, 0, 0, time.UTC), Figures: []data.Figure{f},
		Body: []content.Segment{{Chart: &content.Chart{Kind: "cells", Subject: "khoi", Year: 2018, On: on}}}}
	m := site.New(d, []*content.Article{art})

	dv := m.Cell("dan-van").Year(2018).Figure("admitted")
	if dv == nil || dv.Count.Value != 9 || len(dv.Earlier) != 1 || dv.Earlier[0].Count.Value != 4 {
		t.Errorf("dan-van 2018: want 9 with the earlier 4, got %+v", dv)
	}
	root := m.Cell("khoi").Year(2018).Figure("admitted")
	if root == nil || root.Count.Value != 9 || len(root.Earlier) != 1 || root.Earlier[0].Count.Value != 4 || !root.Earlier[0].Sum {
		t.Errorf("khoi 2018: want the sum 9 with the cited earlier sum 4, got %+v", root)
	}
	// The article's chart shows the data as known on its date.
	c, err := m.Chart(data.ChartQuery{Kind: "cells", Subject: "khoi", Year: 2018, On: on})
	if err != nil || len(c.Rows) != 1 || c.Rows[0].Figures[0].Count.Value != 4 || c.On != on {
		t.Errorf("the article's chart: %+v, %v", c, err)
	}
	// A chart of an article whose figures are all the latest is the chart of now.
	c, err = m.Chart(data.ChartQuery{Kind: "admissions", Subject: "dang-bo-b", On: data.Date{Year: 2019, Month: 1, Day: 1}})
	if err != nil || !c.On.IsZero() {
		t.Errorf("a settled chart: %+v, %v", c, err)
	}
}

func TestArticles(t *testing.T) {
	day := func(y, mo, d int) time.Time {
		return time.Date(y, time.Month(mo), d, 8, 0, 0, 0, time.FixedZone("+07", 7*3600))
	}
	arts := []*content.Article{ // newest first, as content.Load hands them
		{Slug: "moi", Title: "Mới", Date: day(2018, 12, 1), Cells: []string{"khoi", "dan-van", "khoi"}, Years: []int{2018}},
		{Slug: "nhap", Title: "Nháp", Date: day(2018, 6, 1), Cells: []string{"khoi"}, Years: []int{2018}, Draft: true},
		{Slug: "cu", Title: "Cũ", Date: day(2017, 2, 1), Cells: []string{"khoi"}, Years: []int{2016, 2017}},
	}
	m := model(t, arts)
	slugs := func(as []*content.Article) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Slug)
		}
		return out
	}
	if got := slugs(m.Articles); !slices.Equal(got, []string{"moi", "cu"}) {
		t.Errorf("published %q: want the draft left out", got)
	}
	if m.Article("nhap") != nil {
		t.Errorf("the draft has a page")
	}
	if got := slugs(m.Cell("khoi").Articles); !slices.Equal(got, []string{"moi", "cu"}) {
		t.Errorf("the root's articles %q (each once)", got)
	}
	if got := slugs(m.Cell("dan-van").Articles); !slices.Equal(got, []string{"moi"}) {
		t.Errorf("dan-van's articles %q", got)
	}
	if got := slugs(m.YearArticles(2017)); !slices.Equal(got, []string{"cu"}) {
		t.Errorf("2017's articles %q", got)
	}
}

// TestNewKept: a Model made with what the one before kept (serve) is
// the Model made afresh, whatever changed: an article citing an earlier
// count, a count of one cell in a file of its own.
func TestNewKept(t *testing.T) {
	fsys := fstest.MapFS{
		"data/d.toml": {Data: []byte(dataTOML)},
		"data/e.toml": {Data: []byte("[[admission]]\ncell = \"to-1\"\nyear = 2017\nadmitted = 5\n")},
	}
	var dk data.Kept
	var k site.Kept
	load := func() *data.Data {
		d, diags := data.LoadKept(fsys, "", &dk)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return d
	}
	d := load()
	on := data.Date{Year: 2018, Month: time.August, Day: 1}
	// The root's 2018 count on that day, a sum: none of its own records
	// shows it, only the article.
	f, err := d.Figure(data.Query{Name: "admitted", Subject: "khoi", Period: data.Year(2018), On: on})
	if err != nil || f.Latest || !f.Sum {
		t.Fatalf("the root's 2018 on 01/08/2018: %+v, %v", f, err)
	}
	cites := []*content.Article{{Slug: "a", Date: time.Date(2018, 8, 1, 8, 0, 0, 0, time.UTC), Figures: []data.Figure{f}}}
	for _, step := range []struct {
		name     string
		change   func()
		articles []*content.Article
	}{
		{"first", func() {}, nil},
		{"an article cites an earlier count", func() {}, cites},
		{"a count of one cell, in a file of its own", func() {
			fsys["data/e.toml"] = &fstest.MapFile{Data: []byte("[[admission]]\ncell = \"to-1\"\nyear = 2017\nadmitted = 6\n")}
		}, cites},
		{"the article gone", func() {}, nil},
	} {
		step.change()
		d := load()
		got, want := figuresOf(site.NewKept(d, step.articles, &k)), figuresOf(site.New(d, step.articles))
		if got != want {
			t.Errorf("%s: the kept Model's figures\n%s\nwant a fresh Model's\n%s", step.name, got, want)
		}
	}
}

// figuresOf is every figure of every cell's years and periods in m, with
// its earlier counts, one per line.
func figuresOf(m *site.Model) string {
	var b strings.Builder
	for _, c := range m.Cells {
		for _, cy := range c.Years {
			fmt.Fprintf(&b, "%s %d parts=%v\n", c.ID, cy.Year, cy.HasParts)
			for _, n := range data.Names {
				if p := cy.Figure(n.Name); p != nil {
					fmt.Fprintf(&b, "  %s: %+v gone=%v\n", n.Name, *p.Figure, p.Gone)
					for _, e := range p.Earlier {
						fmt.Fprintf(&b, "    earlier %+v\n", *e)
					}
				}
			}
		}
		for _, cp := range c.Periods {
			fmt.Fprintf(&b, "%s %s: %+v\n", c.ID, cp.Period, *cp.Figure("admitted").Figure)
		}
		fmt.Fprintf(&b, "%s children year %d\n", c.ID, c.ChildrenYear)
	}
	return b.String()
}
