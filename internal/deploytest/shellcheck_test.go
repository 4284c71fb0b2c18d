package deploytest

import (
	"path/filepath"
	"testing"

	"sitegen/internal/testenv"
)

// TestShellcheck: the shipped hooks, and the CI script that installs
// what their tests need, pass shellcheck, which catches the quoting and
// exit-status mistakes a hook would otherwise make only on some push.
func TestShellcheck(t *testing.T) {
	shellcheck := testenv.Command(t, "shellcheck", "apt-get install shellcheck")
	files := []string{".ci/run"}
	hooks, err := filepath.Glob(filepath.Join(top, "deploy/hooks/*"))
	if err != nil || len(hooks) < 2 {
		t.Fatalf("deploy/hooks/ holds %d files (%v), want pre-receive and post-receive", len(hooks), err)
	}
	for _, h := range hooks {
		rel, _ := filepath.Rel(top, h)
		files = append(files, rel)
	}
	if out, err := try(top, nil, shellcheck, files...); err != nil {
		t.Errorf("shellcheck %v: %v\n%s", files, err, out)
	}
}
