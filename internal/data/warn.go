package data

import (
	"strconv"

	"sitegen/internal/par"
)

// The warnings of check: nothing in them breaks the format, but each is
// a likely mistake a keeper wants to look at before publishing.

// warn runs every warning on checked, indexed data.
func (l *loader) warn(d *Data) {
	l.warnSources(d)
	l.warnSums(d)
	l.warnTargets(d)
	l.warnJumps(d)
}

// warnSources warns of a record that does not say where its figures
// were published: a journalist cannot cite them, and the pages say so.
func (l *loader) warnSources(d *Data) {
	for _, a := range d.Admissions {
		l.warnSource(a, a.Source)
	}
	for _, m := range d.Memberships {
		l.warnSource(m, m.Source)
	}
	for _, tg := range d.Targets {
		l.warnSource(tg, tg.Source)
	}
	for _, r := range d.Referrals {
		l.warnSource(r, r.Source)
	}
}

func (l *loader) warnSource(record any, source string) {
	if source != "" {
		return
	}
	r := l.recs[record]
	r.l.probs.add(problem{pos: r.header(), warning: true, record: r.what(), msg: t("data.warn.source"), help: t("data.help.warn.source")})
}

// plausible multiples: a count more than targetTimes its target's upper
// end, or more than jumpTimes the year before and larger by more than
// jumpBy, is most likely mistyped (a digit twice, a total for a part).
const (
	targetTimes = 3
	jumpTimes   = 5
	jumpBy      = 50
)

// warnTargets warns of an admitted count far above its year's target.
func (l *loader) warnTargets(d *Data) {
	l.eachWarned(len(d.Admissions), func(i int, add func(problem)) {
		a := d.Admissions[i]
		adm, ok := a.Counts.Get(NameAdmitted)
		if !ok || !a.Period.IsYear() {
			return
		}
		tg := d.TargetFor(a.Cell, a.Period.From)
		if tg == nil || adm.Value <= targetTimes*tg.Max {
			return
		}
		r := l.recs[a]
		add(problem{pos: r.at(NameAdmitted), warning: true, record: r.what(),
			msg:  t("data.warn.target", NameAdmitted, adm.Value, targetTimes, tg.Max, tg.Pos.String()),
			help: t("data.help.warn.mistyped", NameAdmitted)})
	})
}

// warnJumps warns of a count of a record more than jumpTimes the same
// figure of the year before.
func (l *loader) warnJumps(d *Data) {
	jump := func(add func(problem), record any, key string, c Count, prev int64, prevYear int) {
		if prev < 0 || c.Value <= jumpTimes*prev || c.Value-prev <= jumpBy {
			return
		}
		r := l.recs[record]
		add(problem{pos: r.at(key), warning: true, record: r.what(),
			msg:  t("data.warn.jump", key, c.Value, jumpTimes, prev, prevYear),
			help: t("data.help.warn.mistyped", key)})
	}
	// Each record asks the data for the year before: on every core.
	l.eachWarned(len(d.Admissions), func(i int, add func(problem)) {
		a := d.Admissions[i]
		if !a.Period.IsYear() {
			return
		}
		y := a.Period.From
		for _, c := range a.Counts {
			jump(add, a, c.Name, c.Count, d.previous(c.Name, a.Cell, y), y-1)
		}
	})
	l.eachWarned(len(d.Memberships), func(i int, add func(problem)) {
		m := d.Memberships[i]
		y := m.Date.Year
		for _, name := range []string{NameMembers, NameUnits} {
			if c := membershipCount(m, name); c.Set {
				jump(add, m, name, c, d.previous(name, m.Cell, y), y-1)
			}
		}
	})
	for _, rf := range d.Referrals {
		prev := map[string]int64{"referred": -1, "admitted": -1}
		for _, x := range d.idx.referrals[rf.Referrer][rf.Year-1] {
			if x.Cell == rf.Cell {
				prev["referred"], prev["admitted"] = x.Referred.Value, x.Admitted.Value
			}
		}
		jump(l.probs.add, rf, "referred", rf.Referred, prev["referred"], rf.Year-1)
		jump(l.probs.add, rf, "admitted", rf.Admitted, prev["admitted"], rf.Year-1)
	}
}

// eachWarned runs warn for every i in [0, n) on every core; the problems
// it adds come out in the order of i, as from a serial run.
func (l *loader) eachWarned(n int, warn func(i int, add func(problem))) {
	found := make([][]problem, n)
	par.Each(n, func(i int) { warn(i, func(p problem) { found[i] = append(found[i], p) }) })
	for _, ps := range found {
		l.probs = append(l.probs, ps...)
	}
}

// previous is a cell's figure name for year y-1 as the data holds it
// now; -1 when there is none.
func (d *Data) previous(name, cell string, y int) int64 {
	f, err := d.figure(Query{Name: name, Subject: cell, Period: Year(y - 1)}, true)
	if err != nil || f.Partial() {
		// A sum of some sub-cells is no measure of the whole.
		return -1
	}
	return f.Count.Value
}

// warnSums warns where a cell's own count is smaller than the sum of its
// sub-cells' counts: one of the two is likely mistyped. A larger own
// figure is normal (a published total may count cells not listed).
func (l *loader) warnSums(d *Data) {
	l.eachWarned(len(d.Cells), func(i int, add func(problem)) {
		c := d.Cells[i]
		if len(d.idx.children[c.ID]) == 0 {
			return
		}
		for _, p := range d.idx.periods {
			own := d.idx.admissions[c.ID][p]
			if len(own) == 0 {
				continue
			}
			for _, name := range AdmissionCounts {
				var rec *Admission
				for i := len(own) - 1; i >= 0 && rec == nil; i-- {
					if own[i].Counts.Has(name) {
						rec = own[i]
					}
				}
				if rec == nil {
					continue
				}
				mine, _ := rec.Counts.Get(name)
				s := sumChildren(p, name, d.openChildren(c, p, func(ch *Cell) answer { return d.lookup(ch, p, name, Date{}) }))
				if s.fig == nil {
					continue
				}
				sum := s.fig.Count
				if mine.Value < sum.Value && (mine.Approx == Exact || mine.Approx == Under) && (sum.Approx == Exact || sum.Approx == Over) {
					r := l.recs[rec]
					add(problem{pos: r.at(name), warning: true, record: r.what(),
						msg:  t("data.warn.sum", name, mine.Value, sum.Value, strconv.Itoa(s.fig.Covered)),
						help: t("data.help.warn.sum", name)})
				}
			}
		}
	})
}
