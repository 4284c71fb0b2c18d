package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"sitegen/internal/i18n"
	"sitegen/internal/serve"
)

// envServeSaves sets how many saves TestServe makes (20 unless set):
// the measure is 100, which takes about a minute more.
const envServeSaves = "SITEGEN_SERVE_SAVES"

// servedPage is what TestServe reads of the page open in the browser.
type servedPage struct {
	Marked  bool     `json:"marked"` // the mark the test set is still there: no reload since
	Loads   int      `json:"loads"`  // loads of a page in this tab
	Figure  string   `json:"figure"` // the text of admitted-2018
	Scroll  float64  `json:"scroll"`
	Overlay string   `json:"overlay"` // the overlay's title, "" when none
	Places  []string `json:"places"`  // its clickable places
}

const readServedJS = `(() => {
	const o = document.getElementById("sitegen-serve-overlay");
	const f = document.getElementById("admitted-2018");
	return {
		marked: window.sitegenTestMark === true,
		loads: +sessionStorage.getItem("sitegen-test-loads"),
		figure: f ? f.textContent : "",
		scroll: window.scrollY,
		overlay: o ? o.querySelector("h2").textContent : "",
		places: o ? Array.from(o.querySelectorAll("button.place"), (b) => b.textContent) : [],
	};
})()`

// TestServe edits the sample site under a running `sitegen serve` as an
// editor would, with the cell page of khoi-dn open in Chromium: each
// save (in place, by a temporary file and a rename, and as vim saves)
// reloads the page once with the new figure, where it was scrolled to;
// 50 files written at once are one rebuild; a mistake shows its message
// over the page, which keeps the last good site, and fixing it reloads
// the page without it.
func TestServe(t *testing.T) {
	saves := 20
	if v := os.Getenv(envServeSaves); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number of saves", envServeSaves, v)
		}
		saves = n
	}
	src := filepath.Join(t.TempDir(), "site")
	for _, sub := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(src, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	s := serve.New(serve.Options{Src: src, Base: subPath})
	if o := s.Rebuild(); o.Problems != nil {
		t.Fatalf("first build: %v", o.Problems)
	}
	l, err := serve.Listen("127.0.0.1:0", i18n.New(i18n.VI))
	if err != nil {
		t.Fatal(err)
	}
	w, err := serve.Watch(src, func(err error) { t.Errorf("watching: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- s.Run(ctx, l, w) }()
	t.Cleanup(func() {
		cancel()
		if err := <-stopped; err != nil {
			t.Errorf("serve: %v", err)
		}
	})

	root := serve.URL(l.Addr(), subPath)
	tb := newTab(t, newBrowser(t), root)
	if _, err := chromedp.Call(tb.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: `sessionStorage.setItem("sitegen-test-loads", +sessionStorage.getItem("sitegen-test-loads") + 1)`,
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(root+"don-vi/khoi-dn/")); err != nil {
		t.Fatal(err)
	}
	read := func() servedPage {
		p, err := chromedp.Run(tb.ctx, chromedp.Evaluate[servedPage](readServedJS))
		if err != nil {
			return servedPage{Marked: true} // between two documents: not yet reloaded
		}
		return p
	}
	// mark sets the mark a reload takes away, and scrolls the page.
	mark := func() {
		if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`window.sitegenTestMark = true; window.scrollTo(0, 600)`)); err != nil {
			t.Fatal(err)
		}
	}
	// await polls the page until ok says yes, for at most 10 s.
	await := func(ok func(servedPage) bool) (servedPage, bool) {
		var p servedPage
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if p = read(); ok(p) {
				return p, true
			}
		}
		return p, false
	}
	start := read()
	if start.Loads != 1 || !strings.Contains(start.Figure, "187") {
		t.Fatalf("the page at start: %+v", start)
	}

	file := filepath.Join(src, "data", "2018.toml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	withAdmitted := func(v int) []byte {
		return []byte(strings.Replace(string(orig), "admitted = 187", "admitted = "+strconv.Itoa(v), 1))
	}
	saveKinds := []struct {
		name string
		save func(b []byte) error
	}{
		{"in place", func(b []byte) error { return os.WriteFile(file, b, 0o644) }},
		{"temporary file and rename", func(b []byte) error {
			if err := os.WriteFile(file+".tmp", b, 0o644); err != nil {
				return err
			}
			return os.Rename(file+".tmp", file)
		}},
		{"vim", func(b []byte) error {
			test := filepath.Join(src, "data", "4913")
			if err := os.WriteFile(test, nil, 0o644); err != nil {
				return err
			}
			if err := os.Remove(test); err != nil {
				return err
			}
			if err := os.Rename(file, file+"~"); err != nil {
				return err
			}
			if err := os.WriteFile(file, b, 0o644); err != nil {
				return err
			}
			return os.Remove(file + "~")
		}},
	}

	missed, unscrolled := 0, 0
	began := time.Now()
	for i := 1; i <= saves; i++ {
		kind := saveKinds[i%len(saveKinds)]
		value := strconv.Itoa(190 + i)
		mark()
		if err := kind.save(withAdmitted(190 + i)); err != nil {
			t.Fatal(err)
		}
		p, ok := await(func(p servedPage) bool { return !p.Marked && strings.Contains(p.Figure, value) })
		if !ok {
			missed++
			t.Errorf("save %d (%s): no reload with %s within 10 s: %+v", i, kind.name, value, p)
			continue
		}
		if _, ok := await(func(p servedPage) bool { return p.Scroll == 600 }); !ok {
			unscrolled++
		}
	}
	time.Sleep(300 * time.Millisecond) // a stray reload would come by now
	end := read()
	t.Logf("%d saves in %v: %d reloads, %d missed, %d not where they were scrolled to", saves, time.Since(began).Round(time.Millisecond), end.Loads-start.Loads, missed, unscrolled)
	if end.Loads-start.Loads != saves {
		t.Errorf("%d saves reloaded the page %d times", saves, end.Loads-start.Loads)
	}
	if unscrolled > 0 {
		t.Errorf("%d reloads did not keep the page where it was scrolled to", unscrolled)
	}

	t.Run("a burst of 50 files is one rebuild", func(t *testing.T) {
		before, rebuilds := read(), s.Rebuilds()
		mark()
		for i := 1; i <= 50; i++ {
			article := fmt.Sprintf("+++\ntitle = \"Ghi chép số %d\"\ndate = 2018-03-%02dT08:00:00+07:00\ncells = [\"khoi-dn\"]\nyears = [2018]\n+++\nĐảng bộ Khối kết nạp {{ admitted khoi-dn 2017 }} đảng viên.\n", i, i%28+1)
			if err := os.WriteFile(filepath.Join(src, "content", "2018", fmt.Sprintf("ghi-chep-%02d.md", i)), []byte(article), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if p, ok := await(func(p servedPage) bool { return !p.Marked }); !ok {
			t.Fatalf("no reload after the burst: %+v", p)
		}
		time.Sleep(time.Second)
		if n := s.Rebuilds() - rebuilds; n != 1 {
			t.Errorf("50 files written at once made %d rebuilds, want 1", n)
		}
		if n := read().Loads - before.Loads; n != 1 {
			t.Errorf("50 files written at once reloaded the page %d times, want 1", n)
		}
	})

	t.Run("an error shows over the page until it is fixed", func(t *testing.T) {
		mark()
		if err := os.WriteFile(file, withAdmitted(-5), 0o644); err != nil {
			t.Fatal(err)
		}
		p, ok := await(func(p servedPage) bool { return p.Overlay != "" })
		if !ok {
			t.Fatalf("no overlay after a mistake: %+v", p)
		}
		if !p.Marked {
			t.Error("the page reloaded for a failed rebuild; it should keep the last good site")
		}
		if !strings.HasPrefix(p.Overlay, "Không dựng được") || len(p.Places) == 0 || !strings.HasPrefix(p.Places[0], "data/2018.toml:") {
			t.Errorf("overlay %q with places %q, want it in Vietnamese and naming data/2018.toml:line:col", p.Overlay, p.Places)
		}
		// A place is a button that copies it.
		copied, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(async () => {
			const b = document.querySelector("#sitegen-serve-overlay button.place");
			b.click();
			await new Promise((r) => setTimeout(r, 200));
			return b.textContent;
		})()`, chromedp.EvalAwaitPromise))
		if err != nil || !strings.Contains(copied, "đã sao chép") {
			t.Errorf("clicking the place: %q, %v; want it to say đã sao chép", copied, err)
		}
		if err := os.WriteFile(file, withAdmitted(250), 0o644); err != nil {
			t.Fatal(err)
		}
		if p, ok := await(func(p servedPage) bool { return !p.Marked && p.Overlay == "" && strings.Contains(p.Figure, "250") }); !ok {
			t.Errorf("the fix did not reload the page without the overlay: %+v", p)
		}
	})
	if errs, blocked := tb.take(); len(errs)+len(blocked) > 0 {
		t.Errorf("console errors %q, blocked requests %q", errs, blocked)
	}
}
