package form

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/sitefs"
)

// Options are what `sitegen import` is told.
type Options struct {
	Src    string // the site folder
	Prefix string // how the user names it, for messages ("" for the working directory)
	Form   string // the form's path
	// FormName is how the user named the form, for messages.
	FormName string
	Kind     string
	Sheet    string // "" for the first sheet with a header of Kind, visible ones first
	Year     int    // the year of every record that has none of its own; 0 for none
	Map      string // a mapping file: [columns] "header as the form writes it" = "key"
	DryRun   bool
}

// Result is what an import wrote, or would write.
type Result struct {
	Path    string // the file of data/, as the user would name it
	Sheet   string // the sheet read; "" for a CSV file
	Records int
	Changed bool   // the file is new or its text changed
	Diff    string // the change, for -dry-run
	Locale  *i18n.Locale
}

// marker starts every file import writes: a file without it is not
// import's to replace.
const marker = "# sitegen import: "

// Import reads the form, makes its records, checks them with the site's
// data as `check` does, and, when there is no error, writes them into
// one file of data/ named after the form, its kind and year. Every
// message is at its cell of the form. Nothing is written on an error,
// nor with DryRun; no other file is ever touched.
func Import(opts Options) (Result, diag.List, error) {
	fsys := sitefs.New(opts.Src)
	site, diags := data.Load(fsys, opts.Prefix)
	loc := i18n.New(i18n.VI)
	if site != nil && i18n.Lang(site.Site.Language).Valid() {
		loc = i18n.New(i18n.Lang(site.Site.Language))
	}
	res := Result{Locale: loc}
	var out diag.List
	fail := func(path string, msg, help string) (Result, diag.List, error) {
		out = append(out, &diag.Diagnostic{Path: path, Msg: msg, Help: help})
		return res, out, nil
	}
	if site == nil {
		return res, diags, nil
	}
	kind, ok := LookupKind(opts.Kind)
	if !ok {
		help := loc.T("import.kind.help", strings.Join(KindNames(), ", "))
		if s := data.Suggest(opts.Kind, KindNames()); s != "" {
			help = loc.T("import.did_you_mean", s)
		}
		return fail("sitegen import", loc.T("import.kind", opts.Kind), help)
	}
	mapping, more := readMapping(opts.Map, kind, loc)
	if out = append(out, more...); out.HasErrors() {
		return res, out, nil
	}
	grids, err := Read(opts.Form, opts.FormName, opts.Sheet)
	var noSheet *errSheet
	switch {
	case errors.As(err, &noSheet):
		return fail(opts.FormName, loc.T("import.no_sheet", noSheet.Name), loc.T("import.sheets", strings.Join(noSheet.Sheets, ", ")))
	case errors.Is(err, errExtension):
		return fail(opts.FormName, loc.T("import.extension"), loc.T("import.extension.help"))
	case err != nil:
		return fail(opts.FormName, loc.T("import.unreadable", err.Error()), loc.T("import.unreadable.help"))
	}
	var g *Grid
	var h *header
	for _, c := range grids {
		c.spreadMerged()
		if h = findHeader(c, kind, mapping); h != nil {
			g = c
			break
		}
	}
	if h == nil {
		var heads []string
		for _, a := range kind.key(kind.Row).Headers[:min(2, len(kind.key(kind.Row).Headers))] {
			heads = append(heads, "“"+a+"”")
		}
		return fail(opts.FormName, loc.T("import.no_header", strings.Join(heads, ", "), kind.Name), loc.T("import.no_header.help"))
	}
	res.Sheet = g.Sheet
	r := &reader{g: g, h: h, kind: kind, loc: loc, opts: opts, names: newNames(site, kind, g, h)}
	recs := r.records()
	out = append(out, r.diags...)
	res.Records = len(recs)
	if len(recs) == 0 && !out.HasErrors() {
		return fail(opts.FormName, loc.T("import.empty"), loc.T("import.empty.help"))
	}

	rel := "data/" + fileName(opts.FormName, kind.Name, opts.Year) + ".toml"
	res.Path = path.Join(opts.Prefix, rel)
	text, lines := r.toml(recs, res.Path)
	// The records are checked with the rest of data/ by data.Load, as
	// check will: its rules and messages, each put back at its cell.
	files := fstest.MapFS{}
	err = fs.WalkDir(fsys, "data", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || p == rel {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return res, out, err
	}
	files[rel] = &fstest.MapFile{Data: []byte(text)}
	_, checked := data.Load(files, opts.Prefix)
	for _, d := range checked {
		if d.Path == res.Path {
			at, ok := lines[d.Line]
			if !ok {
				continue // the file as a whole: said of its records too
			}
			d.Path, d.Line, d.Col = g.Pos(at.Row, at.Col)
		} else if d.Severity == diag.Warning {
			continue // not about this form
		}
		d.Msg, d.Help = r.placed(d.Msg, res.Path, lines), r.placed(d.Help, res.Path, lines)
		out = append(out, d)
	}
	out = dedupe(out)
	sortByCell(out)
	if out.HasErrors() {
		return res, out, nil
	}

	target := filepath.Join(opts.Src, filepath.FromSlash(rel))
	old, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return res, out, err
	case !bytes.HasPrefix(old, []byte(marker)):
		return fail(res.Path, loc.T("import.not_ours"), loc.T("import.not_ours.help"))
	}
	res.Changed = string(old) != text
	if opts.DryRun {
		res.Diff = diffLines(string(old), text, res.Path)
		return res, out, nil
	}
	if !res.Changed {
		return res, out, nil
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return res, out, err
	}
	return res, out, os.WriteFile(target, []byte(text), 0o644)
}

// fileName is the base name of the file of data/ an import writes:
// the form's name, its kind, its year, as a slug.
func fileName(form, kind string, year int) string {
	base := strings.TrimSuffix(filepath.Base(form), filepath.Ext(form))
	name := content.Slugify(base)
	if name == "" {
		name = "bieu-mau"
	}
	name += "-" + kind
	if y := strconv.Itoa(year); year != 0 && !strings.Contains(name, y) {
		name += "-" + y
	}
	return name
}

// readMapping reads a mapping file: [columns] "header" = "key".
func readMapping(file string, kind *Kind, loc *i18n.Locale) (map[string]string, diag.List) {
	if file == "" {
		return nil, nil
	}
	var m struct{ Columns map[string]string }
	md, err := toml.DecodeFile(file, &m)
	var perr toml.ParseError
	switch {
	case errors.As(err, &perr):
		return nil, diag.List{{Path: file, Line: perr.Position.Line, Col: perr.Position.Col, Msg: perr.Message}}
	case err != nil:
		return nil, diag.List{{Path: file, Msg: loc.T("import.unreadable", err.Error()), Help: loc.T("import.map.help")}}
	}
	var out diag.List
	for _, k := range md.Undecoded() {
		out = append(out, &diag.Diagnostic{Path: file, Msg: loc.T("import.map.key", k.String()), Help: loc.T("import.map.help")})
	}
	mapping := map[string]string{}
	var keys []string
	for _, k := range kind.Keys {
		keys = append(keys, k.Name)
	}
	for header, key := range m.Columns {
		if kind.key(key) == nil {
			help := loc.T("import.keys", kind.Name, strings.Join(keys, ", "))
			if s := data.Suggest(key, keys); s != "" {
				help = loc.T("import.did_you_mean", s)
			}
			out = append(out, &diag.Diagnostic{Path: file, Msg: loc.T("import.map.unknown", header, key, kind.Name), Help: help})
			continue
		}
		mapping[normal(header)] = key
	}
	return mapping, out
}

// dedupe drops a message said twice at one place: two keys of one
// record missing at one cell.
func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	var out diag.List
	for _, d := range l {
		if s := d.Error(); !seen[s] {
			seen[s] = true
			out = append(out, d)
		}
	}
	return out
}

// placed names, in a message of data/, a line of the generated file by
// its cell of the form ("đã có ở data/x.toml:12" → "… bieu-mau.xlsx:Sheet1!B7").
func (r *reader) placed(msg, file string, lines map[int]Cell) string {
	if !strings.Contains(msg, file+":") {
		return msg
	}
	re := regexp.MustCompile(regexp.QuoteMeta(file) + `:([0-9]+)(?::[0-9]+)?`)
	return re.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(re.FindStringSubmatch(m)[1])
		at, ok := lines[n]
		if !ok {
			return m
		}
		p, line, col := r.g.Pos(at.Row, at.Col)
		if line > 0 {
			return fmt.Sprintf("%s:%d:%d", p, line, col)
		}
		return p
	})
}

// sortByCell sorts messages about a form in the order it is read: by
// file and sheet, then row, then column, so that B6 comes before B10 and
// a row's mistakes come together, which the text "Sheet1!B10" does not
// give. Messages of a CSV form have their line and column already.
func sortByCell(l diag.List) {
	slices.SortStableFunc(l, func(a, b *diag.Diagnostic) int {
		ap, ar, ac := cellOf(a)
		bp, br, bc := cellOf(b)
		return cmp.Or(
			cmp.Compare(ap, bp),
			cmp.Compare(ar, br),
			cmp.Compare(ac, bc),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// cellOf is where d is: the file (and sheet), row and column, from
// "f.xlsx:Sheet1!B10" or from d's line and column.
func cellOf(d *diag.Diagnostic) (where string, row, col int) {
	if i := strings.LastIndexByte(d.Path, '!'); i >= 0 {
		if c, r, err := excelize.CellNameToCoordinates(d.Path[i+1:]); err == nil {
			return d.Path[:i], r, c
		}
	}
	return d.Path, d.Line, d.Col
}
