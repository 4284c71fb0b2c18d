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
