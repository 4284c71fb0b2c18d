// Package version names the version of a site's data: the figures a page,
// a download or a citation was built from. Journalists quote it so that a
// figure can be traced back to the exact data it came from, so it must
// change when data/ changes, and only then.
package version

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path"
	"path/filepath"
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
// It is the last commit that changed data/ only when the files the build
// reads are byte for byte that commit's (see sameAsCommit); any
// difference gives the content hash, marked Dirty.
//
// Git is asked through the git command. Where git is not installed, src
// is not in a work tree, no commit touches data/ yet, or git refuses the
// repository (e.g. another user's, see git's safe.directory), the version
// is the content hash: still deterministic, only without a date. An error
// is returned only when data/ cannot be read.
func Of(src string) (Version, error) {
	fsys := sitefs.New(src)
	if c, ok := lastDataCommit(src); ok {
		if same, err := sameAsCommit(fsys, src, c.Commit); err == nil && same {
			return c, nil
		}
		h, err := Hash(fsys)
		h.Dirty = true
		return h, err
	}
	return Hash(fsys)
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

// sameAsCommit reports whether the TOML files under data/ in fsys (the
// site folder src, as the build reads it) are, path for path and byte
// for byte, the files under data/ in the commit: no file
// more, none fewer, none changed. It compares the files themselves with
// the commit's blobs rather than asking git status, which can be told
// not to look (a file marked assume-unchanged or skip-worktree, a
// submodule ignored by the settings) and never names a TOML file inside
// a submodule. A data/ kept as a submodule, or holding one, is compared
// with the commit the site's commit records for it.
func sameAsCommit(fsys fs.FS, src, commit string) (bool, error) {
	blobs, err := committedBlobs(src, commit, "data")
	if err != nil {
		return false, err
	}
	files, err := dataFiles(fsys)
	if err != nil || len(files) != len(blobs) {
		return false, err
	}
	for _, p := range files {
		want, ok := blobs[p]
		if !ok {
			return false, nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return false, err
		}
		if blobID(b, len(want)) != want {
			return false, nil
		}
	}
	return true, nil
}

// committedBlobs lists the TOML files under dir (relative to src) in the
// tree of commit, each with its blob's id, following submodules into the
// commit recorded for them.
func committedBlobs(src, commit, dir string) (map[string]string, error) {
	blobs := make(map[string]string)
	var list func(repoDir, rev, prefix string, pathspec ...string) error
	list = func(repoDir, rev, prefix string, pathspec ...string) error {
		// Paths are relative to -C's directory, as the pathspec is.
		out, ok := git(repoDir, append([]string{"ls-tree", "-r", "-z", rev, "--"}, pathspec...)...)
		if !ok {
			return fmt.Errorf("git ls-tree %s in %s failed", rev, repoDir)
		}
		for entry := range bytes.SplitSeq(out, []byte{0}) {
			meta, name, ok := strings.Cut(string(entry), "\t")
			fields := strings.Fields(meta)
			if !ok || len(fields) != 3 {
				continue
			}
			kind, id, p := fields[1], fields[2], path.Join(prefix, name)
			switch {
			case kind == "commit": // a submodule: its files, as recorded
				if err := list(filepath.Join(src, filepath.FromSlash(p)), id, p); err != nil {
					return err
				}
			case kind == "blob" && path.Ext(p) == ".toml":
				blobs[p] = id
			}
		}
		return nil
	}
	return blobs, list(src, commit, "", dir+"/")
}

// blobID is git's id of a blob holding b: SHA-1 or, in a repository of
// SHA-256 objects, SHA-256 of a header and b, in idLen hex digits.
func blobID(b []byte, idLen int) string {
	h := sha1.New()
	if idLen == hex.EncodedLen(sha256.Size) {
		h = sha256.New()
	}
	fmt.Fprintf(h, "blob %d\x00", len(b))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// Hash returns the content-hash version of the data/ folder in fsys (the
// site folder): a SHA-256 over the sorted paths and bytes of every
// data/**/*.toml, the files the build reads. Renaming or moving a file
// changes it, as it may change which line an error names.
func Hash(fsys fs.FS) (Version, error) {
	files, err := dataFiles(fsys)
	if err != nil {
		return Version{}, err
	}
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

// dataFiles lists, sorted, the files of data/ in fsys (the site folder)
// that the build reads: data/**/*.toml.
func dataFiles(fsys fs.FS) ([]string, error) {
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
	slices.Sort(files)
	return files, err
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
