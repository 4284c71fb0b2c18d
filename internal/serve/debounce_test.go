package serve

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// TestDebounce: the rebuilds made of changes at given times, on the
// fake clock of testing/synctest (exact, whatever the machine's load).
func TestDebounce(t *testing.T) {
	ms := time.Millisecond
	every := func(n int, gap time.Duration) []time.Duration {
		out := make([]time.Duration, n)
		for i := range out {
			out[i] = time.Duration(i) * gap
		}
		return out
	}
	after := func(d time.Duration, times []time.Duration) []time.Duration {
		for i := range times {
			times[i] += d
		}
		return times
	}
	cases := []struct {
		name    string
		changes []time.Duration // when each change comes
		build   time.Duration   // how long a rebuild takes
		want    int             // rebuilds
		firstAt time.Duration   // when the first starts
		stale   int             // rebuilds told that a change came during them; -1 any (a change as a rebuild starts)
	}{
		{"nothing changes", nil, 100 * ms, 0, 0, 0},
		{"one save", []time.Duration{0}, 100 * ms, 1, 40 * ms, 0},
		{"a save of three events", []time.Duration{0, 2 * ms, 5 * ms}, 100 * ms, 1, 45 * ms, 0},
		{"a burst of 50 files", every(50, ms), 100 * ms, 1, 89 * ms, 0},
		{"two saves apart", []time.Duration{0, 300 * ms}, 100 * ms, 2, 40 * ms, 0},
		{"changes all the time still show every 500 ms", every(100, 20*ms), 10 * ms, 4, 500 * ms, -1},
		{"changes during a rebuild make one more", append([]time.Duration{0}, after(100*ms, every(20, 10*ms))...), time.Second, 2, 40 * ms, 1},
		{"a save during a rebuild is rebuilt after it", []time.Duration{0, 500 * ms}, time.Second, 2, 40 * ms, 1},
		{"a save during each of three rebuilds", []time.Duration{0, 500 * ms, 1500 * ms, 2500 * ms}, time.Second, 4, 40 * ms, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				changes := make(chan string, 1)
				start := time.Now()
				var starts []time.Duration
				running := false
				stale := 0
				finished := make(chan struct{})
				go func() {
					debounce(ctx, changes, DefaultTiming, func() {
						if running {
							t.Error("two rebuilds at once")
						}
						running = true
						starts = append(starts, time.Since(start))
						time.Sleep(c.build)
						running = false
					}, func() { stale++ })
					close(finished)
				}()
				for _, at := range c.changes {
					time.Sleep(start.Add(at).Sub(time.Now()))
					select {
					case changes <- "data/x.toml":
					default: // one waits: it stands for this one, as a Watcher's would
					}
				}
				time.Sleep(5 * time.Second)
				cancel()
				<-finished
				if len(starts) != c.want {
					t.Fatalf("%d rebuilds at %v, want %d", len(starts), starts, c.want)
				}
				if c.want > 0 && starts[0] != c.firstAt {
					t.Errorf("first rebuild at %v, want %v", starts[0], c.firstAt)
				}
				if c.stale >= 0 && stale != c.stale {
					t.Errorf("%d rebuilds told of a change during them, want %d", stale, c.stale)
				}
			})
		})
	}
}
