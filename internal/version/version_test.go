package version

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sitegen/internal/testenv"
)

// needGit skips a test where git is not installed, except in CI, where a
// missing git would hide the behaviour the test is for.
func needGit(t *testing.T) {
	t.Helper()
	testenv.Command(t, "git", "apt-get install git")
}

// repo is a temporary git repository whose commits have fixed dates and
// an author, whatever the machine's git configuration says.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	// The machine's own configuration (signing, hooks, default branch)
	// must not change what the test sees, nor may a repository above the
	// temporary folder be found.
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.org")
	r := &repo{t, dir}
	r.git("init", "-q")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(name, text string) {
	r.t.Helper()
	write(r.t, filepath.Join(r.dir, name), text)
}

// commit commits everything at date (RFC 3339) and returns the hash.
func (r *repo) commit(date, msg string) string {
	r.t.Helper()
	r.t.Setenv("GIT_AUTHOR_DATE", date)
	r.t.Setenv("GIT_COMMITTER_DATE", date)
	r.git("add", "-A")
	r.git("commit", "-q", "--no-verify", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func of(t *testing.T, dir string) Version {
	t.Helper()
	v, _ := ofWarning(t, dir)
	return v
}

// ofWarning is Of, failing the test on an error, and checking that a
// version that is not a commit always comes with a warning that says
// why, and a commit never.
func ofWarning(t *testing.T, dir string) (Version, *Warning) {
	t.Helper()
	v, w, err := Of(dir)
	if err != nil {
		t.Fatalf("Of(%s): %v", dir, err)
	}
	if (v.Commit == "") != (w != nil) {
		t.Errorf("Of(%s) = %+v with warning %+v: a version that is not a commit needs a warning, and only it", dir, v, w)
	}
	if w != nil && (w.Key == WarnDirty) != v.Dirty {
		t.Errorf("Of(%s) = %+v with warning %+v: the warning of uncommitted data goes with Dirty", dir, v, w)
	}
	return v, w
}

func TestOfFollowsDataCommits(t *testing.T) {
	r := newRepo(t)
	r.write("data/site.toml", "[site]\ntitle = \"A\"\nroot = \"khoi-dn\"\n")
	r.write("content/a.md", "+++\ntitle = \"A\"\n+++\n")
	first := r.commit("2026-11-20T09:00:00+07:00", "data")

	v1 := of(t, r.dir)
	want := Version{ID: first[:12], Commit: first, Date: mustTime(t, "2026-11-20T09:00:00+07:00")}
	if v1.ID != want.ID || v1.Commit != want.Commit || !v1.Date.Equal(want.Date) || v1.Dirty {
		t.Fatalf("after a data commit: got %+v, want %+v", v1, want)
	}
	if got, want := v1.String(), first[:12]+" (2026-11-20)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}

	// An article alone is not new data: citations must keep their version.
	r.write("content/b.md", "+++\ntitle = \"B\"\n+++\n")
	r.commit("2026-11-21T09:00:00+07:00", "content only")
	if v2 := of(t, r.dir); !v2.Equal(v1) {
		t.Errorf("a commit that changes only content/ changed the version: %+v, was %+v", v2, v1)
	}

	r.write("data/2017.toml", "[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n")
	third := r.commit("2026-11-26T10:30:00+07:00", "data again")
	v3 := of(t, r.dir)
	if v3.ID != third[:12] || v3.Date.Format(time.RFC3339) != "2026-11-26T10:30:00+07:00" {
		t.Errorf("after a second data commit: got %+v, want %s at 2026-11-26T10:30:00+07:00", v3, third[:12])
	}
	if again := of(t, r.dir); !again.Equal(v3) {
		t.Errorf("same repository, different version: %+v then %+v", v3, again)
	}
}

func TestOfDirtyData(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(r *repo)
		dirty bool
	}{
		{"clean", func(r *repo) {}, false},
		{"changed file", func(r *repo) { r.write("data/site.toml", "[site]\ntitle = \"B\"\n") }, true},
		{"new file not added", func(r *repo) { r.write("data/sub/2018.toml", "") }, true},
		{"new file ignored by git", func(r *repo) {
			r.write(".gitignore", "data/local.toml\n")
			r.git("add", ".gitignore")
			r.write("data/local.toml", "")
		}, true},
		{"deleted file", func(r *repo) { r.git("rm", "-q", "data/site.toml") }, true},
		{"renamed file", func(r *repo) { r.git("mv", "data/site.toml", "data/main.toml") }, true},
		{"a file the build does not read", func(r *repo) { r.write("data/README.md", "notes") }, false},
		{"an article", func(r *repo) { r.write("content/a.md", "changed") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t)
			r.write("data/site.toml", "[site]\ntitle = \"A\"\n")
			r.write("data/2017.toml", "[[admission]]\n")
			r.write("content/a.md", "a")
			head := r.commit("2026-11-20T09:00:00+07:00", "start")
			tt.edit(r)

			v := of(t, r.dir)
			if v.Dirty != tt.dirty {
				t.Fatalf("Dirty = %v, want %v (%+v)", v.Dirty, tt.dirty, v)
			}
			if !tt.dirty {
				if v.ID != head[:12] {
					t.Errorf("clean data/: ID = %q, want the commit %q", v.ID, head[:12])
				}
				return
			}
			// Uncommitted data must not claim a commit or its date.
			h, err := Hash(os.DirFS(r.dir))
			if err != nil {
				t.Fatal(err)
			}
			if v.ID != h.ID || v.Commit != "" || !v.Date.IsZero() {
				t.Errorf("dirty data/: got %+v, want the content hash %s without commit or date", v, h.ID)
			}
		})
	}
}

// TestOfDirtyWhateverGitSays: data/ that differ from the commit give
// the content hash marked uncommitted even where git status calls them
// clean: a file git is told to assume unchanged or to skip, or whose
// line endings git converts on checkout. (data/ as a submodule is
// TestOfDataSubmodule.)
func TestOfDirtyWhateverGitSays(t *testing.T) {
	const figure = "[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n"
	edited := strings.Replace(figure, "17\n", "71\n", 1)
	tests := []struct {
		name string
		edit func(r *repo)
	}{
		{"assume-unchanged", func(r *repo) {
			r.git("update-index", "--assume-unchanged", "data/2017.toml")
			r.write("data/2017.toml", edited)
		}},
		{"skip-worktree", func(r *repo) {
			r.git("update-index", "--skip-worktree", "data/2017.toml")
			r.write("data/2017.toml", edited)
		}},
		// git status calls it clean, but the build reads other bytes
		// than the commit holds.
		{"line endings converted on checkout", func(r *repo) {
			r.write(".gitattributes", "*.toml text eol=crlf\n")
			r.commit("2026-11-21T09:00:00+07:00", "attributes")
			if err := os.Remove(filepath.Join(r.dir, "data/2017.toml")); err != nil {
				t.Fatal(err)
			}
			r.git("checkout", "--", "data/2017.toml")
			if out := r.git("status", "--porcelain"); out != "" {
				t.Fatalf("git status: %q, want clean", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t)
			r.write("data/2017.toml", figure)
			r.commit("2026-11-20T09:00:00+07:00", "data")
			tt.edit(r)
			wantDirty(t, r.dir)
		})
	}
}

// wantDirty checks that the version of the site in dir is the content
// hash of its data/, marked uncommitted.
func wantDirty(t *testing.T, dir string) {
	t.Helper()
	v := of(t, dir)
	h, err := Hash(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !v.Dirty || v.ID != h.ID || v.Commit != "" || !v.Date.IsZero() {
		t.Errorf("edited data/: got %+v, want the content hash %s marked uncommitted", v, h.ID)
	}
}

// TestOfDataSubmodule: data/ kept as a git submodule. Clean, the version
// is the site's last commit that changed data/ (the one that moved the
// submodule); edited, committed only in the submodule, or with the
// submodule ignored by git's settings, it is the content hash.
func TestOfDataSubmodule(t *testing.T) {
	const figure = "[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n"
	setup := func(t *testing.T) (site, sub *repo, head string) {
		sub = newRepo(t)
		sub.write("2017.toml", figure)
		sub.write("sub/2018.toml", "")
		sub.commit("2026-11-19T09:00:00+07:00", "figures")
		site = newRepo(t)
		site.write("content/a.md", "a")
		site.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "data")
		head = site.commit("2026-11-20T09:00:00+07:00", "data as a submodule")
		return site, sub, head
	}
	t.Run("clean", func(t *testing.T) {
		site, _, head := setup(t)
		v := of(t, site.dir)
		if v.ID != head[:12] || v.Commit != head || v.Dirty {
			t.Errorf("clean submodule: got %+v, want the commit %s", v, head[:12])
		}
	})
	edits := []struct {
		name string
		edit func(site, sub *repo)
	}{
		{"edited", func(site, sub *repo) {
			site.write("data/2017.toml", strings.Replace(figure, "17\n", "71\n", 1))
		}},
		{"edited and ignored", func(site, sub *repo) {
			site.git("config", "submodule.data.ignore", "all")
			site.write("data/2017.toml", strings.Replace(figure, "17\n", "71\n", 1))
		}},
		{"new file", func(site, sub *repo) { site.write("data/2019.toml", "") }},
		{"committed in the submodule only", func(site, sub *repo) {
			site.write("data/2017.toml", strings.Replace(figure, "17\n", "71\n", 1))
			inner := &repo{t, filepath.Join(site.dir, "data")}
			inner.commit("2026-11-21T09:00:00+07:00", "a figure, not yet in the site")
		}},
	}
	for _, tt := range edits {
		t.Run(tt.name, func(t *testing.T) {
			site, sub, _ := setup(t)
			tt.edit(site, sub)
			wantDirty(t, site.dir)
		})
	}
}

func TestOfSiteInSubfolder(t *testing.T) {
	r := newRepo(t)
	r.write("site/data/site.toml", "[site]\n")
	own := r.commit("2026-11-20T09:00:00+07:00", "site data")
	// Another site's data in the same repository is not this site's data.
	r.write("other/data/site.toml", "[site]\n")
	r.commit("2026-11-21T09:00:00+07:00", "other data")

	if v := of(t, filepath.Join(r.dir, "site")); v.ID != own[:12] || v.Dirty {
		t.Errorf("got %+v, want the commit %s", v, own[:12])
	}
}

func TestOfOutsideGit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	write(t, filepath.Join(dir, "data/site.toml"), "[site]\n")
	want, err := Hash(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	check := func(what, why string, dirty bool) {
		t.Helper()
		v, w := ofWarning(t, dir)
		if v.ID != want.ID || v.Commit != "" || !v.Date.IsZero() || v.Dirty != dirty || !strings.HasPrefix(v.ID, "sha256:") || len(v.ID) != len("sha256:")+12 {
			t.Errorf("%s: got %+v, want %+v with Dirty %v", what, v, want, dirty)
		}
		if v.String() != v.ID {
			t.Errorf("%s: String() = %q, want the bare hash %q", what, v.String(), v.ID)
		}
		switch {
		case w == nil:
		case dirty:
			if w.Key != WarnDirty || !slices.Equal(w.Files, []string{"data/site.toml"}) {
				t.Errorf("%s: warning %+v, want %s naming data/site.toml", what, w, WarnDirty)
			}
		case w.Key != WarnNotCommit || len(w.Args) != 1 || w.Args[0].(*Reason).Key != why:
			t.Errorf("%s: warning %+v, want %s because %s", what, w, WarnNotCommit, why)
		}
	}
	check("not a repository", whyNotRepo, false)

	// A repository where no commit touches data/ yet: its files are
	// changes not committed.
	if _, err := exec.LookPath("git"); err == nil {
		r := &repo{t, dir}
		t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
		t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
		t.Setenv("GIT_AUTHOR_NAME", "Test")
		t.Setenv("GIT_AUTHOR_EMAIL", "test@example.org")
		t.Setenv("GIT_COMMITTER_NAME", "Test")
		t.Setenv("GIT_COMMITTER_EMAIL", "test@example.org")
		r.git("init", "-q")
		check("a repository with no commit", "", true)
		r.write("content/a.md", "a")
		r.git("add", "content")
		r.git("commit", "-q", "-m", "articles only")
		check("no commit touches data/", "", true)
	}

	t.Setenv("PATH", "")
	check("git not installed", whyNoGit, false)
}

func TestOfNoData(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if v, _, err := Of(dir); err == nil {
		t.Errorf("a site without data/: got %+v and no error", v)
	}
}

func TestHash(t *testing.T) {
	base := fstest.MapFS{
		"data/site.toml":      {Data: []byte("[site]\ntitle = \"Khối\"\n")},
		"data/2017/adm.toml":  {Data: []byte("[[admission]]\n")},
		"content/a.md":        {Data: []byte("article")},
		"data/notes/read.txt": {Data: []byte("not read by the build")},
	}
	with := func(change func(fstest.MapFS)) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		change(m)
		return m
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		same bool
	}{
		{"same contents", with(func(fstest.MapFS) {}), true},
		{"an article changes", with(func(m fstest.MapFS) { m["content/a.md"] = &fstest.MapFile{Data: []byte("other")} }), true},
		{"a file the build does not read", with(func(m fstest.MapFS) { m["data/x.bak"] = &fstest.MapFile{Data: []byte("x")} }), true},
		{"a figure changes", with(func(m fstest.MapFS) { m["data/2017/adm.toml"] = &fstest.MapFile{Data: []byte("[[admission]] ")} }), false},
		{"a file is added", with(func(m fstest.MapFS) { m["data/2018.toml"] = &fstest.MapFile{} }), false},
		{"a file is renamed", with(func(m fstest.MapFS) {
			m["data/main.toml"] = m["data/site.toml"]
			delete(m, "data/site.toml")
		}), false},
		{"bytes move between files", with(func(m fstest.MapFS) {
			m["data/2017/adm.toml"] = &fstest.MapFile{Data: []byte("[[admission]]\n[site]\n")}
			m["data/site.toml"] = &fstest.MapFile{Data: []byte("title = \"Khối\"\n")}
		}), false},
	}
	want, err := Hash(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Hash(tt.fsys)
			if err != nil {
				t.Fatal(err)
			}
			if got.Equal(want) != tt.same {
				t.Errorf("got %s, base %s; want same = %v", got.ID, want.ID, tt.same)
			}
		})
	}
}

func TestBuildDate(t *testing.T) {
	commit := Version{ID: "1a2b3c4d5e6f", Date: mustTime(t, "2026-11-26T10:30:00+07:00")}
	hash := Version{ID: "sha256:0f1e2d3c4b5a"}
	tests := []struct {
		name    string
		v       Version
		sde     string
		want    string // RFC 3339, "" for no date
		wantErr bool
	}{
		{"epoch wins", commit, "1764100000", "2025-11-25T19:46:40Z", false},
		{"commit date", commit, "", "2026-11-26T10:30:00+07:00", false},
		{"no date at all", hash, "", "", false},
		{"not a number", commit, "yesterday", "", true},
		{"negative", commit, "-5", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := BuildDate(tt.v, tt.sde)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				if !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
					t.Errorf("error %q does not name the variable", err)
				}
				return
			}
			if ok != (tt.want != "") || (ok && got.Format(time.RFC3339) != tt.want) {
				t.Errorf("got %v (ok %v), want %q", got, ok, tt.want)
			}
		})
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
