package form

import "strings"

// diffLines is the change from old to new, line by line, as diff -u
// shows it without hunk headers: unchanged lines far from a change are
// left out. Both are small files, so a quadratic longest common
// subsequence is enough.
func diffLines(old, new, name string) string {
	a, b := splitLines(old), splitLines(new)
	// lcs[i][j]: the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		mark byte
		text string
	}
	var ops []op
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			// A line taken out before the one put in its place.
			ops = append(ops, op{'-', a[i]})
			i++
		default:
			ops = append(ops, op{'+', b[j]})
			j++
		}
	}
	const context = 2
	var out strings.Builder
	out.WriteString("--- " + name + "\n+++ " + name + "\n")
	changed := false
	skipped := false
	for k, o := range ops {
		near := false
		for d := max(0, k-context); d <= min(len(ops)-1, k+context); d++ {
			if ops[d].mark != ' ' {
				near = true
				break
			}
		}
		if !near {
			if !skipped {
				out.WriteString("@@\n")
				skipped = true
			}
			continue
		}
		skipped = false
		if o.mark != ' ' {
			changed = true
		}
		out.WriteByte(o.mark)
		out.WriteString(o.text + "\n")
	}
	if !changed {
		return ""
	}
	return out.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
