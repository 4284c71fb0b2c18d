package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sitegen/internal/i18n"
)

// TestDiskProblem: each refusal of the disk is said in the site's
// language with what to do, naming the file refused (or the folder when
// the error names none); the system's error stays underneath. Other
// errors are left as they are. The errors are made here, so the test
// does not depend on who runs it.
func TestDiskProblem(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "bao-cao")
	file := filepath.Join(folder, "releases", ".tmp-1-2", "index.html")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	who := runningAs()
	open := func(errno syscall.Errno) error {
		return fmt.Errorf("cannot write: %w", &fs.PathError{Op: "open", Path: file, Err: errno})
	}
	for _, c := range []struct {
		name   string
		err    error
		vi, en string // "" when err is left as it is
	}{
		{"permission denied", open(syscall.EACCES),
			"không ghi được " + file + ": người dùng chạy sitegen (" + who + ") không có quyền ghi vào đó; hãy giao thư mục cho người dùng này, ví dụ sudo mkdir -p " + folder + " && sudo chown -R " + who + " " + folder + ", hoặc chạy sitegen bằng người dùng sở hữu thư mục, rồi chạy lại lệnh",
			"cannot write " + file + ": the user sitegen runs as (" + who + ") may not write there; give that user the folder, e.g. sudo mkdir -p " + folder + " && sudo chown -R " + who + " " + folder + ", or run sitegen as the user that owns it, then run the command again"},
		{"a file not made", &fs.PathError{Op: "mkdir", Path: filepath.Join(folder, "releases", ".tmp-3-4"), Err: syscall.EACCES},
			"không ghi được " + filepath.Join(folder, "releases") + ": người dùng chạy sitegen (", "cannot write " + filepath.Join(folder, "releases") + ": the user sitegen runs as ("},
		{"operation not permitted", open(syscall.EPERM), "không ghi được " + file + ": người dùng chạy sitegen (", "cannot write " + file + ": the user sitegen runs as ("},
		{"no space left", open(syscall.ENOSPC),
			"không ghi được " + file + ": ổ đĩa đã hết chỗ trống (hoặc người dùng đã dùng hết hạn mức); hãy giải phóng dung lượng trên ổ đó (df -h " + folder + " cho biết còn trống bao nhiêu; sitegen publish -keep 2 giữ ít bản cũ hơn), rồi chạy lại lệnh",
			"cannot write " + file + ": the disk is full (or the user's quota is used up); free space on it (df -h " + folder + " shows what is left; sitegen publish -keep 2 keeps fewer old releases), then run the command again"},
		{"quota", open(syscall.EDQUOT), "không ghi được " + file + ": ổ đĩa đã hết chỗ trống", "cannot write " + file + ": the disk is full"},
		{"read-only file system", open(syscall.EROFS),
			"không ghi được " + file + ": hệ thống tệp chứa nó chỉ cho đọc (được gắn kết ở chế độ chỉ đọc, hoặc hệ thống tự chuyển sang chỉ đọc sau một lỗi ổ đĩa: xem dmesg để biết lý do); hãy công bố vào một thư mục trên ổ ghi được, hoặc nhờ người quản trị máy chủ gắn kết lại ở chế độ ghi, rồi chạy lại lệnh",
			"cannot write " + file + ": its file system is read-only (mounted so, or switched to read-only by the system after a disk error: dmesg says which); publish to a folder on a writable disk, or ask the server's administrator to mount it read-write, then run the command again"},
		{"across file systems", &os.LinkError{Op: "rename", Old: folder + ".tmp", New: folder, Err: syscall.EXDEV},
			"không chuyển được " + folder + ": nó và thư mục đích nằm trên hai hệ thống tệp khác nhau",
			"cannot move " + folder + ": it and the folder it goes to are on different file systems"},
		{"a file where a folder goes", &fs.PathError{Op: "mkdir", Path: file, Err: syscall.ENOTDIR},
			"không ghi được vào " + file + ": đó là một tệp, không phải thư mục; hãy chỉ một thư mục (sitegen tạo nó nếu chưa có), hoặc chuyển tệp đó đi, rồi chạy lại lệnh",
			"cannot write into " + file + ": it is a file, not a folder; name a folder (sitegen makes it when it is not there), or move the file away, then run the command again"},
		{"no file named", fmt.Errorf("symlink: %w", syscall.EROFS), "không ghi được " + folder + ": hệ thống tệp", "cannot write " + folder + ": its file system"},
		{"not a disk problem", open(syscall.ENOENT), "", ""},
		{"another error", errors.New("template: x"), "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, l := range []struct {
				lang i18n.Lang
				want string
			}{{i18n.VI, c.vi}, {i18n.EN, c.en}} {
				got := diskProblem(i18n.New(l.lang), c.err, publishDest(folder, "publish.failed"))
				if l.want == "" {
					if got != c.err {
						t.Errorf("%s: %q, want the error as it was", l.lang, got)
					}
					continue
				}
				if !strings.HasPrefix(got.Error(), l.want) {
					t.Errorf("%s:\n got %s\nwant %s", l.lang, got, l.want)
				}
				if !errors.Is(got, errors.Unwrap(c.err)) && !errors.Is(got, c.err) {
					t.Errorf("%s: the system's error is lost", l.lang)
				}
				// Said once, even when explained again.
				if again := diskProblem(i18n.New(l.lang), got, publishDest(folder, "publish.failed")); again != got {
					t.Errorf("%s: explained twice: %q", l.lang, again)
				}
			}
		})
	}
}

// TestPublishIntoReadOnlyFolder: a publish folder the user may no
// longer write fails with exit status 1's error in the site's language,
// saying what to do, and current stays; the same for a build whose
// output folder is in a folder it may not write.
func TestPublishIntoReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write a read-only folder; TestDiskProblem checks the messages")
	}
	src := writeTxtar(t, smallSite)
	pub := filepath.Join(t.TempDir(), "www")
	first, _, err := Publish(src, pub, PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	releases := filepath.Join(pub, "releases")
	if err := os.Chmod(releases, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(releases, 0o755)
	edit(t, filepath.Join(src, "data", "figures.toml"), regexpAdmitted, "admitted = 18")
	_, _, err = Publish(src, pub, PublishOptions{})
	want := "không công bố được: không ghi được " + releases + ": "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "ví dụ sudo mkdir -p "+pub+" && sudo chown -R "+runningAs()+" "+pub+",") ||
		!strings.HasSuffix(err.Error(), "; "+filepath.Join(pub, "current")+" vẫn như cũ") || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("publish into a read-only folder: %v; want it to start %q", err, want)
	}
	if target, err := os.Readlink(filepath.Join(pub, "current")); err != nil || target != "releases/"+first.Release {
		t.Errorf("current leads to %q (%v), want releases/%s", target, err, first.Release)
	}

	www := filepath.Join(t.TempDir(), "www")
	if err := os.Mkdir(www, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(www, 0o755)
	out := filepath.Join(www, "public")
	_, _, err = Build(src, out, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "không dựng được: không ghi được ") || !strings.HasSuffix(err.Error(), "; thư mục đầu ra "+out+" vẫn như cũ") ||
		!strings.Contains(err.Error(), "ví dụ sudo mkdir -p "+www+" && sudo chown "+runningAs()+" "+www+",") {
		t.Errorf("build beside a read-only folder: %v", err)
	}
}
