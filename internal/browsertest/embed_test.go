package browsertest

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var (
	reEmbedCode = regexp.MustCompile(`<code id="[^"]+-embed"[^>]*>([^<]+)</code>`)
	reEmbedSrc  = regexp.MustCompile(`^<iframe src="([^"]+)" title="[^"]*" width="100%" height="(\d+)" style="border:0" loading="lazy"></iframe>$`)
)

// embedHeights reads the snippets the pages of s offer to embed their
// charts: the height each names, by the path of the chart's page
// ("bieu-do/chart-admissions-khoi-dn/index.html").
func embedHeights(t *testing.T, s *site, base string) map[string]int {
	t.Helper()
	out := make(map[string]int)
	for _, name := range s.pages {
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reEmbedCode.FindAllStringSubmatch(string(b), -1) {
			snippet := html.UnescapeString(m[1])
			sm := reEmbedSrc.FindStringSubmatch(snippet)
			if sm == nil {
				t.Errorf("%s: the embed snippet is not one iframe: %s", name, snippet)
				continue
			}
			src, ok := strings.CutPrefix(sm[1], base)
			if !ok || !strings.HasPrefix(src, "bieu-do/") || !strings.HasSuffix(src, "/") {
				t.Errorf("%s: the embed snippet names %s, not a chart's page under %s", name, sm[1], base)
				continue
			}
			h, _ := strconv.Atoi(sm[2])
			out[src+"index.html"] = h
		}
	}
	return out
}

// frameJS puts the chart's page in an iframe of the size the snippet
// says, at a width of a column of text, and reports what the frame shows.
const frameJS = `(async (src, height) => {
  document.body.innerHTML = '';
  const f = document.createElement('iframe');
  f.src = src; f.width = '640'; f.height = String(height); f.style.border = '0';
  const loaded = new Promise((ok) => f.addEventListener('load', ok));
  document.body.appendChild(f);
  await loaded;
  const d = f.contentDocument;
  for (let i = 0; i < 50 && !d.querySelector('.chart svg path'); i++) await new Promise((ok) => setTimeout(ok, 100));
  const back = d.querySelector('.embed-footer a[href]');
  return {
    marks: d.querySelectorAll('.chart svg path, .chart svg rect').length,
    needs: d.documentElement.scrollHeight,
    header: !!d.querySelector('.site-header, .site-nav'),
    noindex: !!d.querySelector('meta[name="robots"][content="noindex"]'),
    summary: (d.querySelector('.chart-summary') || {}).textContent || '',
    folded: !!d.querySelector('details .chart-table') && !d.querySelector('details').open,
    sources: (d.querySelector('.embed-sources') || {}).textContent || '',
    version: (d.querySelector('.embed-footer .version') || {}).textContent || '',
    back: back ? back.href : '',
    target: back ? back.target : '',
  };
})`

type framed struct {
	Marks   int    `json:"marks"`
	Needs   int    `json:"needs"`
	Header  bool   `json:"header"`
	Noindex bool   `json:"noindex"`
	Summary string `json:"summary"`
	Folded  bool   `json:"folded"`
	Sources string `json:"sources"`
	Version string `json:"version"`
	Back    string `json:"back"`
	Target  string `json:"target"`
}

// TestSampleSiteChartPagesInIframes opens every chart's own page of the
// sample site in an iframe, served under a sub-path, at the height its
// embed snippet gives: the chart is drawn, everything fits without a
// scroll bar, and the page has no site header, its summary, its table
// folded, its sources, the data version, noindex, and a link back that
// opens in the reader's window at a page of the site.
func TestSampleSiteChartPagesInIframes(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	o := serverOrigin(t, s)
	heights := embedHeights(t, s, sampleBaseURL)
	tb := newTab(t, browser, o.root)
	n := 0
	for _, name := range s.pages {
		if !strings.HasPrefix(name, "bieu-do/") {
			continue
		}
		n++
		h, ok := heights[name]
		if !ok {
			t.Errorf("%s: no page offers a snippet to embed it", name)
			continue
		}
		ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
		if err := chromedp.Do(ctx, chromedp.Navigate(o.url("index.html"))); err != nil {
			cancel()
			t.Fatal(err)
		}
		tb.take()
		js := frameJS + "(" + strconv.Quote(o.url(name)) + ", " + strconv.Itoa(h) + ")"
		f, err := chromedp.Run(ctx, chromedp.Evaluate[framed](js, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		errs, blocked := tb.take()
		var bad []string
		if len(errs) > 0 || len(blocked) > 0 {
			bad = append(bad, "errors "+strings.Join(errs, "; ")+" blocked "+strings.Join(blocked, " "))
		}
		if f.Marks == 0 {
			bad = append(bad, "no chart drawn")
		}
		if f.Needs > h {
			bad = append(bad, "needs "+strconv.Itoa(f.Needs)+" px, the snippet gives "+strconv.Itoa(h))
		}
		if f.Header || !f.Noindex || strings.TrimSpace(f.Summary) == "" || !f.Folded {
			bad = append(bad, "want no site header, noindex, a summary and the table folded")
		}
		if !strings.HasPrefix(f.Sources, "Nguồn: ") || !strings.HasPrefix(f.Version, "Phiên bản dữ liệu ") {
			bad = append(bad, "sources "+f.Sources+", version "+f.Version)
		}
		if !strings.HasPrefix(f.Back, o.root) || !strings.Contains(f.Back, "#chart-") || f.Target != "_top" {
			bad = append(bad, "link back "+f.Back+" target "+f.Target)
		} else if link := checkLink(s, o, map[string]*page{}, f.Back); link != "" {
			bad = append(bad, "link back "+f.Back+": "+link)
		}
		if len(bad) > 0 {
			t.Errorf("%s in an iframe %d px high:\n\t%s", name, h, strings.Join(bad, "\n\t"))
		}
	}
	if n == 0 {
		t.Fatal("the sample site has no chart page")
	}
	t.Logf("%d chart pages opened in an iframe under %s", n, subPath)
}
