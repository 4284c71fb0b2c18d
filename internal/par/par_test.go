package par

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		out := make([]int, n)
		Each(n, func(i int) { out[i] = i * i })
		for i, v := range out {
			if v != i*i {
				t.Fatalf("n=%d: out[%d] = %d, want %d: a call was missed", n, i, v, i*i)
			}
		}
	}
}

func TestEachErrStops(t *testing.T) {
	var calls atomic.Int64
	bad := errors.New("bad")
	err := EachErr(100000, func(i int) error {
		calls.Add(1)
		if i == 10 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v, want %v", err, bad)
	}
	if n := calls.Load(); n == 100000 {
		t.Errorf("every call ran after the error")
	}
}

// raised runs f and returns the *Panic it raises in this goroutine.
func raised(t *testing.T, f func()) (p *Panic) {
	t.Helper()
	defer func() {
		v := recover()
		var ok bool
		if p, ok = v.(*Panic); !ok {
			t.Fatalf("recovered %#v, want a *Panic", v)
		}
	}()
	f()
	return nil
}

// TestPanicIsRaisedInTheCaller: a panic in a piece of work would end
// the program from a goroutine nobody can recover; it is raised again
// in the caller, with the stack where it happened.
func TestPanicIsRaisedInTheCaller(t *testing.T) {
	var calls atomic.Int64
	p := raised(t, func() {
		Each(100000, func(i int) {
			calls.Add(1)
			if i == 10 {
				var m map[string]int
				m["x"]++
			}
			// Each call takes a moment, as real work does: otherwise the
			// other worker could run all 100,000 before the panic stops
			// it, and the test would fail by chance.
			time.Sleep(10 * time.Microsecond)
		})
	})
	if !strings.Contains(fmt.Sprint(p.Value), "nil map") || !strings.Contains(string(p.Stack), "par_test.go") {
		t.Errorf("panic %v with stack:\n%s\nwant the nil map's, from this file", p.Value, p.Stack)
	}
	if n := calls.Load(); n == 100000 {
		t.Errorf("every call ran after the panic")
	}
	// Work inside work: the first stack is kept.
	p = raised(t, func() {
		Each(4, func(int) { Each(4, func(j int) { panic(fmt.Sprint("inner ", j)) }) })
	})
	if !strings.HasPrefix(fmt.Sprint(p.Value), "inner ") {
		t.Errorf("nested panic: %v, want the inner one's value", p.Value)
	}
	p = raised(t, func() { Go(func() { panic("alone") })() })
	if p.Value != "alone" {
		t.Errorf("Go: %v, want alone", p.Value)
	}
}

// InOrder consumes every i once, in order, after it was produced, and
// never holds more than ahead produced and not consumed.
func TestInOrder(t *testing.T) {
	for _, c := range []struct{ n, ahead int }{{0, 3}, {1, 1}, {7, 1}, {1000, 2}, {1000, 5}, {50, 100}} {
		var held, most atomic.Int64
		made := make([]bool, c.n)
		var got []int
		InOrder(c.n, c.ahead, func(i int) {
			h := held.Add(1)
			for m := most.Load(); h > m && !most.CompareAndSwap(m, h); m = most.Load() {
			}
			made[i] = true
		}, func(i int) {
			if !made[i] {
				t.Fatalf("n=%d: %d consumed before it was produced", c.n, i)
			}
			got = append(got, i)
			held.Add(-1)
		})
		if len(got) != c.n {
			t.Fatalf("n=%d: %d consumed, want every one", c.n, len(got))
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("n=%d: consumed %v, want 0, 1, 2, … in order", c.n, got)
			}
		}
		if m := most.Load(); m > int64(max(c.ahead, 1)) {
			t.Errorf("n=%d ahead=%d: %d produced and not consumed at once", c.n, c.ahead, m)
		}
	}
}

// A panic of produce is raised in the caller, and what comes after it is
// not consumed; a panic of consume goes on up without a hang.
func TestInOrderPanics(t *testing.T) {
	var consumed atomic.Int64
	p := raised(t, func() {
		InOrder(1000, 3, func(i int) {
			if i == 10 {
				panic("bad file")
			}
		}, func(i int) {
			if i >= 10 {
				t.Errorf("%d consumed after the panic of 10", i)
			}
			consumed.Add(1)
		})
	})
	if fmt.Sprint(p.Value) != "bad file" {
		t.Errorf("panic %v, want the one of produce", p.Value)
	}
	func() {
		defer func() {
			if v := recover(); v != "bad use" {
				t.Errorf("recovered %v, want the panic of consume", v)
			}
		}()
		InOrder(1000, 2, func(int) {}, func(i int) {
			if i == 5 {
				panic("bad use")
			}
		})
	}()
}
