package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"net/url"
	"strings"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

//go:embed testdata/copy.js
var copyJS string

// copyButton is what copy.js found: a button's label and the text it
// should copy.
type copyButton struct {
	Label string `json:"label"`
	Want  string `json:"want"`
}

// checkCopy opens u, clicks every "copy citation" button as a reader would,
// and reads the clipboard after each: it returns what went wrong, and how
// many buttons it tried.
func (tb *tab) checkCopy(u string) (found []string, tried int, err error) {
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	if err := grantClipboard(ctx, u); err != nil {
		return nil, 0, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return nil, 0, err
	}
	buttons, err := chromedp.Run(ctx, chromedp.Evaluate[[]copyButton](copyJS))
	if err != nil {
		return nil, 0, err
	}
	for i, b := range buttons {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText("")`, chromedp.EvalAwaitPromise)); err != nil {
			return found, i, fmt.Errorf("emptying the clipboard: %w", err)
		}
		sel := fmt.Sprintf(`[data-test-copy="%d"]`, i)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			found = append(found, fmt.Sprintf("button %q: cannot click it: %v", b.Label, err))
			continue
		}
		got, err := readClipboard(ctx)
		switch {
		case err != nil:
			found = append(found, fmt.Sprintf("button %q: reading the clipboard: %v", b.Label, err))
		case b.Want == "":
			found = append(found, fmt.Sprintf("button %q: no citation beside it (name the element with data-copy=\"ID\")", b.Label))
		case got != b.Want:
			found = append(found, fmt.Sprintf("button %q put %q on the clipboard; want the citation %q", b.Label, got, b.Want))
		}
	}
	return found, len(buttons), nil
}

// grantClipboard lets the pages of u's server read and write the
// clipboard, as a reader's browser asks them to, in a tab that counts as
// focused.
func grantClipboard(ctx context.Context, u string) error {
	pu, err := url.Parse(u)
	if err != nil {
		return err
	}
	origin := pu.Scheme + "://" + pu.Host
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    cdpbrowser.PermissionSettingGranted,
			Origin:     origin,
		}); err != nil {
			return fmt.Errorf("granting %s: %w", name, err)
		}
	}
	// The clipboard works only in the focused page; a headless tab is not.
	_, err = chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	return err
}

// readClipboard is what a reader would paste, on one line: it waits a
// moment for a copy just asked for.
func readClipboard(ctx context.Context) (got string, err error) {
	for range 20 {
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err != nil || got != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return strings.Join(strings.Fields(got), " "), err
}
