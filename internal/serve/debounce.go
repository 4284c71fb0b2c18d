package serve

import (
	"context"
	"time"
)

// Timing is how changes are gathered into rebuilds. An editor's save is
// often several events (a write, a rename, a second write), and a
// checkout or a script may change fifty files at once: a rebuild starts
// once no change came for Quiet, or Most after the first change of the
// batch, whichever is sooner, so that a long stream of changes still
// shows now and then.
type Timing struct {
	Quiet, Most time.Duration
}

// DefaultTiming: 40 ms is longer than the gap between the events of one
// save, and short enough not to be felt; 500 ms is the longest a reader
// waits for a rebuild while files keep changing.
var DefaultTiming = Timing{Quiet: 40 * time.Millisecond, Most: 500 * time.Millisecond}

// Watch rebuilds s whenever w reports changes, as gathered by t, until
// ctx is done.
func (s *Server) Watch(ctx context.Context, w Watcher, t Timing) {
	debounce(ctx, w.Changes(), t, func() { s.Rebuild() }, s.supersede)
}

// debounce calls rebuild for the changes received, one call at a time:
// once changes stop for t.Quiet (or t.Most after the first of them), and
// all the changes that come while a rebuild runs make one more once it
// ends. The first change during a rebuild calls stale, once per rebuild,
// so that the rebuild may end sooner. It returns when ctx is done.
func debounce(ctx context.Context, changes <-chan string, t Timing, rebuild, stale func()) {
	var (
		pending     bool      // a change not yet in a rebuild
		first, last time.Time // of the pending changes
		building    bool
		told        bool                     // stale was called for the rebuild under way
		done        = make(chan struct{}, 1) // never blocks a rebuild left behind
		timer       = time.NewTimer(time.Hour)
		fire        <-chan time.Time // timer.C while armed
	)
	timer.Stop()
	arm := func() {
		due := min(last.Add(t.Quiet).Sub(first), t.Most)
		timer.Reset(time.Until(first.Add(due)))
		fire = timer.C
	}
	for {
		select {
		case <-ctx.Done():
			// A rebuild under way is left to end by itself: it writes
			// only to memory, and a large site's takes seconds that a
			// Ctrl-C should not wait for.
			timer.Stop()
			return
		case _, ok := <-changes:
			if !ok {
				changes = nil // a closed watcher: serve on, without rebuilds
				continue
			}
			now := time.Now()
			if !pending {
				pending, first = true, now
			}
			last = now
			if !building {
				arm()
			} else if !told {
				told = true
				stale()
			}
		case <-fire:
			fire = nil
			pending, building, told = false, true, false
			go func() {
				rebuild()
				done <- struct{}{}
			}()
		case <-done:
			building = false
			if pending {
				arm()
			}
		}
	}
}
