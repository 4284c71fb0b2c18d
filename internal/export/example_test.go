package export_test

import (
	"fmt"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/export"
	"sitegen/internal/i18n"
	"sitegen/internal/version"
)

// A citation next to the bloc's 2017 admissions, with the figure as it was
// published ("over 200") and its permanent link.
func ExampleCite() {
	loc := i18n.New(i18n.VI)
	admitted := data.Figure{Kind: data.KindCount, Count: data.Count{Value: 200, Approx: data.Over, Set: true}}
	v := version.Version{ID: "1a2b3c4d5e6f", Date: time.Date(2026, 11, 26, 10, 30, 0, 0, time.UTC)}
	fmt.Println(export.Cite(loc, export.Citation{
		Publisher: "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc",
		Title:     "Kết nạp đảng viên",
		Period:    data.Year(2017),
		Value:     admitted.Quote(loc),
		URL:       "https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017",
		Version:   v,
	}))
	// Output:
	// Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên”, năm 2017: trên 200. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017
}

// The table behind a chart of admissions against the target, as a CSV
// download: an approximate figure keeps its word in admitted_approx.
func ExampleTable_CSV() {
	t := export.Table{
		Title:   "Kết nạp đảng viên",
		Columns: []string{"year", "admitted", "target"},
		Rows: [][]export.Value{{
			export.IntValue(2017),
			export.CountValue(data.Count{Value: 200, Approx: data.Over, Set: true}, data.Date{}, "Báo Vĩnh Phúc, 02/02/2018"),
			export.FigureValue(data.Figure{Kind: data.KindRange, Min: 200, Max: 220}),
		}},
		Version: version.Version{ID: "sha256:0f1e2d3c4b5a"},
	}
	fmt.Printf("%q\n", t.CSV())
	// Output:
	// "\ufeffyear,admitted,admitted_approx,admitted_as_of,admitted_source,admitted_covered,admitted_listed,target_min,target_max,target_source,data_version,data_date\r\n2017,200,over,,\"Báo Vĩnh Phúc, 02/02/2018\",,,200,220,,sha256:0f1e2d3c4b5a,\r\n"
}
