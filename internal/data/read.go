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
	keepRead(rd, l, l.cells[m.cells:])
	keepRead(rd, l, l.admissions[m.admissions:])
	keepRead(rd, l, l.memberships[m.memberships:])
	keepRead(rd, l, l.targets[m.targets:])
	keepRead(rd, l, l.referrers[m.referrers:])
	keepRead(rd, l, l.referrals[m.referrals:])
	return rd
}

// keepRead adds to rd copies of records as l read them, with where each
// was written.
func keepRead[T any](rd *read, l *loader, records []*T) {
	for _, v := range records {
		r := *l.recs[v]
		r.l = nil
		rd.records = append(rd.records, readRecord{clone(v), &r})
	}
}

// replay reads rd into l: copies of its records, as readFile read them.
// A copy's slices are shared: nothing changes them once read.
func (l *loader) replay(rd *read) {
	for _, x := range rd.records {
		r := *x.r
		r.l = l
		switch v := x.v.(type) {
		case *Cell:
			replayed(l, &l.cells, v, &r)
		case *Admission:
			replayed(l, &l.admissions, v, &r)
		case *Membership:
			replayed(l, &l.memberships, v, &r)
		case *Target:
			replayed(l, &l.targets, v, &r)
		case *Referrer:
			replayed(l, &l.referrers, v, &r)
		case *Referral:
			replayed(l, &l.referrals, v, &r)
		}
	}
}

// replayed adds to records, and to l, a copy of v written where r says.
func replayed[T any](l *loader, records *[]*T, v *T, r *rec) {
	c := clone(v)
	*records = append(*records, c)
	l.recs[c] = r
}

func clone[T any](v *T) *T {
	c := *v
	return &c
}
