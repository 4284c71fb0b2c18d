package history

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"sync"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/site"
)

// CacheName is the cache's file in the output's .sitegen/ folder, beside
// the manifest. It keeps the name of the cache's first format (gob), so
// that a cache an older sitegen wrote is found, and refused with a note.
const CacheName = "history.gob"

// The file begins with cacheMagic and cacheFormat: a file of another
// format is not read.
const (
	cacheMagic  = "sitegen figure log cache\n"
	cacheFormat = 4
)

// Cache keeps what the log computed for each step of the history: from
// the data/ tree last published to the next tree, the changes of
// published figures (or that it did not pass check). A step depends on
// nothing else, whatever commit made it, so a build reads and runs only
// the trees of new commits. It is safe for concurrent use.
//
// Its file is a list of records in the order of the history: each
// commit, and after it the step it made, with every string and figure
// written once, before the first record that needs it, and referred to
// by number after; then the figures of the version published last, and
// a checksum. A build after new commits writes the bytes it read and
// adds the records of the new commits: the file is not made again whole.
type Cache struct {
	mu    sync.Mutex
	steps map[stepKey]*step
	// known are the commits read, by hash and the site's folder in the
	// repository (a commit's data/ tree depends on both).
	known map[commitKey]commit
	// order is what the last Read went through, as the file lists it:
	// only that is written, so that steps of a history since rewritten
	// do not pile up; ordered keeps the steps of order.
	order   []record
	ordered map[stepKey]bool
	// last is the tree of the version published last and its figures:
	// what the step of the next commit compares with.
	last        string
	lastFigures []site.Anchored
	// computed counts the steps computed rather than found, for the
	// tests that a build reads only new commits.
	computed int
	// file is what the cache's file held before its last version's
	// record, when it was read or written: Encode adds to it.
	file *written
}

// record is a commit or a step of the file, by its key.
type record struct {
	commit commitKey
	step   stepKey
	isStep bool
}

// step is one step of the history: the changes a tree makes to the
// figures of the tree published before it.
type step struct {
	from, to string
	Refused  bool
	Changes  []site.Change
}

// stepKey names a step by the trees it goes from and to.
type stepKey struct{ from, to string }

// commitKey names a commit read for the site's folder prefix.
type commitKey struct{ hash, prefix string }

// begin starts a Read: the records it goes through are the ones written.
func (c *Cache) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.steps == nil {
		c.steps = make(map[stepKey]*step)
	}
	if c.known == nil {
		c.known = make(map[commitKey]commit)
	}
	c.order, c.ordered = nil, make(map[stepKey]bool)
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
	c.last, c.lastFigures = tree, figures
}

// chain returns the first-parent history of the commit hash of the
// site's folder prefix, oldest first, when the cache knows every commit
// of it; else nil.
func (c *Cache) chain(hash, prefix string) []commit {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []commit
	for hash != "" {
		cm, ok := c.known[commitKey{hash, prefix}]
		if !ok || len(out) > len(c.known) {
			return nil
		}
		out = append(out, cm)
		hash = cm.Parent
	}
	slices.Reverse(out)
	return out
}

// knowsAny reports whether the cache knows a commit.
func (c *Cache) knowsAny() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.known) > 0
}

// commitOf returns the commit hash of the site's folder prefix, when the
// cache knows it.
func (c *Cache) commitOf(hash, prefix string) (commit, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cm, ok := c.known[commitKey{hash, prefix}]
	return cm, ok
}

// use notes that the Read went through the commit cm, read for the
// site's folder prefix: the cache keeps it.
func (c *Cache) use(cm commit, prefix string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := commitKey{cm.Hash, prefix}
	c.known[k] = cm
	c.order = append(c.order, record{commit: k})
}

// NewCache returns an empty cache; the zero Cache is one too.
func NewCache() *Cache {
	return &Cache{steps: make(map[stepKey]*step), known: make(map[commitKey]commit), ordered: make(map[stepKey]bool)}
}

// step returns the step from tree from to tree to, computed by make when
// it is not kept yet.
func (c *Cache) step(from, to string, make func() (*step, error)) (*step, error) {
	key := stepKey{from, to}
	c.mu.Lock()
	s := c.steps[key]
	c.mu.Unlock()
	if s == nil {
		var err error
		if s, err = make(); err != nil {
			return nil, err
		}
		s.from, s.to = from, to
		c.mu.Lock()
		c.steps[key] = s
		c.computed++
		c.mu.Unlock()
	}
	c.mu.Lock()
	if !c.ordered[key] {
		c.ordered[key] = true
		c.order = append(c.order, record{step: key, isStep: true})
	}
	c.mu.Unlock()
	return s, nil
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

// The kinds of record.
const (
	recString = 's'
	recFigure = 'f'
	recCommit = 'c'
	recStep   = 'p'
	recLast   = 'l'
)

// kinds numbers the kinds of change in the file.
var kinds = []site.ChangeKind{site.ChangeNew, site.ChangeUpdate, site.ChangeCorrection, site.ChangeWithdrawn}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// written is a cache's file up to its last version's record, and what
// its records number: what Encode needs to add records to it.
type written struct {
	b     []byte
	crc   uint32 // of b
	order []record
	strs  map[string]uint64
	figs  map[string]uint64 // by their record
}

// encoder writes records after those of a file.
type encoder struct {
	written
	tmp []byte
}

func (e *encoder) uvarints(v ...uint64) {
	for _, x := range v {
		e.b = binary.AppendUvarint(e.b, x)
	}
}

// str returns the number of s, writing it first when it is new.
func (e *encoder) str(s string) uint64 {
	if i, ok := e.strs[s]; ok {
		return i
	}
	i := uint64(len(e.strs))
	e.strs[s] = i
	e.b = append(e.b, recString)
	e.uvarints(uint64(len(s)))
	e.b = append(e.b, s...)
	return i
}

// figure returns the number of f, writing it first when it is new: a
// figure is written once, however many changes show it. Its source,
// position and missing sub-cells are not kept (see shown).
func (e *encoder) figure(f *data.Figure) uint64 {
	refs := [...]uint64{e.str(f.Name), e.str(f.Subject), e.str(string(f.Count.Approx)), e.str(string(f.Approx))}
	t := e.tmp[:0]
	for _, r := range refs {
		t = binary.AppendUvarint(t, r)
	}
	for _, v := range [...]int64{int64(f.Period.From), int64(f.Period.To), int64(f.Kind), f.Count.Value, f.Min, f.Max, f.Tenths, int64(f.Covered), int64(f.Listed)} {
		t = binary.AppendVarint(t, v)
	}
	for _, d := range [...]data.Date{f.On, f.AsOf, f.Since} {
		t = binary.AppendVarint(t, int64(d.Year))
		t = binary.AppendVarint(t, int64(d.Month))
		t = binary.AppendVarint(t, int64(d.Day))
	}
	t = append(t, flags(f.Count.Set, f.Latest, f.Sum))
	e.tmp = t
	if i, ok := e.figs[string(t)]; ok {
		return i
	}
	i := uint64(len(e.figs))
	e.figs[string(t)] = i
	e.b = append(e.b, recFigure)
	e.b = append(e.b, t...)
	return i
}

func flags(b ...bool) byte {
	var out byte
	for i, v := range b {
		if v {
			out |= 1 << i
		}
	}
	return out
}

func (e *encoder) commit(cm commit, prefix string) {
	refs := [...]uint64{e.str(cm.Hash), e.str(cm.Parent), e.str(prefix), e.str(cm.Committed), e.str(cm.Subject), e.str(cm.Reason), e.str(cm.Tree)}
	e.b = append(e.b, recCommit)
	e.uvarints(refs[:]...)
}

func (e *encoder) step(s *step) {
	type ref struct{ page, anchor, before, after uint64 }
	from, to := e.str(s.from), e.str(s.to)
	refs := make([]ref, len(s.Changes))
	for i, ch := range s.Changes {
		refs[i] = ref{e.str(ch.Page), e.str(ch.Anchor), 0, 0}
		if ch.Before != nil {
			refs[i].before = e.figure(ch.Before) + 1
		}
		if ch.After != nil {
			refs[i].after = e.figure(ch.After) + 1
		}
	}
	e.b = append(e.b, recStep, flags(s.Refused))
	e.uvarints(from, to, uint64(len(s.Changes)))
	for i, ch := range s.Changes {
		e.b = append(e.b, byte(slices.Index(kinds, ch.Kind)))
		e.uvarints(refs[i].page, refs[i].anchor, refs[i].before, refs[i].after)
	}
}

// Encode writes the records the last Read went through; the same
// records give the same bytes, whether added to the file read or
// written anew.
func (c *Cache) Encode() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := &encoder{}
	rest, from := c.order, 0
	if w := c.file; w != nil && len(w.order) <= len(c.order) && slices.Equal(w.order, c.order[:len(w.order)]) {
		e.written = *w
		e.b = slices.Clip(w.b) // the next append copies: w.b stays as it was
		rest, from = c.order[len(w.order):], len(w.b)
	} else {
		e.b = binary.AppendUvarint([]byte(cacheMagic), cacheFormat)
		e.strs, e.figs = make(map[string]uint64), make(map[string]uint64)
	}
	for _, r := range rest {
		if r.isStep {
			e.step(c.steps[r.step])
			continue
		}
		e.commit(c.known[r.commit], r.commit.prefix)
	}
	// The last version's figures: every one was written as a change's
	// figure, and its strings with it, so no record comes before it.
	type ref struct{ page, anchor, figure uint64 }
	known := c.lastFigures != nil || c.last == ""
	last := e.str(c.last)
	refs := make([]ref, len(c.lastFigures))
	for i, a := range c.lastFigures {
		refs[i] = ref{e.str(a.Page), e.str(a.Anchor), e.figure(a.Figure) + 1}
	}
	e.crc = crc32.Update(e.crc, crcTable, e.b[from:])
	e.order = slices.Clone(c.order)
	c.file = &e.written
	tail := []byte{recLast, flags(known)}
	tail = binary.AppendUvarint(tail, last)
	tail = binary.AppendUvarint(tail, uint64(len(refs)))
	for _, r := range refs {
		tail = binary.AppendUvarint(tail, r.page)
		tail = binary.AppendUvarint(tail, r.anchor)
		tail = binary.AppendUvarint(tail, r.figure)
	}
	out := append(slices.Clip(e.b), tail...)
	return binary.LittleEndian.AppendUint32(out, crc32.Update(e.crc, crcTable, tail)), nil
}

// ErrCache says a cache file is not one Encode wrote: cut short, edited,
// or of another format.
var ErrCache = errors.New("not a cache of the figure log")

// DecodeCache reads a cache Encode wrote. A file that does not read (cut
// short, edited, of another format) gives an empty cache and an error,
// for the build to say it was ignored: the log is then computed again,
// never read from it.
func DecodeCache(b []byte) (*Cache, error) {
	c, err := decodeCache(b)
	if err != nil {
		return NewCache(), err
	}
	return c, nil
}

func decodeCache(b []byte) (*Cache, error) {
	if !bytes.HasPrefix(b, []byte(cacheMagic)) || len(b) < len(cacheMagic)+4 {
		return nil, ErrCache
	}
	if sum := binary.LittleEndian.Uint32(b[len(b)-4:]); crc32.Checksum(b[:len(b)-4], crcTable) != sum {
		return nil, ErrCache
	}
	// Every string read is a part of one copy of the file: one
	// allocation, not one a string.
	d := &decoder{b: b[:len(b)-4], s: string(b[:len(b)-4]), at: len(cacheMagic)}
	if d.uvarint() != cacheFormat || d.err != nil {
		return nil, ErrCache
	}
	c := NewCache()
	w := &written{strs: make(map[string]uint64), figs: make(map[string]uint64)}
	var (
		strs []string
		figs []*data.Figure
	)
	str := func() string {
		i := d.uvarint()
		if i >= uint64(len(strs)) {
			d.fail()
			return ""
		}
		return strs[i]
	}
	figure := func() *data.Figure { // numbered from 1; 0 is none
		i := d.uvarint()
		if i > uint64(len(figs)) {
			d.fail()
			return nil
		}
		if i == 0 {
			return nil
		}
		return figs[i-1]
	}
	for d.err == nil && d.at < len(d.b) {
		at := d.at
		switch kind := d.byte(); kind {
		case recString:
			n := d.uvarint()
			s := d.string(n)
			if _, dup := w.strs[s]; dup {
				d.fail()
			}
			w.strs[s] = uint64(len(strs))
			strs = append(strs, s)
		case recFigure:
			f := d.figure(str)
			key := d.s[at+1 : d.at]
			if _, dup := w.figs[key]; dup {
				d.fail()
			}
			w.figs[key] = uint64(len(figs))
			figs = append(figs, f)
		case recCommit:
			var cm commit
			cm.Hash, cm.Parent = str(), str()
			prefix := str()
			cm.Committed, cm.Subject, cm.Reason, cm.Tree = str(), str(), str(), str()
			var err error
			if cm.Date, err = time.Parse(time.RFC3339, cm.Committed); err != nil || cm.Hash == "" {
				d.fail()
			}
			k := commitKey{cm.Hash, prefix}
			if _, dup := c.known[k]; dup {
				d.fail()
			}
			c.known[k] = cm
			w.order = append(w.order, record{commit: k})
		case recStep:
			s := &step{Refused: d.byte() == 1}
			s.from, s.to = str(), str()
			n := d.uvarint()
			if n > uint64(len(d.b)) {
				d.fail()
				break
			}
			s.Changes = make([]site.Change, n)
			for i := range s.Changes {
				ch := &s.Changes[i]
				if k := d.byte(); int(k) < len(kinds) {
					ch.Kind = kinds[k]
				}
				ch.Page, ch.Anchor = str(), str()
				ch.Before, ch.After = figure(), figure()
			}
			k := stepKey{s.from, s.to}
			if _, dup := c.steps[k]; dup || !s.valid() {
				d.fail()
			}
			c.steps[k] = s
			w.order = append(w.order, record{step: k, isStep: true})
		case recLast:
			w.b = b[:at]
			known := d.byte() == 1
			c.last = str()
			n := d.uvarint()
			if n > uint64(len(d.b)) {
				d.fail()
				break
			}
			figures := make([]site.Anchored, n)
			for i := range figures {
				figures[i] = site.Anchored{Page: str(), Anchor: str(), Figure: figure()}
				if f := figures[i]; f.Figure == nil || f.Page == "" || f.Anchor == "" {
					d.fail()
				}
			}
			if !slices.IsSortedFunc(figures, site.CompareAnchored) || !known && n > 0 {
				d.fail()
			}
			if known {
				c.lastFigures = figures
			}
			if d.at < len(d.b) { // the last version ends the file
				d.fail()
			}
		default:
			d.fail()
		}
	}
	if d.err != nil || w.b == nil {
		return nil, ErrCache
	}
	w.crc = crc32.Checksum(w.b, crcTable)
	c.file = w
	return c, nil
}

// decoder reads the records of a cache's file (b, and s, the same as a
// string) from at; a record that does not read sets err.
type decoder struct {
	b   []byte
	s   string
	at  int
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = ErrCache
	}
	d.at = len(d.b)
}

func (d *decoder) byte() byte {
	if d.at >= len(d.b) {
		d.fail()
		return 0
	}
	d.at++
	return d.b[d.at-1]
}

func (d *decoder) string(n uint64) string {
	if n > uint64(len(d.b)-d.at) {
		d.fail()
		return ""
	}
	d.at += int(n)
	return d.s[d.at-int(n) : d.at]
}

func (d *decoder) uvarint() uint64 { return number(d, binary.Uvarint) }

func (d *decoder) varint() int64 { return number(d, binary.Varint) }

// number reads a number with read (binary.Uvarint or binary.Varint).
func number[T uint64 | int64](d *decoder, read func([]byte) (T, int)) T {
	v, n := read(d.b[d.at:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.at += n
	return v
}

// figure reads what encoder.figure wrote.
func (d *decoder) figure(str func() string) *data.Figure {
	f := &data.Figure{}
	f.Name, f.Subject = str(), str()
	f.Count.Approx, f.Approx = data.Approx(str()), data.Approx(str())
	ints := [9]int64{}
	for i := range ints {
		ints[i] = d.varint()
	}
	f.Period.From, f.Period.To, f.Kind = int(ints[0]), int(ints[1]), data.FigureKind(ints[2])
	f.Count.Value, f.Min, f.Max, f.Tenths = ints[3], ints[4], ints[5], ints[6]
	f.Covered, f.Listed = int(ints[7]), int(ints[8])
	for _, day := range [...]*data.Date{&f.On, &f.AsOf, &f.Since} {
		day.Year, day.Month, day.Day = int(d.varint()), time.Month(d.varint()), int(d.varint())
	}
	fl := d.byte()
	f.Count.Set, f.Latest, f.Sum = fl&1 != 0, fl&2 != 0, fl&4 != 0
	return f
}
