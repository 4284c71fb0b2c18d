package history

import (
	"bytes"
	"encoding/gob"
	"errors"
	"maps"
	"slices"
	"sync"

	"sitegen/internal/site"
)

// CacheName is the cache's file in the output's .sitegen/ folder, beside
// the manifest. It is encoding/gob, which reads the cache of a thousand
// commits some times faster than JSON (docs/performance.md).
const CacheName = "history.gob"

// cacheFormat is written in the file: a cache of another format is not
// read.
const cacheFormat = 3

// Cache keeps what the log computed for each step of the history: from
// the data/ tree last published to the next tree, the changes of
// published figures (or that it did not pass check). A step depends on
// nothing else, whatever commit made it, so a build reads and runs only
// the trees of new commits. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	steps map[string]*step
	// known are the commits read, by hash and the site's folder in the
	// repository (a commit's data/ tree depends on both).
	known map[string]commit
	// used are the steps the last Read went through: only they are
	// written, so that steps of a history since rewritten do not pile up.
	used        map[string]*step
	usedCommits map[string]commit
	// last is the tree of the version published last and its figures:
	// what the step of the next commit compares with.
	last        string
	lastFigures []site.Anchored
	// computed counts the steps computed rather than found, for the
	// tests that a build reads only new commits.
	computed int
	// read are the bytes the cache was decoded from, and changed tells
	// whether a Read since found anything they do not hold: a build
	// with no new commit writes them again as they were.
	read    []byte
	changed bool
}

// step is one step of the history: the changes a tree makes to the
// figures of the tree published before it.
type step struct {
	Refused bool
	Changes []site.Change
}

// begin starts a Read: the steps it goes through are the ones written.
func (c *Cache) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.steps == nil {
		c.steps = make(map[string]*step)
	}
	if c.known == nil {
		c.known = make(map[string]commit)
	}
	c.used = make(map[string]*step)
}

// figuresOf returns the figures of tree when they are the last kept.
func (c *Cache) figuresOf(tree string) ([]site.Anchored, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last != tree || tree != "" && c.lastFigures == nil {
		return nil, false
	}
	return c.lastFigures, true
}

// setLast keeps the figures of the version of tree.
func (c *Cache) setLast(tree string, figures []site.Anchored) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last, c.lastFigures, c.changed = tree, figures, c.changed || tree != c.last
}

// commits returns the commits hashes of the site's folder prefix, those
// not known yet read by read (in one go).
func (c *Cache) commits(hashes []string, prefix string, read func([]string) ([]commit, error)) ([]commit, error) {
	key := func(h string) string { return h + ":" + prefix }
	c.mu.Lock()
	var missing []string
	for _, h := range hashes {
		if _, ok := c.known[key(h)]; !ok {
			missing = append(missing, h)
		}
	}
	c.mu.Unlock()
	if len(missing) > 0 {
		found, err := read(missing)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		for _, cm := range found {
			c.known[key(cm.Hash)] = cm
			c.changed = true
		}
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]commit, len(hashes))
	c.usedCommits = make(map[string]commit, len(hashes))
	for i, h := range hashes {
		out[i] = c.known[key(h)]
		c.usedCommits[key(h)] = out[i]
	}
	return out, nil
}

// NewCache returns an empty cache; the zero Cache is one too.
func NewCache() *Cache {
	return &Cache{steps: make(map[string]*step), used: make(map[string]*step), known: make(map[string]commit)}
}

// errCache says a cache file is not one Encode wrote.
var errCache = errors.New("not a cache of the figure log")

// DecodeCache reads a cache Encode wrote. A file that does not read (cut
// short, edited, of another format) gives an empty cache and an error,
// for the build to say it was ignored: the log is then computed again,
// never read from it.
func DecodeCache(b []byte) (*Cache, error) {
	var file cacheFile
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&file); err != nil {
		return NewCache(), err
	}
	if file.Format != cacheFormat {
		return NewCache(), errCache
	}
	c := NewCache()
	for _, s := range file.Steps {
		if s.Step == nil || !s.Step.valid() {
			return NewCache(), errCache
		}
		c.steps[s.Key] = s.Step
	}
	for _, cm := range file.Commits {
		if cm.Key == "" || cm.Commit.Hash == "" || cm.Commit.Date.IsZero() {
			return NewCache(), errCache
		}
		c.known[cm.Key] = cm.Commit
	}
	if slices.ContainsFunc(file.LastFigures, func(a site.Anchored) bool { return a.Figure == nil || a.Page == "" || a.Anchor == "" }) ||
		!slices.IsSortedFunc(file.LastFigures, site.CompareAnchored) {
		return NewCache(), errCache
	}
	c.last, c.lastFigures = file.Last, file.LastFigures
	c.read = b
	return c, nil
}

// cacheFile is what the cache's file holds: its steps sorted by key, so
// that the same steps give the same bytes.
type cacheFile struct {
	Format      int
	Steps       []keyedStep
	Commits     []keyedCommit
	Last        string
	LastFigures []site.Anchored
}

type keyedCommit struct {
	Key    string
	Commit commit
}

type keyedStep struct {
	Key  string
	Step *step
}

// valid reports whether every change of s is whole: a change with no
// figure on either side, or of no kind, is not one the log made.
func (s *step) valid() bool {
	if !sorted(s.Changes) {
		return false
	}
	for _, c := range s.Changes {
		switch {
		case c.Page == "" || c.Anchor == "" || c.Before == nil && c.After == nil,
			c.Kind == site.ChangeNew && (c.Before != nil || c.After == nil),
			c.Kind == site.ChangeWithdrawn && (c.Before == nil || c.After != nil),
			(c.Kind == site.ChangeUpdate || c.Kind == site.ChangeCorrection) && (c.Before == nil || c.After == nil),
			c.Kind != site.ChangeNew && c.Kind != site.ChangeWithdrawn && c.Kind != site.ChangeUpdate && c.Kind != site.ChangeCorrection:
			return false
		}
	}
	return true
}

// Encode writes the steps the last Read went through; the same steps
// give the same bytes.
func (c *Cache) Encode() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.read != nil && !c.changed && len(c.used) == len(c.steps) && len(c.usedCommits) == len(c.known) {
		return c.read, nil
	}
	file := cacheFile{Format: cacheFormat}
	for _, k := range slices.Sorted(maps.Keys(c.used)) {
		file.Steps = append(file.Steps, keyedStep{k, c.used[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(c.usedCommits)) {
		file.Commits = append(file.Commits, keyedCommit{k, c.usedCommits[k]})
	}
	file.Last, file.LastFigures = c.last, c.lastFigures
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(file)
	return b.Bytes(), err
}

// step returns the step from tree from to tree to, computed by make when
// it is not kept yet.
func (c *Cache) step(from, to string, make func() (*step, error)) (*step, error) {
	key := from + ".." + to
	c.mu.Lock()
	s := c.steps[key]
	if s != nil {
		c.used[key] = s
	}
	c.mu.Unlock()
	if s != nil {
		return s, nil
	}
	s, err := make()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.steps[key], c.used[key] = s, s
	c.computed++
	c.changed = true
	c.mu.Unlock()
	return s, nil
}
