// Package publish writes a built site to disk atomically: into a new
// folder beside the output, swapped in only when complete, so a failed
// build leaves the previous output exactly as it was.
//
// How the swap is made, and why. A web server serves a plain folder
// (public/), so the output must stay a folder, not a symlink to one: a
// symlink swap (write public.<n>/, then rename a new link over public)
// would be atomic everywhere, but leaves the server pointed at a link
// whose target changes, which some intranet set-ups refuse
// (disable_symlinks, Options -FollowSymLinks) and which copies and
// backups of public/ do not follow. Instead:
//
//   - on Linux the two folders are exchanged in one step with
//     renameat2(RENAME_EXCHANGE): at every instant public/ is wholly the
//     old site or wholly the new one;
//   - where that call is missing (another system, or a file system that
//     does not support it), the old folder is renamed aside and the new
//     one renamed in. A reader may then, for the moment between the two
//     renames, find no public/ at all (a 404), but never a mix of the two.
//
// Shared assets carry a hash of their content in their names (the render
// stage names them), so a page from the new build never loads an asset of
// the old one; and the new output keeps the hashed assets of the outputs
// before it (see carry.go), so a page of an old build, loaded just before
// the swap, still finds its own.
//
// Every output holds a manifest of the files its build wrote (see
// manifest.go), and a build replaces only a folder that holds one and
// nothing it does not list: it never deletes what it did not write.
//
// On Linux a file that did not change since the previous output is
// hard-linked from it instead of written (see reuse_linux.go).
//
// Files are written without fsync: the swap protects readers, not the
// disk against a power cut; after a crash the next build starts anew and
// removes what was left.
//
// What a build leaves beside the output when it is killed (its folder,
// or the old output it moved aside) is removed by the next Begin. A build
// holds a lock on each such folder while it is its own (see
// lock_unix.go), so a folder whose lock can be taken is a leftover; the
// process id in its name only says who made it, since a killed build's
// id may be alive again (and is always alive when it was PID 1 in a
// container).
package publish

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// File modes are fixed, not taken from the umask, so that two builds on
// two machines publish the same tree.
const (
	fileMode = 0o644
	dirMode  = 0o755
)

// Suffixes of the folders a build makes beside the output. .gitignore
// covers /public.*/ for the default output.
const (
	tmpInfix = ".tmp-"
	oldInfix = ".old-"
)

// Tx is one build's output, being written into a folder beside the
// output. It implements render.Writer.
type Tx struct {
	out   string // absolute, symlinks resolved
	given string // out as the caller gave it, for messages
	tmp   string // the folder being written

	mu     sync.Mutex
	files  manifest            // files written or carried, for the manifest
	dirs   map[string]*dirMade // folders made or being made, relative to tmp
	closed bool                // Commit has begun: no more WriteFile
	done   bool                // committed or aborted

	// exchange swaps two folders in one step, rename is os.Rename;
	// tests replace them to take the other way, or to fail.
	exchange func(a, b string) error
	rename   func(from, to string) error
	// chmod is false when the umask leaves the modes as asked.
	chmod bool
	// prevDir is the previous output, whose hashed assets are carried
	// into the new one; "" when there is none. prev is the same folder
	// opened to link its unchanged files rather than write them again;
	// nil when there is none or files cannot be linked.
	prevDir string
	prev    *prevOutput
	// prevRoot is prevDir opened to read a file prev cannot (see
	// ReadPrevious); nil when there is no previous output.
	prevRoot *os.Root
	// taken are the files of the previous output that ReadPrevious read
	// through prev, by name, until they are written (guarded by mu).
	taken map[string][]byte
	// lock is held on tmp while the build lasts, so that no other Begin
	// takes tmp for a leftover; nil where folders cannot be locked.
	lock *folderLock

	opts Options
	// release is true for a release of a publish folder (see
	// Releases.Begin): Commit moves tmp to out, which must not exist,
	// after checking every file against the manifest.
	release bool
}

// Options say what a build may do to the output.
type Options struct {
	// Force lets Commit replace an output folder that holds files no
	// build wrote, or no manifest (see owned). Only for a person who has
	// looked at the folder.
	Force bool
	// Carry is for how many builds a hashed asset is kept after the last
	// build that wrote it (see carry); 0 means DefaultCarry, and a
	// negative Carry keeps none.
	Carry int
}

// DefaultCarry is how many outputs back a build keeps the hashed assets
// of: a reader's page is seconds old when it asks for them, but a hook
// may fire a few builds in a row.
const DefaultCarry = 5

// Begin starts writing a new output for out. It removes what an
// interrupted earlier build left beside out, and makes the folder the new
// output is written into.
func Begin(out string, opts Options) (*Tx, error) {
	abs, err := resolve(out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, notAFolder(out)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, dirMode); err != nil {
		return nil, fmt.Errorf("cannot make the folder that holds the output: %w", err)
	}
	cleanLeftovers(parent, base)
	return begin(abs, out, parent, base+tmpInfix, abs, opts)
}

// begin makes the folder a new output for out (abs, resolved; given as
// the caller named it) is written into: in parent, named prefix, this
// process's id and a random part. prev is the previous output, "" for
// none.
func begin(abs, given, parent, prefix, prev string, opts Options) (*Tx, error) {
	tmp, lock, err := makeLocked(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("cannot make a folder beside %s to build into: %w", given, err)
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		os.RemoveAll(tmp)
		lock.unlock()
		return nil, err
	}
	if opts.Carry == 0 {
		opts.Carry = DefaultCarry
	}
	tx := &Tx{
		out:   abs,
		given: given,
		tmp:   tmp,
		files: make(manifest),
		dirs:  map[string]*dirMade{".": madeDir},

		exchange: exchange,
		rename:   os.Rename,
		chmod:    !umaskKeepsModes(),
		lock:     lock,
		opts:     opts,
	}
	if prev != "" {
		if fi, err := os.Stat(prev); err == nil && fi.IsDir() {
			tx.prevDir, tx.prev = prev, openPrev(prev, tmp)
			tx.prevRoot, _ = os.OpenRoot(prev) // nil: nothing to read
			tx.taken = make(map[string][]byte)
		}
	}
	return tx, nil
}

// notAFolder refuses an output folder out that is a file.
func notAFolder(out string) error {
	return &OutputError{Out: out, Key: "publish.out.file", Args: []any{out},
		Reason: fmt.Sprintf("the output folder %s is a file, not a folder; remove it or choose another output folder", out)}
}

// makeLocked makes a new folder beside the output, named prefix, this
// process's id and a random part, and takes its lock. Another Begin may
// see the folder between its making and its locking, take it for a
// leftover and remove it; then another is made.
func makeLocked(parent, prefix string) (string, *folderLock, error) {
	for range 10 {
		dir, err := os.MkdirTemp(parent, prefix+strconv.Itoa(os.Getpid())+"-")
		if err != nil {
			return "", nil, err
		}
		lock, err := lockFolder(dir)
		switch {
		case err == nil && lock.is(dir):
			return dir, lock, nil
		case errors.Is(err, errors.ErrUnsupported):
			return dir, nil, nil // judged by the process id in its name
		}
		lock.unlock() // being removed by the Begin that took it
	}
	return "", nil, errors.New("every folder made was removed at once by another build")
}

// closePrev closes what the Tx holds of the previous output.
func (tx *Tx) closePrev() {
	tx.prev.close()
	tx.prev = nil
	if tx.prevRoot != nil {
		tx.prevRoot.Close()
		tx.prevRoot = nil
	}
	tx.taken = nil
}

// Dir is the folder being written; it is removed or becomes the output.
func (tx *Tx) Dir() string { return tx.tmp }

// WriteFile writes one file of the output. name is slash-separated and
// relative to the output root; each name may be written once, and none
// in the manifest's folder (.sitegen/). Safe for concurrent use.
func (tx *Tx) WriteFile(name string, data []byte) error {
	if !validName(name) {
		return fmt.Errorf("publish: %q is not a file name inside the output folder", name)
	}
	return tx.put(name, data, 0)
}

// put writes one file of the output and lists it in the manifest:
// written by this build (carried 0), or an asset carried from the output
// that many builds back.
func (tx *Tx) put(name string, data []byte, carried int) error {
	sum := sha256.Sum256(data)
	tx.mu.Lock()
	if tx.done || tx.closed && carried == 0 {
		tx.mu.Unlock()
		return fmt.Errorf("publish: %s written after the output was committed or aborted", name)
	}
	if _, ok := tx.files[name]; ok {
		tx.mu.Unlock()
		return fmt.Errorf("publish: %s written twice", name)
	}
	tx.files[name] = entry{sum: sum, carried: carried}
	tx.mu.Unlock()
	if err := tx.mkdir(path.Dir(name)); err != nil {
		return err
	}
	full := filepath.Join(tx.tmp, filepath.FromSlash(name))
	if tx.link(name, data, full) {
		return nil
	}
	return tx.create(full, data)
}

// ReadPrevious reads the file name (a slash path) of the previous
// output, a regular file and not one of .sitegen/, for a cache of made
// files to check it (see package made); no file outside the output is
// read, nor one that is a symbolic link. When the same bytes are then
// written under the same name, the file is linked from the previous
// output without being read and compared again.
func (tx *Tx) ReadPrevious(name string) ([]byte, error) {
	if !validName(name) {
		return nil, fmt.Errorf("publish: %q is not a file of an output", name)
	}
	if b, ok := tx.prev.read(name); ok {
		tx.mu.Lock()
		tx.taken[name] = b
		tx.mu.Unlock()
		return b, nil
	}
	if tx.prevRoot == nil {
		return nil, fs.ErrNotExist
	}
	return readRegular(tx.prevRoot, name)
}

// link links name from the previous output to dst when it holds data:
// compared in memory when ReadPrevious read it, else read and compared.
func (tx *Tx) link(name string, data []byte, dst string) bool {
	tx.mu.Lock()
	b, read := tx.taken[name]
	delete(tx.taken, name)
	tx.mu.Unlock()
	if read {
		return bytes.Equal(b, data) && tx.prev.linkAt(name, dst)
	}
	return tx.prev.link(name, data, dst)
}

// create writes a new file of the output.
func (tx *Tx) create(full string, data []byte) error {
	return tx.createWith(full, func(f io.Writer) error {
		_, err := f.Write(data)
		return err
	})
}

// createWith is create of what write writes into the new file.
func (tx *Tx) createWith(full string, write func(f io.Writer) error) error {
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil && tx.chmod {
		err = f.Chmod(fileMode) // the umask took bits away
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// dirMade is a folder of the output: done is closed once it is made,
// err says whether that failed.
type dirMade struct {
	done chan struct{}
	err  error
}

// madeDir is the output's own folder, made by Begin.
var madeDir = func() *dirMade {
	d := &dirMade{done: make(chan struct{})}
	close(d.done)
	return d
}()

// mkdir makes dir (relative, slash-separated) and its parents with
// dirMode, once: a writer of a file in a folder being made waits for it.
// The lock is not held while the folder is made: on ext4 making a folder
// costs tens of microseconds, and every other page would wait for it.
func (tx *Tx) mkdir(dir string) error {
	tx.mu.Lock()
	if d := tx.dirs[dir]; d != nil {
		tx.mu.Unlock()
		<-d.done
		return d.err
	}
	d := &dirMade{done: make(chan struct{})}
	tx.dirs[dir] = d
	tx.mu.Unlock()
	defer close(d.done)
	if d.err = tx.mkdir(path.Dir(dir)); d.err != nil {
		return d.err
	}
	full := filepath.Join(tx.tmp, filepath.FromSlash(dir))
	if d.err = os.Mkdir(full, dirMode); d.err != nil {
		return d.err // also when a file of that name was written
	}
	if tx.chmod {
		d.err = os.Chmod(full, dirMode)
	}
	return d.err
}

// Commit completes the new output, carrying the hashed assets of the
// previous one into it and writing its manifest, then puts it in place
// of the old one and removes the old. The old output is replaced only
// when it is the build's own (see owned), unless Options.Force. A
// release is instead checked against its manifest and moved to its
// name (see Releases). After Commit, Abort does nothing; after a failed
// Commit the output is as it was, and Abort removes the new one.
func (tx *Tx) Commit() error {
	tx.mu.Lock()
	if tx.done || tx.closed {
		tx.mu.Unlock()
		return errors.New("publish: output already committed or aborted")
	}
	tx.closed = true
	tx.mu.Unlock()
	if err := tx.seal(); err != nil {
		return err
	}
	tx.mu.Lock()
	defer tx.mu.Unlock()
	tx.closePrev()
	if tx.release {
		return tx.commitRelease()
	}
	if !tx.opts.Force {
		if err := owned(tx.out, tx.given); err != nil {
			return err
		}
	}
	_, err := os.Lstat(tx.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err := tx.rename(tx.tmp, tx.out)
		if err == nil {
			tx.done = true
			tx.lock.unlock()
			return nil
		}
		// ENOTEMPTY or EEXIST: a build that did not take the output's
		// lock (see LockOutput) put its output there since; it is
		// replaced as any old output.
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("cannot move the new output into place: %w", err)
		}
	case err != nil:
		return err
	}
	if tx.exchange(tx.tmp, tx.out) == nil {
		// tmp now holds the old output; the lock went with the new one.
		tx.done = true
		os.RemoveAll(tx.tmp) // what stays is removed by the next Begin
		tx.lock.unlock()
		return nil
	}
	old, err := os.MkdirTemp(filepath.Dir(tx.out), filepath.Base(tx.out)+oldInfix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return err
	}
	// MkdirTemp only reserved the name; the rename needs it free.
	if err := os.Remove(old); err != nil {
		return err
	}
	// The old output is locked before it is moved aside, so that no other
	// Begin takes it for a leftover while it may still have to come back.
	oldLock, _ := lockFolder(tx.out)
	defer oldLock.unlock()
	if err := tx.rename(tx.out, old); err != nil {
		if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
			// A mount point CheckOut did not see (see mountPoint).
			return &OutputError{Out: tx.given, Key: "publish.out.swap", Args: []any{tx.given, filepath.Join(tx.given, "public")},
				Reason: fmt.Sprintf("cannot replace the output folder %s with the new one: the system cannot rename it (it is a mount point, or on another file system than the folder that holds it: %v); the output folder is left as it was. Build into a folder inside it, e.g. -out %s, and serve that folder",
					tx.given, err, filepath.Join(tx.given, "public"))}
		}
		return fmt.Errorf("cannot move the old output aside: %w", err)
	}
	if err := tx.rename(tx.tmp, tx.out); err != nil {
		if rerr := tx.rename(old, tx.out); rerr != nil {
			return fmt.Errorf("cannot move the new output into place (%v), nor the old one back (%v); the old output is in %s", err, rerr, old)
		}
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	tx.done = true
	os.RemoveAll(old)
	tx.lock.unlock()
	return nil
}

// Abort removes the folder being written; the output is left as it was.
// It may be deferred: after Commit it does nothing.
func (tx *Tx) Abort() error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.done {
		return nil
	}
	tx.done = true
	tx.closePrev()
	err := os.RemoveAll(tx.tmp)
	tx.lock.unlock()
	return err
}

// cleanLeftovers removes the folders an interrupted build left beside the
// output (base.tmp-PID-N, base.old-PID-N): those whose lock no build
// holds. A build still running holds its lock, so two builds side by
// side do not undo each other. Where folders cannot be locked, a folder
// is left while a process of the id in its name exists.
func cleanLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		var rest string
		switch {
		case strings.HasPrefix(name, base+tmpInfix):
			rest = name[len(base+tmpInfix):]
		case strings.HasPrefix(name, base+oldInfix):
			rest = name[len(base+oldInfix):]
		default:
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || !e.IsDir() {
			continue // not a folder we made
		}
		full := filepath.Join(parent, name)
		lock, err := lockFolder(full)
		switch {
		case err == nil:
			os.RemoveAll(full) // its build ended without removing it
			lock.unlock()
		case errors.Is(err, errors.ErrUnsupported):
			if pid != os.Getpid() && !running(pid) {
				os.RemoveAll(full)
			}
		}
	}
}

// resolve makes p absolute and resolves the symlinks in the part of it
// that exists, so that an output reached through a link is replaced where
// it really is, and so that two spellings of one folder compare equal.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r, nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = append(rest, filepath.Base(cur))
		cur = parent
	}
}
