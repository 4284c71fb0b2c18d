package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitegen/internal/version"
)

// TestPublishIsAtomicForReaders is what a reader of the intranet site
// sees while the department pushes: a web server on 127.0.0.1 serves
// DIR/current (following the link anew at each request, as nginx and
// Apache do), readers load pages and then every asset each page names,
// while 200 and more publishes switch releases, each with other figures
// and another stylesheet. No request may fail, no page may show two data
// versions, no asset a page names may be missing, and each stylesheet
// must be the one of the page's own release: a page loaded a moment
// before a switch still gets its own CSS and JS.
func TestPublishIsAtomicForReaders(t *testing.T) {
	// 210 publishes; under -short, and under the race detector (.ci/run
	// runs every package again with -race, to find races, not to count
	// switches), 20. On a machine so loaded that the publishes outlast
	// the budget (kept well inside go test's own timeout), the readers
	// stop with the switches made so far: what the test asserts is that
	// no reader ever saw a mixed or broken site, not a speed.
	publishes, budget, least := 210, 6*time.Minute, 200
	if testing.Short() || raceDetector {
		publishes, least = 20, 19
	}
	src := writeTxtar(t, smallSite)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(src)) // in no repository: its version is a hash
	pub := filepath.Join(t.TempDir(), "www")

	// Variants of the site: each changes a figure (so the data version)
	// and the stylesheet, which names its variant. The version of each
	// is known before any reader starts.
	builtinCSS, err := os.ReadFile(filepath.Join("..", "..", "templates", "assets", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	const variants = 7
	setVariant := func(i int) {
		t.Helper()
		edit(t, filepath.Join(src, "data", "figures.toml"), regexpAdmitted, fmt.Sprintf("admitted = %d", 17+i))
		css := filepath.Join(src, "templates", "assets", "site.css")
		if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(css, fmt.Appendf(builtinCSS, "\n/* variant %d */\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	variantOf := make(map[string]int) // data version → variant
	for i := range variants {
		setVariant(i)
		v, _, err := version.Of(src)
		if err != nil {
			t.Fatal(err)
		}
		variantOf[v.ID] = i
	}
	if len(variantOf) != variants {
		t.Fatalf("%d data versions for %d variants", len(variantOf), variants)
	}
	publish := func(i int) Published {
		t.Helper()
		setVariant(i % variants)
		res, diags, err := Publish(src, pub, PublishOptions{Keep: 5})
		if err != nil || diags.HasErrors() {
			t.Fatalf("publish %d: %v %v", i, err, diags)
		}
		return res
	}
	publish(0)

	server := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(pub, "current"))))
	defer server.Close()
	pages := []string{"index.html", "nam/2017/index.html", "don-vi/prime/index.html", "bai-viet/index.html", "so-lieu/index.html"}

	var (
		loads, assets         atomic.Int64
		failures, mixed, gone problems
	)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			client := server.Client()
			for n := r; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				loadPage(client, server.URL+"/"+pages[n%len(pages)], variantOf, &loads, &assets, report{
					failed: failures.add, mixed: mixed.add, missing: gone.add,
				})
			}
		}()
	}

	start := time.Now()
	switches, prev := 0, ""
	for i := 1; i < publishes && time.Since(start) < budget; i++ {
		if res := publish(i); !res.Unchanged && res.Release != prev {
			switches++
			prev = res.Release
		}
	}
	elapsed := time.Since(start)
	close(stop)
	readers.Wait()

	t.Logf("%d switches in %v; %d page loads, %d assets", switches, elapsed.Round(time.Millisecond), loads.Load(), assets.Load())
	switch {
	case switches >= least:
	case elapsed < budget:
		// Every publish changes the figures, so each must switch.
		t.Errorf("%d switches for %d publishes, want at least %d", switches, publishes-1, least)
	case switches < 20:
		t.Errorf("%d switches in %v: too few to show anything; the machine is too loaded for this test", switches, elapsed.Round(time.Second))
	default:
		t.Logf("the budget of %v ran out after %d switches (want %d on a machine that is not overloaded); the readers saw every one", budget, switches, least)
	}
	if loads.Load() < int64(switches) {
		t.Errorf("%d page loads for %d switches: the readers hardly read", loads.Load(), switches)
	}
	for _, c := range []struct {
		what string
		p    *problems
	}{{"failed requests", &failures}, {"pages mixing two releases", &mixed}, {"missing assets", &gone}} {
		if c.p.count > 0 {
			t.Errorf("%d %s; the first:\n%s", c.p.count, c.what, strings.Join(c.p.first, "\n"))
		}
	}
}

// problems counts one kind of problem the readers met, and keeps the
// first few to show.
type problems struct {
	mu    sync.Mutex
	count int
	first []string
}

func (p *problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count++
	if len(p.first) < 10 {
		p.first = append(p.first, fmt.Sprintf(format, args...))
	}
}

// report is where a reader tells what went wrong.
type report struct {
	failed, mixed, missing func(format string, args ...any)
}

// versionOnPage finds the data version a page names.
var versionOnPage = regexp.MustCompile(`Phiên bản dữ liệu (sha256:[0-9a-f]{12})`)

// regexpAdmitted is the line of a figure the tests change.
var regexpAdmitted = regexp.MustCompile(`(?m)^admitted = [0-9]+$`)

// variantCSS finds the variant a stylesheet names.
var variantCSS = regexp.MustCompile(`/\* variant ([0-9]+) \*/`)

// loadPage loads the page at u as a browser would: the page, then every
// asset it names (href and src under assets/ and media/), and says what
// went wrong.
func loadPage(client *http.Client, u string, variantOf map[string]int, loads, assets *atomic.Int64, r report) {
	page, final, status, err := get(client, u)
	if err != nil || status != http.StatusOK {
		r.failed("%s: %d %v", u, status, err)
		return
	}
	loads.Add(1)
	versions := versionOnPage.FindAllSubmatch(page, -1)
	if len(versions) == 0 {
		r.mixed("%s names no data version", u)
		return
	}
	v := string(versions[0][1])
	for _, w := range versions[1:] {
		if string(w[1]) != v {
			r.mixed("%s names the data versions %s and %s", u, v, w[1])
			return
		}
	}
	variant, ok := variantOf[v]
	if !ok {
		r.mixed("%s names the data version %s, which no publish had", u, v)
		return
	}
	named := 0
	for _, e := range elements(page) {
		for _, key := range []string{"href", "src"} {
			ref, ok := e.attr(key)
			if !ok {
				continue
			}
			a, err := final.Parse(ref)
			if err != nil || !strings.HasPrefix(a.Path, "/assets/") && !strings.HasPrefix(a.Path, "/media/") {
				continue
			}
			named++
			body, _, status, err := get(client, a.String())
			switch {
			case err != nil:
				r.failed("%s: %v", a, err)
				continue
			case status == http.StatusNotFound:
				r.missing("%s, named by %s (%s), is not found", a.Path, u, v)
				continue
			case status != http.StatusOK:
				r.failed("%s: %d", a, status)
				continue
			}
			assets.Add(1)
			// A hashed asset is the one named: its hash is of its bytes.
			if m := regexp.MustCompile(`\.([0-9a-f]{8})\.`).FindStringSubmatch(path.Base(a.Path)); m != nil {
				if sum := sha256.Sum256(body); hex.EncodeToString(sum[:4]) != m[1] {
					r.mixed("%s is served with other bytes than its name says", a.Path)
				}
			}
			if strings.HasSuffix(a.Path, ".css") {
				if m := variantCSS.FindSubmatch(body); m == nil || string(m[1]) != fmt.Sprint(variant) {
					r.mixed("%s (%s, variant %d) loads %s of another release", u, v, variant, a.Path)
				}
			}
		}
	}
	if named < 2 {
		r.mixed("%s names %d assets, want its stylesheet and scripts", u, named)
	}
}

// get fetches u, following redirects (the file server sends
// …/index.html to …/), and returns the body, the URL it came from, and
// the status.
func get(client *http.Client, u string) ([]byte, *url.URL, int, error) {
	resp, err := client.Get(u)
	if err != nil {
		return nil, nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return body, resp.Request.URL, resp.StatusCode, err
}

// edit replaces the match of re in the file name by repl; it must match.
func edit(t *testing.T, name string, re *regexp.Regexp, repl string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !re.Match(b) {
		t.Fatalf("%s does not match %s", name, re)
	}
	if err := os.WriteFile(name, re.ReplaceAll(b, []byte(repl)), 0o644); err != nil {
		t.Fatal(err)
	}
}
