package history

import (
	"runtime"
	"testing/fstest"

	"sitegen/internal/data"
	"sitegen/internal/par"
	"sitegen/internal/site"
)

// ahead loads the versions of data/ the walk compares, some ahead of it
// and on two cores: a version's load needs nothing but its files; only
// the comparison goes in the order of the history. Its files are read
// from git in the walk's goroutine, which alone talks to cat-file. A
// version's snapshot is kept while a later version has the same tree (a
// commit that undoes the one before): it is not loaded again.
type ahead struct {
	objs  *objects
	dc    *data.Decoded
	trees []string // of each version, in the order of the history
	next  int      // trees[next:] are not started yet
	// left counts the versions the walk is not past yet that have the
	// tree.
	left  map[string]int
	loads map[string]*loading
	slots chan struct{}
	waits []func()
}

// maxLoads is how many versions are loaded at once at most: each load
// already asks its cells' figures on every core, and a large site's load
// holds its whole model, so more would cost memory rather than time.
const maxLoads = 2

// forgetEvery is how many versions the files decoded are kept for.
const forgetEvery = 16

// loading is one version being loaded.
type loading struct {
	wait func()
	s    *snapshot
}

func newAhead(objs *objects, trees []string) *ahead {
	a := &ahead{objs: objs, dc: new(data.Decoded), trees: trees, left: make(map[string]int), loads: make(map[string]*loading),
		slots: make(chan struct{}, min(runtime.GOMAXPROCS(0), maxLoads))}
	for _, t := range trees {
		a.left[t]++
	}
	return a
}

// get returns the snapshot of version i, starting the loads of the
// versions after it.
func (a *ahead) get(i int) (*snapshot, error) {
	for a.next < min(i+2*cap(a.slots)+1, len(a.trees)) {
		if err := a.start(a.trees[a.next]); err != nil {
			return nil, err
		}
		a.next++
	}
	l := a.loads[a.trees[i]]
	l.wait()
	return l.s, nil
}

// passed notes that the walk is past version i: its snapshot is dropped
// when no later version has its tree.
func (a *ahead) passed(i int) {
	a.next = max(a.next, i+1)
	t := a.trees[i]
	if a.left[t]--; a.left[t] == 0 {
		delete(a.loads, t)
	}
	// The files decoded are kept while a version loaded since the last
	// Forget read them. Loads run at once, so a Forget after each would
	// drop the files of those that decoded theirs before it.
	if i%forgetEvery == forgetEvery-1 {
		a.dc.Forget()
	}
}

// start reads the files of tree and loads them on a goroutine of its own.
func (a *ahead) start(tree string) error {
	if a.loads[tree] != nil {
		return nil
	}
	l := &loading{}
	a.loads[tree] = l
	if tree == "" { // no data/ yet: nothing is published
		l.s, l.wait = &snapshot{}, func() {}
		return nil
	}
	files := make(map[string][]byte)
	if err := a.objs.tomlFiles(tree, "data", files); err != nil {
		return err
	}
	a.objs.forget()
	l.wait = par.Go(func() {
		a.slots <- struct{}{}
		defer func() { <-a.slots }()
		l.s = load(files, a.dc)
	})
	a.waits = append(a.waits, l.wait)
	return nil
}

// close waits for the loads started, needed or not.
func (a *ahead) close() {
	for _, w := range a.waits {
		w()
	}
}

// load runs the files of a version of data/ through the pipeline: loaded
// and checked as the build does, the model made, its anchored figures
// listed. dc keeps the files decoded for the next versions.
func load(files map[string][]byte, dc *data.Decoded) *snapshot {
	fsys := make(fstest.MapFS, len(files))
	for p, b := range files {
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	d, diags := data.LoadWith(fsys, "", dc)
	if diags.HasErrors() {
		return &snapshot{Refused: true}
	}
	return &snapshot{Figures: site.New(d, nil).Anchored()}
}
