package publish

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// A reader who loaded a page just before a swap asks next for the
// assets that page names: assets/site.<hash>.css of the build it came
// from. When a build changes an asset, the new output names it with
// another hash, so the old name would be gone from the new output (in a
// test, 73 of some 11,900 page loads during rebuilds got a 404). So a
// build carries into its output the hashed assets (see HashedAsset) of
// the previous output: those it wrote, and those it had carried itself,
// for Options.Carry builds after the last build that wrote them. They
// are listed in the manifest as "carried-N", N the number of builds
// back, so that every later build, and publish, keeps them the same way.
//
// A carried file is taken only when its bytes are still those its
// manifest lists; on Linux it is linked from the previous output rather
// than copied, so it costs no space.

// seal completes the output before it is put in place: the previous
// output's hashed assets carried in, then the manifest written. A
// release is then checked against its manifest.
func (tx *Tx) seal() error {
	if err := tx.carry(); err != nil {
		return err
	}
	if err := tx.mkdir(manifestDir); err != nil {
		return err
	}
	if err := tx.create(filepath.Join(tx.tmp, filepath.FromSlash(ManifestName)), tx.files.encode()); err != nil {
		return err
	}
	if tx.release {
		return verify(tx.tmp, tx.files)
	}
	return nil
}

// carry copies into the output the hashed assets of the previous output
// that this build did not write, for Options.Carry builds.
func (tx *Tx) carry() error {
	if tx.prevDir == "" || tx.opts.Carry < 0 {
		return nil
	}
	root, err := os.OpenRoot(tx.prevDir)
	if err != nil {
		return nil // no previous output: nothing to carry
	}
	defer root.Close()
	prev, err := readManifest(root)
	if err != nil {
		return nil // not a build's output, or an older sitegen's: nothing known
	}
	for _, name := range slices.Sorted(maps.Keys(prev)) {
		e := prev[name]
		if !HashedAsset(name) || e.carried+1 > tx.opts.Carry {
			continue
		}
		if _, written := tx.files[name]; written {
			continue
		}
		data, err := readRegular(root, name)
		if err != nil || sha256.Sum256(data) != e.sum {
			continue // changed or removed since: not the file its pages asked for
		}
		if err := tx.put(name, data, e.carried+1); err != nil {
			return err
		}
	}
	return nil
}

// verify checks the output in dir against its manifest m: every file
// listed is there with its bytes, the manifest itself is m, and there is
// nothing else. It is what a release is checked with before a web server
// is pointed at it, and before a rollback goes back to it.
func verify(dir string, m manifest) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if b, err := readRegular(root, ManifestName); err != nil || !bytes.Equal(b, m.encode()) {
		return fmt.Errorf("%s is not the list of the files written", ManifestName)
	}
	if s, err := strays(dir, m); err != nil || s.count > 0 {
		if err == nil {
			err = fmt.Errorf("%s is not in the manifest", s.first)
		}
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		data, err := readRegular(root, name)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is missing", name)
		}
		if err != nil {
			return err
		}
		if sha256.Sum256(data) != m[name].sum {
			return fmt.Errorf("%s is not as written", name)
		}
	}
	return nil
}
