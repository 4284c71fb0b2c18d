package data

import (
	"slices"
	"sort"
)

// Suggest returns the candidate nearest to s by edit distance, when it is
// near enough to be a typo of it; "" otherwise. Ties go to the first in
// sorted order, so the suggestion does not depend on map order. Every
// stage's "did you mean" uses it, so hints agree across data and articles.
func Suggest(s string, candidates []string) string {
	return closest(s, candidates)
}

func closest(s string, candidates []string) string {
	best, bestD := "", -1
	limit := max(1, min(3, len([]rune(s))/3))
	for _, c := range candidates {
		d := distance(s, c)
		if d > limit {
			continue
		}
		if bestD < 0 || d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the edit distance between a and b, in characters: a
// character added, dropped or changed, or two neighbours swapped
// ("biuld" for "build"), costs one each.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		// Ids and keys are short; long text is never a typo of one.
		if a == b {
			return 0
		}
		return 1 << 20
	}
	// Three rows: two back for a swap.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
