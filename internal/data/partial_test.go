package data

import (
	"strings"
	"testing"
)

// With errors in data/, Load hands on what they leave for the articles to
// be checked against, and says which figures a broken record may
// change: those of its kind, of its cell and every cell above it (but a
// target, its cell's own), or everything when a record names no cell.
func TestPartialData(t *testing.T) {
	more := `
[[cell]]
id = "pkt"
name = "Chi bộ Phòng kỹ thuật"
kind = "chi-bo-co-so"
parent = "khoi"

[[cell]]
id = "to-1"
name = "Chi bộ Tổ 1"
kind = "chi-bo-truc-thuoc"
parent = "pxsx"
`
	const all = "admitted:khoi admitted:pxsx admitted:to-1 admitted:pkt target:pkt target:khoi members:khoi referred:doan-khoi"
	tests := []struct {
		name   string
		data   string
		broken string // the figures Broken says, of those in queries
		kept   int    // admissions kept
	}{
		{"no error", `
[[admission]]
cell = "pkt"
year = 2017
admitted = 3
source = "Báo cáo"
`, "", 1},
		{"a rule error under pxsx", `
[[admission]]
cell = "to-1"
year = 2017
admitted = 3
women = 4

[[admission]]
cell = "pkt"
year = 2017
admitted = 3
`, "admitted:khoi admitted:pxsx admitted:to-1", 1},
		{"a syntax error in a block", `
[[admission]]
cell = "pkt"
year = 2017
admitted = 3 người

[[admission]]
cell = "to-1"
year = 2017
admitted = 3
`, "admitted:khoi admitted:pkt", 1},
		{"a cell in a cycle", `
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "b"

[[cell]]
id = "b"
name = "B"
kind = "chi-bo-co-so"
parent = "a"

[[admission]]
cell = "pkt"
year = 2017
admitted = 3
`, "", 1},
		{"a record with no cell", `
[[target]]
year = 2017
min = 3
`, all, 0},
		{"a table not in the format", `
[[admision]]
cell = "pkt"
`, all, 0},
		{"a referral of an unknown referrer", `
[[referral]]
referrer = "doan-kho"
cell = "pkt"
year = 2017
referred = 4
admitted = 2
`, "", 0},
		{"a target", `
[[target]]
cell = "pkt"
year = 2017
min = 0
`, "target:pkt", 0},
		{"a membership", `
[[membership]]
cell = "to-1"
date = 2017-12-31
members = 30
units = "ba"
`, "members:khoi", 0},
	}
	queries := strings.Fields(all)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, diags := load(t, baseSite+more+"-- data/x.toml --"+tt.data)
			if d == nil {
				t.Fatalf("no data handed on:\n%s", messages(diags))
			}
			if d.Partial() != diags.HasErrors() {
				t.Errorf("Partial() = %v with errors:\n%s", d.Partial(), messages(diags))
			}
			var broken []string
			for _, q := range queries {
				name, id, _ := strings.Cut(q, ":")
				if d.Broken(name, id) {
					broken = append(broken, q)
				}
			}
			if got := strings.Join(broken, " "); got != tt.broken {
				t.Errorf("broken %q, want %q\n%s", got, tt.broken, messages(diags))
			}
			if len(d.Admissions) != tt.kept {
				t.Errorf("%d admissions kept, want %d", len(d.Admissions), tt.kept)
			}
			if d.Cell("a") != nil || d.Cell("b") != nil {
				t.Error("a cell of a cycle was kept")
			}
		})
	}
}
