package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"sitegen/internal/sitefs/sitefstest"
)

// The site folder is input a pusher controls: a build reads only regular
// files inside it, each under its folder's limit (see internal/sitefs),
// and what it refuses is an error naming the file, with nothing
// published. Each case is said in Vietnamese, smallSite's language.

// secretFiles are what a link out of the site could publish: files and
// folders of TOML, articles and templates on the server.
const secretFiles = `
-- secret.txt --
the server's secret
-- secret.toml --
[[cell]]
id = "secret"
name = "the server's secret"
kind = "chi-bo-co-so"
parent = "khoi"
-- secret.md --
+++
title = "the server's secret"
date = 2018-01-01
+++
the server's secret
-- assets/site.css --
/* the server's secret */
-- partials/x.html --
the server's secret
-- data/site.toml --
title = "the server's secret"
-- content/secret.md --
the server's secret
`

// outsideSite makes smallSite and, beside it, a folder outside it
// holding secretFiles.
func outsideSite(t *testing.T) (src, outside string) {
	t.Helper()
	src = writeTxtar(t, smallSite)
	outside = filepath.Join(filepath.Dir(src), "secret")
	secret, err := txtar.FS(txtar.Parse([]byte(secretFiles)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(outside, secret); err != nil {
		t.Fatal(err)
	}
	return src, outside
}

// refusedBuild builds src, failing the test when the build takes more
// than 10 s (a named pipe would block it forever), and returns what it
// says: each diagnostic and its error.
func refusedBuild(t *testing.T, src string) (said []string, out string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	sitefstest.Within(t, 10*time.Second, func() {
		_, diags, err := Build(src, out, Options{})
		for _, d := range diags {
			said = append(said, d.Error())
		}
		if err != nil {
			said = append(said, err.Error())
		}
	})
	return said, out
}

// folders are a site folder and a folder beside it, outside the site.
type folders struct{ src, outside string }

// linkAt makes a link at name in the site (in place of what was there)
// to target: a name in the folder outside, or, when it begins with / or
// .., a path as written. It returns the link's target.
func linkAt(name, target string) func(*testing.T, folders) string {
	return func(t *testing.T, f folders) string {
		if !strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "..") {
			target = filepath.Join(f.outside, filepath.FromSlash(target))
		}
		p := filepath.Join(f.src, filepath.FromSlash(name))
		os.RemoveAll(p)
		sitefstest.Symlink(t, target, p)
		return target
	}
}

// pipeAt makes a named pipe at name in the site (in place of its file).
func pipeAt(name string) func(*testing.T, folders) string {
	return func(t *testing.T, f folders) string {
		p := filepath.Join(f.src, filepath.FromSlash(name))
		os.Remove(p)
		sitefstest.Mkfifo(t, p)
		return ""
	}
}

// largeAt makes a file of size bytes at name in the site without
// writing them.
func largeAt(name string, size int64) func(*testing.T, folders) string {
	return func(t *testing.T, f folders) string {
		sitefstest.Sparse(t, filepath.Join(f.src, filepath.FromSlash(name)), size)
		return ""
	}
}

func TestBuildRefusesWhatLeavesTheSite(t *testing.T) {
	const (
		outside  = "đây là liên kết tượng trưng (symlink) tới %s, nằm ngoài thư mục của trang; "
		dangling = "đây là liên kết tượng trưng (symlink) tới %s, nơi không có tệp nào; "
		pipe     = "đây không phải tệp thông thường mà là ống dẫn có tên (named pipe), thiết bị hay socket; "
	)
	large := func(mb int, folder string) string {
		return fmt.Sprintf("tệp lớn hơn %d MB, giới hạn cho một tệp trong %s/; ", mb, folder)
	}
	for _, c := range []struct {
		name string
		make func(*testing.T, folders) string // returns what the message names, for %s
		want string                           // the start of one message
	}{
		{"data file", linkAt("data/leak.toml", "secret.toml"), "data/leak.toml: " + outside},
		{"article", linkAt("content/leak.md", "secret.md"), "content/leak.md: " + outside},
		{"template", linkAt("templates/home.html", "secret.txt"), "templates/home.html: " + outside},
		{"asset", linkAt("templates/assets/site.css", "assets/site.css"), "templates/assets/site.css: " + outside},
		{"relative link", linkAt("templates/assets/site.js", "../../../secret/secret.txt"), "templates/assets/site.js: " + outside},
		{"/dev/zero", linkAt("data/zero.toml", "/dev/zero"), "data/zero.toml: " + outside},
		{"data folder", linkAt("data", "data"), "data: " + outside},
		{"folder in data", linkAt("data/more", "data"), "data/more: " + outside},
		{"content folder", linkAt("content", "content"), "content: " + outside},
		{"templates folder", linkAt("templates", "."), "templates: " + outside},
		{"assets folder", linkAt("templates/assets", "assets"), "templates/assets: " + outside},
		{"partials folder", linkAt("templates/partials", "partials"), "templates/partials: " + outside},
		{"dangling template", linkAt("templates/home.html", "../templates/home-old.html"), "templates/home.html: " + dangling},
		{"dangling partial", linkAt("templates/partials/figure.html", "../none.html"), "templates/partials/figure.html: " + dangling},
		{"pipe in data", pipeAt("data/pipe.toml"), "data/pipe.toml: " + pipe},
		{"pipe in content", pipeAt("content/pipe.md"), "content/pipe.md: " + pipe},
		{"pipe as template", pipeAt("templates/home.html"), "templates/home.html: " + pipe},
		{"pipe as asset", pipeAt("templates/assets/site.css"), "templates/assets/site.css: " + pipe},
		{"large data file", largeAt("data/big.toml", 50<<20+1), "data/big.toml: " + large(50, "data")},
		{"large article", largeAt("content/big.md", 10<<20+1), "content/big.md: " + large(10, "content")},
		{"large asset", largeAt("templates/assets/site.js", 20<<20+1), "templates/assets/site.js: " + large(20, "templates")},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, out := outsideSite(t)
			target := c.make(t, folders{src, out})
			want := strings.Replace(c.want, "%s", target, 1)
			said, public := refusedBuild(t, src)
			found := false
			for _, s := range said {
				found = found || strings.HasPrefix(s, want)
				if strings.Contains(s, "goroutine ") || strings.Contains(s, "the server's secret") {
					t.Errorf("the build said more than it should: %s", s)
				}
			}
			if !found {
				t.Errorf("the build said:\n%s\nwant a message starting %q", strings.Join(said, "\n"), want)
			}
			if _, err := os.Stat(public); !os.IsNotExist(err) {
				t.Errorf("the refused build wrote %s (%v)", public, err)
			}
		})
	}
}

// TestBuildFollowsLinksInsideTheSite: a link that stays inside the site
// folder, to a file or a folder, is read as the file it points to: the
// site builds to the same bytes as with the files themselves.
func TestBuildFollowsLinksInsideTheSite(t *testing.T) {
	own := smallSite + `
-- templates/assets/site.css --
body { color: #123456 }
-- templates/404.html --
{{template "layout" .}}
{{define "title"}}Không có trang này{{end}}
{{define "main"}}<p>Trang riêng của Khối.</p>{{end}}
`
	plain, linked := writeTxtar(t, own), writeTxtar(t, own)
	for link, target := range map[string]string{
		"data/figures.toml":    "../shared/figures.toml",
		"content/tao-nguon.md": "../shared/tao-nguon.md",
		"templates/404.html":   "../shared/404.html",
		"templates/assets":     "../shared/assets",
	} {
		p := filepath.Join(linked, filepath.FromSlash(link))
		to := filepath.Join(filepath.Dir(p), filepath.FromSlash(target))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p, to); err != nil {
			t.Fatal(err)
		}
		sitefstest.Symlink(t, target, p)
	}
	outPlain, outLinked := filepath.Join(t.TempDir(), "plain"), filepath.Join(t.TempDir(), "linked")
	mustBuild(t, plain, outPlain)
	mustBuild(t, linked, outLinked)
	if d := diffTrees(readTree(t, outPlain), readTree(t, outLinked)); len(d) > 0 {
		t.Errorf("the site with links inside it builds otherwise:\n%s", strings.Join(d, "\n"))
	}
}
