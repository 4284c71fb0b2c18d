package version

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOfIgnoresGitEnvironment: a post-receive hook runs with GIT_DIR set
// to the repository pushed to, often a bare one that is not the site's
// checkout. The data version is still the site's own, found from the
// site folder; and an edit of the site's data/ is still seen.
func TestOfIgnoresGitEnvironment(t *testing.T) {
	const figure = "[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n"
	site := newRepo(t)
	site.write("data/2017.toml", figure)
	own := site.commit("2026-11-20T09:00:00+07:00", "data")

	other := newRepo(t)
	other.write("data/2017.toml", strings.Replace(figure, "17\n", "71\n", 1))
	other.commit("2026-11-25T09:00:00+07:00", "another site's data")
	bare := filepath.Join(t.TempDir(), "site.git")
	other.git("clone", "-q", "--bare", other.dir, bare)

	envs := []struct {
		name string
		vars map[string]string
	}{
		{"GIT_DIR of a bare repository (post-receive)", map[string]string{"GIT_DIR": bare}},
		{"GIT_DIR and GIT_WORK_TREE of another checkout", map[string]string{"GIT_DIR": filepath.Join(other.dir, ".git"), "GIT_WORK_TREE": other.dir}},
		{"GIT_DIR as a hook gives it, relative", map[string]string{"GIT_DIR": "."}},
		{"another index and object folder", map[string]string{
			"GIT_INDEX_FILE":       filepath.Join(other.dir, ".git", "index"),
			"GIT_OBJECT_DIRECTORY": filepath.Join(other.dir, ".git", "objects"),
		}},
	}
	for _, e := range envs {
		t.Run(e.name, func(t *testing.T) {
			for k, v := range e.vars {
				t.Setenv(k, v)
			}
			if v, w := ofWarning(t, site.dir); v.Commit != own || v.Dirty || w != nil {
				t.Errorf("got %+v (warning %+v), want the site's own commit %s", v, w, own[:12])
			}
			// An edit of the site's data/ is seen whatever the
			// environment says.
			write(t, filepath.Join(site.dir, "data/2017.toml"), figure+"# edited\n")
			defer write(t, filepath.Join(site.dir, "data/2017.toml"), figure)
			if v, w := ofWarning(t, site.dir); !v.Dirty || w == nil || !slices.Equal(w.Files, []string{"data/2017.toml"}) {
				t.Errorf("edited: got %+v (warning %+v), want uncommitted data/2017.toml", v, w)
			}
		})
	}
}

// TestOfSaysWhyGitFailed: a repository git refuses (another user's, which
// a hook running as the web server's user meets) gives the content hash
// with git's own words, so that the admin sees what to do.
func TestOfSaysWhyGitFailed(t *testing.T) {
	r := newRepo(t)
	r.write("data/2017.toml", "[[admission]]\n")
	r.commit("2026-11-20T09:00:00+07:00", "data")
	if os.Geteuid() != 0 {
		t.Skip("making a repository of another user needs root")
	}
	err := filepath.Walk(r.dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 65534, 65534) // nobody
	})
	if err != nil {
		t.Fatal(err)
	}
	v, w := ofWarning(t, r.dir)
	if v.Commit != "" || w == nil || w.Key != WarnNotCommit {
		t.Fatalf("a repository of another user: %+v, warning %+v; want the content hash and why", v, w)
	}
	why := w.Args[0].(*Reason)
	if why.Key != whyGitFailed || !strings.Contains(why.Args[0].(string), "dubious ownership") || strings.Contains(why.Args[0].(string), "\n") {
		t.Errorf("reason %+v, want git's message on one line", why)
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		key  string
		args []any
	}{
		{&gitError{err: errors.New("exit status 128"), stderr: "fatal: not a git repository (or any of the parent directories): .git"}, whyNotRepo, []any{"/srv/site"}},
		{&gitError{err: errors.New("exit status 128"), stderr: "fatal: your current branch 'main' does not have any commits yet"}, whyNoCommit, nil},
		{&gitError{err: errors.New("exit status 128"), stderr: "fatal: detected dubious ownership in repository at '/srv/site'\nTo add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /srv/site"},
			whyGitFailed, []any{"fatal: detected dubious ownership in repository at '/srv/site' To add an exception for this directory, call: git config --global --add safe.directory /srv/site"}},
	}
	for _, tt := range tests {
		got := reason("/srv/site", tt.err)
		if got.Key != tt.key || !slices.Equal(got.Args, tt.args) {
			t.Errorf("reason(%q) = %+v, want %s %v", tt.err, got, tt.key, tt.args)
		}
	}
}
