package history

import (
	"slices"
	"testing"

	"sitegen/internal/data"
	"sitegen/internal/site"
)

// count is a figure of a cell's admissions in 2018: v counted to asOf
// (zero: the whole year), the answer from since on.
func count(v int64, asOf, since data.Date) *data.Figure {
	return &data.Figure{
		Query: data.Query{Name: data.NameAdmitted, Subject: "khoi-dn", Period: data.Year(2018)},
		Count: data.Count{Value: v, Set: true}, AsOf: asOf, Since: since, Latest: true,
	}
}

func TestClassify(t *testing.T) {
	nov15 := data.Date{Year: 2018, Month: 11, Day: 15}
	nov30 := data.Date{Year: 2018, Month: 11, Day: 30}
	dec31 := data.EndOfYear(2018)
	over := count(200, data.Date{}, dec31)
	over.Count.Approx = data.Over
	sum := func(v int64, since data.Date, covered int) *data.Figure {
		f := count(v, data.Date{}, since)
		f.Sum, f.Covered, f.Listed = true, covered, 3
		return f
	}
	tests := []struct {
		name          string
		before, after *data.Figure
		same          bool
		kind          site.ChangeKind
	}{
		{"the same count", count(187, nov15, nov15), count(187, nov15, nov15), true, ""},
		{"its source edited", count(187, nov15, nov15), func() *data.Figure { f := count(187, nov15, nov15); f.Source = "x"; return f }(), true, ""},
		{"to 15/11, then the whole year", count(187, nov15, nov15), count(205, data.Date{}, dec31), false, site.ChangeUpdate},
		{"to 15/11, then to 30/11", count(187, nov15, nov15), count(190, nov30, nov30), false, site.ChangeUpdate},
		{"the whole year, same value once counted", count(187, nov15, nov15), count(187, data.Date{}, dec31), false, site.ChangeUpdate},
		{"113 corrected to 118", count(113, data.Date{}, dec31), count(118, data.Date{}, dec31), false, site.ChangeCorrection},
		{"a count to a day corrected", count(187, nov15, nov15), count(178, nov15, nov15), false, site.ChangeCorrection},
		{"exact, then 'over'", count(200, data.Date{}, dec31), over, false, site.ChangeCorrection},
		{"a later count withdrawn: the earlier is the answer again", count(190, nov30, nov30), count(187, nov15, nov15), false, site.ChangeCorrection},
		{"a sum covering more sub-cells", sum(20, dec31, 2), sum(25, dec31, 3), false, site.ChangeCorrection},
		{"a sum whose part was counted later", sum(20, nov15, 3), sum(25, nov30, 3), false, site.ChangeUpdate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Same(tt.before, tt.after); got != tt.same {
				t.Fatalf("Same = %v, want %v", got, tt.same)
			}
			if !tt.same {
				if got := Classify(tt.before, tt.after); got != tt.kind {
					t.Errorf("Classify = %s, want %s", got, tt.kind)
				}
			}
		})
	}
}

// TestDiff: figures at links the version before did not have are new,
// links that no longer lead to a figure are withdrawn, and a sum beside
// an update of its name and period is an update.
func TestDiff(t *testing.T) {
	nov15 := data.Date{Year: 2018, Month: 11, Day: 15}
	dec31 := data.EndOfYear(2018)
	page := "don-vi/khoi-dn/index.html"
	parent := count(30, data.Date{}, dec31)
	parent.Subject, parent.Sum = "khoi", true
	parentAfter := *parent
	parentAfter.Count.Value = 33
	before := []site.Anchored{
		{Page: page, Anchor: "admitted-2018", Figure: count(187, nov15, nov15)},
		{Page: page, Anchor: "admitted-2018-2018-11-15", Figure: count(187, nov15, nov15)},
		{Page: page, Anchor: "confirmed-2018", Figure: count(181, nov15, nov15)},
		{Page: "don-vi/khoi/index.html", Anchor: "admitted-2018", Figure: parent},
	}
	after := []site.Anchored{
		{Page: page, Anchor: "admitted-2018", Figure: count(205, data.Date{}, dec31)},
		{Page: page, Anchor: "admitted-2018-2018-11-15", Figure: count(187, nov15, nov15)},
		{Page: page, Anchor: "women-2018", Figure: count(90, data.Date{}, dec31)},
		{Page: "don-vi/khoi/index.html", Anchor: "admitted-2018", Figure: &parentAfter},
	}
	slices.SortFunc(before, site.CompareAnchored)
	slices.SortFunc(after, site.CompareAnchored)
	want := map[string]site.ChangeKind{
		"don-vi/khoi-dn/#admitted-2018":  site.ChangeUpdate,
		"don-vi/khoi-dn/#confirmed-2018": site.ChangeWithdrawn,
		"don-vi/khoi-dn/#women-2018":     site.ChangeNew,
		"don-vi/khoi/#admitted-2018":     site.ChangeUpdate,
	}
	got := diff(before, after)
	if len(got) != len(want) {
		t.Fatalf("%d changes, want %d: %+v", len(got), len(want), got)
	}
	for _, c := range got {
		if want[c.Key()] != c.Kind {
			t.Errorf("%s: %s, want %s", c.Key(), c.Kind, want[c.Key()])
		}
	}
	if !sorted(got) {
		t.Errorf("changes not in order: %+v", got)
	}
	// The changes make the version after of the version before.
	if made := apply(before, got); !slices.EqualFunc(made, after, func(a, b site.Anchored) bool { return a.Key() == b.Key() && Same(a.Figure, b.Figure) }) {
		t.Errorf("apply(before, diff(before, after)) = %+v, want %+v", made, after)
	}
}
