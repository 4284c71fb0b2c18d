package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/scaffold"
)

// TestNewThenCheck: a new site checks with no message, in both
// languages, the flag before or after the folder.
func TestNewThenCheck(t *testing.T) {
	for _, tt := range []struct{ before, after []string }{
		{nil, nil},
		{[]string{"-lang", "vi"}, nil},
		{[]string{"-lang", "en"}, nil},
		{nil, []string{"-lang", "en"}},
	} {
		dir := filepath.Join(t.TempDir(), "a", "trang")
		args := append(append(append([]string{"new"}, tt.before...), dir), tt.after...)
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("sitegen %v: exit %d; stderr:\n%s", args, code, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("sitegen %v wrote to stderr: %q", args, stderr.String())
		}
		stdout.Reset()
		if code := run([]string{"check", "-src", dir}, &stdout, &stderr); code != 0 || stdout.Len()+stderr.Len() > 0 {
			t.Errorf("check after sitegen %v: exit %d, %q%q", args, code, stdout.String(), stderr.String())
		}
	}
}

// TestNewThenBuild: a new site builds at once; the command says what it
// made and what to do next, in the site's language.
func TestNewThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trang")
	t.Chdir(filepath.Dir(dir))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "trang"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	want := "đã tạo một trang mẫu trong trang/\ndựng trang bằng sitegen build -src trang, rồi mở trang/public/index.html\n"
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
	stdout.Reset()
	// The new site is not in git yet, and the build says so: its data
	// version is a hash. Nothing else.
	if code := run([]string{"build", "-src", "trang"}, &stdout, &stderr); code != 0 || strings.Count(stderr.String(), "\n") != 1 ||
		!strings.HasPrefix(stderr.String(), "trang/data/: warning: phiên bản dữ liệu là sha256:") || !strings.Contains(stderr.String(), "không nằm trong một kho git") {
		t.Fatalf("build: exit %d; stderr:\n%s", code, stderr.String())
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "bai-viet", "ket-qua-2024", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`href="../../don-vi/khoi/index.html#admitted-2024"`)) {
		t.Errorf("the article's page does not link its figure to don-vi/khoi/#admitted-2024")
	}
	for _, p := range []string{"index.html", "don-vi/khoi/index.html", "don-vi/cong-ty-a/index.html", "nam/2024/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(p))); err != nil {
			t.Error(err)
		}
	}
}

// TestNewRefusesNonEmpty: exit 1, a message in the language asked for,
// and the folder left as it was.
func TestNewRefusesNonEmpty(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "trang"}, "trang: thư mục đã có và không trống; sitegen new chỉ tạo trang trong thư mục mới hoặc trống, để không ghi đè lên tệp nào; chọn tên thư mục khác, hoặc dời các tệp trong đó đi nơi khác\n"},
		{[]string{"new", "-lang", "en", "trang"}, "trang: the folder exists and is not empty; sitegen new writes only into a new or empty folder, so that it replaces no file; choose another name, or move the files in it elsewhere\n"},
	} {
		parent := t.TempDir()
		t.Chdir(parent)
		writeSite(t, "trang", map[string]string{"data/site.toml": "[site]\n"})
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != 1 {
			t.Errorf("sitegen %v into a non-empty folder: exit %d, want 1", tt.args, code)
		}
		if stderr.String() != tt.want || stdout.Len() > 0 {
			t.Errorf("sitegen %v: stderr %q, stdout %q; want stderr %q", tt.args, stderr.String(), stdout.String(), tt.want)
		}
		entries, _ := os.ReadDir("trang")
		b, _ := os.ReadFile("trang/data/site.toml")
		if len(entries) != 1 || string(b) != "[site]\n" {
			t.Errorf("sitegen %v changed the refused folder", tt.args)
		}
	}
}

func TestNewUsage(t *testing.T) {
	t.Chdir(t.TempDir())
	file := filepath.Join(t.TempDir(), "tep")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"new"}, 2, "sitegen new [-lang vi|en] DIR"},
		{[]string{"new", "a", "b"}, 2, `unexpected argument "b"`},
		{[]string{"new", "-lang", "fr", "a"}, 2, `không có trang mẫu bằng ngôn ngữ "fr"; ghi -lang với một trong các ngôn ngữ: vi, en`},
		{[]string{"new", "-x", "a"}, 2, "-x"},
		{[]string{"new", file}, 1, "đây là một tệp, không phải thư mục"},
		{[]string{"help"}, 0, "sitegen new [-lang vi|en] DIR"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != tt.code {
			t.Errorf("sitegen %v: exit %d, want %d", tt.args, code, tt.code)
		}
		if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.says) {
			t.Errorf("sitegen %v says %q; want it to say %q", tt.args, out, tt.says)
		}
		if tt.code == 2 {
			if _, err := os.Stat("a"); err == nil {
				t.Errorf("sitegen %v made the folder", tt.args)
			}
		}
	}
}

// TestNewIgnoresWhatBuildWrites: in a new site kept in git, a build leaves
// `git status` clean, in every language: the output and the lock beside
// it are in the scaffold's .gitignore, so no clerk commits them.
func TestNewIgnoresWhatBuildWrites(t *testing.T) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	for _, lang := range scaffold.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"new", "-lang", string(lang), "trang"}, &stdout, &stderr); code != 0 {
				t.Fatalf("new: exit %d; stderr:\n%s", code, stderr.String())
			}
			git := func(args ...string) string {
				cmd := exec.Command(gitPath, append([]string{"-C", "trang"}, args...)...)
				cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@a", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@a")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("git %v: %v\n%s", args, err, out)
				}
				return string(out)
			}
			git("init", "-q")
			git("add", "-A")
			git("commit", "-qm", "new site")
			if code := run([]string{"build", "-src", "trang"}, &stdout, &stderr); code != 0 {
				t.Fatalf("build: exit %d; stderr:\n%s", code, stderr.String())
			}
			if status := git("status", "--porcelain", "--ignored=no"); status != "" {
				t.Errorf("after a build, git status shows files the build wrote:\n%s", status)
			}
		})
	}
}
