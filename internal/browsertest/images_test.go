package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// imagesJS reports how the page shows its charts: each chart's image
// (made at build time) drawn or not, loaded or not, and each chart drawn
// by scripts shown or not.
const imagesJS = `(async () => {
  const imgs = [...document.querySelectorAll('img.chart-image')];
  await Promise.all(imgs.map((i) => i.complete ? null : new Promise((ok) => { i.onload = i.onerror = ok; })));
  return {
    images: imgs.length,
    shown: imgs.filter((i) => getComputedStyle(i).display !== 'none' && i.getBoundingClientRect().height > 0).length,
    loaded: imgs.filter((i) => i.naturalWidth > 0).length,
    charts: [...document.querySelectorAll('.chart')].filter((c) => getComputedStyle(c).display !== 'none').length,
  };
})()`

type shownImages struct {
	Images int `json:"images"`
	Shown  int `json:"shown"`
	Loaded int `json:"loaded"`
	Charts int `json:"charts"`
}

// TestSampleSiteChartImages opens every chart image of the sample site
// (screenshots go to the "images" folder of the screenshots, for a
// person to look at), then the cell page of the bloc printed, and with
// scripts off: each time every chart is its image, loaded, and the
// chart scripts draw is not shown; on screen with scripts, the reverse.
func TestSampleSiteChartImages(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	o := serverOrigin(t, s)
	dir := screenshotDir(t, "images")
	svgs, err := filepath.Glob(filepath.Join(s.dir, "du-lieu", "*.svg"))
	if err != nil || len(svgs) == 0 {
		t.Fatalf("no chart images in du-lieu/ (%v)", err)
	}
	tb := newTab(t, browser, o.root)
	for _, f := range svgs {
		name := "du-lieu/" + filepath.Base(f)
		ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 600), chromedp.Navigate(o.url(name)))
		var root string
		if err == nil {
			root, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.localName`))
		}
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		}
		cancel()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if root != "svg" {
			t.Errorf("%s: the browser shows a <%s>, not the image (an error in its XML?)", name, root)
		}
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".svg")+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d chart images, screenshots in %s", len(svgs), dir)

	page := o.url("don-vi/khoi-dn/index.html")
	for _, c := range []struct {
		name            string
		print, noScript bool
	}{
		{"screen", false, false},
		{"print", true, false},
		{"scripts off", false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t, browser, o.root)
			ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
			defer cancel()
			media := ""
			if c.print {
				media = "print"
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: c.noScript}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
				t.Fatal(err)
			}
			if c.noScript {
				// The page's own scripts are off; the test's may run.
				if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[shownImages](imagesJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if got.Images == 0 || got.Loaded != got.Images {
				t.Errorf("%d chart images on the page, %d loaded", got.Images, got.Loaded)
			}
			if c.print || c.noScript {
				if got.Shown != got.Images || got.Charts != 0 {
					t.Errorf("%d of %d chart images shown, %d charts drawn by scripts shown; want every image and no chart", got.Shown, got.Images, got.Charts)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "don-vi-khoi-dn-"+strings.ReplaceAll(c.name, " ", "-")+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if got.Shown != 0 || got.Charts != got.Images {
				t.Errorf("on screen: %d chart images shown, %d charts; want the charts alone", got.Shown, got.Charts)
			}
		})
	}
}
