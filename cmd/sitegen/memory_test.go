package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestFollowLiveHeap: once the live heap passes the soft limit, the limit
// is raised above it (half as much again), so the collector does not run
// without pause; below it, the limit stays.
func TestFollowLiveHeap(t *testing.T) {
	// The base is well above what the test process holds already (other
	// tests of the package ran in it), so that only the test's own
	// allocation passes it.
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	base := max(int64(8<<20), 4*int64(live[0].Value.Uint64()))
	prev := debug.SetMemoryLimit(base)
	defer debug.SetMemoryLimit(prev)
	stop := followLiveHeap(base, buildHeadroom, time.Millisecond)
	defer stop()

	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != base {
		t.Errorf("with little live, the limit became %d bytes; want it left at %d", got, base)
	}

	n := int(2 * base >> 20) // MiB, twice the limit
	held := make([][]byte, 0, n)
	for range n {
		held = append(held, make([]byte, 1<<20))
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 2*base && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < 2*base || got > 6*base {
		t.Errorf("with %d MiB live and a limit of %d MiB, the limit became %d MiB; want it raised to about %d", 2*base>>20, base>>20, got>>20, 3*base>>20)
	}
	runtime.KeepAlive(held)
}
