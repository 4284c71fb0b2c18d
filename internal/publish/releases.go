package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A publish folder (sitegen publish -to DIR) keeps each build whole, as a
// release, and serves one of them through a symbolic link:
//
//	DIR/releases/0007-1a2b3c4d5e6f/   a release: a whole site and its manifest
//	DIR/releases/0008-5e6f7a8b9c0d/
//	DIR/current -> releases/0008-5e6f7a8b9c0d
//	DIR/.publish.lock                 publishes into DIR take turns
//
// A release is written into a folder of its own (releases/.tmp-…),
// checked against its manifest, renamed to its name, and only then is
// current switched to it: a new link, current.tmp, renamed over current
// in one step, so that a web server serving DIR/current finds at every
// instant the old release or the new one. Nothing in a release is
// written again once it is in place, except by a rollback, which adds
// hashed assets to the release it goes back to before it switches.
//
// A release's name is a sequence number, one more than the highest in
// releases/, and the data version it was built from: two releases of
// the same data (an article changed) differ by their numbers, and the
// numbers say which release came before which.

// ReleasesDir is the folder of the releases, in a publish folder.
const ReleasesDir = "releases"

const (
	currentLink = "current"
	currentTmp  = currentLink + ".tmp"
	releaseLock = ".publish.lock"
)

// releaseName is the name of a release folder: its number and a label.
var releaseName = regexp.MustCompile(`^([0-9]+)-[A-Za-z0-9._-]+$`)

// Releases is a publish folder.
type Releases struct {
	dir   string // absolute, symlinks resolved
	given string // as the caller gave it, for messages
}

// ReleaseError says why a publish folder cannot be published into or
// rolled back, as OutputError does: an English Reason, and the same
// message's key and arguments in the i18n catalogue.
type ReleaseError = OutputError

// CheckPublishDir refuses a publish folder dir inside the site folder
// src, or the site folder itself: a push to the site's repository can
// put files and links there (a current link to another folder, a
// releases folder), and the build reads data/, content/ and templates/.
// Paths are compared as given and with symlinks resolved.
func CheckPublishDir(src, dir string) error {
	s, err := resolve(src)
	if err != nil {
		return err
	}
	d, err := resolve(dir)
	if err != nil {
		return err
	}
	absSrc, err1 := filepath.Abs(src)
	absDir, err2 := filepath.Abs(dir)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if d == s || within(d, s) || absDir == absSrc || within(absDir, absSrc) {
		return &ReleaseError{Out: dir, Src: src, Key: "publish.to.in-site", Args: []any{dir, src},
			Reason: fmt.Sprintf("the publish folder %s is the site folder %s or inside it, where a push to the site's repository can put files and links; choose a folder outside the site, e.g. /srv/www/bao-cao", dir, src)}
	}
	return nil
}

// OpenReleases opens the publish folder dir, making it when it does not
// exist. Its current must be absent or a link to a release of
// releases/: a folder or a file of that name is someone else's, and a
// link elsewhere one that publish did not make.
func OpenReleases(dir string) (*Releases, error) {
	abs, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("publish folder %s: %w", dir, err)
	}
	r := &Releases{dir: abs, given: dir}
	if _, err := r.Current(); err != nil {
		return nil, err
	}
	releases := filepath.Join(abs, ReleasesDir)
	// A link in its place would have each release written where it
	// leads, outside the publish folder: refused, as a current leading
	// elsewhere is.
	if fi, err := os.Lstat(releases); err == nil && !fi.IsDir() {
		shown := filepath.Join(dir, ReleasesDir)
		return nil, &ReleaseError{Out: dir, Key: "publish.releases.not-folder", Args: []any{shown},
			Reason: fmt.Sprintf("%s is not a folder but a symbolic link or a file, which sitegen publish did not make and will not write into; move it away, or publish into another folder", shown)}
	}
	if err := os.MkdirAll(releases, dirMode); err != nil {
		return nil, fmt.Errorf("cannot make the folder of the releases: %w", err)
	}
	return r, nil
}

// LockReleases takes the turn of the publish folder dir, as LockOutput
// takes an output's: publishes into one folder take turns, from before
// they read the site to after they switch and prune. The lock is
// DIR/.publish.lock.
func LockReleases(dir string, wait time.Duration, waiting func(pid int)) (*OutputLock, error) {
	abs, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("publish folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, dirMode); err != nil {
		return nil, fmt.Errorf("cannot make the publish folder: %w", err)
	}
	return lockAt(filepath.Join(abs, releaseLock), dir, wait, waiting)
}

// Link is the path of the link a web server serves, as the caller named
// the publish folder: DIR/current.
func (r *Releases) Link() string { return filepath.Join(r.given, currentLink) }

// Current returns the name of the release current leads to; "" when
// there is no current yet.
func (r *Releases) Current() (string, error) {
	link := filepath.Join(r.dir, currentLink)
	fi, err := os.Lstat(link)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	shown := r.Link()
	if fi.Mode()&fs.ModeSymlink == 0 {
		return "", &ReleaseError{Out: r.given, Key: "publish.current.not-link", Args: []any{shown},
			Reason: fmt.Sprintf("%s is not a symbolic link but a folder or a file, which sitegen publish did not make and will not replace; move it away, or publish into another folder", shown)}
	}
	target, err := os.Readlink(link)
	if err != nil {
		return "", err
	}
	name, ok := strings.CutPrefix(filepath.ToSlash(target), ReleasesDir+"/")
	if !ok || !releaseName.MatchString(name) {
		return "", &ReleaseError{Out: r.given, Key: "publish.current.elsewhere", Args: []any{shown, target},
			Reason: fmt.Sprintf("%s leads to %s, not to a release in releases/, so sitegen publish did not make it and will not replace it; remove the link, or publish into another folder", shown, target)}
	}
	return name, nil
}

// OpenCurrent opens the release the publish folder dir's current leads
// to, as OpenOutput opens an output. It makes nothing; no current is an
// error.
func OpenCurrent(dir string) (*Output, error) {
	abs, err := resolve(dir)
	if err != nil {
		return nil, err
	}
	cur, err := (&Releases{dir: abs, given: dir}).Current()
	if err != nil {
		return nil, err
	}
	if cur == "" {
		return nil, fs.ErrNotExist
	}
	return OpenOutput(filepath.Join(abs, ReleasesDir, cur))
}

// release is a folder of releases/ named as a release.
type release struct {
	name string
	seq  int
}

// list returns the releases, oldest first. Folders whose names are not
// a release's (the .tmp-… of a publish being written) are not listed.
func (r *Releases) list() ([]release, error) {
	entries, err := os.ReadDir(filepath.Join(r.dir, ReleasesDir))
	if err != nil {
		return nil, err
	}
	var out []release
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if seq, ok := releaseSeq(e.Name()); ok {
			out = append(out, release{e.Name(), seq})
		}
	}
	slices.SortFunc(out, func(a, b release) int { return a.seq - b.seq })
	return out, nil
}

// releaseSeq is the number of the release of that name.
func releaseSeq(name string) (int, bool) {
	m := releaseName.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	seq, err := strconv.Atoi(m[1])
	return seq, err == nil
}

// Begin starts writing a new release, named by the next number and
// label (the data version), into a folder of releases/. The release
// current leads to is the previous output: its unchanged files are
// linked, its hashed assets carried (see carry). It removes what an
// interrupted publish left in releases/.
func (r *Releases) Begin(label string, opts Options) (*Tx, error) {
	dir := filepath.Join(r.dir, ReleasesDir)
	cleanLeftovers(dir, "")
	list, err := r.list()
	if err != nil {
		return nil, err
	}
	seq := 1
	if len(list) > 0 {
		seq = list[len(list)-1].seq + 1
	}
	name := fmt.Sprintf("%04d-%s", seq, labelPart(label))
	cur, err := r.Current()
	if err != nil {
		return nil, err
	}
	prev := ""
	if cur != "" {
		prev = filepath.Join(dir, cur)
	}
	tx, err := begin(filepath.Join(dir, name), filepath.Join(r.given, ReleasesDir, name), dir, tmpInfix, prev, opts)
	if err != nil {
		return nil, err
	}
	tx.release = true
	return tx, nil
}

// labelPart makes a label fit a folder name: what is not a letter, a
// digit, a dot or a hyphen becomes a hyphen (sha256:0f1e… → sha256-0f1e…).
func labelPart(label string) string {
	b := []byte(label)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			b[i] = '-'
		}
	}
	if len(b) == 0 {
		return "site"
	}
	return string(b)
}

// Release is the name of the release tx writes (for Releases.Begin).
func (tx *Tx) Release() string { return filepath.Base(tx.out) }

// commitRelease moves a checked release to its name.
func (tx *Tx) commitRelease() error {
	if _, err := os.Lstat(tx.out); err == nil {
		return fmt.Errorf("a release named %s is already there", tx.given)
	}
	if err := tx.rename(tx.tmp, tx.out); err != nil {
		return fmt.Errorf("cannot move the new release to %s: %w", tx.given, err)
	}
	tx.done = true
	tx.lock.unlock()
	return nil
}

// SameAsCurrent reports whether tx, a release whose every file is
// written but not yet committed, has the same files as the release
// current leads to, and that release is whole: then there is nothing
// new to publish, and that release's name is returned.
func (r *Releases) SameAsCurrent(tx *Tx) (string, bool) {
	cur, err := r.Current()
	if err != nil || cur == "" {
		return "", false
	}
	root, err := os.OpenRoot(filepath.Join(r.dir, ReleasesDir, cur))
	if err != nil {
		return "", false
	}
	defer root.Close()
	m, err := readManifest(root)
	if err != nil {
		return "", false
	}
	// A damaged current release is not the same: it is published anew.
	if verify(filepath.Join(r.dir, ReleasesDir, cur), m) != nil {
		return "", false
	}
	maps.DeleteFunc(m, func(_ string, e entry) bool { return e.carried > 0 })
	tx.mu.Lock()
	defer tx.mu.Unlock()
	return cur, maps.Equal(m, tx.files)
}

// Switch makes current lead to the release name, in one rename: a new
// link current.tmp is made and renamed over current.
func (r *Releases) Switch(name string) error {
	tmp := filepath.Join(r.dir, currentTmp)
	if fi, err := os.Lstat(tmp); err == nil {
		if fi.Mode()&fs.ModeSymlink == 0 {
			return fmt.Errorf("%s is not a link that sitegen made; move it away", filepath.Join(r.given, currentTmp))
		}
		os.Remove(tmp) // left by a publish that was killed
	}
	if err := os.Symlink(ReleasesDir+"/"+name, tmp); err != nil {
		return fmt.Errorf("cannot make the link to the new release: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(r.dir, currentLink)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot switch %s to the new release: %w", r.Link(), err)
	}
	return nil
}

// Left is a release Prune did not remove though it is older than those
// kept: it holds something its manifest does not list (What, a slash
// path in it), or no manifest (What is "").
type Left struct {
	Name, What string
}

// Prune removes the releases older than the keep newest ones (never the
// one current leads to), and returns their names. It removes only
// releases it made: a folder with a manifest and nothing the manifest
// does not list; others are left, and returned.
func (r *Releases) Prune(keep int) (removed []string, left []Left, err error) {
	list, err := r.list()
	if err != nil {
		return nil, nil, err
	}
	cur, err := r.Current()
	if err != nil {
		return nil, nil, err
	}
	dir := filepath.Join(r.dir, ReleasesDir)
	for i, rel := range list {
		if i >= len(list)-keep || rel.name == cur {
			continue
		}
		full := filepath.Join(dir, rel.name)
		what, ok := ownRelease(full)
		if !ok {
			left = append(left, Left{rel.name, what})
			continue
		}
		// Renamed aside first, so that a removal cut short never
		// leaves half a release under a release's name.
		aside, err := os.MkdirTemp(dir, oldInfix+strconv.Itoa(os.Getpid())+"-")
		if err != nil {
			return removed, left, err
		}
		if err := os.Remove(aside); err != nil {
			return removed, left, err
		}
		if err := os.Rename(full, aside); err != nil {
			return removed, left, err
		}
		if err := os.RemoveAll(aside); err != nil {
			return removed, left, err
		}
		removed = append(removed, rel.name)
	}
	return removed, left, nil
}

// ownRelease reports whether the release folder dir holds a manifest
// and nothing it does not list; when not, what is the first thing that
// is not listed ("" for no manifest).
func ownRelease(dir string) (what string, ok bool) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", false
	}
	m, err := readManifest(root)
	root.Close()
	if err != nil {
		return "", false
	}
	s, err := strays(dir, m)
	if err != nil {
		return "", false
	}
	return s.first, s.count == 0
}

// Rollback makes current lead back to the release before the one it
// leads to: the newest release with a lower number. That release is
// first checked against its manifest; a damaged one is not gone back
// to. The hashed assets of the release left are added to it (carried),
// so that the pages of the release left, still open in browsers, find
// theirs. It returns both names.
func (r *Releases) Rollback() (from, to string, err error) {
	from, err = r.Current()
	if err != nil {
		return "", "", err
	}
	if from == "" {
		return "", "", &ReleaseError{Out: r.given, Key: "publish.rollback.none", Args: []any{r.Link()},
			Reason: fmt.Sprintf("there is no %s yet, so nothing to go back from", r.Link())}
	}
	seq, _ := releaseSeq(from)
	list, err := r.list()
	if err != nil {
		return "", "", err
	}
	for _, rel := range list {
		if rel.seq < seq {
			to = rel.name
		}
	}
	if to == "" {
		return "", "", &ReleaseError{Out: r.given, Key: "publish.rollback.first", Args: []any{from, filepath.Join(r.given, ReleasesDir)},
			Reason: fmt.Sprintf("%s is the oldest release left in %s; there is none before it to go back to", from, filepath.Join(r.given, ReleasesDir))}
	}
	dir := filepath.Join(r.dir, ReleasesDir)
	if err := checkRelease(filepath.Join(dir, to)); err != nil {
		return "", "", &ReleaseError{Out: r.given, Key: "publish.release.broken", Args: []any{to, err.Error(), r.Link()},
			Reason: fmt.Sprintf("the release %s is not whole: %v; did not go back to it, and %s is as it was", to, err, r.Link())}
	}
	if err := carryInto(filepath.Join(dir, to), filepath.Join(dir, from)); err != nil {
		return "", "", err
	}
	if err := r.Switch(to); err != nil {
		return "", "", err
	}
	return from, to, nil
}

// checkRelease checks a release folder against its manifest.
func checkRelease(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	m, err := readManifest(root)
	root.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", ManifestName, err)
	}
	return verify(dir, m)
}

// carryInto adds to the release folder dir the hashed assets of the
// release from that dir does not have, and lists them in its manifest as
// carried; dir is not served while it is changed.
func carryInto(dir, from string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	m, err := readManifest(root)
	if err != nil {
		return err
	}
	froot, err := os.OpenRoot(from)
	if err != nil {
		return nil // the release left is gone: nothing to carry
	}
	defer froot.Close()
	fm, err := readManifest(froot)
	if err != nil {
		return nil
	}
	added := false
	for _, name := range slices.Sorted(maps.Keys(fm)) {
		e := fm[name]
		if _, ok := m[name]; ok || !HashedAsset(name) {
			continue
		}
		data, err := readRegular(froot, name)
		if err != nil || sha256.Sum256(data) != e.sum {
			continue
		}
		d := filepath.Dir(filepath.FromSlash(name))
		switch err := root.Mkdir(d, dirMode); {
		case err == nil:
			if err := root.Chmod(d, dirMode); err != nil { // the umask took bits away
				return err
			}
		case !errors.Is(err, fs.ErrExist):
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(name))
		if os.Link(filepath.Join(from, filepath.FromSlash(name)), full) != nil {
			if err := writeFileMode(full, data); err != nil {
				return err
			}
		}
		m[name] = entry{sum: e.sum, carried: e.carried + 1}
		added = true
	}
	if !added {
		return nil
	}
	tmp := filepath.Join(dir, filepath.FromSlash(ManifestName)+".tmp")
	if err := writeFileMode(tmp, m.encode()); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, filepath.FromSlash(ManifestName)))
}

// writeFileMode writes a new file, or replaces a file, with fileMode
// whatever the umask.
func writeFileMode(name string, data []byte) error {
	if err := os.WriteFile(name, data, fileMode); err != nil {
		return err
	}
	return os.Chmod(name, fileMode)
}
