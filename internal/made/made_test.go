package made

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// build is one build through a cache: it asks for each file of files
// (name → the inputs it is made from) and returns what it got, which
// files it had to make, and the index it leaves.
type build struct {
	got   map[string]string
	notes map[string]string // the note each file came with
	made  []string
	index []byte
	c     *Cache
}

func run(t *testing.T, index []byte, prev map[string]string, program string, files map[string]string) (build, error) {
	t.Helper()
	read := func(name string) ([]byte, error) {
		b, ok := prev[name]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return []byte(b), nil
	}
	var indexErr error
	if index == nil {
		indexErr = fs.ErrNotExist
	}
	c, err := Open(index, indexErr, read, keyOf(program))
	out := build{got: make(map[string]string), notes: make(map[string]string), c: c}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, inputs := range files {
		wg.Go(func() {
			b, note, reused, err := c.MakeNoted(name, keyOf(inputs), func() ([]byte, string, error) {
				mu.Lock()
				out.made = append(out.made, name)
				mu.Unlock()
				return []byte("made from " + inputs), noteOf(inputs), nil
			})
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			out.got[name] = string(b)
			out.notes[name] = note
			if reused == slices.Contains(out.made, name) {
				t.Errorf("%s: reused is %v, made %v", name, reused, !reused)
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(out.made)
	out.index = c.Encode()
	return out, err
}

// noteOf is the note a file made from inputs comes with: none for some.
func noteOf(inputs string) string {
	if len(inputs)%2 == 0 {
		return ""
	}
	return "n_" + strconv.Itoa(len(inputs)) + "-x"
}

func keyOf(s string) Key {
	in := NewInputs("test 1")
	in.String(s)
	return in.Key()
}

// lines are the file lines of an index, each with its newline: neither
// the first line nor the checksum.
func lines(index []byte) []string {
	l := strings.SplitAfter(string(index), "\n")
	return l[1 : len(l)-2] // SplitAfter leaves "" after the last newline
}

// resummed is index with more lines after its own, and a checksum made
// again, as a program that writes indexes would write it.
func resummed(index []byte, more string) []byte {
	body := strings.SplitAfter(string(index), "\n")[0] + strings.Join(lines(index), "") + more
	sum := sha256.Sum256([]byte(body))
	return []byte(body + sumPrefix + hex.EncodeToString(sum[:]) + "\n")
}

// noteChanged is index with the first letter of its first note changed
// to another letter of a note, its checksum as it was.
func noteChanged(index []byte) []byte {
	first := lines(index)[0]
	f := strings.SplitN(first, " ", 4)
	at := strings.Index(string(index), first) + len(f[0]) + len(f[1]) + 2
	b := bytes.Clone(index)
	if b[at] == 'A' {
		b[at] = 'B'
	} else {
		b[at] = 'A'
	}
	return b
}

func TestCache(t *testing.T) {
	files := map[string]string{"a.xlsx": "rows of a", "b/c.xlsx": "rows of c", "d e.xlsx": "rows of d"}
	first, err := run(t, nil, nil, "v1", files)
	if err != nil || len(first.made) != 3 || first.c.Reused() != 0 {
		t.Fatalf("first build: err %v, made %v, reused %d; want every file made", err, first.made, first.c.Reused())
	}
	written := first.got

	edited := map[string]string{"a.xlsx": "rows of a", "b/c.xlsx": "rows of c, one changed", "d e.xlsx": "rows of d", "new.xlsx": "rows"}
	tampered := map[string]string{"a.xlsx": "made from rows of a, then edited by hand", "b/c.xlsx": written["b/c.xlsx"], "d e.xlsx": written["d e.xlsx"]}
	for _, tc := range []struct {
		name     string
		index    []byte
		prev     map[string]string
		program  string
		files    map[string]string
		wantMade []string
		changed  []string
		wantErr  string
	}{
		{"same inputs: nothing made", first.index, written, "v1", files, nil, nil, ""},
		{"inputs changed or new: those made", first.index, written, "v1", edited, []string{"b/c.xlsx", "new.xlsx"}, nil, ""},
		{"another program: every file made", first.index, written, "v2", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "another build of sitegen"},
		{"a file edited since: made again", first.index, tampered, "v1", files, []string{"a.xlsx"}, []string{"a.xlsx"}, ""},
		{"a file gone since: made again", first.index, map[string]string{"a.xlsx": written["a.xlsx"]}, "v1", files, []string{"b/c.xlsx", "d e.xlsx"}, []string{"b/c.xlsx", "d e.xlsx"}, ""},
		{"not an index", []byte("# sitegen manifest 1\n"), written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "not an index of sitegen"},
		{"an index of another form", []byte("# sitegen made 1 " + strings.Repeat("0", 64) + "\n"), written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "another build of sitegen"},
		{"empty", []byte{}, written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "not an index of sitegen"},
		{"cut short", first.index[:len(first.index)-3], written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "cut short"},
		{"a line that is not a file's", resummed(first.index, "00 11 x.xlsx\n"), written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "line 5: not a key, a sum, a note and a name"},
		{"a file twice", resummed(first.index, lines(first.index)[0]), written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "line 5: a.xlsx twice"},
		{"a note changed: the checksum says so", noteChanged(first.index), written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "changed or damaged since it was written"},
		{"the checksum gone", []byte(strings.Join(append([]string{strings.SplitAfter(string(first.index), "\n")[0]}, lines(first.index)...), "")), written, "v1", files, []string{"a.xlsx", "b/c.xlsx", "d e.xlsx"}, nil, "changed or damaged since it was written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := run(t, tc.index, tc.prev, tc.program, tc.files)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("Open: %v, want an error with %q", err, tc.wantErr)
			}
			if !slices.Equal(b.made, tc.wantMade) {
				t.Errorf("made %q, want %q", b.made, tc.wantMade)
			}
			if got := b.c.Changed(); !slices.Equal(got, tc.changed) {
				t.Errorf("Changed() = %q, want %q", got, tc.changed)
			}
			if got := b.c.Reused(); got != len(tc.files)-len(tc.wantMade) {
				t.Errorf("Reused() = %d, want %d", got, len(tc.files)-len(tc.wantMade))
			}
			for name, inputs := range tc.files {
				if want := "made from " + inputs; b.got[name] != want {
					t.Errorf("%s is %q, want %q", name, b.got[name], want)
				}
				if want := noteOf(inputs); b.notes[name] != want {
					t.Errorf("%s came with the note %q, want %q", name, b.notes[name], want)
				}
			}
			// The index left names every file asked for, whether made
			// or taken: a third build takes them all.
			third, err := run(t, b.index, b.got, tc.program, tc.files)
			if err != nil || len(third.made) != 0 {
				t.Errorf("the build after: err %v, made %q; want nothing made", err, third.made)
			}
		})
	}
}

func TestNilCacheMakes(t *testing.T) {
	var c *Cache
	b, err := c.Make("a", keyOf("x"), func() ([]byte, error) { return []byte("a"), nil })
	if err != nil || string(b) != "a" || c.Reused() != 0 || c.Changed() != nil {
		t.Errorf("nil cache: %q, %v", b, err)
	}
	if _, err := c.Make("a", keyOf("x"), func() ([]byte, error) { return nil, errors.New("no") }); err == nil {
		t.Error("a nil cache lost make's error")
	}
}

func TestNoteNotAWordIsNotKept(t *testing.T) {
	for _, note := range []string{"a b", "a\nb", "-", "ghi chú", "a/b"} {
		c, _ := Open(nil, fs.ErrNotExist, nil, keyOf("v1"))
		made := func() ([]byte, string, error) { return []byte("x"), note, nil }
		if _, got, _, err := c.MakeNoted("f", keyOf("in"), made); err != nil || got != note {
			t.Errorf("%q: made with the note %q, %v", note, got, err)
		}
		if index := string(c.Encode()); strings.Contains(index, " f\n") {
			t.Errorf("the note %q was kept:\n%s", note, index)
		}
	}
}

func TestInputsKeepPartsApart(t *testing.T) {
	key := func(kind string, parts ...string) Key {
		in := NewInputs(kind)
		for _, p := range parts {
			in.String(p)
		}
		return in.Key()
	}
	if key("k", "ab", "c") == key("k", "a", "bc") || key("k", "a") == key("j", "a") || key("k", "") == key("k") {
		t.Error("two different lists of parts have one key")
	}
	if key("k", "a", "b") != key("k", "a", "b") {
		t.Error("one list of parts has two keys")
	}
}

// FuzzOpen feeds Open any index, as it is and with its checksum made
// again (so that the fuzzer's changes reach the lines): it must not
// panic, and an index it accepts, written again by a cache that made
// the same files, reads back the same.
func FuzzOpen(f *testing.F) {
	program := keyOf("this sitegen")
	c, _ := Open(nil, fs.ErrNotExist, nil, program)
	c.record("index.html", was{key: keyOf("a"), sum: keyOf("b")}, false)
	c.record("bai-viet/tên có dấu cách/index.html", was{key: keyOf("c"), sum: keyOf("d"), note: "eyJrIjoiYSJ9"}, false)
	f.Add(c.Encode())
	f.Add([]byte(header + "00\n"))
	f.Fuzz(func(t *testing.T, index []byte) {
		body := index
		if i := bytes.LastIndex(body, []byte("\n"+sumPrefix)); i >= 0 {
			body = body[:i+1]
		}
		sum := sha256.Sum256(body)
		for _, index := range [][]byte{index, append(slices.Clip(body), sumPrefix+hex.EncodeToString(sum[:])+"\n"...)} {
			open(t, index, program)
		}
	})
}

// open is one run of FuzzOpen.
func open(t *testing.T, index []byte, program Key) {
	c, err := Open(index, nil, func(string) ([]byte, error) { return nil, fs.ErrNotExist }, program)
	if c == nil {
		t.Fatalf("Open(%q) gave no cache (%v)", index, err)
	}
	if err != nil {
		if len(c.prev) > 0 {
			t.Errorf("Open(%q) refused the index (%v) but keeps %d files", index, err, len(c.prev))
		}
		return
	}
	for name, w := range c.prev {
		c.record(name, w, false)
	}
	again, err := Open(c.Encode(), nil, nil, program)
	if err != nil || !maps.Equal(again.prev, c.prev) {
		t.Errorf("Open(%q) keeps %v; written again it reads %v, %v", index, c.prev, again.prev, err)
	}
}
