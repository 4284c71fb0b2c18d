package serve

import (
	"embed"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// client holds what serve adds to the pages it serves: the script, its
// styles, and the markup of the tag that loads it.
//
//go:embed client
var client embed.FS

// serveOwn serves serve's own files: the reload script, the overlay's
// styles, and the event stream.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.serveEvents(w, r)
	case "reload.js", "overlay.css":
		w.Header().Set("Cache-Control", "no-store")
		http.ServeFileFS(w, r, client, "client/"+name)
	default:
		http.NotFound(w, r)
	}
}

// retry is how soon a page tries the event stream again once it broke
// (serve stopped and started again): a page of the new run then reloads.
const retry = 500 * time.Millisecond

// serveEvents is a stream of Server-Sent Events: the state of the site
// when the page connects, and again after every rebuild. A state is one
// line of JSON, so one "data:" line. The page names itself by its path
// (?page=/sub/path/don-vi/khoi-dn/), so that a rebuild renders it first.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	rc := http.NewResponseController(w)
	wake := make(chan struct{}, 1)
	page := ""
	// location.pathname, as the script sends it, is escaped.
	at, err := url.PathUnescape(r.URL.Query().Get("page"))
	if rel, ok := strings.CutPrefix(at, s.base); ok && err == nil && !strings.HasPrefix(rel, Reserved) {
		page = fileName(rel)
	}
	s.listeners.Store(wake, page)
	defer s.listeners.Delete(wake)
	if _, err := w.Write([]byte("retry: " + strconv.Itoa(int(retry/time.Millisecond)) + "\n\n")); err != nil {
		return
	}
	for {
		s.mu.Lock()
		st := s.state
		s.mu.Unlock()
		if _, err := w.Write(append(append([]byte("event: state\ndata: "), st...), "\n\n"...)); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-wake:
		}
	}
}

// notify wakes every event stream; one that has not yet sent the last
// state sends only the newest.
func (s *Server) notify() {
	s.listeners.Range(func(k, _ any) bool {
		select {
		case k.(chan struct{}) <- struct{}{}:
		default:
		}
		return true
	})
}
