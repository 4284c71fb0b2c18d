// Package made keeps what a build made, for the next build into the
// same output: a file whose bytes depend only on inputs the caller can
// hash (a workbook: its rows, its note, the data version; a page: see
// render's pagesKey) is taken from the previous output when those
// inputs, and the program that made it, are the same, instead of being
// made again.
//
// Nothing is trusted blindly. The previous build leaves an index in its
// output's .sitegen/ folder: the key of the program that wrote it, then
// for each file the key of its inputs, the SHA-256 of the bytes it wrote
// and a note of what else making it did (the charts a page asked for),
// and last the SHA-256 of all that: a note is checked by nothing else,
// and a note damaged into another word would leave out the charts a
// taken page links to.
// A file is taken again only when its key is the one asked for and its
// bytes, read again, still have that SHA-256; an index that does not
// read, or that another program wrote, is ignored as a whole. Either way
// the file is made again, so the index can make a build faster and
// never different. It is as trusted as the folder it is in: a file
// changed together with its line is not told from one the build made.
package made

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
)

// IndexName is the index's name in the output's .sitegen/ folder.
const IndexName = "made"

// header starts an index; the program's key follows it on the line.
// An index of another form starts with the same words and another
// number.
const (
	header = "# sitegen made 3 "
	words  = "# sitegen made "
)

// sumPrefix starts the index's last line, the SHA-256 of the lines
// before it.
const sumPrefix = "# sum "

// Key is the SHA-256 of what a file is made from.
type Key [sha256.Size]byte

// was is what the index says of one file.
type was struct {
	key, sum Key
	note     string // see MakeNoted; "" for none
}

// Cache is the index of the previous build, and the one this build
// makes, safe for use by many goroutines.
type Cache struct {
	program Key
	prev    map[string]was
	read    func(name string) ([]byte, error)

	mu      sync.Mutex
	next    map[string]was
	reused  int
	changed []string // files whose bytes are not the ones the index says
}

// Open reads the index a previous build left (index, or indexErr when
// there was none to read) for files made by the program whose key is
// program; read reads a file of the previous output by its name.
// Without an index, every file is made. An index that does not read, or
// was written by another program, comes back as an error to be said to
// the user, and the cache is still good: it makes every file, and
// writes an index for the next build.
func Open(index []byte, indexErr error, read func(name string) ([]byte, error), program Key) (*Cache, error) {
	c := &Cache{program: program, read: read, next: make(map[string]was)}
	if indexErr != nil {
		return c, nil // no earlier build, or one that left no index
	}
	prev, err := parse(index, program)
	if err != nil {
		return c, err
	}
	c.prev = prev
	return c, nil
}

// ErrProgram says an index was written by another program: a newer or
// older sitegen may make other bytes from the same inputs.
var ErrProgram = errors.New("written by another build of sitegen")

// IndexError says why an index does not read: where (Line, from 1; 0
// for the whole file) and what (Problem), for the caller to say in the
// site's language.
type IndexError struct {
	Line    int
	Problem Problem
	Name    string // the file named twice (Twice)
}

// Problem is what is wrong with an index.
type Problem string

// The problems of an index, each the key of its message.
const (
	NotIndex Problem = "made.index.not"   // not an index of sitegen
	CutShort Problem = "made.index.cut"   // its last line has no end
	NotAFile Problem = "made.index.line"  // a line is not a key, a sum, a note and a name
	Twice    Problem = "made.index.twice" // a file is named on two lines
	Damaged  Problem = "made.index.sum"   // its checksum is not that of its lines
)

func (e *IndexError) Error() string {
	var msg string
	switch e.Problem {
	case NotIndex:
		msg = "not an index of sitegen"
	case CutShort:
		msg = "cut short"
	case NotAFile:
		msg = "not a key, a sum, a note and a name"
	case Twice:
		msg = e.Name + " twice"
	case Damaged:
		msg = "changed or damaged since it was written"
	}
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, msg)
	}
	return msg
}

func parse(b []byte, program Key) (map[string]was, error) {
	first, rest, ok := bytes.Cut(b, []byte("\n"))
	key, isIndex := strings.CutPrefix(string(first), header)
	if !ok || !isIndex {
		if strings.HasPrefix(string(first), words) {
			return nil, ErrProgram
		}
		return nil, &IndexError{Problem: NotIndex}
	}
	if key != hex.EncodeToString(program[:]) {
		return nil, ErrProgram
	}
	if !bytes.HasSuffix(rest, []byte("\n")) {
		return nil, &IndexError{Line: 2 + bytes.Count(rest, []byte("\n")), Problem: CutShort} // rest starts on line 2
	}
	last := bytes.LastIndexByte(rest[:len(rest)-1], '\n') + 1
	var sum Key
	if h, ok := strings.CutPrefix(string(rest[last:len(rest)-1]), sumPrefix); !ok || !decode(&sum, h) || sha256.Sum256(b[:len(b)-len(rest)+last]) != sum {
		return nil, &IndexError{Problem: Damaged}
	}
	rest = rest[:last]
	m := make(map[string]was)
	for n := 2; len(rest) > 0; n++ {
		var line []byte
		line, rest, ok = bytes.Cut(rest, []byte("\n"))
		if !ok {
			return nil, &IndexError{Line: n, Problem: CutShort}
		}
		w, name, ok := fields(string(line))
		if !ok {
			return nil, &IndexError{Line: n, Problem: NotAFile}
		}
		if _, twice := m[name]; twice {
			return nil, &IndexError{Line: n, Problem: Twice, Name: name}
		}
		m[name] = w
	}
	return m, nil
}

// fields splits an index line: the key, the sum, the note ("-" for
// none) and the name, the rest of the line.
func fields(line string) (w was, name string, ok bool) {
	f := strings.SplitN(line, " ", 4)
	if len(f) != 4 || !lineName(f[3]) || f[2] == "" || !decode(&w.key, f[0]) || !decode(&w.sum, f[1]) {
		return w, "", false
	}
	if f[2] != "-" {
		if !isNote(f[2]) {
			return w, "", false // not a note MakeNoted keeps
		}
		w.note = f[2]
	}
	return w, f[3], true
}

// decode reads the key s into k; the length is checked first, for
// hex.Decode writes past a key too short for s.
func decode(k *Key, s string) bool {
	if len(s) != hex.EncodedLen(len(k)) {
		return false
	}
	n, err := hex.Decode(k[:], []byte(s))
	return err == nil && n == len(k)
}

// Make returns the bytes of the file name, whose inputs hash to key:
// the previous build's when it made them from the same inputs and they
// are still what it wrote, else what make makes. A nil Cache always
// makes.
func (c *Cache) Make(name string, key Key, make func() ([]byte, error)) ([]byte, error) {
	b, _, _, err := c.MakeNoted(name, key, func() ([]byte, string, error) {
		b, err := make()
		return b, "", err
	})
	return b, err
}

// MakeNoted is Make for a file whose making has effects beyond its
// bytes that a build must have again when it takes the file (the charts
// a page shows make their own pages): make returns, with the bytes, a
// note that says them, kept in the index, and given back with the
// previous build's bytes (reused) for the caller to have them again. A
// note is a word of letters, digits, '-' and '_' (base64url); another
// note is not kept, and the file is made every time.
func (c *Cache) MakeNoted(name string, key Key, make func() ([]byte, string, error)) (b []byte, note string, reused bool, err error) {
	if c == nil {
		b, note, err = make()
		return b, note, false, err
	}
	if w, b, ok := c.previous(name, key); ok {
		c.record(name, was{key, w.sum, w.note}, true)
		return b, w.note, true, nil
	}
	if b, note, err = make(); err != nil {
		return nil, "", false, err
	}
	c.record(name, was{key, sha256.Sum256(b), note}, false)
	return b, note, false, nil
}

// previous reads the previous build's name when it was made from key
// and still has the bytes it was written with.
func (c *Cache) previous(name string, key Key) (was, []byte, bool) {
	w, ok := c.prev[name]
	if !ok || w.key != key {
		return w, nil, false
	}
	b, err := c.read(name)
	if err != nil || sha256.Sum256(b) != w.sum {
		c.mu.Lock()
		c.changed = append(c.changed, name)
		c.mu.Unlock()
		return w, nil, false
	}
	return w, b, true
}

func (c *Cache) record(name string, w was, reused bool) {
	if !lineName(name) || !isNote(w.note) {
		return // not a line of the index: made every time
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next[name] = w
	if reused {
		c.reused++
	}
}

// lineName reports whether name may end a line of the index: one that
// parse reads back as it was written.
func lineName(name string) bool { return name != "" && !strings.ContainsAny(name, "\r\n") }

// isNote reports whether s may be kept as a note: "" or a word of
// base64url.
func isNote(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return s != "-"
}

// Reused is how many files were taken from the previous build.
func (c *Cache) Reused() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reused
}

// Changed are the files of the previous output, sorted, that the index
// named with the inputs asked for but whose bytes were no longer the
// ones it wrote (edited or damaged after that build): they were made
// again.
func (c *Cache) Changed() []string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(slices.Values(c.changed))
}

// Encode is the index of the files this build made through the cache,
// for the next build.
func (c *Cache) Encode() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	w.WriteString(header + hex.EncodeToString(c.program[:]) + "\n")
	for _, name := range slices.Sorted(maps.Keys(c.next)) {
		e := c.next[name]
		note := cmp.Or(e.note, "-")
		fmt.Fprintf(w, "%x %x %s %s\n", e.key, e.sum, note, name)
	}
	w.Flush() // into a bytes.Buffer: cannot fail
	sum := sha256.Sum256(b.Bytes())
	b.WriteString(sumPrefix + hex.EncodeToString(sum[:]) + "\n")
	return b.Bytes()
}

// Inputs hashes what a file is made from into its Key: each part with
// its length, so that two lists of parts differ in their keys as soon
// as they differ in their parts.
type Inputs struct{ h hash.Hash }

// NewInputs starts the key of a file of the kind named (with a version
// of its form, "xlsx 1"), so that files of two kinds never share a key.
func NewInputs(kind string) Inputs {
	in := Inputs{sha256.New()}
	in.String(kind)
	return in
}

// String adds s.
func (in Inputs) String(s string) {
	var n [8]byte
	for i, l := 0, uint64(len(s)); i < 8; i, l = i+1, l>>8 {
		n[i] = byte(l)
	}
	in.h.Write(n[:])
	io.WriteString(in.h, s)
}

// Byte adds b.
func (in Inputs) Byte(b byte) { in.h.Write([]byte{b}) }

// Bool adds b.
func (in Inputs) Bool(b bool) {
	if b {
		in.Byte(1)
	} else {
		in.Byte(0)
	}
}

// Key is the key of everything added.
func (in Inputs) Key() Key {
	var k Key
	in.h.Sum(k[:0])
	return k
}

// Program is the key of the running program: the SHA-256 of its
// executable, so that a sitegen built from other code, or with another
// version of a library, never takes a file this one made.
func Program() (Key, error) {
	var k Key
	exe, err := os.Executable()
	if err != nil {
		return k, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return k, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return k, err
	}
	h.Sum(k[:0])
	return k, nil
}
