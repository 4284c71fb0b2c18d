// Package fold is the one rule by which sitegen compares Vietnamese text
// without its diacritics: search folds every word it indexes and every
// query with it, and slugs and ids are made from its output, so that
// "Vĩnh Phúc", "vinh phuc" and "VĨNH PHÚC" are one word everywhere.
//
// The rule: decompose (NFD, which also brings any input to one form),
// drop the combining marks (tones, and the hats and horns of â, ơ, ư),
// write đ and Đ as d (đ is a letter of its own, not d with a mark, so
// decomposition leaves it), and lower the case.
//
// Sorting is not folding: pages list names in Vietnamese collation
// order (golang.org/x/text/collate), where Đ follows D and tones order
// words that fold alike; folding would merge them.
package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks holds chains that drop combining marks: a chain holds
// buffers of its own, and every word of every page is folded.
var stripMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)))
}}

// String folds s: no diacritics, đ → d, lower case.
func String(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := stripMarks.Get().(transform.Transformer)
	plain, _, err := transform.String(t, s)
	stripMarks.Put(t) // transform.String resets it before use
	if err != nil {
		plain = s
	}
	return strings.Map(func(r rune) rune {
		if r == 'đ' || r == 'Đ' {
			return 'd'
		}
		return unicode.ToLower(r)
	}, plain)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Slug puts s into the slug form of addresses and ids, [a-z0-9]+ joined
// by single hyphens: folded, with every run of anything else one
// hyphen, none at either end. It returns "" when nothing is left.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range String(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
