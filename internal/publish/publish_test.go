package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

// tree reads every file and folder under dir: slash path → content
// (folders as "dir"), with modes, so tests can compare whole outputs.
// The manifest's folder is left out: manifest_test.go checks it.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == manifestDir {
			return fs.SkipDir
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[rel] = fmt.Sprintf("dir %v", info.Mode())
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = fmt.Sprintf("%v %s", info.Mode(), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, tx *Tx, files map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := tx.WriteFile(name, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
}

func build(t *testing.T, out string, files map[string]string) {
	t.Helper()
	buildWith(t, out, Options{}, files)
}

func buildWith(t *testing.T, out string, opts Options, files map[string]string) {
	t.Helper()
	tx, err := Begin(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	write(t, tx, files)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// siblings lists what sits beside the output, to catch leftovers.
func siblings(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestCommitReplacesOutputAndDropsStaleFiles(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, out, map[string]string{
		"index.html":                 "one",
		"don-vi/old-cell/index.html": "closed cell",
		"assets/site.aaaa.css":       "old css",
	})
	build(t, out, map[string]string{
		"index.html":           "two",
		"don-vi/a/index.html":  "cell a",
		"assets/site.bbbb.css": "new css",
	})
	got := tree(t, out)
	want := map[string]string{
		".":                    "dir drwxr-xr-x",
		"index.html":           "-rw-r--r-- two",
		"don-vi":               "dir drwxr-xr-x",
		"don-vi/a":             "dir drwxr-xr-x",
		"don-vi/a/index.html":  "-rw-r--r-- cell a",
		"assets":               "dir drwxr-xr-x",
		"assets/site.bbbb.css": "-rw-r--r-- new css",
	}
	if runtime.GOOS == "windows" {
		t.Skip("modes differ on Windows")
	}
	if !maps.Equal(got, want) {
		t.Errorf("output after second build:\n got %v\nwant %v", got, want)
	}
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("beside the output: %v, want only public", s)
	}
}

func TestModesIgnoreUmask(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no umask")
	}
	old := setUmask(0o077)
	defer setUmask(old)
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, map[string]string{"a/b.html": "x"})
	got := tree(t, out)
	for name, want := range map[string]string{".": "dir drwxr-xr-x", "a": "dir drwxr-xr-x", "a/b.html": "-rw-r--r-- x"} {
		if got[name] != want {
			t.Errorf("%s: %q, want %q", name, got[name], want)
		}
	}
}

// published is an output built once, and a build begun to replace it;
// asItWas checks, once that build is over, that the output is as it was
// with nothing left beside it.
func published(t *testing.T) (tx *Tx, asItWas func()) {
	t.Helper()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, out, map[string]string{"index.html": "published", "nam/2017/index.html": "2017"})
	before := tree(t, out)
	tx, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tx, func() {
		t.Helper()
		if after := tree(t, out); !maps.Equal(before, after) {
			t.Errorf("output changed:\n got %v\nwant %v", after, before)
		}
		if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
			t.Errorf("beside the output: %v", s)
		}
	}
}

func TestAbortLeavesOutputAsItWas(t *testing.T) {
	tx, asItWas := published(t)
	write(t, tx, map[string]string{"index.html": "half", "extra.html": "half"})
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	asItWas()
	if err := tx.WriteFile("late.html", nil); err == nil {
		t.Error("write after Abort: no error")
	}
	if err := tx.Commit(); err == nil {
		t.Error("Commit after Abort: no error")
	}
}

func TestCommitIntoNewFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site", "www", "public")
	build(t, out, map[string]string{"index.html": "x"})
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "x" {
		t.Fatalf("index.html: %q, %v", b, err)
	}
}

func TestLeftoversOfInterruptedBuildAreRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, out, map[string]string{"index.html": "x"})
	// A pid that no process has: a build that was killed.
	dead := 1 << 30
	for _, name := range []string{
		fmt.Sprintf("public.tmp-%d-123", dead),
		fmt.Sprintf("public.old-%d-456", dead),
	} {
		if err := os.MkdirAll(filepath.Join(parent, name, "nam"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Not ours: other names beside the output stay.
	keep := []string{"public.tmp-notapid", "public-backup", "publication"}
	for _, name := range keep {
		if err := os.Mkdir(filepath.Join(parent, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A build still running in this process keeps its folder.
	running, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()

	build(t, out, map[string]string{"index.html": "y"})
	want := append(keep, "public", filepath.Base(running.Dir()))
	slices.Sort(want)
	if got := siblings(t, parent); !slices.Equal(got, want) {
		t.Errorf("beside the output: %v, want %v", got, want)
	}
}

// TestLeftoverOfLivePIDIsRemoved: a build killed while its process id
// is alive again, or always (PID 1 in a container), left its folders; no
// build holds their lock, so the next Begin removes them. A folder whose
// lock a build holds stays, whatever the id in its name.
func TestLeftoverOfLivePIDIsRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, out, map[string]string{"index.html": "x"})
	for _, name := range []string{
		fmt.Sprintf("public.tmp-%d-123", os.Getpid()), // this process: alive
		"public.tmp-1-456",                            // PID 1: always alive
		fmt.Sprintf("public.old-%d-789", os.Getpid()),
	} {
		if err := os.MkdirAll(filepath.Join(parent, name, "nam"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	running, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	if err := running.WriteFile("index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}

	build(t, out, map[string]string{"index.html": "y"})
	want := []string{"public", filepath.Base(running.Dir())}
	slices.Sort(want)
	if got := siblings(t, parent); !slices.Equal(got, want) {
		t.Errorf("beside the output: %v, want %v", got, want)
	}
	// The build still running was not disturbed: it commits.
	if err := running.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "half" {
		t.Errorf("index.html after the running build committed: %q, %v", b, err)
	}
}

func TestWriteFileRefusesBadNames(t *testing.T) {
	parent := t.TempDir()
	tx, err := Begin(filepath.Join(parent, "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.WriteFile("a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"", ".", "..", "../escape.html", "a/../../escape.html", "/etc/passwd",
		"a//b.html", "a/./b.html", `a\..\..\b.html`, "c:x.html", "a/index.html",
	} {
		if err := tx.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q): no error", name)
		}
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
		t.Error("a file escaped the output folder")
	}
}

func TestWriteFileConcurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for i := range 400 {
		wg.Go(func() {
			errs <- tx.WriteFile(fmt.Sprintf("don-vi/c%d/nam/%d/index.html", i%37, i), []byte(fmt.Sprint(i)))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	files := 0
	for name, v := range tree(t, out) {
		if strings.HasSuffix(name, ".html") {
			files++
			if !strings.HasSuffix(v, " "+strings.Split(name, "/")[3]) {
				t.Errorf("%s holds %q", name, v)
			}
		}
	}
	if files != 400 {
		t.Errorf("%d files, want 400", files)
	}
}

func TestCommitThroughSymlinkedOutput(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "srv", "www")
	build(t, real, map[string]string{"old.html": "x"})
	link := filepath.Join(parent, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	build(t, link, map[string]string{"new.html": "y"})
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v, %v", fi, err)
	}
	got := tree(t, real)
	if _, ok := got["new.html"]; !ok || len(got) != 2 {
		t.Errorf("link target after build: %v", got)
	}
}

func TestBeginRefusesFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(out, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(out, Options{}); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("Begin on a file: %v", err)
	}
}

// TestCommitWithoutExchange takes the way of systems without
// RENAME_EXCHANGE: old output aside, new one in.
func TestCommitWithoutExchange(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for i, files := range []map[string]string{
		{"index.html": "one", "stale.html": "x"},
		{"index.html": "two"},
	} {
		tx, err := Begin(out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		tx.exchange = func(a, b string) error { return errors.ErrUnsupported }
		write(t, tx, files)
		if err := tx.Commit(); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
	}
	got := tree(t, out)
	if len(got) != 2 || !strings.HasSuffix(got["index.html"], " two") {
		t.Errorf("output: %v", got)
	}
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("beside the output: %v", s)
	}
}

// TestCommitWhereRenameFails: where the output folder cannot be renamed
// (a mount point the check did not see: EBUSY, or EXDEV for a bind
// mount), Commit says so with what to do, and the output is left as it
// was, never empty.
func TestCommitWhereRenameFails(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.EBUSY, syscall.EXDEV} {
		t.Run(errno.Error(), func(t *testing.T) {
			tx, asItWas := published(t)
			tx.exchange = func(a, b string) error { return errno }
			tx.rename = func(from, to string) error {
				if from == tx.out {
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: errno}
				}
				return os.Rename(from, to)
			}
			write(t, tx, map[string]string{"index.html": "new"})
			err := tx.Commit()
			var oe *OutputError
			if !errors.As(err, &oe) || oe.Key != "publish.out.swap" {
				t.Fatalf("Commit: %v, want the refusal publish.out.swap", err)
			}
			if !strings.Contains(err.Error(), tx.given) || !strings.Contains(err.Error(), "left as it was") {
				t.Errorf("message %q does not name the folder or say it is as it was", err)
			}
			if err := tx.Abort(); err != nil {
				t.Fatal(err)
			}
			asItWas()
		})
	}
}

// TestCommitWhenAnotherBuildGotThereFirst: two builds into an output
// that does not exist yet both find it missing; the first renames its
// folder in, and the second, whose rename then fails ("directory not
// empty"), replaces it as it would any old output.
func TestCommitWhenAnotherBuildGotThereFirst(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "www", "public")
	first, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	second, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Abort()
	write(t, first, map[string]string{"index.html": "first", "first.html": ""})
	write(t, second, map[string]string{"index.html": "second"})
	once := false
	second.rename = func(from, to string) error {
		if !once { // the first build commits between the look and the rename
			once = true
			if err := first.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		return os.Rename(from, to)
	}
	if err := second.Commit(); err != nil {
		t.Fatalf("the second Commit: %v", err)
	}
	got := tree(t, out)
	if len(got) != 2 || !strings.HasSuffix(got["index.html"], " second") {
		t.Errorf("output: %v, want the second build's", got)
	}
	if s := siblings(t, filepath.Dir(out)); !slices.Equal(s, []string{"public"}) {
		t.Errorf("beside the output: %v", s)
	}
}

// TestReaderNeverSeesHalfOfEach lists the output over and over while
// builds replace it: every listing must be of one build, never a mix, and
// the output must never be missing. A listing may be short only when its
// build was already replaced and is being removed under the reader.
func TestReaderNeverSeesHalfOfEach(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	files := func(n int) map[string]string {
		m := make(map[string]string)
		for i := range 20 {
			m[fmt.Sprintf("%03d-%02d.html", n, i)] = ""
		}
		return m
	}
	build(t, out, files(0))
	if err := exchange(t.TempDir(), t.TempDir()); err != nil {
		t.Skip("this file system cannot exchange folders:", err)
	}
	var committing atomic.Int64 // the build whose Commit has begun
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var bad []string
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			f, err := os.Open(out)
			if err != nil {
				bad = append(bad, err.Error()) // no output at all
				continue
			}
			entries, err := f.ReadDir(-1)
			f.Close()
			if errors.Is(err, fs.ErrNotExist) {
				continue // the old build was removed while we read it: fine
			}
			if err != nil {
				bad = append(bad, err.Error())
				continue
			}
			builds := make(map[string]int)
			for _, e := range entries {
				if e.Name() == manifestDir {
					continue
				}
				b, _, _ := strings.Cut(e.Name(), "-")
				builds[b]++
			}
			if len(builds) > 1 {
				bad = append(bad, fmt.Sprint("a mix: ", builds))
			}
			for b, n := range builds {
				k, _ := strconv.Atoi(b)
				if n != 20 && int64(k) >= committing.Load() {
					bad = append(bad, fmt.Sprintf("the live build %d shows %d files of 20", k, n))
				}
			}
		}
	})
	for n := 1; n <= 30; n++ {
		tx, err := Begin(out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		write(t, tx, files(n))
		committing.Store(int64(n))
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if len(bad) > 0 {
		t.Errorf("a reader saw %d broken listings, e.g. %v", len(bad), bad[0])
	}
}
