package data

import (
	"testing"

	"sitegen/internal/i18n"
)

// TestText: the one way a figure is written, in both languages: as
// published, with the day it was counted to and what a sum covers.
func TestText(t *testing.T) {
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	count := func(n int64, a Approx) Figure {
		return Figure{Query: Query{Name: NameAdmitted}, Kind: KindCount, Count: Count{Value: n, Approx: a, Set: true}}
	}
	dated := count(187, Exact)
	dated.AsOf = Date{Year: 2018, Month: 11, Day: 15}
	members := Figure{Query: Query{Name: NameMembers}, Kind: KindCount, Count: Count{Value: 3232, Set: true}, AsOf: Date{Year: 2018, Month: 2, Day: 2}}
	partial := count(14, Exact)
	partial.Sum, partial.Covered, partial.Listed = true, 2, 6
	whole := count(15, Exact)
	whole.Sum, whole.Covered, whole.Listed = true, 3, 3
	referrals := Figure{Query: Query{Name: NameReferred}, Kind: KindCount, Count: Count{Value: 16, Set: true}, Sum: true, Covered: 2, Listed: 2}
	tests := []struct {
		loc   *i18n.Locale
		f     Figure
		quote string
	}{
		{vi, count(200, Over), "trên 200"},
		{en, count(200, Over), "over 200"},
		{vi, count(3232, Exact), "3.232"},
		{vi, dated, "187 (đến 15/11/2018)"},
		{en, dated, "187 (as of 15 November 2018)"},
		{vi, members, "3.232 (ngày 02/02/2018)"},
		{vi, partial, "14 (tổng của 2/6 đơn vị trực thuộc có số liệu)"},
		{en, partial, "14 (sum of the 2 of 6 sub-cells with figures)"},
		{vi, whole, "15 (tổng của 3 đơn vị trực thuộc)"},
		{vi, referrals, "16 (tổng của 2 đơn vị được giới thiệu tới)"},
		{vi, Figure{Kind: KindRange, Min: 200, Max: 220}, "200–220"},
		{vi, Figure{Kind: KindRange, Min: 170, Max: 170}, "170"},
		{vi, Figure{Kind: KindPercent, Tenths: 698}, "69,8%"},
		{vi, Figure{Kind: KindPercent, Tenths: 1000, Approx: About}, "khoảng 100,0%"},
	}
	for _, tt := range tests {
		if got := tt.f.Quote(tt.loc); got != tt.quote {
			t.Errorf("%s: got %q, want %q", tt.loc.Lang, got, tt.quote)
		}
	}
	if f := count(1, Exact); f.SourceText(vi) != "Không ghi nguồn" {
		t.Errorf("a record without a source: %q", f.SourceText(vi))
	}
	if got := partial.SourceText(vi); got != "" {
		t.Errorf("a sum: %q, want no source line (its notes say what it sums)", got)
	}
}
