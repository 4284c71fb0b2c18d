package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeCommand: serve answers with the sample site under its base,
// says where in the site's language, and Ctrl-C stops it cleanly.
func TestServeCommand(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var stdout, stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "-src", "../..", "-addr", addr, "-base", "/intranet/khoi/"}, &stdout, &stderr)
	}()
	var page string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get("http://" + addr + "/intranet/khoi/")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page = string(b)
		break
	}
	if !strings.Contains(page, "/intranet/khoi/_sitegen/reload.js") {
		t.Fatalf("the home page served has no reload script:\n%.500s", page)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after Ctrl-C; stderr:\n%s", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop 10 s after Ctrl-C")
	}
	want := "đang phục vụ ../../ tại http://" + addr + "/intranet/khoi/ (Ctrl-C để dừng)"
	if !strings.Contains(stderr.String(), "đã dựng lại ") {
		t.Errorf("stderr %q, want the first build said", stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, want) || !strings.HasSuffix(out, "đã dừng\n") {
		t.Errorf("stdout %q, want %q and then đã dừng", out, want)
	}
}

// TestServeBusyPort: a second serve on a port in use says so in the
// site's language and names a port to try.
func TestServeBusyPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var stdout, stderr bytes.Buffer
	if c := run([]string{"serve", "-src", "../..", "-addr", l.Addr().String()}, &stdout, &stderr); c != 1 {
		t.Errorf("exit %d, want 1", c)
	}
	if want := "sitegen serve: địa chỉ " + l.Addr().String() + " đang được dùng"; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "hãy thử -addr 127.0.0.1:") {
		t.Errorf("stderr %q, want %q and a port to try", stderr.String(), want)
	}
}
