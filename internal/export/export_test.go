package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/version"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sample is a small data set with the sample site's real figures
// (FACTS.md) and the awkward cases: approximate and dated figures, a
// period total, text with commas and quotes, and a source that a
// spreadsheet would take for a formula.
func sample() *data.Data {
	exact := func(n int64) data.Count { return data.Count{Value: n, Set: true} }
	return &data.Data{
		Site: data.Site{Title: "Số liệu phát triển đảng viên", Root: "khoi-dn", Format: 1, Language: "vi",
			BaseURL: "https://so-lieu.example.vn/", Publisher: "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc"},
		Cells: []*data.Cell{
			{ID: "khoi-dn", Name: "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc", Kind: "khoi", Founded: data.Date{Year: 2009, Month: 3, Day: 31}},
			{ID: "phuc-yen", Name: `Đảng bộ Công ty "Phúc Yên", Vĩnh Phúc`, Kind: "dang-bo-co-so", Parent: "khoi-dn",
				Ownership: "co-phan", FormerNames: []string{"Chi bộ A", "Chi bộ B"}},
			{ID: "prime-group", Name: "Đảng bộ Công ty cổ phần Prime Group", Kind: "dang-bo-co-so", Parent: "khoi-dn",
				Enterprise: "Công ty cổ phần Prime Group"},
		},
		Admissions: []*data.Admission{
			{Cell: "khoi-dn", Period: data.Period{From: 2010, To: 2015},
				Counts: data.Counts{{Name: "admitted", Count: exact(1071)}, {Name: "owners", Count: exact(14)}}, Source: "dukdnvinhphuc.vn"},
			{Cell: "khoi-dn", Period: data.Year(2017),
				Counts: data.Counts{{Name: "admitted", Count: data.Count{Value: 200, Approx: data.Over, Set: true}}},
				Source: "Báo Vĩnh Phúc, 02/02/2018"},
			{Cell: "khoi-dn", Period: data.Year(2018), AsOf: data.Date{Year: 2018, Month: 11, Day: 15},
				Counts: data.Counts{{Name: "admitted", Count: exact(187)}, {Name: "confirmed", Count: exact(181)}}},
			{Cell: "phuc-yen", Period: data.Year(2017), Counts: data.Counts{{Name: "admitted", Count: exact(2)}},
				Source: "=HYPERLINK(\"http://evil\")"},
			{Cell: "prime-group", Period: data.Year(2017), Counts: data.Counts{{Name: "admitted", Count: exact(17)}}},
		},
		Memberships: []*data.Membership{
			{Cell: "khoi-dn", Date: data.Date{Year: 2015, Month: 8, Day: 17}, Members: data.Count{Value: 3000, Approx: data.Under, Set: true}},
			{Cell: "khoi-dn", Date: data.Date{Year: 2018, Month: 1, Day: 1}, Members: exact(3232), Units: exact(72), Source: "Báo Vĩnh Phúc, 02/02/2018"},
		},
		Targets: []*data.Target{
			{Cell: "khoi-dn", Period: data.Period{From: 2015, To: 2020}, Min: 200, Max: 220},
			{Cell: "khoi-dn", Period: data.Year(2018), Min: 200, Max: 220, Source: "Báo Vĩnh Phúc, 02/02/2018"},
		},
		Referrers: []*data.Referrer{{ID: "doan-khoi", Name: "Đoàn Khối Doanh nghiệp tỉnh", Kind: "youth-union"}},
		Referrals: []*data.Referral{
			{Referrer: "doan-khoi", Cell: "khoi-dn", Year: 2017, Referred: exact(162), Admitted: exact(113), Source: "Báo Vĩnh Phúc, 02/02/2018"},
		},
	}
}

var (
	commitVersion = version.Version{ID: "1a2b3c4d5e6f", Commit: "1a2b3c4d5e6f00000000000000000000deadbeef",
		Date: time.Date(2026, 11, 26, 10, 30, 0, 0, time.FixedZone("", 7*3600))}
	hashVersion = version.Version{ID: "sha256:0f1e2d3c4b5a"}
)

// readCSV checks the BOM and parses the rest as RFC 4180, returning each
// row as a map from column name to field.
func readCSV(t *testing.T, b []byte) (header []string, rows []map[string]string) {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Fatalf("CSV does not start with the UTF-8 BOM: %q", b[:min(len(b), 10)])
	}
	if !bytes.Contains(rest, []byte("\r\n")) {
		t.Errorf("CSV lines do not end with CRLF (RFC 4180)")
	}
	recs, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	header = recs[0]
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, f := range r {
			m[header[i]] = f
		}
		rows = append(rows, m)
	}
	return header, rows
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

func TestDataCSV(t *testing.T) {
	d := sample()
	tests := []struct {
		set  Set
		rows int
		row  int               // the row checked
		want map[string]string // some of its fields
	}{
		{Admissions, 5, 1, map[string]string{"cell": "khoi-dn", "cell_name": "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc",
			"year": "2017", "from": "", "admitted": "200", "admitted_approx": "over", "confirmed": "", "as_of": "",
			"source": "Báo Vĩnh Phúc, 02/02/2018", "data_version": "1a2b3c4d5e6f", "data_date": "2026-11-26"}},
		{Admissions, 5, 0, map[string]string{"year": "", "from": "2010", "to": "2015", "admitted": "1071",
			"admitted_approx": "", "owners": "14", "women": ""}},
		{Admissions, 5, 2, map[string]string{"year": "2018", "as_of": "2018-11-15", "admitted": "187", "confirmed": "181"}},
		// A spreadsheet shows this source instead of running it.
		{Admissions, 5, 3, map[string]string{"source": `'=HYPERLINK("http://evil")`}},
		{Memberships, 2, 0, map[string]string{"date": "2015-08-17", "members": "3000", "members_approx": "under", "units": ""}},
		{Memberships, 2, 1, map[string]string{"members": "3232", "units": "72", "units_approx": ""}},
		{Targets, 2, 0, map[string]string{"year": "", "from": "2015", "to": "2020", "min": "200", "max": "220"}},
		{Targets, 2, 1, map[string]string{"year": "2018", "min": "200", "max": "220"}},
		{Referrals, 1, 0, map[string]string{"referrer": "doan-khoi", "referrer_name": "Đoàn Khối Doanh nghiệp tỉnh",
			"cell": "khoi-dn", "year": "2017", "referred": "162", "admitted": "113"}},
		{Cells, 3, 1, map[string]string{"id": "phuc-yen", "name": `Đảng bộ Công ty "Phúc Yên", Vĩnh Phúc`,
			"parent": "khoi-dn", "former_names": "Chi bộ A; Chi bộ B", "founded": ""}},
		{Cells, 3, 0, map[string]string{"founded": "2009-03-31", "parent": ""}},
		{Referrers, 1, 0, map[string]string{"id": "doan-khoi", "kind": "youth-union"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.set), func(t *testing.T) {
			header, rows := readCSV(t, DataCSV(d, commitVersion, tt.set))
			var names []string
			for _, c := range Columns(tt.set) {
				names = append(names, c.Name)
			}
			if strings.Join(header, ",") != strings.Join(names, ",") {
				t.Errorf("header\n got %v\nwant %v", header, names)
			}
			if len(rows) != tt.rows {
				t.Fatalf("%d rows, want %d", len(rows), tt.rows)
			}
			for k, want := range tt.want {
				if _, ok := rows[tt.row][k]; !ok {
					t.Errorf("no column %q", k)
				} else if got := rows[tt.row][k]; got != want {
					t.Errorf("row %d, %s = %q, want %q", tt.row, k, got, want)
				}
			}
		})
	}
}

func TestDataCSVHeaders(t *testing.T) {
	// The published names: a journalist's spreadsheet formulas rely on them.
	want := map[Set]string{
		Admissions:  "cell,cell_name,year,from,to,as_of,admitted,admitted_approx,confirmed,confirmed_approx,women,women_approx,youth_union,youth_union_approx,ethnic_minority,ethnic_minority_approx,religious,religious_approx,under_30,under_30_approx,workers,workers_approx,owners,owners_approx,source,data_version,data_date",
		Memberships: "cell,cell_name,date,members,members_approx,units,units_approx,source,data_version,data_date",
		Targets:     "cell,cell_name,year,from,to,min,max,source,data_version,data_date",
		Referrals:   "referrer,referrer_name,cell,cell_name,year,referred,referred_approx,admitted,admitted_approx,source,data_version,data_date",
		Cells:       "id,name,kind,parent,enterprise,ownership,founded,closed,successor,former_names,data_version,data_date",
		Referrers:   "id,name,kind,data_version,data_date",
	}
	for _, s := range Sets {
		header, _ := readCSV(t, DataCSV(&data.Data{}, hashVersion, s))
		if got := strings.Join(header, ","); got != want[s] {
			t.Errorf("%s:\n got %s\nwant %s", s, got, want[s])
		}
	}
}

func TestColumnsDescribed(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		loc := i18n.New(lang)
		for _, s := range Sets {
			for _, c := range Columns(s) {
				d := c.Description(loc)
				if d == "" || strings.HasPrefix(d, "export.") || strings.Contains(d, "%!") {
					t.Errorf("%s %s.%s: no description (%q)", lang, s, c.Name, d)
				}
				if l := c.Label(loc); l == "" || strings.Contains(l, "export.") || strings.Contains(l, "%!") {
					t.Errorf("%s %s.%s: no label (%q)", lang, s, c.Name, l)
				}
			}
		}
	}
	vi := i18n.New(i18n.VI)
	for _, c := range Columns(Admissions) {
		if c.Name == "women_approx" && !strings.Contains(c.Description(vi), "women") {
			t.Errorf("women_approx does not say which count it is about: %q", c.Description(vi))
		}
		if c.Name == "women_approx" && c.Label(vi) != "Nữ (mức gần đúng)" {
			t.Errorf("women_approx is labelled %q, not by the count it is about", c.Label(vi))
		}
		if c.IsApprox() != strings.HasSuffix(c.Name, "_approx") {
			t.Errorf("%s: IsApprox is %v", c.Name, c.IsApprox())
		}
	}
}

// dataset is data.json as a reader's program decodes it.
type dataset struct {
	Format      int
	DataVersion string `json:"data_version"`
	DataDate    string `json:"data_date"`
	Site        map[string]string
	Admissions  []map[string]any
	Memberships []map[string]any
	Targets     []map[string]any
	Referrals   []map[string]any
	Cells       []map[string]any
	Referrers   []map[string]any
}

func TestDataJSON(t *testing.T) {
	b := DataJSON(sample(), commitVersion)
	var got dataset
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("data.json does not decode: %v\n%s", err, b)
	}
	if got.Format != 1 || got.DataVersion != "1a2b3c4d5e6f" || got.DataDate != "2026-11-26" {
		t.Errorf("format %d, version %q, date %q", got.Format, got.DataVersion, got.DataDate)
	}
	if got.Site["publisher"] != "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc" || got.Site["root"] != "khoi-dn" {
		t.Errorf("site: %v", got.Site)
	}
	tests := []struct {
		name string
		rec  map[string]any
		want map[string]any // nil: the key must be absent
	}{
		{"approximate admission", got.Admissions[1], map[string]any{"admitted": 200.0, "admitted_approx": "over", "year": 2017.0, "from": nil, "confirmed": nil, "as_of": nil}},
		{"period admission", got.Admissions[0], map[string]any{"from": 2010.0, "to": 2015.0, "year": nil, "owners": 14.0, "owners_approx": nil}},
		{"dated admission", got.Admissions[2], map[string]any{"as_of": "2018-11-15", "confirmed": 181.0, "source": nil}},
		{"formula-like source kept as written", got.Admissions[3], map[string]any{"source": `=HYPERLINK("http://evil")`}},
		{"approximate members", got.Memberships[0], map[string]any{"members": 3000.0, "members_approx": "under", "units": nil}},
		{"target range", got.Targets[0], map[string]any{"min": 200.0, "max": 220.0, "from": 2015.0}},
		{"referral", got.Referrals[0], map[string]any{"referred": 162.0, "admitted": 113.0, "referrer_name": "Đoàn Khối Doanh nghiệp tỉnh"}},
		{"cell", got.Cells[1], map[string]any{"former_names": []any{"Chi bộ A", "Chi bộ B"}, "closed": nil}},
	}
	for _, tt := range tests {
		for k, want := range tt.want {
			v, ok := tt.rec[k]
			switch {
			case want == nil && ok:
				t.Errorf("%s: %s = %v, want it left out", tt.name, k, v)
			case want != nil && !ok:
				t.Errorf("%s: no %s", tt.name, k)
			case want != nil && !equalJSON(v, want):
				t.Errorf("%s: %s = %v, want %v", tt.name, k, v, want)
			}
		}
	}
	// Every key of a row is a column of its CSV file.
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatal(err)
	}
	for _, s := range Sets {
		cols := map[string]bool{}
		for _, c := range Columns(s) {
			cols[c.Name] = true
		}
		var recs []map[string]any
		if err := json.Unmarshal(top[string(s)], &recs); err != nil || len(recs) == 0 {
			t.Fatalf("%s: %v, %d records", s, err, len(recs))
		}
		for _, r := range recs {
			for k := range r {
				if !cols[k] {
					t.Errorf("%s: key %q is not a column of %s", s, k, s.FileName())
				}
			}
		}
	}
	golden(t, "data.json", b)
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestDataFilesDeterministic(t *testing.T) {
	a, b := DataFiles(sample(), commitVersion), DataFiles(sample(), commitVersion)
	var names []string
	for i := range a {
		names = append(names, a[i].Name)
		if a[i].Bytes != nil {
			t.Errorf("%s is made before it is written; a national data set would be held whole", a[i].Name)
		}
		got := fileBytes(t, a[i])
		if !bytes.Equal(got, fileBytes(t, b[i])) {
			t.Errorf("%s: two runs, different bytes", a[i].Name)
		}
		// One allocation of the file's size, not a buffer grown by
		// doubling: a national data.json held up to three times its 336 MB.
		if cap(got) != len(got) {
			t.Errorf("%s: %d bytes in a buffer of %d", a[i].Name, len(got), cap(got))
		}
	}
	want := "admissions.csv memberships.csv targets.csv referrals.csv cells.csv referrers.csv data.json"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	golden(t, "admissions.csv", fileBytes(t, a[0]))
}

// fileBytes is what f is made of.
func fileBytes(t testing.TB, f File) []byte {
	t.Helper()
	if f.Make == nil {
		return f.Bytes
	}
	b, err := f.Make()
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b
}

func TestDataVersionWithoutDate(t *testing.T) {
	_, rows := readCSV(t, DataCSV(sample(), hashVersion, Referrers))
	if rows[0]["data_version"] != "sha256:0f1e2d3c4b5a" || rows[0]["data_date"] != "" {
		t.Errorf("data_version %q, data_date %q", rows[0]["data_version"], rows[0]["data_date"])
	}
	var got dataset
	if err := json.Unmarshal(DataJSON(sample(), hashVersion), &got); err != nil {
		t.Fatal(err)
	}
	if got.DataVersion != "sha256:0f1e2d3c4b5a" || got.DataDate != "" {
		t.Errorf("data.json: version %q, date %q", got.DataVersion, got.DataDate)
	}
}

// bigData is the scale the site must build in seconds: 2,000 cells with
// 20 years of admissions each.
func bigData() *data.Data {
	d := &data.Data{Site: data.Site{Title: "T", Root: "c0"}}
	for i := range 2000 {
		id := "c" + strconv.Itoa(i)
		d.Cells = append(d.Cells, &data.Cell{ID: id, Name: "Chi bộ số " + strconv.Itoa(i), Kind: "chi-bo-co-so", Parent: "c0"})
		for y := 2006; y < 2026; y++ {
			d.Admissions = append(d.Admissions, &data.Admission{Cell: id, Period: data.Year(y),
				Counts: data.Counts{{Name: "admitted", Count: data.Count{Value: int64(y % 7), Set: true}}, {Name: "women", Count: data.Count{Value: 1, Set: true}}},
				Source: "Báo cáo năm " + strconv.Itoa(y)})
		}
	}
	return d
}

func BenchmarkDataFiles(b *testing.B) {
	d := bigData()
	for b.Loop() {
		for _, f := range DataFiles(d, commitVersion) {
			fileBytes(b, f)
		}
	}
}

// FuzzWriteString checks the JSON string writer against encoding/json,
// whose output it must match byte for byte.
func FuzzWriteString(f *testing.F) {
	for _, s := range []string{"", "Đảng bộ Khối", `a "b" \ c`, "<b>&</b>", "x\u2028y", "\x00\x1f", "\xff\xfe", "Chi bộ\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		writeString(&b, s)
		want, _ := json.Marshal(s)
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("writeString(%q) = %s, want %s", s, b.Bytes(), want)
		}
	})
}
