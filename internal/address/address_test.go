package address

import (
	"testing"

	"sitegen/internal/data"
)

func TestPermanent(t *testing.T) {
	tests := []struct{ base, path, anchor, want string }{
		{"https://a.vn/so-lieu/", "don-vi/khoi-dn/", "admitted-2017", "https://a.vn/so-lieu/don-vi/khoi-dn/#admitted-2017"},
		{"https://a.vn", "/don-vi/khoi-dn/", "", "https://a.vn/don-vi/khoi-dn/"},
		{"", "gioi-thieu/doan-khoi/", "referred-2017", "gioi-thieu/doan-khoi/#referred-2017"},
		{"", "", "chart-admissions-khoi-dn", "index.html#chart-admissions-khoi-dn"},
		{"https://a.vn/", "", "chart-admissions-khoi-dn", "https://a.vn/#chart-admissions-khoi-dn"},
	}
	for _, tt := range tests {
		if got := Permanent(tt.base, tt.path, tt.anchor); got != tt.want {
			t.Errorf("Permanent(%q, %q, %q) = %q, want %q", tt.base, tt.path, tt.anchor, got, tt.want)
		}
	}
}

// The anchors journalists cite: NAME-PERIOD for the latest whole-year
// count, NAME-PERIOD-DAY for one counted to a day or replaced since.
func TestAnchor(t *testing.T) {
	day := data.Date{Year: 2018, Month: 11, Day: 15}
	end := data.Date{Year: 2018, Month: 12, Day: 31}
	q := data.Query{Name: "admitted", Subject: "khoi-dn", Period: data.Year(2018)}
	tests := []struct {
		f                     data.Figure
		anchor, latest, dated string
	}{
		{data.Figure{Query: q, Since: end, Latest: true}, "admitted-2018", "admitted-2018", ""},
		{data.Figure{Query: q, AsOf: day, Since: day, Latest: true}, "admitted-2018-2018-11-15", "admitted-2018", "admitted-2018-2018-11-15"},
		{data.Figure{Query: q, AsOf: day, Since: day}, "admitted-2018-2018-11-15", "admitted-2018", "admitted-2018-2018-11-15"},
		// A whole-year count replaced since (a parent's sum before its own record).
		{data.Figure{Query: q, Since: day}, "admitted-2018-2018-11-15", "admitted-2018", "admitted-2018-2018-11-15"},
		{data.Figure{Query: data.Query{Name: "target", Subject: "khoi-dn", Period: data.Year(2018)}, Latest: true}, "target-2018", "target-2018", ""},
		{data.Figure{Query: data.Query{Name: "admitted", Subject: "khoi-dn", Period: data.Period{From: 2010, To: 2015}}, Since: data.Date{Year: 2015, Month: 12, Day: 31}, Latest: true}, "admitted-2010-2015", "admitted-2010-2015", ""},
	}
	for _, tt := range tests {
		if got := Anchor(&tt.f); got != tt.anchor {
			t.Errorf("Anchor(%+v) = %q, want %q", tt.f, got, tt.anchor)
		}
		if got := LatestAnchor(tt.f.Name, tt.f.Period); got != tt.latest {
			t.Errorf("LatestAnchor = %q, want %q", got, tt.latest)
		}
		if got := DatedAnchor(&tt.f); got != tt.dated {
			t.Errorf("DatedAnchor(%+v) = %q, want %q", tt.f, got, tt.dated)
		}
	}
	if got := Figure(&data.Figure{Query: data.Query{Name: "referred", Subject: "doan-khoi", Period: data.Year(2017)}, Latest: true}); got != "gioi-thieu/doan-khoi/index.html#referred-2017" {
		t.Errorf("a referrer's figure is on the referrer's page: %q", got)
	}
	if got := ChartID("cells", "khoi-dn", 2017); got != "chart-cells-khoi-dn-2017" {
		t.Errorf("ChartID = %q", got)
	}
	if got := Download("chart-admissions-khoi-dn", day); got != "du-lieu/chart-admissions-khoi-dn.2018-11-15" {
		t.Errorf("Download = %q", got)
	}
}

// A copied file is named by its content: the same bytes give the same
// address whatever article asks, other bytes another one.
func TestMedia(t *testing.T) {
	png := []byte("\x89PNG")
	tests := []struct {
		name, ext string
		content   []byte
		want      string
	}{
		{"bieu-do", ".png", png, "media/bieu-do.0f4636c7.png"},
		{"bieu-do", ".PNG", png, "media/bieu-do.0f4636c7.png"},
		{"bieu-do", "pdf", png, "media/bieu-do.0f4636c7.pdf"},
		{"", ".svg", png, "media/0f4636c7.svg"},
		{"bieu-do", ".png", []byte("\x89PNG2"), "media/bieu-do.1c49b4b7.png"},
	}
	for _, tt := range tests {
		if got := Media(tt.name, tt.ext, tt.content); got != tt.want {
			t.Errorf("Media(%q, %q, %q) = %q, want %q", tt.name, tt.ext, tt.content, got, tt.want)
		}
	}
}
