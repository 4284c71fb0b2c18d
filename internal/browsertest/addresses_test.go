package browsertest

import (
	"testing"
)

// TestHostileAddresses: no address a reader can type breaks a page. The
// pages with the most scripts (a cell's page with its three charts, the
// home page, an article) are opened with malformed fragments and query
// strings, from disk and from a server; every chart is still drawn and
// no script fails.
func TestHostileAddresses(t *testing.T) {
	s := sampleSite(t)
	browser := newBrowser(t)
	suffixes := []string{"#%", "#%E0%A4%A", "#%ZZ", "#admitted-2017%", "#<script>", "#\"'", "?%", "?x=%&y=<b>#%"}
	for _, o := range []origin{diskOrigin(s), serverOrigin(t, s)} {
		tb := newTab(t, browser, o.root)
		// Suffixes outside, pages inside: each visit loads another
		// document, never just moves to another fragment of the last.
		for _, sfx := range suffixes {
			for _, name := range []string{"don-vi/khoi-dn/index.html", "index.html", "bai-viet/ket-qua-phat-trien-dang-vien-2018/index.html"} {
				p, err := tb.visit(o.url(name)+sfx, "")
				if err != nil {
					t.Errorf("%s %s%s: %v", o.name, name, sfx, err)
					continue
				}
				for _, e := range p.Errors {
					t.Errorf("%s %s%s: %s", o.name, name, sfx, e)
				}
				if len(p.Charts) == 0 {
					t.Errorf("%s %s%s: no chart found", o.name, name, sfx)
				}
				for _, c := range p.Charts {
					if !c.Instance {
						t.Errorf("%s %s%s: chart #%s was not drawn", o.name, name, sfx, c.ID)
					}
				}
			}
		}
	}
}
