package publish

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// mountPoint reports whether the folder dir is the root of a mount: a
// file system of its own, or a folder bind-mounted there (docker run -v
// mounts the folder it is given so). Neither can be renamed, which is
// how a build replaces its output. The kernel says so since Linux 5.8;
// before, a folder on another device than its parent is one (a bind
// mount of the same file system is then not seen, and Commit says it).
func mountPoint(dir string) bool {
	var st unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &st) != nil {
		return false
	}
	if st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	var parent unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, filepath.Dir(dir), 0, unix.STATX_BASIC_STATS, &parent) != nil {
		return false
	}
	return st.Dev_major != parent.Dev_major || st.Dev_minor != parent.Dev_minor
}
