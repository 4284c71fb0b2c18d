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
	"io"
	"io/fs"
	"os"
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
// change, it is the commit that last changed the records of data/ (see
// recordsCommit): ID is its hash cut to 12 hex digits and Date its
// commit date. Otherwise ID is "sha256:" and 12
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

// Warning says why the data version is not a commit, for the build to
// print in the site's language: Key names its text in the i18n
// catalogue and Args are its arguments after the version itself. It is
// nil when the version is the commit that last changed the records.
type Warning struct {
	Key  string
	Args []any
	// Files are the files of data/ that differ from the commit
	// (slash paths from the site folder, sorted), when Key is
	// WarnDirty.
	Files []string
}

// The keys a Warning may have; a reason (WarnNotCommit's argument) is
// one of the version.why.* keys with its own arguments.
const (
	// WarnDirty: data/ differs from the last commit that changed it.
	WarnDirty = "version.dirty"
	// WarnNotCommit: git could not say which commit; Args are the key
	// of the reason and its arguments.
	WarnNotCommit = "version.not-commit"
)

// Of returns the version of the data/ folder of the site folder src.
// It is the commit that last changed the records (see recordsCommit)
// only when the files the build reads are byte for byte those of the
// last commit that changed data/ (see sameAsCommit); any difference
// gives the content hash, marked Dirty, with a Warning naming the
// files.
//
// Git is asked through the git command, about the repository that holds
// src, whatever GIT_DIR or GIT_WORK_TREE say (a post-receive hook sets
// GIT_DIR to the repository that was pushed to). Where git is not
// installed, src is not in a work tree, or git refuses the repository
// (e.g. another user's, see git's safe.directory), the version is the
// content hash, still deterministic, only without a date, and the
// Warning says why. Data files that no commit holds yet are uncommitted
// changes. An error is returned only when data/ cannot be read.
func Of(src string) (Version, *Warning, error) {
	fsys := sitefs.New(src)
	c, why := lastDataCommit(src)
	if why != nil {
		if why.Key != whyNoCommit {
			h, err := Hash(fsys)
			return h, &Warning{Key: WarnNotCommit, Args: []any{why}}, err
		}
		// In git, but no commit holds data/ yet: every file of it
		// is a change not committed.
		files, err := dataFiles(fsys)
		if err != nil {
			return Version{}, nil, err
		}
		h, err := Hash(fsys)
		if len(files) == 0 {
			return h, &Warning{Key: WarnNotCommit, Args: []any{why}}, err
		}
		h.Dirty = true
		return h, &Warning{Key: WarnDirty, Files: files}, err
	}
	differ, err := differences(fsys, src, c.hash)
	if err != nil || len(differ) > 0 {
		if err != nil {
			differ = []string{"data/"} // not known which
		}
		h, err := Hash(fsys)
		h.Dirty = true
		return h, &Warning{Key: WarnDirty, Files: differ}, err
	}
	return recordsCommit(src, c), nil, nil
}

// Reason is why git could not name the data's commit: Key is a
// version.why.* key of the catalogue, Args its arguments.
type Reason struct {
	Key  string
	Args []any
}

// The reasons.
const (
	whyNoGit     = "version.why.no-git"     // no git command
	whyNotRepo   = "version.why.not-repo"   // src is in no work tree
	whyGitFailed = "version.why.git-failed" // git refused: its message
	whyNoCommit  = "version.why.no-commit"  // no commit holds data/ yet
)

// localEnv are the variables that tell git which repository to use
// instead of finding it from the folder it runs in (git rev-parse
// --local-env-vars lists them). A post-receive hook runs with GIT_DIR
// set to the repository pushed to, which may be a bare one other than
// the site's checkout, so they are removed: git is asked about the
// repository src is in, and nothing else.
var localEnv = []string{
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
	"GIT_CONFIG_COUNT", "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE",
	"GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_INDEX_FILE",
	"GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
	"GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
}

// gitEnv is the environment git runs in: the process's, without
// localEnv, and with git's messages in English so that "not a git
// repository" can be told from a refusal.
func gitEnv() []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(localEnv, name) || name == "LC_ALL" || name == "LANGUAGE"
	})
	return append(env, "LC_ALL=C")
}

// git runs git in dir, on the repository that holds dir (see localEnv).
// Its error says what git said.
func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := Git(dir, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, &gitError{err: err, stderr: strings.TrimSpace(stderr.String())}
	}
	return out, nil
}

// Git is the git command with args, run in dir on the repository that
// holds dir whatever the environment says (see localEnv), with its
// messages in English: how every package that reads the site's history
// runs git.
func Git(dir string, args ...string) *exec.Cmd {
	// The formats asked for are fixed and never coloured or paged when
	// not written to a terminal, so the user's git settings may stay.
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = gitEnv()
	return cmd
}

// gitError is a git command that failed, with what git said.
type gitError struct {
	err    error
	stderr string
}

func (e *gitError) Error() string {
	if e.stderr == "" {
		return e.err.Error()
	}
	return e.stderr
}

func (e *gitError) Unwrap() error { return e.err }

// commit is one commit that changed data/.
type commit struct {
	hash string
	date time.Time
}

// lastDataCommit asks git for the last commit that changed data/ under
// src; why says why there is none.
func lastDataCommit(src string) (commit, *Reason) {
	// Pathspecs are relative to -C's directory, so a site kept in a
	// sub-folder of a repository asks about its own data/.
	out, err := git(src, nil, "log", "-1", "--format=%H%x00%cI", "--", "data/")
	if err != nil {
		return commit{}, reason(src, err)
	}
	c, ok := parseCommit(strings.TrimSpace(string(out)))
	if !ok {
		return commit{}, &Reason{Key: whyNoCommit}
	}
	return c, nil
}

// parseCommit reads a line of git log --format=%H%x00%cI.
func parseCommit(line string) (commit, bool) {
	hash, date, found := strings.Cut(line, "\x00")
	if !found || len(hash) < shortLen {
		return commit{}, false
	}
	t, err := time.Parse(time.RFC3339, date)
	if err != nil {
		return commit{}, false
	}
	return commit{hash, t}, true
}

// reason says why git failed in src.
func reason(src string, err error) *Reason {
	if errors.Is(err, exec.ErrNotFound) {
		return &Reason{Key: whyNoGit}
	}
	var ge *gitError
	if errors.As(err, &ge) {
		switch {
		case strings.Contains(ge.stderr, "not a git repository"):
			return &Reason{Key: whyNotRepo, Args: []any{src}}
		case strings.Contains(ge.stderr, "does not have any commits yet"):
			return &Reason{Key: whyNoCommit}
		}
	}
	// Git's own words (a repository of another user, see safe.directory),
	// on one line.
	return &Reason{Key: whyGitFailed, Args: []any{strings.Join(strings.Fields(err.Error()), " ")}}
}

// differences lists the TOML files under data/ in fsys (the site folder
// src, as the build reads it) that are not, path for path and byte for
// byte, the files under data/ in the commit: a file changed, one more,
// one fewer. It compares the files themselves with the commit's blobs
// rather than asking git status, which can be told not to look (a file
// marked assume-unchanged or skip-worktree, a submodule ignored by the
// settings) and never names a TOML file inside a submodule. A data/ kept
// as a submodule, or holding one, is compared with the commit the site's
// commit records for it.
func differences(fsys fs.FS, src, commit string) ([]string, error) {
	blobs, err := committedBlobs(src, commit, "data")
	if err != nil {
		return nil, err
	}
	files, err := dataFiles(fsys)
	if err != nil {
		return nil, err
	}
	var differ []string
	for _, p := range files {
		want, ok := blobs[p]
		if !ok {
			differ = append(differ, p)
			continue
		}
		delete(blobs, p)
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		if blobID(b, len(want.id)) != want.id {
			differ = append(differ, p)
		}
	}
	for p := range blobs {
		differ = append(differ, p) // deleted
	}
	slices.Sort(differ)
	return differ, nil
}

// blob is a file in git: its object id and the repository holding it
// (the site's, or a submodule's).
type blob struct{ repo, id string }

// committedBlobs lists the TOML files under dir (relative to src) in the
// tree of commit, each with its blob, following submodules into the
// commit recorded for them.
func committedBlobs(src, commit, dir string) (map[string]blob, error) {
	blobs := make(map[string]blob)
	var list func(repoDir, rev, prefix string, pathspec ...string) error
	list = func(repoDir, rev, prefix string, pathspec ...string) error {
		// Paths are relative to -C's directory, as the pathspec is.
		out, err := git(repoDir, nil, append([]string{"ls-tree", "-r", "-z", rev, "--"}, pathspec...)...)
		if err != nil {
			return fmt.Errorf("git ls-tree %s in %s: %w", rev, repoDir, err)
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
				blobs[p] = blob{repoDir, id}
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

func writeField(w io.Writer, b []byte) {
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
