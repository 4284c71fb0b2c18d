package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"io/fs"
	"iter"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

//go:embed testdata/inspect.js
var inspectJS string

// subPath is where the local server puts the site, as an intranet would:
// links that climb out of it, or start at the server root, break.
const subPath = "/intranet/khoi/"

// tabs is how many pages are open at once.
const tabs = 4

// newBrowser starts one headless Chromium for the test, closed at its end.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		// CI runs as root, where Chromium refuses to start with its sandbox.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// site is a built site on disk and the two ways the tests open it.
type site struct {
	dir   string
	pages []string // slash paths of the .html files, sorted
}

func loadSite(t *testing.T, dir string) *site {
	t.Helper()
	s := &site{dir: dir}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			s.pages = append(s.pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.pages) == 0 {
		t.Fatalf("%s: no pages", dir)
	}
	slices.Sort(s.pages)
	return s
}

// origin is where the browser finds the site: its root URL (ending in /),
// and the URL of each page as a reader's link would name it.
type origin struct {
	name string
	root string
	url  func(page string) string
	// file tells which file of the site a URL names ("" when none):
	// "index.html" for a folder on the server, but a folder from disk is a
	// directory listing, not a page.
	file func(u *url.URL) string
}

func diskOrigin(s *site) origin {
	root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(s.dir) + "/"}).String()
	return origin{
		name: "disk",
		root: root,
		url:  func(page string) string { return root + page },
		file: func(u *url.URL) string {
			p := strings.TrimPrefix(u.Path, filepath.ToSlash(s.dir)+"/")
			if p == u.Path || strings.HasSuffix(p, "/") || p == "" {
				return ""
			}
			return p
		},
	}
}

// serverOrigin serves the site under subPath on a loopback port, for the
// duration of the test.
func serverOrigin(t *testing.T, s *site) origin {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), http.FileServerFS(os.DirFS(s.dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	root := srv.URL + subPath
	return origin{
		name: "server",
		root: root,
		url: func(page string) string {
			if page == "index.html" || strings.HasSuffix(page, "/index.html") {
				return root + strings.TrimSuffix(page, "index.html")
			}
			return root + page
		},
		file: func(u *url.URL) string {
			full := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
			p, ok := strings.CutPrefix(full, root)
			if !ok {
				return ""
			}
			if p == "" || strings.HasSuffix(p, "/") {
				p += "index.html"
			}
			return p
		},
	}
}

// chart is what inspect.js reports about one chart container.
type chart struct {
	ID            string    `json:"id"`
	Kind          string    `json:"kind"`
	Instance      bool      `json:"instance"`
	Renderer      string    `json:"renderer"`
	Marks         int       `json:"marks"`
	MarkArea      bool      `json:"markArea"`
	MarkAreaDrawn int       `json:"markAreaDrawn"`
	MarkExpected  float64   `json:"markAreaExpected"` // height the tallest band should have, px (-1: unknown)
	MarkHeight    float64   `json:"markAreaHeight"`   // of the tallest band drawn, px
	Texts         []string  `json:"texts"`            // the labels drawn in the SVG
	Overlaps      []string  `json:"overlaps"`         // pairs of texts or icons drawn over each other
	Values        []float64 `json:"values"`
	Table         string    `json:"table"`
	TableValues   []float64 `json:"tableValues"`
}

// page is what a visit found on one page.
type page struct {
	Title       string    `json:"title"`
	Lang        string    `json:"lang"`
	Charts      []chart   `json:"charts"`
	Tables      int       `json:"tables"`
	Links       []string  `json:"links"`
	IDs         []string  `json:"ids"`
	ScrollWidth int       `json:"scrollWidth"`
	InnerWidth  int       `json:"innerWidth"`
	ClientWidth int       `json:"clientWidth"`
	TallRows    []tallRow `json:"tallRows"` // table rows taller than three lines of text
	Target      *target   `json:"target"`   // the figure the address's #anchor names, if any

	Errors     []string    `json:"-"` // console errors, uncaught exceptions, failed loads
	Blocked    []string    `json:"-"` // requests for anything outside the site
	Violations []violation `json:"-"` // axe, when asked for
}

// tallRow is a table row taller than three lines of its text.
type tallRow struct {
	Table  string  `json:"table"` // its table's id, else its caption
	Row    string  `json:"row"`   // its first cell
	Height float64 `json:"height"`
	Limit  float64 `json:"limit"` // three lines and the cells' padding, px
	Lines  float64 `json:"lines"` // its height in lines of its text
}

// target is the table cell of a followed figure link, as the reader sees
// it once the page has scrolled to it.
type target struct {
	ID         string `json:"id"`
	InView     bool   `json:"inView"`     // the cell is on screen, not under anything
	HeadInView bool   `json:"headInView"` // so is its table's heading row
	RowHead    string `json:"rowHead"`    // the cell's row and column headings
	ColHead    string `json:"colHead"`
	Cite       string `json:"cite"`  // the text of the box site.js adds for it
	Where      string `json:"where"` // what that box says of its row and column
	CiteInView bool   `json:"citeInView"`
}

// violation is one axe-core rule that failed, with the elements at fault.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

func (v violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t\t%s  %s\n\t\t  %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// tab is one browser tab that lets the page load only from the site's root
// and records every console error and every request it blocked.
type tab struct {
	ctx  context.Context
	root string

	mu      sync.Mutex
	errors  []string
	blocked []string
}

func newTab(t *testing.T, browser context.Context, root string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx, root: root}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if err := chromedp.Listen(ctx, tb.record); err != nil {
		t.Fatal(err)
	}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	go tb.intercept(paused)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*"}},
	}); err != nil {
		t.Fatalf("intercepting requests: %v", err)
	}
	return tb
}

// watchOnly stops pausing the tab's requests and only records those that
// leave the site: a timed test must not wait for the test process to let
// every file through, which a reader's browser never does.
func (tb *tab) watchOnly(t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(tb.ctx, fetch.Disable, cdp.Empty{}); err != nil {
		t.Fatalf("no longer intercepting requests: %v", err)
	}
	err := chromedp.Listen(tb.ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok && !tb.allowed(ev.Request.URL) && !browserOwn(ev.Request.URL) {
			tb.mu.Lock()
			tb.blocked = append(tb.blocked, ev.Request.URL)
			tb.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// allowed reports whether the page may load u: only from the site itself.
func (tb *tab) allowed(u string) bool {
	if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") || u == "about:blank" {
		return true
	}
	return strings.HasPrefix(u, tb.root)
}

func (tb *tab) intercept(paused iter.Seq2[fetch.EventRequestPaused, error]) {
	for ev, err := range paused {
		if err != nil {
			return
		}
		if tb.allowed(ev.Request.URL) {
			chromedp.Call(tb.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			continue
		}
		if !browserOwn(ev.Request.URL) {
			tb.mu.Lock()
			tb.blocked = append(tb.blocked, ev.Request.URL)
			tb.mu.Unlock()
		}
		chromedp.Call(tb.ctx, fetch.FailRequest, fetch.FailRequestParams{
			RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient,
		})
	}
}

// browserOwn reports whether the browser asked for u by itself, not the
// page: Chromium asks a server for /favicon.ico when a page names no icon.
// Such a request is blocked but not held against the page.
func browserOwn(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "http" && p.Path == "/favicon.ico"
}

// record runs in the tab's event loop: it only appends.
func (tb *tab) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "uncaught exception: " + d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		msg += fmt.Sprintf(" (%s:%d:%d)", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, strings.Trim(string(a.Value), `"`))
			} else {
				parts = append(parts, a.Description)
			}
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	case *cdplog.EventEntryAdded:
		// A blocked request is counted by intercept, once.
		if ev.Entry.Level != cdplog.EntryLevelError || strings.Contains(ev.Entry.Text, "ERR_BLOCKED_BY_CLIENT") {
			return
		}
		msg = "log: " + ev.Entry.Text
		if ev.Entry.URL != "" {
			msg += " " + ev.Entry.URL
		}
	default:
		return
	}
	tb.mu.Lock()
	tb.errors = append(tb.errors, msg)
	tb.mu.Unlock()
}

func (tb *tab) take() (errors, blocked []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	errors, blocked = tb.errors, tb.blocked
	tb.errors, tb.blocked = nil, nil
	return errors, blocked
}

// visit opens u, waits for its charts, and reports what it found; with axe
// set, it also runs that axe-core source over the page.
func (tb *tab) visit(u string, axe string) (*page, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	tb.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", u, err)
	}
	p, err := chromedp.Run(ctx, chromedp.Evaluate[*page](inspectJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("inspecting %s: %w", u, err)
	}
	if axe != "" {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			return nil, fmt.Errorf("loading axe-core into %s: %w", u, err)
		}
		p.Violations, err = chromedp.Run(ctx, chromedp.Evaluate[[]violation](axeRunJS, chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, fmt.Errorf("running axe-core on %s: %w", u, err)
		}
	}
	p.Errors, p.Blocked = tb.take()
	return p, nil
}

const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations.map((v) => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html.slice(0, 300), summary: n.failureSummary || ''})),
})))`

// visitAll opens every page of s from o in a few tabs at once. axeFor says
// for which pages axe-core runs (nil: none).
func visitAll(t *testing.T, browser context.Context, s *site, o origin, axe string, axeFor func(page string) bool) map[string]*page {
	t.Helper()
	work := make(chan string)
	var mu sync.Mutex
	found := make(map[string]*page, len(s.pages))
	var wg sync.WaitGroup
	for range min(tabs, len(s.pages)) {
		tb := newTab(t, browser, o.root)
		wg.Go(func() {
			for name := range work {
				a := ""
				if axeFor != nil && axeFor(name) {
					a = axe
				}
				p, err := tb.visit(o.url(name), a)
				if err != nil {
					t.Errorf("%s %s: %v", o.name, name, err)
					continue
				}
				mu.Lock()
				found[name] = p
				mu.Unlock()
			}
		})
	}
	for _, name := range s.pages {
		work <- name
	}
	close(work)
	wg.Wait()
	return found
}

// pageType is the kind of a page, named by its first folder ("nam",
// "don-vi", "bai-viet", …) or its file name at the root.
func pageType(name string) string {
	if i := strings.IndexByte(name, '/'); i >= 0 {
		return name[:i]
	}
	return name
}

// onePerType picks the first page of each type.
func onePerType(pages []string) map[string]bool {
	seen := map[string]bool{}
	pick := map[string]bool{}
	for _, p := range pages {
		if ty := pageType(p); !seen[ty] {
			seen[ty] = true
			pick[p] = true
		}
	}
	return pick
}
