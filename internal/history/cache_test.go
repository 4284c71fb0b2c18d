package history

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"hash/crc32"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"testing"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// TestCacheReadsOnlyNewCommits: with the cache of a read, the next read
// computes only the steps of the commits made since, and gives the same
// log as a read without a cache; a cache read back from its bytes too.
func TestCacheReadsOnlyNewCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	dir := t.TempDir()
	if _, err := testsite.History(dir, 30, 12, 3, 7); err != nil {
		t.Fatal(err)
	}
	c := NewCache()
	Read(dir, c)
	cold := c.computed
	if cold < 20 {
		t.Fatalf("a cold read computed %d steps, want one per commit that changed data/", cold)
	}
	b, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	again, err := DecodeCache(b)
	if err != nil {
		t.Fatal(err)
	}
	// The same history, two commits longer.
	more := t.TempDir()
	if _, err := testsite.History(more, 32, 12, 3, 7); err != nil {
		t.Fatal(err)
	}
	log := Read(more, again)
	if again.computed != 2 {
		t.Errorf("after two new commits the read computed %d steps, want 2", again.computed)
	}
	fresh := Read(more, nil)
	if len(log.Entries) != len(fresh.Entries) || log.Entries[0].Commit != fresh.Entries[0].Commit {
		t.Fatalf("the log from the cache has %d entries, from git alone %d", len(log.Entries), len(fresh.Entries))
	}
	b1, _ := again.Encode()
	c2 := NewCache()
	Read(more, c2)
	b2, _ := c2.Encode()
	if string(b1) != string(b2) {
		t.Errorf("the cache after a warm read differs from the cache of a cold read")
	}
}

// cacheOf is the bytes of a cache of one commit whose step makes
// changes.
func cacheOf(t testing.TB, changes ...site.Change) []byte {
	t.Helper()
	c := NewCache()
	c.begin()
	cm := commit{Hash: "a1", Committed: "2020-01-01T07:00:00+07:00", Subject: "data", Tree: "b2"}
	cm.Date, _ = time.Parse(time.RFC3339, cm.Committed)
	c.use(cm, "")
	c.step("", "b2", func() (*step, error) { return &step{Changes: changes}, nil })
	b, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCorruptCache: a cache that does not read is refused with an error
// and the log computed again, never read from it.
func TestCorruptCache(t *testing.T) {
	page, anchor := "don-vi/x/index.html", "admitted-2017"
	f := &data.Figure{Query: data.Query{Name: "admitted", Subject: "x", Period: data.Year(2017)}, Count: data.Count{Value: 12, Set: true}}
	whole := cacheOf(t, site.Change{Kind: site.ChangeNew, Page: page, Anchor: anchor, After: f})
	c, err := DecodeCache(whole)
	if err != nil {
		t.Fatalf("a whole cache: %v", err)
	}
	if s := c.steps[stepKey{"", "b2"}]; s == nil || len(s.Changes) != 1 || s.Changes[0].After.Count.Value != 12 {
		t.Fatalf("a whole cache reads as %+v", c.steps)
	}
	flipped := slices.Clone(whole)
	flipped[len(flipped)/2] ^= 1
	// A cache of another format, its checksum right.
	other := binary.AppendUvarint([]byte(cacheMagic), cacheFormat+1)
	other = binary.LittleEndian.AppendUint32(other, crc32.Checksum(other, crcTable))
	var old bytes.Buffer // a cache of the gob format before
	gob.NewEncoder(&old).Encode(struct{ Format int }{3})
	for name, b := range map[string][]byte{
		"empty":                 nil,
		"not a cache":           []byte("{"),
		"cut short":             whole[:len(whole)-3],
		"a bit changed":         flipped,
		"another format":        other,
		"the gob format":        old.Bytes(),
		"a change of no figure": cacheOf(t, site.Change{Kind: site.ChangeNew, Page: page, Anchor: anchor}),
		"a change of no kind":   cacheOf(t, site.Change{Kind: "moved", Page: page, Anchor: anchor, After: f}),
		"changes out of order": cacheOf(t,
			site.Change{Kind: site.ChangeNew, Page: page, Anchor: "b", After: f},
			site.Change{Kind: site.ChangeNew, Page: page, Anchor: "a", After: f}),
	} {
		c, err := DecodeCache(b)
		if err == nil {
			t.Errorf("%s: read as a cache", name)
		}
		if c == nil || len(c.steps) != 0 || len(c.known) != 0 {
			t.Errorf("%s: a cache of %d steps, want an empty one", name, len(c.steps))
		}
	}
}

// TestCacheKeepsFigures: a figure read back from the cache is the figure
// written, every field of it but those shown leaves out; a field
// added to data.Figure fails here until the cache keeps it.
func TestCacheKeepsFigures(t *testing.T) {
	f := &data.Figure{
		Query: data.Query{Name: "admitted", Subject: "x", Period: data.Period{From: 2016, To: 2017}, On: data.Date{Year: 2017, Month: 3, Day: 4}},
		Kind:  data.KindPercent, Count: data.Count{Value: -12, Approx: data.Over, Set: true},
		Min: 3, Max: 400, Tenths: 123, Approx: data.Under,
		AsOf: data.Date{Year: 2017, Month: 11, Day: 15}, Since: data.Date{Year: 2017, Month: 11, Day: 16},
		Latest: true, Sum: true, Covered: 3, Listed: 4,
	}
	dropped := map[string]bool{"Source": true, "Missing": true, "Pos": true}
	var unset func(v reflect.Value, path string)
	unset = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			field, name := v.Field(i), path+v.Type().Field(i).Name
			switch {
			case dropped[name]:
			case field.Kind() == reflect.Struct:
				unset(field, name+".")
			case field.IsZero():
				t.Errorf("the test's figure leaves %s unset: set it, and keep it in the cache", name)
			}
		}
	}
	unset(reflect.ValueOf(f).Elem(), "")
	c, err := DecodeCache(cacheOf(t, site.Change{Kind: site.ChangeNew, Page: "don-vi/x/index.html", Anchor: "a", After: f}))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.steps[stepKey{"", "b2"}].Changes[0].After; !reflect.DeepEqual(got, f) {
		t.Errorf("read back as\n%+v\nwant\n%+v", got, f)
	}
}

// FuzzDecodeCache feeds DecodeCache any bytes, as they are and with
// their checksum made again (a cache damaged, or written by a program
// that does not write what sitegen reads): it must not panic, a cache it
// refuses is empty, and one it reads is written again as bytes that read
// back and are written the same.
func FuzzDecodeCache(f *testing.F) {
	page, anchor := "don-vi/x/index.html", "admitted-2017"
	before := &data.Figure{Query: data.Query{Name: "admitted", Subject: "x", Period: data.Year(2017)}, Count: data.Count{Value: 12, Set: true}, Source: "Báo cáo"}
	after := &data.Figure{Query: before.Query, Count: data.Count{Value: 13, Set: true, Approx: "about"}, AsOf: data.Date{Year: 2017, Month: 11, Day: 15}}
	f.Add(cacheOf(f, site.Change{Kind: site.ChangeNew, Page: page, Anchor: anchor, After: before}))
	f.Add(cacheOf(f,
		site.Change{Kind: site.ChangeCorrection, Page: page, Anchor: anchor, Before: before, After: after},
		site.Change{Kind: site.ChangeWithdrawn, Page: page, Anchor: "members-2017", Before: before}))
	f.Fuzz(func(t *testing.T, b []byte) {
		resummed := b
		if len(b) >= 4 {
			resummed = binary.LittleEndian.AppendUint32(slices.Clone(b[:len(b)-4]), crc32.Checksum(b[:len(b)-4], crcTable))
		}
		for _, b := range [][]byte{b, resummed} {
			c, err := DecodeCache(b)
			if err != nil {
				if c == nil || len(c.steps) != 0 || len(c.known) != 0 {
					t.Errorf("a cache refused (%v) holds %d steps", err, len(c.steps))
				}
				continue
			}
			once, err := c.Encode()
			if err != nil {
				t.Fatalf("a cache read from %q does not write: %v", b, err)
			}
			again, err := DecodeCache(once)
			if err != nil {
				t.Fatalf("a cache read from %q, written again, does not read: %v", b, err)
			}
			twice, err := again.Encode()
			if err != nil || !bytes.Equal(once, twice) {
				t.Errorf("a cache read from %q is written as other bytes each time (%v)", b, err)
			}
		}
	})
}
