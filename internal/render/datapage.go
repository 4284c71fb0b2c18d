package render

import (
	"bytes"
	"encoding/csv"
	"html"
	"html/template"
	"strings"

	"sitegen/internal/export"
)

// DataSet is one table of the data set, for the data page.
type DataSet struct {
	Name    string // "admissions"
	Title   string // in the site's language
	URL     string // its CSV file
	Columns []DataColumn
	Rows    int // records in the table
	// Table is the table itself, as its CSV file holds it but for the
	// data version columns (said once on the page); empty when it has
	// more than maxDataRows rows, which only the download holds.
	Table template.HTML
}

// DataColumn is a column of a data set table and what it means.
type DataColumn struct {
	Name, Description string
}

// maxDataRows is the most rows of a table the data page shows: a large
// site's tables (40,000 admissions) are for downloading, not reading.
const maxDataRows = 500

// DataSets lists the tables of the data set, in the data page's order.
func (p *Page) DataSets() ([]DataSet, error) {
	var out []DataSet
	for _, s := range export.Sets {
		d := DataSet{Name: string(s), Title: p.T("data.set." + string(s)), URL: p.Root + "so-lieu/" + s.FileName()}
		for _, c := range export.Columns(s) {
			d.Columns = append(d.Columns, DataColumn{c.Name, c.Description(p.loc)})
		}
		var err error
		if d.Rows, d.Table, err = dataTable(p.run.dataFiles[s.FileName()], d.Title); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// dataTable reads a data set's CSV file back into an HTML table, every
// text escaped.
func dataTable(b []byte, caption string) (int, template.HTML, error) {
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) == 0 {
		return 0, "", err
	}
	rows := len(recs) - 1
	if rows > maxDataRows || rows == 0 {
		return rows, "", nil
	}
	// The last two columns are data_version and data_date, which the
	// page says once; a column empty in every row (a part of admitted
	// no record holds) is left out of the page, not of the file.
	var cols []int
	for j := range max(len(recs[0])-2, 0) {
		for _, r := range recs[1:] {
			if r[j] != "" {
				cols = append(cols, j)
				break
			}
		}
	}
	var t strings.Builder
	// The wrap scrolls a wide table sideways: it takes the keyboard's
	// focus so that the table can be scrolled without a mouse.
	t.WriteString("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
	t.WriteString(html.EscapeString(caption))
	t.WriteString("\"><table class=\"data-table\">\n<caption>")
	t.WriteString(html.EscapeString(caption))
	t.WriteString("</caption>\n<thead><tr>")
	for _, j := range cols {
		t.WriteString(`<th scope="col"><code>`)
		t.WriteString(html.EscapeString(recs[0][j]))
		t.WriteString("</code></th>")
	}
	t.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range recs[1:] {
		t.WriteString("<tr>")
		for _, j := range cols {
			f := r[j]
			t.WriteString("<td>")
			// The quote the CSV puts before a text a spreadsheet would
			// take for a formula is not part of the text.
			if len(f) > 1 && f[0] == '\'' && strings.IndexByte("=+-@\t\r", f[1]) >= 0 {
				f = f[1:]
			}
			t.WriteString(html.EscapeString(f))
			t.WriteString("</td>")
		}
		t.WriteString("</tr>\n")
	}
	t.WriteString("</tbody>\n</table></div>")
	return rows, template.HTML(t.String()), nil
}

// DataJSON links to the whole data set as one JSON file.
func (p *Page) DataJSON() string { return p.Root + "so-lieu/" + export.JSONFileName }
