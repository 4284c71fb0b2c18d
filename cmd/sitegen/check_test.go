package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes files (path → text) under dir.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const checkSite = `[site]
title = "Thử"
root = "khoi"

[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"

[[cell]]
id = "pxsx"
name = "Chi bộ Phân xưởng"
kind = "chi-bo-co-so"
parent = "khoi"
`

func TestCheckSample(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-src", "../.."}, &stdout, &stderr); code != 0 {
		t.Errorf("check of the sample site: exit %d, want 0; stderr:\n%s", code, stderr.String())
	}
	if stderr.Len() > 0 || stdout.Len() > 0 {
		t.Errorf("the sample site must pass with no message; got:\n%s%s", stdout.String(), stderr.String())
	}
}

func TestCheckErrors(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, filepath.Join(dir, "site"), map[string]string{
		"data/site.toml": checkSite,
		"data/2017.toml": "[[admission]]\ncell = \"pxsx\"\nyear = 2017\nadmitted = 5.921\n",
		"data/a/b.toml":  "[[membership]]\ncell = \"pxs\"\ndate = \"31/12/2022\"\nmembers = 3\n",
	})
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-src", "site"}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	// Every error, sorted by file and line, with the path as the user typed it.
	want := `site/data/2017.toml:4:1: admission cell="pxsx" year=2017: admitted = 5.921 có dấu phân cách hàng nghìn; viết 5921, không có dấu chấm hay dấu phẩy
site/data/a/b.toml:2:1: membership cell="pxs" date="31/12/2022": tổ chức đảng "pxs" không tồn tại; có phải là "pxsx"?
site/data/a/b.toml:3:1: membership cell="pxs" date="31/12/2022": date = "31/12/2022" viết theo kiểu ngày/tháng/năm; viết date = 2022-12-31, không có dấu ngoặc kép
`
	if got := stderr.String(); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout: %q, want nothing", stdout.String())
	}

	// Run from inside the site, paths start at data/.
	t.Chdir(filepath.Join(dir, "site"))
	stderr.Reset()
	run([]string{"check"}, &stdout, &stderr)
	if !strings.HasPrefix(stderr.String(), "data/2017.toml:4:1: ") {
		t.Errorf("from the site folder: %q", stderr.String())
	}
}

func TestCheckWarningsPass(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"data/site.toml": strings.Replace(checkSite, `root = "khoi"`, "root = \"khoi\"\nlanguage = \"en\"", 1),
		"data/2017.toml": "[[admission]]\ncell = \"khoi\"\nyear = 2017\nadmitted = 5\nsource = \"S\"\n\n[[admission]]\ncell = \"pxsx\"\nyear = 2017\nadmitted = 6\nsource = \"S\"\n",
	})
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-src", dir}, &stdout, &stderr); code != 0 {
		t.Errorf("exit %d with only a warning, want 0; stderr:\n%s", code, stderr.String())
	}
	want := filepath.ToSlash(dir) + `/data/2017.toml:4:1: warning: admission cell="khoi" year=2017: admitted = 5 is less than 6, the sum of its sub-cells (1 with a figure); check admitted of this cell and of its sub-cells` + "\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
}

func TestCheckUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"chek"}, 2},
		{[]string{"check", "-x"}, 2},
		{[]string{"check", "extra"}, 2},
		{[]string{"check", "-src"}, 2},
		{[]string{"help"}, 0},
		{[]string{"-h"}, 0},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != tt.code {
			t.Errorf("sitegen %v: exit %d, want %d", tt.args, code, tt.code)
		}
		if out := stdout.String() + stderr.String(); !strings.Contains(out, "sitegen check") {
			t.Errorf("sitegen %v does not say how to use it: %q", tt.args, out)
		}
	}
}

func TestCheckNoData(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-src", dir}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d without data/, want 1", code)
	}
	if want := filepath.ToSlash(dir) + "/data: không tìm thấy thư mục data/; chạy lệnh trong thư mục của trang, hoặc chỉ ra thư mục đó bằng -src\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}
