// Package testenv holds the one rule for a test whose tool is missing
// (git, Chromium, nginx, …): without CI it skips and says what to
// install; with CI set it fails, because a skipped test would pass
// without having run. .ci/run installs every tool the tests need.
//
// It is imported by tests only.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Missing skips t with the message, or fails it when CI is set.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and a tool is missing: "+format, args...)
	}
	t.Skipf(format, args...)
}

// Command returns the path of the named program, looked up on PATH and
// then in the folders given (Debian puts nginx and apache2 in /usr/sbin,
// which is not on every user's PATH). When it is not found, Missing is
// called with a message that says how to install it.
func Command(t testing.TB, name, install string, dirs ...string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, d := range dirs {
		p := d + "/" + name
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	Missing(t, "%s is not installed: %s (bash .ci/run installs every tool the tests need)", name, install)
	return ""
}
