package data

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"sitegen/internal/diag"
	"sitegen/internal/i18n"
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
		l.fileProblem("data", 0, 0, t("data.dir.missing"), t("data.help.dir.missing"))
		l.unreadable = true
		return
	}
	var wg sync.WaitGroup
	next := make(chan *file)
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for f := range next {
				f.dec = decode(f.b)
			}
		})
	}
	for _, f := range files {
		if f.err == nil {
			next <- f
		}
	}
	close(next)
	wg.Wait()
	for _, f := range files {
		if f.err != nil {
			l.fileProblem(f.path, 0, 0, t("data.file.unreadable"), t("data.help.file.unreadable", f.err.Error()))
			l.unreadable = true
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
	err   error // a TOML syntax error
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
// mistakes keepers make most.
func (l *loader) syntaxError(file, src string, err error) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		l.fileProblem(file, 0, 0, t("data.syntax", err.Error()), t("data.help.syntax"))
		return
	}
	line := pe.Position.Line
	lines := strings.Split(src, "\n")
	if line < 1 {
		line = 1
	}
	if line > len(lines) {
		line = len(lines)
	}
	col := 1
	if start := pe.Position.Start; start >= 0 && start <= len(src) {
		ls := strings.LastIndexByte(src[:start], '\n') + 1
		if strings.Count(src[:ls], "\n")+1 == line {
			col = utf8.RuneCountInString(src[ls:start]) + 1
		}
	}
	if line > 1 && strings.Contains(pe.Message, `'\n'`) && strings.HasPrefix(strings.TrimSpace(lines[line-2]), "[") {
		// The decoder saw the end of a header only on the next line.
		line, col = line-1, 1
	}
	text := lines[line-1]
	key, value, isKey := splitKeyLine(text)
	if isKey {
		col = strings.Index(text, key) + 1
		col = utf8.RuneCountInString(text[:col-1]) + 1
	}
	msg, help := t("data.syntax", pe.Message), t("data.help.syntax")
	trimmed := strings.TrimSpace(text)
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
	case isKey && strings.HasPrefix(pe.Message, "invalid datetime"):
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
	case isKey && strings.HasPrefix(value, `"`) && strings.Count(value, `"`) > 2 &&
		strings.HasPrefix(pe.Message, "expected a top-level item to end"):
		msg, help = t("data.syntax.innerquote", key), t("data.help.syntax.innerquote", key)
	case isKey && strings.HasPrefix(pe.Message, "expected a top-level item to end"):
		msg, help = t("data.syntax.trailing", key), t("data.help.syntax.trailing")
	case !isKey && strings.Contains(pe.Message, "expected '.' or '='"):
		col = 1
		msg, help = t("data.syntax.equals"), t("data.help.syntax.equals")
	case isKey && strings.HasPrefix(pe.Message, "expected value but found"):
		msg, help = t("data.syntax.unquoted", key), t("data.help.syntax.unquoted", key)
	case isKey && strings.Contains(pe.Message, "strings cannot contain newlines"):
		msg, help = t("data.syntax.unclosed", key), t("data.help.syntax.unclosed")
	case strings.Contains(pe.Message, "has already been defined") && strings.HasPrefix(trimmed, "["):
		name := strings.Trim(trimmed, "[] \t")
		if i := strings.IndexAny(name, "]#"); i >= 0 {
			name = strings.TrimSpace(name[:i])
		}
		msg, help = t("data.table.single", name), t("data.help.table.single", name)
		if name == "site" {
			msg, help = t("data.syntax.table.twice", name), t("data.help.site.twice")
		}
	case strings.Contains(pe.Message, "has already been defined") && isKey:
		msg, help = t("data.syntax.key.twice", key), t("data.help.syntax.key.twice")
	case strings.Contains(pe.Message, "cannot be used as an array"):
		// [admission] and [[admission]] in one file: point at the single one.
		name := strings.Trim(trimmed, "[] \t")
		for i, ln := range lines {
			if strings.TrimSpace(ln) == "["+name+"]" {
				line, col = i+1, strings.Index(ln, "[")+1
				break
			}
		}
		msg, help = t("data.table.single", name), t("data.help.table.single", name)
	case strings.HasPrefix(trimmed, "["):
		msg, help = t("data.syntax.header"), t("data.help.syntax.header")
	}
	l.probs.add(problem{pos: Pos{l.display(file), line, col}, record: syntaxLabel(lines, line), msg: msg, help: help})
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
