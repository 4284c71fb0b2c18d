package data

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/fold"
)

// rec is one record being read: its decoded table, where it was written,
// and how messages name it. Once its file is read, it is settled (see
// settle): m and src are let go, and keys says which keys it had.
type rec struct {
	l     *loader
	path  string // as the user would type it
	m     map[string]any
	occ   *occurrence
	src   []string // the file's lines, for the text a value was typed as
	keys  []string // once settled: the keys of m, sorted
	label string

	// labelKind and labelKeys make label (see setLabel): when a problem
	// first needs it while the record is read, else when it is settled.
	labelKind string
	labelKeys []string

	broken bool // an error was found in it: it is left out of partial data

	// told are the keys an unknown key of the record was told to be
	// (admited: "did you mean admitted?"): such a key is not also
	// reported missing, which would have the keeper add a second line.
	told map[string]bool
}

// tell records that an unknown key was told to be key.
func (r *rec) tell(key string) {
	if r.told == nil {
		r.told = map[string]bool{}
	}
	r.told[key] = true
}

// setLabel says how the record is named in its problems: its kind and the
// values of keys ("admission cell=\"khoi-dn\" year=2017").
func (r *rec) setLabel(kind string, keys ...string) {
	r.labelKind, r.labelKeys = kind, keys
}

// what is the record's label, made the first time it is asked for.
func (r *rec) what() string {
	if r.label == "" && r.labelKind != "" {
		r.label = label(r.labelKind, r, r.labelKeys...)
	}
	return r.label
}

func (r *rec) at(key string) Pos {
	p := r.occ.key(key)
	return p.pos(r.path)
}

// header is the position of the record's [[…]] header.
func (r *rec) header() Pos {
	if r.occ == nil {
		return Pos{r.path, 1, 1}
	}
	return r.occ.at.pos(r.path)
}

func (r *rec) errAt(pos Pos, msg, help text) {
	r.broken = true
	r.l.probs.add(problem{pos: pos, record: r.what(), msg: msg, help: help})
}

func (r *rec) err(key string, msg, help text) { r.errAt(r.at(key), msg, help) }

// typed is the text after `key =` on the key's line, for messages that
// quote what the keeper typed.
func (r *rec) typed(key string) string {
	p := r.occ.key(key)
	if p.line < 1 || int(p.line) > len(r.src) {
		return ""
	}
	line := r.src[p.line-1]
	i := strings.IndexByte(line, '=')
	if i < 0 {
		return ""
	}
	v := strings.TrimSpace(line[i+1:])
	if j := strings.IndexByte(v, '#'); j >= 0 {
		v = strings.TrimSpace(v[:j])
	}
	return v
}

// known checks that every key of the record is one of allowed.
func (r *rec) known(allowed []string) {
	for _, k := range sortedKeys(r.m) {
		if contains(allowed, k) {
			continue
		}
		// ket_nap, so_luong: a Vietnamese key without its diacritics.
		if w := EnglishKey(k, keyWords, allowed); contains(allowed, w) {
			r.tell(w)
			r.err(k, t("data.key.unknown", k), t("data.help.syntax.key", w))
		} else if s := closest(k, allowed); s != "" {
			r.tell(s)
			r.err(k, t("data.key.unknown", k), t("data.help.didyoumean", s))
		} else {
			r.err(k, t("data.key.unknown", k), t("data.help.keys", strings.Join(allowed, ", ")))
		}
	}
}

func (r *rec) has(key string) bool {
	if r.m == nil {
		_, ok := slices.BinarySearch(r.keys, key)
		return ok
	}
	_, ok := r.m[key]
	return ok
}

// settle keeps of a record what its problems may still need once its
// file is read, when the data's checks and warnings run: its label, made
// now while the values are here, and which keys it had. It lets go of
// the decoded table and the file's lines, which the records of a
// national site's data hold by the gigabyte.
func (r *rec) settle() {
	if r.m == nil {
		return
	}
	r.what()
	r.keys = r.l.keySet(sortedKeys(r.m))
	r.m, r.src = nil, nil
}

// rawString is the key's text when it is a string, for labels; no checks.
func (r *rec) rawString(key string) string {
	s, _ := r.m[key].(string)
	return norm.NFC.String(s)
}

func (r *rec) missing(key string) {
	if r.told[key] {
		r.broken = true
		return
	}
	r.errAt(r.header(), t("data.key.missing", key), t("data.help.add", key))
}

// str reads a text key. Text is normalised to NFC.
func (r *rec) str(key string, required bool) string {
	v, ok := r.m[key]
	if !ok {
		if required {
			r.missing(key)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.err(key, t("data.type.string", key), t("data.help.string", key))
		return ""
	}
	s = intern(norm.NFC.String(s))
	if required && strings.TrimSpace(s) == "" {
		r.err(key, t("data.string.empty", key), t("data.help.fill", key))
	}
	return s
}

// strings reads an array of texts.
func (r *rec) strings(key string) []string {
	v, ok := r.m[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		r.err(key, t("data.type.strings", key), t("data.help.strings", key))
		return nil
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			r.err(key, t("data.type.strings", key), t("data.help.strings", key))
			return nil
		}
		out = append(out, intern(norm.NFC.String(s)))
	}
	return out
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// id reads an identifier (of this record, or a reference to another).
func (r *rec) id(key string, required bool) string {
	s := r.str(key, required)
	if s == "" {
		return ""
	}
	if !idPattern.MatchString(s) {
		if sug := suggestID(s); sug != "" && sug != s {
			r.err(key, t("data.id.bad", key, s), t("data.help.id.suggest", sug))
		} else {
			r.err(key, t("data.id.bad", key, s), t("data.help.id"))
		}
	}
	return s
}

// suggestID turns what a keeper typed into the id form: lower case,
// diacritics dropped, đ → d, anything else → hyphens (fold.Slug, the
// rule of slugs and search).
func suggestID(s string) string { return fold.Slug(s) }

// integer reads a whole number (a year, a target, the format version).
func (r *rec) integer(key string, required bool) (int64, bool) {
	v, ok := r.m[key]
	if !ok {
		if required {
			r.missing(key)
		}
		return 0, false
	}
	switch v := v.(type) {
	case int64:
		return v, true
	case string:
		if _, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			r.err(key, t("data.type.quoted-number", key), t("data.help.unquote", key, strings.TrimSpace(v)))
			return 0, false
		}
	}
	r.err(key, t("data.type.integer", key), t("data.help.integer", key))
	return 0, false
}

// year reads a year, 1930–2100.
func (r *rec) year(key string, required bool) (int, bool) {
	n, ok := r.integer(key, required)
	if !ok {
		return 0, false
	}
	if n < minYear || n > maxYear {
		r.err(key, t("data.year.range", key, n), t("data.help.year.range", minYear, maxYear))
		return 0, false
	}
	return int(n), true
}

const minYear, maxYear = 1930, 2100

// MaxCount is the largest count the format takes: a hundred million,
// more than any party organisation counts, so that a digit typed twice
// is caught and no sum of counts can overflow (2,000 cells of the most
// still sum far below the largest int64).
const MaxCount = 100_000_000

var thousands = regexp.MustCompile(`^\d{1,3}([.,\x{00A0} ]\d{3})+$`)

// count reads a count: an integer ≥ 0, or { value = …, approx = … }.
func (r *rec) count(key string, required bool) Count {
	v, ok := r.m[key]
	if !ok {
		if required {
			r.missing(key)
		}
		return Count{}
	}
	switch v := v.(type) {
	case int64:
		if v < 0 {
			r.err(key, t("data.count.negative", key, v), t("data.help.count.negative"))
			return Count{}
		}
		if v > MaxCount {
			r.err(key, t("data.count.large", key, v, MaxCount), t("data.help.count.large"))
			return Count{}
		}
		return Count{Value: v, Set: true}
	case float64:
		typed := r.typed(key)
		if thousands.MatchString(typed) {
			r.err(key, t("data.count.separator", key, typed), t("data.help.count.write", digitsOnly(typed)))
		} else {
			r.err(key, t("data.count.fraction", key, typed), t("data.help.count"))
		}
		return Count{}
	case string:
		s := strings.TrimSpace(v)
		switch {
		case thousands.MatchString(s):
			r.err(key, t("data.count.separator", key, strconv.Quote(v)), t("data.help.count.write", digitsOnly(s)))
		case isDigits(s):
			r.err(key, t("data.type.quoted-number", key), t("data.help.unquote", key, s))
		case approxText(s) != nil:
			m := approxText(s)
			r.err(key, t("data.count.words", key, strconv.Quote(v)), t("data.help.count.words", key, m[1], m[0]))
		default:
			r.err(key, t("data.type.count", key), t("data.help.count"))
		}
		return Count{}
	case map[string]any:
		return r.approxCount(key, v)
	}
	r.err(key, t("data.type.count", key), t("data.help.count"))
	return Count{}
}

// approxWords are the words keepers type for approx, in Vietnamese and
// other English, mapped to the format's word.
var approxWords = map[string]Approx{
	"trên": Over, "hơn": Over, "more": Over, "above": Over,
	"gần": Under, "dưới": Under, "nearly": Under, "almost": Under, "below": Under,
	"khoảng": About, "chừng": About, "around": About, "approximately": About,
}

func (r *rec) approxCount(key string, m map[string]any) Count {
	c := Count{Set: true}
	ok := true
	for _, k := range sortedKeys(m) {
		if k != "value" && k != "approx" {
			r.err(key+"."+k, t("data.count.key", key, k), t("data.help.count.inline"))
			ok = false
		}
	}
	switch v := m["value"].(type) {
	case nil:
		r.err(key, t("data.count.novalue", key), t("data.help.count.inline"))
		ok = false
	case int64:
		if v < 0 {
			r.err(key+".value", t("data.count.negative", key, v), t("data.help.count.negative"))
			ok = false
		}
		if v > MaxCount {
			r.err(key+".value", t("data.count.large", key, v, MaxCount), t("data.help.count.large"))
			ok = false
		}
		c.Value = v
	default:
		r.err(key+".value", t("data.type.count", key), t("data.help.count"))
		ok = false
	}
	switch a := m["approx"].(type) {
	case nil:
		r.err(key, t("data.approx.missing", key), t("data.help.approx"))
		ok = false
	case string:
		a = norm.NFC.String(strings.TrimSpace(a))
		// The constant, not the decoder's text, which is part of its copy
		// of the whole file (see intern).
		switch Approx(a) {
		case Over:
			c.Approx = Over
		case Under:
			c.Approx = Under
		case About:
			c.Approx = About
		default:
			if w, found := approxWords[strings.ToLower(a)]; found {
				r.err(key+".approx", t("data.approx.word", key, a), t("data.help.approx.word", string(w)))
			} else {
				r.err(key+".approx", t("data.approx.bad", key, a), t("data.help.approx"))
			}
			ok = false
		}
	default:
		r.err(key+".approx", t("data.approx.bad", key, fmt.Sprint(a)), t("data.help.approx"))
		ok = false
	}
	if !ok {
		return Count{}
	}
	return c
}

var approxPhrase = regexp.MustCompile(`^(?i)(\pL+)\s+(\d+(?:[., ]\d{3})*)$`)

// approxText reads "trên 200" as the format's approx word and the number;
// nil when s is not such a phrase.
func approxText(s string) []string {
	m := approxPhrase.FindStringSubmatch(norm.NFC.String(strings.TrimSpace(s)))
	if m == nil {
		return nil
	}
	w, ok := approxWords[strings.ToLower(m[1])]
	if !ok {
		if a := Approx(strings.ToLower(m[1])); a == Over || a == Under || a == About {
			w = a
		} else {
			return nil
		}
	}
	return []string{string(w), digitsOnly(m[2])}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

var dmy = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
var ymd = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// date reads a calendar day, written unquoted as 2022-12-31.
func (r *rec) date(key string, required bool) Date {
	v, ok := r.m[key]
	if !ok {
		if required {
			r.missing(key)
		}
		return Date{}
	}
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() != "date-local" {
			r.err(key, t("data.date.time", key), t("data.help.date.only", key, v.Format("2006-01-02")))
			return Date{}
		}
		return Date{v.Year(), v.Month(), v.Day()}
	case string:
		s := strings.TrimSpace(v)
		if dmy.MatchString(s) {
			if d, ok := DayMonthYear(s); ok {
				r.err(key, t("data.date.dmy", key, strconv.Quote(v)), t("data.help.date.write", key, d))
			} else {
				r.err(key, t("data.date.impossible", key, s), t("data.help.date"))
			}
			return Date{}
		}
		if m := ymd.FindStringSubmatch(s); m != nil {
			if d, ok := validDate(m[1], m[2], m[3]); ok {
				r.err(key, t("data.date.quoted", key), t("data.help.date.write", key, d))
			} else {
				r.err(key, t("data.date.impossible", key, s), t("data.help.date"))
			}
			return Date{}
		}
	}
	r.err(key, t("data.type.date", key), t("data.help.date"))
	return Date{}
}

// DayMonthYear returns s, a day written day/month/year as on paper
// (20/11/2024, 20.11.2024), as TOML writes it (2024-11-20); false when s
// is not written so or is no day of the calendar.
func DayMonthYear(s string) (string, bool) {
	m := dmy.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return validDate(m[3], m[2], m[1])
}

// validDate checks a day given as text and returns it as 2022-12-31.
func validDate(y, m, d string) (string, bool) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	if mm < 1 || mm > 12 || dd < 1 {
		return "", false
	}
	tm := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if tm.Day() != dd {
		return "", false
	}
	return tm.Format("2006-01-02"), true
}

// enum reads a text key that must be one of allowed.
func (r *rec) enum(key string, required bool, allowed []string) string {
	s := r.str(key, required)
	if s == "" || contains(allowed, s) {
		return s
	}
	if c := closest(s, allowed); c != "" {
		r.err(key, t("data.enum.bad", key, s), t("data.help.didyoumean.of", c, strings.Join(allowed, ", ")))
	} else {
		r.err(key, t("data.enum.bad", key, s), t("data.help.enum", strings.Join(allowed, ", ")))
	}
	return ""
}

// period reads `year`, or `from` and `to`.
func (r *rec) period() (Period, bool) {
	hasYear, hasFrom, hasTo := r.has("year"), r.has("from"), r.has("to")
	switch {
	case hasYear && (hasFrom || hasTo):
		k := "from"
		if !hasFrom {
			k = "to"
		}
		r.err(k, t("data.period.both"), t("data.help.period"))
		return Period{}, false
	case hasYear:
		y, ok := r.year("year", true)
		return Year(y), ok
	case hasFrom || hasTo:
		from, ok1 := r.year("from", true)
		to, ok2 := r.year("to", true)
		if !ok1 || !ok2 {
			return Period{}, false
		}
		switch {
		case from > to:
			r.err("to", t("data.period.order", from, to), t("data.help.period.order"))
			return Period{}, false
		case from == to:
			// A one-year period would read as a year everywhere else.
			r.err("to", t("data.period.single", from), t("data.help.period.single", from))
			return Period{}, false
		}
		return Period{from, to}, true
	}
	if r.told["year"] || r.told["from"] || r.told["to"] {
		r.broken = true
		return Period{}, false
	}
	r.errAt(r.header(), t("data.period.none"), t("data.help.period"))
	return Period{}, false
}
