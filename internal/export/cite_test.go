package export

import (
	"sitegen/internal/address"
	"testing"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
	"sitegen/internal/version"
)

func TestCite(t *testing.T) {
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	publisher := "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc"
	link := address.Permanent("https://so-lieu.example.vn/", "don-vi/khoi-dn/", "admitted-2017")
	tests := []struct {
		name string
		loc  *i18n.Locale
		c    Citation
		want string
	}{
		{"figure, Vietnamese", vi,
			Citation{publisher, "Kết nạp đảng viên", data.Year(2017), "trên 200", link, commitVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên”, năm 2017: trên 200. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017"},
		{"figure, English", en,
			Citation{publisher, "Members admitted", data.Year(2017), "over 200", link, commitVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Members admitted”, 2017: over 200. Data version 1a2b3c4d5e6f (26 November 2026). Retrieved …, from https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017"},
		{"chart over a period, no base_url, content hash", vi,
			Citation{publisher, "Kết nạp đảng viên theo nhiệm kỳ", data.Period{From: 2010, To: 2015}, "",
				address.Permanent("", "don-vi/khoi-dn/", "admitted-2010-2015"), hashVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên theo nhiệm kỳ”, giai đoạn 2010–2015. Phiên bản dữ liệu sha256:0f1e2d3c4b5a. Truy cập ngày …, tại don-vi/khoi-dn/#admitted-2010-2015"},
		{"the title already names the year", vi,
			Citation{publisher, "Kết nạp đảng viên 2017", data.Year(2017), "", "nam/2017/", commitVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên 2017”. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại nam/2017/"},
		{"text from the data stays on one line", vi,
			Citation{"Đảng bộ\nKhối.", "  Kết nạp\n\tđảng viên ", data.Period{}, "", "", hashVersion},
			"Đảng bộ Khối. “Kết nạp đảng viên”. Phiên bản dữ liệu sha256:0f1e2d3c4b5a. Truy cập ngày …"},
		{"nothing but a link", en, Citation{URL: "index.html"}, "Retrieved …, from index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cite(tt.loc, tt.c); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestVersionText(t *testing.T) {
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	dirty := hashVersion
	dirty.Dirty = true
	tests := []struct {
		loc  *i18n.Locale
		v    version.Version
		want string
	}{
		{vi, commitVersion, "Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026)"},
		{en, commitVersion, "Data version 1a2b3c4d5e6f (26 November 2026)"},
		{vi, hashVersion, "Phiên bản dữ liệu sha256:0f1e2d3c4b5a"},
		{vi, dirty, "Phiên bản dữ liệu sha256:0f1e2d3c4b5a (chưa lưu vào git)"},
		{en, dirty, "Data version sha256:0f1e2d3c4b5a (not committed to git)"},
	}
	for _, tt := range tests {
		if got := VersionText(tt.loc, tt.v); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
