//go:build !unix

package publish

func setUmask(m int) int { return 0 }
