package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitegen/internal/i18n"
)

func TestExposed(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": false,
		"[::1]:1313":     false,
		"localhost:1313": false,
		":1313":          true,
		"0.0.0.0:1313":   true,
		"10.0.0.5:1313":  true,
		"intranet:1313":  true,
	} {
		if got := Exposed(addr); got != want {
			t.Errorf("Exposed(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestBusyPort: a second serve on a port in use says so, in the site's
// language, and names a free port to try.
func TestBusyPort(t *testing.T) {
	first, err := Listen("127.0.0.1:0", i18n.New(i18n.VI))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = Listen(first.Addr().String(), i18n.New(i18n.EN))
	if err == nil || !strings.Contains(err.Error(), first.Addr().String()+" is already in use") || !strings.Contains(err.Error(), "try -addr 127.0.0.1:") {
		t.Fatalf("second Listen: %v", err)
	}
	try := err.Error()[strings.LastIndex(err.Error(), " ")+1:]
	l, err := Listen(try, i18n.New(i18n.EN))
	if err != nil {
		t.Fatalf("the port suggested, %s: %v", try, err)
	}
	l.Close()
}

// TestRun: a saved data file reaches an open page's event stream as a
// new site, and cancelling the context (Ctrl-C) stops serve, ending the
// stream.
func TestRun(t *testing.T) {
	src := copySample(t)
	s := New(Options{Src: src})
	s.Rebuild()
	lv := start(t, s, src)
	first := (<-lv.states).Build
	file := filepath.Join(src, "data", "2018.toml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), "admitted = 187", "admitted = 190", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case next := <-lv.states:
		if next.Build == first {
			t.Errorf("told the same site %q again", next.Build)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no rebuild 30 s after a save")
	}

	if err := lv.stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	ended := time.After(5 * time.Second)
	for open := true; open; {
		select {
		case _, open = <-lv.states:
		case <-ended:
			t.Fatal("the event stream is still open after the stop")
		}
	}
}
