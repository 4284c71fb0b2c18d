package data_test

import (
	"fmt"
	"testing/fstest"

	"sitegen/internal/data"
)

func ExampleData_Figure() {
	site := fstest.MapFS{
		"data/site.toml": {Data: []byte(`
[site]
title = "Đảng bộ Khối"
root = "khoi-dn"

[[cell]]
id = "khoi-dn"
name = "Đảng bộ Khối Doanh nghiệp tỉnh"
kind = "khoi"

[[cell]]
id = "prime-group"
name = "Đảng bộ Công ty cổ phần Prime Group"
kind = "dang-bo-co-so"
parent = "khoi-dn"

[[cell]]
id = "in-phuc-yen"
name = "Đảng bộ Công ty in Phúc Yên"
kind = "dang-bo-co-so"
parent = "khoi-dn"
`)},
		"data/2017.toml": {Data: []byte(`
[[admission]]
cell = "prime-group"
year = 2017
admitted = 17

[[admission]]
cell = "in-phuc-yen"
year = 2017
admitted = { value = 2, approx = "over" }

[[target]]
cell = "khoi-dn"
year = 2017
min = 20
`)},
	}
	d, diags := data.Load(site, "")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	// The bloc holds no record of its own for 2017: its figure is the sum
	// over its sub-cells, approximate because one part is.
	f, _ := d.Figure(data.Query{Name: "admitted", Subject: "khoi-dn", Period: data.Year(2017)})
	fmt.Println(f.Count.Approx, f.Count.Value, "from", f.Covered, "of", f.Listed, "sub-cells")
	a, _ := d.Figure(data.Query{Name: "achieved", Subject: "khoi-dn", Period: data.Year(2017)})
	fmt.Printf("%s %d.%d%%\n", a.Approx, a.Tenths/10, a.Tenths%10)
	// Output:
	// over 19 from 2 of 2 sub-cells
	// over 95.0%
}
