package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"sitegen/internal/i18n"
)

// live is a Server running on a loopback port and watching its site,
// with one page's event stream open: the home page's, as a browser
// showing it opens it.
type live struct {
	site   string     // "http://127.0.0.1:PORT/"
	states chan state // what the stream is told; closed when it ends
	stop   func() error
}

// start runs s on a free loopback port, watching src, until stop or the
// end of the test.
func start(tb testing.TB, s *Server, src string) *live {
	tb.Helper()
	l, err := Listen("127.0.0.1:0", i18n.New(i18n.VI))
	if err != nil {
		tb.Fatal(err)
	}
	w, err := Watch(src, func(err error) { tb.Errorf("watching: %v", err) })
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- s.Run(ctx, l, w) }()
	lv := &live{site: "http://" + l.Addr().String() + "/"}
	var once bool
	var stopErr error
	lv.stop = func() error {
		if !once {
			once = true
			cancel()
			select {
			case stopErr = <-stopped:
			case <-time.After(10 * time.Second):
				stopErr = errors.New("serve did not stop 10 s after the cancel")
			}
		}
		return stopErr
	}
	tb.Cleanup(func() { lv.stop() })
	resp, err := (&http.Client{Timeout: 10 * time.Minute}).Get(lv.site + Reserved + "events?page=%2F")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	lv.states = make(chan state, 16)
	go readStates(resp.Body, lv.states)
	return lv
}

// readStates hands on each state an event stream tells, and closes out
// when it ends.
func readStates(stream io.Reader, out chan<- state) {
	defer close(out)
	lines := bufio.NewScanner(stream)
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
			var st state
			if json.Unmarshal([]byte(data), &st) == nil {
				out <- st
			}
		}
	}
}
