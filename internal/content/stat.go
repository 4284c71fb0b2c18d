package content

import (
	"io/fs"
	"time"
)

// fileStat is what the file system says of a file: while it says the
// same, the file was not written (git's index trusts the same), and a
// kept article is taken without reading its file (see Kept).
type fileStat struct {
	size         int64
	mode         fs.FileMode
	mtime, ctime int64 // nanoseconds
	ino, dev     uint64
}

// racy is how long after a file was last written its stat is not
// trusted: a second write within the file system's clock tick (a few
// milliseconds; two seconds on FAT) can leave the stat as it was. A
// file written this shortly before it was read is read again next time.
const racy = 3 * time.Second

// trusted reports whether s, taken before the file was read at readAt,
// tells a later write: the file was last written more than wait (racy
// when zero) before.
func (s fileStat) trusted(readAt time.Time, wait time.Duration) bool {
	if wait == 0 {
		wait = racy
	}
	limit := readAt.Add(-wait).UnixNano()
	return s.mtime < limit && s.ctime < limit
}
