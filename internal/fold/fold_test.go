package fold

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vĩnh Phúc", "vinh phuc"},
		{"vinh phuc", "vinh phuc"},
		{"VĨNH PHÚC", "vinh phuc"},
		{"đảng viên", "dang vien"},
		{"ĐẢNG VIÊN", "dang vien"},
		{"Đăng", "dang"},
		{"ưu tú", "uu tu"},
		{"Thuỷ Thủy", "thuy thuy"},
		{"Nguyễn Thị Ơn", "nguyen thi on"},
		{norm.NFD.String("Đảng bộ Khối"), "dang bo khoi"}, // decomposed, as some editors save
		{"3.232 và 69,8%", "3.232 va 69,8%"},
		{"", ""},
		{"北京", "北京"}, // no marks, no case: kept
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chú trọng tạo nguồn và phát triển đảng viên", "chu-trong-tao-nguon-va-phat-trien-dang-vien"},
		{"  2017 -- năm   bản lề!  ", "2017-nam-ban-le"},
		{"Chi bộ Công ty Điện lực", "chi-bo-cong-ty-dien-luc"},
		{"—", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
