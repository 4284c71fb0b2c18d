package content

import (
	"io/fs"
	"syscall"
)

// statOf is the stat of fi; ok is false when the file system gives none
// to trust (then the file is read each time).
func statOf(fi fs.FileInfo) (s fileStat, ok bool) {
	if fi == nil {
		return s, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return s, false
	}
	return fileStat{size: fi.Size(), mode: fi.Mode(), mtime: fi.ModTime().UnixNano(), ctime: st.Ctim.Nano(), ino: st.Ino, dev: uint64(st.Dev)}, true
}
