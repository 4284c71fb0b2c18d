package data

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/par"
	"sitegen/internal/sitefs"
)

// Load reads every *.toml under data/ in fsys (the site folder), merges
// and validates them. prefix is how the user names the site folder
// ("" or "." for the working directory); every diagnostic's path is
// path.Join(prefix, file). d is nil only when an error leaves nothing to
// hand on; the list holds every error and warning found.
//
// Load hands on data only when it found no error: figures of data that
// break the format's rules (a cycle in the tree, a duplicate record) have
// no meaning, and the build stops on the errors anyway.
func Load(fsys fs.FS, prefix string) (*Data, diag.List) {
	if prefix == "." {
		prefix = ""
	}
	l := &loader{fsys: fsys, prefix: prefix, recs: map[any]*rec{}, maybe: map[string]bool{}, suggested: map[string]string{}}
	l.readAll()
	d := l.validate()
	lang := i18n.VI
	if l.site != nil && i18n.Lang(l.site.Language).Valid() {
		lang = i18n.Lang(l.site.Language)
	}
	diags := l.probs.format(i18n.New(lang))
	if diags.HasErrors() {
		return nil, diags
	}
	return d, diags
}

// loader holds one run of Load.
type loader struct {
	fsys   fs.FS
	prefix string
	probs  problems

	// unreadable is set when a file could not be read at all: its records
	// are unknown, so no reference is reported as unknown. For a file that
	// does not decode, maybe holds the ids it seems to define.
	unreadable bool
	maybe      map[string]bool // ids that files which do not decode seem to define
	maybeSite  bool            // and whether they seem to hold [site]
	siteArray  bool            // [[site]] was written: [site] is not missing, it is misspelt
	files      int

	site  *Site
	sites []*rec

	cells       []*Cell
	admissions  []*Admission
	memberships []*Membership
	targets     []*Target
	referrers   []*Referrer
	referrals   []*Referral
	recs        map[any]*rec // record → where it was written
	suggested   map[string]string
}

func (l *loader) display(file string) string { return path.Join(l.prefix, file) }

func (l *loader) fileProblem(file string, line, col int, msg, help text) {
	l.probs.add(problem{pos: Pos{l.display(file), line, col}, msg: msg, help: help})
}

// cannotRead reports a file or folder of data/ that could not be read,
// with msg and help; one the site folder refused (a link out of it, a
// named pipe, a file too large: see sitefs) is said in its own words.
func (l *loader) cannotRead(file string, err error, msg, help text) {
	var refused *sitefs.Error
	if errors.As(err, &refused) {
		key, args, helpKey := refused.Text()
		file, msg, help = refused.Path, t(key, args...), t(helpKey)
	}
	l.fileProblem(file, 0, 0, msg, help)
	l.unreadable = true
}

// readAll reads the files of data/ in sorted order (fs.WalkDir's order).
// The files are decoded in parallel (TOML decoding is most of the time
// of a large site's data) and then read into the loader one by one, in
// that order, so that records and problems come out as from a serial read.
func (l *loader) readAll() {
	type file struct {
		path string
		b    []byte
		err  error
		dec  decoded
	}
	var files []*file
	err := fs.WalkDir(l.fsys, "data", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p == "data" {
				return err
			}
			files = append(files, &file{path: p, err: err})
			return nil
		}
		if de.IsDir() || !strings.HasSuffix(p, ".toml") {
			return nil
		}
		l.files++
		b, err := fs.ReadFile(l.fsys, p)
		files = append(files, &file{path: p, b: b, err: err})
		return nil
	})
	if err != nil {
		l.cannotRead("data", err, t("data.dir.missing"), t("data.help.dir.missing"))
		return
	}
	par.Each(len(files), func(i int) {
		if f := files[i]; f.err == nil {
			f.dec = decode(f.b)
		}
	})
	for _, f := range files {
		if f.err != nil {
			l.cannotRead(f.path, f.err, t("data.file.unreadable"), t("data.help.file.unreadable", f.err.Error()))
			continue
		}
		l.readFile(f.path, f.b, f.dec)
	}
	if l.files == 0 {
		l.fileProblem("data", 0, 0, t("data.dir.empty"), t("data.help.dir.missing"))
		l.unreadable = true
	}
}

// decoded is what can be made of a file without the loader: its TOML
// decoded and its keys placed.
type decoded struct {
	src   string
	m     map[string]any
	err   error      // a TOML syntax error
	over  *overBound // where the text goes past a bound: it was not decoded
	ix    *fileIndex
	lines []string
}

// decode decodes one file; it reads nothing of the loader, so files are
// decoded in parallel. Invalid UTF-8 is left to readFile.
func decode(b []byte) decoded {
	if !utf8.Valid(b) {
		return decoded{}
	}
	src := strings.TrimPrefix(string(b), "\uFEFF") // a BOM left by a Windows editor
	if over := bound(src); over != nil {
		return decoded{src: src, over: over}
	}
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		return decoded{src: src, err: err}
	}
	return decoded{src: src, m: m, ix: scanFile(src), lines: strings.Split(src, "\n")}
}

func (l *loader) readFile(file string, b []byte, dec decoded) {
	if !utf8.Valid(b) {
		line, col := badUTF8(b)
		l.fileProblem(file, line, col, t("data.file.utf8"), t("data.help.file.utf8"))
		l.remember(strings.ToValidUTF8(string(b), "\uFFFD"))
		return
	}
	src := dec.src
	if dec.over != nil {
		l.boundProblem(file, src, dec.over)
		l.remember(src)
		return
	}
	if dec.err != nil {
		l.syntaxError(file, src, dec.err)
		l.remember(src)
		return
	}
	m, ix, lines := dec.m, dec.ix, dec.lines
	r := func(m map[string]any, occ *occurrence) *rec {
		return &rec{l: l, path: l.display(file), m: m, occ: occ, src: lines}
	}
	for _, key := range sortedKeys(m) {
		v := m[key]
		at := ix.top.key(key)
		if tops := ix.tables[key]; len(tops) > 0 {
			at = tops[0].at
		}
		pos := Pos{l.display(file), at.line, at.col}
		switch key {
		case "site":
			switch v := v.(type) {
			case map[string]any:
				l.readSite(r(v, ix.table(key, 0)))
			case []map[string]any:
				l.probs.add(problem{pos: pos, msg: t("data.site.array"), help: t("data.help.site.array")})
				l.siteArray = true
			default:
				l.probs.add(problem{pos: pos, msg: t("data.site.notable"), help: t("data.help.site.array")})
			}
		case "cell", "admission", "membership", "target", "referrer", "referral":
			switch v := v.(type) {
			case []map[string]any:
				for i, e := range v {
					l.readRecord(key, r(e, ix.table(key, i)))
				}
			case map[string]any:
				// [admission] instead of [[admission]]: say so, and read it
				// anyway so that it raises no other error.
				l.probs.add(problem{pos: pos, msg: t("data.table.single", key), help: t("data.help.table.single", key)})
				l.readRecord(key, r(v, ix.table(key, 0)))
			case []any:
				// cell = [{ … }, { … }]: legal TOML; the keys' lines are not
				// indexed, so messages point at the array.
				occ := &occurrence{name: key, at: at, keys: map[string]place{}}
				for _, e := range v {
					if em, ok := e.(map[string]any); ok {
						l.readRecord(key, r(em, occ))
					} else {
						l.probs.add(problem{pos: pos, msg: t("data.table.notable", key), help: t("data.help.table.single", key)})
						break
					}
				}
			default:
				l.probs.add(problem{pos: pos, msg: t("data.table.notable", key), help: t("data.help.table.single", key)})
			}
		default:
			if c := closest(key, tableNames); c != "" {
				l.probs.add(problem{pos: pos, msg: t("data.table.unknown", key), help: t("data.help.didyoumean", c)})
			} else {
				l.probs.add(problem{pos: pos, msg: t("data.table.unknown", key), help: t("data.help.tables", strings.Join(tableNames, ", "))})
			}
		}
	}
}

var tableNames = []string{"site", "cell", "admission", "membership", "target", "referrer", "referral"}

// remember notes what a file that does not decode seems to define, so
// that references to it from other files are not reported as unknown:
// the keeper fixes the file first, and then sees what is really missing.
func (l *loader) remember(src string) {
	for _, m := range idLine.FindAllStringSubmatch(src, -1) {
		l.maybe[m[1]] = true
	}
	if siteLine.MatchString(src) {
		l.maybeSite = true
	}
}

// mayDefine reports whether id may be defined in a file that could not be read.
func (l *loader) mayDefine(id string) bool { return l.unreadable || l.maybe[id] }

// badUTF8 finds the line and column of the first byte that is not UTF-8.
func badUTF8(b []byte) (line, col int) {
	line, col = 1, 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[n:]
	}
	return line, col
}

// syntaxError reports a TOML syntax error in plain words, tailored to the
// mistakes keepers make most. What went wrong is read from what the decoder
// hands over as data, never from the wording of pe.Message (which is only
// shown, for mistakes not known here): where it stopped (pe.Position), what
// it was reading then (pe.LastKey: the key whose value it was in, or only
// the table when it was between two items), and the text at that place.
func (l *loader) syntaxError(file, src string, err error) {
	var pe toml.ParseError
	if !errors.As(err, &pe) || src == "" {
		l.fileProblem(file, 0, 0, t("data.syntax", err.Error()), t("data.help.syntax"))
		return
	}
	lines := strings.Split(src, "\n")
	// The decoder stopped at the last byte of the error's span; a newline
	// there (it met the end of a header, or of a string) belongs to the
	// line it ends.
	end := min(max(pe.Position.Start+pe.Position.Len-1, 0), len(src)-1)
	start := min(max(pe.Position.Start, 0), end)
	line := strings.Count(src[:end], "\n") + 1
	lineStart := strings.LastIndexByte(src[:end], '\n') + 1
	text := lines[line-1]
	at := start - lineStart // the span's start in text; < 0 when it began on an earlier line
	col := 1
	if at >= 0 {
		col = utf8.RuneCountInString(src[lineStart:start]) + 1
	}
	token := strings.TrimSpace(src[start : end+1])

	key, value, isKey := splitKeyLine(text)
	eq := strings.IndexByte(text, '=')
	table := tableAbove(lines, line-1)
	// between: the decoder was between two items (LastKey names only the
	// table): it had read a whole value and met more on its line, or it
	// was reading a key. inValue: it was in the value of the line's key.
	between := pe.LastKey == table.String()
	path, keyOK := parseKey(key)
	inValue, valueAt := false, 0
	if isKey {
		inValue = keyOK && inValueOf(pe.LastKey, table, path)
		valueAt = eq + 1 + strings.Index(text[eq+1:], value)
		col = utf8.RuneCountInString(text[:strings.Index(text, key)]) + 1
	}
	msg, help := t("data.syntax", pe.Message), t("data.help.syntax")
	trimmed := strings.TrimSpace(text)
	h, isHeader := parseHeader(text)
	if strings.HasPrefix(trimmed, "[") {
		col = utf8.RuneCountInString(text[:strings.Index(text, "[")]) + 1
	}
	switch {
	case isKey && thousands.MatchString(value):
		msg, help = t("data.count.separator", key, value), t("data.help.count.write", digitsOnly(value))
	case isKey && dmy.MatchString(value):
		m := dmy.FindStringSubmatch(value)
		if d, ok := validDate(m[3], m[2], m[1]); ok {
			msg, help = t("data.date.dmy", key, value), t("data.help.date.write", key, d)
		} else {
			msg, help = t("data.date.impossible", key, value), t("data.help.date")
		}
	case inValue && dateToken.MatchString(token):
		// A value the decoder read as a date and could not make one of.
		if m := ymd.FindStringSubmatch(value); m != nil {
			if d, ok := validDate(m[1], m[2], m[3]); ok {
				msg, help = t("data.date.zeros", key, value), t("data.help.date.write", key, d)
				break
			}
		}
		msg, help = t("data.date.impossible", key, value), t("data.help.date")
	case isKey && approxText(value) != nil:
		m := approxText(value)
		msg, help = t("data.count.words", key, value), t("data.help.count.words", key, m[1], m[0])
	case isKey && value == "":
		msg, help = t("data.syntax.novalue", key), t("data.help.syntax.novalue")
	case keyOK && between && at > eq && strings.HasPrefix(value, `"`) && strings.Count(value, `"`) > 2:
		// More after a text: the text ended at a quote inside it.
		msg, help = t("data.syntax.innerquote", key), t("data.help.syntax.innerquote", key)
	case keyOK && between && at > eq:
		msg, help = t("data.syntax.trailing", key), t("data.help.syntax.trailing")
	case !isKey && between && eq < 0 && !strings.HasPrefix(trimmed, "["):
		// A key, and the line ended or went on without "=".
		col = 1
		msg, help = t("data.syntax.equals"), t("data.help.syntax.equals")
	case inValue && at > eq && strings.HasSuffix(strings.TrimRight(text[:at], " \t"), "=") && isWord(text[at:]):
		// A word where a value belongs: text without quotes.
		msg, help = t("data.syntax.unquoted", key), t("data.help.syntax.unquoted", key)
	case inValue && at >= 0 && at < eq && token == path[0]:
		// The decoder read the key and refused it: it was written before.
		msg, help = t("data.syntax.key.twice", key), t("data.help.syntax.key.twice")
	case inValue && unclosed(value) >= 0 && at >= valueAt+unclosed(value):
		msg, help = t("data.syntax.unclosed", key), t("data.help.syntax.unclosed")
	case isHeader && h.inName(at) && len(h.path) == 1:
		// A name the decoder read and refused: the table was written
		// before, as [name] or [[name]].
		name := h.path[0]
		msg, help = t("data.table.single", name), t("data.help.table.single", name)
		switch {
		case name == "site":
			msg, help = t("data.syntax.table.twice", name), t("data.help.site.twice")
		case h.array:
			// [name] above, then [[name]]: point at the single one.
			for i, ln := range lines {
				if hi, ok := parseHeader(ln); ok && !hi.array && slices.Equal(hi.path, h.path) {
					line, col = i+1, strings.Index(ln, "[")+1
					break
				}
			}
		}
	case strings.HasPrefix(trimmed, "[") && !h.wellFormed():
		msg, help = t("data.syntax.header"), t("data.help.syntax.header")
	}
	l.probs.add(problem{pos: Pos{l.display(file), line, col}, record: syntaxLabel(lines, line), msg: msg, help: help})
}

// dateToken is how the decoder tells a date from a number: digits, then
// "-" or ":".
var dateToken = regexp.MustCompile(`^\d+[-:]`)

// isWord reports whether s begins with something other than a TOML value,
// a blank or a comment: a word where a value belongs (true and false are
// words too, but they do not fail).
func isWord(s string) bool {
	return s != "" && strings.IndexByte("0123456789+-.\"'[{# \t\r", s[0]) < 0
}

// inValueOf reports whether lastKey, the key the decoder was reading the
// value of, is key (as written in table) or a key inside its value; or,
// on a line that continues an inline table, a key of that name inside
// another key's value.
func inValueOf(lastKey string, table, key toml.Key) bool {
	k := slices.Concat(table, key).String()
	return lastKey == k || strings.HasPrefix(lastKey, k+".") ||
		strings.HasPrefix(lastKey, table.String()) && strings.HasSuffix(lastKey, "."+key.String())
}

// unclosed returns where the string that value (one line) does not close
// begins, or -1.
func unclosed(value string) int {
	open := -1 // where the string being read begins
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case open < 0 && c == '#':
			return -1
		case open < 0 && (c == '"' || c == '\''):
			open = i
		case open >= 0 && value[open] == '"' && c == '\\':
			i++
		case open >= 0 && c == value[open]:
			open = -1
		}
	}
	return open
}

// keyText is a dotted key as TOML allows it: bare or quoted parts.
var keyText = regexp.MustCompile(`^[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*[ \t]*$`)

// parseKey splits a dotted key as written into its parts; ok is false
// when key is not one.
func parseKey(key string) (path toml.Key, ok bool) {
	if !keyText.MatchString(key) {
		return nil, false
	}
	s := &scanner{src: key}
	return s.keyPath(), true
}

// header is a line that begins with a table header: [name] or [[name]].
type header struct {
	path       toml.Key
	array      bool
	start, end int    // the name's bytes in the line, brackets excluded
	rest       string // what follows the closing brackets
}

// inName reports whether byte offset at of the line is in the header's name.
func (h header) inName(at int) bool { return at >= h.start && at < h.end }

// wellFormed reports whether the header is all of its line, but for a comment.
func (h header) wellFormed() bool {
	rest := strings.TrimLeft(h.rest, " \t\r")
	return h.path != nil && (rest == "" || rest[0] == '#')
}

// parseHeader reads the header line begins with; ok is false when it does
// not begin with one.
func parseHeader(line string) (h header, ok bool) {
	s := &scanner{src: line}
	s.skipBlank()
	if !strings.HasPrefix(line[s.i:], "[") {
		return header{}, false
	}
	h.array = strings.HasPrefix(line[s.i:], "[[")
	closer := "]"
	if h.array {
		closer = "]]"
	}
	h.start = s.i + len(closer)
	h.end = h.start + strings.Index(line[h.start:]+closer, closer)
	path, ok := parseKey(line[h.start:h.end])
	if !ok || !strings.HasPrefix(line[h.end:], closer) {
		return header{}, false
	}
	h.path, h.rest = path, line[h.end+len(closer):]
	return h, true
}

// tableAbove returns the name of the table that line i (0-based) is in:
// that of the last header above it, or none at the top of the file.
func tableAbove(lines []string, i int) toml.Key {
	for i--; i >= 0; i-- {
		if h, ok := parseHeader(lines[i]); ok {
			return h.path
		}
	}
	return nil
}

var (
	idLine     = regexp.MustCompile(`(?m)^\s*id\s*=\s*["']([^"'\n]*)["']`)
	siteLine   = regexp.MustCompile(`(?m)^\s*\[+\s*site\s*\]`)
	headerLine = regexp.MustCompile(`^\s*\[\[?\s*([A-Za-z0-9_-]+)\s*\]`)
	labelLine  = regexp.MustCompile(`^\s*(id|cell|referrer|year|from|to|date|as_of)\s*=\s*("[^"]*"|[0-9-]+)\s*(#.*)?$`)
)

// syntaxLabel names the record around line (1-based) of a file that does
// not decode, from the text alone: its header and the keys that tell it
// apart, as far as they can be read.
func syntaxLabel(lines []string, line int) string {
	start := -1
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		if headerLine.MatchString(lines[i]) {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	name := headerLine.FindStringSubmatch(lines[start])[1]
	if !contains(tableNames, name) || name == "site" {
		return ""
	}
	vals := map[string]string{}
	for i := start + 1; i < len(lines) && !headerLine.MatchString(lines[i]); i++ {
		if m := labelLine.FindStringSubmatch(lines[i]); m != nil {
			if _, seen := vals[m[1]]; !seen {
				vals[m[1]] = m[2]
			}
		}
	}
	s := name
	for _, k := range []string{"id", "referrer", "cell", "year", "from", "to", "date", "as_of"} {
		if v, ok := vals[k]; ok {
			s += " " + k + "=" + v
		}
	}
	return s
}

// splitKeyLine splits `key = value # comment` into key and value.
func splitKeyLine(line string) (key, value string, ok bool) {
	i := strings.IndexByte(line, '=')
	if i < 0 {
		return "", "", false
	}
	key = strings.TrimSpace(line[:i])
	if key == "" || strings.HasPrefix(key, "[") || strings.HasPrefix(key, "#") {
		return "", "", false
	}
	for _, c := range []byte(key) {
		if !isBareKey(c) && c != '.' && c != '"' && c != '\'' && c != ' ' {
			return "", "", false
		}
	}
	value = strings.TrimSpace(line[i+1:])
	if j := strings.IndexByte(value, '#'); j >= 0 && !strings.ContainsAny(value[:j], `"'`) {
		value = strings.TrimSpace(value[:j])
	}
	return key, value, true
}
