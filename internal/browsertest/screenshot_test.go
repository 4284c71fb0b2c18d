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

// viewport is a width the pages are looked at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

// widths are the desktop and the phone the screenshots are taken at.
var (
	desktop = viewport{"desktop", 1280, 900, false}
	phone   = viewport{"phone", 360, 740, true}
	widths  = []viewport{desktop, phone}
)

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

// shotFile is the file of a page's screenshot at w in dir.
func shotFile(dir, page string, w viewport) string {
	return filepath.Join(dir, fmt.Sprintf("%s-%s.png", strings.NewReplacer("/index.html", "", "/", "-", ".html", "", "#", "-").Replace(page), w.name))
}

// shoot opens u at w, reports what inspect.js finds there and writes a
// PNG of it to file: of the whole page, or with screen set, of what the
// screen shows.
func (tb *tab) shoot(u string, w viewport, file string, screen bool) (*page, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	var opts []chromedp.EmulateViewportOption
	if w.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.width, w.height, opts...), chromedp.Navigate(u)); err != nil {
		return nil, err
	}
	p, err := chromedp.Run(ctx, chromedp.Evaluate[*page](inspectJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var png []byte
	if screen {
		png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	} else {
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	}
	if err != nil {
		return nil, err
	}
	return p, os.WriteFile(file, png, 0o644)
}

// screenshots writes a full-page PNG of each page at each width into dir,
// and returns the pages that scroll sideways on a phone.
func screenshots(t *testing.T, browser context.Context, o origin, pages []string, dir string) (wide []string) {
	t.Helper()
	tb := newTab(t, browser, o.root)
	for _, name := range pages {
		for _, w := range widths {
			file := shotFile(dir, name, w)
			p, err := tb.shoot(o.url(name), w, file, false)
			if err != nil {
				t.Errorf("%s at %d px: %v", name, w.width, err)
				continue
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
