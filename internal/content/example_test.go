package content_test

import (
	"fmt"

	"golang.org/x/tools/txtar"

	"sitegen/internal/content"
	"sitegen/internal/data"
)

func ExampleSlugify() {
	fmt.Println(content.Slugify("Chú trọng tạo nguồn và phát triển đảng viên"))
	fmt.Println(content.Slugify("Đảng bộ Khối DN: năm 2017"))
	// Output:
	// chu-trong-tao-nguon-va-phat-trien-dang-vien
	// dang-bo-khoi-dn-nam-2017
}

func ExampleLoad() {
	site, _ := txtar.FS(txtar.Parse([]byte(`
-- data/site.toml --
[site]
title = "Ví dụ"
root = "khoi-dn"

[[cell]]
id = "khoi-dn"
name = "Đảng bộ Khối Doanh nghiệp tỉnh"
kind = "khoi"

[[admission]]
cell = "khoi-dn"
year = 2017
admitted = { value = 200, approx = "over" }
source = "Báo Vĩnh Phúc, 02/02/2018"
-- content/nam-2017.md --
+++
title = "Năm 2017"
date = 2018-02-02
+++
Năm 2017, Đảng bộ kết nạp {{ admitted khoi-dn 2017 }} đảng viên.

{{ chart admissions khoi-dn }}
`)))
	d, _ := data.Load(site, "")
	articles, diags := content.Load(site, "", d)
	fmt.Println(len(diags), "problems")
	for _, seg := range articles[0].Body {
		switch {
		case seg.Chart != nil:
			fmt.Println("chart:", seg.Chart.Kind, seg.Chart.Subject)
		case seg.Figure != nil:
			// The page stage writes it with the site's figure template.
			fmt.Printf("[%s %s %s]", seg.Figure.Name, seg.Figure.Subject, seg.Figure.Period)
		default:
			fmt.Print(seg.HTML)
		}
	}
	// Output:
	// 0 problems
	// <p>Năm 2017, Đảng bộ kết nạp [admitted khoi-dn 2017] đảng viên.</p>
	// chart: admissions khoi-dn
}
