package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"sitegen/internal/data"
)

// admissionsTable is the table behind `{{ chart admissions khoi-dn }}`:
// admitted by year against the target, with an approximate, a dated, a
// missing and a percentage figure.
func admissionsTable() *Table {
	src := "Báo Vĩnh Phúc, 02/02/2018"
	return &Table{
		Title:   `Kết nạp đảng viên, Đảng bộ Khối <"DN"> & Co`,
		Columns: []string{"year", "admitted", "target", "achieved"},
		Rows: [][]Value{
			{IntValue(2016),
				// A sum that covers 2 of the 6 listed sub-cells.
				FigureValue(data.Figure{Kind: data.KindCount, Count: data.Count{Value: 14, Set: true}, Sum: true, Covered: 2, Listed: 6}),
				FigureValue(data.Figure{Kind: data.KindRange, Min: 200, Max: 220}), None(Percent)},
			{IntValue(2017),
				FigureValue(data.Figure{Kind: data.KindCount, Count: data.Count{Value: 200, Approx: data.Over, Set: true}, Source: src}),
				FigureValue(data.Figure{Kind: data.KindRange, Min: 200, Max: 220, Source: src}),
				FigureValue(data.Figure{Kind: data.KindPercent, Tenths: 1000, Approx: data.Over})},
			{IntValue(2018),
				CountValue(data.Count{Value: 187, Set: true}, data.Date{Year: 2018, Month: 11, Day: 15}, "dukdnvinhphuc.vn"),
				FigureValue(data.Figure{Kind: data.KindRange, Min: 200, Max: 220}),
				FigureValue(data.Figure{Kind: data.KindPercent, Tenths: 935})},
		},
		Version: commitVersion,
	}
}

func TestTableCSV(t *testing.T) {
	tab := admissionsTable()
	header, rows := readCSV(t, tab.CSV())
	want := "year,admitted,admitted_approx,admitted_as_of,admitted_source,admitted_covered,admitted_listed,target_min,target_max,target_source,achieved,achieved_approx,achieved_as_of,achieved_source,achieved_covered,achieved_listed,data_version,data_date"
	if got := strings.Join(header, ","); got != want {
		t.Errorf("header\n got %s\nwant %s", got, want)
	}
	tests := []struct {
		row  int
		want map[string]string
	}{
		{0, map[string]string{"year": "2016", "admitted": "14", "admitted_approx": "", "admitted_covered": "2", "admitted_listed": "6", "target_min": "200", "target_max": "220", "achieved": ""}},
		{1, map[string]string{"admitted": "200", "admitted_approx": "over", "admitted_source": "Báo Vĩnh Phúc, 02/02/2018",
			"achieved": "100.0", "achieved_approx": "over", "data_version": "1a2b3c4d5e6f", "data_date": "2026-11-26"}},
		{2, map[string]string{"admitted": "187", "admitted_approx": "", "admitted_as_of": "2018-11-15", "admitted_source": "dukdnvinhphuc.vn", "admitted_covered": "", "achieved": "93.5"}},
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	for _, tt := range tests {
		for k, w := range tt.want {
			if got := rows[tt.row][k]; got != w {
				t.Errorf("row %d: %s = %q, want %q", tt.row, k, got, w)
			}
		}
	}
}

// The columns of a chart's download do not depend on which figures the
// data hold: a row without figures has the same columns as a full one.
func TestTableColumnsStable(t *testing.T) {
	full := admissionsTable()
	sparse := admissionsTable()
	sparse.Rows = sparse.Rows[:1]
	if a, b := strings.Join(full.Header(), ","), strings.Join(sparse.Header(), ","); a != b {
		t.Errorf("header changes with the rows:\n%s\n%s", a, b)
	}
}

func TestTableJSON(t *testing.T) {
	tab := admissionsTable()
	b := tab.JSON()
	var got struct {
		Title       string
		DataVersion string `json:"data_version"`
		DataDate    string `json:"data_date"`
		Columns     []string
		Rows        []map[string]json.RawMessage
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("does not decode: %v\n%s", err, b)
	}
	if got.Title != tab.Title {
		t.Errorf("title %q, want %q", got.Title, tab.Title)
	}
	if got.DataVersion != "1a2b3c4d5e6f" || got.DataDate != "2026-11-26" {
		t.Errorf("version %q %q", got.DataVersion, got.DataDate)
	}
	if strings.Join(got.Columns, ",") != strings.Join(tab.Header(), ",") {
		t.Errorf("columns %v, want %v", got.Columns, tab.Header())
	}
	tests := []struct {
		row  int
		want map[string]string // raw JSON; "" means the key is left out
	}{
		{0, map[string]string{"year": "2016", "admitted": "14", "admitted_covered": "2", "admitted_listed": "6", "target_min": "200", "achieved": ""}},
		{1, map[string]string{"admitted": "200", "admitted_approx": `"over"`, "achieved": "100.0", "achieved_approx": `"over"`,
			"admitted_source": `"Báo Vĩnh Phúc, 02/02/2018"`, "admitted_as_of": ""}},
		{2, map[string]string{"admitted": "187", "admitted_approx": "", "admitted_as_of": `"2018-11-15"`, "achieved": "93.5"}},
	}
	for _, tt := range tests {
		for k, w := range tt.want {
			if g := string(got.Rows[tt.row][k]); g != w {
				t.Errorf("row %d: %s = %s, want %s", tt.row, k, g, w)
			}
		}
	}
	// A program reads the same figures back: percentages as numbers.
	var ach float64
	if err := json.Unmarshal(got.Rows[2]["achieved"], &ach); err != nil || ach != 93.5 {
		t.Errorf("achieved reads back as %v (%v)", ach, err)
	}
	golden(t, "table.json", b)
	golden(t, "table.csv", tab.CSV())
}

func TestTableTextIsData(t *testing.T) {
	tab := &Table{
		Title:   "x",
		Columns: []string{"cell", "admitted"},
		Rows: [][]Value{
			{TextValue("+84 là số điện thoại"), CountValue(data.Count{Value: 1, Set: true}, data.Date{}, "@nguồn")},
			{TextValue("Chi bộ \"A\", B\nC"), CountValue(data.Count{Value: 2, Set: true}, data.Date{}, "")},
		},
	}
	_, rows := readCSV(t, tab.CSV())
	tests := []struct{ got, want string }{
		{rows[0]["cell"], "'+84 là số điện thoại"},
		{rows[0]["admitted_source"], "'@nguồn"},
		{rows[1]["cell"], "Chi bộ \"A\", B\nC"},
		{rows[1]["data_version"], ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	var j struct{ Rows []map[string]any }
	if err := json.Unmarshal(tab.JSON(), &j); err != nil {
		t.Fatal(err)
	}
	if j.Rows[0]["cell"] != "+84 là số điện thoại" {
		t.Errorf("JSON changed the text: %q", j.Rows[0]["cell"])
	}
}

func TestTableDeterministic(t *testing.T) {
	a, b := admissionsTable(), admissionsTable()
	if !bytes.Equal(a.CSV(), b.CSV()) || !bytes.Equal(a.JSON(), b.JSON()) {
		t.Error("same table, different bytes")
	}
}
