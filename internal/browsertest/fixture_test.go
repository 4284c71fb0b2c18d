package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureSite copies the hand-written site in testdata/fixture, and adds the
// page testdata/faulty.html, which breaks every rule once, as bai-viet/loi/.
func fixtureSite(t *testing.T) *site {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/fixture")); err != nil {
		t.Fatal(err)
	}
	faulty, err := os.ReadFile("testdata/faulty.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "bai-viet", "loi"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bai-viet", "loi", "index.html"), faulty, 0o644); err != nil {
		t.Fatal(err)
	}
	return loadSite(t, dir)
}

const faultyPage = "bai-viet/loi/index.html"

// TestHarnessSeesFaults proves that the checks can fail: on the faulty page
// each planted fault is reported, and the clean pages report nothing.
func TestHarnessSeesFaults(t *testing.T) {
	browser := newBrowser(t)
	s := fixtureSite(t)
	axe := readFile(t, axePath(t))
	for _, o := range []origin{diskOrigin(s), serverOrigin(t, s)} {
		t.Run(o.name, func(t *testing.T) {
			var axeFor func(string) bool
			if o.name == "server" {
				// From disk axe-core cannot read the style sheets it checks.
				axeFor = func(string) bool { return true }
			}
			pages := visitAll(t, browser, s, o, axe, axeFor)
			got := problems(s, o, pages)
			for _, name := range s.pages {
				if name != faultyPage && len(got[name]) > 0 {
					t.Errorf("%s: clean page reported:\n\t%s", name, strings.Join(got[name], "\n\t"))
				}
				if v := serious(pages[name].Violations); name != faultyPage && len(v) > 0 {
					t.Errorf("%s: clean page has axe violations: %v", name, v)
				}
			}
			want := []string{
				"request outside the site (blocked): https://cdn.example.com/echarts.min.js",
				"logo.png",
				"console.error: boom",
				"uncaught exception",
				"chart #never-drawn: no echarts instance",
				"chart #no-band: the target band (markArea) is in the option but not drawn",
				"chart #no-band shows 3232, which its table #bang-sai does not",
				"chart #flat-band: the target band is drawn flat (0 px high)",
				`chart #no-band writes "3,500" the English way`,
				"nam/1999/index.html, which the site does not have",
				"names the anchor #khong-co",
			}
			if o.name == "disk" {
				want = append(want, "names a folder")
			}
			report := strings.Join(got[faultyPage], "\n")
			for _, w := range want {
				if !strings.Contains(report, w) {
					t.Errorf("%s: not reported: %q; the report was:\n%s", faultyPage, w, report)
				}
			}
			if o.name == "server" {
				tb := newTab(t, browser, o.root)
				found, tried, err := tb.checkCopy(o.url("index.html"))
				if err != nil || tried != 1 || len(found) > 0 {
					t.Errorf("index.html: copy citation: tried %d buttons, err %v, found %q; want one that works", tried, err, found)
				}
				found, _, err = tb.checkCopy(o.url(faultyPage))
				if err != nil || len(found) != 1 || !strings.Contains(found[0], `put "sai" on the clipboard`) {
					t.Errorf("%s: copy citation: err %v, found %q; want the wrong text reported", faultyPage, err, found)
				}
			}
			if n := bands(pages); n != 3 {
				t.Errorf("%d admissions charts with a drawn band; want 3 (home, 2017, and the flat one on the faulty page)", n)
			}
			if v := serious(pages[faultyPage].Violations); axeFor != nil && !strings.Contains(v.String(), "image-alt") {
				t.Errorf("axe did not report the image without alt text; it reported: %v", v)
			}
		})
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHarnessValidates proves the Nu HTML Checker run sees invalid markup
// and stays quiet on valid pages.
func TestHarnessValidates(t *testing.T) {
	s := fixtureSite(t)
	got := validate(t, s)
	for name, errs := range got {
		if name != faultyPage {
			t.Errorf("%s: valid page reported:\n\t%s", name, strings.Join(errs, "\n\t"))
		}
	}
	report := strings.Join(got[faultyPage], "\n")
	for _, w := range []string{"No “p” element in scope", "alt"} {
		if !strings.Contains(report, w) {
			t.Errorf("%s: the checker did not report %q; it reported:\n%s", faultyPage, w, report)
		}
	}
}

// TestHarnessScreenshots proves the phone check sees a page that scrolls
// sideways, and that the screenshots are written.
func TestHarnessScreenshots(t *testing.T) {
	browser := newBrowser(t)
	s := fixtureSite(t)
	dir := t.TempDir()
	wide := screenshots(t, browser, serverOrigin(t, s), []string{"index.html", faultyPage}, dir)
	if len(wide) != 1 || !strings.HasPrefix(wide[0], faultyPage) {
		t.Errorf("pages too wide for a phone: %q; want only %s", wide, faultyPage)
	}
	shots, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(shots) != 4 {
		t.Errorf("screenshots written: %q; want 4", shots)
	}
}
