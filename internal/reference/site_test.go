package reference

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The records of a generated site, kept in memory as the generator made
// them: the reference reads these, and the site folder is written from
// them (writeSite), so the two cannot disagree.

// day is a calendar day; the zero day means "none" (a record without
// as_of) or, for a day a figure is asked as known on, "now".
type day struct {
	y int
	m time.Month
	d int
}

func (a day) isZero() bool { return a == day{} }

// before reports whether a is earlier than b.
func (a day) before(b day) bool {
	if a.y != b.y {
		return a.y < b.y
	}
	if a.m != b.m {
		return a.m < b.m
	}
	return a.d < b.d
}

// String is the form of the format and of anchors: 2018-11-15.
func (a day) String() string { return fmt.Sprintf("%04d-%02d-%02d", a.y, int(a.m), a.d) }

// vi is the form pages show: 15/11/2018.
func (a day) vi() string { return fmt.Sprintf("%02d/%02d/%04d", a.d, int(a.m), a.y) }

func endOfYear(y int) day { return day{y, time.December, 31} }

// period is a year (from == to) or a from/to span of years.
type period struct{ from, to int }

func yearOf(y int) period { return period{y, y} }

func (p period) isYear() bool { return p.from == p.to }

// String is how articles and anchors write it: 2017, 2010-2015.
func (p period) String() string {
	if p.isYear() {
		return fmt.Sprint(p.from)
	}
	return fmt.Sprintf("%d-%d", p.from, p.to)
}

// count is a count of the format: a value and its approximation ("" for
// an exact count, else over, under or about).
type count struct {
	v      int64
	approx string
}

// The figure names of the format, and the count keys of [[admission]].
const (
	admitted         = "admitted"
	confirmed        = "confirmed"
	members          = "members"
	units            = "units"
	target           = "target"
	achieved         = "achieved"
	referred         = "referred"
	referralAdmitted = "referral_admitted"
	conversion       = "conversion"
)

var parts = []string{"women", "youth_union", "ethnic_minority", "religious", "under_30", "workers", "owners"}

// admissionCounts are the count keys of [[admission]], in the format's order.
var admissionCounts = append([]string{admitted, confirmed}, parts...)

type cell struct {
	id, name, kind, parent string
	founded, closed        day
}

type admission struct {
	cell   string
	p      period
	counts map[string]count
	asOf   day
	source string
	file   string // where the generator writes it
}

type membership struct {
	cell     string
	date     day
	members  count
	units    count
	hasUnits bool
	source   string
}

type targetRec struct {
	cell     string
	p        period
	term     bool // written with from/to
	min, max int64
	source   string
}

type referrer struct{ id, name, kind string }

type referral struct {
	referrer string
	cell     string // "" is the root, as when the key is left out
	year     int
	referred count
	admitted count
	source   string
}

// ref is a figure an article cites, {{ NAME SUBJECT PERIOD }}.
type ref struct {
	name, subject string
	p             period
}

// chartRef is a chart an article draws, {{ chart KIND SUBJECT [YEAR] }}.
type chartRef struct {
	kind, subject string
	year          int
}

// block is a piece of an article's body: a paragraph of text with the
// figures it cites in order, or a chart alone in its paragraph.
type block struct {
	text  string // Markdown, figures written as {{ … }}
	figs  []ref
	chart *chartRef
}

type article struct {
	file  string // content/…/NAME.md; the slug is NAME
	slug  string
	title string
	date  day
	draft bool
	cells []string
	years []int
	body  []block
}

// site is a whole generated site.
type site struct {
	root        string
	cells       []*cell
	admissions  []*admission
	memberships []*membership
	targets     []*targetRec
	referrers   []*referrer
	referrals   []*referral
	articles    []*article
}

func (s *site) cell(id string) *cell {
	for _, c := range s.cells {
		if c.id == id {
			return c
		}
	}
	return nil
}

func (s *site) referrer(id string) *referrer {
	for _, r := range s.referrers {
		if r.id == id {
			return r
		}
	}
	return nil
}

// children are the direct sub-cells of id, in the order they were made.
func (s *site) children(id string) []*cell {
	var out []*cell
	for _, c := range s.cells {
		if c.parent == id && c.id != s.root {
			out = append(out, c)
		}
	}
	return out
}

// years are every year some record is for, ascending.
func (s *site) years() []int {
	seen := map[int]bool{}
	for _, a := range s.admissions {
		if a.p.isYear() {
			seen[a.p.from] = true
		}
	}
	for _, m := range s.memberships {
		seen[m.date.y] = true
	}
	for _, t := range s.targets {
		for y := t.p.from; y <= t.p.to; y++ {
			seen[y] = true
		}
	}
	for _, r := range s.referrals {
		seen[r.year] = true
	}
	var out []int
	for y := range seen {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// periods are the from/to periods of admissions, ascending.
func (s *site) periods() []period {
	var out []period
	for _, a := range s.admissions {
		if a.p.isYear() {
			continue
		}
		dup := false
		for _, p := range out {
			dup = dup || p == a.p
		}
		if !dup {
			out = append(out, a.p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].from != out[j].from {
			return out[i].from < out[j].from
		}
		return out[i].to < out[j].to
	})
	return out
}

// published are the articles that are not drafts.
func (s *site) published() []*article {
	var out []*article
	for _, a := range s.articles {
		if !a.draft {
			out = append(out, a)
		}
	}
	return out
}

// Writing the site folder.

// tomlString quotes text as a TOML basic string: Go's quoting is TOML's
// for the printable text the generator writes.
func tomlString(s string) string { return strconv.Quote(s) }

func tomlCount(c count) string {
	if c.approx == "" {
		return fmt.Sprint(c.v)
	}
	return fmt.Sprintf("{ value = %d, approx = %q }", c.v, c.approx)
}

func tomlPeriod(p period, term bool) string {
	if term {
		return fmt.Sprintf("from = %d\nto = %d\n", p.from, p.to)
	}
	return fmt.Sprintf("year = %d\n", p.from)
}

// files are the site's files by path, as the generator writes them.
func (s *site) files() map[string]string {
	f := map[string]string{}
	add := func(name, text string) { f[name] += text }
	add("data/site.toml", fmt.Sprintf("[site]\ntitle = %s\nroot = %q\n", tomlString("Số liệu thử của bài kiểm tra tham chiếu"), s.root))
	for _, c := range s.cells {
		t := fmt.Sprintf("[[cell]]\nid = %q\nname = %s\nkind = %q\n", c.id, tomlString(c.name), c.kind)
		if c.parent != "" {
			t += fmt.Sprintf("parent = %q\n", c.parent)
		}
		if !c.founded.isZero() {
			t += "founded = " + c.founded.String() + "\n"
		}
		if !c.closed.isZero() {
			t += "closed = " + c.closed.String() + "\n"
		}
		add("data/cells.toml", t+"\n")
	}
	for _, a := range s.admissions {
		t := fmt.Sprintf("[[admission]]\ncell = %q\n%s", a.cell, tomlPeriod(a.p, !a.p.isYear()))
		for _, k := range admissionCounts {
			if c, ok := a.counts[k]; ok {
				t += fmt.Sprintf("%s = %s\n", k, tomlCount(c))
			}
		}
		if !a.asOf.isZero() {
			t += "as_of = " + a.asOf.String() + "\n"
		}
		if a.source != "" {
			t += "source = " + tomlString(a.source) + "\n"
		}
		add(a.file, t+"\n")
	}
	for _, m := range s.memberships {
		t := fmt.Sprintf("[[membership]]\ncell = %q\ndate = %s\nmembers = %s\n", m.cell, m.date, tomlCount(m.members))
		if m.hasUnits {
			t += "units = " + tomlCount(m.units) + "\n"
		}
		if m.source != "" {
			t += "source = " + tomlString(m.source) + "\n"
		}
		add("data/memberships.toml", t+"\n")
	}
	for _, tg := range s.targets {
		t := fmt.Sprintf("[[target]]\ncell = %q\n%smin = %d\n", tg.cell, tomlPeriod(tg.p, tg.term), tg.min)
		if tg.max != tg.min {
			t += fmt.Sprintf("max = %d\n", tg.max)
		}
		if tg.source != "" {
			t += "source = " + tomlString(tg.source) + "\n"
		}
		add("data/targets.toml", t+"\n")
	}
	for _, r := range s.referrers {
		add("data/referrals.toml", fmt.Sprintf("[[referrer]]\nid = %q\nname = %s\nkind = %q\n\n", r.id, tomlString(r.name), r.kind))
	}
	for _, r := range s.referrals {
		t := fmt.Sprintf("[[referral]]\nreferrer = %q\n", r.referrer)
		if r.cell != "" {
			t += fmt.Sprintf("cell = %q\n", r.cell)
		}
		t += fmt.Sprintf("year = %d\nreferred = %s\nadmitted = %s\n", r.year, tomlCount(r.referred), tomlCount(r.admitted))
		if r.source != "" {
			t += "source = " + tomlString(r.source) + "\n"
		}
		add("data/referrals.toml", t+"\n")
	}
	for _, a := range s.articles {
		add(a.file, a.markdown())
	}
	return f
}

// markdown is the article's file: front matter, then each block.
func (a *article) markdown() string {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", tomlString(a.title))
	fmt.Fprintf(&b, "date = %sT09:30:00+07:00\n", a.date)
	if len(a.cells) > 0 {
		b.WriteString("cells = [" + quoted(a.cells) + "]\n")
	}
	if len(a.years) > 0 {
		ys := make([]string, len(a.years))
		for i, y := range a.years {
			ys[i] = fmt.Sprint(y)
		}
		b.WriteString("years = [" + strings.Join(ys, ", ") + "]\n")
	}
	if a.draft {
		b.WriteString("draft = true\n")
	}
	b.WriteString("+++\n\n")
	for _, bl := range a.body {
		if bl.chart != nil {
			b.WriteString(bl.chart.markdown() + "\n\n")
			continue
		}
		b.WriteString(bl.text + "\n\n")
	}
	return b.String()
}

func (r ref) markdown() string { return fmt.Sprintf("{{ %s %s %s }}", r.name, r.subject, r.p) }

func (c chartRef) markdown() string {
	if c.kind == "cells" {
		return fmt.Sprintf("{{ chart %s %s %d }}", c.kind, c.subject, c.year)
	}
	return fmt.Sprintf("{{ chart %s %s }}", c.kind, c.subject)
}

func quoted(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// write writes the site folder into dir.
func (s *site) write(dir string) error {
	for name, text := range s.files() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
