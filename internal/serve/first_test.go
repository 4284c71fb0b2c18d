package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
)

// openPage is a server of the sample site (a copy, in src) after its
// first build, behind an HTTP server, with the cell page don-vi/khoi-dn/
// open in a "browser": its event stream, whose states come on the
// returned channel. The render runs on one worker, so that a rebuild
// held once its open page is shown (s.shown) makes nothing more.
func openPage(t *testing.T) (s *Server, srv *httptest.Server, src string, states chan state) {
	t.Helper()
	procs := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(procs) })
	src = copySample(t)
	s = New(Options{Src: src, Prefix: "site", Base: "/sub/", Log: new(bytes.Buffer)})
	if o := s.Rebuild(); o.Problems != nil {
		t.Fatalf("first build: %v", o.Problems)
	}
	srv = httptest.NewServer(s)
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/sub/" + Reserved + "events?page=%2Fsub%2Fdon-vi%2Fkhoi-dn%2F")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	states = make(chan state, 16)
	go readStates(resp.Body, states)
	if st := <-states; st.Build != s.Current() {
		t.Fatalf("the stream's first state is of %q, serving %q", st.Build, s.Current())
	}
	return s, srv, src, states
}

// held starts a rebuild of s that stops once it has shown the open
// page, until release is called; its outcome then comes on done.
func held(t *testing.T, s *Server) (release func(), done <-chan Outcome) {
	t.Helper()
	shown, gate := make(chan struct{}), make(chan struct{})
	s.shown = func() {
		close(shown)
		<-gate
	}
	out := make(chan Outcome, 1)
	go func() { out <- s.Rebuild() }()
	select {
	case <-shown:
	case o := <-out:
		t.Fatalf("the rebuild ended (%+v) before it showed the open page", o)
	}
	return func() { close(gate) }, out
}

// fetch gets path from srv in the background: the body of the answer
// comes on the channel. A request still waiting at the end of the test
// is given up, so that the server can close.
func fetch(t *testing.T, srv *httptest.Server, path string) <-chan string {
	out := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			if ctx.Err() == nil { // not given up at the end of the test
				t.Error(err)
			}
			out <- ""
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		out <- string(b)
	}()
	return out
}

// built is the file name of a cold build of the site in src.
func built(t *testing.T, src, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Build(src, out, build.Options{}); err != nil || diags.HasErrors() {
		t.Fatalf("build: %v %v", err, diags)
	}
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOpenPageFirst: a rebuild makes the page open in the browser first
// and shows it as soon as it is written, the new site's: its stream is
// told, and it is served as a cold build writes it. A page not yet made
// is not served from the old site nor missing: its request waits, and
// gets the new page once it is made.
func TestOpenPageFirst(t *testing.T) {
	s, srv, src, states := openPage(t)
	// A tab on a missing address, showing the 404 page, keeps no one
	// waiting.
	missing, err := http.Get(srv.URL + "/sub/" + Reserved + "events?page=%2Fsub%2Fno%2Fsuch%2Fpage%2F")
	if err != nil {
		t.Fatal(err)
	}
	defer missing.Body.Close()
	for !slices.Contains(s.openPages(), "don-vi/khoi-dn/index.html") || s.listenerCount() < 2 {
		time.Sleep(time.Millisecond)
	}
	if got := s.openPages(); !slices.Equal(got, []string{"don-vi/khoi-dn/index.html"}) {
		t.Errorf("open pages %q, want the cell page alone", got)
	}
	old := s.Current()
	oldHome := get(t, s, "/sub/").Body.String()
	setAdmitted(t, src, 187, 188)
	release, done := held(t, s)
	st := <-states
	if st.Build == old || st.Build != s.Current() || len(st.Problems) != 0 {
		t.Fatalf("once the open page is made its stream is told %+v; serving %q, was %q", st, s.Current(), old)
	}
	script := string(s.injected(nil, st.Build))
	page := <-fetch(t, srv, "/sub/don-vi/khoi-dn/")
	if strings.Count(page, script) != 1 {
		t.Fatalf("the open page is not served from the new site:\n%.300s", page)
	}

	home := fetch(t, srv, "/sub/")
	select {
	case got := <-home:
		t.Fatalf("the home page, not yet made, was answered at once (%d bytes; the old one: %v)", len(got), got == oldHome)
	case <-time.After(200 * time.Millisecond):
	}
	release()
	if o := <-done; o.Problems != nil {
		t.Fatalf("rebuild: %+v", o.Problems)
	}
	gotHome := <-home
	if want := built(t, src, "index.html"); strings.Replace(gotHome, script, "", 1) != want {
		t.Errorf("the home page waited for is not a cold build's (%d bytes, want %d; the old one: %v)", len(gotHome), len(want), gotHome == oldHome)
	}
	if want := built(t, src, "don-vi/khoi-dn/index.html"); strings.Replace(page, script, "", 1) != want {
		t.Errorf("the open page shown first is not a cold build's (%d bytes, want %d)", len(page), len(want))
	}
	if s.Current() != st.Build {
		t.Errorf("serving %q after the rebuild, shown %q", s.Current(), st.Build)
	}
	// The page was told when it was shown; the end of the rebuild tells
	// it nothing new.
	select {
	case again := <-states:
		t.Errorf("told again at the end of the rebuild: %+v", again)
	case <-time.After(200 * time.Millisecond):
	}
}

// TestFailedAfterShown: a rebuild that fails after it showed the open
// page (a template that fails on a later page) serves the last good site
// again, with its problems, and a request that waited gets the last good
// site's page.
func TestFailedAfterShown(t *testing.T) {
	s, srv, src, states := openPage(t)
	old := s.Current()
	oldYear := get(t, s, "/sub/nam/2018/").Body.String()
	if !strings.Contains(oldYear, "<html") {
		t.Fatalf("no year page: %.200s", oldYear)
	}
	// The year page's own template indexes a number: no mistake until it
	// runs on a year, after the open cell page.
	year, err := os.ReadFile("../../templates/year.html")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(year), `{{define "main" -}}`, `{{define "main" -}}{{ index .Year 1 }}`, 1)
	if bad == string(year) {
		t.Fatal("templates/year.html has no main to break")
	}
	if err := os.MkdirAll(filepath.Join(src, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "templates", "year.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	release, done := held(t, s)
	if st := <-states; st.Build == old {
		t.Fatalf("the open page was not shown: %+v", st)
	}
	waiting := fetch(t, srv, "/sub/nam/2018/")
	time.Sleep(50 * time.Millisecond) // let the request come in before the release
	release()
	o := <-done
	if len(o.Problems) == 0 || !strings.HasPrefix(o.Problems[0].Place, "templates/year.html:") {
		t.Fatalf("problems %+v, want one in templates/year.html", o.Problems)
	}
	var st state
	for st = range states {
		if len(st.Problems) > 0 {
			break
		}
	}
	if st.Build != old || s.Current() != old {
		t.Errorf("after the failure the stream is told of %q and %q is served, want the last good %q", st.Build, s.Current(), old)
	}
	if got := <-waiting; got != oldYear {
		t.Errorf("the request that waited got %d bytes, not the last good year page", len(got))
	}
	var told state
	if err := json.Unmarshal(s.state, &told); err != nil || told.Build != old {
		t.Errorf("state %+v %v", told, err)
	}
}

// setAdmitted changes the sample's 2018 record of admitted = from to to.
func setAdmitted(t *testing.T, src string, from, to int) {
	t.Helper()
	file := filepath.Join(src, "data", "2018.toml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(orig, []byte("admitted = "+strconv.Itoa(from)), []byte("admitted = "+strconv.Itoa(to)), 1)
	if bytes.Equal(changed, orig) {
		t.Fatalf("no admitted = %d in data/2018.toml", from)
	}
	if err := os.WriteFile(file, changed, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSuperseded: a rebuild told of a newer change once it has shown the
// open page stops there; that page's site stays served, a request for a
// file it has not yet made waits, and the next rebuild's whole site
// answers it.
func TestSuperseded(t *testing.T) {
	s, srv, src, states := openPage(t)
	old := s.Current()
	setAdmitted(t, src, 187, 188)
	release, done := held(t, s)
	shown := (<-states).Build
	s.supersede()
	release()
	o := <-done
	if !o.Superseded || o.Problems != nil || o.Pages != 0 {
		t.Fatalf("outcome %+v, want superseded", o)
	}
	if s.Current() != shown || shown == old {
		t.Fatalf("serving %q after the stop, shown %q (before %q)", s.Current(), shown, old)
	}
	if log := s.opts.Log.(*bytes.Buffer).String(); !strings.Contains(log, "đã hiện các trang đang mở trong") {
		t.Errorf("log %q says nothing of the stop", log)
	}
	home := fetch(t, srv, "/sub/")
	select {
	case got := <-home:
		t.Fatalf("the home page, never made by the stopped rebuild, was answered at once (%d bytes)", len(got))
	case <-time.After(200 * time.Millisecond):
	}
	setAdmitted(t, src, 188, 189)
	s.shown = nil
	if o := s.Rebuild(); o.Problems != nil || o.Superseded {
		t.Fatalf("rebuild: %+v", o)
	}
	var got string
	select {
	case got = <-home:
	case <-time.After(time.Minute):
		t.Fatal("the home page is still waited for a minute after the next rebuild")
	}
	script := string(s.injected(nil, s.Current()))
	if want := built(t, src, "index.html"); strings.Replace(got, script, "", 1) != want {
		t.Errorf("the home page waited for is not the newest site's (%d bytes, want %d)", len(got), len(want))
	}
}

// listenerCount is the number of open event streams.
func (s *Server) listenerCount() int {
	n := 0
	s.listeners.Range(func(_, _ any) bool { n++; return true })
	return n
}
