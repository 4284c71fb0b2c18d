package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sitegen/internal/testsite"
)

// logRow is a row of the figure log's table, as a reader sees it.
type logRow struct {
	Kind   string   `json:"kind"`
	Href   string   `json:"href"`
	Before string   `json:"before"`
	After  string   `json:"after"`
	Cited  []string `json:"cited"`
}

// logEntry is one commit of the figure log (dinh-chinh/).
type logEntry struct {
	ID      string   `json:"id"`
	Reason  string   `json:"reason"`
	Refused bool     `json:"refused"`
	Rows    []logRow `json:"rows"`
}

const readLogJS = `({
	missing: (document.querySelector('.log-missing') || {textContent: ''}).textContent.trim(),
	entries: [...document.querySelectorAll('section.change')].map((s) => ({
		id: s.id,
		reason: (s.querySelector('.reason') || {textContent: ''}).textContent.trim(),
		refused: !!s.querySelector('.refused'),
		rows: [...s.querySelectorAll('tbody tr')].map((tr) => ({
			kind: tr.cells[1].textContent.trim(),
			href: tr.cells[0].querySelector('a').href,
			before: tr.cells[2].textContent.trim(),
			after: tr.cells[3].textContent.trim(),
			cited: [...tr.cells[4].querySelectorAll('a')].map((a) => a.href),
		})),
	})),
	footer: [...document.querySelectorAll('footer a')].some((a) => a.href.endsWith('/dinh-chinh/index.html')),
})`

// changeLog is what the figure log's page shows.
type changeLog struct {
	Missing string     `json:"missing"`
	Entries []logEntry `json:"entries"`
	Footer  bool       `json:"footer"` // the footer links to dinh-chinh/
}

// readLog opens dinh-chinh/ of the site at o and reads it.
func readLog(t *testing.T, tb *tab, o origin) changeLog {
	t.Helper()
	if _, err := tb.visit(o.url("dinh-chinh/index.html"), ""); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	l, err := chromedp.Run(ctx, chromedp.Evaluate[changeLog](readLogJS))
	if err != nil {
		t.Fatalf("reading dinh-chinh/: %v", err)
	}
	if errs, _ := tb.take(); len(errs) > 0 {
		t.Errorf("dinh-chinh/: %v", errs)
	}
	return l
}

// TestChangeLog: on a site whose git history corrects, updates and
// withdraws figures, the figure log lists each commit newest first, a
// commit that did not pass check as not published, and every figure's
// link lands on it, in view, with the note that it was corrected and
// what it was before.
func TestChangeLog(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip("git is not installed")
	}
	browser := newBrowser(t)
	repo := filepath.Join(t.TempDir(), "site")
	if _, err := testsite.History(repo, 15, 12, 3, 1); err != nil {
		t.Fatal(err)
	}
	s := buildSite(t, repo)
	o := serverOrigin(t, s)
	tb := newTab(t, browser, o.root)
	l := readLog(t, tb, o)
	if l.Missing != "" || len(l.Entries) < 5 {
		t.Fatalf("the log shows %d entries (%q), want the generated history's", len(l.Entries), l.Missing)
	}
	if !l.Footer {
		t.Errorf("the footer does not link to dinh-chinh/")
	}
	kinds := map[string]int{}
	refused, corrections := 0, 0
	for _, e := range l.Entries {
		if e.Refused {
			refused++
		}
		for _, r := range e.Rows {
			kinds[r.Kind]++
			// Two are enough to see the links land and the note; each
			// visit costs seconds on a loaded machine.
			if r.Kind != "Đính chính" || corrections >= 2 {
				continue
			}
			corrections++
			p, err := tb.visit(r.Href, "")
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case p.Target == nil:
				t.Errorf("%s: the link of a corrected figure leads to no figure", r.Href)
			case !p.Target.InView:
				t.Errorf("%s: the corrected figure is not in view", r.Href)
			}
			note, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(document.getElementById(decodeURIComponent(location.hash.slice(1))).closest('td').querySelector('.corrected') || {textContent: ''}).textContent`))
			if err != nil {
				t.Fatal(err)
			}
			// The figure's last correction may be a later one than this.
			if !strings.HasPrefix(note, "đã đính chính ngày ") || !strings.Contains(note, "(trước đó: ") {
				t.Errorf("%s: the corrected figure's note is %q", r.Href, note)
			}
		}
	}
	if refused == 0 {
		t.Errorf("no commit shown as not published")
	}
	for _, k := range []string{"Mới", "Cập nhật", "Đính chính", "Rút bỏ"} {
		if kinds[k] == 0 {
			t.Errorf("no change of kind %q shown; shown: %v", k, kinds)
		}
	}
}

// TestSampleChangeLog: the sample site's own log, read from the
// repository's history: the typo of 2017 for Đảng bộ Công ty in Phúc Yên
// and its correction, with the reason and the article that cited the
// figure, whose page says the figure changed. Where the repository has no
// history to read (a shallow clone, an export), the page says why.
func TestSampleChangeLog(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	o := serverOrigin(t, s)
	tb := newTab(t, browser, o.root)
	l := readLog(t, tb, o)
	if l.Missing != "" {
		t.Skipf("the repository's history cannot be read here: %s", l.Missing)
	}
	var found *logRow
	var entry logEntry
	for _, e := range l.Entries {
		for i, r := range e.Rows {
			if r.Kind == "Đính chính" && strings.HasSuffix(r.Href, "don-vi/in-phuc-yen/index.html#admitted-2017") && r.Before == "20" && r.After == "2" {
				found, entry = &e.Rows[i], e
			}
		}
	}
	if found == nil {
		// Merged into main by a merge commit, the two commits are not
		// in main's first-parent history: nothing was published wrong
		// there.
		t.Skipf("the correction of in-phuc-yen 2017 is not in this branch's first-parent history; %d entries", len(l.Entries))
	}
	if !strings.HasPrefix(entry.Reason, "Lý do: gõ nhầm 20") {
		t.Errorf("the correction's reason reads %q", entry.Reason)
	}
	if len(found.Cited) == 0 {
		t.Fatalf("the correction lists no article that cited the figure")
	}
	if _, err := tb.visit(found.Cited[0], ""); err != nil {
		t.Fatal(err)
	}
	note, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.article-changes a')].map((a) => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	if !slicesContainsSuffix(note, "dinh-chinh/index.html#"+entry.ID) {
		t.Errorf("the article that cited the figure links to %q, not to the correction %s", note, entry.ID)
	}
}

func slicesContainsSuffix(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}
