package serve

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
)

// sample is the sample site of the repository.
const sample = "../.."

// copySample copies what a build reads of the sample site (data/ and
// content/; its templates/ are the built-in ones) into a new folder, so
// that a test may change it.
func copySample(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	for _, sub := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(sample, sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// TestServedEqualsBuilt: every file `build` writes of the sample site is
// served under the base with the same bytes, a page with serve's script
// added once before </body> and nothing else; and serve has no file the
// build has not (but publish's manifest, which is no file of the site).
func TestServedEqualsBuilt(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Build(sample, out, build.Options{}); err != nil || diags.HasErrors() {
		t.Fatalf("build: %v %v", err, diags)
	}
	s := New(Options{Src: sample, Base: "/intranet/khoi"})
	// The second rebuild reuses the templates of the first.
	for range 2 {
		if o := s.Rebuild(); o.Problems != nil {
			t.Fatalf("rebuild: %v", o.Problems)
		}
	}
	script := s.injected(nil, s.Current()) // what serve adds to a page
	built := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		name := filepath.ToSlash(rel)
		if strings.HasPrefix(name, ".sitegen/") {
			return nil // publish's record of what it wrote, not a file of the site
		}
		built++
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rec := get(t, s, "/intranet/khoi/"+name)
		wantStatus := http.StatusOK
		if name == "404.html" {
			wantStatus = http.StatusNotFound // it has a file, but it is served as what it says
		}
		if name != "404.html" && rec.Code != wantStatus {
			t.Errorf("%s: status %d", name, rec.Code)
		}
		got := rec.Body.Bytes()
		if strings.HasSuffix(name, ".html") {
			if n := bytes.Count(got, script); n != 1 {
				t.Errorf("%s: the script is added %d times, want once", name, n)
			}
			got = bytes.Replace(got, script, nil, 1)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: served %d bytes differ from the %d built", name, len(got), len(want))
		}
		// To a browser, which takes gzip, a text file other than a page
		// goes compressed, as kept; the bytes are the same once read.
		req := httptest.NewRequest(http.MethodGet, "/intranet/khoi/"+name, nil)
		req.Header.Set("Accept-Encoding", "deflate, gzip;q=0.8")
		zrec := httptest.NewRecorder()
		s.ServeHTTP(zrec, req)
		zipped := zrec.Header().Get("Content-Encoding") == "gzip"
		if want := strings.HasSuffix(name, ".css") || strings.HasSuffix(name, ".csv"); want && !zipped {
			t.Errorf("%s: sent without gzip to a browser that takes it", name)
		}
		if zipped {
			if strings.HasSuffix(name, ".html") {
				t.Errorf("%s: a page sent compressed; serve adds its script to the page as built", name)
			}
			sent := zrec.Body.Bytes()
			if n := zrec.Header().Get("Content-Length"); n != strconv.Itoa(len(sent)) {
				t.Errorf("%s: Content-Length %s for %d bytes sent", name, n, len(sent))
			}
			zr, err := gzip.NewReader(bytes.NewReader(sent))
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: sent compressed, it reads as %d bytes (%v), not the %d built", name, len(got), err, len(want))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.current.Load().mem.files) + len(s.current.Load().mem.lazy); n != built {
		t.Errorf("serve holds %d files, build wrote %d", n, built)
	}
	if built < 20 {
		t.Fatalf("only %d files built", built)
	}
}

// TestAddresses: the site answers only under its base, a folder without
// its slash is sent to it, a missing page is the site's 404 page, and
// the script and the overlay's styles are served.
func TestAddresses(t *testing.T) {
	s := New(Options{Src: sample, Base: "sub/path"})
	s.Rebuild()
	cases := []struct {
		target   string
		status   int
		location string
		contains string
	}{
		{"/", http.StatusFound, "/sub/path/", ""},
		{"/sub/path", http.StatusFound, "/sub/path/", ""},
		{"/sub/path/", http.StatusOK, "", "<!doctype html>"},
		{"/sub/path/don-vi/khoi-dn", http.StatusMovedPermanently, "/sub/path/don-vi/khoi-dn/", ""},
		{"/sub/path/don-vi/khoi-dn/", http.StatusOK, "", "/sub/path/_sitegen/reload.js"},
		{"/sub/path/khong-co/", http.StatusNotFound, "", "/sub/path/_sitegen/reload.js"},
		{"/other/", http.StatusNotFound, "", ""},
		{"/sub/path/_sitegen/reload.js", http.StatusOK, "", "EventSource"},
		{"/sub/path/_sitegen/overlay.css", http.StatusOK, "", "#sitegen-serve-overlay"},
	}
	for _, c := range cases {
		rec := get(t, s, c.target)
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.target, rec.Code, c.status)
		}
		if got := rec.Header().Get("Location"); got != c.location {
			t.Errorf("%s: Location %q, want %q", c.target, got, c.location)
		}
		if !strings.Contains(rec.Body.String(), c.contains) {
			t.Errorf("%s: no %q in\n%.300s", c.target, c.contains, rec.Body.String())
		}
	}
}

// TestFailedRebuild: a mistake in data/ keeps the last good site served
// and every page told the messages, with their places; fixing it serves
// the new site and clears them.
func TestFailedRebuild(t *testing.T) {
	src := copySample(t)
	s := New(Options{Src: src, Prefix: "site"})
	if o := s.Rebuild(); o.Problems != nil {
		t.Fatalf("rebuild: %v", o.Problems)
	}
	good := s.Current()
	page := get(t, s, "/").Body.String()

	file := filepath.Join(src, "data", "2018.toml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(orig, []byte("admitted = 187"), []byte("admitted = -187"), 1)
	if err := os.WriteFile(file, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	o := s.Rebuild()
	if len(o.Problems) == 0 || !strings.HasPrefix(o.Problems[0].Place, "site/data/2018.toml:") {
		t.Fatalf("problems %+v, want one in site/data/2018.toml", o.Problems)
	}
	if s.Current() != good || get(t, s, "/").Body.String() != page {
		t.Error("a failed rebuild changed the site served")
	}
	var st state
	if err := json.Unmarshal(s.state, &st); err != nil {
		t.Fatal(err)
	}
	if st.Build != good || len(st.Problems) != len(o.Problems) || !strings.Contains(st.Title, "Không dựng được") {
		t.Errorf("state %+v", st)
	}

	if err := os.WriteFile(file, bytes.Replace(orig, []byte("admitted = 187"), []byte("admitted = 188"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := s.Rebuild(); o.Problems != nil {
		t.Fatalf("rebuild after the fix: %v", o.Problems)
	}
	if s.Current() == good {
		t.Error("the fixed site is not served")
	}
	if !strings.Contains(get(t, s, "/").Body.String(), "188") {
		t.Error("the home page does not show the new figure")
	}
	if err := json.Unmarshal(s.state, &st); err != nil || len(st.Problems) != 0 {
		t.Errorf("problems left after the fix: %+v %v", st.Problems, err)
	}
}

// TestEvents: a page's event stream is told the state when it connects
// and again after every rebuild, each a new site id.
func TestEvents(t *testing.T) {
	s := New(Options{Src: sample})
	s.Rebuild()
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := &http.Client{Timeout: 60 * time.Second}
	resp, err := client.Get(srv.URL + "/" + Reserved + "events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	states := make(chan state)
	go readStates(resp.Body, states)
	next := func() state {
		st, ok := <-states
		if !ok {
			t.Fatal("the stream ended")
		}
		return st
	}
	first := next()
	if first.Build != s.Current() {
		t.Errorf("first state of %q, serving %q", first.Build, s.Current())
	}
	s.Rebuild()
	if second := next(); second.Build == first.Build || second.Build != s.Current() {
		t.Errorf("after a rebuild the state is of %q (before %q, serving %q)", second.Build, first.Build, s.Current())
	}
}

// TestTemplateChange: templates are kept between rebuilds only while
// they read the same: a site's own stylesheet saved is served and linked
// by the next rebuild, and a mistake in a template is a message with
// its place.
func TestTemplateChange(t *testing.T) {
	src := copySample(t)
	s := New(Options{Src: src})
	s.Rebuild()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(src, "templates", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("assets/site.css", "body { color: #123456 }\n")
	if o := s.Rebuild(); o.Problems != nil {
		t.Fatal(o.Problems)
	}
	home := get(t, s, "/").Body.String()
	css := regexp.MustCompile(`href="(assets/site\.[0-9a-f]+\.css)"`).FindStringSubmatch(home)
	if css == nil {
		t.Fatalf("the home page links no stylesheet")
	}
	if body := get(t, s, "/"+css[1]).Body.String(); body != "body { color: #123456 }\n" {
		t.Errorf("the stylesheet the page links is %.100q, not the one saved", body)
	}

	write("home.html", "{{define \"title\"}}x{{end}}{{define \"main\"}}{{if}}{{end}}")
	o := s.Rebuild()
	if len(o.Problems) != 1 || !strings.HasPrefix(o.Problems[0].Place, "templates/home.html:1") {
		t.Errorf("problems %+v, want one at templates/home.html:1", o.Problems)
	}
}

// TestFirstBuildFails: before the site ever built, every address
// answers a page that names the trouble, in the site's language, and
// loads the script that shows the messages and opens the site once it
// builds.
func TestFirstBuildFails(t *testing.T) {
	src := copySample(t)
	file := filepath.Join(src, "data", "2018.toml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, bytes.Replace(orig, []byte("admitted = 187"), []byte("admitted = -1"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(Options{Src: src})
	if o := s.Rebuild(); len(o.Problems) == 0 {
		t.Fatal("a site with a mistake built")
	}
	rec := get(t, s, "/don-vi/khoi-dn/")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Chưa dựng được trang web") || !strings.Contains(rec.Body.String(), `src="/_sitegen/reload.js" data-build=""`) {
		t.Errorf("before the first good build: %d\n%s", rec.Code, rec.Body.String())
	}
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	s.Rebuild()
	if rec := get(t, s, "/don-vi/khoi-dn/"); rec.Code != http.StatusOK {
		t.Errorf("after the fix: %d", rec.Code)
	}
}
