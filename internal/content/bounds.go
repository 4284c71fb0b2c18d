package content

import "sitegen/internal/data"

// goldmark's time grows with the square of some lines' length: at each
// "](" it reads the rest of the line for the link's address, so a line
// of 50,000 "[a](" took 13 s, and 100,000 took 52 s. It grows with the
// square of how deeply quotes and lists nest on one line ("> > > …",
// "- - - … a"), and with the square of a paragraph's or an article's
// size on some texts: a paragraph of 128 KB of "[" then "]" takes 2.5 s
// (each "]" looks at every node since its "["), 1 MB 57 s; 35,000
// footnotes 46 s (each new one compared with all the others). An
// article is refused before it is parsed when it is larger than
// maxArticle, when a line is longer than data.MaxLine characters (the
// bound of a data file's line), or when a line opens more than
// maxNesting quotes and lists. At these bounds the slowest article known
// takes about 10 s of CPU time.

// maxArticle is the largest article, in bytes: a long report is 50 KB.
const maxArticle = 256 << 10

// maxNesting is how many quotes and list items a line may open.
const maxNesting = 10

// bounded reports whether the article is within the bounds, and reports
// where it is not.
func (st *articleState) bounded() bool {
	if len(st.src) > maxArticle {
		st.report(-1, "content.size.large", []any{(len(st.src) + 1023) >> 10, maxArticle >> 10}, "content.size.large.help")
		return false
	}
	if off, n := data.LongLine(st.src); off >= 0 {
		st.report(off, "content.line.long", []any{n, data.MaxLine}, "content.line.long.help")
		return false
	}
	for _, start := range st.lines {
		if off, n := nesting(st.src, start); n > maxNesting {
			st.report(off, "content.nest.deep", []any{n, maxNesting}, "content.nest.deep.help")
			return false
		}
	}
	return true
}

// nesting counts the quote markers (>) and list markers (-, +, * or a
// number and . or ), each followed by a blank) that begin the line at
// start, and returns where the one past maxNesting is. A thematic break
// (- - - -) opens nothing.
func nesting(src []byte, start int) (off, n int) {
	i := start
	blank := func(j int) bool {
		return j >= len(src) || src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r'
	}
	for i < len(src) {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		at := i
		switch {
		case i < len(src) && src[i] == '>':
			i++
		case i < len(src) && (src[i] == '-' || src[i] == '+' || src[i] == '*') && blank(i+1):
			i++
		default:
			d := i
			for d < len(src) && d-i < 9 && src[d] >= '0' && src[d] <= '9' {
				d++
			}
			if d == i || d >= len(src) || (src[d] != '.' && src[d] != ')') || !blank(d+1) {
				return off, n
			}
			i = d + 1
		}
		if n++; n == maxNesting+1 {
			off = at
			if thematicBreak(src, start) {
				return off, 0
			}
		}
	}
	return off, n
}

// thematicBreak reports whether the line at start is only one of - * _,
// three times or more, and blanks.
func thematicBreak(src []byte, start int) bool {
	var mark byte
	count := 0
	for i := start; i < len(src) && src[i] != '\n'; i++ {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			count++
		default:
			return false
		}
	}
	return count >= 3
}
