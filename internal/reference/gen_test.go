package reference

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The random site generator: small sites that exercise every rule of the
// format the reference implements. The same seed gives the same site.

type sizes struct{ cells, years, articles int }

type gen struct {
	rng         *rand.Rand
	s           *site
	first, last int // the years of yearly figures
	depth       map[string]int
	noSource    int // records still to write without a source
	recs        int // records written, for sources that tell them apart
}

var (
	words = []string{"Ánh Dương", "An Phát", "Âu Lạc", "Bình Minh", "Bạch Đằng", "Cơ khí", "Dược phẩm", "Đại Việt",
		"Điện lực", "Đồng Tâm", "Gốm sứ", "Hòa Bình", "Hoàng Long", "Kim Long", "Lạc Hồng", "May mặc", "Minh Phát",
		"Nhựa", "Ô tô", "Ơn Trời", "Phúc Yên", "Quang Minh", "Sông Hồng", "Tam Đảo", "Thép", "Ưu Việt", "Vĩnh Phúc", "Yên Lạc"}
	unitWords = []string{"Phân xưởng", "Phòng", "Nhà máy", "Chi nhánh", "Xí nghiệp", "Đội", "Ban"}
	approxes  = []string{"over", "under", "about"}
)

// generate makes a random site: a tree 2–4 deep of about size.cells
// cells, size.years years of figures and about size.articles articles.
func generate(seed uint64, size sizes) *site {
	g := &gen{
		rng:      rand.New(rand.NewPCG(seed, seed^0x7265666572656e63)),
		s:        &site{root: "khoi"},
		depth:    map[string]int{},
		noSource: 3,
	}
	g.first = 2014 + g.rng.IntN(4)
	g.last = g.first + size.years - 1
	g.tree(size.cells)
	g.admissions()
	g.periods()
	g.memberships()
	g.targets()
	g.referrals()
	g.articles(size.articles)
	return g.s
}

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// dayIn is a random day of year y in [from, to] (zero ends: the year's).
func (g *gen) dayIn(y int, from, to day) day {
	lo, hi := day{y, time.January, 1}, endOfYear(y)
	if !from.isZero() && lo.before(from) {
		lo = from
	}
	if !to.isZero() && to.before(hi) {
		hi = to
	}
	a := time.Date(lo.y, lo.m, lo.d, 0, 0, 0, 0, time.UTC)
	b := time.Date(hi.y, hi.m, hi.d, 0, 0, 0, 0, time.UTC)
	n := int(b.Sub(a).Hours()/24) + 1
	if n < 1 {
		return lo
	}
	t := a.AddDate(0, 0, g.rng.IntN(n))
	return day{t.Year(), t.Month(), t.Day()}
}

// source names where a record was published; a few records have none.
func (g *gen) source(what string) string {
	g.recs++
	if g.noSource > 0 && g.recs > 5 && g.chance(0.05) {
		g.noSource--
		return ""
	}
	return fmt.Sprintf("%s (bản %d)", what, g.recs)
}

func (g *gen) count(max int) count {
	c := count{v: int64(g.rng.IntN(max + 1))}
	if g.chance(0.12) {
		c.approx = g.pick(approxes)
	}
	return c
}

// tree makes the root, a chain down to the chosen depth, then the other
// cells under random parents; some open or close in the middle of a year,
// always within their parent's days.
func (g *gen) tree(n int) {
	s := g.s
	root := &cell{id: s.root, name: "Đảng bộ Khối Doanh nghiệp", kind: "khoi", founded: day{g.first - 7, time.March, 31}}
	s.cells = []*cell{root}
	maxDepth := 1 + g.rng.IntN(3)
	add := func(parent *cell) {
		i := len(s.cells)
		d := g.depth[parent.id] + 1
		c := &cell{id: fmt.Sprintf("c%d", i), parent: parent.id}
		switch d {
		case 1:
			c.kind = "dang-bo-co-so"
			c.name = fmt.Sprintf("Đảng bộ Công ty %s %d", g.pick(words), i)
		case 2:
			c.kind = "dang-bo-bo-phan"
			c.name = fmt.Sprintf("Đảng bộ %s %s %d", g.pick(unitWords), g.pick(words), i)
		default:
			c.kind = "chi-bo-truc-thuoc"
			c.name = fmt.Sprintf("Chi bộ %s %s %d", g.pick(unitWords), g.pick(words), i)
		}
		g.depth[c.id] = d
		c.founded, c.closed = parent.founded, parent.closed
		if g.chance(0.15) {
			y := g.first + g.rng.IntN(g.last-g.first+1)
			f := g.dayIn(y, day{y, time.February, 1}, day{y, time.November, 30})
			if c.founded.before(f) && (c.closed.isZero() || f.before(c.closed)) {
				c.founded = f
			}
		}
		if g.chance(0.18) {
			y := g.first + g.rng.IntN(g.last-g.first+1)
			cl := g.dayIn(y, day{y, time.February, 1}, day{y, time.November, 30})
			if (c.closed.isZero() || cl.before(c.closed)) && c.founded.before(cl) {
				c.closed = cl
			}
		}
		if c.founded == root.founded {
			c.founded = day{}
		}
		s.cells = append(s.cells, c)
	}
	parent := root
	for d := 1; d <= maxDepth && len(s.cells) < n; d++ {
		add(parent)
		parent = s.cells[len(s.cells)-1]
	}
	for len(s.cells) < n {
		var parents []*cell
		for _, c := range s.cells {
			if g.depth[c.id] < maxDepth {
				parents = append(parents, c)
			}
		}
		add(parents[g.rng.IntN(len(parents))])
	}
}

// openDays is the part of year y a cell is open: from, to (zero: the
// year's ends).
func openDays(c *cell, y int) (from, to day) {
	if !c.founded.isZero() && c.founded.y == y {
		from = c.founded
	}
	if !c.closed.isZero() && c.closed.y == y {
		to = c.closed
	}
	return from, to
}

// record makes an admission record with admitted, and maybe confirmed and
// some parts, none larger than admitted.
func (g *gen) record(c *cell, p period, asOf day, file, what string) *admission {
	a := &admission{cell: c.id, p: p, asOf: asOf, file: file, counts: map[string]count{}}
	adm := g.count(40)
	a.counts[admitted] = adm
	if g.chance(0.5) {
		a.counts[confirmed] = g.count(40)
	}
	if g.chance(0.4) {
		for range 1 + g.rng.IntN(3) {
			a.counts[g.pick(parts)] = count{v: int64(g.rng.IntN(int(adm.v) + 1))}
		}
	}
	a.source = g.source(what)
	g.s.admissions = append(g.s.admissions, a)
	return a
}

// admissions writes, for each cell and year it is open, maybe some
// records: counts to a day first, then the whole year's (in the last year
// often not yet); a closed cell's record of its last year is sometimes
// counted to its closing day; now and then a record dated 31 December
// beside the whole year's, in another file. Leaves without a record leave
// their parent's sum partial.
func (g *gen) admissions() {
	for _, c := range g.s.cells {
		leaf := len(g.s.children(c.id)) == 0
		for y := g.first; y <= g.last; y++ {
			if !openIn(c, y) {
				continue
			}
			p := 0.3
			switch {
			case c.id == g.s.root:
				p = 0.45
			case leaf:
				p = 0.75
			}
			if !g.chance(p) {
				continue
			}
			from, _ := openDays(c, y)
			whole := g.chance(0.85)
			if y == g.last {
				whole = g.chance(0.4)
			}
			closesNow := !c.closed.isZero() && c.closed.y == y
			if !whole || g.chance(0.35) {
				// Counted to a day before the year (or the cell) was over.
				d := g.dayIn(y, from, day{y, time.November, 30})
				if !whole && !closesNow && g.chance(0.2) {
					// Counted to the year's last day, with no whole-year
					// record (yet): a sum with it is as of 31 December.
					d = endOfYear(y)
				}
				if !closesNow || d.before(c.closed) {
					g.record(c, yearOf(y), d, fmt.Sprintf("data/dated/%d.toml", y), "Báo cáo đến "+d.vi())
					d2 := g.dayIn(y, d, day{y, time.November, 30})
					if g.chance(0.2) && d.before(d2) && (!closesNow || d2.before(c.closed)) {
						g.record(c, yearOf(y), d2, fmt.Sprintf("data/dated/%d-b.toml", y), "Báo cáo đến "+d2.vi())
					}
				}
			}
			switch {
			case !whole:
			case closesNow && g.chance(0.5):
				// Counted to its closing day: the record of the year it closed.
				g.record(c, yearOf(y), c.closed, fmt.Sprintf("data/closed/%d.toml", y), "Báo cáo khi giải thể")
			default:
				g.record(c, yearOf(y), day{}, fmt.Sprintf("data/admissions/%d.toml", y), fmt.Sprintf("Báo cáo năm %d", y))
				if !closesNow && g.chance(0.12) {
					// Dated 31 December, in another file: the whole year's
					// record is still the latest.
					g.record(c, yearOf(y), endOfYear(y), "data/dated/dec31.toml", "Báo cáo đến 31/12")
				}
			}
		}
	}
}

// periods writes totals for terms: one before the yearly figures, and
// sometimes one over their first years; held by the root and by some
// cells, so that other cells' totals are sums.
func (g *gen) periods() {
	terms := []period{{g.first - 5, g.first - 1}}
	if g.chance(0.5) {
		terms = append(terms, period{g.first, g.first + 1})
	}
	for _, p := range terms {
		for _, c := range g.s.cells {
			if !openDuring(c, p) {
				continue
			}
			chance := 0.35
			switch g.depth[c.id] {
			case 0:
				chance = 0.6
			case 1:
				chance = 0.5
			}
			if !g.chance(chance) {
				continue
			}
			if g.chance(0.25) {
				// A total counted to a day inside the term.
				y := p.from + g.rng.IntN(p.to-p.from+1)
				from, _ := openDays(c, y)
				d := g.dayIn(y, from, day{y, time.November, 30})
				if openIn(c, y) && (c.closed.isZero() || d.before(c.closed)) {
					g.record(c, p, d, "data/terms-dated.toml", "Sơ kết nhiệm kỳ đến "+d.vi())
				}
			}
			if g.chance(0.8) {
				g.record(c, p, day{}, "data/terms.toml", "Văn kiện đại hội nhiệm kỳ "+p.String())
			}
		}
	}
}

// memberships writes, for some cells, up to three counts a year, some
// with units.
func (g *gen) memberships() {
	for _, c := range g.s.cells {
		if c.id != g.s.root && !g.chance(0.45) {
			continue
		}
		withUnits := len(g.s.children(c.id)) > 0
		for y := g.first; y <= g.last; y++ {
			if !openIn(c, y) {
				continue
			}
			from, to := openDays(c, y)
			seen := map[day]bool{}
			for range g.rng.IntN(4) {
				d := g.dayIn(y, from, to)
				if seen[d] {
					continue
				}
				seen[d] = true
				m := &membership{cell: c.id, date: d, members: count{v: int64(5 + g.rng.IntN(3000))}, source: g.source("Sổ đảng viên ngày " + d.vi())}
				if g.chance(0.08) {
					m.members.approx = "under"
				}
				if withUnits && g.chance(0.6) {
					m.units, m.hasUnits = count{v: int64(1 + g.rng.IntN(80))}, true
				}
				g.s.memberships = append(g.s.memberships, m)
			}
		}
	}
}

// targets: the root's terms and a year target over one of their years;
// some cells' year targets and terms; a closed cell's term runs past the
// year it closed.
func (g *gen) targets() {
	s := g.s
	add := func(c *cell, p period, term bool) {
		min := int64(1 + g.rng.IntN(40))
		max := min
		if g.chance(0.5) {
			max += int64(g.rng.IntN(20))
		}
		s.targets = append(s.targets, &targetRec{cell: c.id, p: p, term: term, min: min, max: max, source: g.source("Nghị quyết " + p.String())})
	}
	root := s.cell(s.root)
	add(root, period{g.first - 1, g.first + 1}, true)
	if g.first+2 < g.last+1 {
		add(root, period{g.first + 2, g.last + 1}, true)
	}
	add(root, yearOf(g.first+g.rng.IntN(2)), false)
	for _, c := range s.cells[1:] {
		var term *period
		switch {
		case !c.closed.isZero() && g.chance(0.7):
			from := c.closed.y - 1
			if !openIn(c, from) {
				from = c.closed.y
			}
			term = &period{from, c.closed.y + 2}
		case g.depth[c.id] == 1 && g.chance(0.3):
			from := g.first + g.rng.IntN(g.last-g.first+1)
			term = &period{from, from + 2}
		}
		if term != nil && openDuring(c, *term) {
			add(c, *term, true)
		}
		if g.depth[c.id] <= 2 && g.chance(0.4) || term != nil && g.chance(0.5) {
			for y := g.first; y <= g.last; y++ {
				if openIn(c, y) && g.chance(0.4) {
					add(c, yearOf(y), false)
				}
			}
		}
	}
}

// referrals: one referrer always refers to the root, one only to cells
// (its figures are sums), one to the root in some years and to cells in
// all.
func (g *gen) referrals() {
	s := g.s
	s.referrers = []*referrer{
		{"doan-khoi", "Đoàn Khối Doanh nghiệp", "youth-union"},
		{"cong-doan", "Công đoàn Khối", "trade-union"},
		{"hoi-phu-nu", "Hội Liên hiệp Phụ nữ", "other"},
	}
	rec := func(r *referrer, c *cell, y int) {
		ref := g.count(60)
		if g.chance(0.05) {
			ref = count{}
		}
		adm := count{v: int64(g.rng.IntN(int(ref.v) + 1))}
		if g.chance(0.1) {
			adm.approx = g.pick(approxes)
		}
		id := ""
		if c != nil {
			id = c.id
		}
		s.referrals = append(s.referrals, &referral{referrer: r.id, cell: id, year: y, referred: ref, admitted: adm,
			source: g.source(fmt.Sprintf("Báo cáo %s năm %d", r.name, y))})
	}
	for y := g.first; y <= g.last; y++ {
		if g.chance(0.8) {
			if g.chance(0.3) {
				rec(s.referrers[0], s.cell(s.root), y)
			} else {
				rec(s.referrers[0], nil, y)
			}
		}
		women := g.chance(0.5)
		if women {
			rec(s.referrers[2], nil, y)
		}
		for _, c := range s.cells[1:] {
			if !openIn(c, y) {
				continue
			}
			if g.chance(0.25) {
				rec(s.referrers[1], c, y)
			}
			if g.chance(0.15) {
				rec(s.referrers[2], c, y)
			}
		}
	}
}

// articles writes articles at random dates, each citing only figures the
// reference says were known on its date and not partial, and drawing
// only charts that had something to draw then.
func (g *gen) articles(n int) {
	s := g.s
	start := time.Date(g.first, time.January, 10, 0, 0, 0, 0, time.UTC)
	span := int(time.Date(g.last+1, time.June, 30, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	var parents []*cell
	for _, c := range s.cells {
		if len(s.children(c.id)) > 0 {
			parents = append(parents, c)
		}
	}
	for i := range n {
		t := start.AddDate(0, 0, g.rng.IntN(span))
		on := day{t.Year(), t.Month(), t.Day()}
		a := &article{
			slug:  fmt.Sprintf("bai-%03d", i),
			title: fmt.Sprintf("Bài số %d về phát triển đảng viên", i),
			date:  on,
			draft: g.chance(0.05),
			years: []int{on.y - 1},
		}
		a.file = fmt.Sprintf("content/%d/%s.md", on.y, a.slug)
		a.body = append(a.body, block{text: "Cấp ủy các cơ sở tiếp tục chú trọng tạo nguồn phát triển đảng viên."})
		var refs []ref
		for tries := 0; tries < 60 && len(refs) < 2+g.rng.IntN(6); tries++ {
			if r := g.randomRef(); s.citable(r, on) {
				refs = append(refs, r)
				if !s.isReferrer(r.subject) && len(a.cells) < 2 && !contains(a.cells, r.subject) {
					a.cells = append(a.cells, r.subject)
				}
			}
		}
		g.writeRefs(a, refs)
		charts := 0
		if g.chance(0.5) {
			charts = 1 + g.rng.IntN(2)
		}
		for tries := 0; tries < 20 && charts > 0; tries++ {
			c := g.randomChart(parents)
			if len(s.chartAt(c, on)) == 0 {
				continue
			}
			a.body = append(a.body, block{chart: &c}, block{text: "Biểu đồ trên cho thấy kết quả qua các năm."})
			if g.chance(0.1) {
				a.body = append(a.body, block{chart: &c})
			}
			charts--
		}
		s.articles = append(s.articles, a)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *site) isReferrer(id string) bool { return s.referrer(id) != nil }

// writeRefs writes the cited figures into paragraphs, a list and a table.
func (g *gen) writeRefs(a *article, refs []ref) {
	for len(refs) > 0 {
		k := min(len(refs), 1+g.rng.IntN(3))
		rs := refs[:k]
		refs = refs[k:]
		var text string
		switch g.rng.IntN(3) {
		case 0:
			text = "Theo số liệu,"
			for i, r := range rs {
				if i > 0 {
					text += " và"
				}
				text += fmt.Sprintf(" %s của %s năm %s là %s", r.name, r.subject, r.p, r.markdown())
			}
			text += "."
		case 1:
			for _, r := range rs {
				text += fmt.Sprintf("- %s %s: %s\n", r.name, r.p, r.markdown())
			}
		default:
			text = "| Chỉ số | Số liệu |\n|---|---:|\n"
			for _, r := range rs {
				text += fmt.Sprintf("| %s %s %s | %s |\n", r.name, r.subject, r.p, r.markdown())
			}
		}
		a.body = append(a.body, block{text: text, figs: rs})
	}
}

// randomRef is a figure some article might cite.
func (g *gen) randomRef() ref {
	s := g.s
	year := yearOf(g.first - 1 + g.rng.IntN(g.last-g.first+3))
	c := s.cells[g.rng.IntN(len(s.cells))].id
	switch x := g.rng.IntN(20); {
	case x < 2:
		r := s.referrers[g.rng.IntN(len(s.referrers))].id
		return ref{g.pick([]string{referred, referralAdmitted, conversion}), r, year}
	case x < 4:
		return ref{g.pick([]string{members, units}), c, year}
	case x < 6:
		return ref{target, c, year}
	case x < 8:
		return ref{achieved, c, year}
	case x < 10:
		if ps := s.periods(); len(ps) > 0 {
			return ref{g.pick(admissionCounts[:4]), c, ps[g.rng.IntN(len(ps))]}
		}
	case x < 13:
		return ref{g.pick(parts), c, year}
	}
	return ref{g.pick([]string{admitted, admitted, confirmed}), c, year}
}

// randomChart is a chart some article might draw.
func (g *gen) randomChart(parents []*cell) chartRef {
	s := g.s
	c := s.cells[g.rng.IntN(len(s.cells))].id
	switch g.rng.IntN(4) {
	case 0:
		return chartRef{kind: "members", subject: c}
	case 1:
		return chartRef{kind: "referrals", subject: s.referrers[g.rng.IntN(len(s.referrers))].id}
	case 2:
		if len(parents) > 0 {
			return chartRef{kind: "cells", subject: parents[g.rng.IntN(len(parents))].id, year: g.first + g.rng.IntN(g.last-g.first+1)}
		}
	}
	return chartRef{kind: "admissions", subject: c}
}
