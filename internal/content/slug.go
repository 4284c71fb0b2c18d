package content

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// slugPattern is the format's slug form; a slug is also a folder name of
// the output, so nothing outside it may ever pass.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is in the slug form [a-z0-9]+(-[a-z0-9]+)*.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// stripMarks holds chains that drop diacritics: a chain holds buffers of
// its own, and every heading of every article is slugified.
var stripMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)))
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Slugify puts text into the slug form: diacritics dropped (đ → d),
// lowercase, one - between words. It returns "" when nothing is left.
func Slugify(s string) string {
	// NFD splits "ệ" into "e" and its marks, which are then dropped; đ is
	// a letter of its own, not a d with a mark, so it is mapped by hand.
	plain := s
	if !isASCII(s) {
		t := stripMarks.Get().(transform.Transformer)
		var err error
		if plain, _, err = transform.String(t, s); err != nil {
			plain = s
		}
		stripMarks.Put(t) // transform.String resets it before use
	}
	var b strings.Builder
	dash := false
	for _, r := range plain {
		switch {
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
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

// headingIDs gives each heading of one article an id made from its text
// without diacritics, unique within the article; the same text gives the
// same id in every build, so links to a section keep working.
type headingIDs struct {
	used map[string]bool
	// next is, for a text given more than once, the number to try first
	// for it: every smaller one is taken (ids are never freed), so a
	// hundred headings "a" are not each tried against all the others.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "muc"
	}
	id, n := base, max(h.next[base], 1)
	for ; h.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	h.next[base] = n
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
