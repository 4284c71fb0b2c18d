package history

import (
	"bytes"
	"encoding/gob"
	"os"
	"os/exec"
	"testing"

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

// TestCorruptCache: a cache that does not read is refused with an error
// and the log computed again, never read from it.
func TestCorruptCache(t *testing.T) {
	encode := func(f cacheFile) string {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(f); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	page, anchor := "don-vi/x/index.html", "admitted-2017"
	whole := encode(cacheFile{Format: cacheFormat, Steps: []keyedStep{{"a..b", &step{Changes: []site.Change{{Kind: site.ChangeNew, Page: page, Anchor: anchor, After: &data.Figure{}}}}}}})
	if _, err := DecodeCache([]byte(whole)); err != nil {
		t.Fatalf("a whole cache: %v", err)
	}
	for _, b := range []string{
		"",
		"{",
		whole[:len(whole)-3], // cut short
		encode(cacheFile{Format: cacheFormat + 1}),
		encode(cacheFile{Format: cacheFormat, Steps: []keyedStep{{"a..b", nil}}}),
		encode(cacheFile{Format: cacheFormat, Steps: []keyedStep{{"a..b", &step{Changes: []site.Change{{Kind: site.ChangeNew, Page: page, Anchor: anchor}}}}}}),
		encode(cacheFile{Format: cacheFormat, Steps: []keyedStep{{"a..b", &step{Changes: []site.Change{{Kind: "moved", Page: page, Anchor: anchor, After: &data.Figure{}}}}}}}),
		encode(cacheFile{Format: cacheFormat, Steps: []keyedStep{{"a..b", &step{Changes: []site.Change{
			{Kind: site.ChangeNew, Page: page, Anchor: "b", After: &data.Figure{}},
			{Kind: site.ChangeNew, Page: page, Anchor: "a", After: &data.Figure{}}}}}}}), // out of order
	} {
		c, err := DecodeCache([]byte(b))
		if err == nil {
			t.Errorf("%q: read as a cache", b)
		}
		if c == nil || len(c.steps) != 0 {
			t.Errorf("%q: a cache of %d steps, want an empty one", b, len(c.steps))
		}
	}
}
