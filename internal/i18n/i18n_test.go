package i18n

import (
	"testing"
	"time"
)

func TestCatalogue(t *testing.T) {
	// merge panics on a key defined twice; building the catalogue here shows it.
	c := merge(common, dataMessages, contentMessages, labels, exportMessages, publishMessages)
	for k, e := range c {
		if e.vi == "" || e.en == "" {
			t.Errorf("%s: both languages need a text: %+v", k, e)
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
