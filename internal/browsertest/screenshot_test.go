package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// widths are the desktop and the phone the screenshots are taken at.
var widths = []struct {
	name          string
	width, height int64
	mobile        bool
}{
	{"desktop", 1280, 900, false},
	{"phone", 360, 740, true},
}

// screenshotDir is the folder the screenshots go to: $SITEGEN_SCREENSHOTS,
// else a folder in the system's temporary folder that outlives the test.
func screenshotDir(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv(envShots)
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "sitegen-screenshots")
	}
	dir = filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshots writes a full-page PNG of each page at each width into dir,
// and returns the pages that scroll sideways on a phone.
func screenshots(t *testing.T, browser context.Context, o origin, pages []string, dir string) (wide []string) {
	t.Helper()
	tb := newTab(t, browser, o.root)
	for _, name := range pages {
		for _, w := range widths {
			ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
			var opts []chromedp.EmulateViewportOption
			if w.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
			}
			err := chromedp.Do(ctx, chromedp.EmulateViewport(w.width, w.height, opts...), chromedp.Navigate(o.url(name)))
			var p *page
			if err == nil {
				p, err = chromedp.Run(ctx, chromedp.Evaluate[*page](inspectJS, chromedp.EvalAwaitPromise))
			}
			var png []byte
			if err == nil {
				png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
			}
			cancel()
			if err != nil {
				t.Errorf("%s at %d px: %v", name, w.width, err)
				continue
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%s.png", strings.NewReplacer("/index.html", "", "/", "-", ".html", "").Replace(name), w.name))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			if w.mobile && p.ScrollWidth > min(p.InnerWidth, p.ClientWidth) {
				wide = append(wide, fmt.Sprintf("%s: %d px wide on a %d px phone: the page scrolls sideways (see %s)", name, p.ScrollWidth, w.width, file))
			}
		}
	}
	tb.take()
	t.Logf("screenshots in %s", dir)
	return wide
}
