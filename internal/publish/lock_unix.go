//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// folderLock is a lock a build holds on a folder it made beside the
// output, for as long as the folder is its own: flock(2) on the folder
// itself, so that nothing is added to what becomes the output. The
// kernel lets it go when the process ends, however it ends, so a folder
// whose lock can be taken is a leftover, whatever process id its name
// holds.
type folderLock struct{ fd int }

// errHeld says that another build holds the lock.
var errHeld = errors.New("held by another build")

// lockFolder takes the lock of dir without waiting. It returns errHeld
// when another build holds it, and an error wrapping
// errors.ErrUnsupported when the file system cannot lock folders (some
// network file systems cannot).
func lockFolder(dir string) (*folderLock, error) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	if err := flock(fd); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return &folderLock{fd}, nil
}

// flock takes an exclusive lock on fd without waiting.
func flock(fd int) error {
	for {
		err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		switch err {
		case nil:
			return nil
		case unix.EINTR:
			continue
		case unix.EWOULDBLOCK:
			return errHeld
		}
		return fmt.Errorf("%w: cannot lock: %v", errors.ErrUnsupported, err)
	}
}

// is reports whether dir is still the folder locked: a folder removed
// by another Begin between its making and its locking is not.
func (l *folderLock) is(dir string) bool {
	var held, now unix.Stat_t
	return unix.Fstat(l.fd, &held) == nil && unix.Lstat(dir, &now) == nil &&
		held.Dev == now.Dev && held.Ino == now.Ino
}

// unlock lets the lock go; l may be nil.
func (l *folderLock) unlock() {
	if l != nil {
		unix.Close(l.fd)
	}
}

// noFollow makes opening the lock file beside the output fail on a
// symlink: that folder may be one a push controls (the site folder, for
// the default output), and a link there must not lead the build to write
// elsewhere.
const noFollow = unix.O_NOFOLLOW

// lockFile takes the lock of an open lock file without waiting, as
// lockFolder does.
func lockFile(f *os.File) error { return flock(int(f.Fd())) }
