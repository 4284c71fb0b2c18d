//go:build unix

package publish

import "golang.org/x/sys/unix"

func setUmask(m int) int { return unix.Umask(m) }
