//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLockOutputTakesTurns: while a build holds the output's lock,
// another waits, is told who holds it, and gives up after its wait; once
// the lock is let go, it gets it.
func TestLockOutputTakesTurns(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	first, err := LockOutput(out, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var told []int
	_, err = LockOutput(out, 150*time.Millisecond, func(pid int) { told = append(told, pid) })
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() || busy.Out != out || busy.Waited < 150*time.Millisecond {
		t.Fatalf("a second lock while the first is held: %v, want a BusyError naming this process", err)
	}
	if !slices.Equal(told, []int{os.Getpid()}) {
		t.Errorf("waiting was told %v, want once, this process", told)
	}

	// Let go while the next one waits: it gets the lock.
	go func() {
		time.Sleep(200 * time.Millisecond)
		first.Unlock()
	}()
	told = nil
	second, err := LockOutput(out, 10*time.Second, func(pid int) { told = append(told, pid) })
	if err != nil {
		t.Fatalf("after the first let go: %v", err)
	}
	second.Unlock()
	if len(told) != 1 {
		t.Errorf("waiting was told %d times, want once", len(told))
	}
	// The lock is a file beside the output, never in it.
	if s := siblings(t, parent); !slices.Equal(s, []string{".public.lock"}) {
		t.Errorf("beside the output: %v", s)
	}
}

// TestLockOutputRefusesLink: the lock file sits in a folder a push may
// control (the site folder, for the default output); a symlink there
// must not make the build write into the file it points to.
func TestLockOutputRefusesLink(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(target, []byte("root:x:0:0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(parent, ".public.lock")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if l, err := LockOutput(filepath.Join(parent, "public"), 0, nil); err == nil {
		l.Unlock()
		t.Error("a symlink as the lock file: accepted")
	}
	if b, _ := os.ReadFile(target); string(b) != "root:x:0:0\n" {
		t.Errorf("the file the link points to was changed: %q", b)
	}
}

// TestBuildsTakingTurns: builds fired at once into an output that does
// not exist yet all succeed, one after another, and leave one whole
// output.
func TestBuildsTakingTurns(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "www", "public")
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := range cap(errs) {
		wg.Go(func() {
			lock, err := LockOutput(out, 30*time.Second, nil)
			if err != nil {
				errs <- err
				return
			}
			defer lock.Unlock()
			tx, err := Begin(out, Options{})
			if err != nil {
				errs <- err
				return
			}
			defer tx.Abort()
			for j := range 20 {
				if err := tx.WriteFile(fmt.Sprintf("%d.html", j), []byte(fmt.Sprint(i))); err != nil {
					errs <- err
					return
				}
			}
			errs <- tx.Commit()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	got := tree(t, out)
	if len(got) != 21 {
		t.Errorf("the output holds %d entries, want 20 files and the folder", len(got))
	}
	for name, v := range got {
		if name != "." && !strings.HasSuffix(v, " "+strings.TrimPrefix(got["0.html"], "-rw-r--r-- ")) {
			t.Errorf("%s holds %q: a mix of builds", name, v)
		}
	}
	if s := siblings(t, filepath.Dir(out)); !slices.Equal(s, []string{".public.lock", "public"}) {
		t.Errorf("beside the output: %v", s)
	}
}
