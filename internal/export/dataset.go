package export

import (
	"bytes"
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
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

func count(c data.Count) []cell {
	if !c.Set {
		return make([]cell, 2)
	}
	return []cell{integer(c.Value), approx(c.Approx)}
}

// period writes a period the way the format does: `year` for one year,
// `from` and `to` for a span.
func period(p data.Period) []cell {
	if p.IsYear() {
		return []cell{integer(int64(p.From)), {}, {}}
	}
	return []cell{{}, integer(int64(p.From)), integer(int64(p.To))}
}

func list(ss []string) cell {
	if len(ss) == 0 {
		return cell{}
	}
	c := text(strings.Join(ss, "; "))
	c.json = ss
	return c
}

// dataSheet is one table of the data set, without the version columns.
func dataSheet(d *data.Data, s Set) *sheet {
	cs := Columns(s)
	sh := &sheet{}
	for _, c := range cs[:len(cs)-2] {
		sh.header = append(sh.header, c.Name)
	}
	n := namesOf(d)
	row := func(cells ...[]cell) {
		var r []cell
		for _, c := range cells {
			r = append(r, c...)
		}
		sh.rows = append(sh.rows, r)
	}
	one := func(c ...cell) []cell { return c }
	switch s {
	case Cells:
		for _, c := range d.Cells {
			row(one(text(c.ID), text(c.Name), text(c.Kind), text(c.Parent), text(c.Enterprise),
				text(c.Ownership), date(c.Founded), date(c.Closed), text(c.Successor), list(c.FormerNames)))
		}
	case Admissions:
		for _, a := range d.Admissions {
			var counts []cell
			for _, k := range data.AdmissionCounts {
				counts = append(counts, count(a.Counts[k])...)
			}
			row(one(text(a.Cell), text(n.cells[a.Cell])), period(a.Period), one(date(a.AsOf)), counts, one(text(a.Source)))
		}
	case Memberships:
		for _, m := range d.Memberships {
			row(one(text(m.Cell), text(n.cells[m.Cell]), date(m.Date)), count(m.Members), count(m.Units), one(text(m.Source)))
		}
	case Targets:
		for _, t := range d.Targets {
			row(one(text(t.Cell), text(n.cells[t.Cell])), period(t.Period),
				one(integer(t.Min), integer(t.Max), text(t.Source)))
		}
	case Referrers:
		for _, r := range d.Referrers {
			row(one(text(r.ID), text(r.Name), text(r.Kind)))
		}
	case Referrals:
		for _, r := range d.Referrals {
			row(one(text(r.Referrer), text(n.referrers[r.Referrer]), text(r.Cell), text(n.cells[r.Cell]),
				integer(int64(r.Year))), count(r.Referred), count(r.Admitted), one(text(r.Source)))
		}
	}
	return sh
}

// DataCSV is one table of the complete data set as a CSV file, every
// record as the data hold it (no sums, no derived figures).
func DataCSV(d *data.Data, v version.Version, s Set) []byte {
	return dataSheet(d, s).csv(v)
}

// DataJSON is the complete data set as one JSON object: the format
// version, the data version, the [site] table and every table of Sets as
// an array of objects with the columns of its CSV file. A key that a
// record does not hold is left out, as in the TOML it came from.
func DataJSON(d *data.Data, v version.Version) []byte {
	var b bytes.Buffer
	o := newObject(&b, "")
	o.key("format")
	writeJSON(&b, max(d.Site.Format, 1))
	versionFields(o, v)
	o.key("site")
	site := newObject(&b, "  ")
	site.field("title", d.Site.Title)
	site.field("root", d.Site.Root)
	site.field("language", d.Site.Language)
	site.field("base_url", d.Site.BaseURL)
	site.field("description", d.Site.Description)
	site.field("publisher", d.Site.Publisher)
	site.end()
	for _, s := range Sets {
		o.key(string(s))
		dataSheet(d, s).jsonRows(&b)
	}
	o.end()
	b.WriteString("\n")
	return b.Bytes()
}

// File is one download of the data page.
type File struct {
	Name  string // file name within the data page's folder
	Bytes []byte
}

// DataFiles is the complete data set: a CSV file for each of Sets, then
// data.json.
func DataFiles(d *data.Data, v version.Version) []File {
	var fs []File
	for _, s := range Sets {
		fs = append(fs, File{s.FileName(), DataCSV(d, v, s)})
	}
	return append(fs, File{JSONFileName, DataJSON(d, v)})
}
