package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"sitegen/internal/i18n"
)

// DefaultAddr is where serve listens unless told otherwise: this machine
// only, on Hugo's port, which editors may already know.
const DefaultAddr = "127.0.0.1:1313"

// Exposed reports whether other machines may reach addr: anything but a
// loopback address or "localhost" (an empty host is every address).
func Exposed(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// URL is the address of the site served on addr under base, as a
// browser opens it: an address of every interface is opened as
// localhost.
func URL(addr net.Addr, base string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + CleanBase(base)
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + CleanBase(base)
}

// Listen opens addr. A port already in use is said in loc's language,
// with the next free port to try.
func Listen(addr string, loc *i18n.Locale) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		return l, err
	}
	host, port, splitErr := net.SplitHostPort(addr)
	n, atoiErr := strconv.Atoi(port)
	if splitErr == nil && atoiErr == nil {
		for p := n + 1; p < n+100 && p < 1<<16; p++ {
			try := net.JoinHostPort(host, strconv.Itoa(p))
			if free, err := net.Listen("tcp", try); err == nil {
				free.Close()
				return nil, errors.New(loc.T("serve.busy", addr, try))
			}
		}
	}
	return nil, errors.New(loc.T("serve.busy.none", addr))
}

// shutdownWait is how long a stop waits for answers under way.
const shutdownWait = 2 * time.Second

// Run serves s on l and rebuilds it on every change w reports, until
// ctx is done (Ctrl-C); then it stops listening, ends the open event
// streams and stops watching, and returns nil. w may be nil:
// nothing is watched.
func (s *Server) Run(ctx context.Context, l net.Listener, w Watcher) error {
	srv := &http.Server{
		Handler: s,
		// Every request's context ends with ctx, so that the event
		// streams, which never end by themselves, end on a stop.
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if w != nil {
			s.Watch(ctx, w, DefaultTiming)
		}
	}()
	var err error
	select {
	case err = <-served:
	case <-ctx.Done():
		stop, cancel := context.WithTimeout(context.Background(), shutdownWait)
		defer cancel()
		err = srv.Shutdown(stop)
		<-served
	}
	if w != nil {
		w.Close()
	}
	<-watched
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
