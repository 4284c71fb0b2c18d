package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"sitegen/internal/data"
)

// TestLoadKept: loads one after another through one Kept, the site
// edited between them, give what a fresh Load gives (every article's
// body, every message), and take from the Kept exactly the articles
// whose file and whose figures are unchanged, which had no message of
// their own.
func TestLoadKept(t *testing.T) {
	fsys := mapSite(t)
	article := func(title, text string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = 2018-02-03\n+++\n" + text + "\n")}
	}
	fsys["content/a.md"] = article("a", "Kết nạp {{ admitted prime-group 2017 }} đảng viên.")
	fsys["content/b.md"] = article("b", "Kết nạp {{ admitted in-phuc-yen 2016 }} đảng viên.")
	fsys["content/c.md"] = article("c", "Kết nạp {{ admitted khong-co 2017 }} đảng viên.") // an error of its own: never kept
	fsys["content/d.md"] = article("d", "{{ chart admissions prime-group }}")
	fsys["data/moi.toml"] = &fstest.MapFile{Data: []byte("[[admission]]\ncell = \"moi\"\nyear = 2019\nadmitted = 3\nsource = \"x\"\n")}
	fsys["content/f.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"f\"\ndate = 2020-02-03\n+++\nKết nạp {{ admitted moi 2019 }} đảng viên.\n")}
	setData := func(name, old, new string) func() { return replacing(t, fsys, name, old, new) }
	const prime2017 = "cell = \"prime-group\"\nyear = 2017\nadmitted = 17\n"
	steps := []struct {
		name   string
		change func()
		kept   []string // the articles taken from the Kept
	}{
		{"first load", func() {}, nil},
		{"nothing changed", func() {}, []string{"a", "b", "d", "f"}},
		{"a count a cites", setData("data/figures.toml", prime2017, "cell = \"prime-group\"\nyear = 2017\nadmitted = 19\n"), []string{"b", "d", "f"}},
		{"a count none cites", setData("data/figures.toml", "cell = \"chinh-xac-vn1\"\nyear = 2017\nadmitted = 1\n", "cell = \"chinh-xac-vn1\"\nyear = 2017\nadmitted = 4\n"), []string{"a", "b", "d", "f"}},
		// data.Same: only f's figures are asked again.
		{"a count f cites, in a file of its own", setData("data/moi.toml", "admitted = 3", "admitted = 5"), []string{"a", "b", "d"}},
		{"an article's text", func() { fsys["content/b.md"] = article("b", "Kết nạp {{ admitted in-phuc-yen 2016 }} người.") }, []string{"a", "d", "f"}},
		{"the same bytes written again", func() { fsys["content/a.md"] = &fstest.MapFile{Data: slices.Clone(fsys["content/a.md"].Data)} }, []string{"a", "b", "d", "f"}},
		{"a slug taken by another article", func() {
			fsys["content/e.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"e\"\ndate = 2018-02-03\nslug = \"a\"\n+++\nChữ.\n")}
		}, []string{"a", "b", "d", "f"}},
		{"the slug given back", func() { delete(fsys, "content/e.md") }, []string{"a", "b", "d", "f"}},
		{"the cell a chart draws gone", setData("data/site.toml", "id = \"prime-group\"", "id = \"prime-group-2\""), []string{"b", "f"}},
		{"the cell back", setData("data/site.toml", "id = \"prime-group-2\"", "id = \"prime-group\""), []string{"b", "f"}},
		{"an article deleted", func() { delete(fsys, "content/b.md") }, []string{"a", "d", "f"}},
		{"the site in English", setData("data/site.toml", "[site]\n", "[site]\nlanguage = \"en\"\n"), nil},
	}
	var k Kept
	var dk data.Kept // as serve loads: data.Same tells which figures need no asking again
	last := map[string]*Article{}
	for _, step := range steps {
		step.change()
		d, diags := data.LoadKept(fsys, "", &dk)
		if d == nil {
			t.Fatalf("%s: no data: %v", step.name, diags)
		}
		got, gotDiags := LoadKept(fsys, "", d, &k)
		want, wantDiags := Load(fsys, "", d)
		if g, w := gotDiags.Error(), wantDiags.Error(); g != w {
			t.Errorf("%s: messages\n%s\nwant a fresh load's\n%s", step.name, g, w)
		}
		var kept []string
		now := map[string]*Article{}
		if len(got) != len(want) {
			t.Errorf("%s: %d articles, a fresh load %d", step.name, len(got), len(want))
			continue
		}
		for i, a := range got {
			if a.Path != want[i].Path || a.Slug != want[i].Slug || body(a) != body(want[i]) {
				t.Errorf("%s: article %s (%s):\n%s\nwant a fresh load's %s (%s):\n%s", step.name, a.Path, a.Slug, body(a), want[i].Path, want[i].Slug, body(want[i]))
			}
			if last[a.Path] == a {
				kept = append(kept, strings.TrimSuffix(strings.TrimPrefix(a.Path, "content/"), ".md"))
			}
			now[a.Path] = a
		}
		slices.Sort(kept)
		if !slices.Equal(kept, step.kept) {
			t.Errorf("%s: kept %q, want %q", step.name, kept, step.kept)
		}
		last = now
	}
}

// TestLoadKeptUnread: an article whose file the file system says was
// not written since it was read, well after it was last written, is
// kept without reading it; one written since, even to the same size,
// is read again; and one read shortly after it was written is read
// each time.
func TestLoadKeptUnread(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are told unchanged by their stat on Linux only")
	}
	dir := t.TempDir()
	base, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := txtar.Parse(base).Files
	for _, name := range []string{"a", "b"} {
		files = append(files, txtar.File{Name: "content/" + name + ".md", Data: []byte("+++\ntitle = \"" + name + "\"\ndate = 2018-02-03\n+++\nKết nạp {{ admitted prime-group 2017 }} đảng viên.\n")})
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := &countReads{FS: os.DirFS(dir)}
	d, diags := data.Load(fsys, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	load := func(k *Kept) (reads int, bodies string) {
		fsys.n = 0
		arts, diags := LoadKept(fsys, "", d, k)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		var b strings.Builder
		for _, a := range arts {
			b.WriteString(body(a))
		}
		return fsys.n, b.String()
	}

	// Files written within the racy wait (an hour here, not to depend on
	// how fast the machine is) are read each time.
	fresh := &Kept{racy: time.Hour}
	for i := range 2 {
		if reads, _ := load(fresh); reads != 2 {
			t.Errorf("load %d of files written just now read %d articles, want 2", i+1, reads)
		}
	}

	k := &Kept{racy: time.Nanosecond}
	time.Sleep(20 * time.Millisecond) // past the file system's clock tick
	if reads, _ := load(k); reads != 2 {
		t.Errorf("first load read %d articles, want 2", reads)
	}
	if reads, _ := load(k); reads != 0 {
		t.Errorf("load of unchanged files read %d articles, want 0", reads)
	}
	a := filepath.Join(dir, "content", "a.md")
	src, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(a, bytes.Replace(src, []byte("Kết nạp"), []byte("Kết nạ!"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	reads, bodies := load(k)
	if reads != 1 {
		t.Errorf("load after a.md was written read %d articles, want 1", reads)
	}
	if !strings.Contains(bodies, "Kết nạ!") {
		t.Errorf("a.md written to the same size is not read again:\n%s", bodies)
	}

	// The count both cite changed: the unchanged b.md is read (once) and
	// made again with it.
	figures := filepath.Join(dir, "data", "figures.toml")
	fb, err := os.ReadFile(figures)
	if err != nil {
		t.Fatal(err)
	}
	const was, now = "cell = \"prime-group\"\nyear = 2017\nadmitted = 17\n", "cell = \"prime-group\"\nyear = 2017\nadmitted = 19\n"
	if !bytes.Contains(fb, []byte(was)) {
		t.Fatalf("data/figures.toml has no %q", was)
	}
	if err := os.WriteFile(figures, bytes.Replace(fb, []byte(was), []byte(now), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if d, diags = data.Load(fsys, ""); diags.HasErrors() {
		t.Fatal(diags)
	}
	reads, bodies = load(k)
	if reads != 2 {
		t.Errorf("load after a cited count changed read %d articles, want 2", reads)
	}
	if strings.Count(bodies, "19") != 2 {
		t.Errorf("the articles do not both cite the new count 19:\n%s", bodies)
	}
}

// countReads counts the articles read from an FS.
type countReads struct {
	fs.FS
	mu sync.Mutex
	n  int
}

func (c *countReads) ReadFile(name string) ([]byte, error) {
	if strings.HasPrefix(name, "content/") {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
	return fs.ReadFile(c.FS, name)
}
