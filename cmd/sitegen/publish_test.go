package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoSite is a copy of the repository's sample site (data/, content/)
// committed to a new git repository, with the machine's git
// configuration left out, as a department's checkout would be.
type repoSite struct {
	t   *testing.T
	dir string
}

func newRepoSite(t *testing.T) *repoSite {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is needed in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "site")
	for _, top := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dir, top), os.DirFS(filepath.Join("..", "..", top))); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_COMMITTER_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.org")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.org")
	s := &repoSite{t, dir}
	s.git("init", "-q")
	s.commit()
	return s
}

func (s *repoSite) git(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("git", append([]string{"-C", s.dir}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit commits everything and returns the short hash sitegen names
// the data version by (12 digits).
func (s *repoSite) commit() string {
	s.t.Helper()
	s.git("add", "-A")
	s.git("commit", "-q", "--no-verify", "-m", "data")
	return s.git("rev-parse", "--short=12", "HEAD")
}

// edit replaces old with new in the site's file name (slash path).
func (s *repoSite) edit(name, old, new string) {
	s.t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		s.t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		s.t.Fatalf("%s holds no %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// sitegen runs the command line and returns its exit status and outputs.
func sitegen(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// current is the release pub/current leads to, "" when there is none.
func current(t *testing.T, pub string) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(pub, "current"))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(target, "releases/")
}

// releases lists the folders of pub/releases/.
func releases(t *testing.T, pub string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(pub, "releases"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// lastLine is the last line of an output, without its newline.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestPublishCommand runs sitegen publish as an admin's hook would, on
// the sample site in git: a release per data commit, nothing when
// nothing changed, uncommitted data refused unless -allow-dirty, a
// rollback, a failed build that leaves current as it was, and pruning.
// Messages are in the site's language (Vietnamese).
func TestPublishCommand(t *testing.T) {
	s := newRepoSite(t)
	first := s.git("rev-parse", "--short=12", "HEAD")
	pub := filepath.Join(t.TempDir(), "www", "bao-cao")
	link := filepath.Join(pub, "current")
	done := func(release string) *regexp.Regexp {
		return regexp.MustCompile(`^đã công bố bản ` + regexp.QuoteMeta(release) + ` \([1-9][0-9]* trang\) trong [0-9]+,[0-9]{2} giây; ` + regexp.QuoteMeta(link) + ` trỏ tới bản này$`)
	}

	// The first publish: release 0001, named by the data version.
	code, stdout, stderr := sitegen("publish", "-src", s.dir, "-to", pub)
	r1 := "0001-" + first
	if code != 0 || !done(r1).MatchString(lastLine(stdout)) {
		t.Fatalf("first publish: exit %d, stdout %q, stderr %q; want a line saying it published %s", code, stdout, stderr, r1)
	}
	if stderr != "" {
		t.Errorf("a publish of committed data printed on stderr: %q", stderr)
	}
	if got := current(t, pub); got != r1 {
		t.Fatalf("current leads to %q, want %s", got, r1)
	}
	page, err := os.ReadFile(filepath.Join(link, "index.html"))
	if err != nil || !bytes.Contains(page, []byte(first)) {
		t.Fatalf("current/index.html does not name the data version %s (%v)", first, err)
	}

	// The same data again: nothing made, current as it was.
	code, stdout, _ = sitegen("publish", "-src", s.dir, "-to", pub)
	if want := "không có gì mới so với bản " + r1 + " đang được phục vụ; " + link + " vẫn trỏ tới bản đó, không tạo bản mới"; code != 0 || lastLine(stdout) != want {
		t.Errorf("publish of the same data: exit %d, last line %q, want %q", code, lastLine(stdout), want)
	}
	if got := releases(t, pub); len(got) != 1 {
		t.Errorf("releases after publishing the same data: %v, want only %s", got, r1)
	}

	// A data commit: release 0002.
	s.edit("data/2017.toml", "admitted = 17", "admitted = 18")
	second := s.commit()
	r2 := "0002-" + second
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub)
	if code != 0 || !done(r2).MatchString(lastLine(stdout)) || current(t, pub) != r2 {
		t.Fatalf("second publish: exit %d, stdout %q, stderr %q, current %q; want %s", code, stdout, stderr, current(t, pub), r2)
	}

	// Uncommitted data: build warns, publish refuses and writes nothing.
	s.edit("data/2017.toml", "admitted = 18", "admitted = 19")
	code, _, stderr = sitegen("build", "-src", s.dir, "-out", filepath.Join(t.TempDir(), "out"))
	if code != 0 || !strings.Contains(stderr, "data/: cảnh báo: có thay đổi chưa commit vào git (") || !strings.Contains(stderr, "2017.toml") {
		t.Errorf("build of uncommitted data: exit %d, stderr %q; want a warning naming data/2017.toml", code, stderr)
	}
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "sitegen publish: data/ có thay đổi chưa commit vào git") ||
		!strings.Contains(stderr, "-allow-dirty") || !strings.Contains(stderr, "data/: cảnh báo: có thay đổi chưa commit") {
		t.Errorf("publish of uncommitted data: exit %d, stdout %q, stderr %q; want exit 1, the warning and the refusal", code, stdout, stderr)
	}
	if current(t, pub) != r2 || len(releases(t, pub)) != 2 {
		t.Errorf("a refused publish changed the publish folder: current %q, releases %v", current(t, pub), releases(t, pub))
	}

	// -allow-dirty publishes them, as a release marked dirty.
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub, "-allow-dirty")
	r3 := current(t, pub)
	if code != 0 || !regexp.MustCompile(`^0003-sha256-[0-9a-f]{12}-dirty$`).MatchString(r3) || !done(r3).MatchString(lastLine(stdout)) {
		t.Fatalf("publish -allow-dirty: exit %d, current %q, stdout %q, stderr %q", code, r3, stdout, stderr)
	}
	if !strings.Contains(stderr, "data/: cảnh báo: có thay đổi chưa commit") {
		t.Errorf("publish -allow-dirty did not warn: %q", stderr)
	}

	// Rollback: back to 0002.
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub, "-rollback")
	if want := "đã quay lại bản " + r2 + " (thay cho " + r3 + "); " + link + " trỏ tới bản đó\n"; code != 0 || stdout != want || stderr != "" {
		t.Errorf("rollback: exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
	if current(t, pub) != r2 {
		t.Errorf("after rollback current leads to %q, want %s", current(t, pub), r2)
	}
	before, err := os.ReadFile(filepath.Join(link, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	// An error in data/: exit 1, the error by file and line, current
	// untouched, no release left behind.
	s.git("checkout", "-q", "--", "data")
	s.edit("data/2017.toml", "admitted = 18", "admitted = -1")
	s.commit()
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub)
	if code != 1 || !regexp.MustCompile(`(?m)^.*data/2017\.toml:[0-9]+:[0-9]+: `).MatchString(stderr) || strings.Contains(stdout, "đã công bố") {
		t.Errorf("publish of bad data: exit %d, stdout %q, stderr %q; want exit 1 and the error by file and line", code, stdout, stderr)
	}
	after, err := os.ReadFile(filepath.Join(link, "index.html"))
	if current(t, pub) != r2 || err != nil || !bytes.Equal(before, after) || len(releases(t, pub)) != 3 {
		t.Errorf("a failed publish changed the publish folder: current %q, releases %v (%v)", current(t, pub), releases(t, pub), err)
	}

	// A good commit again, keeping one release: the others are removed
	// and named.
	s.edit("data/2017.toml", "admitted = -1", "admitted = 20")
	r4 := "0004-" + s.commit()
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub, "-keep", "1")
	if code != 0 || current(t, pub) != r4 || !done(r4).MatchString(strings.Split(stdout, "\n")[strings.Count(stdout, "\n")-2]) {
		t.Fatalf("publish -keep 1: exit %d, current %q, stdout %q, stderr %q", code, current(t, pub), stdout, stderr)
	}
	if want := "đã xóa 3 bản cũ: " + r1 + ", " + r2 + ", " + r3; lastLine(stdout) != want {
		t.Errorf("publish -keep 1 said %q, want %q", lastLine(stdout), want)
	}
	if got := releases(t, pub); len(got) != 1 || got[0] != r4 {
		t.Errorf("releases after -keep 1: %v, want [%s]", got, r4)
	}
	// Nothing before the one left: a rollback says so.
	code, stdout, stderr = sitegen("publish", "-src", s.dir, "-to", pub, "-rollback")
	if want := "sitegen publish: " + r4 + " là bản cũ nhất còn giữ trong " + filepath.Join(pub, "releases") + "; không có bản nào trước nó để quay lại\n"; code != 1 || stdout != "" || stderr != want {
		t.Errorf("rollback with one release: exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
}

// TestPublishCommandRefuses: what publish refuses, before it writes
// anything, and with which exit status.
func TestPublishCommandRefuses(t *testing.T) {
	s := newRepoSite(t)
	pub := filepath.Join(t.TempDir(), "pub")
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of it
	}{
		{"no -to", []string{"-src", s.dir}, 2, "sitegen publish: name the publish folder with -to DIR"},
		{"keep 0", []string{"-src", s.dir, "-to", pub, "-keep", "0"}, 2, "sitegen publish: -keep 0: keep at least the release being published (-keep 1)"},
		{"stray argument", []string{"-to", pub, "extra"}, 2, `unexpected argument "extra"`},
		{"unknown flag", []string{"-to", pub, "-out", pub}, 2, "flag provided but not defined: -out"},
		{"inside the site", []string{"-src", s.dir, "-to", filepath.Join(s.dir, "www")}, 1, "sitegen publish: thư mục công bố " + filepath.Join(s.dir, "www") + " là thư mục của trang"},
		{"the site itself", []string{"-src", s.dir, "-to", s.dir}, 1, "sitegen publish: thư mục công bố " + s.dir + " là thư mục của trang"},
		{"rollback of nothing", []string{"-src", s.dir, "-to", pub, "-rollback"}, 1, "sitegen publish: chưa có " + filepath.Join(pub, "current") + ", nên chưa có gì để quay lại"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := sitegen(append([]string{"publish"}, c.args...)...)
			if code != c.code || stdout != "" || !strings.Contains(stderr, c.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, stderr, c.code, c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(s.dir, "www")); err == nil {
		t.Error("a refused publish made its folder inside the site")
	}
	if _, err := os.Lstat(filepath.Join(pub, "current")); err == nil {
		t.Error("a refused publish made current")
	}

	// A current that publish did not make is refused, and left.
	for _, c := range []struct {
		name   string
		make   func(link string) error
		stderr string
	}{
		{"a folder", func(link string) error { return os.Mkdir(link, 0o755) }, "không phải một liên kết tượng trưng"},
		{"a link elsewhere", func(link string) error { return os.Symlink("/var/www/html", link) }, "dẫn tới /var/www/html, không phải một bản trong releases/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pub := t.TempDir()
			link := filepath.Join(pub, "current")
			if err := c.make(link); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := sitegen("publish", "-src", s.dir, "-to", pub)
			if code != 1 || strings.Contains(stdout, "đã công bố") || !strings.Contains(stderr, "sitegen publish: "+link+" "+c.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, c.stderr)
			}
			fi, err := os.Lstat(link)
			if err != nil || (fi.Mode()&fs.ModeSymlink != 0) != (c.name == "a link elsewhere") {
				t.Errorf("the refused current was changed (%v)", err)
			}
		})
	}
}
