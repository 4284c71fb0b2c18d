//go:build !unix

package sitefstest

import (
	"runtime"
	"testing"
)

func mkfifo(t testing.TB, p string) {
	t.Helper()
	t.Skip("no named pipes on " + runtime.GOOS)
}
