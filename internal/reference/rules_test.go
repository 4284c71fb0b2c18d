package reference

// The reference rules: every figure of the format computed again from
// the records, as plainly as possible. Each function quotes the rule it
// implements. Nothing is remembered between calls.

// Kinds of a figure's value.
const (
	kindCount   = iota // a count: value and approximation
	kindRange          // a target: min–max
	kindPercent        // achieved, conversion: tenths of a percent
)

// figure is one answer of the reference: what a page shows of a figure,
// and the day from which it is the answer.
type figure struct {
	name, subject string
	p             period
	kind          int
	value         int64 // the count; a range's min
	max           int64 // a range's max
	tenths        int64 // a percentage, in tenths
	approx        string
	// asOf is the day the figure was counted to, as shown with it ("đến
	// 15/11/2018"); zero for a figure of the whole period.
	asOf day
	// source is where its record was published; noSource tells a record
	// that names none ("không ghi nguồn"). A sum has neither.
	source   string
	noSource bool
	// sum tells a sum: over sub-cells (covered of listed have a figure),
	// or a referrer's over its records.
	sum             bool
	covered, listed int
	// since is the first day on which this is the answer; zero for a
	// target. latest tells that it is the answer now.
	since  day
	latest bool
}

// partial reports a sum that leaves out a listed sub-cell.
func (f *figure) partial() bool { return f.sum && f.covered < f.listed }

// isReferrerName reports a figure of a referrer.
func isReferrerName(name string) bool {
	return name == referred || name == referralAdmitted || name == conversion
}

// openIn: "a cell has figures only for years that have at least one day
// in [founded, closed]".
func openIn(c *cell, y int) bool {
	if !c.founded.isZero() && c.founded.y > y {
		return false
	}
	if !c.closed.isZero() && c.closed.y < y {
		return false
	}
	return true
}

// openDuring: a cell is open during a period when it is open in one of
// its years.
func openDuring(c *cell, p period) bool {
	for y := p.from; y <= p.to; y++ {
		if openIn(c, y) {
			return true
		}
	}
	return false
}

// knownFrom: a record is known from its as_of, "and a whole-year figure
// counts as dated the last day of its year" (of the period's last year).
func knownFrom(a *admission) day {
	if !a.asOf.isZero() {
		return a.asOf
	}
	return endOfYear(a.p.to)
}

// known reports whether a record is known on day on (zero: now).
func known(a *admission, on day) bool {
	return on.isZero() || !on.before(knownFrom(a))
}

// shownAsOf is the day a record says it was counted to: "The record of a
// closed cell for the year it closed is complete (not 'counted to' its
// closing day)": as_of on or after the closing day, in the period's last
// year, which is the year it closed, shows none.
func (s *site) shownAsOf(a *admission) day {
	c := s.cell(a.cell)
	if !a.asOf.isZero() && !c.closed.isZero() && c.closed.y == a.p.to && !a.asOf.before(c.closed) {
		return day{}
	}
	return a.asOf
}

// ownRecords are a cell's admission records for period p known on day
// on, in the order they became known: "A record without as_of is the
// whole year's: it is the latest of its year, whatever the dates of the
// others (also one dated 31 December)" — on the same day, the record
// without as_of comes last, whatever file it is in.
func (s *site) ownRecords(cellID string, p period, on day) []*admission {
	var out []*admission
	for _, a := range s.admissions {
		if a.cell == cellID && a.p == p && known(a, on) {
			out = append(out, a)
		}
	}
	// Insertion sort: plain and stable.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && later(out[j-1], out[j]); j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// later reports whether a became known after b (on one day, a whole-year
// record after a dated one).
func later(a, b *admission) bool {
	da, db := knownFrom(a), knownFrom(b)
	if da != db {
		return db.before(da)
	}
	return a.asOf.isZero() && !b.asOf.isZero()
}

// countAt is a cell's count NAME (admitted, confirmed or a part) for
// period p as known on day on (zero: now), by "Totals and derived
// figures":
//
//   - "A cell's admitted (and confirmed, and each part) for a year is its
//     own record when it has one. The own record wins key by key: a record
//     without women means that figure is not held, not that it is summed."
//     Several records: "each figure comes from the latest record that holds
//     it"; only records known on the day count ("before a cell's own record
//     is known its figure is the sum of its sub-cells' figures known then").
//   - "Otherwise it is the sum over the cell's direct sub-cells that have a
//     figure" — sub-cells "count only for years they were open".
//
// It returns the figure (nil when there is none) and the day from which
// that answer holds, which a sum needs of its parts even when they have
// no figure.
func (s *site) countAt(cellID, name string, p period, on day) (*figure, day) {
	own := s.ownRecords(cellID, p, on)
	if len(own) > 0 {
		for i := len(own) - 1; i >= 0; i-- {
			a := own[i]
			c, ok := a.counts[name]
			if !ok {
				continue
			}
			// "for an own record: its known-from day"
			return &figure{
				name: name, subject: cellID, p: p, kind: kindCount,
				value: c.v, approx: c.approx, asOf: s.shownAsOf(a),
				source: a.source, noSource: a.source == "",
				since: knownFrom(a),
			}, knownFrom(a)
		}
		// Held by none of the known records: no figure, never a sum. The
		// answer holds since the cell's own records took over from its
		// sub-cells: the day the first of them became known.
		return nil, knownFrom(own[0])
	}
	return s.sumAt(cellID, name, p, on)
}

// sumAt is the sum over a cell's direct sub-cells open during p of their
// counts as known on day on.
//
//   - coverage: how many of the listed sub-cells have a figure, of how many
//     are listed; "no sub-cell with a figure" gives no figure;
//   - approximation as sumCounts says;
//   - "The day a sum was counted to is the earliest such day of its parts (a
//     whole-year part counting as 31 December); a sum of whole-year figures
//     has none" — 31 December of the period's last year;
//   - its since is the latest since of its parts, a sub-cell without a
//     figure counting too (the day its own answer began).
func (s *site) sumAt(cellID, name string, p period, on day) (*figure, day) {
	var since, earliest day
	var counts []count
	listed, dated := 0, false
	for _, ch := range s.children(cellID) {
		if !openDuring(ch, p) {
			continue
		}
		listed++
		f, chSince := s.countAt(ch.id, name, p, on)
		if since.before(chSince) {
			since = chSince
		}
		if f == nil {
			continue
		}
		counts = append(counts, count{f.value, f.approx})
		d := f.asOf
		if d.isZero() {
			d = endOfYear(p.to)
		} else {
			dated = true
		}
		if earliest.isZero() || d.before(earliest) {
			earliest = d
		}
	}
	if len(counts) == 0 {
		return nil, since
	}
	sum := sumCounts(counts)
	f := &figure{name: name, subject: cellID, p: p, kind: kindCount, value: sum.v, approx: sum.approx,
		sum: true, covered: len(counts), listed: listed, since: since}
	if dated {
		f.asOf = earliest
	}
	return f, since
}

// targetOf: "A year target overrides a from/to target of the same cell for
// that year"; a from/to target is "the same yearly target for every year
// from from to to".
func (s *site) targetOf(cellID string, y int) *targetRec {
	for _, t := range s.targets {
		if t.cell == cellID && !t.term && t.p.from == y {
			return t
		}
	}
	for _, t := range s.targets {
		if t.cell == cellID && t.term && t.p.from <= y && y <= t.p.to {
			return t
		}
	}
	return nil
}

// percentTenths: "Percentages are computed from the integers and rounded
// half away from zero to one decimal".
func percentTenths(num, den int64) int64 {
	t := num * 1000 / den
	if rest := num * 1000 % den; rest*2 >= den {
		t++
	}
	return t
}

// latestMembership: "members, units: the latest [[membership]] dated in
// that year that holds it", and for a day, not dated after it.
func (s *site) latestMembership(cellID, name string, y int, on day) *membership {
	var best *membership
	for _, m := range s.memberships {
		if m.cell != cellID || m.date.y != y || name == units && !m.hasUnits {
			continue
		}
		if !on.isZero() && on.before(m.date) {
			continue
		}
		if best == nil || best.date.before(m.date) {
			best = m
		}
	}
	return best
}

// figureAt answers {{ NAME SUBJECT PERIOD }} as known on day on (zero:
// now): nil when the site publishes no such figure then.
func (s *site) figureAt(name, subject string, p period, on day) *figure {
	f := s.answer(name, subject, p, on)
	if f == nil {
		return nil
	}
	// The answer of now is the latest; an earlier one is the latest when
	// it has the same since: since tells counts apart.
	f.latest = on.isZero()
	if !f.latest {
		now := s.answer(name, subject, p, day{})
		f.latest = now != nil && now.since == f.since
	}
	return f
}

func (s *site) answer(name, subject string, p period, on day) *figure {
	if isReferrerName(name) {
		return s.referralAt(name, subject, p, on)
	}
	c := s.cell(subject)
	// "A figure is published only for a year/period in which its cell was
	// open on some day" — a term target stops with the year its cell closed.
	if c == nil || !openDuring(c, p) {
		return nil
	}
	switch name {
	case target:
		// Targets are per year; "Targets are plans: an article may cite one
		// whatever its date".
		if !p.isYear() {
			return nil
		}
		t := s.targetOf(subject, p.from)
		if t == nil {
			return nil
		}
		return &figure{name: name, subject: subject, p: p, kind: kindRange, value: t.min, max: t.max,
			source: t.source, noSource: t.source == ""}
	case achieved:
		// "achieved: admitted as a percentage of the target's min"; "A
		// percentage takes its numerator's approximation"; "achieved is not
		// published for a partial sum"; not for a term.
		if !p.isYear() {
			return nil
		}
		t := s.targetOf(subject, p.from)
		adm, _ := s.countAt(subject, admitted, p, on)
		if t == nil || adm == nil || adm.partial() {
			return nil
		}
		f := *adm
		f.name, f.kind, f.tenths, f.value = achieved, kindPercent, percentTenths(adm.value, t.min), 0
		return &f
	case members, units:
		if !p.isYear() {
			return nil
		}
		m := s.latestMembership(subject, name, p.from, on)
		if m == nil {
			return nil
		}
		c := m.members
		if name == units {
			c = m.units
		}
		return &figure{name: name, subject: subject, p: p, kind: kindCount, value: c.v, approx: c.approx,
			asOf: m.date, since: m.date, source: m.source, noSource: m.source == ""}
	}
	f, _ := s.countAt(subject, name, p, on)
	return f
}

// referralAt: "A referrer's figure for a year is its record for the root
// when there is one, otherwise the sum of its records for that year"; a
// referral is a whole year's figure, known from 31 December; conversion
// is referral_admitted / referred, about when its denominator is
// approximate.
func (s *site) referralAt(name, subject string, p period, on day) *figure {
	if s.referrer(subject) == nil || !p.isYear() {
		return nil
	}
	y := p.from
	var recs []*referral
	for _, r := range s.referrals {
		if r.referrer == subject && r.year == y {
			recs = append(recs, r)
		}
	}
	if len(recs) == 0 || !on.isZero() && on.before(endOfYear(y)) {
		return nil
	}
	var rootRec *referral
	for _, r := range recs {
		if r.cell == "" || r.cell == s.root {
			rootRec = r
		}
	}
	// pick is the referrer's count of one key: the root's record, else the
	// sum of all its records of the year.
	pick := func(key string) count {
		get := func(r *referral) count {
			if key == referred {
				return r.referred
			}
			return r.admitted
		}
		if rootRec != nil {
			return get(rootRec)
		}
		var all []count
		for _, r := range recs {
			all = append(all, get(r))
		}
		return sumCounts(all)
	}
	f := &figure{name: name, subject: subject, p: p, kind: kindCount, since: endOfYear(y)}
	switch name {
	case conversion:
		num, den := pick(referralAdmitted), pick(referred)
		if den.v == 0 {
			return nil
		}
		f.kind, f.tenths, f.approx = kindPercent, percentTenths(num.v, den.v), num.approx
		if den.approx != "" {
			f.approx = "about"
		}
	default:
		c := pick(name)
		f.value, f.approx = c.v, c.approx
	}
	if rootRec != nil {
		f.source, f.noSource = rootRec.source, rootRec.source == ""
	} else {
		// "A referrer's sum over several cells is marked as a sum covering
		// all of its records."
		f.sum, f.covered, f.listed = true, len(recs), len(recs)
	}
	return f
}

// sumCounts adds counts: "Summing keeps approximation: exact parts keep
// the kind of the others; parts all over give over, all under give under;
// over with under, or any about, gives about".
func sumCounts(cs []count) count {
	var out count
	over, under, about := false, false, false
	for _, c := range cs {
		out.v += c.v
		over = over || c.approx == "over"
		under = under || c.approx == "under"
		about = about || c.approx == "about"
	}
	switch {
	case about || over && under:
		out.approx = "about"
	case over:
		out.approx = "over"
	case under:
		out.approx = "under"
	}
	return out
}

// citable reports whether an article dated on may cite the figure: "A
// figure not yet known on the article's date is an error", and "An article
// may not cite a sum that leaves out a listed sub-cell".
func (s *site) citable(r ref, on day) bool {
	f := s.figureAt(r.name, r.subject, r.p, on)
	return f != nil && !f.partial()
}

// Anchors ("Published names"): the latest whole-year count of NAME for
// PERIOD is NAME-PERIOD; a count counted to a day, or one no longer the
// latest, has NAME-PERIOD-DAY, DAY its since.

func latestAnchor(f *figure) string { return f.name + "-" + f.p.String() }

// datedAnchor is NAME-PERIOD-DAY, "" for the latest whole-year count (and
// a target, which has no since).
func datedAnchor(f *figure) string {
	if f.since.isZero() || f.asOf.isZero() && f.latest {
		return ""
	}
	return latestAnchor(f) + "-" + f.since.String()
}

// anchorOf is where a link to the figure leads: "A link to a figure uses
// its dated anchor when it has one, else NAME-PERIOD".
func anchorOf(f *figure) string {
	if d := datedAnchor(f); d != "" {
		return d
	}
	return latestAnchor(f)
}

// pageOf is the page a figure is published on.
func pageOf(f *figure) string {
	if isReferrerName(f.name) {
		return "gioi-thieu/" + f.subject + "/index.html"
	}
	return "don-vi/" + f.subject + "/index.html"
}
