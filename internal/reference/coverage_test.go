package reference

import (
	"fmt"
	"sort"
	"testing"
)

// TestGeneratorCoversTheRules checks that the sites TestReference builds
// (all of them; -short builds fewer) exercise every rule the reference
// implements, so that a change to the generator cannot quietly stop
// testing one.
func TestGeneratorCoversTheRules(t *testing.T) {
	seen := map[string]int{}
	for _, seed := range allSeeds {
		s := generate(seed, sizeOf(seed))
		for k, n := range features(s) {
			seen[k] += n
		}
	}
	for _, k := range []string{
		"tree 4 deep", "cell founded mid-year", "cell closed mid-year", "record counted to its closing day",
		"term target past closing", "year target over a term", "own record of a parent", "dated then whole-year record",
		"dated 31 December beside the whole year", "over", "under", "about", "part", "from/to total", "from/to sum",
		"partial sum", "dated sum", "approximate sum", "sum as of 31 December", "record without source",
		"several memberships a year", "membership with units", "membership without units",
		"referral to the root", "referral sum", "conversion without a figure", "draft",
		"text cites an earlier count", "chart cites an earlier count", "article draws a chart twice",
		"chart as of an article's date", "target-only year", "achieved", "achieved of a sum",
	} {
		if seen[k] == 0 {
			t.Errorf("no generated site has: %s", k)
		}
	}
	var keys []string
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-40s %d", k, seen[k])
	}
}

// features counts what a site holds, by the names the test asks for.
func features(s *site) map[string]int {
	n := map[string]int{}
	depth := func(c *cell) int {
		d := 0
		for ; c.parent != ""; c = s.cell(c.parent) {
			d++
		}
		return d
	}
	for _, c := range s.cells {
		if depth(c) == 3 {
			n["tree 4 deep"]++
		}
		if !c.founded.isZero() && c.id != s.root {
			n["cell founded mid-year"]++
		}
		if !c.closed.isZero() {
			n["cell closed mid-year"]++
		}
		if len(s.children(c.id)) > 0 {
			for _, a := range s.admissions {
				if a.cell == c.id {
					n["own record of a parent"]++
					break
				}
			}
		}
	}
	for _, a := range s.admissions {
		if !a.asOf.isZero() && s.shownAsOf(a).isZero() {
			n["record counted to its closing day"]++
		}
		if !a.p.isYear() {
			n["from/to total"]++
		}
		if a.source == "" {
			n["record without source"]++
		}
		for k, c := range a.counts {
			if c.approx != "" {
				n[c.approx]++
			}
			if k != admitted && k != confirmed {
				n["part"]++
			}
		}
		for _, b := range s.admissions {
			if a.cell == b.cell && a.p == b.p && !a.asOf.isZero() && b.asOf.isZero() {
				n["dated then whole-year record"]++
				if a.asOf == endOfYear(a.p.to) && a.file != b.file {
					n["dated 31 December beside the whole year"]++
				}
			}
		}
	}
	for _, tg := range s.targets {
		c := s.cell(tg.cell)
		if tg.term && !c.closed.isZero() && tg.p.to > c.closed.y {
			n["term target past closing"]++
		}
		if !tg.term {
			for _, o := range s.targets {
				if o.term && o.cell == tg.cell && o.p.from <= tg.p.from && tg.p.from <= o.p.to {
					n["year target over a term"]++
				}
			}
		}
	}
	perYear := map[string]int{}
	for _, m := range s.memberships {
		perYear[fmt.Sprint(m.cell, m.date.y)]++
		if m.hasUnits {
			n["membership with units"]++
		} else {
			n["membership without units"]++
		}
	}
	for _, k := range perYear {
		if k > 1 {
			n["several memberships a year"]++
		}
	}
	for _, r := range s.referrers {
		for _, y := range s.referrerYears(r.id) {
			f := s.figureAt(referred, r.id, yearOf(y), day{})
			if f != nil && f.sum {
				n["referral sum"]++
			} else if f != nil {
				n["referral to the root"]++
			}
			if s.figureAt(conversion, r.id, yearOf(y), day{}) == nil {
				n["conversion without a figure"]++
			}
		}
	}
	for _, c := range s.cells {
		for _, y := range s.years() {
			p := yearOf(y)
			if f := s.figureAt(admitted, c.id, p, day{}); f != nil && f.sum {
				switch {
				case f.partial():
					n["partial sum"]++
				case !f.asOf.isZero():
					n["dated sum"]++
				}
				if f.approx != "" {
					n["approximate sum"]++
				}
				if !f.asOf.isZero() && f.asOf == endOfYear(y) {
					n["sum as of 31 December"]++
				}
			}
			if s.figureAt(target, c.id, p, day{}) != nil && s.figureAt(admitted, c.id, p, day{}) == nil {
				n["target-only year"]++
			}
			if f := s.figureAt(achieved, c.id, p, day{}); f != nil {
				n["achieved"]++
				if f.sum {
					n["achieved of a sum"]++
				}
			}
		}
		for _, p := range s.periods() {
			if f := s.figureAt(admitted, c.id, p, day{}); f != nil && f.sum {
				n["from/to sum"]++
			}
		}
	}
	for _, a := range s.articles {
		if a.draft {
			n["draft"]++
			continue
		}
		charts := map[chartRef]int{}
		for _, b := range a.body {
			for _, r := range b.figs {
				if f := s.figureAt(r.name, r.subject, r.p, a.date); !f.latest {
					n["text cites an earlier count"]++
				}
			}
			if b.chart == nil {
				continue
			}
			if charts[*b.chart]++; charts[*b.chart] == 2 {
				n["article draws a chart twice"]++
			}
			if s.downloadOf(*b.chart, a.date) != "du-lieu/"+chartID(*b.chart) {
				n["chart as of an article's date"]++
			}
			for _, row := range s.chartAt(*b.chart, a.date) {
				for _, f := range row.figs {
					if f != nil && !f.latest {
						n["chart cites an earlier count"]++
					}
				}
			}
		}
	}
	return n
}
