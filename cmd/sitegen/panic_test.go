package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/par"
)

// TestPanicIsOneLine: a panic in a command, on its own goroutine or on a
// worker's, is one line that says it is sitegen's fault and what to
// report, and exit 1; never a Go stack trace (nor exit 2, which a Go
// panic gives and which means a wrong command line).
func TestPanicIsOneLine(t *testing.T) {
	for _, c := range []struct {
		args  []string
		panic func()
		value string
	}{
		{[]string{"check", "-src", "../.."}, func() { panic("boom") }, "boom"},
		{[]string{"build", "-src", "../..", "-out", filepath.Join(t.TempDir(), "public")}, func() {
			par.Each(8, func(i int) {
				if i == 3 {
					var m map[string]int
					m["x"]++
				}
			})
		}, "assignment to entry in nil map"},
	} {
		testHook = c.panic
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		testHook = nil
		want := "sitegen: lỗi bên trong chương trình, không phải lỗi của trang; hãy báo cho người bảo trì sitegen, kèm dòng này và lệnh đã chạy / an internal error of the program, not a mistake in the site; please report it to sitegen's maintainers with this line and the command you ran: " + c.value + " (cmd/sitegen/panic_test.go:"
		got := stderr.String()
		if code != 1 || !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 || strings.Contains(got, "goroutine") {
			t.Errorf("sitegen %v: exit %d, stderr:\n%s\nwant exit 1 and one line starting:\n%s", c.args, code, got, want)
		}
		if stdout.Len() > 0 {
			t.Errorf("sitegen %v: stdout %q", c.args, stdout.String())
		}
	}
}

func TestPanicSite(t *testing.T) {
	// A nil map in the data stage, built with -trimpath, raised again by
	// internal/par: the runtime's frames are passed over.
	stack := `goroutine 7 [running]:
runtime/debug.Stack()
	runtime/debug/stack.go:26 +0x5e
sitegen/internal/par.(*catcher).recover(0xc000012345, 0x0)
	sitegen/internal/par/par.go:97 +0x7c
panic({0x5a1b20?, 0x6b3f40?})
	runtime/panic.go:792 +0x132
runtime.mapassign_faststr(...)
	runtime/map.go:100 +0x10
sitegen/internal/data.(*loader).readFile(0xc0001, {0xc0002, 0xe})
	/home/ci/sitegen/internal/data/load.go:150 +0x1d
sitegen/internal/par.EachErr.func1()
	sitegen/internal/par/par.go:45 +0x9a
`
	if got, want := panicSite([]byte(stack)), "internal/data/load.go:150"; got != want {
		t.Errorf("panicSite = %q, want %q", got, want)
	}
	if got := panicSite([]byte("no stack")); got != "?" {
		t.Errorf("panicSite of no stack = %q, want ?", got)
	}
}
