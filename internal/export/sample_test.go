package export

import (
	"encoding/json"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/data"
)

// TestSampleSite writes the downloads of the data page for the sample
// site of this repository, as a journalist would open them.
func TestSampleSite(t *testing.T) {
	d, diags := data.Load(os.DirFS("../.."), "")
	if d == nil || diags.HasErrors() {
		t.Fatalf("the sample site does not load: %v", diags)
	}
	records := map[Set]int{
		Admissions: len(d.Admissions), Memberships: len(d.Memberships), Targets: len(d.Targets),
		Referrals: len(d.Referrals), Cells: len(d.Cells), Referrers: len(d.Referrers),
	}
	files := DataFiles(d, commitVersion)
	for _, f := range files[:len(Sets)] {
		s := Sets[0]
		for _, x := range Sets {
			if x.FileName() == f.Name {
				s = x
			}
		}
		header, rows := readCSV(t, fileBytes(t, f))
		if len(header) != len(Columns(s)) || len(rows) != records[s] {
			t.Errorf("%s: %d columns, %d rows; want %d columns, %d rows", f.Name, len(header), len(rows), len(Columns(s)), records[s])
		}
		// The data page says how many rows a file holds without making it.
		if n := DataRows(d, s); n != len(rows) {
			t.Errorf("DataRows(%s) = %d, but %s holds %d rows", s, n, f.Name, len(rows))
		}
		for i, r := range rows {
			if r["data_version"] != commitVersion.ID {
				t.Errorf("%s row %d: data_version %q", f.Name, i+1, r["data_version"])
			}
		}
	}
	// The bloc's 2017 figure was published as "trên 200" (FACTS.md).
	_, rows := readCSV(t, DataCSV(d, commitVersion, Admissions))
	found := false
	for _, r := range rows {
		if r["cell"] == "khoi-dn" && r["year"] == "2017" && r["as_of"] == "" {
			found = true
			if r["admitted"] != "200" || r["admitted_approx"] != "over" {
				t.Errorf("khoi-dn 2017: admitted %q, approx %q; want 200, over", r["admitted"], r["admitted_approx"])
			}
		}
	}
	if !found {
		t.Error("admissions.csv has no row for khoi-dn 2017")
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(fileBytes(t, files[len(files)-1]), &all); err != nil {
		t.Fatalf("data.json: %v", err)
	}
	for _, s := range Sets {
		var recs []map[string]any
		if err := json.Unmarshal(all[string(s)], &recs); err != nil || len(recs) != records[s] {
			t.Errorf("data.json %s: %d records (%v), want %d", s, len(recs), err, records[s])
		}
	}
}

// TestDocsListColumns keeps docs/citing.md, which journalists read, in
// step with the columns the downloads have.
func TestDocsListColumns(t *testing.T) {
	doc, err := os.ReadFile("../../docs/citing.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Sets {
		if !strings.Contains(string(doc), "`"+s.FileName()+"`") {
			t.Errorf("docs/citing.md does not describe %s", s.FileName())
		}
		for _, c := range Columns(s) {
			if !strings.Contains(string(doc), "`"+c.Name+"`") && !strings.HasSuffix(c.Name, "_approx") {
				t.Errorf("docs/citing.md does not describe the column %s of %s", c.Name, s.FileName())
			}
		}
	}
}

// TestDocsListChartColumns keeps the one list of the charts' download
// columns, the table under "Next to each chart" in docs/citing.md, in
// step with what ChartTable writes: every column of every chart kind is
// listed, once, and every column listed is written by some kind.
// Journalists cite these names, so the list may not drift from the files.
func TestDocsListChartColumns(t *testing.T) {
	doc, err := os.ReadFile("../../docs/citing.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := chartColumnsInDoc(t, string(doc))
	written := map[string]bool{}
	for _, k := range data.ChartKinds {
		// One row with no figure: the columns do not depend on the values.
		row := data.ChartRow{Year: 2018, Date: data.Date{Year: 2018, Month: 2, Day: 2},
			Cell: &data.Cell{ID: "c", Name: "C"}, Figures: make([]*data.Figure, len(k.Series))}
		c := &data.ChartData{ChartQuery: data.ChartQuery{Kind: k.Name}, Kind: k, Rows: []data.ChartRow{row}}
		header, _ := readCSV(t, ChartTable(c, "t", commitVersion).CSV())
		for _, col := range header {
			written[col] = true
			if !listed[col] {
				t.Errorf("docs/citing.md does not list the column %s of the %s chart's downloads", col, k.Name)
			}
		}
	}
	for _, col := range slices.Sorted(maps.Keys(listed)) {
		if !written[col] {
			t.Errorf("docs/citing.md lists the column %s, which no chart's downloads have", col)
		}
	}
}

// chartColumnsInDoc reads the table of the charts' download columns in
// citing.md: in the section headed "### Next to each chart", the table
// whose first heading is "column"; the names are the `quoted` words of
// the first cell of each row.
func chartColumnsInDoc(t *testing.T, doc string) map[string]bool {
	t.Helper()
	const heading = "\n### Next to each chart"
	_, section, ok := strings.Cut(doc, heading)
	if !ok {
		t.Fatalf("docs/citing.md has no section %q", strings.TrimSpace(heading))
	}
	if end := strings.Index(section, "\n#"); end >= 0 {
		section = section[:end]
	}
	quoted := regexp.MustCompile("`([^`]+)`")
	listed := map[string]bool{}
	inTable := false
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		switch {
		case !strings.HasPrefix(line, "|") || len(cells) < 3:
			if inTable {
				return listed
			}
		case !inTable:
			inTable = strings.TrimSpace(cells[1]) == "column"
		case strings.HasPrefix(strings.TrimSpace(cells[1]), "---"):
		default:
			for _, m := range quoted.FindAllStringSubmatch(cells[1], -1) {
				if listed[m[1]] {
					t.Errorf("docs/citing.md lists the column %s twice", m[1])
				}
				listed[m[1]] = true
			}
		}
	}
	if !inTable {
		t.Fatalf("docs/citing.md has no table of columns under %q", strings.TrimSpace(heading))
	}
	return listed
}

// TestDocsListChangeColumns keeps the columns of the figure log's
// downloads (dinh-chinh.csv) in docs/citing.md.
func TestDocsListChangeColumns(t *testing.T) {
	doc, err := os.ReadFile("../../docs/citing.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ChangeColumns {
		if !strings.Contains(string(doc), "`"+c+"`") {
			t.Errorf("docs/citing.md does not describe the column %s of dinh-chinh.csv", c)
		}
	}
}
