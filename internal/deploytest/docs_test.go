package deploytest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsShowShippedLines keeps the excerpts of docs/publishing.md in
// step with deploy/: a block whose first line names a shipped file
// ("# deploy/nginx/bao-cao-subpath.conf (the key lines)") shows only
// lines that stand in that file, so an admin who copies from the page
// gets what the tests run. Each hook variable the page's table names is
// one the hooks read.
func TestDocsShowShippedLines(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(top, "docs/publishing.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	blocks := regexp.MustCompile("(?s)```[a-z]*\n# (deploy/[^ \n]+)[^\n]*\n(.*?)```").FindAllStringSubmatch(doc, -1)
	if len(blocks) < 2 {
		t.Fatalf("docs/publishing.md shows %d excerpts of deploy/, want the nginx and the Apache one", len(blocks))
	}
	for _, m := range blocks {
		file, excerpt := m[1], m[2]
		shipped, err := os.ReadFile(filepath.Join(top, file))
		if err != nil {
			t.Errorf("docs/publishing.md shows %s: %v", file, err)
			continue
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(string(shipped), "\n") {
			lines[strings.TrimSpace(l)] = true
		}
		for _, l := range strings.Split(excerpt, "\n") {
			if l = strings.TrimSpace(l); l != "" && !lines[l] {
				t.Errorf("docs/publishing.md shows a line of %s that is not in it:\n%s", file, l)
			}
		}
	}

	vars := regexp.MustCompile("(?m)^\\| `(SITEGEN[A-Z_]*)` \\| (both|pre-receive|post-receive) \\|").FindAllStringSubmatch(doc, -1)
	if len(vars) < 5 {
		t.Fatalf("docs/publishing.md's table of hook variables has %d rows, want 5", len(vars))
	}
	for _, v := range vars {
		hooks := []string{v[2]}
		if v[2] == "both" {
			hooks = []string{"pre-receive", "post-receive"}
		}
		for _, h := range hooks {
			text, err := os.ReadFile(filepath.Join(top, "deploy/hooks", h))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), "${"+v[1]+":-") {
				t.Errorf("docs/publishing.md says deploy/hooks/%s reads %s; it does not", h, v[1])
			}
		}
	}
}
