package data

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// maxSyntax is how many syntax errors of one file are reported. Each
// costs one more decode of the whole file, so that a file of nothing but
// errors (a spreadsheet saved as .toml, say) cannot make a check slow.
const maxSyntax = 20

// syntaxProblem is a syntax error of a file, placed and said: a problem
// without its file, made where files are decoded in parallel.
type syntaxProblem struct {
	line, col int
	label     string
	msg, help text
}

// decodeResuming decodes src; after a syntax error it reports it, takes
// out the block the error is in (from its table header to the line before
// the next header: one record, as a rule) and decodes again, so that one
// run reports every syntax error of the file and reads every record the
// errors leave whole. A block is taken out by blanking it, every line
// kept, so that what follows keeps its line and column. It returns the
// decoded tables (nil when nothing could be decoded), the text they were
// decoded from, the errors, and the text of every block taken out.
func decodeResuming(src string) (m map[string]any, text string, errs []syntaxProblem, cut []string) {
	text = src
	var heads, starts []int // found at the first error
	for {
		m = nil
		_, err := toml.Decode(text, &m)
		if err == nil {
			return m, text, errs, cut
		}
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			// Not a syntax error of a place (the decoder has none other
			// for a map): the file cannot be read.
			errs = append(errs, syntaxProblem{msg: t("data.syntax.file"), help: t("data.help.syntax")})
			return nil, text, errs, append(cut, text)
		}
		if heads == nil {
			heads, starts = headerLines(src), lineStarts(src)
		}
		line := errorLine(text, pe)
		b := blockOf(heads, len(starts), line)
		if len(errs) == maxSyntax {
			// Enough: say so once, and read what is above.
			errs = append(errs, syntaxProblem{line: b.start + 1, col: 1, msg: t("data.syntax.more", maxSyntax), help: t("data.help.syntax.more")})
			cut = append(cut, text[starts[b.start]:])
			text = text[:starts[b.start]] + blankOut(text[starts[b.start]:])
			m = nil
			if _, err := toml.Decode(text, &m); err != nil {
				m = nil
			}
			return m, text, errs, cut
		}
		explained := src
		if line == b.start && b.start > 0 {
			// An error on a header line may have begun in the block above:
			// an array or inline table left open reads on into the next
			// header. Then the block above holds the error, said where it
			// began.
			var above map[string]any
			var pa toml.ParseError
			if _, err := toml.Decode(text[:starts[b.start]], &above); errors.As(err, &pa) {
				pe, explained = pa, src[:starts[b.start]]
			}
		}
		p := explain(explained, pe)
		errs = append(errs, p)
		// Take out the block of the line the error is said at (a header
		// written twice is said at the first); the block the decoder
		// stopped in when that one is already out.
		lo, hi := -1, -1
		for _, at := range []int{p.line - 1, line} {
			bb := blockOf(heads, len(starts), max(at, 0))
			l, h := starts[bb.start], len(text)
			if bb.end < len(starts) {
				h = starts[bb.end]
			}
			if strings.Trim(text[l:h], " \n") != "" {
				lo, hi = l, h
				break
			}
		}
		if lo < 0 {
			// Nothing left to take out: the rest is not read.
			cut = append(cut, text[starts[b.start]:])
			return nil, text, errs, cut
		}
		cut = append(cut, text[lo:hi])
		text = text[:lo] + blankOut(text[lo:hi]) + text[hi:]
	}
}

// errorLine is the line (0-based) a syntax error of text is on.
func errorLine(text string, pe toml.ParseError) int {
	end := min(max(pe.Position.Start+pe.Position.Len-1, 0), len(text)-1)
	return strings.Count(text[:max(end, 0)], "\n")
}

// blankOut replaces every character of s but line breaks with spaces, byte
// for byte, so that the text after it keeps its offsets.
func blankOut(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

// lineStarts is the byte offset of the start of each line of src.
func lineStarts(src string) []int {
	out := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// headerLines returns the index (0-based) of every line that begins a
// table as far as its text shows: its first character but blanks is "["
// and it is not inside a multi-line string. Unlike scanFile it does not
// follow an array over lines: an array left open must not hide the
// headers below it.
func headerLines(src string) []int {
	s := &scanner{src: src, line: 1}
	var out []int
	for s.i < len(s.src) {
		s.skipBlank()
		if s.i < len(s.src) && s.src[s.i] == '[' {
			out = append(out, s.line-1)
		}
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			switch rest := s.src[s.i:]; {
			case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, "'''"):
				s.multiline(rest[:3])
			case rest[0] == '"' || rest[0] == '\'':
				s.quoted()
			case rest[0] == '#':
				s.skipComment()
			default:
				s.i++
			}
		}
		if s.i < len(s.src) {
			s.newline()
		}
	}
	return out
}

// block is lines [start, end) of a file: a table header and the lines up
// to the next one, or the lines above the first header.
type block struct{ start, end int }

// blockOf is the block line is in, of a file of n lines whose headers
// are on lines heads.
func blockOf(heads []int, n, line int) block {
	i, found := slices.BinarySearch(heads, line)
	b := block{0, n}
	if found {
		b.start = heads[i]
		i++
	} else if i > 0 {
		b.start = heads[i-1]
	}
	if i < len(heads) {
		b.end = heads[i]
	}
	return b
}

// explain says a TOML syntax error in plain words, tailored to the
// mistakes keepers make most. What went wrong is read from what the decoder
// hands over as data, never from the wording of pe.Message (which is only
// shown, for mistakes not known here): where it stopped (pe.Position), what
// it was reading then (pe.LastKey: the key whose value it was in, or only
// the table when it was between two items), and the text at that place.
func explain(src string, pe toml.ParseError) syntaxProblem {
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
	table := tableAbove(lines, line-1)
	if i := keyLineAbove(lines, line-1, table, pe.LastKey); i >= 0 && i != line-1 {
		// A value over several lines (an array, an inline table or a
		// multi-line string left open, read on to the end of the file or
		// to the next header) is said at its key's line.
		line, text, at, col = i+1, lines[i], len(lines[i]), 1
	}

	key, value, isKey := splitKeyLine(text)
	eq := strings.IndexByte(text, '=')
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
	// What no case below knows is said in the site's language too, never
	// in the decoder's English: a value, or the line, written wrong.
	msg, help := t("data.syntax.line"), t("data.help.syntax")
	if inValue || isKey && between && at > eq {
		msg, help = t("data.syntax.value", key), t("data.help.syntax.value", key)
	}
	trimmed := strings.TrimSpace(text)
	slip, slipped := FindSlip(text, keyWords, tableKeys(table))
	switch slip.Kind {
	case "colon", "unquoted", "unclosed", "date":
		slipped = false // said below, in the words of data/
	}
	h, isHeader := parseHeader(text)
	if strings.HasPrefix(trimmed, "[") {
		col = utf8.RuneCountInString(text[:strings.Index(text, "[")]) + 1
	}
	switch {
	case isKey && thousands.MatchString(value):
		msg, help = t("data.count.separator", key, value), t("data.help.count.write", digitsOnly(value))
	case isKey && dmy.MatchString(value):
		if d, ok := DayMonthYear(value); ok {
			msg, help = t("data.date.dmy", key, value), t("data.help.date.write", key, d)
		} else {
			msg, help = t("data.date.impossible", key, value), t("data.help.date")
		}
	case slipped:
		col = slip.Col
		switch slip.Kind {
		case "key":
			msg, help = t("data.syntax.key", slip.Key), t("data.help.syntax.key.list", strings.Join(tableKeys(table), ", "))
			switch {
			case slip.Near:
				help = t("data.help.didyoumean", slip.Fix)
			case slip.Fix != "":
				help = t("data.help.syntax.key", slip.Fix)
			}
		case "curly":
			msg, help = t("data.syntax.curly"), t("data.help.syntax.curly", slip.Fix)
		case "zero":
			msg, help = t("data.syntax.zero", slip.Val), t("data.help.syntax.zero", slip.Fix)
		case "comma":
			msg, help = t("data.syntax.comma", slip.Val), t("data.help.syntax.comma", slip.Fix)
		case "array":
			msg, help = t("data.syntax.array", key), t("data.help.syntax.array", key)
		case "inline":
			msg, help = t("data.syntax.inline", key), t("data.help.syntax.inline", key)
		case "backslash":
			msg, help = t("data.syntax.backslash", key), t("data.help.syntax.backslash", slip.Fix)
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
		if slip.Kind == "colon" {
			// key: value, as YAML writes it: the line as TOML writes it.
			help = t("data.help.syntax.colon", slip.Fix)
		}
	case inValue && at > eq && strings.HasSuffix(strings.TrimRight(text[:at], " \t"), "=") && isWord(text[at:]):
		// A word where a value belongs: text without quotes.
		msg, help = t("data.syntax.unquoted", key), t("data.help.syntax.unquoted", key)
	case inValue && at >= 0 && at < eq && token == path[0]:
		// The decoder read the key and refused it: it was written before.
		msg, help = t("data.syntax.key.twice", key), t("data.help.syntax.key.twice")
	case inValue && unclosed(value) >= 0 && at >= valueAt+unclosed(value):
		msg, help = t("data.syntax.unclosed", key), t("data.help.syntax.unclosed")
		if value[unclosed(value)] == '\'' {
			help = t("data.help.syntax.singlequote")
		}
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
	return syntaxProblem{line: line, col: col, label: syntaxLabel(lines, line), msg: msg, help: help}
}

// closes reports whether value, one line, closes every open it opens,
// quoted text and a comment aside.
func closes(value string, open, close byte) bool {
	depth, quote := 0, byte(0)
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case quote != 0 && c == '\\' && quote == '"':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return depth == 0
		case c == open:
			depth++
		case c == close:
			depth--
		}
	}
	return depth == 0
}

// tableKeys is the keys a table of the format may hold; for none (the
// top of a file, or a table not in the format) the tables' names.
func tableKeys(table toml.Key) []string {
	if len(table) == 1 {
		switch table[0] {
		case "site":
			return siteKeys
		case "cell":
			return cellKeys
		case "admission":
			return admissionKeys
		case "membership":
			return membershipKeys
		case "target":
			return targetKeys
		case "referrer":
			return referrerKeys
		case "referral":
			return referralKeys
		}
	}
	return tableNames
}

// keyLineAbove finds the line (0-based) at or above line i, in its table,
// where the key whose value the decoder was reading (lastKey, in table) is
// written; -1 when it was reading none, or the line is not found.
func keyLineAbove(lines []string, i int, table toml.Key, lastKey string) int {
	rel, ok := strings.CutPrefix(lastKey, table.String())
	if table == nil {
		rel, ok = "."+lastKey, lastKey != ""
	}
	if !ok || !strings.HasPrefix(rel, ".") {
		return -1
	}
	first, _, _ := strings.Cut(rel[1:], ".")
	for ; i >= 0; i-- {
		if _, isHeader := parseHeader(lines[i]); isHeader {
			return -1
		}
		if k, _, ok := splitKeyLine(lines[i]); ok {
			if path, ok := parseKey(k); ok && path[0] == first {
				return i
			}
		}
	}
	return -1
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
