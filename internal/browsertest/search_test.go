package browsertest

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"sitegen/internal/build"
	"sitegen/internal/fold"
	"sitegen/internal/search"
	sitemodel "sitegen/internal/site"
	"sitegen/internal/testsite"
)

// searchHit is a result as the search page shows it.
type searchHit struct {
	Href    string   `json:"href"`
	Title   string   `json:"title"`
	Meta    string   `json:"meta"`
	Marks   []string `json:"marks"`
	Suggest bool     `json:"suggest"`
	// Markup is what the result holds besides text, links and <mark>:
	// none, or text of the index became markup.
	Markup []string `json:"markup"`
}

// searchAnswer is what the page shows once it has answered a query.
type searchAnswer struct {
	Status string      `json:"status"`
	Hits   []searchHit `json:"hits"`
	MS     float64     `json:"ms"`
}

const readResultsJS = `(() => ({
	status: document.getElementById('search-status').textContent,
	hits: [...document.querySelectorAll('#search-results li')].map((li) => ({
		href: li.querySelector('a') ? li.querySelector('a').getAttribute('href') : '',
		title: li.querySelector('a') ? li.querySelector('a').textContent : '',
		meta: li.querySelector('.meta') ? li.querySelector('.meta').textContent : '',
		marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
		suggest: li.classList.contains('suggest'),
		markup: [...li.querySelectorAll('*')].map((e) => e.localName).filter((n) => !['a', 'mark', 'div', 'p'].includes(n)),
	})),
}))()`

// askJS puts a query into the search page's box as typing does (one
// input event) and answers with the time until the page shows its first
// results (those it shows before the rest, or else the answer), the
// time until it shows its whole answer, and the addresses of the first
// results.
const askJS = `(async (q) => {
	const form = document.getElementById('search'), input = document.getElementById('search-q');
	let first, early = [];
	const answered = new Promise((resolve) => {
		new MutationObserver((_, obs) => {
			if (first === undefined && form.getAttribute('data-first') === q) {
				first = performance.now();
				early = [...document.querySelectorAll('#search-results li a')].map((a) => a.getAttribute('href'));
			}
			if (form.getAttribute('data-answered') === q) {
				obs.disconnect();
				resolve(performance.now());
			}
		}).observe(form, {attributes: true, attributeFilter: ['data-answered', 'data-first']});
	});
	const t0 = performance.now();
	input.value = q;
	input.dispatchEvent(new Event('input'));
	const all = await answered;
	return {first: (first === undefined ? all : first) - t0, all: all - t0, early: early};
})`

// asked is what askJS answers.
type asked struct {
	First float64  `json:"first"`
	All   float64  `json:"all"`
	Early []string `json:"early"`
}

// askChecked types q (askJS) and checks the page's answer against ref's
// and the results it showed first against the answer.
func askChecked(t *testing.T, ctx context.Context, origin string, ref *search.Reader, q string) *asked {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.Evaluate[*asked](askJS+"("+jsString(q)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[*searchAnswer](readResultsJS))
	if err != nil {
		t.Fatal(err)
	}
	checkAnswer(t, origin, q, got, ref.Search(q, true, 20), "", false)
	checkEarly(t, origin, q, a, got)
	return a
}

// checkEarly reports first results shown before the whole answer that
// are not its beginning.
func checkEarly(t *testing.T, origin, q string, a *asked, got *searchAnswer) {
	t.Helper()
	for i, href := range a.Early {
		if i >= len(got.Hits) || got.Hits[i].Href != href {
			t.Errorf("%s: %q showed first %q, which the whole answer does not begin with: %+v", origin, q, a.Early, got.Hits)
			return
		}
	}
}

// waitAnswered waits until the search page has answered q.
func waitAnswered(ctx context.Context, q string) (*searchAnswer, error) {
	cond := fmt.Sprintf(`document.getElementById('search') && document.getElementById('search').getAttribute('data-answered') === %q`, q)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		return nil, fmt.Errorf("waiting for the answer to %q: %w", q, err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[*searchAnswer](readResultsJS))
}

// readIndex opens the search index of a built site, to ask the same
// queries of internal/search's Reader.
func readIndex(t *testing.T, dir string) *search.Reader {
	t.Helper()
	var files []search.File
	manifest := ""
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(search.Dir)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(search.Dir), e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, search.File{Name: search.Dir + e.Name(), Bytes: b})
		if strings.HasPrefix(e.Name(), "muc-luc.") {
			manifest = search.Dir + e.Name()
		}
	}
	r, err := search.Open(files, manifest)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sampleQueries are typed without diacritics, đ as d, each with a page
// it must find (from the top of the site) and, for some, the first
// result.
var sampleQueries = []struct {
	q, target string
	first     bool
}{
	{"dang vien", "bai-viet/tao-nguon-phat-trien-dang-vien/index.html", false},
	{"phuc yen", "don-vi/in-phuc-yen/index.html", true},
	{"chinh xac viet nam", "don-vi/chinh-xac-vn1/index.html", true},
	{"DANG BO KHOI DOANH NGHIEP", "don-vi/khoi-dn/index.html", false},
	{"prime gro", "don-vi/prime-group/index.html", true}, // still typing
	{"2017", "nam/2017/index.html", true},
	{"3.276", "bai-viet/ket-qua-phat-trien-dang-vien-2018/index.html", true},
	{"doan thanh nien", "gioi-thieu/doan-khoi/index.html", false},
}

// TestSearch types queries without diacritics into the sample site's
// search box, from disk and from a server under a sub-path: the header's
// box of the home page leads to the search page, whose results are those
// of internal/search's Reader, in its order, each with its kind, the
// words of the query marked, and no markup from the index.
func TestSearch(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	ref := readIndex(t, s.dir)
	for _, o := range []origin{diskOrigin(s), serverOrigin(t, s)} {
		t.Run(o.name, func(t *testing.T) {
			tb := newTab(t, browser, o.root)
			ctx, cancel := context.WithTimeout(tb.ctx, 3*time.Minute)
			defer cancel()
			// From the header of the home page, as a reader does.
			q := sampleQueries[0].q
			if err := chromedp.Do(ctx,
				chromedp.Navigate(o.url("index.html")),
				chromedp.SendKeys(chromedp.CSS("#site-search-q"), q+"\r"),
			); err != nil {
				t.Fatal(err)
			}
			// The page changes under the first polls: they are asked again.
			for try := 0; ; try++ {
				_, err := waitAnswered(ctx, q)
				if err == nil {
					break
				}
				if try == 50 {
					t.Fatal(err)
				}
				time.Sleep(100 * time.Millisecond)
			}
			var times []float64
			for _, sq := range sampleQueries {
				if err := chromedp.Do(ctx,
					clearSearch,
					chromedp.SendKeys(chromedp.CSS("#search-q"), sq.q),
				); err != nil {
					t.Fatal(err)
				}
				got, err := waitAnswered(ctx, sq.q)
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, o.name, sq.q, got, ref.Search(sq.q, true, 20), sq.target, sq.first)
				a, err := chromedp.Run(ctx, chromedp.Evaluate[*asked](askJS+"("+jsString(sq.q+" ")+")", chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				times = append(times, a.All)
			}
			// Nothing found: the nearest cell's name.
			q = "phuc yeen"
			if err := chromedp.Do(ctx, clearSearch, chromedp.SendKeys(chromedp.CSS("#search-q"), q+" ")); err != nil {
				t.Fatal(err)
			}
			got, err := waitAnswered(ctx, q+" ")
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Hits) != 1 || !got.Hits[0].Suggest || !strings.Contains(got.Hits[0].Title, "Phúc Yên") {
				t.Errorf("%s: %q found %+v; want none and the cell Đảng bộ Công ty in Phúc Yên suggested", o.name, q, got)
			}
			errs, blocked := tb.take()
			for _, e := range append(errs, blocked...) {
				t.Errorf("%s: %s", o.name, e)
			}
			sort.Float64s(times)
			t.Logf("%s: %d queries answered in %.1f ms at the median, %.1f ms at most", o.name, len(times), times[len(times)/2], times[len(times)-1])
		})
	}
}

// clearSearch empties the search page's box.
var clearSearch = chromedp.Evaluate[chromedp.Void](`document.getElementById('search-q').value = ''`)

// checkAnswer compares what the page shows for q with the Reader's
// answer, and looks for target among the results ("": none asked), as
// the first result when first is set.
func checkAnswer(t *testing.T, origin, q string, got *searchAnswer, want search.Result, target string, first bool) {
	t.Helper()
	var paths []string
	for _, h := range got.Hits {
		paths = append(paths, strings.TrimPrefix(h.Href, "../"))
		if len(h.Markup) > 0 {
			t.Errorf("%s %q: result %q holds markup %q", origin, q, h.Title, h.Markup)
		}
		if h.Meta == "" {
			t.Errorf("%s %q: result %q has no kind", origin, q, h.Title)
		}
	}
	if len(got.Hits) > 0 && len(got.Hits[0].Marks) == 0 {
		t.Errorf("%s %q: the first result, %q, marks no word of the query", origin, q, got.Hits[0].Title)
	}
	var wantPaths []string
	for _, h := range want.Hits {
		wantPaths = append(wantPaths, h.Path)
	}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("%s %q: the page shows\n%q\ninternal/search answers\n%q", origin, q, paths, wantPaths)
	}
	switch i := slices.Index(paths, target); {
	case target == "":
	case i < 0:
		t.Errorf("%s %q: %s not found (status %q)", origin, q, target, got.Status)
	case first && i != 0:
		t.Errorf("%s %q: %s is result %d, want the first", origin, q, target, i+1)
	}
}

// jsString quotes s for a script.
func jsString(s string) string { return fmt.Sprintf("%q", s) }

// envSearchLarge asks for TestSearchLarge, which builds the large
// generated site (minutes).
const envSearchLarge = "SITEGEN_SEARCH_LARGE"

// answeredAtJS runs in every page the timed test opens: it notes when
// the search page first answers, in ms from the start of its loading.
const answeredAtJS = `new MutationObserver((_, obs) => {
	const form = document.getElementById('search');
	if (form && form.hasAttribute('data-answered') && window.sitegenAnsweredAt === undefined) {
		window.sitegenAnsweredAt = performance.now();
		obs.disconnect();
	}
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-answered']})`

// envSearchSite names a large generated site already built, for
// TestSearchLarge to time rather than build one: two indexes or clients
// can then be timed one after the other on the same pages.
const envSearchSite = "SITEGEN_SEARCH_SITE"

// TestSearchLarge types the labelled query set of the large generated
// site (testsite.SearchQueries: 2,000 cells, 10 years, 10,000 articles)
// into its search page opened from disk: every query shows the results
// of internal/search's Reader, and the results it shows before the rest
// (data-first) are their beginning. It logs three times (p50, p95, max),
// each in the page's own clock (performance.now()), the first two each
// to the first results in the page (those shown before the rest, or the
// whole answer) and to the whole answer:
//
//   - first: a reader opens the search page and types a query, its first:
//     from the input event to the results in the page. The query comes
//     half a second after the page has loaded, as a reader's first key
//     does at the soonest: Chromium works on a page it has just opened
//     for a few hundred ms, which is not the query's time. The manifest is
//     asked for as the page opens;
//   - later: the same reader then types the next query of the set on the
//     same page, which keeps what the first one loaded;
//   - opened: a reader types into another page's header box and arrives
//     with ?q=: from the start of the page's loading to its results.
//
// The tab does not pause requests (it only watches for any that leave
// the site): a reader's browser lets every file through at once. Only
// with SITEGEN_SEARCH_LARGE=1; with SITEGEN_SEARCH_SITE=dir too, it times
// the site built in dir (go run ./internal/testsite/cmd -out src, then
// sitegen build -src src -out dir):
//
//	SITEGEN_SEARCH_LARGE=1 go test -run TestSearchLarge -v -timeout 40m ./internal/browsertest
func TestSearchLarge(t *testing.T) {
	if os.Getenv(envSearchLarge) == "" {
		t.Skipf("set %s=1 to build the large generated site and time its search", envSearchLarge)
	}
	browser := newBrowser(t)
	fsys := testsite.Generate(2000, 10, 10000, 1)
	var s *site
	if dir := os.Getenv(envSearchSite); dir != "" {
		s = &site{dir: dir}
	} else {
		src := t.TempDir()
		if err := testsite.WriteDir(fsys, src); err != nil {
			t.Fatal(err)
		}
		s = buildSite(t, src)
	}
	in, diags := build.Check(fsys, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	timeSearch(t, browser, s, testsite.SearchQueries(sitemodel.New(in.Data, in.Articles)))
}

// timeSearch asks queries qs of site s as TestSearchLarge says.
func timeSearch(t *testing.T, browser context.Context, s *site, qs []testsite.Query) {
	ref := readIndex(t, s.dir)
	o := diskOrigin(s)
	tb := newTab(t, browser, o.root)
	tb.watchOnly(t)
	if _, err := chromedp.Call(tb.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: answeredAtJS}); err != nil {
		t.Fatal(err)
	}
	early := 0 // queries whose first results came before the rest
	ask := func(ctx context.Context, q string) *asked {
		t.Helper()
		// Whether the target is found at all, below the 20 the page
		// shows too, is TestLabelledQueriesLarge's (internal/search).
		a := askChecked(t, ctx, o.name, ref, q)
		if len(a.Early) > 0 {
			early++
		}
		return a
	}
	var first, firstAll, later, laterAll, opened []float64
	type timed struct {
		ms, all float64
		q       string
	}
	var slow []timed // the first queries, to name those past the p95
	for i, q := range qs {
		ctx, cancel := context.WithTimeout(tb.ctx, time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(o.url("tim-kiem/index.html"))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		a := ask(ctx, q.Q)
		first, firstAll = append(first, a.First), append(firstAll, a.All)
		slow = append(slow, timed{a.First, a.All, q.Q})
		a = ask(ctx, qs[(i+1)%len(qs)].Q)
		later, laterAll = append(later, a.First), append(laterAll, a.All)
		if err := chromedp.Do(ctx, chromedp.Navigate(o.url("tim-kiem/index.html?q="+url.QueryEscape(q.Q)))); err != nil {
			t.Fatal(err)
		}
		got, err := waitAnswered(ctx, q.Q)
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, o.name, q.Q, got, ref.Search(q.Q, true, 20), "", false)
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.sitegenAnsweredAt`))
		if err != nil {
			t.Fatal(err)
		}
		opened = append(opened, ms)
		cancel()
	}
	errs, left := tb.take()
	for _, e := range errs {
		t.Error(e)
	}
	for _, u := range left {
		t.Errorf("asked for %s, outside the site", u)
	}
	for _, m := range []struct {
		name  string
		times []float64
	}{
		{"first query on a page just opened, typed: its first results", first},
		{"the same: its whole answer", firstAll},
		{"a later query on the same page: its first results", later},
		{"the same: its whole answer", laterAll},
		{"opened with ?q=, from the start of loading to the whole answer", opened},
	} {
		sort.Float64s(m.times)
		n := len(m.times)
		t.Logf("%s: %d queries, median %.1f ms, p95 %.1f ms, max %.1f ms", m.name, n, m.times[n/2], m.times[n*95/100], m.times[n-1])
	}
	t.Logf("%d of %d typed queries showed their first results before the rest", early, 2*len(qs))
	slices.SortFunc(slow, func(a, b timed) int { return cmp.Compare(b.ms, a.ms) })
	for _, s := range slow[:min(len(slow), len(slow)-len(slow)*95/100+3)] {
		t.Logf("slowest first queries: first results %.1f ms, whole answer %.1f ms: %q", s.ms, s.all, s.q)
	}
}

// TestSearchFirstResults: on a generated site whose cells' names are
// made of frequent words, a cell's name typed shows its first results
// before the rest, from one or two files, when internal/search's Reader
// says it may (Result.Early): the page marks it (data-first), and what
// it showed first is the beginning of its whole answer, which is the
// Reader's.
func TestSearchFirstResults(t *testing.T) {
	browser := newBrowser(t)
	src := t.TempDir()
	if err := testsite.WriteDir(testsite.Generate(120, 2, 400, 1), src); err != nil {
		t.Fatal(err)
	}
	s := buildSite(t, src)
	var qs []string
	for _, p := range s.pages {
		if !strings.HasPrefix(p, "don-vi/") || len(qs) == 8 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		_, title, ok := strings.Cut(string(b), "<h1>")
		title, _, _ = strings.Cut(title, "</h1>")
		if !ok || strings.Contains(title, "<") {
			continue
		}
		q := fold.String(html.UnescapeString(title))
		if res := readIndex(t, s.dir).Search(q, true, 20); len(res.Early) > 0 {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		t.Fatal("no cell's name shows its first results early; the site has no such query to test")
	}
	ref := readIndex(t, s.dir)
	o := diskOrigin(s)
	tb := newTab(t, browser, o.root)
	for _, q := range qs {
		ctx, cancel := context.WithTimeout(tb.ctx, time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(o.url("tim-kiem/index.html"))); err != nil {
			t.Fatal(err)
		}
		a := askChecked(t, ctx, o.name, ref, q)
		marked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('search').getAttribute('data-first') || ''`))
		if err != nil {
			t.Fatal(err)
		}
		if marked != q || len(a.Early) == 0 {
			t.Errorf("%q: first results not shown before the rest (data-first %q, %d shown)", q, marked, len(a.Early))
		}
		cancel()
	}
	errs, blocked := tb.take()
	for _, e := range append(errs, blocked...) {
		t.Error(e)
	}
	t.Logf("%d cells' names showed their first results early", len(qs))
}

// TestSearchKeyboard: the results are reached from the search box with
// the arrow keys, one by one, and the box again above the first; each
// result is a link that takes the focus.
func TestSearchKeyboard(t *testing.T) {
	browser := newBrowser(t)
	s := sampleSite(t)
	o := diskOrigin(s)
	tb := newTab(t, browser, o.root)
	ctx, cancel := context.WithTimeout(tb.ctx, time.Minute)
	defer cancel()
	q := sampleQueries[0].q
	if err := chromedp.Do(ctx, chromedp.Navigate(o.url("tim-kiem/index.html?q="+url.QueryEscape(q)))); err != nil {
		t.Fatal(err)
	}
	got, err := waitAnswered(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Hits) < 2 {
		t.Fatalf("%q: %d results; the test needs two", q, len(got.Hits))
	}
	focused := func() string {
		t.Helper()
		f, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.activeElement; return e.id || e.getAttribute('href') || e.localName; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search-q"))); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ key, want string }{
		{kb.ArrowDown, got.Hits[0].Href},
		{kb.ArrowDown, got.Hits[1].Href},
		{kb.ArrowUp, got.Hits[0].Href},
		{kb.ArrowUp, "search-q"},
	} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(step.key)); err != nil {
			t.Fatal(err)
		}
		if f := focused(); f != step.want {
			t.Errorf("after %q the focus is on %q; want %q", step.key, f, step.want)
		}
	}
}
