package history

import (
	"slices"

	"sitegen/internal/data"
	"sitegen/internal/site"
)

// A version's figures are a slice of site.Anchored sorted by
// site.CompareAnchored: two versions are compared, and a version made
// from the one before and its changes, in one pass over both.

// snapshot is what one version of data/ publishes: its anchored
// figures, sorted, or Refused when it did not pass check.
type snapshot struct {
	Refused bool
	Figures []site.Anchored
}

// shown keeps of a figure what the log shows and compares: where its
// record was written, its source and the ids of the sub-cells a partial
// sum leaves out are not part of the figure as published (a record moved
// to another file or line, a source reworded, change no figure), and the
// cache keeps thousands of them. Only the figures of changes are kept,
// so only they are copied.
func shown(f *data.Figure) *data.Figure {
	g := *f
	g.Pos, g.Source, g.Missing = data.Pos{}, "", nil
	return &g
}

// diff compares the figures published before with those of the next
// version, both sorted, and says how each that differs changed, in the
// same order.
func diff(before, after []site.Anchored) []site.Change {
	var out []site.Change
	i, j := 0, 0
	for i < len(before) || j < len(after) {
		c := 1
		switch {
		case i == len(before):
			c = 1
		case j == len(after):
			c = -1
		default:
			c = site.CompareAnchored(before[i], after[j])
		}
		switch {
		case c < 0:
			b := before[i]
			out = append(out, site.Change{Kind: site.ChangeWithdrawn, Page: b.Page, Anchor: b.Anchor, Before: shown(b.Figure)})
			i++
		case c > 0:
			a := after[j]
			out = append(out, site.Change{Kind: site.ChangeNew, Page: a.Page, Anchor: a.Anchor, After: shown(a.Figure)})
			j++
		default:
			b, a := before[i], after[j]
			if !Same(b.Figure, a.Figure) {
				out = append(out, site.Change{Kind: Classify(b.Figure, a.Figure), Page: a.Page, Anchor: a.Anchor, Before: shown(b.Figure), After: shown(a.Figure)})
			}
			i++
			j++
		}
	}
	sumsOfUpdates(out)
	return out
}

// sumsOfUpdates makes an update of a sum over sub-cells whose value
// changed on the same day it was counted to, when the same commit
// updates a count of the same name and period: a sub-cell counted to a
// later day that is not the latest of the sum's parts changes the sum
// but not its day. A figure alone cannot say which cells it sums, so a
// sum beside a correction and an update of two other sub-cells in one
// commit is told an update too; docs/citing.md says so.
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

// apply returns the figures of the version that the changes (sorted)
// make of figures (sorted); figures itself is left as it was, as the
// version before.
func apply(figures []site.Anchored, changes []site.Change) []site.Anchored {
	out := make([]site.Anchored, 0, len(figures)+len(changes))
	i := 0
	for _, c := range changes {
		at := site.Anchored{Page: c.Page, Anchor: c.Anchor}
		for i < len(figures) && site.CompareAnchored(figures[i], at) < 0 {
			out = append(out, figures[i])
			i++
		}
		if i < len(figures) && site.CompareAnchored(figures[i], at) == 0 {
			i++ // replaced or withdrawn
		}
		if c.After != nil {
			at.Figure = c.After
			out = append(out, at)
		}
	}
	return append(out, figures[i:]...)
}

// sorted reports whether changes are in the order apply needs, as a
// cache's steps must be.
func sorted(changes []site.Change) bool {
	return slices.IsSortedFunc(changes, func(a, b site.Change) int {
		return site.CompareAnchored(site.Anchored{Page: a.Page, Anchor: a.Anchor}, site.Anchored{Page: b.Page, Anchor: b.Anchor})
	})
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
