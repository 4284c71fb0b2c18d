package history

import (
	"maps"
	"slices"
	"strings"

	"sitegen/internal/data"
	"sitegen/internal/site"
)

// keyed is a figure at its permanent link (see site.Anchored).
type keyed struct {
	Page, Anchor string
	Figure       *data.Figure
}

// snapshot is what one version of data/ publishes: its anchored
// figures, sorted by key, or Refused when it did not pass check.
type snapshot struct {
	Refused bool
	Figures []keyed
}

// figureOf keeps of an anchored figure what the log shows and compares:
// where its record was written is not part of the figure (a record
// moved to another file or line changes no figure).
func figureOf(a site.Anchored) keyed {
	f := *a.Figure
	f.Pos = data.Pos{}
	return keyed{a.Page, a.Anchor, &f}
}

func (k *keyed) key() string { return site.Anchored{Page: k.Page, Anchor: k.Anchor}.Key() }

// diff compares the figures published before (by key) with those of the
// next version, and says how each that differs changed, sorted by key.
func diff(before map[string]*keyed, after []keyed) []site.Change {
	var out []site.Change
	seen := make(map[string]bool, len(after))
	for i := range after {
		a := &after[i]
		k := a.key()
		seen[k] = true
		b := before[k]
		switch {
		case b == nil:
			out = append(out, site.Change{Kind: site.ChangeNew, Page: a.Page, Anchor: a.Anchor, After: a.Figure})
		case !Same(b.Figure, a.Figure):
			out = append(out, site.Change{Kind: Classify(b.Figure, a.Figure), Page: a.Page, Anchor: a.Anchor, Before: b.Figure, After: a.Figure})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(before)) {
		if b := before[k]; !seen[k] {
			out = append(out, site.Change{Kind: site.ChangeWithdrawn, Page: b.Page, Anchor: b.Anchor, Before: b.Figure})
		}
	}
	slices.SortStableFunc(out, func(x, y site.Change) int { return strings.Compare(x.Key(), y.Key()) })
	sumsOfUpdates(out)
	return out
}

// sumsOfUpdates makes an update of a sum over sub-cells whose value
// changed on the same day it was counted to, when the same commit
// updates a count of the same name and period: a sub-cell counted to a
// later day that is not the latest of the sum's parts changes the sum
// but not its day. A figure alone cannot say which cells it sums, so a
// sum beside a correction and an update of two other sub-cells in one
// commit is told an update too; the log says so in docs/citing.md.
func sumsOfUpdates(changes []site.Change) {
	type of struct {
		name   string
		period data.Period
	}
	updated := make(map[of]bool)
	for _, c := range changes {
		if c.Kind == site.ChangeUpdate {
			updated[of{c.After.Name, c.After.Period}] = true
		}
	}
	for i := range changes {
		c := &changes[i]
		if c.Kind == site.ChangeCorrection && c.After.Sum && c.Before.Sum && updated[of{c.After.Name, c.After.Period}] {
			c.Kind = site.ChangeUpdate
		}
	}
}

// apply makes the changes to the figures published (by key) and returns
// them.
func apply(figures map[string]*keyed, changes []site.Change) []site.Change {
	for _, c := range changes {
		if c.After == nil {
			delete(figures, c.Key())
			continue
		}
		figures[c.Key()] = &keyed{c.Page, c.Anchor, c.After}
	}
	return changes
}

// listed is every figure published, sorted by key, as a version file
// lists them.
func listed(figures map[string]*keyed) []site.Anchored {
	out := make([]site.Anchored, 0, len(figures))
	for _, k := range slices.Sorted(maps.Keys(figures)) {
		f := figures[k]
		out = append(out, site.Anchored{Page: f.Page, Anchor: f.Anchor, Figure: f.Figure})
	}
	return out
}

// Same reports whether a reader sees the same figure in f and g: the
// same value, approximation, the day it was counted to, and for a sum
// the same coverage. Its source and where its record is written are not
// the figure.
func Same(f, g *data.Figure) bool {
	return f.Kind == g.Kind && f.Count.Value == g.Count.Value && f.Count.Approx == g.Count.Approx &&
		f.Min == g.Min && f.Max == g.Max && f.Tenths == g.Tenths && f.Approx == g.Approx &&
		f.AsOf == g.AsOf && f.Sum == g.Sum && f.Covered == g.Covered && f.Listed == g.Listed
}

// Classify says how a figure published before (f) changed into g, at the
// same link: an update when g is a later count (it became the answer on
// a later day: counted to a later day, or the whole year after a count
// to a day, or a sum one of whose parts was counted later), else a
// correction: the same count with another value.
func Classify(f, g *data.Figure) site.ChangeKind {
	if f.Since.Before(g.Since) {
		return site.ChangeUpdate
	}
	return site.ChangeCorrection
}
