package data

import (
	"fmt"
	"strings"
	"testing"
)

// modelSite holds the cases of the figure model: a cell whose own record
// comes after its sub-cells' (p), a closed cell (k) with a term target
// that runs past its closing, and a cell with a dated record and a whole
// year's (q).
//
//	khoi ─┬─ p ─┬─ a
//	      │     └─ b
//	      ├─ k  (closed 2019-06-30)
//	      └─ q
const modelSite = `
-- data/site.toml --
[site]
title = "Thử"
root = "khoi"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
[[cell]]
id = "p"
name = "P"
kind = "dang-bo-co-so"
parent = "khoi"
[[cell]]
id = "a"
name = "Ơ"
kind = "chi-bo-truc-thuoc"
parent = "p"
[[cell]]
id = "b"
name = "Ô"
kind = "chi-bo-truc-thuoc"
parent = "p"
[[cell]]
id = "k"
name = "K"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2019-06-30
[[cell]]
id = "q"
name = "Q"
kind = "chi-bo-co-so"
parent = "khoi"
-- data/2019.toml --
[[admission]]
cell = "p"
year = 2019
as_of = 2019-11-15
admitted = 60
source = "S"
[[admission]]
cell = "a"
year = 2019
as_of = 2019-09-15
admitted = 20
source = "S"
[[admission]]
cell = "b"
year = 2019
as_of = 2019-09-20
admitted = 30
source = "S"
[[admission]]
cell = "k"
year = 2019
as_of = 2019-06-30
admitted = 5
source = "S"
[[admission]]
cell = "q"
year = 2019
admitted = 7
source = "S"
[[admission]]
cell = "q"
year = 2018
as_of = 2018-11-15
admitted = 4
source = "S"
[[admission]]
cell = "q"
year = 2018
admitted = 6
source = "S"
-- data/targets.toml --
[[target]]
cell = "p"
year = 2019
min = 50
source = "S"
[[target]]
cell = "k"
from = 2018
to = 2021
min = 4
max = 6
source = "S"
`

// show is a figure as TestModel reads it: value, the day it was counted
// to, Since, whether it is the latest, and a sum's coverage.
func show(f Figure, err error) string {
	if err != nil {
		return describe(f, err)
	}
	s := describe(f, nil)
	s = strings.Replace(s, " source=S", "", 1)
	if !f.Since.IsZero() {
		s += " since=" + f.Since.String()
	}
	if f.Latest {
		s += " latest"
	}
	return s
}

func TestModel(t *testing.T) {
	d, diags := load(t, modelSite)
	if d == nil || diags.HasErrors() {
		t.Fatalf("modelSite does not load:\n%s", messages(diags))
	}
	tests := []struct {
		name, subject string
		year          int
		on            string
		want          string
	}{
		// The cell's own record is known only from 15/11; before, the sum
		// of its sub-cells, known from the later of their days.
		{"admitted", "p", 2019, "2019-09-30", "50 as_of=2019-09-15 sum 2/2 since=2019-09-20"},
		{"admitted", "p", 2019, "2019-09-16", "20 as_of=2019-09-15 sum 1/2 missing=b since=2019-09-15"},
		{"admitted", "p", 2019, "", "60 as_of=2019-11-15 since=2019-11-15 latest"},
		{"admitted", "p", 2019, "2019-11-15", "60 as_of=2019-11-15 since=2019-11-15 latest"},
		// achieved of a sum that leaves a sub-cell out is not given.
		{"achieved", "p", 2019, "2019-09-16", "error partial sum "},
		{"achieved", "p", 2019, "2019-09-30", "100.0% as_of=2019-09-15 sum 2/2 since=2019-09-20"},
		{"achieved", "p", 2019, "", "120.0% as_of=2019-11-15 since=2019-11-15 latest"},
		// A closed cell's record for the year it closed, counted to its
		// closing day, is its whole year: no "counted to" day, and the
		// root's whole-year sum stays a whole-year sum.
		{"admitted", "k", 2019, "", "5 since=2019-06-30 latest"},
		{"admitted", "khoi", 2019, "", "72 as_of=2019-11-15 sum 3/3 since=2019-12-31 latest"},
		// A term target stops with the year its cell closed.
		{"target", "k", 2019, "", "4–6 latest"},
		{"target", "k", 2020, "", "error not open … – 2019-06-30"},
		{"target", "k", 2021, "", "error not open … – 2019-06-30"},
		// A dated record, then the whole year's.
		{"admitted", "q", 2018, "2018-12-01", "4 as_of=2018-11-15 since=2018-11-15"},
		{"admitted", "q", 2018, "", "6 since=2018-12-31 latest"},
	}
	for _, tt := range tests {
		q := Query{Name: tt.name, Subject: tt.subject, Period: Year(tt.year)}
		if tt.on != "" {
			q.On = day(tt.on)
		}
		if got := show(d.Figure(q)); got != tt.want {
			t.Errorf("%s %s %d on %s: got %q, want %q", tt.name, tt.subject, tt.year, tt.on, got, tt.want)
		}
	}
}

// A record without as_of is the whole year's and wins over a dated record
// of the same year whatever its date, whichever file each is in.
func TestWholeYearWinsTie(t *testing.T) {
	dated := "[[admission]]\ncell = \"pxsx\"\nyear = 2022\nas_of = 2022-12-31\nadmitted = 41\nsource = \"S\"\n"
	whole := "[[admission]]\ncell = \"pxsx\"\nyear = 2022\nadmitted = 40\nsource = \"S\"\n"
	for _, files := range [][2]string{{dated, whole}, {whole, dated}} {
		d, diags := load(t, baseSite+"-- data/a.toml --\n"+files[0]+"-- data/b.toml --\n"+files[1])
		if d == nil {
			t.Fatal(messages(diags))
		}
		q := Query{Name: "admitted", Subject: "pxsx", Period: Year(2022)}
		if got := show(d.Figure(q)); got != "40 since=2022-12-31 latest" {
			t.Errorf("a.toml %q: got %q", files[0][:40], got)
		}
		if h := d.History(q); len(h) != 1 {
			t.Errorf("history %v: the dated record is never the answer", h)
		}
	}
}

func TestHistory(t *testing.T) {
	d, _ := load(t, modelSite)
	tests := []struct {
		name, subject string
		year          int
		want          string
	}{
		{"admitted", "q", 2018, "4 as_of=2018-11-15 since=2018-11-15 | 6 since=2018-12-31 latest"},
		{"admitted", "p", 2019, "60 as_of=2019-11-15 since=2019-11-15 latest"},
		{"target", "k", 2018, "4–6 latest"},
		{"target", "k", 2020, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range d.History(Query{Name: tt.name, Subject: tt.subject, Period: Year(tt.year)}) {
			got = append(got, show(f, nil))
		}
		if s := strings.Join(got, " | "); s != tt.want {
			t.Errorf("%s %s %d: got %q, want %q", tt.name, tt.subject, tt.year, s, tt.want)
		}
	}
}

// A chart shows what Figure answers on the same day: an article's chart
// and its text cannot disagree.
func TestChart(t *testing.T) {
	d, _ := load(t, modelSite)
	rows := func(q ChartQuery) string {
		c, err := d.Chart(q)
		if err != nil {
			return describe(Figure{}, err)
		}
		var out []string
		for _, r := range c.Rows {
			s := fmt.Sprint(r.Year)
			if r.Cell != nil {
				s = r.Cell.ID
			}
			for _, f := range r.Figures {
				if f == nil {
					s += " -"
				} else {
					s += " " + describe(*f, nil)
				}
			}
			out = append(out, strings.ReplaceAll(s, " source=S", ""))
		}
		return strings.Join(out, " | ")
	}
	tests := []struct {
		q    ChartQuery
		want string
	}{
		{ChartQuery{Kind: "admissions", Subject: "p", On: day("2019-09-30")}, "2019 50 as_of=2019-09-15 sum 2/2 50–50"},
		{ChartQuery{Kind: "admissions", Subject: "p"}, "2019 60 as_of=2019-11-15 50–50"},
		// Sub-cells in Vietnamese order of their names: Ô (b) before Ơ (a).
		{ChartQuery{Kind: "cells", Subject: "p", Year: 2019, On: day("2019-09-30")}, "b 30 as_of=2019-09-20 | a 20 as_of=2019-09-15"},
		{ChartQuery{Kind: "cells", Subject: "p", Year: 2019, On: day("2019-09-01")}, "error not yet known 2019-09-15"},
		{ChartQuery{Kind: "admissions", Subject: "k"}, "2018 - 4–6 | 2019 5 4–6"},
		{ChartQuery{Kind: "members", Subject: "k"}, "error no figure "},
		{ChartQuery{Kind: "cells", Subject: "pp", Year: 2019}, "error unknown subject p"},
		{ChartQuery{Kind: "bars", Subject: "p"}, "error unknown name "},
	}
	for _, tt := range tests {
		if got := rows(tt.q); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestDayNum: a day in one word, as the timelines keep it, is the same
// day again and keeps the order of days, so that a count as known on a
// day is the one that held then.
func TestDayNum(t *testing.T) {
	days := []Date{{}, {Year: 1, Month: 1, Day: 1}, {Year: 1999, Month: 12, Day: 31}, {Year: 2000, Month: 1, Day: 1},
		{Year: 2017, Month: 2, Day: 28}, {Year: 2017, Month: 3, Day: 1}, {Year: 2017, Month: 11, Day: 15},
		{Year: 2017, Month: 12, Day: 31}, {Year: 2018, Month: 1, Day: 1}, {Year: 9999, Month: 12, Day: 31}}
	for i, d := range days {
		if got := numOf(d).date(); got != d {
			t.Errorf("%v comes back as %v", d, got)
		}
		for _, e := range days[i+1:] {
			if !(numOf(d) < numOf(e)) || d.Compare(e) >= 0 {
				t.Errorf("%v is not before %v in one word", d, e)
			}
		}
	}
}
