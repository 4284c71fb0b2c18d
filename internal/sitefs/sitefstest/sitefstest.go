// Package sitefstest makes, for tests, what a site folder must not hold
// (links out of it, named pipes, files too large) and runs a step with a
// time limit, so that a step that would hang fails the test instead of
// blocking it.
package sitefstest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Symlink makes link a symbolic link to target, making link's folder
// first. It skips the test on Windows, where making links needs a
// privilege.
func Symlink(t testing.TB, target, link string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need a privilege on Windows")
	}
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// Mkfifo makes a named pipe at p, making its folder first. It skips the
// test where there are none.
func Mkfifo(t testing.TB, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, p)
}

// Sparse makes a file of size bytes at p without writing them (a sparse
// file, on the file systems that have them).
func Sparse(t testing.TB, p string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// Within runs step and fails the test when it has not returned after d.
// The step's goroutine is left blocked then: the test fails rather than
// hang. step runs on another goroutine, so it may call t.Error but not
// t.Fatal.
func Within(t testing.TB, d time.Duration, step func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		step()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v: a file blocked the read", d)
	}
}
