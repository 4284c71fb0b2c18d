package data

// read is what readFile made of a file that raised nothing, for the
// next load (LoadKept) while the file reads the same bytes: its records
// as they were read, before any check across files. Reading the records
// again is most of a load once the files are decoded, and a save in
// serve changes one file of many.
//
// The records are handed to each load as copies: a load's checks mark
// its records (a rec is broken; an admission is complete), and the Data
// of the load before may still be read, by a page made when asked.
type read struct {
	b       []byte
	records []readRecord // in the order read
}

// readRecord is one record of a read and where it was written.
type readRecord struct {
	v any // *Cell, *Admission, …
	r *rec
}

// mark is where a load is before a file is read into it.
type mark struct {
	cells, admissions, memberships, targets, referrers, referrals int
	probs, sites, maybe                                           int
	taintAll, siteArray, maybeSite, unreadable                    bool
}

func (l *loader) mark() mark {
	return mark{
		cells: len(l.cells), admissions: len(l.admissions), memberships: len(l.memberships),
		targets: len(l.targets), referrers: len(l.referrers), referrals: len(l.referrals),
		probs: len(l.probs), sites: len(l.sites), maybe: len(l.maybe),
		taintAll: l.taint.all, siteArray: l.siteArray, maybeSite: l.maybeSite, unreadable: l.unreadable,
	}
}

// since is the read of the file read into l since m, or nil when it
// raised a problem or did more than add records: such a file is read
// again by every load, as are [site] (a second one is an error that
// depends on the files before it) and a file the loader could not
// make sense of.
func (l *loader) since(m mark) *read {
	if len(l.probs) != m.probs || len(l.sites) != m.sites || len(l.maybe) != m.maybe ||
		l.taint.all != m.taintAll || l.siteArray != m.siteArray || l.maybeSite != m.maybeSite || l.unreadable != m.unreadable {
		return nil
	}
	rd := &read{}
	add := func(v any) {
		r := *l.recs[v]
		r.l = nil
		rd.records = append(rd.records, readRecord{copyRecord(v), &r})
	}
	for _, c := range l.cells[m.cells:] {
		add(c)
	}
	for _, a := range l.admissions[m.admissions:] {
		add(a)
	}
	for _, ms := range l.memberships[m.memberships:] {
		add(ms)
	}
	for _, tg := range l.targets[m.targets:] {
		add(tg)
	}
	for _, r := range l.referrers[m.referrers:] {
		add(r)
	}
	for _, r := range l.referrals[m.referrals:] {
		add(r)
	}
	return rd
}

// replay reads rd into l: copies of its records, as readFile read them.
func (l *loader) replay(rd *read) {
	for _, x := range rd.records {
		r := *x.r
		r.l = l
		v := copyRecord(x.v)
		switch v := v.(type) {
		case *Cell:
			l.cells = append(l.cells, v)
		case *Admission:
			l.admissions = append(l.admissions, v)
		case *Membership:
			l.memberships = append(l.memberships, v)
		case *Target:
			l.targets = append(l.targets, v)
		case *Referrer:
			l.referrers = append(l.referrers, v)
		case *Referral:
			l.referrals = append(l.referrals, v)
		}
		l.recs[v] = &r
	}
}

// copyRecord is a copy of a record. Its slices are shared: nothing
// changes them once read.
func copyRecord(v any) any {
	switch v := v.(type) {
	case *Cell:
		return clone(v)
	case *Admission:
		return clone(v)
	case *Membership:
		return clone(v)
	case *Target:
		return clone(v)
	case *Referrer:
		return clone(v)
	case *Referral:
		return clone(v)
	}
	panic("data: not a record")
}

func clone[T any](v *T) *T {
	c := *v
	return &c
}
