package data

import "testing"

// TestWarnings checks every warning of check: each case adds records to
// baseSite and lists every message, with its file, line and column. A
// warning never stops the data from being handed on.
func TestWarnings(t *testing.T) {
	tests := []struct {
		name, files, want string
	}{
		{
			name: "no source",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 17

[[membership]]
cell = "pxsx"
date = 2022-06-01
members = 40

[[target]]
cell = "pxsx"
year = 2022
min = 15

[[referral]]
referrer = "doan-khoi"
year = 2022
referred = 20
admitted = 10
`,
			want: `data/x.toml:1:1: cảnh báo: admission cell="pxsx" year=2022: bản ghi không ghi nguồn (source); trên trang, số liệu của nó hiện “không ghi nguồn”; thêm source = "…" ghi nơi số liệu được công bố (báo, văn bản, trang thông tin)
data/x.toml:6:1: cảnh báo: membership cell="pxsx" date=2022-06-01: bản ghi không ghi nguồn (source); trên trang, số liệu của nó hiện “không ghi nguồn”; thêm source = "…" ghi nơi số liệu được công bố (báo, văn bản, trang thông tin)
data/x.toml:11:1: cảnh báo: target cell="pxsx" year=2022: bản ghi không ghi nguồn (source); trên trang, số liệu của nó hiện “không ghi nguồn”; thêm source = "…" ghi nơi số liệu được công bố (báo, văn bản, trang thông tin)
data/x.toml:16:1: cảnh báo: referral referrer="doan-khoi" year=2022: bản ghi không ghi nguồn (source); trên trang, số liệu của nó hiện “không ghi nguồn”; thêm source = "…" ghi nơi số liệu được công bố (báo, văn bản, trang thông tin)
`,
		},
		{
			name: "more than three times the target",
			files: `-- data/x.toml --
[[target]]
cell = "khoi"
year = 2022
min = 150
max = 180
source = "S"

[[admission]]
cell = "khoi"
year = 2022
admitted = 2150
source = "S"
`,
			want: `data/x.toml:11:1: cảnh báo: admission cell="khoi" year=2022: admitted = 2150 lớn hơn 3 lần mức cao nhất của chỉ tiêu năm đó (180, ở data/x.toml:1:1); kiểm tra lại admitted: có thể gõ thừa một chữ số hoặc ghi nhầm số của năm khác
`,
		},
		{
			name: "three times the target is not warned",
			files: `-- data/x.toml --
[[target]]
cell = "khoi"
year = 2022
min = 150
max = 180
source = "S"

[[admission]]
cell = "khoi"
year = 2022
admitted = 540
source = "S"
`,
		},
		{
			name: "five times the year before",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2021
admitted = 20
women = 10
source = "S"

[[admission]]
cell = "pxsx"
year = 2022
admitted = 210
women = 60
source = "S"

[[membership]]
cell = "pxsx"
date = 2021-01-01
members = 300
source = "S"

[[membership]]
cell = "pxsx"
date = 2022-01-01
members = 3000
source = "S"
`,
			want: `data/x.toml:11:1: cảnh báo: admission cell="pxsx" year=2022: admitted = 210 lớn hơn 5 lần số của năm trước (20 năm 2021); kiểm tra lại admitted: có thể gõ thừa một chữ số hoặc ghi nhầm số của năm khác
data/x.toml:24:1: cảnh báo: membership cell="pxsx" date=2022-01-01: members = 3000 lớn hơn 5 lần số của năm trước (300 năm 2021); kiểm tra lại members: có thể gõ thừa một chữ số hoặc ghi nhầm số của năm khác
`,
		},
		{
			// Five times, but by no more than 50: small cells vary so.
			name: "a small jump",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2021
admitted = 2
source = "S"

[[admission]]
cell = "pxsx"
year = 2022
admitted = 40
source = "S"
`,
		},
		{
			// The year before is a sum of some sub-cells only: no measure.
			name: "a jump over a partial sum",
			files: `-- data/x.toml --
[[cell]]
id = "tt"
name = "Chi bộ Tổ thử"
kind = "chi-bo-co-so"
parent = "khoi"

[[admission]]
cell = "pxsx"
year = 2021
admitted = 10
source = "S"

[[admission]]
cell = "khoi"
year = 2022
admitted = 200
source = "S"
`,
		},
		{
			name: "referrals",
			files: `-- data/x.toml --
[[referral]]
referrer = "doan-khoi"
year = 2021
referred = 20
admitted = 10
source = "S"

[[referral]]
referrer = "doan-khoi"
year = 2022
referred = 200
admitted = 11
source = "S"
`,
			want: `data/x.toml:11:1: cảnh báo: referral referrer="doan-khoi" year=2022: referred = 200 lớn hơn 5 lần số của năm trước (20 năm 2021); kiểm tra lại referred: có thể gõ thừa một chữ số hoặc ghi nhầm số của năm khác
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, diags := load(t, baseSite+tt.files)
			if got := messages(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if d == nil {
				t.Error("warnings must not stop the data")
			}
		})
	}
}

// A closed cell's record counted to its closing day or later is its
// whole year's: a second whole-year record is a duplicate.
func TestClosedCellRecords(t *testing.T) {
	_, diags := load(t, baseSite+`-- data/x.toml --
[[cell]]
id = "dong"
name = "Chi bộ đã giải thể"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2019-06-30

[[admission]]
cell = "dong"
year = 2019
as_of = 2019-06-30
admitted = 5
source = "S"

[[admission]]
cell = "dong"
year = 2019
admitted = 6
source = "S"

[[admission]]
cell = "dong"
year = 2020
admitted = 1
source = "S"

[[target]]
cell = "dong"
from = 2018
to = 2021
min = 4
source = "S"
`)
	want := `data/x.toml:15:1: admission cell="dong" year=2019: bản ghi này đã có ở data/x.toml:8:1; tổ chức đảng giải thể ngày 2019-06-30: bản ghi tính đến ngày giải thể hoặc sau đó là số liệu cả năm của nó; chỉ giữ một bản
data/x.toml:23:1: admission cell="dong" year=2020: tổ chức đảng "dong" không hoạt động vào 2020 (hoạt động … – 2019-06-30); kiểm tra năm, ngày của bản ghi hoặc founded, closed của tổ chức đảng
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A closed cell's term record counted to its closing day, within the
// term, is the term's whole: no "counted to" day, and a second one is a
// duplicate.
func TestClosedCellTerm(t *testing.T) {
	d, diags := load(t, baseSite+`-- data/x.toml --
[[cell]]
id = "dong"
name = "Chi bộ đã giải thể"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2018-06-30

[[admission]]
cell = "dong"
from = 2015
to = 2020
as_of = 2018-06-30
admitted = 12
source = "S"
`)
	if d == nil {
		t.Fatal(messages(diags))
	}
	f, err := d.Figure(Query{Name: "admitted", Subject: "dong", Period: Period{2015, 2020}})
	if got := show(f, err); got != "12 since=2018-06-30 latest" {
		t.Errorf("the term record of a cell closed within it: %q", got)
	}
	_, diags = load(t, baseSite+`-- data/x.toml --
[[cell]]
id = "dong"
name = "Chi bộ đã giải thể"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2018-06-30

[[admission]]
cell = "dong"
from = 2015
to = 2020
as_of = 2018-06-30
admitted = 12
source = "S"

[[admission]]
cell = "dong"
from = 2015
to = 2020
admitted = 12
source = "S"
`)
	want := `data/x.toml:16:1: admission cell="dong" from=2015 to=2020: bản ghi này đã có ở data/x.toml:8:1; tổ chức đảng giải thể ngày 2018-06-30: bản ghi tính đến ngày giải thể hoặc sau đó là số liệu cả năm của nó; chỉ giữ một bản
`
	if got := messages(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
