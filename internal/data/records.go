package data

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"sitegen/internal/i18n"
)

// The keys each record may hold, in the format's order.
var (
	siteKeys       = []string{"title", "root", "format", "language", "base_url", "description", "publisher"}
	cellKeys       = []string{"id", "name", "kind", "parent", "enterprise", "ownership", "founded", "closed", "successor", "former_names"}
	admissionKeys  = append([]string{"cell", "year", "from", "to"}, append(AdmissionCounts[:len(AdmissionCounts):len(AdmissionCounts)], "as_of", "source")...)
	membershipKeys = []string{"cell", "date", "members", "units", "source"}
	targetKeys     = []string{"cell", "year", "from", "to", "min", "max", "source"}
	referrerKeys   = []string{"id", "name", "kind"}
	referralKeys   = []string{"referrer", "cell", "year", "referred", "admitted", "source"}

	// keyWords are the Vietnamese words a keeper may write for a key or
	// a table of the format, in their id form (see suggestID), and the
	// key or table they stand for (several: see EnglishKey).
	keyWords = map[string]string{
		"ket-nap": "admitted", "so-ket-nap": "admitted", "so-luong": "referred admitted", "chinh-thuc": "confirmed",
		"nam": "year", "tu-nam": "from", "den-nam": "to", "tu": "from", "den": "to",
		"don-vi": "cell", "chi-bo": "cell", "dang-bo": "cell", "to-chuc": "cell", "to-chuc-dang": "cell",
		"chi-tieu": "target", "toi-thieu": "min", "toi-da": "max",
		"nguon": "source", "nu": "women", "doan-vien": "youth_union", "dan-toc": "ethnic_minority",
		"dan-toc-thieu-so": "ethnic_minority", "ton-giao": "religious", "duoi-30": "under_30",
		"duoi-30-tuoi": "under_30", "cong-nhan": "workers", "chu-doanh-nghiep": "owners",
		"tinh-den": "as_of", "ngay": "date", "dang-vien": "members", "so-dang-vien": "members",
		"ten": "name", "loai": "kind", "cap-tren": "parent", "truc-thuoc": "parent",
		"thanh-lap": "founded", "ngay-thanh-lap": "founded", "giai-the": "closed", "ngay-giai-the": "closed",
		"ke-tuc": "successor", "ten-cu": "former_names", "doanh-nghiep": "enterprise", "so-huu": "ownership",
		"tieu-de": "title", "ngon-ngu": "language", "goc": "root", "mo-ta": "description",
		"dia-chi": "base_url", "gioi-thieu": "referred", "noi-gioi-thieu": "referrer",
	}

	cellKinds      = []string{"khoi", "dang-bo-co-so", "chi-bo-co-so", "dang-bo-bo-phan", "chi-bo-truc-thuoc"}
	ownerships     = []string{"nha-nuoc", "co-phan", "fdi", "tu-nhan", "hop-tac-xa", "khac"}
	referrerKinds  = []string{"youth-union", "trade-union", "other"}
	languages      = i18n.Names()
	currentFormat  = int64(1)
	admissionParts = AdmissionCounts[2:]
)

func (l *loader) readSite(r *rec) {
	r.label = "site"
	l.sites = append(l.sites, r)
	if len(l.sites) > 1 {
		first := l.sites[0].header()
		r.errAt(r.header(), t("data.site.twice", first.String()), t("data.help.site.twice"))
		return
	}
	r.known(siteKeys)
	s := &Site{Format: 1, Language: "vi", Pos: r.header()}
	s.Title = r.str("title", true)
	s.Root = r.id("root", true)
	if n, ok := r.integer("format", false); ok {
		switch {
		case n > currentFormat:
			r.err("format", t("data.format.newer", n), t("data.help.format.newer", currentFormat))
		case n < 1:
			r.err("format", t("data.format.bad", n), t("data.help.format.bad"))
		default:
			s.Format = int(n)
		}
	}
	if lang := r.enum("language", false, languages); lang != "" {
		s.Language = lang
	}
	s.BaseURL = r.str("base_url", false)
	if s.BaseURL != "" {
		// The address becomes links in pages, the feed and the sitemap:
		// only the web's own schemes, so that no push can make a reader's
		// click run "javascript:" or open "file:".
		switch u, err := url.Parse(s.BaseURL); {
		case err != nil || !u.IsAbs() || u.Host == "":
			r.err("base_url", t("data.baseurl.bad", s.BaseURL), t("data.help.baseurl"))
		case u.Scheme != "http" && u.Scheme != "https":
			r.err("base_url", t("data.baseurl.scheme", s.BaseURL, u.Scheme), t("data.help.baseurl"))
		}
	}
	s.Description = r.str("description", false)
	s.Publisher = r.str("publisher", false)
	l.site = s
}

func (l *loader) readRecord(kind string, r *rec) {
	switch kind {
	case "cell":
		l.readCell(r)
	case "admission":
		l.readAdmission(r)
	case "membership":
		l.readMembership(r)
	case "target":
		l.readTarget(r)
	case "referrer":
		l.readReferrer(r)
	case "referral":
		l.readReferral(r)
	}
}

// label names a record the way it is written, by the keys that tell it
// apart: `admission cell="pxsx" year=2022`.
func label(kind string, r *rec, keys ...string) string {
	s := kind
	for _, k := range keys {
		switch v := r.m[k].(type) {
		case string:
			s += " " + k + "=" + strconv.Quote(r.rawString(k))
		case int64:
			s += fmt.Sprintf(" %s=%d", k, v)
		case nil:
		default:
			if d := r.dateQuiet(k); !d.IsZero() {
				s += " " + k + "=" + d.String()
			}
		}
	}
	return s
}

// named reads what a cell and a referrer both are: an id, a name and a
// kind of those kinds allows.
func (r *rec) named(what string, keys, kinds []string) (id, name, kind string) {
	r.setLabel(what, "id")
	r.known(keys)
	return r.id("id", true), r.str("name", true), r.enum("kind", true, kinds)
}

func (l *loader) readCell(r *rec) {
	c := &Cell{Pos: r.header()}
	c.ID, c.Name, c.Kind = r.named("cell", cellKeys, cellKinds)
	c.Parent = r.id("parent", false)
	c.Enterprise = r.str("enterprise", false)
	c.Ownership = r.enum("ownership", false, ownerships)
	c.Founded = r.date("founded", false)
	c.Closed = r.date("closed", false)
	if !c.Founded.IsZero() && !c.Closed.IsZero() && c.Closed.Before(c.Founded) {
		r.err("closed", t("data.cell.closed.before", c.Closed.String(), c.Founded.String()), t("data.help.cell.closed.before"))
	}
	for _, k := range []string{"founded", "closed"} {
		if d := r.dateQuiet(k); !d.IsZero() && (d.Year < minYear || d.Year > maxYear) {
			r.err(k, t("data.year.range", k, int64(d.Year)), t("data.help.year.range", minYear, maxYear))
		}
	}
	c.Successor = r.id("successor", false)
	c.FormerNames = r.strings("former_names")
	l.cells = append(l.cells, c)
	l.recs[c] = r
}

func (l *loader) readAdmission(r *rec) {
	r.setLabel("admission", "cell", "year", "from", "to", "as_of")
	r.known(admissionKeys)
	a := &Admission{Pos: r.header()}
	a.Cell = r.id("cell", true)
	p, okPeriod := r.period()
	a.Period = p
	for _, k := range AdmissionCounts {
		if c := r.count(k, k == "admitted"); c.Set {
			a.Counts = append(a.Counts, NamedCount{k, c})
		}
	}
	a.Counts = slices.Clip(a.Counts)
	if adm, ok := a.Counts.Get("admitted"); ok {
		for _, k := range admissionParts {
			if c, ok := a.Counts.Get(k); ok && c.Value > adm.Value && adm.Approx != Over && adm.Approx != About {
				r.err(k, t("data.part.more", k, c.Value, adm.Value), t("data.help.part.more", k))
			}
		}
	}
	a.AsOf = r.date("as_of", false)
	if okPeriod && !a.AsOf.IsZero() && (a.AsOf.Year < p.From || a.AsOf.Year > p.To) {
		r.err("as_of", t("data.asof.outside", a.AsOf.String(), p.String()), t("data.help.asof.outside"))
	}
	a.Source = r.str("source", false)
	l.admissions = append(l.admissions, a)
	l.recs[a] = r
}

func (l *loader) readMembership(r *rec) {
	r.setLabel("membership", "cell", "date")
	r.known(membershipKeys)
	m := &Membership{Pos: r.header()}
	m.Cell = r.id("cell", true)
	m.Date = r.date("date", true)
	if !m.Date.IsZero() && (m.Date.Year < minYear || m.Date.Year > maxYear) {
		r.err("date", t("data.year.range", "date", int64(m.Date.Year)), t("data.help.year.range", minYear, maxYear))
	}
	m.Members = r.count("members", true)
	m.Units = r.count("units", false)
	m.Source = r.str("source", false)
	l.memberships = append(l.memberships, m)
	l.recs[m] = r
}

func (l *loader) readTarget(r *rec) {
	r.setLabel("target", "cell", "year", "from", "to")
	r.known(targetKeys)
	tg := &Target{Pos: r.header()}
	tg.Cell = r.id("cell", true)
	tg.Period, _ = r.period()
	min, okMin := r.integer("min", true)
	if okMin && min < 1 {
		r.err("min", t("data.target.min", min), t("data.help.target.min"))
		okMin = false
	}
	max, okMax := r.integer("max", false)
	if !r.has("max") {
		max, okMax = min, okMin
	}
	for _, k := range []struct {
		key string
		n   int64
		ok  *bool
	}{{"min", min, &okMin}, {"max", max, &okMax}} {
		if *k.ok && k.n > MaxCount && r.has(k.key) {
			r.err(k.key, t("data.count.large", k.key, k.n, MaxCount), t("data.help.count.large"))
			*k.ok = false
		}
	}
	if okMin && okMax && max < min {
		r.err("max", t("data.target.order", min, max), t("data.help.target.order"))
	}
	tg.Min, tg.Max = min, max
	tg.Source = r.str("source", false)
	l.targets = append(l.targets, tg)
	l.recs[tg] = r
}

func (l *loader) readReferrer(r *rec) {
	rf := &Referrer{Pos: r.header()}
	rf.ID, rf.Name, rf.Kind = r.named("referrer", referrerKeys, referrerKinds)
	l.referrers = append(l.referrers, rf)
	l.recs[rf] = r
}

func (l *loader) readReferral(r *rec) {
	r.setLabel("referral", "referrer", "cell", "year")
	r.known(referralKeys)
	rf := &Referral{Pos: r.header()}
	rf.Referrer = r.id("referrer", true)
	rf.Cell = r.id("cell", false)
	if y, ok := r.year("year", true); ok {
		rf.Year = y
	}
	rf.Referred = r.count("referred", true)
	rf.Admitted = r.count("admitted", true)
	if rf.Referred.Set && rf.Admitted.Set && rf.Admitted.Value > rf.Referred.Value &&
		rf.Referred.Approx != Over && rf.Referred.Approx != About {
		r.err("admitted", t("data.referral.more", rf.Admitted.Value, rf.Referred.Value), t("data.help.referral.more"))
	}
	rf.Source = r.str("source", false)
	l.referrals = append(l.referrals, rf)
	l.recs[rf] = r
}

// dateQuiet is the key's date when it is one, without any check.
func (r *rec) dateQuiet(key string) Date {
	if tm, ok := r.m[key].(time.Time); ok {
		return Date{tm.Year(), tm.Month(), tm.Day()}
	}
	return Date{}
}
