//go:build !unix

package hostile

import "time"

// cpuTime is the time on the clock where the CPU time cannot be had.
func cpuTime() time.Duration { return wallTime() }
