//go:build !unix

package publish

import (
	"errors"
	"os"
)

// folderLock is not available here: a folder beside the output is judged
// by the process id in its name (see cleanLeftovers).
type folderLock struct{}

var errHeld = errors.New("held by another build")

func lockFolder(dir string) (*folderLock, error) { return nil, errors.ErrUnsupported }
func (l *folderLock) is(dir string) bool         { return false }
func (l *folderLock) unlock()                    {}

// Builds into one output are not made to take turns here.
const noFollow = 0

func lockFile(f *os.File) error { return errors.ErrUnsupported }
