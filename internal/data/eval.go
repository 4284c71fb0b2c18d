package data

import (
	"iter"
	"math"
	"math/big"
	"slices"

	"sitegen/internal/par"
)

// Figure answers one query by the rules of DATA-FORMAT.md, "Totals and
// derived figures". It is the one place a figure is computed: article
// text, charts, tables, downloads and citations all ask it. It is safe
// for concurrent use: it only reads what Load computed.
func (d *Data) Figure(q Query) (Figure, error) { return d.figure(q, false) }

// Has reports whether the data has the figure q asks for: Figure without
// an error, but no error made to say why not.
func (d *Data) Has(q Query) bool {
	_, err := d.figure(q, true)
	return err == nil
}

// errNone is the error of every figure asked quietly that there is none
// of: History asks for every figure a page may show, most of which a cell
// does not have, and needs to know only that, not a FigureError made for
// each to be dropped.
var errNone = &FigureError{Code: ErrNoFigure}

// failed is the answer to q when there is no figure: why (code and arg),
// or errNone when quiet.
func failed(q Query, quiet bool, code ErrorCode, arg string) (Figure, error) {
	if quiet {
		return Figure{Query: q}, errNone
	}
	return Figure{Query: q}, &FigureError{Code: code, Query: q, Arg: arg}
}

// figure is Figure; quiet gives errNone for any figure there is none of.
func (d *Data) figure(q Query, quiet bool) (Figure, error) {
	fail := func(code ErrorCode, arg string) (Figure, error) { return failed(q, quiet, code, arg) }
	if d == nil || d.idx.cells == nil {
		return fail(ErrNoFigure, "")
	}
	n, ok := LookupName(q.Name)
	if !ok {
		return fail(ErrUnknownName, "")
	}
	if n.Subject == OfReferrer {
		if d.idx.referrers[q.Subject] == nil {
			return fail(ErrUnknownSubject, closest(q.Subject, sortedKeys(d.idx.referrers)))
		}
		return d.referralFigure(q, quiet)
	}
	seq, ok := d.idx.cellSeq[q.Subject]
	if !ok {
		return fail(ErrUnknownSubject, closest(q.Subject, sortedKeys(d.idx.cells)))
	}
	c := d.Cells[seq]
	if q.Period.From == 0 || q.Period.From > q.Period.To || !n.Periods && !q.Period.IsYear() {
		// A membership is of a day, a referral of a year; achieved for a
		// term is not given: a target is per year and a term's
		// admissions are a total.
		return fail(ErrNoFigure, "")
	}
	if !openDuring(c, q.Period) {
		// No figure of a cell is published for a year it was not open:
		// a term target, say, stops with the year its cell closed.
		return fail(ErrNotOpen, openText(c))
	}
	switch q.Name {
	case NameMembers, NameUnits:
		return d.membershipFigure(q, quiet)
	case NameTarget:
		tg := d.TargetFor(q.Subject, q.Period.From)
		if tg == nil {
			return fail(ErrNoFigure, "")
		}
		// Targets are plans: known from the start, one for each year.
		return Figure{Query: q, Kind: KindRange, Min: tg.Min, Max: tg.Max, Source: tg.Source, Pos: tg.Pos, Latest: true}, nil
	case NameAchieved:
		tg := d.TargetFor(q.Subject, q.Period.From)
		if tg == nil {
			return fail(ErrNoTarget, "")
		}
		aq := q
		aq.Name = NameAdmitted
		adm, err := d.figure(aq, quiet)
		if quiet && err != nil {
			return Figure{Query: q}, err
		}
		if err != nil {
			fe := *err.(*FigureError)
			fe.Query = q
			return Figure{Query: q}, &fe
		}
		if adm.Partial() {
			// A share of a target computed from some sub-cells only would
			// read as the whole cell's.
			if quiet {
				return Figure{Query: q}, errNone
			}
			return Figure{Query: q}, &FigureError{Code: ErrPartial, Query: q, Missing: slices.Clone(adm.Missing)}
		}
		f := adm
		f.Query = q
		f.Kind = KindPercent
		f.Count = Count{}
		f.Tenths = percentTenths(adm.Count.Value, tg.Min)
		f.Approx = adm.Count.Approx // the target is exact
		return f, nil
	}
	// An admission count.
	tl := d.idx.timeline(seq, q.Period, q.Name)
	a := tl.at(q.On)
	if !a.found() {
		if !q.On.IsZero() && tl.at(Date{}).found() {
			return fail(ErrNotYetKnown, tl.sinceAfter(q.Period, q.On).String())
		}
		return fail(ErrNoFigure, "")
	}
	f := a.figure(q.Name)
	f.Query = q
	f.Missing = slices.Clone(f.Missing)
	f.Latest = q.On.IsZero() || a.since == tl.at(Date{}).since
	return f, nil
}

func (d *Data) membershipFigure(q Query, quiet bool) (Figure, error) {
	// The latest membership of the year that holds the figure, and the
	// latest of them known on the query's day.
	var now, then *Membership
	var later Date
	ms := d.idx.memberships[q.Subject]
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.Date.Year != q.Period.From || !membershipCount(m, q.Name).Set {
			continue
		}
		if now == nil {
			now = m
		}
		if !q.On.IsZero() && q.On.Before(m.Date) {
			later = m.Date
			continue
		}
		then = m
		break
	}
	switch {
	case then != nil:
		c := membershipCount(then, q.Name)
		return Figure{Query: q, Kind: KindCount, Count: c, Approx: c.Approx, AsOf: then.Date, Since: then.Date,
			Latest: then == now, Source: then.Source, Pos: then.Pos}, nil
	case !later.IsZero():
		return failed(q, quiet, ErrNotYetKnown, later.String())
	}
	return failed(q, quiet, ErrNoFigure, "")
}

// membershipCount is the count of figure name (members or units) a
// membership holds.
func membershipCount(m *Membership, name string) Count {
	if name == NameUnits {
		return m.Units
	}
	return m.Members
}

func (d *Data) referralFigure(q Query, quiet bool) (Figure, error) {
	fail := func(code ErrorCode, arg string) (Figure, error) { return failed(q, quiet, code, arg) }
	if !q.Period.IsYear() {
		return fail(ErrNoFigure, "")
	}
	y := q.Period.From
	rs := d.idx.referrals[q.Subject][y]
	if len(rs) == 0 {
		return fail(ErrNoFigure, "")
	}
	if !q.On.IsZero() && q.On.Before(EndOfYear(y)) {
		return fail(ErrNotYetKnown, EndOfYear(y).String())
	}
	pick := func(r *Referral) Count {
		if q.Name == NameReferred {
			return r.Referred
		}
		return r.Admitted
	}
	sum := func(get func(*Referral) Count) (Count, *Referral) {
		for _, r := range rs {
			if r.Cell == "" || r.Cell == d.Site.Root {
				return get(r), r
			}
		}
		parts := make([]Count, len(rs))
		for i, r := range rs {
			parts[i] = get(r)
		}
		return sumCounts(parts), nil
	}
	// A referral is a whole year's figure: one for each year, known once
	// the year is over.
	f := Figure{Query: q, Kind: KindCount, Since: EndOfYear(y), Latest: true}
	var from *Referral
	if q.Name == NameConversion {
		num, r := sum(func(r *Referral) Count { return r.Admitted })
		den, _ := sum(func(r *Referral) Count { return r.Referred })
		if den.Value == 0 {
			return fail(ErrNoFigure, "")
		}
		f.Kind = KindPercent
		f.Tenths = percentTenths(num.Value, den.Value)
		f.Approx = num.Approx
		if den.Approx != Exact {
			f.Approx = About
		}
		from = r
	} else {
		f.Count, from = sum(pick)
		f.Approx = f.Count.Approx
	}
	if from != nil {
		f.Source, f.Pos = from.Source, from.Pos
	} else {
		f.Sum = true
		f.Covered, f.Listed = len(rs), len(rs)
	}
	return f, nil
}

// lookup is a cell's count as known on day on (zero: as the data holds
// it now), from the timeline Load computed.
func (d *Data) lookup(c *Cell, p Period, name string, on Date) answer {
	return d.idx.timeline(d.idx.cellSeq[c.ID], p, name).at(on)
}

// ownAnswer is a cell's count for a period on day on from its own
// records (recs, in the order they became known): the latest known that
// holds the name. ok is false when none of them is known on the day: the
// count is then the sum over the cell's sub-cells. A zero on is now.
func ownAnswer(recs []*Admission, name string, on Date) (a answer, ok bool) {
	// No slice of the records known on the day is made, as this runs for
	// every cell, period and name at load.
	known := func(a *Admission) bool { return on.IsZero() || !on.Before(a.Since()) }
	var first *Admission
	for _, a := range recs {
		if known(a) {
			first = a
			break
		}
	}
	if first == nil {
		return answer{}, false
	}
	// The own record wins key by key: a record without the key means the
	// figure is not held, never that it is summed.
	for i := len(recs) - 1; i >= 0; i-- {
		a := recs[i]
		if !known(a) {
			continue
		}
		if a.Counts.Has(name) {
			return answer{own: a, since: numOf(a.Since())}, true
		}
	}
	return answer{since: numOf(first.Since())}, true
}

// openChildren yields the id and count (part) of each direct sub-cell of
// c open during p, in the order of ids.
func (d *Data) openChildren(c *Cell, p Period, part func(ch *Cell) answer) iter.Seq2[string, answer] {
	return func(yield func(string, answer) bool) {
		for _, ch := range d.idx.children[c.ID] {
			if openDuring(ch, p) && !yield(ch.ID, part(ch)) {
				return
			}
		}
	}
}

// sumChildren is the sum of the counts of a cell's sub-cells open during
// p (parts: each one's id and count) by the format's rules.
func sumChildren(p Period, name string, parts iter.Seq2[string, answer]) answer {
	var (
		counts  []Count
		missing []string
		listed  int
		since   dayNum
		asOf    Date
		dated   bool
	)
	for id, a := range parts {
		listed++
		// The sum holds from the last day one of its parts changed,
		// a part that has none counting too.
		since = max(since, a.since)
		if !a.found() {
			missing = append(missing, id)
			continue
		}
		f := a.figure(name)
		counts = append(counts, f.Count)
		day := f.AsOf
		if day.IsZero() {
			day = EndOfYear(p.To)
		} else {
			dated = true
		}
		if asOf.IsZero() || day.Before(asOf) {
			asOf = day
		}
	}
	if len(counts) == 0 {
		return answer{since: since}
	}
	sum := sumCounts(counts)
	f := &Figure{Kind: KindCount, Count: sum, Approx: sum.Approx, Since: since.date(), Sum: true, Covered: len(counts), Listed: listed, Missing: missing}
	if dated {
		// A sum is complete up to the earliest day one of its parts was
		// counted to.
		f.AsOf = asOf
	}
	return answer{fig: f, since: since}
}

// openDuring reports whether c has a day in period p.
func openDuring(c *Cell, p Period) bool {
	for y := p.From; y <= p.To; y++ {
		if c.OpenIn(y) {
			return true
		}
	}
	return false
}

// sumCounts adds counts, carrying approximation: exact parts keep the kind
// of the others; all over → over, all under → under; over with under, or
// any about → about.
func sumCounts(parts []Count) Count {
	var sum Count
	var over, under, about bool
	for _, c := range parts {
		if c.Value > math.MaxInt64-sum.Value {
			sum.Value = math.MaxInt64
		} else {
			sum.Value += c.Value
		}
		switch c.Approx {
		case Over:
			over = true
		case Under:
			under = true
		case About:
			about = true
		}
	}
	sum.Set = true
	switch {
	case about || over && under:
		sum.Approx = About
	case over:
		sum.Approx = Over
	case under:
		sum.Approx = Under
	}
	return sum
}

// percentTenths is num/den as a percentage in tenths, rounded half away
// from zero, computed with integers (num ≥ 0, den ≥ 1).
func percentTenths(num, den int64) int64 {
	if num <= math.MaxInt64/2000 && den <= math.MaxInt64/2 {
		return (num*2000 + den) / (2 * den)
	}
	n := new(big.Int).Mul(big.NewInt(num), big.NewInt(2000))
	n.Add(n, big.NewInt(den))
	n.Quo(n, new(big.Int).Mul(big.NewInt(den), big.NewInt(2)))
	if !n.IsInt64() {
		return math.MaxInt64
	}
	return n.Int64()
}

// sinceAfter is the first day after on from which the count (of period
// p) has a figure.
func (t timeline) sinceAfter(p Period, on Date) Date {
	after := numOf(on)
	for _, e := range t {
		if after < e.day && e.a.found() {
			return e.day.date()
		}
	}
	return EndOfYear(p.To)
}

// computeCounts makes the timeline of every cell's count of every
// period and count name, sub-cells first so that a sum reads its parts'
// timelines. Rows are independent (a sum reads only its own row), so
// they are made on every core.
func (d *Data) computeCounts() {
	ix := &d.idx
	ix.counts = make([]*countRow, len(ix.periods)*len(AdmissionCounts))
	ix.periodSeq = make(map[Period]int, len(ix.periods))
	for i, p := range ix.periods {
		ix.periodSeq[p] = i
	}
	ix.cellSeq = make(map[string]int, len(d.Cells))
	for i, c := range d.Cells {
		ix.cellSeq[c.ID] = i
	}
	root := d.Root()
	if root == nil {
		return
	}
	// Only the names some record of the period holds can have a figure.
	held := map[Period]map[string]bool{}
	for _, a := range d.Admissions {
		if held[a.Period] == nil {
			held[a.Period] = map[string]bool{}
		}
		for _, c := range a.Counts {
			held[a.Period][c.Name] = true
		}
	}
	// The tree by cellSeq, and each period's own records and open
	// cells, are made once for the rows of every name: looked up by id
	// for each row, they took half its time.
	kids := make([][]int, len(d.Cells))
	for id, chs := range ix.children {
		seq, ok := ix.cellSeq[id]
		if !ok {
			continue
		}
		for _, ch := range chs {
			kids[seq] = append(kids[seq], ix.cellSeq[ch.ID])
		}
	}
	cellsOf := make([]periodCells, len(ix.periods))
	for pi, p := range ix.periods {
		pc := periodCells{p: p, own: make([][]*Admission, len(d.Cells)), open: make([]bool, len(d.Cells))}
		for seq, c := range d.Cells {
			pc.own[seq] = ix.admissions[c.ID][p]
			pc.open[seq] = openDuring(c, p)
		}
		cellsOf[pi] = pc
	}
	type job struct {
		at   int // in ix.counts
		pc   *periodCells
		name string
	}
	var jobs []job
	for pi, p := range ix.periods {
		for ni, name := range AdmissionCounts {
			if held[p][name] {
				jobs = append(jobs, job{pi*len(AdmissionCounts) + ni, &cellsOf[pi], name})
			}
		}
	}
	rootSeq := ix.cellSeq[root.ID]
	par.Each(len(jobs), func(i int) {
		j := jobs[i]
		row := make([]timeline, len(d.Cells))
		var days []dayNum // reused: one cell's at a time
		var walk func(seq int)
		walk = func(seq int) {
			for _, k := range kids[seq] {
				walk(k)
			}
			row[seq], days = d.timelineOf(j.pc, kids[seq], seq, j.name, row, days[:0])
		}
		walk(rootSeq)
		ix.counts[j.at] = rowOf(row)
	})
}

// periodCells is what the rows of a period read of each cell, by
// cellSeq: its own records of the period, and whether it is open in it.
type periodCells struct {
	p    Period
	own  [][]*Admission
	open []bool
}

// timelineOf makes the timeline of a count of cell seq, whose direct
// sub-cells (kids) have theirs in row already. The answer changes only
// on a day one of the cell's own records was counted to or, before the
// first of them, on a day one of its sub-cells' answers changed: those
// are the days it is computed on. days is room for them, handed back to
// be used again.
func (d *Data) timelineOf(pc *periodCells, kids []int, seq int, name string, row []timeline, days []dayNum) (timeline, []dayNum) {
	recs := pc.own[seq]
	var firstOwn dayNum // none: no record of its own
	if len(recs) > 0 {
		firstOwn = numOf(recs[0].Since()) // the records are in the order they became known
	}
	for _, k := range kids {
		if !pc.open[k] {
			continue
		}
		for _, e := range row[k] {
			if firstOwn == 0 || e.day < firstOwn {
				days = append(days, e.day)
			}
		}
	}
	for _, r := range recs {
		days = append(days, numOf(r.Since()))
	}
	slices.Sort(days)
	days = slices.Compact(days)
	var t timeline
	for _, day := range days {
		on := day.date()
		a, ok := ownAnswer(recs, name, on)
		if !ok {
			a = sumChildren(pc.p, name, func(yield func(string, answer) bool) {
				for _, k := range kids {
					if pc.open[k] && !yield(d.Cells[k].ID, row[k].at(on)) {
						return
					}
				}
			})
		}
		if n := len(t); n > 0 && a.fig == nil && t[n-1].a.fig == nil && a.own == t[n-1].a.own && a.since == t[n-1].a.since {
			continue // the same record, still the latest that holds the name
		}
		t = append(t, stamped{day, a})
	}
	return slices.Clip(t), days
}
