package history_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/data"
	"sitegen/internal/history"
	"sitegen/internal/i18n"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// needGit skips a test without git, but in CI, where git must be.
func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is needed in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

// git runs git in dir for the test.
func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// generated makes a repository of n commits of a small generated site.
func generated(t testing.TB, n int) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	if _, err := testsite.History(dir, n, 12, 3, 1); err != nil {
		t.Fatal(err)
	}
	return dir
}

// memory keeps the files of a build.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) WriteFile(name string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = slices.Clone(b)
	return nil
}

var (
	ownCell = regexp.MustCompile(`<td id="([^"]+)">(.*?)</td>`)
	count   = regexp.MustCompile(`<span class="count[^"]*"(?: id="([^"]+)")?><data value="([^"]*)" class="([^"]*)"[^>]*>([^<]*)</data>((?: <small class="note">[^<]*</small>)*)`)
)

// published reads the figures a built site shows at their anchors, as a
// reader of its pages sees them: by permanent link, the value, the
// classes that say how to read it, its text and its notes. The note
// "cả năm" beside a whole year's figure that has earlier counts says
// that there are earlier counts, not what the figure is: it is left out.
func published(files map[string][]byte, loc *i18n.Locale) map[string]string {
	out := make(map[string]string)
	shown := func(m []string) string {
		notes := strings.ReplaceAll(m[5], ` <small class="note">`+loc.T("figure.whole_year")+`</small>`, "")
		return m[2] + "|" + m[3] + "|" + m[4] + "|" + notes
	}
	for name, b := range files {
		if !strings.HasSuffix(name, "/index.html") || !strings.HasPrefix(name, "don-vi/") && !strings.HasPrefix(name, "gioi-thieu/") {
			continue
		}
		folder := strings.TrimSuffix(name, "index.html")
		page := string(b)
		for _, m := range count.FindAllStringSubmatch(page, -1) {
			if m[1] != "" {
				out[folder+"#"+m[1]] = shown(m)
			}
		}
		for _, td := range ownCell.FindAllStringSubmatch(page, -1) {
			counts := count.FindAllStringSubmatch(td[2], -1)
			out[folder+"#"+td[1]] = shown(counts[len(counts)-1]) // the latest comes last
		}
	}
	return out
}

// shownOf is a figure as published reads it (see published).
func shownOf(f *data.Figure, loc *i18n.Locale) string {
	if f == nil {
		return ""
	}
	class := "figure"
	if f.ApproxOf() != data.Exact {
		class += " approx"
	}
	if f.Dated() {
		class += " dated"
	}
	if f.Sum {
		class += " sum"
	}
	if f.Partial() {
		class += " partial"
	}
	var notes string
	for _, n := range f.Notes(loc) {
		notes += ` <small class="note">` + n + `</small>`
	}
	return f.Value() + "|" + class + "|" + f.Text(loc) + "|" + notes
}

// TestLogIsTheDiffOfBuilds: for every commit of a generated history,
// the log's entry is what changed between the full build of the commit
// and the full build of the last commit before it that built, figure by
// figure, read from the built pages; a commit that does not build is
// "not published", and one that changes no figure is not in the log.
func TestLogIsTheDiffOfBuilds(t *testing.T) {
	repo := generated(t, 20)
	log := history.Read(repo, nil)
	if log.Missing != "" {
		t.Fatalf("no log: %s", log.Missing)
	}
	byCommit := make(map[string]*site.Entry)
	for _, e := range log.Entries {
		byCommit[e.Commit] = e
	}
	loc := i18n.New(i18n.VI)
	work := filepath.Join(t.TempDir(), "site")
	git(t, filepath.Dir(work), "clone", "-q", repo, work)
	var before map[string]string
	templates, cache := new(build.Templates), history.NewCache()
	kinds := make(map[site.ChangeKind]int)
	refused := 0
	for _, c := range strings.Fields(git(t, repo, "log", "--first-parent", "--reverse", "--format=%H")) {
		git(t, work, "checkout", "-q", "--detach", c)
		mem := &memory{files: make(map[string][]byte)}
		_, diags, err := build.Render(work, mem, build.Options{Wait: -1, Templates: templates, History: cache})
		if err != nil {
			t.Fatal(err)
		}
		e := byCommit[c]
		if diags.HasErrors() {
			refused++
			if e == nil || !e.Refused {
				t.Errorf("%s does not build, but the log has %+v", c[:12], e)
			}
			continue
		}
		after := published(mem.files, loc)
		want := make(map[string][2]string)
		for k := range maps.Keys(after) {
			if before[k] != after[k] {
				want[k] = [2]string{before[k], after[k]}
			}
		}
		for k := range maps.Keys(before) {
			if _, ok := after[k]; !ok {
				want[k] = [2]string{before[k], ""}
			}
		}
		before = after
		got := make(map[string][2]string)
		if e != nil {
			if e.Refused {
				t.Errorf("%s builds, but the log says it was not published", c[:12])
			}
			for _, ch := range e.Changes {
				got[ch.Key()] = [2]string{shownOf(ch.Before, loc), shownOf(ch.After, loc)}
				kinds[ch.Kind]++
			}
		}
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if got[k] != want[k] {
				t.Errorf("%s: %s: the builds show %q → %q, the log %q → %q", c[:12], k, want[k][0], want[k][1], got[k][0], got[k][1])
			}
		}
		for _, k := range slices.Sorted(maps.Keys(got)) {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: %s: the log has %q → %q, the builds show no change", c[:12], k, got[k][0], got[k][1])
			}
		}
	}
	// The history has something of every kind.
	for _, k := range site.ChangeKinds {
		if kinds[k] == 0 {
			t.Errorf("no change of kind %s in the generated history", k)
		}
	}
	if refused == 0 {
		t.Errorf("no commit of the generated history failed check")
	}
}

// TestNoHistory: a shallow clone, a folder that is in no repository, and
// a machine without git give no log, with the message that says why, on
// the page dinh-chinh/ (and, for a shallow clone, beside the build's
// result); never a log that would call every figure new.
func TestNoHistory(t *testing.T) {
	repo := generated(t, 5)
	shallow := filepath.Join(t.TempDir(), "shallow")
	git(t, filepath.Dir(shallow), "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	plain := filepath.Join(t.TempDir(), "plain")
	if err := os.CopyFS(plain, os.DirFS(filepath.Join(repo, "data"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(plain, plain+"-data"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(plain, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(plain+"-data", filepath.Join(plain, "data")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(plain))
	loc := i18n.New(i18n.VI)
	tests := []struct {
		name, src, path, want string
	}{
		{"a shallow clone", shallow, "", history.MissingShallow},
		{"a folder in no repository", plain, "", history.MissingNoGit},
		{"no git command", repo, t.TempDir(), history.MissingNoGit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path != "" {
				t.Setenv("PATH", tt.path)
			}
			if l := history.Read(tt.src, nil); l.Missing != tt.want || len(l.Entries) != 0 {
				t.Fatalf("log %q with %d entries, want none and %s", l.Missing, len(l.Entries), tt.want)
			}
			mem := &memory{files: make(map[string][]byte)}
			res, diags, err := build.Render(tt.src, mem, build.Options{Wait: -1})
			if err != nil || diags.HasErrors() {
				t.Fatalf("build: %v %v", err, diags)
			}
			msg := loc.T(tt.want)
			if page := string(mem.files["dinh-chinh/index.html"]); !strings.Contains(page, msg) || strings.Contains(page, `<table class="changes">`) {
				t.Errorf("dinh-chinh/ does not say %q, or shows a log", msg)
			}
			// Outside git is common: only the page says it.
			if said := slices.Contains(res.Notes, msg); said != (tt.want != history.MissingNoGit) {
				t.Errorf("the build's notes %q: saying %q is %v", res.Notes, msg, said)
			}
		})
	}
}

// TestSiteInSubfolder: a site kept in a folder of its repository (sitegen
// -src site) has the log of its own data/; the top of the repository,
// where no data/ is, has none.
func TestSiteInSubfolder(t *testing.T) {
	top := generated(t, 12)
	repo := t.TempDir()
	if _, err := testsite.HistoryIn(repo, "site/", 12, 12, 3, 1); err != nil {
		t.Fatal(err)
	}
	if l := history.Read(repo, nil); len(l.Entries) != 0 {
		t.Errorf("the top of the repository has a log of %d entries, want none", len(l.Entries))
	}
	want := history.Read(top, nil)
	got := history.Read(filepath.Join(repo, "site"), nil)
	if got.Missing != "" || len(got.Entries) != len(want.Entries) || len(want.Entries) < 5 {
		t.Fatalf("from site/: %d entries (%q), want %d", len(got.Entries), got.Missing, len(want.Entries))
	}
	for i, e := range got.Entries {
		if e.Subject != want.Entries[i].Subject || len(e.Changes) != len(want.Entries[i].Changes) {
			t.Errorf("entry %d: %q with %d changes, want %q with %d", i, e.Subject, len(e.Changes), want.Entries[i].Subject, len(want.Entries[i].Changes))
		}
	}
}

// TestSameBytes: two builds of the same repository into two outputs
// write the same files, byte for byte: the log, its downloads and
// version files, the pages, and the log's cache.
func TestSameBytes(t *testing.T) {
	repo := generated(t, 15)
	outs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, out := range outs {
		if _, diags, err := build.Build(repo, out, build.Options{Wait: -1}); err != nil || diags.HasErrors() {
			t.Fatalf("build: %v %v", err, diags)
		}
	}
	a, b := os.DirFS(outs[0]), os.DirFS(outs[1])
	n := 0
	err := fs.WalkDir(a, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		x, _ := fs.ReadFile(a, p)
		y, err := fs.ReadFile(b, p)
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"dinh-chinh/index.html", "dinh-chinh/dinh-chinh.csv", "dinh-chinh/dinh-chinh.json", "dinh-chinh.xml", ".sitegen/" + history.CacheName} {
		if _, err := fs.Stat(a, p); err != nil {
			t.Errorf("no %s", p)
		}
	}
}

// TestCorruptCacheNote: a build whose output holds a cache that does not
// read says so, and writes the same site as without it.
func TestCorruptCacheNote(t *testing.T) {
	repo := generated(t, 8)
	out := filepath.Join(t.TempDir(), "out")
	if _, _, err := build.Build(repo, out, build.Options{Wait: -1}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(filepath.Join(out, "dinh-chinh", "index.html"))
	cache := filepath.Join(out, ".sitegen", history.CacheName)
	if err := os.WriteFile(cache, []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, _, err := build.Build(repo, out, build.Options{Wait: -1})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, cache) }) {
		t.Errorf("notes %q do not name the ignored cache %s", res.Notes, cache)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "dinh-chinh", "index.html")); !bytes.Equal(good, again) {
		t.Errorf("dinh-chinh/ differs after a corrupt cache")
	}
}

// TestPublishKeepsCache: a publish leaves the figure log's cache in its
// release, the one a build of the same history leaves in its output,
// and the next publish reads it from the release current leads to: a
// cache there that does not read is said, and the log computed again
// is the one a build makes.
func TestPublishKeepsCache(t *testing.T) {
	repo, more := generated(t, 8), generated(t, 10) // the same history, two commits longer
	dir := filepath.Join(t.TempDir(), "www")
	publish := func(src string) build.Published {
		t.Helper()
		res, diags, err := build.Publish(src, dir, build.PublishOptions{Options: build.Options{Wait: -1}})
		if err != nil || diags.HasErrors() {
			t.Fatalf("publish: %v %v", err, diags)
		}
		return res
	}
	built := func(src string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out")
		if _, diags, err := build.Build(src, out, build.Options{Wait: -1}); err != nil || diags.HasErrors() {
			t.Fatalf("build: %v %v", err, diags)
		}
		return out
	}
	same := func(a, b, name string) {
		t.Helper()
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s of %s is not the one of %s (%v, %v)", name, a, b, err1, err2)
		}
	}
	cache := filepath.Join(".sitegen", history.CacheName)
	current := filepath.Join(dir, "current")
	publish(repo)
	same(current, built(repo), cache)

	if err := os.Remove(filepath.Join(current, cache)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(current, cache), []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := publish(more)
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, filepath.Join(current, cache)) }) {
		t.Errorf("notes %q do not name the ignored cache", res.Notes)
	}
	out := built(more)
	same(current, out, cache)
	same(current, out, "dinh-chinh/index.html")

	// The cache of the release read, the log is the same.
	res = publish(more)
	if len(res.Notes) != 0 {
		t.Errorf("notes %q after a publish of a good cache", res.Notes)
	}
	same(current, out, "dinh-chinh/index.html")
}
