package content

import (
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"sitegen/internal/fold"
)

// slugPattern is the format's slug form; a slug is also a folder name of
// the output, so nothing outside it may ever pass.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is in the slug form [a-z0-9]+(-[a-z0-9]+)*.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// Slugify puts text into the slug form: diacritics dropped (đ → d),
// lowercase, one - between words (fold.Slug, the rule ids and search
// share). It returns "" when nothing is left.
func Slugify(s string) string { return fold.Slug(s) }

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
