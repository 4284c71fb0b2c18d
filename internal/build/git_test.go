package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitSite is a site folder made from a txtar archive and committed to a
// new git repository, with the machine's git configuration left out.
type gitSite struct {
	t   testing.TB
	dir string
}

func newGitSite(t testing.TB, archive string) *gitSite {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is needed in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
	dir := writeTxtar(t, archive)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"} {
		t.Setenv(k, "Test")
	}
	for _, k := range []string{"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "test@example.org")
	}
	s := &gitSite{t, dir}
	s.git("init", "-q")
	s.commit("2026-11-20T09:00:00+07:00")
	return s
}

func (s *gitSite) git(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", s.dir}, args...)...)
	// The test's git, unlike sitegen's, must not follow a GIT_DIR the
	// test set for the build.
	cmd.Env = append(os.Environ(), "GIT_DIR="+filepath.Join(s.dir, ".git"), "GIT_WORK_TREE="+s.dir, "GIT_INDEX_FILE="+filepath.Join(s.dir, ".git", "index"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit commits everything at date (RFC 3339) and returns the hash.
func (s *gitSite) commit(date string) string {
	s.t.Helper()
	s.t.Setenv("GIT_AUTHOR_DATE", date)
	s.t.Setenv("GIT_COMMITTER_DATE", date)
	s.git("add", "-A")
	s.git("commit", "-q", "--no-verify", "--allow-empty", "-m", "at "+date)
	return s.git("rev-parse", "HEAD")
}

// edit replaces old with new in the site's file name.
func (s *gitSite) edit(name, old, new string) {
	s.t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		s.t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		s.t.Fatalf("%s holds no %q", name, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// hookEnv sets what a post-receive hook's environment holds: GIT_DIR of
// the bare repository pushed to, which is not the site's checkout.
func hookEnv(t testing.TB) {
	t.Helper()
	bare := filepath.Join(t.TempDir(), "pushed.git")
	if out, err := exec.Command("git", "init", "-q", "--bare", bare).CombinedOutput(); err != nil {
		t.Fatalf("git init --bare: %v\n%s", err, out)
	}
	t.Setenv("GIT_DIR", bare)
}
