package render

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"

	"sitegen/internal/address"
	"sitegen/internal/export"
	"sitegen/internal/i18n"
)

// DataSet is one table of the data set, for the data page.
type DataSet struct {
	Name    string // "admissions"
	Title   string // in the site's language
	URL     string // its CSV file
	XLSX    string // its Excel workbook, the same rows
	Columns []DataColumn
	Rows    int // records in the table
	// Table is the table itself, for the data-table template; nil when
	// it has no rows, or more than maxDataRows, which only the
	// downloads hold.
	Table *DataTable
}

// DataColumn is a column of a data set table and what it means.
type DataColumn struct {
	Name, Description string
}

// DataTable is a table of the data set as the data page shows it: the
// rows of its CSV file but for the data version columns (the page says
// the version once), with headings and approximations in the site's
// language. The downloads are not changed by it.
type DataTable struct {
	Caption string
	Heads   []DataHead
	Rows    [][]string // the cells of each row, as text, aligned with Heads
}

// DataHead is the heading of a column of a DataTable: its label in the
// site's language ("Kết nạp") and its name in the downloads ("admitted").
type DataHead struct {
	Label, Name string
}

// maxDataRows is the most rows of a table the data page shows: a large
// site's tables (40,000 admissions) are for downloading, not reading.
const maxDataRows = 500

// DataSets lists the tables of the data set, in the data page's order.
func (p *Page) DataSets() ([]DataSet, error) {
	var out []DataSet
	for _, s := range export.Sets {
		d := DataSet{Name: string(s), Title: p.T("data.set." + string(s)), URL: p.Root + address.DataFile(s.FileName()),
			XLSX: p.Root + address.DataFile(s.XLSXName())}
		cols := export.Columns(s)
		for _, c := range cols {
			d.Columns = append(d.Columns, DataColumn{c.Name, c.Description(p.loc)})
		}
		// A table the page shows is read back from its file, so that the
		// page shows what the download holds; a larger one is only
		// counted, as a national table of a million rows would take a
		// gigabyte to read back.
		if d.Rows = export.DataRows(p.Site.Data, s); d.Rows > 0 && d.Rows <= maxDataRows {
			var err error
			if d.Table, err = dataTable(export.DataCSV(p.Site.Data, p.run.version, s), cols, p.loc, d.Title); err != nil {
				return nil, err
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// dataTable reads a data set's CSV file back into the table the data
// page shows, with the columns cols describe.
func dataTable(b []byte, cols []export.Column, loc *i18n.Locale, caption string) (*DataTable, error) {
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) < 2 {
		return nil, err
	}
	rows := len(recs) - 1
	byName := make(map[string]export.Column, len(cols))
	for _, c := range cols {
		byName[c.Name] = c
	}
	t := &DataTable{Caption: caption}
	// The last two columns are data_version and data_date, which the
	// page says once; a column empty in every row (a part of admitted
	// no record holds) is left out of the page, not of the file.
	var shown []int
	var approx []bool
	for j, name := range recs[0][:max(len(recs[0])-2, 0)] {
		if !slices.ContainsFunc(recs[1:], func(r []string) bool { return r[j] != "" }) {
			continue
		}
		c, ok := byName[name]
		label := name
		if ok {
			label = c.Label(loc)
		}
		t.Heads = append(t.Heads, DataHead{Label: label, Name: name})
		shown = append(shown, j)
		approx = append(approx, c.IsApprox())
	}
	t.Rows = make([][]string, rows)
	for i, r := range recs[1:] {
		row := make([]string, len(shown))
		for k, j := range shown {
			f := r[j]
			switch {
			case approx[k]:
				// "over" as published: "trên".
				f = loc.ApproxWord(f)
			case len(f) > 1 && f[0] == '\'' && strings.IndexByte("=+-@\t\r", f[1]) >= 0:
				// The quote the CSV puts before a text a spreadsheet
				// would take for a formula is not part of the text.
				f = f[1:]
			}
			row[k] = f
		}
		t.Rows[i] = row
	}
	return t, nil
}

// DataJSON links to the whole data set as one JSON file.
func (p *Page) DataJSON() string { return p.Root + address.DataFile(export.JSONFileName) }
