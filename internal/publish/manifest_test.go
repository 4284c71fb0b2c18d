package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readManifestFile reads the manifest of the output out, failing the
// test when there is none or it is not one a build wrote.
func readManifestFile(t *testing.T, out string) (manifest, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(ManifestName)))
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseManifest(b)
	if err != nil {
		t.Fatalf("the manifest of %s: %v\n%s", out, err, b)
	}
	return m, string(b)
}

// TestManifestListsEveryFileWritten: the manifest lists every file the
// build wrote, sorted, each with the SHA-256 of its bytes, and the same
// files give the same manifest.
func TestManifestListsEveryFileWritten(t *testing.T) {
	files := map[string]string{
		"index.html":               "home",
		"don-vi/khoi/index.html":   "cell",
		"assets/site.1a2b3c4d.css": "css",
		"bai-viet/a/anh.jpg":       "a picture the render wrote beside a page",
	}
	var texts []string
	for range 2 {
		out := filepath.Join(t.TempDir(), "public")
		build(t, out, files)
		_, text := readManifestFile(t, out)
		texts = append(texts, text)
	}
	sum := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return hex.EncodeToString(h[:])
	}
	want := "# sitegen manifest 1\n" +
		sum("css") + " written assets/site.1a2b3c4d.css\n" +
		sum("a picture the render wrote beside a page") + " written bai-viet/a/anh.jpg\n" +
		sum("cell") + " written don-vi/khoi/index.html\n" +
		sum("home") + " written index.html\n"
	if texts[0] != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", texts[0], want)
	}
	if texts[1] != texts[0] {
		t.Errorf("the same files gave another manifest:\n%s\nthen\n%s", texts[0], texts[1])
	}
}

func TestParseManifest(t *testing.T) {
	m := manifest{
		"index.html":                          {sum: sha256.Sum256([]byte("a"))},
		"assets/site.1a2b3c4d.css":            {sum: sha256.Sum256([]byte("b")), carried: 3},
		"bai-viet/tên có dấu cách/index.html": {sum: sha256.Sum256([]byte("c"))},
	}
	got, err := parseManifest(m.encode())
	if err != nil || fmt.Sprint(got) != fmt.Sprint(m) {
		t.Errorf("parse(encode(m)) = %v, %v; want %v", got, err, m)
	}
	h := hex.EncodeToString(make([]byte, 32))
	for _, bad := range []string{
		"",
		"index.html\n",
		"# sitegen manifest 2\n",
		"# sitegen manifest 1\n" + h + " written index.html",          // no newline at the end: cut short
		"# sitegen manifest 1\n" + h[2:] + " written index.html\n",    // short hash
		"# sitegen manifest 1\n" + h + "00 written index.html\n",      // long hash: FuzzParseManifest found it panicked
		"# sitegen manifest 1\n" + h + " copied index.html\n",         // unknown kind
		"# sitegen manifest 1\n" + h + " carried-0 index.html\n",      // carried from no build back
		"# sitegen manifest 1\n" + h + " written ../etc/passwd\n",     // out of the output
		"# sitegen manifest 1\n" + h + " written .sitegen/manifest\n", // the manifest itself
		"# sitegen manifest 1\n" + h + " written a\n" + h + " written a\n",
	} {
		if _, err := parseManifest([]byte(bad)); err == nil {
			t.Errorf("parseManifest(%q): no error", bad)
		}
	}
}

// TestWriteFileRefusesManifestNames: the render cannot write into the
// manifest's folder, nor a name the manifest could not hold on a line.
func TestWriteFileRefusesManifestNames(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for _, name := range []string{".sitegen/manifest", ".sitegen", ".sitegen/x.html", "a\nb.html", "a\rb.html", "tab\there.html"} {
		if err := tx.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q): no error", name)
		}
	}
}

// TestCommitRefusesWhatTheBuildDidNotWrite: a file put into the output
// while a build runs (or a folder of another site under the same web
// root) stops the swap: nothing is deleted, the output is as it was.
// With Force the build replaces it.
func TestCommitRefusesWhatTheBuildDidNotWrite(t *testing.T) {
	tx, asItWas := published(t)
	stray := filepath.Join(tx.out, "other-site", "report.pdf")
	if err := os.MkdirAll(filepath.Dir(stray), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stray, []byte("someone's"), 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, tx, map[string]string{"index.html": "new"})
	err := tx.Commit()
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Key != "publish.out.stray" || oe.Args[1] != "other-site/" {
		t.Fatalf("Commit: %v, want the refusal publish.out.stray naming other-site/", err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(stray); err != nil || string(b) != "someone's" {
		t.Fatalf("the file the build did not write: %q, %v", b, err)
	}
	if err := os.RemoveAll(filepath.Dir(stray)); err != nil {
		t.Fatal(err)
	}
	asItWas()

	if err := os.MkdirAll(filepath.Dir(stray), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stray, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	buildWith(t, tx.out, Options{Force: true}, map[string]string{"index.html": "forced"})
	if _, err := os.Stat(stray); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("with Force, the stray file is still there: %v", err)
	}
	if m, _ := readManifestFile(t, tx.out); len(m) != 1 {
		t.Errorf("manifest after Force: %v, want index.html only", m)
	}
}

func TestHashedAsset(t *testing.T) {
	for name, want := range map[string]bool{
		"assets/site.1a2b3c4d.css":          true,
		"assets/site.1a2b3c4d.js":           true,
		"assets/echarts.1a2b3c4d.min.js":    true,
		"media/1a2b3c4d.png":                true,
		"media/bieu-do.1a2b3c4d.png":        true,
		"assets/site.css":                   false,
		"assets/site.1A2B3C4D.css":          false,
		"assets/site.1a2b3c4.css":           false,
		"assets/vendor/echarts/LICENSE":     false,
		"assets/x/site.1a2b3c4d.css":        false,
		"index.1a2b3c4d.html":               false,
		"don-vi/assets/site.1a2b3c4d.css":   false,
		"du-lieu/chart-admissions-khoi.csv": false,
	} {
		if got := HashedAsset(name); got != want {
			t.Errorf("HashedAsset(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestHashedAssetsCarried: a page loaded just before a swap asks next
// for the assets it names, of its own build. The new output keeps the
// hashed assets of the outputs before it, for Carry builds after the
// last that wrote them, listed as carried; pages and other files of an
// old build are gone as before.
func TestHashedAssetsCarried(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	builds := []map[string]string{
		{"index.html": "1", "assets/site.11111111.css": "css 1", "media/anh.aaaaaaaa.jpg": "jpg", "nam/2017/index.html": "2017"},
		{"index.html": "2", "assets/site.22222222.css": "css 2"},
		{"index.html": "3", "assets/site.22222222.css": "css 2"},
		{"index.html": "4", "assets/site.44444444.css": "css 4"},
	}
	want := []map[string]string{
		{"assets/site.11111111.css": "written", "index.html": "written", "media/anh.aaaaaaaa.jpg": "written", "nam/2017/index.html": "written"},
		{"assets/site.11111111.css": "carried-1", "assets/site.22222222.css": "written", "index.html": "written", "media/anh.aaaaaaaa.jpg": "carried-1"},
		{"assets/site.11111111.css": "carried-2", "assets/site.22222222.css": "written", "index.html": "written", "media/anh.aaaaaaaa.jpg": "carried-2"},
		// Carry 2: the assets of the first build are three builds back.
		{"assets/site.22222222.css": "carried-1", "assets/site.44444444.css": "written", "index.html": "written"},
	}
	for i, files := range builds {
		buildWith(t, out, Options{Carry: 2}, files)
		m, _ := readManifestFile(t, out)
		got := make(map[string]string)
		for name, e := range m {
			got[name] = "written"
			if e.carried > 0 {
				got[name] = fmt.Sprintf("carried-%d", e.carried)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want[i]) {
			t.Errorf("after build %d: manifest %v, want %v", i+1, got, want[i])
		}
		files := tree(t, out)
		for name := range want[i] {
			if _, ok := files[name]; !ok {
				t.Errorf("after build %d: %s is listed but not there", i+1, name)
			}
		}
		if _, ok := files["nam/2017/index.html"]; ok != (i == 0) {
			t.Errorf("after build %d: nam/2017/index.html there: %v", i+1, ok)
		}
	}
}

// TestCarryTakesOnlyWhatTheManifestSays: an asset of the previous output
// whose bytes are no longer those its manifest lists is not carried;
// with Carry < 0 nothing is.
func TestCarryTakesOnlyWhatTheManifestSays(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, map[string]string{"assets/site.11111111.css": "css 1", "assets/site.11111111.js": "js 1"})
	if err := os.WriteFile(filepath.Join(out, "assets", "site.11111111.js"), []byte("changed by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, out, map[string]string{"assets/site.22222222.css": "css 2"})
	m, _ := readManifestFile(t, out)
	if got := slicesSorted(m); !slices.Equal(got, []string{"assets/site.11111111.css", "assets/site.22222222.css"}) {
		t.Errorf("carried %v, want only the file as its manifest lists it", got)
	}
	buildWith(t, out, Options{Carry: -1}, map[string]string{"assets/site.33333333.css": "css 3"})
	m, _ = readManifestFile(t, out)
	if got := slicesSorted(m); !slices.Equal(got, []string{"assets/site.33333333.css"}) {
		t.Errorf("with Carry -1: %v", got)
	}
}

func slicesSorted(m manifest) []string {
	var names []string
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// TestOwnedNamesTheStray: the message names the output and what the
// build did not write, and says what to do.
func TestOwnedNamesTheStray(t *testing.T) {
	out := filepath.Join(t.TempDir(), "html")
	build(t, out, map[string]string{"index.html": "x"})
	if err := os.WriteFile(filepath.Join(out, "ghi-chu.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := owned(out, out)
	for _, want := range []string{out, "ghi-chu.txt", ".sitegen/manifest", "-force"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not say %q", err, want)
		}
	}
}

// FuzzParseManifest feeds parseManifest any bytes: it must not panic,
// a manifest it accepts names only files inside the output and never
// the manifest itself (a build deletes by it), and the manifest written
// again from it reads back the same.
func FuzzParseManifest(f *testing.F) {
	h := hex.EncodeToString(make([]byte, sha256.Size))
	f.Add([]byte(manifestHeader + "\n" + h + " written index.html\n" + h + " carried-2 assets/site.1a2b3c4d.css\n"))
	f.Add([]byte(manifestHeader + "\n" + h + " written bai-viet/tên có dấu cách/index.html\n"))
	f.Add([]byte(manifestHeader + "\n" + h + " carried-01 a\n"))
	f.Add([]byte(manifestHeader + "\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseManifest(b)
		if err != nil {
			return
		}
		for name := range m {
			if !validName(name) || !filepath.IsLocal(filepath.FromSlash(name)) || name == ManifestName {
				t.Errorf("parseManifest(%q) accepted the file %q", b, name)
			}
		}
		again, err := parseManifest(m.encode())
		if err != nil || fmt.Sprint(again) != fmt.Sprint(m) {
			t.Errorf("parseManifest(%q) = %v; written again it reads %v, %v", b, m, again, err)
		}
	})
}
