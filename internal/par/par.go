// Package par runs independent pieces of work on every core: the one
// worker pool of the pipeline (decoding data files, counting figures,
// reading articles, asking each cell's figures, rendering pages).
//
// A panic in a piece of work is raised again in the caller's goroutine,
// as a *Panic, once the other pieces have ended: a panic on another
// goroutine cannot be recovered and would end the program with a Go
// stack trace, which the command must never show.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
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
// After a panic no call is started either, and the first panic is
// raised again, as a *Panic, once the running calls end.
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
		caught catcher
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			defer caught.recover(&failed)
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
	caught.raise()
	return first
}

// InOrder calls produce(i) for every i in [0, n) on at most GOMAXPROCS
// goroutines, and consume(i) for every i in order on the caller's
// goroutine, each once produce(i) has returned. At most ahead values of i
// are produced, or being produced, and not yet consumed: consume can let
// go of what produce made, so that no more than ahead of them are held
// at once (the decoded files of a national site's data/ took gigabytes
// when all were decoded before the first was read).
//
// After a panic of produce no call is started, consume is not called
// again, and the panic is raised again, as a *Panic, once the running
// calls end. A panic of consume goes on up once they end.
func InOrder(n, ahead int, produce, consume func(i int)) {
	if n <= 0 {
		return
	}
	var (
		next     atomic.Int64
		failed   atomic.Bool
		caught   catcher
		wg       sync.WaitGroup
		ready    = make([]chan struct{}, n)
		slots    = make(chan struct{}, max(ahead, 1))
		stop     = make(chan struct{})
		panicked = make(chan struct{})
		once     sync.Once
	)
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			defer func() {
				if failed.Load() {
					once.Do(func() { close(panicked) })
				}
			}()
			defer caught.recover(&failed)
			for !failed.Load() {
				// A slot is taken before an i: the smallest i not yet
				// produced always has one, so consume never waits for an
				// i that waits for a slot.
				select {
				case <-stop: // consume panicked
					return
				case slots <- struct{}{}:
				}
				select {
				case <-stop:
					return
				default:
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				produce(i)
				close(ready[i])
			}
		})
	}
	defer func() {
		close(stop)
		wg.Wait()
		caught.raise()
	}()
	for i := range n {
		select {
		case <-ready[i]:
		case <-panicked:
			return
		}
		consume(i)
		<-slots
	}
}

// Go runs f on a goroutine of its own; wait returns when f has, and
// raises again, as a *Panic, a panic of f. A panic of f whose wait is
// never called ends nothing.
func Go(f func()) (wait func()) {
	var caught catcher
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer caught.recover(nil)
		f()
	}()
	return func() {
		<-done
		caught.raise()
	}
}

// Panic is a panic of a piece of work, raised again in the goroutine
// that waits for it.
type Panic struct {
	Value any    // what was given to panic
	Stack []byte // the stack of the goroutine that panicked, as debug.Stack
}

func (p *Panic) Error() string { return fmt.Sprintf("panic: %v", p.Value) }

// catcher keeps the first panic of the goroutines it recovers.
type catcher struct {
	once sync.Once
	p    *Panic
}

// recover, deferred, keeps a panic of its goroutine, and sets stop.
func (c *catcher) recover(stop *atomic.Bool) {
	v := recover()
	if v == nil {
		return
	}
	p, ok := v.(*Panic) // raised again from work inside the work: its stack is the first one's
	if !ok {
		p = &Panic{Value: v, Stack: debug.Stack()}
	}
	c.once.Do(func() { c.p = p })
	if stop != nil {
		stop.Store(true)
	}
}

// raise raises the panic kept, if any.
func (c *catcher) raise() {
	if c.p != nil {
		panic(c.p)
	}
}
