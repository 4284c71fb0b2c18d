//go:build !linux

package publish

import "errors"

// exchange is not available here: Commit renames the old output aside
// first.
func exchange(a, b string) error { return errors.ErrUnsupported }
