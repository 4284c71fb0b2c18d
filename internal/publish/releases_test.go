package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// openReleases opens a new publish folder in a temporary folder.
func openReleases(t *testing.T) (*Releases, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "www")
	r, err := OpenReleases(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r, dir
}

// publishRelease publishes files as a new release labelled label, carrying
// hashed assets for keep releases as build.Publish does, and makes it
// current; it returns its name.
func publishRelease(t *testing.T, r *Releases, label string, files map[string]string) string {
	t.Helper()
	tx, err := r.Begin(label, Options{Carry: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	write(t, tx, files)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := r.Switch(tx.Release()); err != nil {
		t.Fatal(err)
	}
	return tx.Release()
}

// served reads the file name (slash path) through dir/current, as a web
// server serving that link does.
func served(dir, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentLink, filepath.FromSlash(name)))
	return string(b), err
}

// mustCurrent is the release current leads to.
func mustCurrent(t *testing.T, r *Releases) string {
	t.Helper()
	cur, err := r.Current()
	if err != nil {
		t.Fatal(err)
	}
	return cur
}

// releaseFolders lists what releases/ holds.
func releaseFolders(t *testing.T, dir string) []string {
	t.Helper()
	return siblings(t, filepath.Join(dir, ReleasesDir))
}

// TestReleaseNames: a release is named by one more than the highest
// number in releases/ and its label made fit for a folder name.
func TestReleaseNames(t *testing.T) {
	for _, c := range []struct {
		label, want string
	}{
		{"1a2b3c4d5e6f", "1a2b3c4d5e6f"},
		{"sha256:0f1e2d3c4b5a", "sha256-0f1e2d3c4b5a"},
		{"sha256:0f1e2d3c4b5a-dirty", "sha256-0f1e2d3c4b5a-dirty"},
		{"../../etc", "..-..-etc"},
		{"a b/c\\d", "a-b-c-d"},
		{"", "site"},
	} {
		if got := labelPart(c.label); got != c.want {
			t.Errorf("labelPart(%q) = %q, want %q", c.label, got, c.want)
		}
	}

	r, dir := openReleases(t)
	// Folders not named as releases do not count.
	for _, name := range []string{"notes", "9999", "12-", "0099-a b"} {
		if err := os.Mkdir(filepath.Join(dir, ReleasesDir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, label := range []string{"aaaa", "aaaa", "sha256:bb"} {
		got = append(got, publishRelease(t, r, label, map[string]string{"index.html": label + strings.Repeat("!", len(got))}))
	}
	if want := []string{"0001-aaaa", "0002-aaaa", "0003-sha256-bb"}; !slices.Equal(got, want) {
		t.Errorf("releases named %v, want %v", got, want)
	}
	// The numbers go on from the highest, whatever is gone.
	if err := os.Rename(filepath.Join(dir, ReleasesDir, "0003-sha256-bb"), filepath.Join(dir, ReleasesDir, "0041-sha256-bb")); err != nil {
		t.Fatal(err)
	}
	if err := r.Switch("0041-sha256-bb"); err != nil {
		t.Fatal(err)
	}
	if name := publishRelease(t, r, "cc", map[string]string{"index.html": "cc"}); name != "0042-cc" {
		t.Errorf("after 0041 came %s, want 0042-cc", name)
	}
	if s, err := served(dir, "index.html"); err != nil || s != "cc" {
		t.Errorf("current serves %q (%v), want the last release's page", s, err)
	}
}

// TestCurrentNotMade: a current that publish did not make (a folder, a
// file, a link out of releases/) is refused, by key, and left as it is.
func TestCurrentNotMade(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(link string) error
		key  string
	}{
		{"folder", func(link string) error { return os.Mkdir(link, 0o755) }, "publish.current.not-link"},
		{"file", func(link string) error { return os.WriteFile(link, []byte("x"), 0o644) }, "publish.current.not-link"},
		{"link elsewhere", func(link string) error { return os.Symlink("/var/www/html", link) }, "publish.current.elsewhere"},
		{"link up from releases", func(link string) error { return os.Symlink("releases/../../etc", link) }, "publish.current.elsewhere"},
		{"link to a folder of releases not named as one", func(link string) error { return os.Symlink("releases/notes", link) }, "publish.current.elsewhere"},
		{"absolute link into releases", func(link string) error {
			return os.Symlink(filepath.Join(filepath.Dir(link), "releases", "0001-a"), link)
		}, "publish.current.elsewhere"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			link := filepath.Join(dir, currentLink)
			if err := c.make(link); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Lstat(link)
			_, err := OpenReleases(dir)
			var re *ReleaseError
			if !errors.As(err, &re) || re.Key != c.key || !strings.HasPrefix(re.Reason, link+" ") {
				t.Errorf("OpenReleases: %v, want %s naming %s", err, c.key, link)
			}
			after, err := os.Lstat(link)
			if err != nil || after.Mode() != before.Mode() || !after.ModTime().Equal(before.ModTime()) {
				t.Errorf("the current publish did not make was changed (%v)", err)
			}
		})
	}
}

// TestReleasesNotMade: a releases/ that publish did not make, a link
// (which would have each release written where it leads) or a file, is
// refused, by key, and nothing is written where the link leads.
func TestReleasesNotMade(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(releases, elsewhere string) error
	}{
		{"link to a folder elsewhere", func(releases, elsewhere string) error { return os.Symlink(elsewhere, releases) }},
		{"link that leads nowhere", func(releases, elsewhere string) error { return os.Symlink(filepath.Join(elsewhere, "none"), releases) }},
		{"file", func(releases, _ string) error { return os.WriteFile(releases, []byte("x"), 0o644) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, elsewhere := t.TempDir(), t.TempDir()
			releases := filepath.Join(dir, ReleasesDir)
			if err := c.make(releases, elsewhere); err != nil {
				t.Fatal(err)
			}
			_, err := OpenReleases(dir)
			var re *ReleaseError
			if !errors.As(err, &re) || re.Key != "publish.releases.not-folder" || !strings.HasPrefix(re.Reason, releases+" ") {
				t.Errorf("OpenReleases: %v, want publish.releases.not-folder naming %s", err, releases)
			}
			if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
				t.Errorf("written where the link leads: %v", entries)
			}
		})
	}
}

// TestCheckPublishDir: a publish folder in the site folder, or the site
// folder itself, is refused, however it is spelt.
func TestCheckPublishDir(t *testing.T) {
	parent := t.TempDir()
	src := filepath.Join(parent, "site")
	if err := os.MkdirAll(filepath.Join(src, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(parent, "site-link")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir     string
		refused bool
	}{
		{filepath.Join(parent, "www"), false},
		{filepath.Join(parent, "site-www"), false},
		{src, true},
		{src + "/", true},
		{filepath.Join(src, "www"), true},
		{filepath.Join(src, "data", "www"), true},
		{filepath.Join(parent, "site-link", "www"), true},
		{filepath.Join(src, "..", "site", "www"), true},
	} {
		err := CheckPublishDir(src, c.dir)
		var re *ReleaseError
		if refused := errors.As(err, &re) && re.Key == "publish.to.in-site"; refused != c.refused {
			t.Errorf("CheckPublishDir(%s): %v, want refused %v", c.dir, err, c.refused)
		}
	}
}

// TestPrune: the keep newest releases stay, and the one current leads
// to whatever its age; the others are removed, each whole.
func TestPrune(t *testing.T) {
	for _, c := range []struct {
		name      string
		keep      int
		rollbacks int // after publishing six releases
		kept      []string
	}{
		{"keep 5", 5, 0, []string{"0002-v", "0003-v", "0004-v", "0005-v", "0006-v"}},
		{"keep 2", 2, 0, []string{"0005-v", "0006-v"}},
		{"keep 1", 1, 0, []string{"0006-v"}},
		{"keep 2, current older", 2, 3, []string{"0003-v", "0005-v", "0006-v"}},
		{"keep 1, current older", 1, 1, []string{"0005-v", "0006-v"}},
		{"keep more than there are", 10, 0, []string{"0001-v", "0002-v", "0003-v", "0004-v", "0005-v", "0006-v"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, dir := openReleases(t)
			var all []string
			for i := range 6 {
				all = append(all, publishRelease(t, r, "v", map[string]string{"index.html": fmt.Sprint(i)}))
			}
			for range c.rollbacks {
				if _, _, err := r.Rollback(); err != nil {
					t.Fatal(err)
				}
			}
			cur := mustCurrent(t, r)
			removed, left, err := r.Prune(c.keep)
			if err != nil || len(left) > 0 {
				t.Fatalf("Prune: %v, left %v", err, left)
			}
			if got := releaseFolders(t, dir); !slices.Equal(got, c.kept) {
				t.Errorf("releases/ holds %v, want %v", got, c.kept)
			}
			want := slices.DeleteFunc(all, func(n string) bool { return slices.Contains(c.kept, n) })
			if !slices.Equal(removed, want) {
				t.Errorf("removed %v, want %v", removed, want)
			}
			if got := mustCurrent(t, r); got != cur {
				t.Errorf("current leads to %s after pruning, want %s", got, cur)
			}
		})
	}
}

// TestPruneLeavesWhatItDidNotWrite: an old release holding a file not in
// its manifest, or a folder named as a release without a manifest, is
// left and named.
func TestPruneLeavesWhatItDidNotWrite(t *testing.T) {
	r, dir := openReleases(t)
	old := publishRelease(t, r, "v", map[string]string{"index.html": "1", "nam/2017/index.html": "2017"})
	publishRelease(t, r, "v", map[string]string{"index.html": "2"})
	publishRelease(t, r, "v", map[string]string{"index.html": "3"})
	if err := os.WriteFile(filepath.Join(dir, ReleasesDir, old, "nam", "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	hand := filepath.Join(dir, ReleasesDir, "0000-by-hand")
	if err := os.MkdirAll(hand, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hand, "index.html"), []byte("copied by an admin"), 0o644); err != nil {
		t.Fatal(err)
	}
	removed, left, err := r.Prune(1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"0002-v"}; !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	if want := []Left{{"0000-by-hand", ""}, {old, "nam/notes.txt"}}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ReleasesDir, old, "nam", "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the stray file of a release was touched: %q, %v", b, err)
	}
	if want := []string{"0000-by-hand", old, "0003-v"}; !slices.Equal(releaseFolders(t, dir), want) {
		t.Errorf("releases/ holds %v, want %v", releaseFolders(t, dir), want)
	}
}

// TestRollback: back to the release before current, then to the one
// before that; none before the oldest, and none with no current.
func TestRollback(t *testing.T) {
	r, dir := openReleases(t)
	if _, _, err := r.Rollback(); !hasKey(err, "publish.rollback.none") {
		t.Errorf("rollback with no current: %v, want publish.rollback.none", err)
	}
	a := publishRelease(t, r, "a", map[string]string{"index.html": "a"})
	b := publishRelease(t, r, "b", map[string]string{"index.html": "b"})
	c := publishRelease(t, r, "c", map[string]string{"index.html": "c"})
	for _, step := range []struct{ from, to string }{{c, b}, {b, a}} {
		from, to, err := r.Rollback()
		if err != nil || from != step.from || to != step.to {
			t.Fatalf("Rollback: %s → %s (%v), want %s → %s", from, to, err, step.from, step.to)
		}
		if s, err := served(dir, "index.html"); err != nil || s != step.to[len("0001-"):] {
			t.Errorf("current serves %q (%v) after going back to %s", s, err, step.to)
		}
	}
	if _, _, err := r.Rollback(); !hasKey(err, "publish.rollback.first") || mustCurrent(t, r) != a {
		t.Errorf("rollback from the oldest: %v, current %s; want publish.rollback.first and %s", err, mustCurrent(t, r), a)
	}
	// A new publish after rollbacks comes after all of them.
	if d := publishRelease(t, r, "d", map[string]string{"index.html": "d"}); d != "0004-d" {
		t.Errorf("a publish after rollbacks is %s, want 0004-d", d)
	}
}

// hasKey reports whether err is a ReleaseError with that key.
func hasKey(err error, key string) bool {
	var re *ReleaseError
	return errors.As(err, &re) && re.Key == key
}

// TestRollbackRefusesBrokenRelease: the release before current is
// checked against its manifest first; a damaged one is not gone back
// to, and current stays.
func TestRollbackRefusesBrokenRelease(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func(rel string) error
		says   string
	}{
		{"a page changed", func(rel string) error {
			return os.WriteFile(filepath.Join(rel, "index.html"), []byte("edited"), 0o644)
		}, "index.html is not as written"},
		{"a page removed", func(rel string) error { return os.Remove(filepath.Join(rel, "nam", "2017", "index.html")) }, "nam/2017/index.html is missing"},
		{"a file added", func(rel string) error {
			return os.WriteFile(filepath.Join(rel, "extra.html"), []byte("x"), 0o644)
		}, "extra.html is not in the manifest"},
		{"no manifest", func(rel string) error { return os.Remove(filepath.Join(rel, filepath.FromSlash(ManifestName))) }, ManifestName + ": "},
		{"manifest edited", func(rel string) error {
			return os.WriteFile(filepath.Join(rel, filepath.FromSlash(ManifestName)), []byte("# sitegen manifest 1\n"), 0o644)
		}, "index.html is not in the manifest"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, dir := openReleases(t)
			prev := publishRelease(t, r, "a", map[string]string{"index.html": "a", "nam/2017/index.html": "2017"})
			cur := publishRelease(t, r, "b", map[string]string{"index.html": "b"})
			if err := c.damage(filepath.Join(dir, ReleasesDir, prev)); err != nil {
				t.Fatal(err)
			}
			_, _, err := r.Rollback()
			var re *ReleaseError
			if !errors.As(err, &re) || re.Key != "publish.release.broken" || re.Args[0] != prev || !strings.Contains(fmt.Sprint(re.Args[1]), c.says) {
				t.Errorf("Rollback: %v, want publish.release.broken for %s saying %q", err, prev, c.says)
			}
			if got := mustCurrent(t, r); got != cur {
				t.Errorf("current leads to %s after a refused rollback, want %s", got, cur)
			}
		})
	}
}

// TestInterruptedPublishIsCleaned: what a publish killed half-way left
// (its folder in releases/, a release folder being pruned, the new link
// not yet renamed) is removed by the next, which publishes as usual; a
// release committed but not switched to stays a release.
func TestInterruptedPublishIsCleaned(t *testing.T) {
	r, dir := openReleases(t)
	publishRelease(t, r, "a", map[string]string{"index.html": "a"})
	dead := 1 << 30 // no process has it
	rel := filepath.Join(dir, ReleasesDir)
	for _, name := range []string{fmt.Sprintf(".tmp-%d-123", dead), fmt.Sprintf(".old-%d-456", dead)} {
		if err := os.MkdirAll(filepath.Join(rel, name, "nam"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("releases/0001-a", filepath.Join(dir, currentTmp)); err != nil {
		t.Fatal(err)
	}
	// Killed between its commit and its switch: a whole release, not
	// current.
	tx, err := r.Begin("b", Options{})
	if err != nil {
		t.Fatal(err)
	}
	write(t, tx, map[string]string{"index.html": "b"})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// A publish being written in this process keeps its folder.
	running, err := r.Begin("x", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()

	c := publishRelease(t, r, "c", map[string]string{"index.html": "c"})
	if want := []string{filepath.Base(running.Dir()), "0001-a", "0002-b", c}; !slices.Equal(releaseFolders(t, dir), want) {
		t.Errorf("releases/ holds %v, want %v", releaseFolders(t, dir), want)
	}
	if want := []string{currentLink, ReleasesDir}; !slices.Equal(siblings(t, dir), want) {
		t.Errorf("the publish folder holds %v", siblings(t, dir))
	}
	if s, err := served(dir, "index.html"); err != nil || s != "c" {
		t.Errorf("current serves %q (%v), want c", s, err)
	}

	// A current.tmp that is not a link is someone's: not removed.
	if err := os.Mkdir(filepath.Join(dir, currentTmp), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := r.Switch("0001-a"); err == nil || mustCurrent(t, r) != c {
		t.Errorf("Switch over a folder current.tmp: %v, current %s", err, mustCurrent(t, r))
	}
}

// TestSameAsCurrent: a release with the very files of current is
// nothing new, unless current is damaged.
func TestSameAsCurrent(t *testing.T) {
	files := map[string]string{"index.html": "a", "assets/site.0123abcd.css": "css"}
	for _, c := range []struct {
		name   string
		files  map[string]string
		damage bool
		same   bool
	}{
		{"same files", files, false, true},
		{"a page changed", map[string]string{"index.html": "b", "assets/site.0123abcd.css": "css"}, false, false},
		{"a page more", map[string]string{"index.html": "a", "assets/site.0123abcd.css": "css", "404.html": "x"}, false, false},
		{"current damaged", files, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, dir := openReleases(t)
			cur := publishRelease(t, r, "v", files)
			if c.damage {
				if err := os.WriteFile(filepath.Join(dir, ReleasesDir, cur, "index.html"), []byte("z"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			tx, err := r.Begin("v", Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Abort()
			write(t, tx, c.files)
			if name, same := r.SameAsCurrent(tx); same != c.same || same && name != cur {
				t.Errorf("SameAsCurrent = %q, %v; want %v", name, same, c.same)
			}
		})
	}
}

// TestAssetsOfKeptReleasesReachable: every hashed asset a page of a kept
// release names is served from current, after each publish and after a
// rollback, so a page loaded just before a switch still gets its CSS.
func TestAssetsOfKeptReleasesReachable(t *testing.T) {
	const keep = 5
	r, dir := openReleases(t)
	css := func(i int) string { return fmt.Sprintf("assets/site.%08x.css", i) }
	check := func(when string) {
		t.Helper()
		for _, name := range releaseFolders(t, dir) {
			// Each release's page names its own stylesheet.
			page, err := os.ReadFile(filepath.Join(dir, ReleasesDir, name, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			asset := strings.TrimPrefix(string(page), "uses ")
			if s, err := served(dir, asset); err != nil || s != "body{}/*"+asset+"*/" {
				t.Errorf("%s: the stylesheet %s of release %s is not served from current: %q, %v", when, asset, name, s, err)
			}
		}
	}
	for i := range 8 {
		publishRelease(t, r, "v", map[string]string{"index.html": "uses " + css(i), css(i): "body{}/*" + css(i) + "*/"})
		if _, _, err := r.Prune(keep); err != nil {
			t.Fatal(err)
		}
		if n := len(releaseFolders(t, dir)); n != min(i+1, keep) {
			t.Fatalf("%d releases kept, want %d", n, min(i+1, keep))
		}
		check(fmt.Sprintf("after publish %d", i+1))
	}
	for i := range 2 {
		if _, _, err := r.Rollback(); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("after rollback %d", i+1))
	}
	// The release gone back to is still whole: a later rollback or
	// check accepts it.
	if err := checkRelease(filepath.Join(dir, ReleasesDir, mustCurrent(t, r))); err != nil {
		t.Errorf("the release gone back to no longer matches its manifest: %v", err)
	}
	// A publish after the rollbacks carries them on.
	publishRelease(t, r, "v", map[string]string{"index.html": "uses " + css(99), css(99): "body{}/*" + css(99) + "*/"})
	check("after a publish following rollbacks")
}
