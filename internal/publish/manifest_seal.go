package publish

import "path/filepath"

// seal completes the output before it is put in place: its manifest
// written.
func (tx *Tx) seal() error {
	if err := tx.mkdir(manifestDir); err != nil {
		return err
	}
	if err := tx.create(filepath.Join(tx.tmp, filepath.FromSlash(ManifestName)), tx.files.encode()); err != nil {
		return err
	}
	return nil
}
