package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sitegen/internal/i18n"
)

// sampleBaseURL is the sample site's base_url (data/site.toml).
const sampleBaseURL = "http://baocao.khoidn.vp/phat-trien-dang-vien/"

// TestSampleSiteCitationPasted copies a chart's citation and a single
// figure's, as a journalist would, and reads what would be pasted: the
// day of access filled in from the clock in the site's language, the
// sources of the figures, the data version and the absolute permanent
// link, last.
func TestSampleSiteCitationPasted(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	o := serverOrigin(t, s)
	tb := newTab(t, browser, o.root)
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	page := o.url("don-vi/khoi-dn/index.html")
	if err := grantClipboard(ctx, page); err != nil {
		t.Fatal(err)
	}
	vi := i18n.New(i18n.VI)
	// The day the browser reads may be tomorrow's by the time it copies.
	var days []string
	for _, d := range []time.Time{time.Now(), time.Now().Add(time.Minute)} {
		days = append(days, vi.Date(d.Year(), d.Month(), d.Day()))
	}
	for _, c := range []struct {
		name, fragment, button, link string
	}{
		{"chart", "", `button.copy[data-copy="chart-admissions-khoi-dn-cite"]`, sampleBaseURL + "don-vi/khoi-dn/#chart-admissions-khoi-dn"},
		{"figure", "#admitted-2017", `#figure-cite button.copy`, sampleBaseURL + "don-vi/khoi-dn/#admitted-2017"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(page+c.fragment)); err != nil {
				t.Fatal(err)
			}
			version, err := chromedp.Run(ctx, chromedp.TextContent[string](".site-footer .version"))
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText("")`, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(c.button))); err != nil {
				t.Fatalf("clicking %s: %v", c.button, err)
			}
			got, err := readClipboard(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("pasted: %s", got)
			if !strings.Contains(got, "Truy cập ngày "+days[0]+",") && !strings.Contains(got, "Truy cập ngày "+days[1]+",") {
				t.Errorf("the pasted citation does not give today, %s, as the day of access:\n%s", days[0], got)
			}
			for _, want := range []string{"Nguồn: Báo Vĩnh Phúc, 02/02/2018", "Đăng trên trang “Phát triển đảng viên", strings.TrimSpace(version) + "."} {
				if !strings.Contains(got, want) {
					t.Errorf("the pasted citation lacks %q:\n%s", want, got)
				}
			}
			if !strings.HasSuffix(got, ", tại "+c.link) {
				t.Errorf("the pasted citation does not end with its permanent link %s:\n%s", c.link, got)
			}
		})
	}
}
