package search

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/fold"
)

// wordPattern is a word as the index and the client (search.js, the same
// pattern) cut text into: a number with its separators as shown (3.232,
// 69,8) or a run of letters, marks and digits.
var wordPattern = regexp.MustCompile(`\pN+(?:[.,]\pN+)+|[\pL\pM\pN]+`)

// maxWord is the longest word indexed, in bytes: anything longer is not
// a word a reader types.
const maxWord = 64

// word is a word of the text: as written in lower case (its variant,
// "đảng"), and folded ("dang").
type word struct{ variant, folded string }

// words calls f for each word of s, in order.
func words(s string, f func(word)) {
	for _, w := range wordPattern.FindAllString(s, -1) {
		if len(w) > maxWord {
			continue
		}
		v := strings.ToLower(norm.NFC.String(w))
		f(word{v, fold.String(v)})
	}
}
