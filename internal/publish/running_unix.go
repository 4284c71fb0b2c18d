//go:build unix

package publish

import "golang.org/x/sys/unix"

// running reports whether a process with this id exists (perhaps another
// user's: EPERM says it exists too).
func running(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || err == unix.EPERM
}
