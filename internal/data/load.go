package data

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unique"

	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/par"
	"sitegen/internal/sitefs"
)

// Load reads every *.toml under data/ in fsys (the site folder), merges
// and validates them. prefix is how the user names the site folder
// ("" or "." for the working directory); every diagnostic's path is
// path.Join(prefix, file). The list holds every error and warning found.
//
// When it finds errors, Load hands on partial data (see Data.Partial)
// for the articles to be checked against: the records no error touches
// (none at all without a [site]). Figures of data that break the
// format's rules (a cycle in the tree, a duplicate record) have no
// meaning: Data.Broken says which figures a broken record may change,
// and the build stops on the errors anyway.
func Load(fsys fs.FS, prefix string) (*Data, diag.List) { return LoadWith(fsys, prefix, nil) }

// Decoded keeps the files Load decoded, by their bytes, for loads of
// many versions of one data/: the figure log loads every version in the
// history, and most files of a version are those of the version before,
// whose decoding (a third of a load) need not be done again. A decoded
// file is only read by the loader. Safe for concurrent use; the zero
// Decoded is empty.
type Decoded struct {
	mu    sync.Mutex
	files map[string]decoded
	used  map[string]bool // the files read since Forget
}

func (c *Decoded) decode(b []byte) decoded {
	if c == nil {
		return decode(b)
	}
	c.mu.Lock()
	d, ok := c.files[string(b)]
	if c.files == nil {
		c.files = make(map[string]decoded)
	}
	if c.used == nil { // a Forget may have come first
		c.used = make(map[string]bool)
	}
	c.used[string(b)] = true
	c.mu.Unlock()
	if ok {
		return d
	}
	d = decode(b)
	c.mu.Lock()
	c.files[string(b)] = d
	c.mu.Unlock()
	return d
}

// Forget drops the files no load read since the last Forget: a history
// read oldest first needs only the files of the version before.
func (c *Decoded) Forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for b := range c.files {
		if !c.used[b] {
			delete(c.files, b)
		}
	}
	c.used = make(map[string]bool)
}

// LoadWith is Load with the files decoded kept in dc (nil keeps none).
func LoadWith(fsys fs.FS, prefix string, dc *Decoded) (*Data, diag.List) {
	if prefix == "." {
		prefix = ""
	}
	l := newLoader(fsys, prefix, dc)
	l.readAll(l.read())
	return l.finish()
}

// Kept keeps the last Load of a site for the next one: serve loads data/
// on every save, most saves are of an article, and a large site's data/
// takes a second to load. The Data and diagnostics are kept while every
// file of data/ reads as it did; when one does not, only the files that
// changed are decoded again. Data is not changed once loaded, so one
// Data serves many builds. Safe for concurrent use; the zero Kept is
// empty.
type Kept struct {
	mu      sync.Mutex
	decoded Decoded
	prefix  string
	files   []*file // what d was loaded from
	d       *Data
	diags   diag.List
	reads   map[string]*read // by path: what readFile made of each file that raised nothing
}

// LoadKept is Load, answered from k when data/ reads as it did.
func LoadKept(fsys fs.FS, prefix string, k *Kept) (*Data, diag.List) {
	if prefix == "." {
		prefix = ""
	}
	l := newLoader(fsys, prefix, &k.decoded)
	files, ok := l.read()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.d != nil && ok && k.prefix == prefix && sameFiles(k.files, files) {
		return k.d, slices.Clone(k.diags) // the caller may append
	}
	if k.prefix != prefix {
		k.reads = nil // a record's position holds the prefix
	}
	l.reads = make(map[string]*read, len(files))
	l.kept = k.reads
	l.readAll(files, ok)
	d, diags := l.finish()
	k.decoded.Forget()
	if k.d != nil && ok && k.prefix == prefix && !k.diags.HasErrors() && !diags.HasErrors() {
		d.change = changeOf(k.d, k.files, k.reads, d, files, l.reads)
	}
	k.prefix, k.files, k.d, k.diags, k.reads = prefix, files, d, slices.Clip(diags), l.reads
	if !ok {
		k.d = nil
	}
	return d, slices.Clone(diags)
}

// sameFiles reports whether two reads of data/ found the same files with
// the same bytes. A file that could not be read is never the same: it
// may read otherwise next time, with no bytes to tell.
func sameFiles(a, b []*file) bool {
	return slices.EqualFunc(a, b, sameFile)
}

// sameFile reports whether two reads of a file found the same bytes at
// the same path.
func sameFile(x, y *file) bool {
	return x.path == y.path && x.err == nil && y.err == nil && bytes.Equal(x.b, y.b)
}

func newLoader(fsys fs.FS, prefix string, dc *Decoded) *loader {
	return &loader{fsys: fsys, prefix: prefix, recs: map[any]*rec{}, maybe: map[string]bool{}, suggested: map[string]string{},
		taint: newTaint(), decoded: dc}
}

// finish checks what was read and says it in the site's language.
func (l *loader) finish() (*Data, diag.List) {
	d := l.validate()
	lang := i18n.VI
	if l.site != nil && i18n.Lang(l.site.Language).Valid() {
		lang = i18n.Lang(l.site.Language)
	}
	return d, l.probs.format(i18n.New(lang))
}

// loader holds one run of Load.
type loader struct {
	fsys    fs.FS
	prefix  string
	probs   problems
	decoded *Decoded

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
	taint       taint

	// kept are the reads of files an earlier load made (LoadKept), by
	// path; reads are this load's, for the next. Both nil for Load.
	kept, reads map[string]*read

	// keySets holds one list of each set of keys records were written
	// with (see keySet).
	keySets  map[string][]string
	lastKeys []string // the set keySet gave last
}

// intern returns s as one string shared with every equal string
// interned, and not a part of another. A text the decoder gives is part
// of its copy of the whole file: the data kept only a cell's id from a
// record, yet held every file of data/ to the end of the build. And a
// cell's id is in every record of it.
func intern(s string) string { return unique.Make(s).Value() }

// keySet is keys, interned: most records of a kind were written with the
// same keys, most often as the record before.
func (l *loader) keySet(keys []string) []string {
	if slices.Equal(keys, l.lastKeys) {
		return l.lastKeys
	}
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(strconv.Itoa(len(k)))
		b.WriteByte(':')
		b.WriteString(k)
	}
	j := b.String()
	if ks, ok := l.keySets[j]; ok {
		l.lastKeys = ks
		return ks
	}
	if l.keySets == nil {
		l.keySets = map[string][]string{}
	}
	for i, k := range keys {
		keys[i] = intern(k)
	}
	l.keySets[j] = keys
	l.lastKeys = keys
	return keys
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

// file is a file of data/ as read: its bytes, or why it could not be.
type file struct {
	path string
	b    []byte
	err  error
}

// read reads the files of data/ in sorted order (fs.WalkDir's order);
// ok is false when data/ itself could not be read, which it reports.
func (l *loader) read() (files []*file, ok bool) {
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
		return nil, false
	}
	return files, true
}

// readAll reads files, as read, into the loader. They are decoded in
// parallel (TOML decoding is most of the time of a large site's data),
// a few ahead of the one being read in, and read in one by one, in order,
// so that records and problems come out as from a serial read. A file's
// decoding is let go once it is read: its records are settled (see
// rec.settle), and a national site's files, all decoded at once, took
// gigabytes.
func (l *loader) readAll(files []*file, ok bool) {
	if !ok {
		return // data/ itself could not be read: said by read
	}
	dec := make([]decoded, len(files))
	kept := make([]*read, len(files))
	par.InOrder(len(files), 2*runtime.GOMAXPROCS(0), func(i int) {
		if f := files[i]; f.err == nil {
			if rd := l.kept[f.path]; rd != nil && bytes.Equal(rd.b, f.b) {
				kept[i] = rd
				return
			}
			dec[i] = l.decoded.decode(f.b)
		}
	}, func(i int) {
		f := files[i]
		if f.err != nil {
			l.cannotRead(f.path, f.err, t("data.file.unreadable"), t("data.help.file.unreadable", f.err.Error()))
			return
		}
		if kept[i] != nil {
			l.replay(kept[i])
			l.reads[f.path] = kept[i]
			return
		}
		before := l.mark()
		l.readFile(f.path, f.b, dec[i])
		dec[i] = decoded{}
		if l.reads != nil {
			if rd := l.since(before); rd != nil {
				rd.b = f.b
				l.reads[f.path] = rd
			}
		}
	})
	if l.files == 0 {
		l.fileProblem("data", 0, 0, t("data.dir.empty"), t("data.help.dir.missing"))
		l.unreadable = true
	}
}

// decoded is what can be made of a file without the loader: its TOML
// decoded and its keys placed.
type decoded struct {
	src    string
	m      map[string]any // nil when nothing of the file could be decoded
	syntax []syntaxProblem
	cut    []string   // the blocks taken out for their syntax errors
	over   *overBound // where the text goes past a bound: it was not decoded
	ix     *fileIndex
	lines  []string
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
	m, text, errs, cut := decodeResuming(src)
	if m == nil {
		return decoded{syntax: errs, cut: cut}
	}
	// The blocks taken out are blank lines of text: the n-th header of
	// text is still the n-th table decoded.
	return decoded{m: m, syntax: errs, cut: cut, ix: scanFile(text), lines: strings.Split(text, "\n")}
}

func (l *loader) readFile(file string, b []byte, dec decoded) {
	if !utf8.Valid(b) {
		line, col := badUTF8(b)
		l.fileProblem(file, line, col, t("data.file.utf8"), t("data.help.file.utf8"))
		l.remember(strings.ToValidUTF8(string(b), "\uFFFD"))
		return
	}
	if dec.over != nil {
		l.boundProblem(file, dec.src, dec.over)
		l.remember(dec.src)
		return
	}
	for _, p := range dec.syntax {
		l.probs.add(problem{pos: Pos{l.display(file), p.line, p.col}, record: p.label, msg: p.msg, help: p.help})
	}
	// What the blocks taken out seem to define is not reported missing.
	for _, c := range dec.cut {
		l.remember(c)
	}
	if dec.m == nil {
		return
	}
	m, ix, lines := dec.m, dec.ix, dec.lines
	// One string for the file's path, shared by the position of each of
	// its records: a national site's data has millions of them.
	shown := l.display(file)
	var recs []*rec
	r := func(m map[string]any, occ *occurrence) *rec {
		rc := &rec{l: l, path: shown, m: m, occ: occ, src: lines}
		recs = append(recs, rc)
		return rc
	}
	defer func() {
		for _, rc := range recs {
			rc.settle()
		}
	}()
	for _, key := range sortedKeys(m) {
		v := m[key]
		at := ix.top.key(key)
		if tops := ix.tables[key]; len(tops) > 0 {
			at = tops[0].at
		}
		pos := at.pos(shown)
		switch key {
		case "site":
			switch v := v.(type) {
			case map[string]any:
				l.readSite(r(v, ix.table(key, 0)))
			case []map[string]any:
				l.probs.add(problem{pos: pos, msg: t("data.site.array"), help: t("data.help.site.array")})
				l.siteArray, l.taint.all = true, true
			default:
				l.probs.add(problem{pos: pos, msg: t("data.site.notable"), help: t("data.help.site.array")})
				l.taint.all = true
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
				occ := &occurrence{name: intern(key), at: at}
				for _, e := range v {
					if em, ok := e.(map[string]any); ok {
						l.readRecord(key, r(em, occ))
					} else {
						l.probs.add(problem{pos: pos, msg: t("data.table.notable", key), help: t("data.help.table.single", key)})
						l.taint.all = true
						break
					}
				}
			default:
				l.probs.add(problem{pos: pos, msg: t("data.table.notable", key), help: t("data.help.table.single", key)})
				l.taint.all = true
			}
		default:
			// A table of a name not in the format: its records are lost.
			l.taint.all = true
			if c := closest(key, tableNames); c != "" {
				l.probs.add(problem{pos: pos, msg: t("data.table.unknown", key), help: t("data.help.didyoumean", c)})
			} else {
				l.probs.add(problem{pos: pos, msg: t("data.table.unknown", key), help: t("data.help.tables", strings.Join(tableNames, ", "))})
			}
		}
	}
}

var tableNames = []string{"site", "cell", "admission", "membership", "target", "referrer", "referral"}

// remember notes what text that does not decode (a file, or a block of
// one) seems to define, so that references to it are not reported as
// unknown: the keeper fixes the syntax first, and then sees what is
// really missing.
func (l *loader) remember(src string) {
	for _, m := range idLine.FindAllStringSubmatch(src, -1) {
		l.maybe[m[1]] = true
	}
	if siteLine.MatchString(src) {
		l.maybeSite = true
	}
	l.taintText(src)
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
