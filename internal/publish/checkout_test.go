package publish

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestCheckOut(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"data", "content", "templates"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(root, "link")
	haveLink := os.Symlink(site, link) == nil

	tests := []struct {
		name, src, out string
		want           string // part of the message; "" when accepted
		needsLink      bool
	}{
		{"default", site, filepath.Join(site, "public"), "", false},
		{"beside the site", site, filepath.Join(root, "www"), "", false},
		{"not yet made, deep", site, filepath.Join(site, "out", "a", "b"), "", false},
		{"named like data", site, filepath.Join(site, "data-public"), "", false},
		{"the site itself", site, site, "is the site folder itself", false},
		{"the site, spelled with a dot", site, filepath.Join(site, "."), "is the site folder itself", false},
		{"the site, spelled with ..", site, filepath.Join(site, "public", ".."), "is the site folder itself", false},
		{"contains the site", site, root, "contains the site folder", false},
		{"the filesystem root", site, "/", "contains the site folder", false},
		{"data itself", site, filepath.Join(site, "data"), "inside the site's data/ folder", false},
		{"inside data", site, filepath.Join(site, "data", "public"), "inside the site's data/ folder", false},
		{"inside content", site, filepath.Join(site, "content", "x", "y"), "inside the site's content/ folder", false},
		{"inside templates", site, filepath.Join(site, "templates", "public"), "inside the site's templates/ folder", false},
		{"the site through a link", site, link, "is the site folder itself", true},
		{"data through a link", site, filepath.Join(link, "data", "out"), "inside the site's data/ folder", true},
		{"source through a link", link, filepath.Join(site, "content"), "inside the site's content/ folder", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.needsLink && !haveLink {
				t.Skip("no symlinks")
			}
			err := CheckOut(tt.src, tt.out, Options{})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("accepted, want %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("message %q, want it to say %q", err, tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.out):
				t.Errorf("message %q does not name the folder %s", err, tt.out)
			}
		})
	}
}

// TestCheckOutExistingFolder: an output folder is replaced only when it
// is the build's own: absent, empty, or holding a manifest and nothing
// it does not list. Anything else is refused, naming what is there,
// unless Force.
func TestCheckOutExistingFolder(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	mk := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(filepath.Join(site, "data", "site.toml"))
	built := func(name string) string {
		out := filepath.Join(root, name)
		build(t, out, map[string]string{"index.html": "home", "don-vi/a/index.html": "a", "assets/site.1a2b3c4d.css": "css"})
		return out
	}
	built("built")
	// /var/www/html: the web server's own index.html, and other sites.
	mk(filepath.Join(root, "www", "index.html"))
	mk(filepath.Join(root, "www", "other-site", "report.pdf"))
	// Built by a sitegen before the manifest: only sitegen's files, but
	// nothing says so.
	mk(filepath.Join(root, "old", "index.html"))
	mk(filepath.Join(root, "old", "assets", "site.1a2b3c4d.css"))
	mk(filepath.Join(root, "documents", "thu.docx"))
	mk(filepath.Join(built("stray"), "other-site", "report.pdf"))
	strays := built("strays")
	mk(filepath.Join(strays, "don-vi", "a", "notes.txt"))
	mk(filepath.Join(strays, "zz.html"))
	if err := os.Mkdir(filepath.Join(built("empty-folder"), "uploads"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "documents"), filepath.Join(built("link"), "tai-lieu")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A manifest damaged: a hash one byte too long (which once panicked).
	damaged := filepath.Join(built("damaged"), filepath.FromSlash(ManifestName))
	b, err := os.ReadFile(damaged)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(damaged, append(b, strings.Repeat("0", 66)+" written zz.html\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		out  string
		key  string // "" when accepted
		args []any  // after the output folder
	}{
		{"built", "", nil},
		{"empty", "", nil},
		{"new", "", nil},
		{"www", "publish.out.no-manifest", []any{"index.html", ManifestName}},
		{"old", "publish.out.no-manifest", []any{"assets/", ManifestName}},
		{"documents", "publish.out.no-manifest", []any{"thu.docx", ManifestName}},
		{"stray", "publish.out.stray", []any{"other-site/", ManifestName}},
		{"strays", "publish.out.strays", []any{"don-vi/a/notes.txt", 1, ManifestName}},
		{"empty-folder", "publish.out.stray", []any{"uploads/", ManifestName}},
		{"link", "publish.out.stray", []any{"tai-lieu", ManifestName}},
		{"damaged", "publish.out.bad-manifest", []any{ManifestName}},
	}
	for _, tt := range tests {
		out := filepath.Join(root, tt.out)
		err := CheckOut(site, out, Options{})
		if tt.key == "" {
			if err != nil {
				t.Errorf("%s refused: %v", tt.out, err)
			}
			continue
		}
		var oe *OutputError
		if !errors.As(err, &oe) || oe.Key != tt.key || !slices.Equal(oe.Args, append([]any{out}, tt.args...)) {
			t.Errorf("%s: %#v, want the refusal %s %v", tt.out, err, tt.key, tt.args)
			continue
		}
		if !strings.Contains(err.Error(), "-force") {
			t.Errorf("%s: %q does not say what -force does", tt.out, err)
		}
		if err := CheckOut(site, out, Options{Force: true}); err != nil {
			t.Errorf("%s with Force: %v", tt.out, err)
		}
	}
}

func TestCheckOutRelative(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := CheckOut(".", ".", Options{}); err == nil {
		t.Error(`CheckOut(".", "."): accepted`)
	}
	if err := CheckOut(".", "..", Options{}); err == nil {
		t.Error(`CheckOut(".", ".."): accepted`)
	}
	if err := CheckOut(".", "public", Options{}); err != nil {
		t.Errorf(`CheckOut(".", "public"): %v`, err)
	}
	if err := CheckOut(".", "./data/../data/x", Options{}); err == nil {
		t.Error(`CheckOut(".", "./data/../data/x"): accepted`)
	}
}

// TestCheckOutMountPoint: an output folder that is a mount point (a
// folder mounted into a container with docker run -v, say) cannot be
// replaced by a rename, so it is refused before anything is written, with
// what to do; a folder inside it is accepted.
func TestCheckOutMountPoint(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	out := filepath.Join(root, "www")
	for _, d := range []string{filepath.Join(site, "data"), out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mounted, err := resolve(out)
	if err != nil {
		t.Fatal(err)
	}
	defer func(real func(string) bool) { isMountPoint = real }(isMountPoint)
	isMountPoint = func(p string) bool { return p == mounted }

	err = CheckOut(site, out, Options{})
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Key != "publish.out.mount" {
		t.Fatalf("CheckOut of a mount point: %v, want the refusal publish.out.mount", err)
	}
	for _, want := range []string{out, "mount point", filepath.Join(out, "public")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if err := CheckOut(site, filepath.Join(out, "public"), Options{}); err != nil {
		t.Errorf("a folder inside the mount point: %v", err)
	}
}

// TestMountPoint: the real test, on folders known to be mount points or
// not.
func TestMountPoint(t *testing.T) {
	if mountPoint(t.TempDir()) {
		t.Error("a new temporary folder is taken for a mount point")
	}
	if runtime.GOOS != "linux" {
		t.Skip("mount points are told only on Linux")
	}
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc")
	}
	if !mountPoint("/proc") {
		t.Error("/proc is not taken for a mount point")
	}
}

// TestCheckOutLinkInSite: the site folder is a checkout that a push
// controls. A symlink there on the way to the output (public → the
// folder of another site on the server) would let a push choose which
// folder a build replaces; it is refused, naming the folder to give
// instead. Links above the site folder are the administrator's.
func TestCheckOutLinkInSite(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	other := filepath.Join(root, "srv", "other-site")
	for _, d := range []string{filepath.Join(site, "data"), filepath.Join(site, "out"), other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(other, "index.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(site, "public")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(filepath.Join(root, "srv"), filepath.Join(site, "out", "www")); err != nil {
		t.Fatal(err)
	}
	siteLink := filepath.Join(root, "site-link")
	if err := os.Symlink(site, siteLink); err != nil {
		t.Fatal(err)
	}
	real, err := resolve(other)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ src, out, link string }{
		{site, filepath.Join(site, "public"), filepath.Join(site, "public")},
		{site, filepath.Join(site, "out", "www", "other-site"), filepath.Join(site, "out", "www")},
		{siteLink, filepath.Join(siteLink, "public"), filepath.Join(siteLink, "public")},
	} {
		err := CheckOut(tt.src, tt.out, Options{})
		var oe *OutputError
		if !errors.As(err, &oe) || oe.Key != "publish.out.link-in-site" {
			t.Errorf("CheckOut(%s, %s): %v, want the refusal publish.out.link-in-site", tt.src, tt.out, err)
			continue
		}
		for _, want := range []string{tt.out, tt.link, "-out " + real} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not say %q", err, want)
			}
		}
	}
	// The folder itself, and a site reached through a link, are fine
	// (other holds another site's index.html and no manifest: only
	// -force replaces it).
	for _, tt := range []struct{ src, out string }{
		{site, other},
		{siteLink, filepath.Join(siteLink, "out", "public")},
	} {
		if err := CheckOut(tt.src, tt.out, Options{Force: true}); err != nil {
			t.Errorf("CheckOut(%s, %s): %v", tt.src, tt.out, err)
		}
	}
}
