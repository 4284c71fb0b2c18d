package export

import (
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
}

// Cite returns a ready citation in the language of loc, as plain text on
// one line (the page escapes it), with the date of access left for the
// reader to fill in:
//
//	Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên”, năm 2017: trên 200. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại https://example.vn/don-vi/khoi-dn/#admitted-2017
//
// The link comes last and without a full stop after it, so that copying
// it never takes a stray "." into the anchor. A period already written in
// the title is not repeated.
func Cite(loc *i18n.Locale, c Citation) string {
	var parts []string
	if p := oneLine(c.Publisher); p != "" {
		parts = append(parts, sentence(p))
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
	if what != "" {
		parts = append(parts, sentence(what))
	}
	if !c.Version.IsZero() {
		parts = append(parts, sentence(VersionText(loc, c.Version)))
	}
	if u := strings.TrimSpace(c.URL); u != "" {
		parts = append(parts, loc.T("cite.accessed_at", u))
	} else {
		parts = append(parts, loc.T("cite.accessed"))
	}
	return strings.Join(parts, " ")
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
