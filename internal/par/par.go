// Package par runs independent pieces of work on every core: the one
// worker pool of the pipeline (decoding data files, counting figures,
// reading articles, asking each cell's figures, rendering pages).
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i in [0, n) on at most GOMAXPROCS goroutines
// and returns when every call has. Calls may run in any order and at
// once: f must write only to what belongs to i (its own slot of a slice).
func Each(n int, f func(i int)) {
	_ = EachErr(n, func(i int) error { f(i); return nil })
}

// EachErr is Each for work that can fail: after the first error no call
// is started, and that error is returned once the running calls end.
func EachErr(n int, f func(i int) error) error {
	if n <= 0 {
		return nil
	}
	var (
		next   atomic.Int64
		failed atomic.Bool
		once   sync.Once
		first  error
		wg     sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					once.Do(func() { first = err })
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return first
}
