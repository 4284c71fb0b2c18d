package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestFollowLiveHeap: once the live heap passes the soft limit, the limit
// is raised above it (half as much again), so the collector does not run
// without pause; below it, the limit stays.
func TestFollowLiveHeap(t *testing.T) {
	const base = 8 << 20
	prev := debug.SetMemoryLimit(base)
	defer debug.SetMemoryLimit(prev)
	stop := followLiveHeap(base, time.Millisecond)
	defer stop()

	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != base {
		t.Errorf("with little live, the limit became %d bytes; want it left at %d", got, base)
	}

	held := make([][]byte, 0, 64)
	for range 64 {
		held = append(held, make([]byte, 1<<20)) // 64 MiB live
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 64<<20 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < 64<<20 || got > 200<<20 {
		t.Errorf("with 64 MiB live and a limit of 8 MiB, the limit became %d MiB; want it raised to about 96", got>>20)
	}
	runtime.KeepAlive(held)
}
