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
