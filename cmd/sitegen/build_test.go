package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sitegen/internal/testsite"
)

func TestBuildCommand(t *testing.T) {
	src := t.TempDir()
	if err := testsite.WriteDir(testsite.Generate(30, 3, 20, 1), src); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-src", src}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	// In the site's language (the generated site is Vietnamese).
	line := regexp.MustCompile(`^đã dựng [1-9][0-9]* trang vào (.+) trong [0-9]+,[0-9]{2} giây\n$`)
	m := line.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("stdout %q, want one line `đã dựng N trang vào DIR/ trong 0,12 giây`", stdout.String())
	}
	if want := filepath.Join(src, "public") + "/"; m[1] != want {
		t.Errorf("it says it built into %s, want %s", m[1], want)
	}
	index := filepath.Join(src, "public", "index.html")
	before, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}

	// An error in data/: exit 1, the error printed, public/ untouched.
	cells := filepath.Join(src, "data", "cells.toml")
	b, _ := os.ReadFile(cells)
	if err := os.WriteFile(cells, append(b, "\n[[cell]]\nid = \"Sai Ma\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "-src", src}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d with an error in data/, want 1", code)
	}
	if !strings.Contains(stderr.String(), "cells.toml:") {
		t.Errorf("stderr does not name the file: %q", stderr.String())
	}
	if stdout.Len() > 0 {
		t.Errorf("a failed build printed %q", stdout.String())
	}
	if after, err := os.ReadFile(index); err != nil || !bytes.Equal(before, after) {
		t.Errorf("a failed build changed public/index.html (%v)", err)
	}
}

func TestBuildCommandOut(t *testing.T) {
	src := t.TempDir()
	if err := testsite.WriteDir(testsite.Generate(10, 2, 5, 1), src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "www")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-src", src, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("with -out, public/ was written too")
	}
	// Refused: the output is the site folder.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "-src", src, "-out", src}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d for -out the site folder, want 1", code)
	}
	if !strings.Contains(stderr.String(), "chính là thư mục của trang") {
		t.Errorf("stderr %q does not explain the refusal", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(src, "data")); err != nil {
		t.Errorf("data/ is gone after a refused build: %v", err)
	}
}

func TestBuildCommandUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "extra"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit %d for a stray argument, want 2", code)
	}
}

// TestBuildCommandKeepsOthersFiles: sitegen build -out /var/www/html,
// where that folder holds the web server's index.html and another site's
// folder, used to exit 0 and delete them. It now exits 1, names what
// the build did not write, in the site's language, and deletes nothing;
// with -force it replaces the folder, and the next build needs no
// -force.
func TestBuildCommandKeepsOthersFiles(t *testing.T) {
	src := t.TempDir()
	if err := testsite.WriteDir(testsite.Generate(10, 2, 5, 1), src); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(t.TempDir(), "html")
	report := filepath.Join(html, "other-site", "report.pdf")
	for _, f := range []string{filepath.Join(html, "index.html"), report} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("not sitegen's"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-src", src, "-out", html}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d for a folder of others' files, want 1", code)
	}
	want := "sitegen build: thư mục đầu ra " + html + " đã có tệp (index.html, …) nhưng không có .sitegen/manifest"
	if !strings.HasPrefix(stderr.String(), want) || !strings.Contains(stderr.String(), "-force") {
		t.Errorf("stderr %q, want it to start %q and say what -force does", stderr.String(), want)
	}
	if b, err := os.ReadFile(report); err != nil || string(b) != "not sitegen's" {
		t.Fatalf("the other site's file after a refused build: %q, %v", b, err)
	}

	// Once built (with -force, the admin having looked), a file put
	// there since is named.
	stderr.Reset()
	if code := run([]string{"build", "-src", src, "-out", html, "-force"}, &stdout, &stderr); code != 0 {
		t.Fatalf("with -force: exit %d; stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(report); err == nil {
		t.Error("with -force, the folder was not replaced")
	}
	if err := os.WriteFile(filepath.Join(html, "ghi-chu.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"build", "-src", src, "-out", html}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "thư mục đầu ra "+html+" có ghi-chu.txt, không do sitegen ghi ra") {
		t.Errorf("a file added to a built output: exit %d, stderr %q", code, stderr.String())
	}
	if err := os.Remove(filepath.Join(html, "ghi-chu.txt")); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"build", "-src", src, "-out", html}, &stdout, &stderr); code != 0 {
		t.Errorf("a build over its own output: exit %d; stderr:\n%s", code, stderr.String())
	}
}
