package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// Watcher reports changes to the files a build reads. Changes holds at
// most one change not yet received: a change still in it stands for any
// that came after it, which is all a rebuild needs to know.
type Watcher interface {
	// Changes receives the path of a changed file, for the log.
	Changes() <-chan string
	// Close stops watching.
	Close() error
}

// Watched are the folders of a site whose files a build reads.
var Watched = []string{"data", "content", "templates"}

// Litter tells whether a file of the watched folders is an editor's or
// the system's, never read by a build: dotfiles (.file.swp, .#file,
// .DS_Store), backups (file~, file.bck), temporary files (file.tmp,
// #file#), and the file 4913 vim makes to test that it may write a
// folder.
func Litter(name string) bool {
	base := filepath.Base(name)
	switch {
	case strings.HasPrefix(base, "."), strings.HasSuffix(base, "~"), base == "4913":
		return true
	case len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	}
	return slices.Contains([]string{".swp", ".swx", ".bck", ".tmp"}, strings.ToLower(filepath.Ext(base)))
}

// notify is a Watcher on fsnotify's events.
type notify struct {
	src     string
	fsn     *fsnotify.Watcher
	changes chan string
	onError func(error)
	done    chan struct{}
}

// Watch watches every folder under data/, content/ and templates/ of
// the site folder src, and the folders made in them later, for changes
// of the files a build reads. The folders themselves may come later
// too. onError is told what goes wrong while watching (a change missed
// then is reported as a change).
func Watch(src string, onError func(error)) (Watcher, error) {
	fsn, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notify{src: src, fsn: fsn, changes: make(chan string, 1), onError: onError, done: make(chan struct{})}
	// The site folder itself is watched for data/, content/ or
	// templates/ made later; its other files are not the build's.
	if err := fsn.Add(src); err != nil {
		fsn.Close()
		return nil, err
	}
	for _, dir := range Watched {
		if err := n.addTree(filepath.Join(src, dir)); err != nil {
			fsn.Close()
			return nil, err
		}
	}
	go n.loop()
	return n, nil
}

func (n *notify) Changes() <-chan string { return n.changes }

func (n *notify) Close() error {
	err := n.fsn.Close()
	<-n.done
	return err
}

// addTree watches dir and every folder below it; a dir that does not
// exist is no error.
func (n *notify) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == dir && os.IsNotExist(err):
			return nil
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case p != dir && Litter(p):
			return filepath.SkipDir
		}
		return n.fsn.Add(p)
	})
}

func (n *notify) loop() {
	defer close(n.done)
	for {
		select {
		case ev, ok := <-n.fsn.Events:
			if !ok {
				return
			}
			n.event(ev)
		case err, ok := <-n.fsn.Errors:
			if !ok {
				return
			}
			// The events lost (a full queue) may have been changes.
			n.onError(err)
			n.changed(n.src)
		}
	}
}

func (n *notify) event(ev fsnotify.Event) {
	rel, err := filepath.Rel(n.src, ev.Name)
	if err != nil || Litter(ev.Name) || ev.Op == fsnotify.Chmod {
		return
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if !slices.Contains(Watched, top) {
		return // public/, README.md: not read by a build
	}
	if ev.Has(fsnotify.Create) {
		// A folder made, or moved in, is watched; its files were made
		// before its watch, so they count as this one change.
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := n.addTree(ev.Name); err != nil {
				n.onError(err)
			}
		}
	}
	n.changed(ev.Name)
}

// changed hands on a change unless one is still waiting to be received.
func (n *notify) changed(name string) {
	select {
	case n.changes <- name:
	default:
	}
}
