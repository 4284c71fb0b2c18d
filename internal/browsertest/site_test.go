package browsertest

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
)

// buildSite builds the site folder src into a temporary folder, as
// `sitegen build` does.
func buildSite(t *testing.T, src string) *site {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	res, diags, err := build.Build(src, out, build.Options{Prefix: src})
	if err != nil {
		t.Fatalf("building %s: %v", src, err)
	}
	if diags.HasErrors() {
		t.Fatalf("building %s:\n%v", src, diags)
	}
	t.Logf("built %s: %d pages in %v", src, res.Pages, time.Since(start).Round(time.Millisecond))
	return loadSite(t, out)
}

// sampleSite builds the repository's own site: data/ and content/.
func sampleSite(t *testing.T) *site {
	return buildSite(t, filepath.Join("..", ".."))
}

func TestSampleSite(t *testing.T) { checkSite(t, sampleSite(t)) }

func TestSampleSiteValidHTML(t *testing.T) { checkValid(t, sampleSite(t)) }

// TestSampleSiteScreenshots writes the home page, a cell page and an
// article page at desktop and phone widths, and fails when one scrolls
// sideways on the phone.
func TestSampleSiteScreenshots(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	want := []string{"index.html"}
	for _, prefix := range []string{"don-vi/", "bai-viet/"} {
		if best := largest(s, prefix); best != "" {
			want = append(want, best)
		} else {
			// The pages are another stage's work; this test only looks at them.
			t.Logf("the sample site has no page under %s: no screenshot of one", prefix)
		}
	}
	for _, w := range screenshots(t, browser, serverOrigin(t, s), want, screenshotDir(t, "sample")) {
		t.Error(w)
	}
}

// checkSite opens every page of s from disk and from the server, and fails
// on each problem a reader would notice.
func checkSite(t *testing.T, s *site) {
	browser := newBrowser(t)
	axe := readFile(t, axePath(t))
	axePages := onePerType(s.pages)
	if os.Getenv(envAxeAll) != "" {
		for _, p := range s.pages {
			axePages[p] = true
		}
	}
	for _, o := range []origin{diskOrigin(s), serverOrigin(t, s)} {
		t.Run(o.name, func(t *testing.T) {
			var axeFor func(string) bool
			if o.name == "server" {
				// From disk axe-core cannot read the style sheets it checks.
				axeFor = func(p string) bool { return axePages[p] }
			}
			start := time.Now()
			pages := visitAll(t, browser, s, o, axe, axeFor)
			t.Logf("%d pages opened from %s in %v", len(pages), o.name, time.Since(start).Round(time.Millisecond))
			found := problems(s, o, pages)
			known, knownCount := map[string]string{}, map[string]int{}
			defer func() {
				for _, owner := range slices.Sorted(maps.Keys(known)) {
					t.Logf("known defect, not failing (%s): %d times, the first: %s", owner, knownCount[owner], known[owner])
				}
			}()
			charts, tables, links, blocked, axed := 0, 0, 0, 0, 0
			for _, name := range s.pages {
				var f []string
				for _, pr := range found[name] {
					if owner := knownDefect(pr); owner != "" {
						if known[owner] == "" {
							known[owner] = name + ": " + pr
						}
						knownCount[owner]++
					} else {
						f = append(f, pr)
					}
				}
				if len(f) > 0 {
					if len(f) > 10 {
						f = append(f[:10:10], fmt.Sprintf("… and %d more", len(f)-10))
					}
					t.Errorf("%s:\n\t%s", name, strings.Join(f, "\n\t"))
				}
				if p := pages[name]; p != nil {
					charts += len(p.Charts)
					links += len(p.Links)
					blocked += len(p.Blocked)
					for _, c := range p.Charts {
						if c.Table != "" {
							tables++
						}
					}
					if axeFor != nil && axeFor(name) {
						axed++
					}
					if bad := serious(p.Violations); len(bad) > 0 {
						t.Errorf("%s: axe-core:%v", name, bad)
					}
					for _, v := range p.Violations {
						if v.Impact != "serious" && v.Impact != "critical" {
							t.Logf("%s: axe-core, not failing: %v", name, v)
						}
					}
				}
			}
			t.Logf("%d charts (%d with their table, %d target bands drawn), %d links, %d requests outside the site blocked, axe-core on %d pages",
				charts, tables, bands(pages), links, blocked, axed)
			if charts == 0 {
				t.Errorf("no chart on any page")
			}
			if bands(pages) == 0 {
				t.Errorf("no admissions chart shows its target band on any page")
			}
			if o.name != "server" {
				return
			}
			tb := newTab(t, browser, o.root)
			tried := 0
			for _, name := range s.pages {
				// Every page of a small site; one of each type of a large one.
				if len(s.pages) > 30 && !axePages[name] {
					continue
				}
				bad, n, err := tb.checkCopy(o.url(name))
				tried += n
				if err != nil {
					t.Errorf("%s: copy citation: %v", name, err)
				}
				for _, b := range bad {
					t.Errorf("%s: copy citation: %s", name, b)
				}
			}
			tb.take()
			t.Logf("%d copy-citation buttons tried", tried)
		})
	}
}

// checkValid runs the Nu HTML Checker over every page of s.
func checkValid(t *testing.T, s *site) {
	start := time.Now()
	found := validate(t, s)
	t.Logf("%d pages checked in %v", len(s.pages), time.Since(start).Round(time.Millisecond))
	for _, name := range slices.Sorted(maps.Keys(found)) {
		t.Errorf("%s:\n\t%s", name, strings.Join(found[name], "\n\t"))
	}
}
