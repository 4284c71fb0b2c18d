// Package sitefs opens a site folder as an fs.FS that reads only what a
// site may hold: regular files and folders inside the site folder, each
// file no larger than the limit of its top folder.
//
// Whoever can push to a site's repository controls the input of a
// program that runs on a server. os.DirFS follows a symbolic link
// anywhere (content/leak.md -> /etc/passwd would be published), opens a
// named pipe and waits for a writer forever, and reads /dev/zero until
// memory runs out. An FS of this package refuses each of them, before
// opening it, with an *Error that says which file and why; every stage
// reports it as it reports any file it cannot read.
//
// A symbolic link that stays inside the site folder is followed as
// os.DirFS follows it. fs.WalkDir does not descend into a linked folder
// (as over os.DirFS), but a link that leaves the site folder is reported
// to the walk function as an *Error rather than passed over (see
// FS.ReadDir).
package sitefs

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

// limits are the largest files read, by the top folder of the site they
// are in. A data file holds at most some thousands of records and an
// article is text; templates/ holds the assets too, the largest of which
// is the embedded ECharts (about 1 MB). Tests make them smaller.
var limits = map[string]int64{
	"data":      50 << 20,
	"content":   10 << 20,
	"templates": 20 << 20,
}

// otherLimit is the limit of a file in any other place.
var otherLimit int64 = 10 << 20

// limit is the largest file read at name.
func limit(name string) int64 {
	top, _, _ := strings.Cut(name, "/")
	if l, ok := limits[top]; ok {
		return l
	}
	return otherLimit
}

// Kind is why a file is refused.
type Kind int

const (
	// Outside is a symbolic link to a place outside the site folder.
	Outside Kind = iota + 1
	// Dangling is a symbolic link to no file (or to a loop of links).
	Dangling
	// NotRegular is neither a regular file nor a folder: a named pipe, a
	// device, a socket. It is never opened.
	NotRegular
	// TooLarge is a file over the limit of its top folder.
	TooLarge
)

// Error is a file (or the link on its way) that an FS refuses to read.
type Error struct {
	// Path is slash-separated and relative to the site folder: the file
	// asked for, or, for a link, the link itself, which may be a folder
	// on the file's way ("templates/assets").
	Path   string
	Kind   Kind
	Target string // of a link: where it points, as written in the link
	Limit  int64  // of TooLarge: the limit, in bytes
}

// Error says what is wrong in English, for a log; a stage says it in
// the site's language with Text or Diagnostic.
func (e *Error) Error() string {
	switch e.Kind {
	case Outside:
		return fmt.Sprintf("%s: a symbolic link to %s, outside the site folder", e.Path, e.Target)
	case Dangling:
		return fmt.Sprintf("%s: a symbolic link to %s, where there is no file", e.Path, e.Target)
	case NotRegular:
		return e.Path + ": not a regular file"
	default:
		return fmt.Sprintf("%s: larger than %d MB", e.Path, e.Limit>>20)
	}
}

// Text is what the error says and what to do about it: keys of the
// catalogue (internal/i18n), msg formatted with args, help with none.
func (e *Error) Text() (msg string, args []any, help string) {
	switch e.Kind {
	case Outside:
		return "file.outside", []any{e.Target}, "file.outside.help"
	case Dangling:
		return "file.dangling", []any{e.Target}, "file.dangling.help"
	case NotRegular:
		return "file.notregular", nil, "file.notregular.help"
	default:
		top, _, _ := strings.Cut(e.Path, "/")
		return "file.toolarge", []any{e.Limit >> 20, top}, "file.toolarge.help"
	}
}

// Diagnostic is the error as a stage reports it, in the language of loc;
// prefix is how the user names the site folder.
func (e *Error) Diagnostic(loc *i18n.Locale, prefix string) *diag.Diagnostic {
	msg, args, help := e.Text()
	return &diag.Diagnostic{Path: path.Join(prefix, e.Path), Msg: loc.T(msg, args...), Help: loc.T(help)}
}

// FS is a site folder. Its methods are safe for concurrent use.
type FS struct {
	root string // the site folder's real path: absolute, with no link in it
}

// New returns the site folder dir as an FS. A folder that does not exist
// is an FS in which nothing exists.
func New(dir string) *FS {
	root, err := filepath.Abs(dir)
	if err == nil {
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real
		}
	}
	return &FS{root: root}
}

var (
	_ fs.ReadFileFS = (*FS)(nil)
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.StatFS     = (*FS)(nil)
)

// resolve finds the real path of name, following each link on its way
// that stays inside the site folder, and returns it with what it is.
// It refuses a link out of the site folder or to nothing, anything but
// a regular file or a folder, and a file over its limit. It opens
// nothing.
func (f *FS) resolve(op, name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	real := f.root
	if name != "." {
		parts := strings.Split(name, "/")
		for i, part := range parts {
			next := filepath.Join(real, part)
			fi, err := os.Lstat(next)
			if err != nil {
				return "", nil, &fs.PathError{Op: op, Path: name, Err: underlying(err)}
			}
			if fi.Mode()&fs.ModeSymlink != 0 {
				if next, err = f.follow(strings.Join(parts[:i+1], "/"), next); err != nil {
					return "", nil, err
				}
			}
			real = next
		}
	}
	fi, err := os.Lstat(real)
	if err != nil {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: underlying(err)}
	}
	switch {
	case fi.IsDir():
	case !fi.Mode().IsRegular():
		return "", nil, &Error{Path: name, Kind: NotRegular}
	case fi.Size() > limit(name):
		return "", nil, &Error{Path: name, Kind: TooLarge, Limit: limit(name)}
	}
	return real, fi, nil
}

// follow returns the real path a link points to: link is its name in the
// site, real its path, in a folder with no link in its path.
func (f *FS) follow(link, real string) (string, error) {
	target, err := os.Readlink(real)
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: link, Err: underlying(err)}
	}
	to, err := filepath.EvalSymlinks(real)
	if err != nil {
		// A link to nothing (or to a loop): where it points, as written,
		// tells whether it is out of the site.
		to = target
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(real), to)
		}
		if f.inside(to) {
			return "", &Error{Path: link, Kind: Dangling, Target: target}
		}
	}
	if !f.inside(to) {
		return "", &Error{Path: link, Kind: Outside, Target: target}
	}
	return to, nil
}

// inside reports whether the real path p is the site folder or in it.
func (f *FS) inside(p string) bool {
	rel, err := filepath.Rel(f.root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// underlying is the error of an *fs.PathError (whose path is a real
// path, not a name of the site), or err.
func underlying(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Open opens a regular file or a folder of the site. Reading a file
// stops with an *Error past its limit, in case it grows after Open.
func (f *FS) Open(name string) (fs.File, error) {
	real, fi, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	osf, err := os.Open(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	fi = named{fi, path.Base(name)}
	if fi.IsDir() {
		return &dir{osf, f, name, fi}, nil
	}
	return &file{osf, name, fi, limit(name)}, nil
}

// ReadFile reads a regular file of the site, up to its limit.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	fi, _ := file.Stat()
	// As os.ReadFile: one buffer of the file's size, grown if it grew.
	b := make([]byte, 0, fi.Size()+1)
	for {
		n, err := file.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			if pe, ok := err.(*fs.PathError); ok {
				pe.Path = name // as os.DirFS says it
			}
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// ReadDir lists a folder of the site, sorted by name. An entry that is a
// link out of the site folder is listed as a folder that cannot be read
// (its Info is the *Error): fs.WalkDir then hands the walk function that
// error at its path, so the link is reported, not passed over. Every
// other entry is as os.ReadDir lists it: a link inside the site is a
// link, and fs.WalkDir does not descend into a linked folder.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, fi, err := f.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	list, err := os.ReadDir(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: underlying(err)}
	}
	return f.checkLinks(name, real, list), nil
}

// checkLinks replaces the entries of the folder name (real path real)
// that are links out of the site by refused entries.
func (f *FS) checkLinks(name, real string, list []fs.DirEntry) []fs.DirEntry {
	for i, e := range list {
		if e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		_, err := f.follow(path.Join(name, e.Name()), filepath.Join(real, e.Name()))
		if se, ok := err.(*Error); ok && se.Kind == Outside {
			list[i] = refused{se, e.Name()}
		}
	}
	return list
}

// Stat says what name is, following links as Open does, and refuses
// what Open refuses.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	_, fi, err := f.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	return named{fi, path.Base(name)}, nil
}

// named is a FileInfo under the name it was asked by: a link's, not its
// target's.
type named struct {
	fs.FileInfo
	name string
}

func (n named) Name() string { return n.name }

// refused is the entry of a link out of the site (see FS.ReadDir).
type refused struct {
	err  *Error
	name string
}

func (r refused) Name() string               { return r.name }
func (r refused) IsDir() bool                { return true }
func (r refused) Type() fs.FileMode          { return fs.ModeDir | fs.ModeSymlink }
func (r refused) Info() (fs.FileInfo, error) { return nil, r.err }

// file is an open regular file that stops reading past its limit.
type file struct {
	*os.File
	name string
	info fs.FileInfo
	left int64 // bytes that may still be read
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *file) Read(b []byte) (int, error) {
	// One byte more than is left tells a file that grew past the limit.
	if int64(len(b)) > f.left+1 {
		b = b[:f.left+1]
	}
	n, err := f.File.Read(b)
	if int64(n) > f.left {
		n = int(f.left)
		f.left = 0
		return n, &Error{Path: f.name, Kind: TooLarge, Limit: limit(f.name)}
	}
	f.left -= int64(n)
	return n, err
}

// dir is an open folder of the site.
type dir struct {
	*os.File
	fsys *FS
	name string
	info fs.FileInfo
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	list, err := d.File.ReadDir(n)
	return d.fsys.checkLinks(d.name, d.File.Name(), list), err
}
