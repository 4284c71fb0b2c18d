package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitegen/internal/sitefs/sitefstest"
)

// TestCheckRefusesWhatLeavesTheSite: check reads only regular files
// inside the site folder. /dev/zero linked in data/ (read until the
// process died, before) and a named pipe in content/ (waited on
// forever) are each an error naming the file, both in one run,
// quickly, with exit 1 and no Go trace. The build refuses them the same way (internal/build).
func TestCheckRefusesWhatLeavesTheSite(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, filepath.Join(dir, "site"), map[string]string{
		"data/site.toml": strings.Replace(checkSite, `root = "khoi"`, "root = \"khoi\"\nlanguage = \"en\"", 1),
	})
	sitefstest.Symlink(t, "/dev/zero", filepath.Join(dir, "site", "data", "zero.toml"))
	sitefstest.Mkfifo(t, filepath.Join(dir, "site", "content", "pipe.md"))
	t.Chdir(dir)
	// Both in one run: content/ is read even with an error in data/.
	pipe := "site/content/pipe.md: this is not a regular file but a named pipe, a device or a socket; only regular files and folders are read; put a file in its place, or remove it\n"
	zero := "site/data/zero.toml: this is a symbolic link to /dev/zero, outside the site folder; only files inside the site folder are read: put the file itself here, or point the link at a file inside the site folder\n"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-src", "site"}, pipe + zero},
		{[]string{"build", "-src", "site"}, pipe + zero},
	} {
		var stdout, stderr bytes.Buffer
		code := -1
		sitefstest.Within(t, 10*time.Second, func() { code = run(c.args, &stdout, &stderr) })
		if code != 1 || stderr.String() != c.want || stdout.Len() > 0 {
			t.Errorf("sitegen %v: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and:\n%s", c.args, code, stdout.String(), stderr.String(), c.want)
		}
	}
	// With data/ right, the pipe alone is said.
	os.Remove(filepath.Join(dir, "site", "data", "zero.toml"))
	var stdout, stderr bytes.Buffer
	code := -1
	sitefstest.Within(t, 10*time.Second, func() { code = run([]string{"check", "-src", "site"}, &stdout, &stderr) })
	if want := pipe; code != 1 || stderr.String() != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "public")); !os.IsNotExist(err) {
		t.Errorf("a refused build wrote public/ (%v)", err)
	}
}
