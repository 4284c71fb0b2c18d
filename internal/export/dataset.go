package export

import (
	"bytes"
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/made"
	"sitegen/internal/version"
)

// Set names one table of the complete data set, one record type of the
// format; it is also the base of the table's file name.
type Set string

const (
	Cells       Set = "cells"
	Admissions  Set = "admissions"
	Memberships Set = "memberships"
	Targets     Set = "targets"
	Referrers   Set = "referrers"
	Referrals   Set = "referrals"
)

// Sets lists the tables of the data set in the order the data page shows
// them and data.json holds them.
var Sets = []Set{Admissions, Memberships, Targets, Referrals, Cells, Referrers}

// FileName is the CSV file of the table: admissions.csv.
func (s Set) FileName() string { return string(s) + ".csv" }

// JSONFileName is the one JSON file that holds the whole data set.
const JSONFileName = "data.json"

// Column is one column of a data set table, in its CSV file and in the
// objects of data.json.
type Column struct {
	Name string // as written in the header: the TOML key where there is one
	key  string // its description in the catalogue
	arg  string // the count an _approx column is about
}

// Description is a short explanation of the column for the data page.
func (c Column) Description(loc *i18n.Locale) string {
	if c.arg != "" {
		return loc.T(c.key, c.arg)
	}
	return loc.T(c.key)
}

// Label is the column's short heading in the site's language, for the
// data page: "Kết nạp", "Kết nạp (mức gần đúng)". The downloads keep Name.
func (c Column) Label(loc *i18n.Locale) string {
	key, of := c.heads()
	if of != "" {
		return loc.T(key, loc.T(of))
	}
	return loc.T(key)
}

// IsApprox reports whether the column says how the count before it was
// approximate as published: over, under, about, or empty when exact.
func (c Column) IsApprox() bool { return c.arg != "" }

// heads are the catalogue keys of the column's heading and, for an
// _approx column, of the heading of the count it is about.
func (c Column) heads() (key, of string) {
	if c.arg != "" {
		return "export.head.approx", "export.head." + c.arg
	}
	return "export.head." + c.Name, ""
}

// Keys are the catalogue keys the column's texts are made of, so that a
// test can check the catalogue holds them.
func (c Column) Keys() []string {
	key, of := c.heads()
	if of != "" {
		return []string{c.key, key, of}
	}
	return []string{c.key, key}
}

func col(name string) Column { return Column{Name: name, key: "export.col." + name} }

// colIn is a column whose meaning depends on the table it is in (kind,
// admitted, year …).
func colIn(s Set, name string) Column {
	return Column{Name: name, key: "export.col." + string(s) + "." + name}
}

// counted is a count column and its approximation column.
func counted(c Column) []Column {
	return []Column{c, {Name: c.Name + "_approx", key: "export.col.approx", arg: c.Name}}
}

// Columns lists the columns of a table of the data set, in order, ending
// with the data version columns every CSV row carries (data.json holds
// the version once, at its top).
func Columns(s Set) []Column {
	var cs []Column
	add := func(c ...Column) { cs = append(cs, c...) }
	switch s {
	case Cells:
		add(colIn(s, "id"), colIn(s, "name"), colIn(s, "kind"), col("parent"), col("enterprise"),
			col("ownership"), col("founded"), col("closed"), col("successor"), col("former_names"))
	case Admissions:
		add(col("cell"), col("cell_name"), col("year"), col("from"), col("to"), col("as_of"))
		for _, k := range data.AdmissionCounts {
			add(counted(colIn(s, k))...)
		}
		add(col("source"))
	case Memberships:
		add(col("cell"), col("cell_name"), col("date"))
		add(counted(col("members"))...)
		add(counted(col("units"))...)
		add(col("source"))
	case Targets:
		add(col("cell"), col("cell_name"), colIn(s, "year"), colIn(s, "from"), colIn(s, "to"),
			col("min"), col("max"), col("source"))
	case Referrers:
		add(colIn(s, "id"), colIn(s, "name"), colIn(s, "kind"))
	case Referrals:
		add(col("referrer"), col("referrer_name"), colIn(s, "cell"), col("cell_name"), colIn(s, "year"))
		add(counted(col("referred"))...)
		add(counted(colIn(s, "admitted"))...)
		add(col("source"))
	}
	return append(cs, col(ColDataVersion), col(ColDataDate))
}

// names gives the names of cells and referrers by id. It reads the
// records rather than the data's index so that any *data.Data works.
type names struct{ cells, referrers map[string]string }

func namesOf(d *data.Data) names {
	n := names{cells: map[string]string{}, referrers: map[string]string{}}
	for _, c := range d.Cells {
		n.cells[c.ID] = c.Name
	}
	for _, r := range d.Referrers {
		n.referrers[r.ID] = r.Name
	}
	return n
}

func appendCount(r []cell, c data.Count) []cell {
	if !c.Set {
		return append(r, cell{}, cell{})
	}
	return append(r, integer(c.Value), approx(c.Approx))
}

// appendPeriod writes a period the way the format does: `year` for one
// year, `from` and `to` for a span.
func appendPeriod(r []cell, p data.Period) []cell {
	if p.IsYear() {
		return append(r, integer(int64(p.From)), cell{}, cell{})
	}
	return append(r, cell{}, integer(int64(p.From)), integer(int64(p.To)))
}

func list(ss []string) cell {
	if len(ss) == 0 {
		return cell{}
	}
	c := text(strings.Join(ss, "; "))
	var b bytes.Buffer
	writeJSON(&b, ss)
	c.kind, c.text = jsonRaw, b.String()
	return c
}

// dataSheet is one table of the data set, without the version columns.
func dataSheet(d *data.Data, n names, s Set) *sheet {
	cs := Columns(s)
	sh := &sheet{}
	for _, c := range cs[:len(cs)-2] {
		sh.header = append(sh.header, c.Name)
	}
	sh.rows = func(yield func([]cell) bool) {
		r := make([]cell, 0, len(sh.header))
		switch s {
		case Cells:
			for _, c := range d.Cells {
				r = append(r[:0], text(c.ID), text(c.Name), text(c.Kind), text(c.Parent), text(c.Enterprise),
					text(c.Ownership), date(c.Founded), date(c.Closed), text(c.Successor), list(c.FormerNames))
				if !yield(r) {
					return
				}
			}
		case Admissions:
			for _, a := range d.Admissions {
				r = append(r[:0], text(a.Cell), text(n.cells[a.Cell]))
				r = appendPeriod(r, a.Period)
				r = append(r, date(a.AsOf))
				for _, k := range data.AdmissionCounts {
					c, _ := a.Counts.Get(k)
					r = appendCount(r, c)
				}
				r = append(r, text(a.Source))
				if !yield(r) {
					return
				}
			}
		case Memberships:
			for _, m := range d.Memberships {
				r = append(r[:0], text(m.Cell), text(n.cells[m.Cell]), date(m.Date))
				r = appendCount(r, m.Members)
				r = appendCount(r, m.Units)
				r = append(r, text(m.Source))
				if !yield(r) {
					return
				}
			}
		case Targets:
			for _, t := range d.Targets {
				r = append(r[:0], text(t.Cell), text(n.cells[t.Cell]))
				r = appendPeriod(r, t.Period)
				r = append(r, integer(t.Min), integer(t.Max), text(t.Source))
				if !yield(r) {
					return
				}
			}
		case Referrers:
			for _, x := range d.Referrers {
				r = append(r[:0], text(x.ID), text(x.Name), text(x.Kind))
				if !yield(r) {
					return
				}
			}
		case Referrals:
			for _, x := range d.Referrals {
				r = append(r[:0], text(x.Referrer), text(n.referrers[x.Referrer]), text(x.Cell), text(n.cells[x.Cell]),
					integer(int64(x.Year)))
				r = appendCount(r, x.Referred)
				r = appendCount(r, x.Admitted)
				r = append(r, text(x.Source))
				if !yield(r) {
					return
				}
			}
		}
	}
	return sh
}

// DataCSV is one table of the complete data set as a CSV file, every
// record as the data hold it (no sums, no derived figures).
func DataCSV(d *data.Data, v version.Version, s Set) []byte {
	sh := dataSheet(d, namesOf(d), s)
	return sized(func(w writer) { sh.writeCSV(w, v) })
}

// DataJSON is the complete data set as one JSON object: the format
// version, the data version, the [site] table and every table of Sets as
// an array of objects with the columns of its CSV file. A key that a
// record does not hold is left out, as in the TOML it came from.
func DataJSON(d *data.Data, v version.Version) []byte {
	n := namesOf(d)
	sheets := map[Set]*sheet{}
	for _, s := range Sets {
		sheets[s] = dataSheet(d, n, s)
	}
	return dataJSON(d, v, sheets)
}

func dataJSON(d *data.Data, v version.Version, sheets map[Set]*sheet) []byte {
	return sized(func(b writer) {
		o := newObject(b, "")
		o.key("format")
		writeJSON(b, max(d.Site.Format, 1))
		versionFields(o, v)
		o.key("site")
		site := newObject(b, "  ")
		site.field("title", d.Site.Title)
		site.field("root", d.Site.Root)
		site.field("language", d.Site.Language)
		site.field("base_url", d.Site.BaseURL)
		site.field("description", d.Site.Description)
		site.field("publisher", d.Site.Publisher)
		site.end()
		for _, s := range Sets {
			o.key(string(s))
			sheets[s].jsonRows(b)
		}
		o.end()
		b.WriteString("\n")
	})
}

// File is one download of the data page.
type File struct {
	Name  string // file name within the data page's folder
	Bytes []byte
	// Make, when set, makes Bytes: a file that costs enough to make
	// that a writer may make it only when it is asked for (see
	// render.LazyWriter). It gives the same bytes at every call.
	Make func() ([]byte, error)
	// Key, when set, is the key of what Make's bytes depend on (see
	// package made): a build may take the file from the previous output
	// instead of making it.
	Key func() made.Key
}

// DataFiles is the complete data set: a CSV file for each of Sets, then
// data.json. Each is made by its Make when it is written, so that a
// writer holds one at a time: a national data set is hundreds of
// megabytes (data.json alone 336 MB), which a build held to its end.
func DataFiles(d *data.Data, v version.Version) []File {
	var fs []File
	for _, s := range Sets {
		fs = append(fs, File{Name: s.FileName(), Make: func() ([]byte, error) { return DataCSV(d, v, s), nil }})
	}
	return append(fs, File{Name: JSONFileName, Make: func() ([]byte, error) { return DataJSON(d, v), nil }})
}

// DataRows is the number of rows of the table s of the data set, as
// its files hold them, without making a file.
func DataRows(d *data.Data, s Set) int {
	n := 0
	for range dataSheet(d, names{}, s).rows { // names are not read to count
		n++
	}
	return n
}
