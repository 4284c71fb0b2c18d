package data

import (
	"cmp"
	"slices"
	"strings"
)

// validate applies the rules that span records and files, then builds the
// model: whole when no error was found, else what the errors leave.
func (l *loader) validate() *Data {
	if len(l.sites) == 0 && !l.unreadable && !l.siteArray && !l.maybeSite {
		l.fileProblem("data", 0, 0, t("data.site.missing"), t("data.help.site.missing"))
	}
	cells := byID(l, l.cells, func(c *Cell) string { return c.ID }, func(c *Cell) Pos { return c.Pos }, "data.dup.cell")
	referrers := byID(l, l.referrers, func(r *Referrer) string { return r.ID }, func(r *Referrer) Pos { return r.Pos }, "data.dup.referrer")
	root := ""
	if l.site != nil {
		root = l.site.Root
	}
	l.checkTree(cells, root)
	l.checkAdmissions(cells)
	l.checkMemberships(cells)
	l.checkTargets(cells)
	l.checkReferrals(cells, referrers, root)
	site := l.site
	if site == nil {
		// No [site] (an error): nothing is built, but the articles are
		// still checked, in the language a site has when it names none,
		// and none of their figures.
		site = &Site{Format: 1, Language: "vi"}
		l.taint.all = true
	}
	d := &Data{
		Site:        *site,
		Cells:       l.cells,
		Admissions:  l.admissions,
		Memberships: l.memberships,
		Targets:     l.targets,
		Referrers:   l.referrers,
		Referrals:   l.referrals,
	}
	if d.Site.Publisher == "" {
		if c := cells[root]; c != nil {
			d.Site.Publisher = c.Name
		}
	}
	d.sort()
	if l.probs.hasErrors() {
		l.keepWhole(d, root)
		d.buildIndex()
		// A record without a source is one whatever the errors are; the
		// other warnings compare records, some of them left out, and
		// wait until the errors are fixed.
		l.warnSources(d)
		return d
	}
	d.buildIndex()
	l.warn(d)
	return d
}

func (ps problems) hasErrors() bool {
	for _, p := range ps {
		if !p.warning {
			return true
		}
	}
	return false
}

// refError reports a reference (key) to an id that is not among known,
// suggesting a close one.
func (l *loader) refError(r *rec, key, what, id string, known func() []string) {
	// One mistyped id is often repeated in many records: look for the
	// close one once.
	c, seen := l.suggested[what+"\x00"+id]
	if !seen {
		c = closest(id, known())
		l.suggested[what+"\x00"+id] = c
	}
	if c != "" {
		r.err(key, t("data.ref.unknown."+what, id), t("data.help.didyoumean", c))
	} else {
		r.err(key, t("data.ref.unknown."+what, id), t("data.help.ref.unknown."+what))
	}
}

// byID indexes records by id; a second record with an id already seen
// is an error naming the first (msgKey), and is left out of the index.
func byID[T any](l *loader, records []T, id func(T) string, pos func(T) Pos, msgKey string) map[string]T {
	out := map[string]T{}
	for _, r := range records {
		key := id(r)
		if key == "" {
			continue
		}
		if first, dup := out[key]; dup {
			l.recs[r].err("id", t(msgKey, key, pos(first).String()), t("data.help.dup.id"))
			continue
		}
		out[key] = r
	}
	return out
}

func (l *loader) checkTree(cells map[string]*Cell, root string) {
	ids := sortedKeys(cells)
	idList := func() []string { return ids }
	if root != "" && cells[root] == nil && !l.mayDefine(root) && len(l.sites) == 1 {
		l.refError(l.sites[0], "root", "root", root, idList)
	}
	for _, id := range ids {
		c := cells[id]
		r := l.recs[c]
		switch {
		case id == root && c.Parent != "":
			r.err("parent", t("data.tree.root.parent", id), t("data.help.tree.root.parent"))
		case id == root:
		case c.Parent == "" && cells[root] != nil:
			r.errAt(r.header(), t("data.tree.noparent", id), t("data.help.tree.noparent", root))
		case c.Parent == "":
		case c.Parent == id:
			r.err("parent", t("data.tree.self", id), t("data.help.tree.cycle"))
		case cells[c.Parent] == nil:
			if !l.mayDefine(c.Parent) {
				l.refError(r, "parent", "parent", c.Parent, idList)
			}
		}
		if c.Successor != "" {
			if c.Successor == id {
				r.err("successor", t("data.successor.self", id), t("data.help.successor.self"))
			} else if cells[c.Successor] == nil && !l.mayDefine(c.Successor) {
				l.refError(r, "successor", "cell", c.Successor, idList)
			}
		}
	}
	// Cycles: follow parents from each cell; a walk that comes back to a
	// cell of its own path has found a cycle, reported once, at the cell
	// of the cycle that sorts first.
	state := map[string]int{} // 1: on the current path, 2: done
	for _, id := range ids {
		var path []string
		cur := id
		for cur != "" && state[cur] == 0 {
			state[cur] = 1
			path = append(path, cur)
			c := cells[cur]
			if c == nil || c.Parent == cur {
				break
			}
			cur = c.Parent
		}
		if cur != "" && state[cur] == 1 && cells[cur] != nil && cells[cur].Parent != cur {
			i := slices.Index(path, cur)
			cycle := slices.Clone(path[i:])
			first := slices.Min(cycle)
			k := slices.Index(cycle, first)
			cycle = append(cycle[k:], cycle[:k]...)
			c := cells[first]
			l.recs[c].err("parent", t("data.tree.cycle", strings.Join(append(cycle, first), " → ")), t("data.help.tree.cycle"))
		}
		for _, p := range path {
			state[p] = 2
		}
	}
}

// cellRef checks the `cell` key of a record: the cell exists and is open
// in period p (a zero p is not checked).
func (l *loader) cellRef(r *rec, id string, cells map[string]*Cell, p Period, periodKey string) *Cell {
	if id == "" {
		return nil
	}
	c := cells[id]
	if c == nil {
		if !l.mayDefine(id) {
			l.refError(r, "cell", "cell", id, func() []string { return sortedKeys(cells) })
		}
		return nil
	}
	if p.From == 0 {
		return c
	}
	for y := p.From; y <= p.To; y++ {
		if c.OpenIn(y) {
			return c
		}
	}
	r.err(periodKey, t("data.cell.notopen", id, p.String(), openText(c)), t("data.help.cell.notopen"))
	return c
}

// openText is a cell's [founded, closed] as the keeper wrote it.
func openText(c *Cell) string {
	from, to := "…", "…"
	if !c.Founded.IsZero() {
		from = c.Founded.String()
	}
	if !c.Closed.IsZero() {
		to = c.Closed.String()
	}
	return from + " – " + to
}

func periodKey(r *rec) string {
	if r.has("year") {
		return "year"
	}
	return "from"
}

func (l *loader) checkAdmissions(cells map[string]*Cell) {
	type key struct {
		cell string
		p    Period
		asOf Date // zero for a complete record
	}
	seen := map[key]*Admission{}
	for _, a := range l.admissions {
		r := l.recs[a]
		c := l.cellRef(r, a.Cell, cells, a.Period, periodKey(r))
		a.complete = a.AsOf.IsZero() || c != nil && closedBy(c, a.Period, a.AsOf)
		if a.Cell == "" || a.Period.From == 0 {
			continue
		}
		k := key{a.Cell, a.Period, a.counted()}
		if first, dup := seen[k]; dup {
			help := t("data.help.dup.admission")
			if a.complete && !a.AsOf.IsZero() || first.complete && !first.AsOf.IsZero() {
				help = t("data.help.dup.closed", c.Closed.String())
			}
			r.errAt(r.header(), t("data.dup.record", first.Pos.String()), help)
			continue
		}
		seen[k] = a
	}
}

// closedBy reports whether a record of cell c for period p counted to
// day asOf is complete because the cell had closed by then, within the
// period: nothing more was to come.
func closedBy(c *Cell, p Period, asOf Date) bool {
	return !c.Closed.IsZero() && p.From <= c.Closed.Year && c.Closed.Year <= p.To && !asOf.Before(c.Closed)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func (l *loader) checkMemberships(cells map[string]*Cell) {
	type key struct {
		cell string
		date Date
	}
	seen := map[key]*Membership{}
	for _, m := range l.memberships {
		r := l.recs[m]
		c := l.cellRef(r, m.Cell, cells, Period{}, "")
		if c != nil && !m.Date.IsZero() &&
			(!c.Founded.IsZero() && m.Date.Before(c.Founded) || !c.Closed.IsZero() && c.Closed.Before(m.Date)) {
			r.err("date", t("data.cell.notopen", c.ID, m.Date.String(), openText(c)), t("data.help.cell.notopen"))
		}
		if m.Cell == "" || m.Date.IsZero() {
			continue
		}
		k := key{m.Cell, m.Date}
		if first, dup := seen[k]; dup {
			r.errAt(r.header(), t("data.dup.record", first.Pos.String()), t("data.help.dup.membership"))
			continue
		}
		seen[k] = m
	}
}

func (l *loader) checkTargets(cells map[string]*Cell) {
	type key struct {
		cell string
		year int
		term bool
	}
	seen := map[key]*Target{}
	for _, tg := range l.targets {
		r := l.recs[tg]
		l.cellRef(r, tg.Cell, cells, tg.Period, periodKey(r))
		if tg.Cell == "" || tg.Period.From == 0 {
			continue
		}
		term := r.has("from")
		for y := tg.Period.From; y <= tg.Period.To; y++ {
			k := key{tg.Cell, y, term}
			if first, dup := seen[k]; dup {
				r.errAt(r.header(), t("data.dup.target", y, first.Pos.String()), t("data.help.dup.target"))
				break
			}
		}
		for y := tg.Period.From; y <= tg.Period.To; y++ {
			if _, dup := seen[key{tg.Cell, y, term}]; !dup {
				seen[key{tg.Cell, y, term}] = tg
			}
		}
	}
}

func (l *loader) checkReferrals(cells map[string]*Cell, referrers map[string]*Referrer, root string) {
	type key struct {
		referrer, cell string
		year           int
	}
	seen := map[key]*Referral{}
	for _, rf := range l.referrals {
		r := l.recs[rf]
		if rf.Referrer != "" && referrers[rf.Referrer] == nil && !l.mayDefine(rf.Referrer) {
			l.refError(r, "referrer", "referrer", rf.Referrer, func() []string { return sortedKeys(referrers) })
		}
		p := Period{}
		if rf.Year != 0 {
			p = Year(rf.Year)
		}
		l.cellRef(r, rf.Cell, cells, p, "year")
		if rf.Referrer == "" || rf.Year == 0 {
			continue
		}
		cell := rf.Cell
		if cell == "" {
			cell = root
		}
		k := key{rf.Referrer, cell, rf.Year}
		if first, dup := seen[k]; dup {
			r.errAt(r.header(), t("data.dup.record", first.Pos.String()), t("data.help.dup.referral"))
			continue
		}
		seen[k] = rf
	}
}

// sort puts the records in the canonical order, so that the split into
// files never shows.
func (d *Data) sort() {
	byPos := func(a, b Pos) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	}
	slices.SortStableFunc(d.Cells, func(a, b *Cell) int { return cmp.Or(cmp.Compare(a.ID, b.ID), byPos(a.Pos, b.Pos)) })
	slices.SortStableFunc(d.Admissions, func(a, b *Admission) int {
		return cmp.Or(cmp.Compare(a.Cell, b.Cell), cmp.Compare(a.Period.From, b.Period.From),
			cmp.Compare(a.Period.To, b.Period.To), a.Since().Compare(b.Since()),
			// On the same day the whole year's record comes last, so it is
			// the latest whatever file each record is in.
			cmpBool(a.complete, b.complete), byPos(a.Pos, b.Pos))
	})
	slices.SortStableFunc(d.Memberships, func(a, b *Membership) int {
		return cmp.Or(cmp.Compare(a.Cell, b.Cell), a.Date.Compare(b.Date), byPos(a.Pos, b.Pos))
	})
	slices.SortStableFunc(d.Targets, func(a, b *Target) int {
		return cmp.Or(cmp.Compare(a.Cell, b.Cell), cmp.Compare(a.Period.From, b.Period.From),
			cmp.Compare(a.Period.To, b.Period.To), byPos(a.Pos, b.Pos))
	})
	slices.SortStableFunc(d.Referrers, func(a, b *Referrer) int { return cmp.Or(cmp.Compare(a.ID, b.ID), byPos(a.Pos, b.Pos)) })
	slices.SortStableFunc(d.Referrals, func(a, b *Referral) int {
		return cmp.Or(cmp.Compare(a.Referrer, b.Referrer), cmp.Compare(a.Year, b.Year),
			cmp.Compare(a.Cell, b.Cell), byPos(a.Pos, b.Pos))
	})
}
