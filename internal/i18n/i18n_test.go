package i18n

import (
	"regexp"
	"testing"
	"time"
)

// Every language has a text for every key of every other language, and
// no text is empty.
func TestCatalogue(t *testing.T) {
	for name, l := range languages {
		for k, v := range l.texts {
			if v == "" {
				t.Errorf("%s: %s has an empty text", name, k)
			}
			for other, o := range languages {
				if _, ok := o.texts[k]; !ok {
					t.Errorf("%s has %s, %s has not", name, k, other)
				}
			}
		}
	}
}

func TestFormats(t *testing.T) {
	vi, en := New(VI), New(EN)
	tests := []struct{ got, want string }{
		{vi.Int(3232), "3.232"},
		{en.Int(3232), "3,232"},
		{vi.Int(17), "17"},
		{vi.Percent(698), "69,8%"},
		{en.Percent(698), "69.8%"},
		{vi.Percent(700), "70,0%"},
		{vi.Count(200, "over"), "trên 200"},
		{en.Count(200, "over"), "over 200"},
		{vi.Count(3000, "under"), "gần 3.000"},
		{vi.Range(200, 220), "200–220"},
		{vi.Range(170, 170), "170"},
		{vi.Date(2018, time.February, 2), "02/02/2018"},
		{en.Date(2018, time.February, 2), "2 February 2018"},
		{vi.Year(2017), "2017"},
		{vi.PercentApprox(1000, "about"), "khoảng 100,0%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestOneSpelling: the Vietnamese texts place the tone mark one way, as
// administrative documents do (khóa, xóa, hóa, tòa, hòa), so that one
// message does not say "khóa" and the next "khoá".
func TestOneSpelling(t *testing.T) {
	// Only a syllable ending on the pair differs between the two ways:
	// hoàn, loại, ngoài are written so by both.
	newStyle := regexp.MustCompile(`(?i)(^|[^q\pL])\pL*(oá|oà|oả|oã|oạ|oé|oè|oẻ|oẽ|oẹ|uý|uỳ|uỷ|uỹ|uỵ)($|[^\pL])`)
	for k, v := range languages[VI].texts {
		if m := newStyle.FindString(v); m != "" {
			t.Errorf("%s: %q places the tone mark on the second vowel (%q); write it on the first, as khóa", k, v, m)
		}
	}
}
