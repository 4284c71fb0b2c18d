package data

// History returns every count of the figure q asks for that a reader may
// have seen, oldest first: the answer as known on each day one of the
// subject's own records was counted to, and last the figure as the data
// holds it now (Latest). q.On is not read. A figure that has one answer
// only (a target, a referral, a sum over sub-cells) has a history of
// one; nil when the data holds no figure.
//
// A cell's page shows the whole history, so that a figure an article
// cited before a later count replaced it stays where its link leads
// ("đến 15/11/2023: 176 · cả năm: 205").
func (d *Data) History(q Query) []Figure {
	q.On = Date{}
	latest, err := d.figure(q, true)
	if err != nil {
		return nil
	}
	var days []Date
	switch n, _ := LookupName(q.Name); {
	case n.Record == "admission" || q.Name == NameAchieved:
		name := q.Name
		if name == NameAchieved {
			name = NameAdmitted
		}
		for _, a := range d.idx.admissions[q.Subject][q.Period] {
			if a.Counts.Has(name) {
				days = append(days, a.Since())
			}
		}
	case n.Record == "membership":
		for _, m := range d.idx.memberships[q.Subject] {
			if m.Date.Year == q.Period.From && membershipCount(m, q.Name).Set {
				days = append(days, m.Date)
			}
		}
	}
	var out []Figure
	for _, day := range days {
		q.On = day
		f, err := d.figure(q, true)
		if err != nil || f.Latest {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Since == f.Since {
			continue
		}
		out = append(out, f)
	}
	return append(out, latest)
}
