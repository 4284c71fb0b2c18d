package content

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.abhg.dev/goldmark/frontmatter"

	"sitegen/internal/data"
)

// frontMatterFormat hands the front matter's text back as it is instead
// of decoding it: toml.Unmarshal neither reports unknown keys nor says
// where a key was written, and both are needed for the messages.
var frontMatterFormat = frontmatter.Format{
	Name:  "TOML",
	Delim: '+',
	Unmarshal: func(b []byte, v any) error {
		p, ok := v.(*[]byte)
		if !ok {
			return errors.New("content: front matter captured into a wrong type")
		}
		*p = b
		return nil
	},
}

// frontMatter is the decoded front matter of one article.
type frontMatter struct {
	Title   string
	Date    time.Time
	HasDate bool
	Author  string
	Cells   []string
	Years   []int
	Source  string
	Slug    string
	SlugAt  int // byte offset in the file of the slug key; -1 when not written
	Draft   bool
	Summary string
}

// frontMatterKeys are the keys the format allows, in its order.
var frontMatterKeys = []string{"title", "date", "author", "cells", "years", "source", "slug", "draft", "summary"}

// vietnam is the offset of a date written without a time: the sites are
// Vietnamese, so a bare date is that day in Vietnam.
var vietnam = time.FixedZone("UTC+7", 7*60*60)

// rawFrontMatter finds the front matter the goldmark extension captured
// and where in the file it starts. ok is false when the file has none;
// closed is false when the closing +++ line is missing.
func rawFrontMatter(src []byte, fm *frontmatter.Data) (raw []byte, off int, ok, closed bool) {
	if fm == nil {
		return nil, 0, false, false
	}
	if err := fm.Decode(&raw); err != nil {
		return nil, 0, false, false
	}
	// The extension hands back a sub-slice of the source; its place in
	// the file follows from the capacities. Checked, in case a later
	// version copies.
	off = cap(src) - cap(raw)
	if raw == nil || off < 0 || off+len(raw) > len(src) || !bytes.Equal(src[off:off+len(raw)], raw) {
		// An empty front matter may come back as nil: it starts after the first line.
		off = bytes.IndexByte(src, '\n') + 1
		if len(raw) != 0 {
			if i := bytes.Index(src, raw); i >= 0 {
				off = i
			}
		}
	}
	rest := src[off+len(raw):]
	closed = bytes.HasPrefix(rest, []byte("+++"))
	return raw, off, true, closed
}

// yamlStart is a file that begins with front matter in YAML: a line ---.
var yamlStart = regexp.MustCompile(`^---[ \t]*\r?\n`)

// fmWords are the Vietnamese words an editor may write for a key of the
// front matter, in their id form (see data.FindSlip), and the key each
// stands for.
var fmWords = map[string]string{
	"tieu-de": "title", "ten-bai": "title", "ngay": "date", "ngay-dang": "date",
	"tac-gia": "author", "nguoi-viet": "author", "don-vi": "cells", "chi-bo": "cells", "dang-bo": "cells",
	"nam": "years", "nguon": "source", "duong-dan": "slug", "nhap": "draft", "ban-nhap": "draft",
	"tom-tat": "summary",
}

// syntaxError says why the front matter raw, which begins on line fmLine
// at offset off, is not TOML: in the site's language, never in the
// decoder's English, with the fix for the mistakes editors make most.
func (st *articleState) syntaxError(raw []byte, fmLine, off int, err error) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		st.report(off, "content.fm.syntax", nil, "content.fm.syntax.help")
		return
	}
	// The decoder's span may begin with the blanks before the mistake.
	start := min(max(pe.Position.Start, 0), len(raw))
	for start < len(raw) && (raw[start] == ' ' || raw[start] == '\t') {
		start++
	}
	at := off + start
	lines := strings.Split(string(raw), "\n")
	if pe.Position.Line < 1 || pe.Position.Line > len(lines) {
		st.report(at, "content.fm.syntax", nil, "content.fm.syntax.help")
		return
	}
	line := lines[pe.Position.Line-1]
	if key, _, isKey := strings.Cut(line, "="); isKey && pe.LastKey == strings.TrimSpace(key) {
		lineAt := 0 // where the line begins in raw
		for _, l := range lines[:pe.Position.Line-1] {
			lineAt += len(l) + 1
		}
		if first, seen := keyOffsets(raw)[pe.LastKey]; seen && first < lineAt {
			// The decoder refused a key it had read: it is written twice.
			st.report(off+lineAt+strings.Index(line, pe.LastKey), "content.fm.twice", []any{pe.LastKey}, "content.fm.twice.help")
			return
		}
	}
	slip, ok := data.FindSlip(line, fmWords, frontMatterKeys)
	if !ok {
		st.report(at, "content.fm.syntax", nil, "content.fm.syntax.help")
		return
	}
	at = st.offsetOf(fmLine+pe.Position.Line-1, len(string([]rune(line)[:slip.Col-1]))+1)
	switch slip.Kind {
	case "key":
		switch {
		case slip.Near:
			st.report(at, "content.fm.key", []any{slip.Key}, "content.did_you_mean", slip.Fix)
		case slip.Fix != "":
			st.report(at, "content.fm.key", []any{slip.Key}, "content.fm.key.help", slip.Fix)
		default:
			st.report(at, "content.fm.key", []any{slip.Key}, "content.fm.unknown.help")
		}
	case "colon":
		st.report(at, "content.fm.colon", []any{slip.Key}, "content.fm.colon.help", slip.Fix)
	case "curly":
		st.report(at, "content.fm.curly", nil, "content.fm.curly.help", slip.Fix)
	case "zero":
		st.report(at, "content.fm.zero", []any{slip.Val}, "content.fm.zero.help", slip.Fix)
	case "comma":
		st.report(at, "content.fm.comma", []any{slip.Val}, "content.fm.comma.help", slip.Fix)
	case "unquoted":
		st.report(at, "content.fm.unquoted", []any{slip.Key}, "content.fm.unquoted.help", slip.Fix)
	case "unclosed":
		st.report(at, "content.fm.unclosed_text", []any{slip.Key}, "content.fm.unclosed_text.help", slip.Fix)
	case "date":
		st.report(at, "content.fm.date.bad", []any{slip.Key, slip.Val}, "content.fm.date.bad.help")
	case "dmy":
		st.report(at, "content.fm.date.dmy", []any{slip.Key, slip.Val}, "content.fm.date.dmy.help", slip.Fix)
	case "backslash":
		st.report(at, "content.fm.backslash", []any{slip.Key}, "content.fm.backslash.help", slip.Fix)
	case "array":
		st.report(at, "content.fm.array", []any{slip.Key}, "content.fm.array.help", slip.Key)
	default: // "inline": the front matter has no use for one
		st.report(at, "content.fm.syntax", nil, "content.fm.syntax.help")
	}
}

// keyPattern finds `key =` at the start of a line of the front matter:
// the TOML decoder does not say where a key was written.
var keyPattern = regexp.MustCompile(`(?m)^[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*[.=]`)

// tablePattern finds table headers, which the front matter has no use for.
var tablePattern = regexp.MustCompile(`(?m)^[ \t]*\[\[?[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))`)

// keyOffsets maps each top-level key to the offset in raw of its first
// occurrence, for messages.
func keyOffsets(raw []byte) map[string]int {
	out := map[string]int{}
	for _, pat := range []*regexp.Regexp{keyPattern, tablePattern} {
		for _, m := range pat.FindAllSubmatchIndex(raw, -1) {
			for g := 1; g <= 3; g++ {
				if m[2*g] >= 0 {
					k := string(raw[m[2*g]:m[2*g+1]])
					if _, seen := out[k]; !seen {
						// point at the key itself, not at the indentation
						out[k] = m[2*g] - boolInt(g < 3)
					}
					break
				}
			}
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decodeFrontMatter decodes and checks the front matter of st's article.
// Every problem is reported; the fields that are right are kept.
func (st *articleState) decodeFrontMatter(fmData *frontmatter.Data, l *loader) {
	st.fm.SlugAt = -1
	raw, off, ok, closed := rawFrontMatter(st.src, fmData)
	if !ok {
		if yamlStart.Match(st.src) {
			// Front matter as other site generators write it: say so, and
			// how this one's is written.
			st.report(0, "content.fm.yaml", nil, "content.fm.yaml.help")
		} else {
			st.report(0, "content.fm.missing", nil, "content.fm.missing.help")
		}
		st.fmMissing = true
		return
	}
	if !closed {
		st.report(0, "content.fm.unclosed", nil, "content.fm.unclosed.help")
		st.fmMissing = true
		return
	}
	fmLine, _ := st.place(off)
	if deep := data.TooDeep(string(raw)); deep >= 0 {
		// The decoder's time grows with the square of the depth.
		st.report(off+deep, "content.fm.deep", []any{data.MaxDepth}, "content.fm.deep.help")
		st.fmMissing = true
		return
	}
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		st.syntaxError(raw, fmLine, off, err)
		st.fmMissing = true
		return
	}
	keys := keyOffsets(raw)
	where := func(k string) int {
		if o, ok := keys[k]; ok {
			return off + o
		}
		return off
	}
	// offset of the value of k: just after its `=`, past spaces.
	valueAt := func(k string) int {
		at := where(k)
		line := st.src[at:]
		if i := bytes.IndexByte(line, '='); i >= 0 && !bytes.Contains(line[:i], []byte("\n")) {
			at += i + 1
			for at < len(st.src) && (st.src[at] == ' ' || st.src[at] == '\t') {
				at++
			}
		}
		return at
	}
	typeErr := func(k, typeKey, example string) {
		st.report(valueAt(k), "content.fm.type", []any{k, st.loc.T(typeKey)}, "content.fm.type.help", example)
	}

	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		switch w := data.EnglishKey(k, fmWords, frontMatterKeys); {
		case slices.Contains(frontMatterKeys, k):
		case w != "":
			// tac_gia, nguon: a Vietnamese key without its diacritics.
			st.report(where(k), "content.fm.unknown", []any{k}, "content.fm.key.help", w)
		default:
			st.reportSuggest(where(k), "content.fm.unknown", []any{k}, "content.fm.unknown.help", nil, k, frontMatterKeys)
		}
	}

	str := func(k string, dst *string, required bool, example string) {
		v, ok := m[k]
		if !ok {
			if required {
				st.report(off, "content.fm.required", []any{k}, "content.fm.required.help", k+" = "+example)
			}
			return
		}
		s, ok := v.(string)
		if !ok {
			typeErr(k, "type.string", k+" = "+example)
			return
		}
		if required && strings.TrimSpace(s) == "" {
			st.report(valueAt(k), "content.fm.empty", []any{k}, "content.fm.empty.help")
			return
		}
		*dst = s
	}
	str("title", &st.fm.Title, true, `"Chú trọng tạo nguồn và phát triển đảng viên"`)
	str("author", &st.fm.Author, false, `"Kim Hiền"`)
	str("source", &st.fm.Source, false, `"Báo Vĩnh Phúc, 02/02/2018"`)
	str("summary", &st.fm.Summary, false, `"…"`)
	var slug string
	str("slug", &slug, false, `"chu-trong-tao-nguon"`)
	_, slugGiven := m["slug"].(string)
	switch {
	case !slugGiven:
	case ValidSlug(slug):
		st.fm.Slug = slug
		st.fm.SlugAt = where("slug")
	default:
		ex := Slugify(slug)
		if ex == "" {
			ex = "chu-trong-tao-nguon"
		}
		st.report(valueAt("slug"), "content.slug.invalid", []any{slug}, "content.slug.invalid.help", ex)
	}

	written, _ := m["date"].(string)
	iso, paper := data.DayMonthYear(written)
	if v, ok := m["date"]; !ok {
		st.report(off, "content.fm.required", []any{"date"}, "content.fm.required.help", "date = 2018-02-02")
	} else if paper {
		st.report(valueAt("date"), "content.fm.date.dmy", []any{"date", strconv.Quote(written)}, "content.fm.date.dmy.help", "date = "+iso)
	} else if t, ok := v.(time.Time); !ok {
		typeErr("date", "type.date", "date = 2018-02-02T08:02:00+07:00")
	} else {
		// BurntSushi/toml marks the TOML kinds without an offset by the
		// name of the time's zone; only an offset date-time is a moment.
		switch t.Location().String() {
		case "date-local":
			st.fm.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, vietnam)
			st.fm.HasDate = true
		case "datetime-local":
			st.report(valueAt("date"), "content.fm.date.local", []any{t.Format("2006-01-02T15:04:05")}, "content.fm.date.local.help")
		case "time-local":
			typeErr("date", "type.date", "date = 2018-02-02T08:02:00+07:00")
		default:
			st.fm.Date = t
			st.fm.HasDate = true
		}
	}

	if v, ok := m["draft"]; ok {
		if b, ok := v.(bool); ok {
			st.fm.Draft = b
		} else {
			typeErr("draft", "type.bool", "draft = true")
		}
	}

	if v, ok := m["cells"]; ok {
		arr, ok := v.([]any)
		if !ok {
			typeErr("cells", "type.strings", `cells = ["khoi-dn"]`)
		} else {
			search := where("cells")
			for _, e := range arr {
				id, ok := e.(string)
				if !ok {
					typeErr("cells", "type.strings", `cells = ["khoi-dn"]`)
					break
				}
				at := search
				if i := bytes.Index(st.src[search:], []byte(`"`+id+`"`)); i >= 0 {
					at = search + i + 1
					search = at
				}
				if !l.hasCell(st, id) {
					if !l.broken(st, "", id) {
						st.reportSuggest(at, "content.fm.cell", []any{id}, "content.fig.cell.help", nil, id, cellIDs(l.data))
					}
					continue
				}
				st.fm.Cells = append(st.fm.Cells, id)
			}
		}
	}

	if v, ok := m["years"]; ok {
		arr, ok := v.([]any)
		if !ok {
			typeErr("years", "type.years", "years = [2017, 2018]")
		} else {
			for _, e := range arr {
				y, ok := e.(int64)
				if !ok {
					typeErr("years", "type.years", "years = [2017, 2018]")
					break
				}
				if y < 1930 || y > 2100 {
					st.report(valueAt("years"), "content.fm.year", []any{y}, "content.fm.year.help")
					continue
				}
				st.fm.Years = append(st.fm.Years, int(y))
			}
		}
	}
}

// cellIDs lists every cell id, for "did you mean".
func cellIDs(d *data.Data) []string {
	ids := make([]string, len(d.Cells))
	for i, c := range d.Cells {
		ids[i] = c.ID
	}
	return ids
}

func referrerIDs(d *data.Data) []string {
	ids := make([]string, len(d.Referrers))
	for i, r := range d.Referrers {
		ids[i] = r.ID
	}
	return ids
}

// dayOf is the calendar day of the article's date where it was
// written: what the article could know.
func dayOf(t time.Time) data.Date {
	return data.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}
