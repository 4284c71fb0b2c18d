package content

import (
	"testing"

	"sitegen/internal/hostile"
)

// TestHostileParsing: the hostile articles that sitegen's own parsing was
// slow on are parsed within the budget, past the bounds that now refuse
// most of them (parse is what Load does once they are checked), so that
// the bounds do not hide a parser that is slow again.
func TestHostileParsing(t *testing.T) {
	fsys := testSite(t, "vi", "")
	l := newLoader(fsys, "", loadData(t, fsys))
	for _, in := range hostile.Articles {
		if in.Library {
			continue
		}
		t.Run(in.Name, func(t *testing.T) {
			src := []byte(head + in.Text)
			hostile.Run(t, func() { l.parse("content/a.md", newState("content/a.md", src, l.loc)) })
		})
	}
}
