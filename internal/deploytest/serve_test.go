package deploytest

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The cache rule every shipped server configuration must give: a hashed
// asset or media file may be kept for ever, everything else is asked
// again every time (docs/publishing.md, "What is in the output").
var hashed = regexp.MustCompile(`^(assets|media)/([^/]+\.)?[0-9a-f]{8}\.[^/]+$`)

const (
	cacheForever = "public, max-age=31536000, immutable"
	cacheNever   = "no-cache"
)

// contentTypes are the media types a browser needs to use a file at all
// (a stylesheet served as text/plain is ignored), by extension. A page
// must also say it is UTF-8.
var contentTypes = map[string][]string{
	".html": {"text/html"},
	".css":  {"text/css"},
	".js":   {"application/javascript", "text/javascript"},
	".svg":  {"image/svg+xml"},
}

// shipped reads a file of deploy/ and makes the replacements an
// administrator makes, failing if a placeholder is not in the file, so
// that a renamed placeholder cannot leave the test serving something
// else than what the file says.
func shipped(t testing.TB, rel string, replace ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(top, rel))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for i := 0; i < len(replace); i += 2 {
		if !strings.Contains(text, replace[i]) {
			t.Fatalf("%s: %q is not in the file; the test edits it as an administrator would", rel, replace[i])
		}
		text = strings.ReplaceAll(text, replace[i], replace[i+1])
	}
	return text
}

// installed is shipped, then checks that no line but a comment still
// names a path under /srv/, where the shipped files' example paths are:
// a path the test forgot to edit would have the test's server or hook
// read or write outside the test's folders.
func installed(t testing.TB, rel string, replace ...string) string {
	t.Helper()
	text := shipped(t, rel, replace...)
	for i, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") && strings.Contains(line, "/srv/") {
			t.Fatalf("%s:%d: a path under /srv/ is left after the test's edits; the test must edit every one:\n%s", rel, i+1, line)
		}
	}
	return text
}

// server is a web server the test started; it is stopped at the end of
// the test.
type server struct {
	name   string
	cmd    *exec.Cmd
	output *bytes.Buffer
	exited chan struct{}
}

// startServer starts argv, waits until 127.0.0.1:port answers, and stops
// it (SIGTERM, then SIGKILL) when the test ends.
func startServer(t testing.TB, port int, argv ...string) *server {
	t.Helper()
	s := &server{name: filepath.Base(argv[0]), output: new(bytes.Buffer), exited: make(chan struct{})}
	s.cmd = exec.Command(argv[0], argv[1:]...)
	s.cmd.Stdout, s.cmd.Stderr = s.output, s.output
	// Its own process group, so that stopping it stops its workers too.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	go func() { s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-s.exited
		}
		if t.Failed() {
			t.Logf("%s said:\n%s", s.name, s.output)
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return s
		}
		select {
		case <-s.exited:
			t.Fatalf("%s exited before it served: %v\n%s", strings.Join(argv, " "), s.cmd.ProcessState, s.output)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer on port %d after 15 s\n%s", s.name, port, s.output)
		}
	}
}

// client never follows a redirect, so that the test sees it, and never
// goes through a proxy.
var client = &http.Client{
	Transport:     &http.Transport{Proxy: nil, DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       10 * time.Second,
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func get(t testing.TB, u string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return response{res.StatusCode, res.Header, body}
}

// checkServed checks a site served at base (http://127.0.0.1:PORT/ or
// …/bao-cao/) from the folder dir (WEBDIR/current): every file of the
// folder, every address a page links to, the 404 page, and redirects.
func checkServed(t *testing.T, base, dir string) {
	t.Helper()
	prefix := mustParse(t, base).Path // "/" or "/bao-cao/"
	seen := map[string]int{}          // extension → files checked

	// checkFile checks one address of the site: rel is its path below
	// the site's top ("assets/site.1a2b3c4d.css", "nam/2017/").
	checkFile := func(rel, from string) {
		t.Helper()
		seen[path.Ext(strings.TrimSuffix(rel, "/")+".html")]++
		res := get(t, base+rel)
		where := base + rel
		if from != "" {
			where += " (linked from " + from + ")"
		}
		if res.status != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", where, res.status)
			return
		}
		file := rel
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("GET %s: 200, but the site has no such file: %v", where, err)
		} else if !bytes.Equal(res.body, want) {
			t.Errorf("GET %s: the body (%d bytes) is not the file %s (%d bytes)", where, len(res.body), file, len(want))
		}
		wantCache := cacheNever
		if hashed.MatchString(file) {
			wantCache = cacheForever
		}
		if got := res.header.Values("Cache-Control"); !slices.Equal(got, []string{wantCache}) {
			t.Errorf("GET %s: Cache-Control %q, want %q", where, got, wantCache)
		}
		ext := path.Ext(file)
		if types, ok := contentTypes[ext]; ok {
			got := res.header.Get("Content-Type")
			media, params, _ := mime.ParseMediaType(got)
			if !slices.Contains(types, media) || (ext == ".html" && !strings.EqualFold(params["charset"], "utf-8")) {
				t.Errorf("GET %s: Content-Type %q, want one of %q", where, got, types)
			}
		}
		seen[ext]++
	}

	// Every file the build wrote, by its address.
	dir, err := filepath.EvalSymlinks(dir) // current → releases/…
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir // the manifest; not linked, not asked for
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		checkFile(f, "")
	}
	for ext, n := range map[string]int{".html": 10, ".css": 1, ".js": 2, ".svg": 1, ".csv": 1, ".json": 1, ".xml": 1} {
		if seen[ext] < n {
			t.Errorf("the site has %d %s files, want at least %d: the test does not see what it is meant to check", seen[ext], ext, n)
		}
	}

	// Every address a page links to or loads, as a browser resolves it.
	linked := map[string]string{} // rel → a page linking it
	for _, f := range files {
		if path.Ext(f) != ".html" || f == "404.html" {
			continue
		}
		page := mustParse(t, base+f)
		for _, ref := range links(t, filepath.Join(dir, f)) {
			u, err := page.Parse(ref)
			if err != nil {
				t.Errorf("%s links %q: %v", f, ref, err)
				continue
			}
			if u.Scheme == "data" || u.Scheme == "mailto" {
				continue
			}
			if u.Host != page.Host || !strings.HasPrefix(u.Path, prefix) {
				t.Errorf("%s links %q, outside the site at %s", f, ref, base)
				continue
			}
			rel := strings.TrimPrefix(u.Path, prefix)
			if _, ok := linked[rel]; !ok {
				linked[rel] = f
			}
		}
	}
	if len(linked) < 20 {
		t.Errorf("the pages link %d addresses; the test reads links wrong", len(linked))
	}
	for _, rel := range slices.Sorted(maps.Keys(linked)) {
		checkFile(rel, linked[rel])
	}

	// A missing address, at the top and deeper: the site's 404 page, with
	// status 404, and asked again every time.
	notFound, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"khong-co.html", "nam/1999/", "assets/site.00000000.css"} {
		res := get(t, base+rel)
		if res.status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", base+rel, res.status)
		}
		if !bytes.Equal(res.body, notFound) {
			t.Errorf("GET %s: the body is not 404.html:\n%.300s", base+rel, res.body)
		}
		if got := res.header.Get("Cache-Control"); got != cacheNever {
			t.Errorf("GET %s: Cache-Control %q, want %q", base+rel, got, cacheNever)
		}
	}

	// Under a sub-path, the site's files are served there only: the same
	// address outside it is a 404 of the host, not the site's file.
	if prefix != "/" {
		host := mustParse(t, base).ResolveReference(mustParse(t, "/"))
		for _, rel := range []string{"index.html", files[0]} {
			if res := get(t, host.String()+rel); res.status != http.StatusNotFound {
				t.Errorf("GET %s, outside %s: status %d, want 404", host.String()+rel, prefix, res.status)
			}
		}
	}

	// A folder without its slash is sent to the folder.
	redirects := map[string]string{"nam/2017": prefix + "nam/2017/"}
	if prefix != "/" {
		redirects[strings.TrimSuffix(base, "/")] = prefix
	}
	for from, want := range redirects {
		if !strings.HasPrefix(from, "http") {
			from = base + from
		}
		res := get(t, from)
		loc := res.header.Get("Location")
		if res.status != http.StatusMovedPermanently || (loc != want && mustParse(t, from).ResolveReference(mustParse(t, loc)).Path != want) {
			t.Errorf("GET %s: status %d to %q, want 301 to %s", from, res.status, loc, want)
		}
	}

	// An unchanged page costs a 304.
	first := get(t, base)
	if etag := first.header.Get("ETag"); etag == "" {
		t.Errorf("GET %s: no ETag", base)
	} else if again := get(t, base, "If-None-Match", etag); again.status != http.StatusNotModified {
		t.Errorf("GET %s with If-None-Match %s: status %d, want 304", base, etag, again.status)
	}
}

func mustParse(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// links returns every href and src of the page at path, without the
// fragment; links within the page are left out.
func links(t testing.TB, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var refs []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				ref, _, _ := strings.Cut(a.Val, "#")
				if ref != "" {
					refs = append(refs, ref)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return refs
}

// checkSwitch publishes the site again with a changed figure and checks
// that the server at base shows it at once, with no reload.
func checkSwitch(t *testing.T, base string, site *sample) {
	t.Helper()
	if res := get(t, base); !bytes.Contains(res.body, []byte(figureShown(187))) {
		t.Fatalf("GET %s: the home page does not show %s", base, figureShown(187))
	}
	site.setFigure(t, 190)
	site.publish(t)
	if res := get(t, base); !bytes.Contains(res.body, []byte(figureShown(190))) {
		t.Errorf("GET %s after a publish: the home page does not show the new figure %s", base, figureShown(190))
	}
}

// TestServe serves the sample site with each shipped server
// configuration, at the root of a host and under /bao-cao/, as the
// symlink `current` of a web folder: every file and every link with the
// right status, body and caching, then a new release shown at once.
func TestServe(t *testing.T) {
	for _, c := range []struct {
		name, file, path string
		start            func(t *testing.T, rel, webdir string, port int)
	}{
		{"nginx/root", "deploy/nginx/bao-cao.conf", "/", startNginx},
		{"nginx/subpath", "deploy/nginx/bao-cao-subpath.conf", "/bao-cao/", startNginx},
		{"apache/root", "deploy/apache/bao-cao.conf", "/", startApache},
		{"apache/subpath", "deploy/apache/bao-cao-subpath.conf", "/bao-cao/", startApache},
	} {
		t.Run(c.name, func(t *testing.T) {
			webdir := readableTempDir(t)
			port := freePort(t)
			base := fmt.Sprintf("http://127.0.0.1:%d%s", port, c.path)
			site := newSample(t, webdir, base)
			site.publish(t)
			c.start(t, c.file, webdir, port)
			checkServed(t, base, filepath.Join(webdir, "current"))
			checkSwitch(t, base, site)
		})
	}
}
