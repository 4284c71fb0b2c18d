//go:build unix

package sitefstest

import (
	"testing"

	"golang.org/x/sys/unix"
)

func mkfifo(t testing.TB, p string) {
	t.Helper()
	if err := unix.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}
