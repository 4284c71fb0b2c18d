package export

import (
	"strings"
	"testing"

	"sitegen/internal/address"

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
			Citation{Publisher: publisher, Title: "Kết nạp đảng viên", Period: data.Year(2017), Value: "trên 200", URL: link, Version: commitVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên”, năm 2017: trên 200. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017"},
		{"figure, English", en,
			Citation{Publisher: publisher, Title: "Members admitted", Period: data.Year(2017), Value: "over 200", URL: link, Version: commitVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Members admitted”, 2017: over 200. Data version 1a2b3c4d5e6f (26 November 2026). Retrieved …, from https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017"},
		{"figure with its source and the site", vi,
			Citation{Publisher: publisher, Title: "Kết nạp đảng viên", Period: data.Year(2017), Value: "trên 200", URL: link, Version: commitVersion,
				Sources: []string{"Báo Vĩnh Phúc, 02/02/2018"}, Site: "Phát triển đảng viên"},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên”, năm 2017: trên 200. Nguồn: Báo Vĩnh Phúc, 02/02/2018. Đăng trên trang “Phát triển đảng viên”. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017"},
		{"chart of figures from two sources, each named once, English", en,
			Citation{Publisher: publisher, Title: "Members admitted", Period: data.Period{From: 2017, To: 2018}, URL: link, Version: commitVersion,
				Sources: []string{"Báo Vĩnh Phúc, 02/02/2018", "", "Báo Vĩnh Phúc, 02/02/2018", "Nghị quyết Đại hội"}, Site: "Party membership"},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Members admitted”, 2017–2018. Sources: Báo Vĩnh Phúc, 02/02/2018; Nghị quyết Đại hội. Published on “Party membership”. Data version 1a2b3c4d5e6f (26 November 2026). Retrieved …, from https://so-lieu.example.vn/don-vi/khoi-dn/#admitted-2017"},
		{"chart over a period, no base_url, content hash", vi,
			Citation{Publisher: publisher, Title: "Kết nạp đảng viên theo nhiệm kỳ", Period: data.Period{From: 2010, To: 2015},
				URL: address.Permanent("", "don-vi/khoi-dn/", "admitted-2010-2015"), Version: hashVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên theo nhiệm kỳ”, giai đoạn 2010–2015. Phiên bản dữ liệu sha256:0f1e2d3c4b5a. Truy cập ngày …, tại địa chỉ tương đối, tính từ trang chủ của trang: don-vi/khoi-dn/#admitted-2010-2015"},
		{"the title already names the year", vi,
			Citation{Publisher: publisher, Title: "Kết nạp đảng viên 2017", Period: data.Year(2017), URL: "nam/2017/", Version: commitVersion},
			"Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc. “Kết nạp đảng viên 2017”. Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026). Truy cập ngày …, tại địa chỉ tương đối, tính từ trang chủ của trang: nam/2017/"},
		{"text from the data stays on one line", vi,
			Citation{Publisher: "Đảng bộ\nKhối.", Title: "  Kết nạp\n\tđảng viên ", Version: hashVersion, Sources: []string{"Báo\nVĩnh Phúc "}, Site: "Phát triển\nđảng viên"},
			"Đảng bộ Khối. “Kết nạp đảng viên”. Nguồn: Báo Vĩnh Phúc. Đăng trên trang “Phát triển đảng viên”. Phiên bản dữ liệu sha256:0f1e2d3c4b5a. Truy cập ngày …"},
		{"nothing but a link", en, Citation{URL: "index.html"}, "Retrieved …, from this address relative to the site's home page: index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cite(tt.loc, tt.c)
			if got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
			// The reader's browser writes the day where "…" is.
			before, after, ok := CutAtDay(tt.loc, got)
			if !ok || before+"…"+after != got || strings.Contains(after, "…") {
				t.Errorf("cut at the day: %q | %q (%v)", before, after, ok)
			}
		})
	}
}

// A "…" in the data is never taken for the place of the day of access.
func TestCutAtDayLeavesTheDataAlone(t *testing.T) {
	vi := i18n.New(i18n.VI)
	c := Cite(vi, Citation{Title: "Kết nạp … đảng viên", Sources: []string{"Báo …, Truy cập ngày …"}, URL: "https://x.vn/a/#b"})
	before, after, ok := CutAtDay(vi, c)
	if !ok || !strings.HasSuffix(before, "Báo …, Truy cập ngày …. Truy cập ngày ") || after != ", tại https://x.vn/a/#b" {
		t.Errorf("%q cut into %q and %q", c, before, after)
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
