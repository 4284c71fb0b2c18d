package export

import (
	"encoding/json"
	"os"
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
		header, rows := readCSV(t, f.Bytes)
		if len(header) != len(Columns(s)) || len(rows) != records[s] {
			t.Errorf("%s: %d columns, %d rows; want %d columns, %d rows", f.Name, len(header), len(rows), len(Columns(s)), records[s])
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
	if err := json.Unmarshal(files[len(files)-1].Bytes, &all); err != nil {
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
