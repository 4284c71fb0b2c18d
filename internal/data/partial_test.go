package data

import (
	"strings"
	"testing"
)

// With errors in data/, Load hands on what they leave for the articles to
// be checked against, and says which subjects a broken record may
// change: its cell and every cell above it, or everything when a record
// names no cell.
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
	tests := []struct {
		name   string
		data   string
		broken string // the subjects Broken says, of khoi pxsx to-1 pkt doan-khoi
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
`, "khoi pxsx to-1", 1},
		{"a syntax error in a block", `
[[admission]]
cell = "pkt"
year = 2017
admitted = 3 người

[[admission]]
cell = "to-1"
year = 2017
admitted = 3
`, "khoi pkt", 1},
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
`, "khoi pxsx to-1 pkt doan-khoi", 0},
		{"a table not in the format", `
[[admision]]
cell = "pkt"
`, "khoi pxsx to-1 pkt doan-khoi", 0},
		{"a referral of an unknown referrer", `
[[referral]]
referrer = "doan-kho"
cell = "pkt"
year = 2017
referred = 4
admitted = 2
`, "khoi pkt", 0},
	}
	subjects := []struct {
		s  Subject
		id string
	}{{OfCell, "khoi"}, {OfCell, "pxsx"}, {OfCell, "to-1"}, {OfCell, "pkt"}, {OfReferrer, "doan-khoi"}}
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
			for _, s := range subjects {
				if d.Broken(s.s, s.id) {
					broken = append(broken, s.id)
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
