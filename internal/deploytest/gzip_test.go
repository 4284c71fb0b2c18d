package deploytest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestServeGzip publishes the sample site with -gzip behind each shipped
// nginx configuration: a browser that takes gzip gets a page's .gz copy
// as it is, marked as gzip and as varying with Accept-Encoding (so a
// proxy keeps both), and one that does not gets the page itself.
func TestServeGzip(t *testing.T) {
	for _, c := range []struct{ name, file, path string }{
		{"root", "deploy/nginx/bao-cao.conf", "/"},
		{"subpath", "deploy/nginx/bao-cao-subpath.conf", "/bao-cao/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			webdir := readableTempDir(t)
			port := freePort(t)
			base := fmt.Sprintf("http://127.0.0.1:%d%s", port, c.path)
			site := newSample(t, webdir, "")
			run(t, site.src, nil, sitegen(t), "publish", "-gzip", "-to", webdir)
			startNginx(t, c.file, webdir, port)
			current := filepath.Join(webdir, "current")
			for _, rel := range []string{"index.html", "don-vi/khoi-dn/index.html", "so-lieu/index.html"} {
				page, err := os.ReadFile(filepath.Join(current, rel))
				if err != nil {
					t.Fatal(err)
				}
				gz, err := os.ReadFile(filepath.Join(current, rel+".gz"))
				if err != nil {
					t.Fatalf("publish -gzip wrote no copy of %s: %v", rel, err)
				}
				res := get(t, base+rel, "Accept-Encoding", "gzip")
				if res.status != 200 || res.header.Get("Content-Encoding") != "gzip" || !bytes.Equal(res.body, gz) {
					t.Errorf("GET %s taking gzip: status %d, Content-Encoding %q, %d bytes; want 200, gzip and the %d bytes of %s.gz",
						rel, res.status, res.header.Get("Content-Encoding"), len(res.body), len(gz), rel)
				}
				if v := res.header.Get("Vary"); v != "Accept-Encoding" {
					t.Errorf("GET %s taking gzip: Vary %q, want Accept-Encoding", rel, v)
				}
				if got := res.header.Values("Cache-Control"); len(got) != 1 || got[0] != cacheNever {
					t.Errorf("GET %s taking gzip: Cache-Control %q, want %q", rel, got, cacheNever)
				}
				res = get(t, base+rel)
				if res.status != 200 || res.header.Get("Content-Encoding") != "" || !bytes.Equal(res.body, page) {
					t.Errorf("GET %s not taking gzip: status %d, Content-Encoding %q; want 200 and the page itself", rel, res.status, res.header.Get("Content-Encoding"))
				}
			}
		})
	}
}
