package serve

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// poller is a Watcher for folders whose changes no event tells (a
// shared drive, a folder of a virtual machine): it looks at every file
// every so often.
type poller struct {
	src     string
	every   time.Duration
	changes chan string
	stop    chan struct{}
	done    chan struct{}
	seen    map[string]stamp
}

// stamp is what a poll knows of a file. A file whose time is that of
// the poll's second (a coarse clock, or a second save within it) is also
// known by its content, since its size and time may stay as they were.
type stamp struct {
	size int64
	mod  time.Time
	sum  []byte // for a recent file only
}

// DefaultPoll is how often -poll looks: a save shows within a second.
const DefaultPoll = 500 * time.Millisecond

// recent is how close to the poll a file's time must be for its content
// to be compared too: file systems that keep times to the second or two
// (FAT, some shares) show no change of time for a save within them.
const recent = 3 * time.Second

// Poll watches the files of data/, content/ and templates/ of src by
// looking at them every interval.
func Poll(src string, every time.Duration) Watcher {
	p := &poller{src: src, every: every, changes: make(chan string, 1), stop: make(chan struct{}), done: make(chan struct{})}
	p.seen = p.scan()
	go p.loop()
	return p
}

func (p *poller) Changes() <-chan string { return p.changes }

func (p *poller) Close() error {
	close(p.stop)
	<-p.done
	return nil
}

func (p *poller) loop() {
	defer close(p.done)
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
			now := p.scan()
			if name, ok := differ(p.seen, now); ok {
				select {
				case p.changes <- name:
				default: // a change is still waiting: it stands for this one
				}
			}
			p.seen = now
		}
	}
}

// scan stamps every file of the watched folders.
func (p *poller) scan() map[string]stamp {
	now := time.Now()
	out := make(map[string]stamp)
	for _, dir := range Watched {
		filepath.WalkDir(filepath.Join(p.src, dir), func(name string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil // gone meanwhile, or unreadable: the build will say
			case d.IsDir() && Litter(name):
				return filepath.SkipDir
			case d.IsDir() || Litter(name):
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil
			}
			st := stamp{size: fi.Size(), mod: fi.ModTime()}
			if now.Sub(st.mod).Abs() < recent {
				if b, err := os.ReadFile(name); err == nil {
					sum := sha256.Sum256(b)
					st.sum = sum[:]
				}
			}
			out[name] = st
			return nil
		})
	}
	return out
}

// differ names a file that changed between two scans, if any did.
func differ(before, after map[string]stamp) (string, bool) {
	for name, a := range after {
		b, ok := before[name]
		if !ok || a.size != b.size || !a.mod.Equal(b.mod) || (a.sum != nil && b.sum != nil && !bytes.Equal(a.sum, b.sum)) {
			return name, true
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			return name, true
		}
	}
	return "", false
}
