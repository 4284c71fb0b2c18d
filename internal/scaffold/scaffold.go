// Package scaffold writes a new site: a small valid site in one language
// (`sitegen new`), for a keeper to start from. Its files are real files,
// one folder per language (vi/, en/), embedded in the binary; every line
// of their TOML is commented in the site's language.
package scaffold

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

//go:embed all:vi all:en
var files embed.FS

// Templates is the folder a site keeps its own templates in. The
// scaffold makes it empty: embed keeps no empty folder.
const Templates = "templates"

// Langs lists the languages there is a scaffold for, in i18n's order.
func Langs() []i18n.Lang {
	var out []i18n.Lang
	for _, n := range i18n.Names() {
		if fi, err := fs.Stat(files, n); err == nil && fi.IsDir() {
			out = append(out, i18n.Lang(n))
		}
	}
	return out
}

// Files is the scaffold of lang as it is written into a site folder.
func Files(lang i18n.Lang) (fs.FS, error) {
	if !slices.Contains(Langs(), lang) {
		return nil, fs.ErrNotExist
	}
	return fs.Sub(files, string(lang))
}

// Write writes the scaffold of lang into the folder dir, making it and
// the folders above it. Messages name dir as shown (as the user would
// type it). A folder that exists and is not empty is refused, and so is
// a file: the error is then a *diag.Diagnostic in the language, and
// nothing is written. No file is ever replaced; when writing fails
// half-way, what was written is removed again.
func Write(dir, shown string, lang i18n.Lang) error {
	src, err := Files(lang)
	if err != nil {
		return err
	}
	loc := i18n.New(lang)
	refuse := func(msg, help string) error {
		return &diag.Diagnostic{Path: shown, Msg: loc.T(msg), Help: loc.T(help)}
	}
	switch entries, err := os.ReadDir(dir); {
	case err == nil && len(entries) > 0:
		return refuse("new.not_empty", "new.not_empty.help")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return refuse("new.file", "new.file.help")
		}
		return err
	}
	w := &writer{}
	if err := w.mkdir(dir, true); err != nil {
		return err
	}
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		to := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return w.mkdir(to, false)
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return w.file(to, b)
	})
	if err == nil {
		err = w.mkdir(filepath.Join(dir, Templates), false)
	}
	if err != nil {
		w.undo()
		return err
	}
	return nil
}

// writer writes new files and folders and remembers them, to remove them
// again when writing fails.
type writer struct{ made []string }

func (w *writer) mkdir(p string, parents bool) error {
	if _, err := os.Stat(p); err == nil {
		return nil // the site folder, found empty
	}
	mk := os.Mkdir
	if parents {
		mk = os.MkdirAll
	}
	if err := mk(p, 0o755); err != nil {
		return err
	}
	w.made = append(w.made, p)
	return nil
}

func (w *writer) file(p string, b []byte) error {
	// O_EXCL: a file that appeared since the folder was found empty is
	// never replaced.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	w.made = append(w.made, p)
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// undo removes what was made, the last first; a folder only when empty.
func (w *writer) undo() {
	for _, p := range slices.Backward(w.made) {
		os.Remove(p)
	}
}
