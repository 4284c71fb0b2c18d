//go:build !unix

package search_test

import "time"

// cpuTime is not known here: the benchmark reports 0.
func cpuTime() time.Duration { return 0 }
