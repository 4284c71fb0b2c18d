package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchers: each way an editor saves is seen as a change by both
// watchers, editor litter and files outside the watched folders are
// not, and folders made later are watched.
func TestWatchers(t *testing.T) {
	write := func(t *testing.T, name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(t *testing.T, from, to string) {
		t.Helper()
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(t *testing.T, name string) {
		t.Helper()
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		do     func(t *testing.T, src string)
		change bool
	}{
		{"save in place", func(t *testing.T, src string) { write(t, filepath.Join(src, "data/x.toml"), "a = 2\n") }, true},
		{"litter", func(t *testing.T, src string) {
			for _, f := range []string{".x.toml.swp", ".x.toml.swx", "x.toml~", "#x.toml#", "4913", "x.bck", "x.tmp", ".#x.toml"} {
				write(t, filepath.Join(src, "data", f), "litter")
			}
			for _, f := range []string{".x.toml.swp", "4913", "x.tmp"} {
				remove(t, filepath.Join(src, "data", f))
			}
		}, false},
		{"outside the watched folders", func(t *testing.T, src string) {
			write(t, filepath.Join(src, "public/index.html"), "built")
			write(t, filepath.Join(src, "README.md"), "readme")
		}, false},
		{"temporary file and rename", func(t *testing.T, src string) {
			write(t, filepath.Join(src, "data/x.toml.tmp"), "a = 3\n")
			rename(t, filepath.Join(src, "data/x.toml.tmp"), filepath.Join(src, "data/x.toml"))
		}, true},
		{"vim's save", func(t *testing.T, src string) {
			write(t, filepath.Join(src, "data/4913"), "")
			remove(t, filepath.Join(src, "data/4913"))
			rename(t, filepath.Join(src, "data/x.toml"), filepath.Join(src, "data/x.toml~"))
			write(t, filepath.Join(src, "data/x.toml"), "a = 4\n")
			remove(t, filepath.Join(src, "data/x.toml~"))
		}, true},
		{"same size, same time", func(t *testing.T, src string) {
			name := filepath.Join(src, "data/x.toml")
			fi, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			write(t, name, "a = 5\n")
			if err := os.Chtimes(name, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a new folder", func(t *testing.T, src string) { write(t, filepath.Join(src, "content/2019/a.md"), "new") }, true},
		{"a file in the new folder", func(t *testing.T, src string) { write(t, filepath.Join(src, "content/2019/b.md"), "new") }, true},
		{"templates/ made later", func(t *testing.T, src string) { write(t, filepath.Join(src, "templates/partials/figure.html"), "x") }, true},
		{"a file in it", func(t *testing.T, src string) { write(t, filepath.Join(src, "templates/partials/chart.html"), "y") }, true},
		{"a removed file", func(t *testing.T, src string) { remove(t, filepath.Join(src, "content/2019/b.md")) }, true},
	}
	watchers := []struct {
		name  string
		start func(t *testing.T, src string) Watcher
	}{
		{"fsnotify", func(t *testing.T, src string) Watcher {
			w, err := Watch(src, func(err error) { t.Errorf("watching: %v", err) })
			if err != nil {
				t.Fatal(err)
			}
			return w
		}},
		{"poll", func(t *testing.T, src string) Watcher { return Poll(src, 20*time.Millisecond) }},
	}
	for _, wc := range watchers {
		t.Run(wc.name, func(t *testing.T) {
			src := t.TempDir()
			write(t, filepath.Join(src, "data/x.toml"), "a = 1\n")
			write(t, filepath.Join(src, "content/a.md"), "a")
			w := wc.start(t, src)
			defer w.Close()
			for _, st := range steps {
				st.do(t, src)
				// A change is seen well within a second; none comes
				// within 300 ms, fifteen polls.
				wait := 300 * time.Millisecond
				if st.change {
					wait = 5 * time.Second
				}
				select {
				case name := <-w.Changes():
					if !st.change {
						t.Errorf("%s: seen as a change of %s", st.name, name)
					}
				case <-time.After(wait):
					if st.change {
						t.Errorf("%s: no change seen", st.name)
					}
				}
				// The rest of a save's events, before the next step.
				time.Sleep(100 * time.Millisecond)
				select {
				case <-w.Changes():
				default:
				}
			}
		})
	}
}
