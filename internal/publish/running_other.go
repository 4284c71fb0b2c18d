//go:build !unix

package publish

import "os"

// running reports whether a process with this id exists.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
