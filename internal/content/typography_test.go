package content

import "testing"

// TestQuotes: straight quotes typed in Vietnamese text come out as the
// right curly quotes, whatever letter the quoted word starts with.
func TestQuotes(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"vi", `Ông nói: "Hàng năm, Đảng bộ có kế hoạch."`, `Ông nói: “Hàng năm, Đảng bộ có kế hoạch.”`},
		{"vi", `phong trào 'tạo nguồn' và 'nâng cao'`, `phong trào ‘tạo nguồn’ và ‘nâng cao’`},
		{"vi", `'lãnh đạo', 'em', 'sẽ', 'mới', 'dân', 'đảng viên'`, `‘lãnh đạo’, ‘em’, ‘sẽ’, ‘mới’, ‘dân’, ‘đảng viên’`},
		{"vi", `"Đảng bộ 'Khối' doanh nghiệp"`, `“Đảng bộ ‘Khối’ doanh nghiệp”`},
		{"vi", `"ưu tú" -- "ổn định"...`, `“ưu tú” – “ổn định”…`},
		{"en", `It's the bloc's "target", 'twas said.`, `It’s the bloc’s “target”, ’twas said.`},
	}
	for _, tt := range tests {
		arts, diags := load(t, tt.lang, "-- content/a.md --\n"+head+tt.in+"\n")
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		if got, want := body(arts[0]), "<p>"+tt.want+"</p>\n"; got != want {
			t.Errorf("%s: %s\n got %s\nwant %s", tt.lang, tt.in, got, want)
		}
	}
}
