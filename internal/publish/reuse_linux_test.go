package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// TestUnchangedFilesAreLinked: a file with the same bytes as in the
// previous output keeps its inode and modification time; a changed one
// is written anew; and removing the previous output does not touch the
// files linked from it.
func TestUnchangedFilesAreLinked(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	// Files larger than what is compared at a time, changed in their
	// last part alone.
	big := strings.Repeat("0123456789abcdef", 3*compareChunk/16) + "x"
	before := map[string]string{"same.html": "unchanged", "changed.html": "old", "grown.html": "abc",
		"big-same.json": big, "big-changed.json": big, "big-grown.json": big, "big-shrunk.json": big}
	build(t, out, before)
	first := map[string]os.FileInfo{}
	for name := range before {
		first[name] = stat(t, filepath.Join(out, name))
	}
	time.Sleep(10 * time.Millisecond) // so that a rewrite would show in the mtime

	after := map[string]string{"same.html": "unchanged", "changed.html": "new", "grown.html": "abcd",
		"big-same.json": big, "big-changed.json": big[:len(big)-1] + "y", "big-grown.json": big + "z", "big-shrunk.json": big[:len(big)-1]}
	build(t, out, after)
	for _, name := range []string{"same.html", "big-same.json"} {
		if fi := stat(t, filepath.Join(out, name)); !os.SameFile(first[name], fi) || !first[name].ModTime().Equal(fi.ModTime()) {
			t.Errorf("%s, unchanged, was written again", name)
		}
	}
	for _, name := range []string{"changed.html", "grown.html", "big-changed.json", "big-grown.json", "big-shrunk.json"} {
		if os.SameFile(first[name], stat(t, filepath.Join(out, name))) {
			t.Errorf("%s changed but was linked from the previous output", name)
		}
	}
	holds(t, out, after)
}

// holds checks that the output out holds each of files, with its bytes
// and the mode every file of an output has.
func holds(t *testing.T, out string, files map[string]string) {
	t.Helper()
	got := tree(t, out)
	for name, want := range files {
		if got[name] != "-rw-r--r-- "+want {
			t.Errorf("%s: %.40q (%d bytes), want -rw-r--r-- and the %d bytes written", name, got[name], len(got[name]), len(want))
		}
	}
}

// TestReuseTakesOnlyPlainFiles: a file whose mode was changed by hand,
// or reached through a symlink in the previous output, is not linked.
func TestReuseTakesOnlyPlainFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, map[string]string{"private.html": "x", "index.html": "home"})
	if err := os.Chmod(filepath.Join(out, "private.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(dir, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "index.html"), []byte("cell"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "don-vi")); err != nil {
		t.Fatal(err)
	}
	// The link is no file of a build: only -force replaces an output
	// with one.
	buildWith(t, out, Options{Force: true}, map[string]string{"private.html": "x", "index.html": "home", "don-vi/index.html": "cell"})
	if fi := stat(t, filepath.Join(out, "private.html")); fi.Mode().Perm() != 0o644 {
		t.Errorf("private.html has mode %v: the file with a changed mode was linked", fi.Mode())
	}
	if os.SameFile(stat(t, filepath.Join(outside, "index.html")), stat(t, filepath.Join(out, "don-vi", "index.html"))) {
		t.Error("a file outside the output was linked in through a symlink")
	}
	if _, err := os.Stat(filepath.Join(outside, "index.html")); err != nil {
		t.Errorf("the file outside the output is gone: %v", err)
	}
}

// TestReadPrevious: a file of the previous output read for the cache of
// made files is linked when its bytes are written again, and written
// anew when other bytes are; one that cannot be linked (another mode)
// is still read, and nothing is read through a symlink out of the
// output or from .sitegen/.
func TestReadPrevious(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, map[string]string{"a/same.html": "same", "a/changed.html": "old", "moded.html": "moded"})
	first := stat(t, filepath.Join(out, "a", "same.html"))
	if err := os.Chmod(filepath.Join(out, "moded.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "secret.html")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(out, "out")); err != nil {
		t.Fatal(err)
	}

	tx, err := Begin(out, Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for name, want := range map[string]string{"a/same.html": "same", "a/changed.html": "old", "moded.html": "moded"} {
		if b, err := tx.ReadPrevious(name); err != nil || string(b) != want {
			t.Errorf("ReadPrevious(%s) = %q, %v; want %q", name, b, err, want)
		}
	}
	for _, name := range []string{"out/secret.html", ".sitegen/manifest", "../secret.html", "missing.html"} {
		if b, err := tx.ReadPrevious(name); err == nil {
			t.Errorf("ReadPrevious(%s) read %q", name, b)
		}
	}
	write(t, tx, map[string]string{"a/same.html": "same", "a/changed.html": "new", "moded.html": "moded"})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(first, stat(t, filepath.Join(out, "a", "same.html"))) {
		t.Error("a file read and written again with its bytes was not linked")
	}
	holds(t, out, map[string]string{"a/same.html": "same", "a/changed.html": "new", "moded.html": "moded"})
}
