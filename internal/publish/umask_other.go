//go:build !linux

package publish

// umaskKeepsModes cannot tell here: every file gets its mode set.
func umaskKeepsModes() bool { return false }
