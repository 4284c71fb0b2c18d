package scaffold

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUndo: when writing fails half-way, what was written is removed,
// and nothing else: a file someone else put in a folder keeps it.
func TestUndo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "trang")
	w := &writer{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.mkdir(dir, true))
	must(w.mkdir(filepath.Join(dir, "data"), false))
	must(w.file(filepath.Join(dir, "data", "site.toml"), []byte("[site]\n")))
	must(w.mkdir(filepath.Join(dir, "content"), false))
	must(os.WriteFile(filepath.Join(dir, "content", "khac.md"), []byte("của người khác"), 0o644))
	// A file that exists is never replaced.
	if err := w.file(filepath.Join(dir, "content", "khac.md"), []byte("x")); err == nil {
		t.Error("a file that exists was written over")
	}
	w.undo()
	if _, err := os.Stat(filepath.Join(dir, "data")); !os.IsNotExist(err) {
		t.Errorf("data/ is left: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "content", "khac.md")); err != nil || string(b) != "của người khác" {
		t.Errorf("another's file: %q, %v", b, err)
	}
}
