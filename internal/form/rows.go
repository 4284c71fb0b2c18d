package form

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

// headerRows is how far down a form's header may be: below a title, a
// subtitle, a date line.
const headerRows = 30

// header is where a form's header is and what each column holds.
type header struct {
	last    int          // the header's last row, 0-based in Grid.Rows
	keys    map[int]*Key // by 0-based column
	labels  map[int]Cell // each column's header as written, for messages
	rowCol  int          // the column of Kind.Row
	ignored []Cell       // headers of no key, other than a row number's
}

// findHeader finds the header of kind in g: the first row with the
// column that names a row and another of kind's columns. A header
// written on two rows ("Trong đó" over "Nữ", "Đoàn viên") takes its
// second row too; a column's key is its lower header's, else its upper
// one's ("Đơn vị" merged over both rows).
func findHeader(g *Grid, kind *Kind, mapping map[string]string) *header {
	for r := 0; r < min(len(g.Rows), headerRows); r++ {
		h := &header{last: r, keys: map[int]*Key{}, labels: map[int]Cell{}, rowCol: -1}
		for c, cell := range g.Rows[r] {
			if k := kind.headerKey(cell.Text, mapping); k != nil {
				h.keys[c], h.labels[c] = k, cell
			}
		}
		if r+1 < len(g.Rows) {
			lower := 0
			for c, cell := range g.Rows[r+1] {
				if k := kind.headerKey(cell.Text, mapping); k != nil && k.Name != kind.Row && h.keys[c] != k {
					lower++
				}
			}
			if lower > 0 {
				h.last = r + 1
				for c, cell := range g.Rows[r+1] {
					if k := kind.headerKey(cell.Text, mapping); k != nil {
						h.keys[c], h.labels[c] = k, cell
					}
				}
			}
		}
		figures := 0
		for c, k := range h.keys {
			switch {
			case k.Name == kind.Row && h.labels[c].Row == r+1 && (h.rowCol < 0 || c < h.rowCol):
				h.rowCol = c
			case k.Name != kind.Row && !slices.Contains(labelKeys, k.Name):
				figures++
			}
		}
		if h.rowCol < 0 || figures == 0 {
			continue
		}
		for row := r; row <= h.last; row++ {
			for c, cell := range g.Rows[row] {
				if _, ok := h.keys[c]; !ok && cell.Text != "" && !rowNumber(cell.Text) && !slices.ContainsFunc(h.ignored, func(x Cell) bool { return x.Col == cell.Col }) {
					h.ignored = append(h.ignored, cell)
				}
			}
		}
		return h
	}
	return nil
}

// labelKeys say which record a row is or where it comes from: a header
// needs a key of another kind too, a figure or a name, so that a form
// of admissions is not read as one of targets for its "Đơn vị" and
// "Ghi chú/Nguồn".
var labelKeys = []string{"cell", "year", "from", "to", "source", "as_of", "date"}

// rowNumber tells the header of a row number column (STT, TT).
func rowNumber(s string) bool {
	switch normal(s) {
	case "stt", "tt", "số tt", "số thứ tự", "trong đó", "trong đó:":
		return true
	}
	return false
}

// numbering is a row of column numbers under a header: (1), (2), A, B.
var numbering = regexp.MustCompile(`^\(?[0-9A-Za-z]{1,2}\)?$`)

// totalWords start a total row's label.
var totalWords = []string{"tổng", "cộng", "total"}

func isTotal(s string) bool {
	s = normal(s)
	for _, w := range totalWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// reader makes the records of one sheet.
type reader struct {
	g     *Grid
	h     *header
	kind  *Kind
	loc   *i18n.Locale
	opts  Options
	names *names
	diags diag.List
}

// record is one row of the form as a record of the format: its lines,
// each with the cell it came from.
type record struct {
	at    Cell // the cell that names the row
	lines []line
}

type line struct {
	key, value string
	at         Cell
}

func (r *reader) add(sev diag.Severity, at Cell, msg, help string) {
	p, l, c := r.g.Pos(at.Row, at.Col)
	d := &diag.Diagnostic{Path: p, Line: l, Col: c, Severity: sev, Msg: msg, Help: help}
	if sev == diag.Warning {
		d.Marker = r.loc.T("diag.warning")
	}
	r.diags = append(r.diags, d)
}

// records reads every row below the header, up to a total row, which
// is checked against the rows above it and not imported.
func (r *reader) records() []record {
	for _, c := range r.h.ignored {
		r.add(diag.Warning, c, r.loc.T("import.column_ignored", c.Text, r.kind.Name), r.loc.T("import.column_ignored.help"))
	}
	var recs []record
	cols := slices.Sorted(mapKeys(r.h.keys))
	sums := map[int]int64{}  // count columns' sums, by column
	unsure := map[int]bool{} // a column with a value that is not a count: no sum to check
	for i := r.h.last + 1; i < len(r.g.Rows); i++ {
		name := r.g.cellAt(i, r.h.rowCol)
		empty := true
		for _, c := range cols {
			if strings.TrimSpace(r.g.cellAt(i, c).Text) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if i == r.h.last+1 && numbering.MatchString(strings.TrimSpace(name.Text)) {
			continue
		}
		if r.totalRow(i) {
			r.checkTotal(i, cols, sums, unsure)
			break
		}
		if strings.TrimSpace(name.Text) == "" {
			r.add(diag.Error, name, r.loc.T("import.no_name", r.h.labels[r.h.rowCol].Text), r.loc.T("import.no_name.help"))
			continue
		}
		rec, ok := r.record(i, cols)
		for _, c := range cols {
			if r.h.keys[c].Type != countValue {
				continue
			}
			if cell := r.g.cellAt(i, c); strings.TrimSpace(cell.Text) != "" {
				if _, n, ok := countTOML(cell); ok {
					sums[c] += n
				} else {
					unsure[c] = true
				}
			}
		}
		if ok {
			recs = append(recs, rec)
		}
	}
	return recs
}

// totalRow tells a row whose label (in the naming column, or the first
// text of the row, merged over STT) says it is a total.
func (r *reader) totalRow(i int) bool {
	for _, c := range r.g.Rows[i] {
		if t := strings.TrimSpace(c.Text); t != "" {
			if isTotal(t) {
				return true
			}
			if c.Col-1 >= r.h.rowCol {
				break
			}
		}
	}
	return false
}

func (r *reader) checkTotal(i int, cols []int, sums map[int]int64, unsure map[int]bool) {
	for _, c := range cols {
		cell := r.g.cellAt(i, c)
		if r.h.keys[c].Type != countValue || unsure[c] || strings.TrimSpace(cell.Text) == "" {
			continue
		}
		if _, n, ok := countTOML(cell); ok && n != sums[c] {
			r.add(diag.Error, cell, r.loc.T("import.total", r.h.labels[c].Text, r.loc.Int(n), r.loc.Int(sums[c])), r.loc.T("import.total.help"))
		}
	}
}

// record makes the record of row i; ok is false when a cell it names is
// unknown (said already), so that data/ is not asked about it again.
func (r *reader) record(i int, cols []int) (record, bool) {
	name := r.g.cellAt(i, r.h.rowCol)
	rec := record{at: name}
	byKey := map[string]line{}
	ok := true
	for _, c := range cols {
		k := r.h.keys[c]
		cell := r.g.cellAt(i, c)
		t := strings.TrimSpace(cell.Text)
		if t == "" && cell.Formula != "" {
			r.add(diag.Error, cell, r.loc.T("import.formula_empty", cell.Formula), r.loc.T("import.formula.help"))
			ok = false
			continue
		}
		if t == "" {
			continue
		}
		if cell.Formula != "" {
			r.add(diag.Warning, cell, r.loc.T("import.formula", cell.Formula, t), r.loc.T("import.formula.help"))
		}
		set := func(key, value string) {
			if _, dup := byKey[key]; !dup {
				byKey[key] = line{key: key, value: value, at: cell}
			}
		}
		switch k.Type {
		case countValue:
			v, _, _ := countTOML(cell)
			set(k.Name, v)
		case dateValue:
			set(k.Name, dateTOML(cell))
		case yearValue, intValue:
			set(k.Name, intTOML(cell))
		case rangeValue:
			lo, hi := rangeTOML(cell)
			set("min", lo)
			set("max", hi)
		case slugValue:
			set(k.Name, slugTOML(cell))
		case listValue:
			set(k.Name, listTOML(cell))
		case cellRef, referrerRef:
			id, found := r.names.resolve(r, k.Type, cell)
			if !found {
				ok = false
				continue
			}
			set(k.Name, quote(id))
		default:
			set(k.Name, quote(t))
		}
	}
	if r.kind.Year && r.opts.Year != 0 {
		_, y := byKey["year"]
		_, f := byKey["from"]
		if !y && !f {
			byKey["year"] = line{key: "year", value: strconv.Itoa(r.opts.Year), at: name}
		}
	}
	for _, k := range r.kind.Keys {
		names := []string{k.Name}
		if k.Type == rangeValue {
			names = []string{"min", "max"}
		}
		for _, n := range names {
			if l, found := byKey[n]; found && !slices.ContainsFunc(rec.lines, func(x line) bool { return x.key == n }) {
				rec.lines = append(rec.lines, l)
			}
		}
	}
	return rec, ok
}

// toml is the file of the records, and the cell each of its lines came
// from, by line number.
func (r *reader) toml(recs []record, file string) (string, map[int]Cell) {
	var b strings.Builder
	sheet := r.g.File
	if r.g.Sheet != "" {
		sheet += ", " + r.g.Sheet
	}
	args := "-kind " + r.kind.Name
	if r.opts.Year != 0 {
		args += " -year " + strconv.Itoa(r.opts.Year)
	}
	fmt.Fprintf(&b, "%s%s (%s)\n", marker, sheet, args)
	fmt.Fprintf(&b, "# %s\n", r.loc.T("import.comment"))
	lines := map[int]Cell{}
	n := 2
	for _, rec := range recs {
		fmt.Fprintf(&b, "\n[[%s]]\n", r.kind.Name)
		n += 2
		lines[n] = rec.at
		for _, l := range rec.lines {
			fmt.Fprintf(&b, "%s = %s\n", l.key, l.value)
			n++
			lines[n] = l.at
		}
	}
	return b.String(), lines
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// names finds the id of a cell or referrer a form names: by id, by
// name, by a former name, else says which it may be.
type names struct {
	cells, referrers *nameIndex
}

type nameIndex struct {
	ids    map[string]string // normal(id, name or former name) → id
	labels []string          // every name and id, normalised, for "did you mean"
	names  map[string]string // id → name
}

func newIndex() *nameIndex {
	return &nameIndex{ids: map[string]string{}, names: map[string]string{}}
}

func (x *nameIndex) put(id, name string, former []string) {
	for _, s := range append([]string{id, name}, former...) {
		if k := normal(s); k != "" {
			if _, dup := x.ids[k]; !dup {
				x.ids[k] = id
				x.labels = append(x.labels, k)
			}
		}
	}
	if name != "" {
		x.names[id] = name
	}
}

// newNames indexes the site's cells and referrers, and for a form of
// cells the ones it adds, which its rows may name as parent or
// successor.
func newNames(d *data.Data, kind *Kind, g *Grid, h *header) *names {
	n := &names{cells: newIndex(), referrers: newIndex()}
	for _, c := range d.Cells {
		n.cells.put(c.ID, c.Name, c.FormerNames)
	}
	for _, x := range d.Referrers {
		n.referrers.put(x.ID, x.Name, nil)
	}
	if kind.Name == "cell" {
		nameCol := -1
		for c, k := range h.keys {
			if k.Name == "name" {
				nameCol = c
			}
		}
		for i := h.last + 1; i < len(g.Rows); i++ {
			if id := strings.TrimSpace(g.cellAt(i, h.rowCol).Text); id != "" {
				name := ""
				if nameCol >= 0 {
					name = strings.TrimSpace(g.cellAt(i, nameCol).Text)
				}
				n.cells.put(id, name, nil)
			}
		}
	}
	return n
}

// resolve is the id of the cell or referrer that cell names; when there
// is none it says so at the cell, with the nearest name.
func (n *names) resolve(r *reader, t valueType, cell Cell) (string, bool) {
	x, what, help := n.cells, "import.unknown_cell", r.loc.T("import.unknown_cell.help")
	if t == referrerRef {
		x, what, help = n.referrers, "import.unknown_referrer", r.loc.T("import.unknown_referrer.help")
	}
	text := strings.TrimSpace(cell.Text)
	if id, ok := x.ids[normal(text)]; ok {
		return id, true
	}
	if s := data.Suggest(normal(text), x.labels); s != "" {
		id := x.ids[s]
		help = r.loc.T("import.did_you_mean_cell", x.names[id], id)
	}
	r.add(diag.Error, cell, r.loc.T(what, text), help)
	return "", false
}
