package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/fold"
)

// A word, as the index and the client (search.js, WORD) cut text into
// words, is what the pattern \pN+(?:[.,]\pN+)+|[\pL\pM\pN]+ matches
// (leftmost first): a number with its separators as shown (3.232, 69,8)
// or a run of letters, marks and digits. scan is that pattern written
// out, as a regular expression costs a tenth of a build.

// maxWord is the longest word indexed, in bytes: anything longer is not
// a word a reader types.
const maxWord = 64

// word is a word of the text: as written in lower case (its variant,
// "đảng"), and folded ("dang").
type word struct{ variant, folded string }

// scan calls f with each word of s, in order.
func scan(s string, f func(string)) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		end := number(s, i)
		if end < 0 {
			end = i
			for end < len(s) {
				r, n := utf8.DecodeRuneInString(s[end:])
				if !isWordRune(r) {
					break
				}
				end += n
			}
		}
		f(s[i:end])
		i = end
	}
}

// number is the end of the number with separators at s[i:], or -1 when
// none stands there (digits and at least one [.,] followed by a digit).
func number(s string, i int) int {
	end, groups := digitsEnd(s, i), 0
	if end == i {
		return -1
	}
	for end+1 < len(s) && (s[end] == '.' || s[end] == ',') {
		next := digitsEnd(s, end+1)
		if next == end+1 {
			break
		}
		end, groups = next, groups+1
	}
	if groups == 0 {
		return -1
	}
	return end
}

func digitsEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsNumber(r) {
			break
		}
		i += n
	}
	return i
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

// words calls f for each word of s, in order.
func words(s string, f func(word)) {
	scan(s, func(w string) {
		if len(w) <= maxWord {
			f(toWord(w))
		}
	})
}

func toWord(w string) word {
	v := strings.ToLower(norm.NFC.String(w))
	return word{v, fold.String(v)}
}

// wordCache remembers each word's forms: a site writes the same few
// thousand words again and again, and folding is the costly part.
type wordCache map[string]word

// words calls f for each word of s, as the package's words does.
func (c wordCache) words(s string, f func(word)) {
	scan(s, func(w string) {
		if len(w) > maxWord {
			return
		}
		x, ok := c[w]
		if !ok {
			x = toWord(w)
			c[strings.Clone(w)] = x
		}
		f(x)
	})
}
