package par

import (
	"errors"
	"sync/atomic"
	"testing"
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
