package data

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// figureSite is a tree with sums, approximations, dated records, targets
// and referrals:
//
//	khoi ─┬─ a ─┬─ a1
//	      │     └─ a2
//	      ├─ b
//	      ├─ c   (closed 2017-06-30)
//	      └─ d   (founded 2019-01-01)
const figureSite = `
-- data/site.toml --
[site]
title = "Thử"
root = "khoi"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
founded = 2009-03-31
[[cell]]
id = "a"
name = "A"
kind = "dang-bo-co-so"
parent = "khoi"
[[cell]]
id = "a1"
name = "A1"
kind = "chi-bo-truc-thuoc"
parent = "a"
[[cell]]
id = "a2"
name = "A2"
kind = "chi-bo-truc-thuoc"
parent = "a"
[[cell]]
id = "b"
name = "B"
kind = "chi-bo-co-so"
parent = "khoi"
[[cell]]
id = "c"
name = "C"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2017-06-30
[[cell]]
id = "d"
name = "D"
kind = "chi-bo-co-so"
parent = "khoi"
founded = 2019-01-01
[[referrer]]
id = "doan"
name = "Đoàn Khối"
kind = "youth-union"
-- data/2016.toml --
[[admission]]
cell = "a1"
year = 2016
admitted = { value = 10, approx = "over" }
[[admission]]
cell = "a2"
year = 2016
admitted = { value = 5, approx = "under" }
[[admission]]
cell = "b"
year = 2016
admitted = 4
-- data/2017.toml --
[[admission]]
cell = "a1"
year = 2017
admitted = 10
women = 4
source = "S-a1"
[[admission]]
cell = "a2"
year = 2017
admitted = { value = 5, approx = "over" }
[[admission]]
cell = "b"
year = 2017
admitted = 7
-- data/2018.toml --
[[admission]]
cell = "khoi"
year = 2018
as_of = 2018-11-15
admitted = 187
confirmed = 181
source = "to 15/11"
[[admission]]
cell = "khoi"
year = 2018
admitted = 210
source = "whole year"
[[admission]]
cell = "b"
year = 2018
as_of = 2018-06-30
admitted = 3
-- data/2019.toml --
[[admission]]
cell = "khoi"
year = 2019
admitted = 100
[[admission]]
cell = "a1"
year = 2019
admitted = 6
women = 3
[[admission]]
cell = "d"
year = 2019
admitted = 1
-- data/term.toml --
[[admission]]
cell = "khoi"
from = 2010
to = 2015
admitted = 1071
owners = 14
[[target]]
cell = "khoi"
from = 2015
to = 2020
min = 200
max = 220
[[target]]
cell = "khoi"
year = 2018
min = 230
[[target]]
cell = "b"
year = 2017
min = 8
-- data/members.toml --
[[membership]]
cell = "khoi"
date = 2018-02-02
members = 3232
units = 72
source = "Báo"
[[membership]]
cell = "khoi"
date = 2018-11-15
members = 3276
-- data/referrals.toml --
[[referral]]
referrer = "doan"
year = 2017
referred = 162
admitted = 113
[[referral]]
referrer = "doan"
cell = "a"
year = 2017
referred = 20
admitted = 10
[[referral]]
referrer = "doan"
cell = "a"
year = 2016
referred = 10
admitted = { value = 5, approx = "about" }
[[referral]]
referrer = "doan"
cell = "b"
year = 2016
referred = 6
admitted = 3
[[referral]]
referrer = "doan"
cell = "b"
year = 2015
referred = { value = 100, approx = "over" }
admitted = 50
[[referral]]
referrer = "doan"
cell = "b"
year = 2014
referred = 16
admitted = 1
`

// describe is a figure as a test reads it.
func describe(f Figure, err error) string {
	if err != nil {
		var fe *FigureError
		if !errors.As(err, &fe) {
			return "bad error " + err.Error()
		}
		return fmt.Sprintf("error %s %s", errorCodeText[fe.Code], fe.Arg)
	}
	var s string
	switch f.Kind {
	case KindCount:
		s = strings.TrimSpace(string(f.Count.Approx) + " " + fmt.Sprint(f.Count.Value))
	case KindRange:
		s = fmt.Sprintf("%d–%d", f.Min, f.Max)
	case KindPercent:
		s = strings.TrimSpace(fmt.Sprintf("%s %d.%d%%", f.Approx, f.Tenths/10, f.Tenths%10))
	}
	if !f.AsOf.IsZero() {
		s += " as_of=" + f.AsOf.String()
	}
	if f.Source != "" {
		s += " source=" + f.Source
	}
	if f.Sum {
		s += fmt.Sprintf(" sum %d/%d", f.Covered, f.Listed)
	}
	if len(f.Missing) > 0 {
		s += " missing=" + strings.Join(f.Missing, ",")
	}
	return s
}

func day(s string) Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return Date{t.Year(), t.Month(), t.Day()}
}

func TestFigure(t *testing.T) {
	d, diags := load(t, figureSite)
	if d == nil || diags.HasErrors() {
		t.Fatalf("figureSite does not load:\n%s", messages(diags))
	}
	p := func(from, to int) Period { return Period{from, to} }
	tests := []struct {
		name, subject string
		period        Period
		known         string
		want          string
	}{
		// Own records, and sums over sub-cells with their coverage.
		{"admitted", "a1", Year(2017), "", "10 source=S-a1"},
		{"admitted", "a", Year(2017), "", "over 15 sum 2/2"},
		{"admitted", "khoi", Year(2017), "", "over 22 sum 2/3 missing=c"},
		{"women", "a", Year(2017), "", "4 sum 1/2 missing=a2"},
		{"confirmed", "khoi", Year(2017), "", "error no figure "},
		// Approximation through sums: over with under gives about.
		{"admitted", "a", Year(2016), "", "about 15 sum 2/2"},
		{"admitted", "khoi", Year(2016), "", "about 19 sum 2/3 missing=c"},
		// The own record wins key by key: women is not summed.
		{"admitted", "khoi", Year(2019), "", "100"},
		{"women", "khoi", Year(2019), "", "error no figure "},
		// A closed cell is not listed; a cell founded later is listed from then.
		{"admitted", "khoi", Year(2015), "", "error no figure "},
		// Several dated records: the latest, or the latest known on a day.
		{"admitted", "khoi", Year(2018), "", "210 source=whole year"},
		{"confirmed", "khoi", Year(2018), "", "181 as_of=2018-11-15 source=to 15/11"},
		{"admitted", "khoi", Year(2018), "2018-12-01", "187 as_of=2018-11-15 source=to 15/11"},
		{"admitted", "khoi", Year(2018), "2019-01-01", "210 source=whole year"},
		{"admitted", "khoi", Year(2018), "2018-12-31", "210 source=whole year"},
		// Before its own records are known, a cell's figure is its sum (c has
		// closed, d is not yet founded: neither is listed).
		{"admitted", "khoi", Year(2018), "2018-07-01", "3 as_of=2018-06-30 sum 1/2 missing=a"},
		{"admitted", "khoi", Year(2018), "2018-06-01", "error not yet known 2018-06-30"},
		{"admitted", "a1", Year(2017), "2017-12-30", "error not yet known 2017-12-31"},
		// A period is its from/to record only.
		{"admitted", "khoi", p(2010, 2015), "", "1071"},
		{"owners", "khoi", p(2010, 2015), "", "14"},
		{"admitted", "khoi", Year(2012), "", "error no figure "},
		// Targets: the year target over the term's; a period, the term's.
		{"target", "khoi", Year(2017), "", "200–220"},
		{"target", "khoi", Year(2018), "", "230–230"},
		// A target is of a year; a term's is the same for each of its years.
		{"target", "khoi", p(2015, 2020), "", "error no figure "},
		{"target", "khoi", Year(2021), "", "error no figure "},
		// achieved = admitted / target min, rounded half away from zero.
		{"achieved", "khoi", Year(2018), "", "91.3% source=whole year"},
		{"achieved", "khoi", Year(2017), "", "error partial sum "},
		{"achieved", "b", Year(2017), "", "87.5%"},
		{"achieved", "a", Year(2017), "", "error no target "},
		{"achieved", "khoi", Year(2018), "2018-06-01", "error not yet known 2018-06-30"},
		// Memberships: the latest of the year holding the figure, never summed.
		{"members", "khoi", Year(2018), "", "3276 as_of=2018-11-15"},
		{"units", "khoi", Year(2018), "", "72 as_of=2018-02-02 source=Báo"},
		{"members", "khoi", Year(2018), "2018-03-01", "3232 as_of=2018-02-02 source=Báo"},
		{"members", "khoi", Year(2018), "2018-01-01", "error not yet known 2018-02-02"},
		{"members", "a", Year(2018), "", "error no figure "},
		// Referrers: the root's record when there is one, else the sum.
		{"referred", "doan", Year(2017), "", "162"},
		{"referral_admitted", "doan", Year(2017), "", "113"},
		{"conversion", "doan", Year(2017), "", "69.8%"},
		{"referred", "doan", Year(2016), "", "16 sum 2/2"},
		{"referral_admitted", "doan", Year(2016), "", "about 8 sum 2/2"},
		{"conversion", "doan", Year(2016), "", "about 50.0% sum 2/2"},
		// An approximate denominator makes the percentage about.
		{"conversion", "doan", Year(2015), "", "about 50.0% sum 1/1"},
		// 1/16 = 6.25 %: half away from zero gives 6.3 %.
		{"conversion", "doan", Year(2014), "", "6.3% sum 1/1"},
		{"referred", "doan", Year(2017), "2017-06-01", "error not yet known 2017-12-31"},
		// Unknown names and subjects.
		{"admited", "khoi", Year(2017), "", "error unknown name "},
		{"admitted", "khoj", Year(2017), "", "error unknown subject khoi"},
		{"admitted", "zzz", Year(2017), "", "error unknown subject "},
		{"referred", "doan1", Year(2017), "", "error unknown subject doan"},
	}
	for _, tt := range tests {
		q := Query{Name: tt.name, Subject: tt.subject, Period: tt.period}
		if tt.known != "" {
			q.On = day(tt.known)
		}
		f, err := d.Figure(q)
		if got := describe(f, err); got != tt.want {
			t.Errorf("%s %s %s known %s: got %q, want %q", tt.name, tt.subject, tt.period, tt.known, got, tt.want)
		}
		if err == nil && f.Query != q {
			t.Errorf("%s %s %s: the figure carries query %+v", tt.name, tt.subject, tt.period, f.Query)
		}
	}
}

func TestPercentTenths(t *testing.T) {
	tests := []struct{ num, den, want int64 }{
		{113, 162, 698},
		{1, 16, 63},  // 6.25 → 6.3
		{3, 16, 188}, // 18.75 → 18.8
		{1, 3, 333},  // 33.33…
		{2, 3, 667},  // 66.66…
		{7, 7, 1000}, // 100.0
		{0, 5, 0},    // 0.0
		{1, 2000, 1}, // 0.05 → 0.1
		{1, 2001, 0}, // 0.0499…
		{1 << 61, 1, 0},
	}
	for _, tt := range tests {
		if tt.num == 1<<61 {
			// Too large for int64 tenths: the result saturates, never wraps.
			if got := percentTenths(tt.num, tt.den); got <= 0 {
				t.Errorf("percentTenths(%d, %d) = %d, wraps", tt.num, tt.den, got)
			}
			continue
		}
		if got := percentTenths(tt.num, tt.den); got != tt.want {
			t.Errorf("percentTenths(%d, %d) = %d, want %d", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestSumCounts(t *testing.T) {
	c := func(v int64, a Approx) Count { return Count{Value: v, Approx: a, Set: true} }
	tests := []struct {
		parts []Count
		want  Approx
	}{
		{[]Count{c(1, Exact), c(2, Exact)}, Exact},
		{[]Count{c(1, Exact), c(2, Over)}, Over},
		{[]Count{c(1, Over), c(2, Over)}, Over},
		{[]Count{c(1, Under), c(2, Exact)}, Under},
		{[]Count{c(1, Over), c(2, Under)}, About},
		{[]Count{c(1, Exact), c(2, About)}, About},
		{[]Count{c(1, Over), c(2, About)}, About},
	}
	for _, tt := range tests {
		if got := sumCounts(tt.parts); got.Approx != tt.want || got.Value != 3 {
			t.Errorf("sumCounts(%v) = %+v, want 3 %q", tt.parts, got, tt.want)
		}
	}
}

// The site stage asks for figures from many goroutines at once. Every
// query of the site (every name, subject, period and known day, and a few
// that fail) is asked by several goroutines together, each starting at a
// different query, and must get the answer it gets alone. Each goroutine
// then writes over the Missing list it got back: an answer that shared
// memory with the index or with another answer would change what others
// read, which -race reports (CI runs this package with it) and the
// comparison catches even without it.
func TestFigureConcurrent(t *testing.T) {
	d, _ := load(t, figureSite)
	qs := append(allQueries(d),
		Query{Name: "admitted", Subject: "khoj", Period: Year(2017)},
		Query{Name: "admited", Subject: "khoi", Period: Year(2017)},
		Query{Name: NameReferred, Subject: "doan", Period: Year(2017)})
	type answer struct {
		f   Figure
		err error
	}
	ask := func(q Query) answer {
		f, err := d.Figure(q)
		return answer{f, err}
	}
	want := make([]answer, len(qs))
	shared := 0 // answers with a Missing list to write over
	for i, q := range qs {
		want[i] = ask(q)
		want[i].f.Missing = slices.Clone(want[i].f.Missing)
		if len(want[i].f.Missing) > 0 {
			shared++
		}
	}
	if shared == 0 {
		t.Fatal("no answer lists missing sub-cells: the test writes over nothing")
	}
	workers := max(4, 2*runtime.GOMAXPROCS(0))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			<-start
			for k := range qs {
				i := (k + w*len(qs)/workers) % len(qs)
				got := ask(qs[i])
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%+v asked concurrently:\n got %+v\nwant %+v", qs[i], got, want[i])
					return
				}
				for j := range got.f.Missing {
					got.f.Missing[j] = "written over"
				}
			}
		})
	}
	close(start)
	wg.Wait()
}

// The walkers the site stage uses list records in their canonical order.
func TestWalkers(t *testing.T) {
	d, _ := load(t, figureSite)
	ids := func(cs []*Cell) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.ID)
		}
		return strings.Join(s, " ")
	}
	tests := []struct{ got, want string }{
		{ids(d.Cells), "a a1 a2 b c d khoi"},
		{ids(d.Children("khoi")), "a b c d"},
		{ids(d.Children("a1")), ""},
		{d.Root().ID, "khoi"},
		{fmt.Sprint(d.Years()), "[2014 2015 2016 2017 2018 2019 2020]"},
		{fmt.Sprint(d.Periods()), "[2010-2015 2016 2017 2018 2019]"},
		{d.TargetFor("khoi", 2018).Period.String(), "2018"},
		{d.TargetFor("khoi", 2019).Period.String(), "2015-2020"},
		{fmt.Sprint(d.TargetFor("khoi", 2021) == nil), "true"},
		{fmt.Sprint(len(d.TargetsOf("khoi"))), "2"},
	}
	var s []string
	for _, a := range d.AdmissionsOf("khoi") {
		s = append(s, a.Period.String()+"@"+a.Since().String())
	}
	tests = append(tests, struct{ got, want string }{strings.Join(s, " "),
		"2010-2015@2015-12-31 2018@2018-11-15 2018@2018-12-31 2019@2019-12-31"})
	s = nil
	for _, m := range d.MembershipsOf("khoi") {
		s = append(s, m.Date.String())
	}
	tests = append(tests, struct{ got, want string }{strings.Join(s, " "), "2018-02-02 2018-11-15"})
	s = nil
	for _, r := range d.ReferralsOf("doan") {
		s = append(s, fmt.Sprintf("%d/%s", r.Year, r.Cell))
	}
	tests = append(tests, struct{ got, want string }{strings.Join(s, " "), "2014/b 2015/b 2016/a 2016/b 2017/ 2017/a"})
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

// TestFigureEqual: two figures that differ in any one field, however
// deep, are not Equal; a field added to Figure and left out of Equal
// fails here.
func TestFigureEqual(t *testing.T) {
	var f Figure
	if !f.Equal(f) {
		t.Fatal("a figure is not Equal to itself")
	}
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				walk(v.Field(i), name+"."+v.Type().Field(i).Name)
			}
			return
		}
		g := f
		fv := reflect.ValueOf(&g).Elem().FieldByIndex(indexOf(t, reflect.TypeOf(f), name))
		switch fv.Kind() {
		case reflect.String:
			fv.SetString("x")
		case reflect.Bool:
			fv.SetBool(true)
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8:
			fv.SetInt(1)
		case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
			fv.SetUint(1)
		case reflect.Slice:
			fv.Set(reflect.Append(fv, reflect.New(fv.Type().Elem()).Elem()))
		default:
			t.Fatalf("%s: a %s, which this test cannot change", name, fv.Kind())
		}
		if f.Equal(g) || g.Equal(f) {
			t.Errorf("figures that differ in %s are Equal", name)
		}
	}
	walk(reflect.ValueOf(f), "")
}

// indexOf is the index path of the field named .A.B in t.
func indexOf(t *testing.T, typ reflect.Type, name string) []int {
	var index []int
	for _, part := range strings.Split(strings.TrimPrefix(name, "."), ".") {
		sf, ok := typ.FieldByName(part)
		if !ok {
			t.Fatalf("no field %s", name)
		}
		index = append(index, sf.Index...)
		typ = sf.Type
	}
	return index
}
