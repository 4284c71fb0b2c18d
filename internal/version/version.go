// Package version names the version of a site's data: the figures a page,
// a download or a citation was built from. Journalists quote it so that a
// figure can be traced back to the exact data it came from, so it must
// change when data/ changes, and only then.
package version

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/sitefs"
)

// Version identifies the contents of data/.
//
// When the site is in a git work tree and data/ holds no uncommitted
// change, it is the last commit that changed data/: ID is its hash cut to
// 12 hex digits and Date its commit date. Otherwise ID is "sha256:" and 12
// hex digits of a hash over the contents of data/**/*.toml and Date is
// zero: a hash names the contents without claiming a date that nothing
// recorded. Dirty marks a tree in git whose data/ differs from the last
// commit, so that a page can warn that the figures are not yet committed.
type Version struct {
	ID     string
	Commit string    // the full commit hash; "" when ID is a content hash
	Date   time.Time // the commit date with its offset as recorded; zero for a content hash
	Dirty  bool
}

// IsZero reports whether v was not computed.
func (v Version) IsZero() bool { return v.ID == "" }

// Equal reports whether v and w name the same version. Use it rather
// than ==, which also compares the time zone pointer of Date.
func (v Version) Equal(w Version) bool {
	return v.ID == w.ID && v.Commit == w.Commit && v.Date.Equal(w.Date) && v.Dirty == w.Dirty
}

// String is the ID, followed by the commit day when there is one:
// "1a2b3c4d5e6f (2026-11-26)" or "sha256:0f1e2d3c4b5a".
func (v Version) String() string {
	if v.Date.IsZero() {
		return v.ID
	}
	return v.ID + " (" + v.Date.Format(time.DateOnly) + ")"
}

// shortLen is how many hex digits of a hash are shown: as many as git
// shows for large repositories, enough that two data versions of one site
// never collide.
const shortLen = 12

// hashPrefix marks an ID that is a content hash, not a commit.
const hashPrefix = "sha256:"

// Of returns the version of the data/ folder of the site folder src.
//
// Git is asked through the git command. Where git is not installed, src
// is not in a work tree, no commit touches data/ yet, or git refuses the
// repository (e.g. another user's, see git's safe.directory), the version
// is the content hash: still deterministic, only without a date. An error
// is returned only when data/ cannot be read.
func Of(src string) (Version, error) {
	if c, ok := lastDataCommit(src); ok {
		if dirty, ok := dataDirty(src); ok && !dirty {
			return c, nil
		}
		h, err := Hash(sitefs.New(src))
		h.Dirty = true
		return h, err
	}
	return Hash(sitefs.New(src))
}

// git runs git in dir. ok is false when git is missing or fails: every
// such case means "not in git" to Of.
func git(dir string, args ...string) (out []byte, ok bool) {
	// The formats asked for are fixed and never coloured or paged when
	// not written to a terminal, so the user's git settings may stay.
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	return out, err == nil
}

// lastDataCommit asks git for the last commit that changed data/ under src.
func lastDataCommit(src string) (Version, bool) {
	// Pathspecs are relative to -C's directory, so a site kept in a
	// sub-folder of a repository asks about its own data/.
	out, ok := git(src, "log", "-1", "--format=%H%x00%cI", "--", "data/")
	if !ok {
		return Version{}, false
	}
	hash, date, found := strings.Cut(strings.TrimSpace(string(out)), "\x00")
	if !found || len(hash) < shortLen {
		return Version{}, false // no commit touches data/ yet
	}
	t, err := time.Parse(time.RFC3339, date)
	if err != nil {
		return Version{}, false
	}
	return Version{ID: hash[:shortLen], Commit: hash, Date: t}, true
}

// dataDirty reports whether a TOML file under data/ differs from the last
// commit: changed, added (even untracked or git-ignored, since the build
// reads it all the same) or deleted. Other files in data/ do not count
// because the build does not read them.
func dataDirty(src string) (dirty, ok bool) {
	out, ok := git(src, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", "data/")
	if !ok {
		return false, false
	}
	// Entries are "XY path", and a rename adds its old path as the next
	// field; any field naming a TOML file means the data differ.
	for _, field := range bytes.Split(out, []byte{0}) {
		if bytes.HasSuffix(field, []byte(".toml")) {
			return true, true
		}
	}
	return false, true
}

// Hash returns the content-hash version of the data/ folder in fsys (the
// site folder): a SHA-256 over the sorted paths and bytes of every
// data/**/*.toml, the files the build reads. Renaming or moving a file
// changes it, as it may change which line an error names.
func Hash(fsys fs.FS) (Version, error) {
	var files []string
	err := fs.WalkDir(fsys, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".toml" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return Version{}, err
	}
	slices.Sort(files)
	h := sha256.New()
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return Version{}, err
		}
		// Length prefixes keep file boundaries unambiguous: moving bytes
		// from the end of one file to the start of the next changes the hash.
		writeField(h, []byte(p))
		writeField(h, b)
	}
	return Version{ID: hashPrefix + hex.EncodeToString(h.Sum(nil))[:shortLen]}, nil
}

func writeField(w interface{ Write([]byte) (int, error) }, b []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(b)))
	w.Write(n[:])
	w.Write(b)
}

// BuildDate is the date a build may show as its own, from the
// SOURCE_DATE_EPOCH convention (reproducible-builds.org): sde is the
// variable's value, seconds since 1970 in UTC. When sde is empty the date
// is the data version's commit date, and ok is false when there is none
// either: the build then shows no date rather than the wall clock.
func BuildDate(v Version, sde string) (t time.Time, ok bool, err error) {
	if sde != "" {
		s, err := strconv.ParseInt(strings.TrimSpace(sde), 10, 64)
		if err != nil || s < 0 {
			return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q: %w", sde, ErrSourceDateEpoch)
		}
		return time.Unix(s, 0).UTC(), true, nil
	}
	if v.Date.IsZero() {
		return time.Time{}, false, nil
	}
	return v.Date, true, nil
}

// ErrSourceDateEpoch is wrapped by BuildDate's error, so that the build
// can say in the site's language what is wrong with the variable.
var ErrSourceDateEpoch = errors.New("not a whole number of seconds since 1970-01-01 UTC")
