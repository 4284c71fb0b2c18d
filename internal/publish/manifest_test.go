package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
