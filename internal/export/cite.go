package export

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/version"
)

// Citation is what a reader needs to cite a figure or a chart.
type Citation struct {
	Publisher string      // [site] publisher (the root cell's name by default)
	Title     string      // of the figure or chart, as its page titles it
	Period    data.Period // the year or period it is about; zero for none
	Value     string      // the figure as published, with its notes (data.Figure.Quote); "" for a chart
	URL       string      // its permanent link, see PermanentURL
	Version   version.Version
	// Sources are where the figures it covers were first published (the
	// records' source), each once; none for a sum over sub-cells.
	Sources []string
	// Site is the title of the site that publishes the figures.
	Site string
}

// Cite returns a ready citation in the language of loc, as plain text on
// one line (the page escapes it), with the day of access left as "…" for
// the reader's browser (or the reader) to fill in:
//
//	Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên”, năm 2017: trên 200. Nguồn: Báo Vĩnh Phúc, 02/02/2018. Đăng trên trang “Phát triển đảng viên”. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại https://example.vn/don-vi/khoi-dn/#admitted-2017
//
// The link comes last and without a full stop after it, so that copying
// it never takes a stray "." into the anchor. A link that is not absolute
// (a site without base_url) is said to be relative to the site's home
// page. A period already written in the title is not repeated.
func Cite(loc *i18n.Locale, c Citation) string {
	publisher, own, rest := CiteParts(loc, c)
	return joinNonEmpty(publisher, own, rest)
}

// CiteParts returns the three parts of Cite's text: the publisher, what
// is the figure's or chart's own (title, period, value, sources), and
// the rest (site, data version, access and link). A page that cites many
// figures sends the parts they share once.
func CiteParts(loc *i18n.Locale, c Citation) (publisher, own, rest string) {
	if p := oneLine(c.Publisher); p != "" {
		publisher = sentence(p)
	}
	title := oneLine(c.Title)
	what := "“" + title + "”"
	if title == "" {
		what = ""
	}
	if c.Period != (data.Period{}) {
		if p := periodText(loc, c.Period); !strings.Contains(title, periodDigits(c.Period)) {
			what = join(what, ", ", p)
		}
	}
	if v := oneLine(c.Value); v != "" {
		what = join(what, ": ", v)
	}
	var owns []string
	if what != "" {
		owns = append(owns, sentence(what))
	}
	if s := sourcesText(loc, c.Sources); s != "" {
		owns = append(owns, sentence(s))
	}
	own = strings.Join(owns, " ")
	var parts []string
	if s := oneLine(c.Site); s != "" {
		parts = append(parts, sentence(loc.T("cite.site", s)))
	}
	if !c.Version.IsZero() {
		parts = append(parts, sentence(VersionText(loc, c.Version)))
	}
	parts = append(parts, accessed(loc, c.URL))
	return publisher, own, strings.Join(parts, " ")
}

// CutAtDay cuts a citation of Cite (or the rest of CiteParts) where the
// day of access goes, the "…" of "Truy cập ngày …": before + day + after
// is the citation with that day. ok is false when text has no such place.
func CutAtDay(loc *i18n.Locale, text string) (before, after string, ok bool) {
	// The phrase of access is the catalogue's, and the day's place in it
	// is the catalogue's "…": looked for from the end, so that a "…" in a
	// title or a source is never taken for it.
	const link = "\x00"
	for _, phrase := range []string{loc.T("cite.accessed_at", link), loc.T("cite.accessed_relative", link), loc.T("cite.accessed")} {
		head, _, _ := strings.Cut(phrase, link)
		i := strings.LastIndex(text, head)
		if i < 0 {
			continue
		}
		if j := strings.Index(head, dayMark); j >= 0 {
			return text[:i+j], text[i+j+len(dayMark):], true
		}
	}
	return text, "", false
}

// dayMark is where the catalogue's phrases of access put the day.
const dayMark = "…"

// accessed is the end of a citation: the day of access, left as "…",
// and the link, said to be relative when it names no host.
func accessed(loc *i18n.Locale, u string) string {
	u = strings.TrimSpace(u)
	switch {
	case u == "":
		return loc.T("cite.accessed")
	case strings.Contains(u, "://"):
		return loc.T("cite.accessed_at", u)
	}
	return loc.T("cite.accessed_relative", u)
}

// sourcesText names where the figures were published: "Nguồn: Báo Vĩnh
// Phúc, 02/02/2018; …".
func sourcesText(loc *i18n.Locale, sources []string) string {
	var out []string
	for _, s := range sources {
		if s = oneLine(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return loc.T("cite.source", out[0])
	}
	return loc.T("cite.sources", strings.Join(out, "; "))
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// VersionText names the data version in the language of loc, as a
// citation, a download's description or a page's footer shows it:
// "Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026)", "Data version
// sha256:0f1e2d3c4b5a". A version of data not committed to git says so.
func VersionText(loc *i18n.Locale, v version.Version) string {
	id := v.ID
	switch {
	case !v.Date.IsZero():
		id += " (" + loc.Date(v.Date.Year(), v.Date.Month(), v.Date.Day()) + ")"
	case v.Dirty:
		id += " (" + loc.T("cite.uncommitted") + ")"
	}
	return loc.T("cite.version", id)
}

func periodText(loc *i18n.Locale, p data.Period) string {
	if p.IsYear() {
		return loc.T("cite.year", loc.Year(p.From))
	}
	return loc.T("cite.period", loc.Year(p.From)+"–"+loc.Year(p.To))
}

// periodDigits is how a title would already name the period: "2017", or
// "2010" for a span (a title "… 2010–2015" or "… 2010-2015" names it).
func periodDigits(p data.Period) string { return strconv.Itoa(p.From) }

// oneLine keeps a citation on one line whatever the data's text holds.
func oneLine(s string) string {
	// Most text is one line already: spare the split and join.
	plain, prev := true, ' '
	for _, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			plain = false
			break
		}
		prev = r
	}
	if plain && prev != ' ' || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func join(a, sep, b string) string {
	if a == "" {
		return b
	}
	return a + sep + b
}
