package publish

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Two builds into one output folder (a hook that fires twice, a push
// during a build) take turns: each holds the output's lock, a file
// beside the output (.public.lock for public/), for its whole life, from
// before it reads the site to after its swap. The second waits for the
// first, then reads the data as they are by then, so the last build to
// run publishes the latest data; the swap alone would not see to that
// (two builds could swap in the reverse order of their data).
//
// The lock is flock(2): the system lets it go when its build ends,
// however it ends, so a killed build never leaves it held. The file
// stays; it holds the process id of the build that last took it, for
// messages. Where the file cannot be locked (a file system without
// locks, a system without flock) builds do not take turns, as before.

// OutputLock is a build's turn at an output folder.
type OutputLock struct{ f *os.File }

// BusyError says that another build held the output's lock for as long
// as a build would wait.
type BusyError struct {
	Out    string        // the output folder as the caller gave it
	PID    int           // the process holding the lock; 0 when unknown
	Waited time.Duration // how long the build waited
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("another build (process %d) is still writing into the output folder %s after %v of waiting; this build stopped without writing anything", e.PID, e.Out, e.Waited)
}

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 100 * time.Millisecond

// LockOutput takes the lock of the output folder out, waiting at most
// wait while another build holds it; waiting, when not nil, is called
// once while it waits, with the process id of the build that holds the
// lock (0 when unknown: it may not have written it yet, so waiting is
// called once it has, or after a second, or when the wait is over).
// After wait it returns a *BusyError.
func LockOutput(out string, wait time.Duration, waiting func(pid int)) (*OutputLock, error) {
	abs, err := resolve(out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, dirMode); err != nil {
		return nil, fmt.Errorf("cannot make the folder that holds the output: %w", err)
	}
	return lockAt(filepath.Join(parent, "."+filepath.Base(abs)+".lock"), out, wait, waiting)
}

// lockAt takes the lock in the file name, for the folder out (as the
// caller named it), as LockOutput says.
func lockAt(name, out string, wait time.Duration, waiting func(pid int)) (*OutputLock, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|noFollow, fileMode)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock of the output folder: %w", err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("the lock of the output folder, %s, is not a plain file; remove it", name)
	}
	start := time.Now()
	told := waiting == nil
	for {
		err := lockFile(f)
		switch {
		case err == nil:
			// Who holds it, for the messages of a build that waits.
			if f.Truncate(0) == nil {
				f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			}
			return &OutputLock{f}, nil
		case errors.Is(err, errors.ErrUnsupported):
			f.Close()
			return &OutputLock{}, nil
		case !errors.Is(err, errHeld):
			f.Close()
			return nil, err
		}
		pid := holder(f)
		waited := time.Since(start)
		if !told && (pid != 0 || waited >= min(wait, time.Second)) {
			waiting(pid)
			told = true
		}
		if waited >= wait {
			f.Close()
			return nil, &BusyError{Out: out, PID: pid, Waited: waited}
		}
		time.Sleep(min(lockPoll, wait-waited))
	}
}

// holder reads the process id the holder of the lock wrote in it.
func holder(f *os.File) int {
	b := make([]byte, 24)
	n, _ := f.ReadAt(b, 0)
	pid, err := strconv.Atoi(string(bytes.TrimSpace(b[:n])))
	if err != nil {
		return 0
	}
	return pid
}

// Unlock ends the build's turn; l may be nil.
func (l *OutputLock) Unlock() {
	if l != nil && l.f != nil {
		l.f.Close()
	}
}
