package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/diag"
)

// TestBuildVersionInAHook: built from a post-receive hook, where GIT_DIR
// names the bare repository pushed to, the pages name the site's own
// commit with no warning; an uncommitted edit of data/ is a warning
// naming the file, and the pages name the content hash.
func TestBuildVersionInAHook(t *testing.T) {
	s := newGitSite(t, smallSite)
	head := s.git("rev-parse", "HEAD")
	hookEnv(t)
	out := filepath.Join(t.TempDir(), "public")

	_, diags, err := Build(s.dir, out, Options{Prefix: "site"})
	if err != nil || diags.HasErrors() || len(versionWarnings(diags)) != 0 {
		t.Fatalf("clean site: %v, %v", err, diags)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(home), head[:12]) {
		t.Errorf("home page does not name the commit %s", head[:12])
	}

	s.edit("data/figures.toml", "admitted = 17", "admitted = 18")
	_, diags, err = Build(s.dir, out, Options{Prefix: "site"})
	warnings := versionWarnings(diags)
	if err != nil || diags.HasErrors() || len(warnings) != 1 {
		t.Fatalf("edited data/: %v, %v; want one warning", err, diags)
	}
	if got := warnings[0].Error(); !strings.HasPrefix(got, "site/data/: warning: có thay đổi chưa commit vào git (site/data/figures.toml), nên phiên bản dữ liệu là sha256:") {
		t.Errorf("warning %q", got)
	}
}

// TestBuildVersionWarnings: where git cannot name a commit the build
// says why, and still builds.
func TestBuildVersionWarnings(t *testing.T) {
	src := writeTxtar(t, smallSite)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(src))
	for _, tt := range []struct{ name, path, want string }{
		{"not in git", os.Getenv("PATH"), "không nằm trong một kho git"},
		{"no git", "", "không tìm thấy lệnh git"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PATH", tt.path)
			_, diags, err := Build(src, filepath.Join(t.TempDir(), "public"), Options{})
			warnings := versionWarnings(diags)
			if err != nil || diags.HasErrors() || len(warnings) != 1 {
				t.Fatalf("%v, %v; want one warning", err, diags)
			}
			if got := warnings[0].Error(); !strings.HasPrefix(got, "data/: warning: phiên bản dữ liệu là sha256:") || !strings.Contains(got, tt.want) {
				t.Errorf("warning %q, want it to say %q", got, tt.want)
			}
		})
	}
}

// versionWarnings are the warnings about data/ as a whole: those of the
// data version.
func versionWarnings(diags diag.List) diag.List {
	var out diag.List
	for _, d := range diags {
		if strings.HasSuffix(d.Path, "data/") {
			out = append(out, d)
		}
	}
	return out
}
