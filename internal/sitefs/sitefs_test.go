package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sitegen/internal/i18n"
	"sitegen/internal/sitefs/sitefstest"
)

// write makes files (slash path → text) under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if err := os.CopyFS(dir, m); err != nil {
		t.Fatal(err)
	}
}

// folders makes a site folder and a folder beside it, outside the site,
// each holding a file.
func folders(t *testing.T) (site, outside string) {
	t.Helper()
	dir := t.TempDir()
	site, outside = filepath.Join(dir, "site"), filepath.Join(dir, "secret")
	write(t, site, map[string]string{
		"data/a.toml":               "a = 1\n",
		"content/bai.md":            "+++\n+++\nbài\n",
		"templates/assets/site.css": "body {}\n",
	})
	write(t, outside, map[string]string{"key.txt": "the server's secret\n"})
	return site, outside
}

// isRefused asserts that err is an *Error of kind at path pointing to target.
func isRefused(t *testing.T, what string, err error, kind Kind, path, target string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: err = %v, want an *Error", what, err)
		return
	}
	if e.Kind != kind || e.Path != path || e.Target != target {
		t.Errorf("%s: %#v, want kind %d at %s to %q", what, e, kind, path, target)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s: %v is fs.ErrNotExist, which a caller takes for no file", what, err)
	}
}

// every opens name each way an FS can and hands over each error.
func every(f *FS, name string, check func(how string, err error)) {
	_, err := f.ReadFile(name)
	check("ReadFile", err)
	file, err := f.Open(name)
	if err == nil {
		file.Close()
	}
	check("Open", err)
	_, err = f.Stat(name)
	check("Stat", err)
}

func TestFS(t *testing.T) {
	site, _ := folders(t)
	if err := fstest.TestFS(New(site), "data/a.toml", "content/bai.md", "templates/assets/site.css"); err != nil {
		t.Fatal(err)
	}
}

func TestLinkOutsideIsRefused(t *testing.T) {
	site, outside := folders(t)
	key := filepath.Join(outside, "key.txt")
	links := map[string]string{ // link → target
		"data/leak.toml":             key,
		"content/leak.md":            key,
		"templates/home.html":        key,
		"templates/assets/site.js":   filepath.Join("..", "..", "..", "secret", "key.txt"),
		"content/nothing-there.md":   filepath.Join(outside, "none.md"), // dangling, but out of the site first
		"content/twice.md":           "leak.md",                         // a link to a link out
		"data/zero.toml":             "/dev/zero",
		"templates/partials/up.html": "../../..",
	}
	for link, target := range links {
		sitefstest.Symlink(t, target, filepath.Join(site, filepath.FromSlash(link)))
	}
	f := New(site)
	for link, target := range links {
		every(f, link, func(how string, err error) { isRefused(t, how+" "+link, err, Outside, link, target) })
	}
}

func TestLinkedFolderOutsideIsRefused(t *testing.T) {
	site, outside := folders(t)
	sitefstest.Symlink(t, outside, filepath.Join(site, "templates", "partials"))
	if err := os.RemoveAll(filepath.Join(site, "data")); err != nil {
		t.Fatal(err)
	}
	sitefstest.Symlink(t, outside, filepath.Join(site, "data"))
	f := New(site)
	every(f, "templates/partials/key.txt", func(how string, err error) {
		isRefused(t, how, err, Outside, "templates/partials", outside)
	})
	every(f, "data", func(how string, err error) { isRefused(t, how, err, Outside, "data", outside) })
	_, err := f.ReadDir("data")
	isRefused(t, "ReadDir", err, Outside, "data", outside)

	var walked []string
	fs.WalkDir(f, "data", func(p string, d fs.DirEntry, err error) error {
		walked = append(walked, p)
		isRefused(t, "WalkDir", err, Outside, "data", outside)
		return err
	})
	if len(walked) != 1 {
		t.Errorf("WalkDir visited %v, want only data and its error", walked)
	}
}

// TestWalkReportsLinksOut: fs.WalkDir hands the walk function an *Error
// for a link out of the site in a folder it walks, file or folder, and
// does not descend into a linked folder inside the site, as over
// os.DirFS (the walk function sees it as a link, not a folder).
func TestWalkReportsLinksOut(t *testing.T) {
	site, outside := folders(t)
	write(t, site, map[string]string{"data/nested/b.toml": "b = 2\n"})
	sitefstest.Symlink(t, filepath.Join(outside, "key.txt"), filepath.Join(site, "data", "out.toml"))
	sitefstest.Symlink(t, outside, filepath.Join(site, "data", "sub"))
	sitefstest.Symlink(t, "a.toml", filepath.Join(site, "data", "in.toml"))
	sitefstest.Symlink(t, "nested", filepath.Join(site, "data", "innested"))
	var got []string
	err := fs.WalkDir(New(site), "data", func(p string, d fs.DirEntry, err error) error {
		var e *Error
		switch {
		case errors.As(err, &e):
			got = append(got, p+" refused: "+e.Path)
		case err != nil:
			t.Errorf("%s: %v", p, err)
		case !d.IsDir() && !strings.HasSuffix(p, ".toml"):
			got = append(got, p+" passed over")
		case !d.IsDir():
			b, err := fs.ReadFile(New(site), p)
			got = append(got, p+" read: "+strings.TrimSpace(string(b)))
			if err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"data/a.toml read: a = 1",
		"data/in.toml read: a = 1",
		"data/innested passed over",
		"data/nested/b.toml read: b = 2",
		"data/out.toml refused: data/out.toml",
		"data/sub refused: data/sub",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("walk:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLinkInsideIsRead(t *testing.T) {
	site, _ := folders(t)
	write(t, site, map[string]string{"shared/site.css": "shared {}\n"})
	sitefstest.Symlink(t, "bai.md", filepath.Join(site, "content", "alias.md"))
	sitefstest.Symlink(t, filepath.Join(site, "content", "alias.md"), filepath.Join(site, "content", "chain.md"))
	sitefstest.Symlink(t, filepath.Join("..", "shared"), filepath.Join(site, "templates", "partials"))
	// The site folder itself may be reached through a link.
	linked := filepath.Join(t.TempDir(), "linked")
	sitefstest.Symlink(t, site, linked)
	for _, root := range []string{site, linked} {
		f := New(root)
		for name, want := range map[string]string{
			"content/alias.md":            "+++\n+++\nbài\n",
			"content/chain.md":            "+++\n+++\nbài\n",
			"templates/partials/site.css": "shared {}\n",
		} {
			b, err := f.ReadFile(name)
			if err != nil || string(b) != want {
				t.Errorf("ReadFile(%s) in %s = %q, %v; want %q", name, root, b, err, want)
			}
			fi, err := f.Stat(name)
			if err != nil || fi.Name() != filepath.Base(name) || !fi.Mode().IsRegular() {
				t.Errorf("Stat(%s) = %v, %v; want the target's FileInfo under the link's name", name, fi, err)
			}
		}
	}
}

func TestDanglingLink(t *testing.T) {
	site, _ := folders(t)
	sitefstest.Symlink(t, "missing.html", filepath.Join(site, "templates", "home.html"))
	sitefstest.Symlink(t, "loop-b.md", filepath.Join(site, "content", "loop-a.md"))
	sitefstest.Symlink(t, "loop-a.md", filepath.Join(site, "content", "loop-b.md"))
	f := New(site)
	every(f, "templates/home.html", func(how string, err error) {
		isRefused(t, how, err, Dangling, "templates/home.html", "missing.html")
	})
	every(f, "content/loop-a.md", func(how string, err error) {
		isRefused(t, how, err, Dangling, "content/loop-a.md", "loop-b.md")
	})
	// A file that is not there is not there, as in os.DirFS.
	every(f, "templates/year.html", func(how string, err error) {
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s of a missing file: %v, want fs.ErrNotExist", how, err)
		}
	})
	every(New(filepath.Join(site, "none")), "data", func(how string, err error) {
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s in a missing site folder: %v, want fs.ErrNotExist", how, err)
		}
	})
}

func TestNamedPipeIsNotOpened(t *testing.T) {
	site, _ := folders(t)
	for _, name := range []string{"data/pipe.toml", "content/pipe.md", "templates/home.html"} {
		sitefstest.Mkfifo(t, filepath.Join(site, filepath.FromSlash(name)))
	}
	f := New(site)
	sitefstest.Within(t, 10*time.Second, func() {
		for _, name := range []string{"data/pipe.toml", "content/pipe.md", "templates/home.html"} {
			every(f, name, func(how string, err error) { isRefused(t, how+" "+name, err, NotRegular, name, "") })
		}
		var got []string
		fs.WalkDir(f, "data", func(p string, d fs.DirEntry, err error) error {
			got = append(got, p)
			return err
		})
		if strings.Join(got, " ") != "data data/a.toml data/pipe.toml" {
			t.Errorf("WalkDir visited %v", got)
		}
	})
}

// small sets the limit of data/ to n bytes for one test.
func small(t *testing.T, n int64) {
	old := limits["data"]
	limits["data"] = n
	t.Cleanup(func() { limits["data"] = old })
}

func TestLargeFileIsRefused(t *testing.T) {
	site, _ := folders(t)
	sitefstest.Sparse(t, filepath.Join(site, "data", "big.toml"), limits["data"]+1)
	sitefstest.Sparse(t, filepath.Join(site, "content", "big.md"), limits["content"]+1)
	sitefstest.Sparse(t, filepath.Join(site, "templates", "assets", "site.js"), limits["templates"]+1)
	sitefstest.Sparse(t, filepath.Join(site, "content", "just.md"), limits["content"])
	f := New(site)
	for _, name := range []string{"data/big.toml", "content/big.md", "templates/assets/site.js"} {
		every(f, name, func(how string, err error) { isRefused(t, how+" "+name, err, TooLarge, name, "") })
	}
	if b, err := f.ReadFile("content/just.md"); err != nil || len(b) != int(limits["content"]) {
		t.Errorf("a file of the limit's size: %d bytes, %v", len(b), err)
	}
}

func TestFileGrowingPastLimit(t *testing.T) {
	small(t, 10)
	site, _ := folders(t)
	p := filepath.Join(site, "data", "grows.toml")
	write(t, site, map[string]string{"data/grows.toml": "a = 1\n"})
	f, err := New(site).Open("data/grows.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteString(strings.Repeat("b = 2\n", 100))
	w.Close()
	b, err := io.ReadAll(f)
	isRefused(t, "Read", err, TooLarge, "data/grows.toml", "")
	if len(b) != 10 {
		t.Errorf("read %d bytes of a file that grew, want the limit, 10", len(b))
	}
}

func TestDiagnostic(t *testing.T) {
	for _, c := range []struct {
		err  *Error
		lang i18n.Lang
		want string
	}{
		{&Error{Path: "content/leak.md", Kind: Outside, Target: "/etc/passwd"}, i18n.EN,
			"site/content/leak.md: this is a symbolic link to /etc/passwd, outside the site folder; only files inside the site folder are read: put the file itself here, or point the link at a file inside the site folder"},
		{&Error{Path: "content/leak.md", Kind: Outside, Target: "/etc/passwd"}, i18n.VI,
			"site/content/leak.md: đây là liên kết tượng trưng (symlink) tới /etc/passwd, nằm ngoài thư mục của trang; chỉ tệp nằm trong thư mục của trang mới được đọc: hãy chép chính tệp đó vào đây, hoặc cho liên kết trỏ tới một tệp trong thư mục của trang"},
		{&Error{Path: "templates/home.html", Kind: Dangling, Target: "missing.html"}, i18n.EN,
			"site/templates/home.html: this is a symbolic link to missing.html, where there is no file; point the link at a file of the site folder, or remove it"},
		{&Error{Path: "data/pipe.toml", Kind: NotRegular}, i18n.VI,
			"site/data/pipe.toml: đây không phải tệp thông thường mà là ống dẫn có tên (named pipe), thiết bị hay socket; chỉ tệp thông thường và thư mục được đọc; hãy đặt một tệp vào chỗ đó, hoặc xóa nó đi"},
		{&Error{Path: "data/big.toml", Kind: TooLarge, Limit: 50 << 20}, i18n.EN,
			"site/data/big.toml: the file is larger than 50 MB, the limit for a file in data/; make it smaller; data may be split into several files of data/"},
		{&Error{Path: "data/big.toml", Kind: TooLarge, Limit: 50 << 20}, i18n.VI,
			"site/data/big.toml: tệp lớn hơn 50 MB, giới hạn cho một tệp trong data/; hãy làm tệp nhỏ lại; số liệu có thể chia ra nhiều tệp trong data/"},
	} {
		if got := c.err.Diagnostic(i18n.New(c.lang), "site").Error(); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.lang, got, c.want)
		}
	}
}
