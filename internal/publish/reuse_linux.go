package publish

import (
	"bytes"
	"io"
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// A page that did not change since the previous build is not written
// again but hard-linked from the previous output: it keeps its inode and
// its modification time, so a web server's Last-Modified and ETag stay
// the same and browsers revalidate it with a 304 instead of fetching it
// again; and the file system allocates no inode for it, which on ext4
// is most of the cost of writing many small files while the previous
// build's are being freed.
//
// The previous output is opened once, as a folder descriptor, before any
// swap: every lookup is relative to that folder, so a swap by another
// build under the same name cannot make us compare one file and link
// another. Lookups resolve no symlink and stay beneath it.

// prevOutput is the previous output, opened for reuse.
type prevOutput struct {
	fd  int
	dev uint64 // the new output's device: a link cannot cross it
}

func openPrev(out, tmp string) *prevOutput {
	var tmpStat unix.Stat_t
	if unix.Stat(tmp, &tmpStat) != nil {
		return nil
	}
	fd, err := unix.Open(out, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	return &prevOutput{fd: fd, dev: tmpStat.Dev}
}

func (p *prevOutput) close() {
	if p != nil {
		unix.Close(p.fd)
	}
}

// compareChunk is how much of a file link reads at a time: a national
// data set's data.json is 336 MB, which read whole would be held twice.
const compareChunk = 64 << 10

var compareBuffers = sync.Pool{New: func() any { return new([compareChunk]byte) }}

// open opens name of the previous output when a link could take it: a
// regular file with fileMode on the new output's device, of size bytes.
func (p *prevOutput) open(name string) (fd int, size int64, ok bool) {
	if p == nil {
		return -1, 0, false
	}
	fd, err := unix.Openat2(p.fd, name, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS | unix.RESOLVE_NO_XDEV,
	})
	if err != nil {
		return -1, 0, false // not there, or a kernel without openat2 (before 5.6)
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG ||
		os.FileMode(st.Mode&0o7777) != fileMode || st.Dev != p.dev {
		unix.Close(fd)
		return -1, 0, false
	}
	return fd, st.Size, true
}

// link hard-links name of the previous output to dst when it holds
// exactly data, as a regular file with fileMode, and reports whether it
// did.
func (p *prevOutput) link(name string, data []byte, dst string) bool {
	fd, size, ok := p.open(name)
	if !ok {
		return false
	}
	defer unix.Close(fd)
	if size != int64(len(data)) {
		return false
	}
	buf := compareBuffers.Get().(*[compareChunk]byte)
	defer compareBuffers.Put(buf)
	// Read to the end, asking for one byte past data at least: a file
	// that grew since its size was asked is not the same.
	for rest := data; ; {
		m, err := unix.Read(fd, buf[:min(len(rest)+1, compareChunk)])
		if err != nil || m > len(rest) || !bytes.Equal(buf[:m], rest[:m]) {
			return false
		}
		if m == 0 {
			if len(rest) > 0 {
				return false // shorter than data
			}
			break
		}
		rest = rest[m:]
	}
	return p.linkAt(name, dst)
}

// read reads name of the previous output whole when link could take it
// (see open).
func (p *prevOutput) read(name string) ([]byte, bool) {
	fd, size, ok := p.open(name)
	if !ok {
		return nil, false
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	b := make([]byte, size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, false
	}
	// A file that grew since its size was asked is not the one read.
	var more [1]byte
	if n, _ := f.Read(more[:]); n != 0 {
		return nil, false
	}
	return b, true
}

// linkAt hard-links name of the previous output to dst. The file is
// linked by its name in the folder it was read or compared in; no build
// writes into a previous output, so it is the file read.
func (p *prevOutput) linkAt(name, dst string) bool {
	return unix.Linkat(p.fd, name, unix.AT_FDCWD, dst, 0) == nil
}
