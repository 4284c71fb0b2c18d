package publish

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
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
			err := CheckOut(tt.src, tt.out)
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

func TestCheckOutExistingFolder(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	mk := func(p string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(filepath.Join(site, "data", "site.toml"))
	mk(filepath.Join(root, "built", "index.html"))
	mk(filepath.Join(root, "built", "don-vi", "a", "index.html"))
	mk(filepath.Join(root, "documents", "thu.docx"))
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	for out, ok := range map[string]bool{
		filepath.Join(root, "built"):     true,
		filepath.Join(root, "empty"):     true,
		filepath.Join(root, "new"):       true,
		filepath.Join(root, "documents"): false,
	} {
		err := CheckOut(site, out)
		if ok && err != nil {
			t.Errorf("%s refused: %v", out, err)
		}
		if !ok && (err == nil || !strings.Contains(err.Error(), "no index.html")) {
			t.Errorf("%s: %v, want a refusal that says it holds no index.html", out, err)
		}
	}
}

func TestCheckOutRelative(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := CheckOut(".", "."); err == nil {
		t.Error(`CheckOut(".", "."): accepted`)
	}
	if err := CheckOut(".", ".."); err == nil {
		t.Error(`CheckOut(".", ".."): accepted`)
	}
	if err := CheckOut(".", "public"); err != nil {
		t.Errorf(`CheckOut(".", "public"): %v`, err)
	}
	if err := CheckOut(".", "./data/../data/x"); err == nil {
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

	err = CheckOut(site, out)
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Key != "publish.out.mount" {
		t.Fatalf("CheckOut of a mount point: %v, want the refusal publish.out.mount", err)
	}
	for _, want := range []string{out, "mount point", filepath.Join(out, "public")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if err := CheckOut(site, filepath.Join(out, "public")); err != nil {
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
		err := CheckOut(tt.src, tt.out)
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
	// The folder itself, and a site reached through a link, are fine.
	for _, tt := range []struct{ src, out string }{
		{site, other},
		{siteLink, filepath.Join(siteLink, "out", "public")},
	} {
		if err := CheckOut(tt.src, tt.out); err != nil {
			t.Errorf("CheckOut(%s, %s): %v", tt.src, tt.out, err)
		}
	}
}
