package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Every output a build writes holds a manifest: the list of every file
// the build put there, each with a hash of its content. It is what makes
// an output folder the build's own. A build replaces a folder only when
// it holds a manifest and nothing the manifest does not list (see
// owned), so it never deletes a file it did not write, whatever it is
// called; and a later build knows which hashed assets of the previous
// output to keep (see carry).
//
// The manifest is .sitegen/manifest, a text file: a header line, then
// one line per file, sorted by path:
//
//	# sitegen manifest 1
//	3a7bd3e2…(64 hex digits) written index.html
//	9f86d081…(64 hex digits) carried-2 assets/site.1a2b3c4d.css
//
// The first field is the SHA-256 of the file, the second how it came
// there: "written" by the build that made the output, or "carried-N", a
// hashed asset kept from the output N builds back, for the pages of that
// output still open in a browser. The path is the rest of the line. The
// same files always give the same bytes.

// ManifestName is where the manifest is, in an output (slash path).
const ManifestName = manifestDir + "/manifest"

const (
	manifestDir    = ".sitegen"
	manifestHeader = "# sitegen manifest 1"
)

// entry is one file of a manifest.
type entry struct {
	sum [sha256.Size]byte
	// carried is 0 for a file the build wrote; N for an asset kept
	// from the output N builds back.
	carried int
}

// manifest lists the files of an output by slash path.
type manifest map[string]entry

// encode writes the manifest, sorted by path.
func (m manifest) encode() []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader + "\n")
	for _, name := range slices.Sorted(maps.Keys(m)) {
		e := m[name]
		how := "written"
		if e.carried > 0 {
			how = "carried-" + strconv.Itoa(e.carried)
		}
		fmt.Fprintf(&b, "%s %s %s\n", hex.EncodeToString(e.sum[:]), how, name)
	}
	return b.Bytes()
}

// errManifest says a manifest is not one a build wrote.
var errManifest = errors.New("not a manifest of sitegen")

// parseManifest reads a manifest encode wrote.
func parseManifest(b []byte) (manifest, error) {
	text, ok := bytes.CutPrefix(b, []byte(manifestHeader+"\n"))
	if !ok {
		return nil, errManifest
	}
	m := make(manifest)
	for line := range strings.Lines(string(text)) {
		line, ok := strings.CutSuffix(line, "\n")
		sum, rest, ok2 := strings.Cut(line, " ")
		how, name, ok3 := strings.Cut(rest, " ")
		if !ok || !ok2 || !ok3 || !validName(name) {
			return nil, errManifest
		}
		var e entry
		// The length first: hex.Decode writes past a sum too short for it.
		if len(sum) != hex.EncodedLen(sha256.Size) {
			return nil, errManifest
		}
		if n, err := hex.Decode(e.sum[:], []byte(sum)); err != nil || n != sha256.Size {
			return nil, errManifest
		}
		if how != "written" {
			n, ok := strings.CutPrefix(how, "carried-")
			c, err := strconv.Atoi(n)
			if !ok || err != nil || c < 1 {
				return nil, errManifest
			}
			e.carried = c
		}
		if _, dup := m[name]; dup {
			return nil, errManifest
		}
		m[name] = e
	}
	return m, nil
}

// readManifest reads the manifest of the output in root; an output with
// none gives an error that is fs.ErrNotExist, one with a manifest no
// build wrote (not a regular file, larger than a build writes, or not
// read as one) errManifest.
func readManifest(root *os.Root) (manifest, error) {
	b, err := readState(root, ManifestName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%w: %w", errManifest, err)
	}
	return parseManifest(b)
}

// MaxState is the largest file of .sitegen/ a build reads: the largest
// a build writes, the articles as parsed of the national site of issue
// 14 (100,000 articles), is 322 MB. A larger one is damaged, and read
// whole it could take more memory than the machine has (a sparse file
// of 64 GB did).
const MaxState = 2 << 30

// The reasons a file of .sitegen/ is not read, beside the system's.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("larger than a build of sitegen writes")
)

// readState reads the file name of root's .sitegen/ folder when it is a
// regular file of at most MaxState bytes.
func readState(root *os.Root, name string) ([]byte, error) {
	return readAtMost(root, name, MaxState)
}

// readRegular reads the file name of root when it is a regular file, not
// a link or anything else.
func readRegular(root *os.Root, name string) ([]byte, error) {
	return readAtMost(root, name, math.MaxInt64)
}

// readAtMost reads the file name of root when it is a regular file of at
// most max bytes.
func readAtMost(root *os.Root, name string, max int64) ([]byte, error) {
	fi, err := root.Lstat(name)
	if err != nil {
		return nil, err
	}
	switch {
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w", name, ErrNotRegular)
	case fi.Size() > max:
		return nil, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	return root.ReadFile(name)
}

// validName reports whether name may be a file of an output: a clean
// relative slash path with no part that is "." or "..", no backslash or
// colon (which mean something on Windows), no control character (the
// manifest is written a line per file), and not in the manifest's own
// folder.
func validName(name string) bool {
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, `\:`) ||
		name == manifestDir || strings.HasPrefix(name, manifestDir+"/") {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// hashedAsset matches the name of a file whose name carries a hash of
// its content, so that a new content gets a new name: the render's
// shared assets (assets/site.1a2b3c4d.css, assets/echarts.1a2b3c4d.min.js)
// and the images and files articles show (media/foto.1a2b3c4d.jpg).
var hashedAsset = regexp.MustCompile(`^(assets|media)/([^/]*\.)?[0-9a-f]{8}\.[a-z0-9]+(\.[a-z0-9]+)*$`)

// HashedAsset reports whether the output file name is a hashed asset: a
// page of an earlier build may ask for it after a new build is swapped
// in, so a build keeps those of the outputs before it (see carry).
func HashedAsset(name string) bool { return hashedAsset.MatchString(name) }

// stray is what an output folder holds that its manifest does not list.
type stray struct {
	first string // the first in path order, slash-separated; a folder ends in "/"
	count int
}

// strays lists what the folder dir holds beyond m: a file m does not
// list, a folder no listed file is in, a link or anything but a regular
// file or a folder. In the manifest's own folder only regular files are
// the build's. Nothing is followed: a link is a stray, whatever it leads
// to. m nil lists everything.
func strays(dir string, m manifest) (stray, error) {
	folders := make(map[string]bool) // the folders of listed files
	for name := range m {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			folders[d] = true
		}
	}
	var s stray
	add := func(name string) {
		if s.count == 0 {
			s.first = name
		}
		s.count++
	}
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := path.Join(rel, e.Name())
			switch {
			case m != nil && name == manifestDir && e.IsDir() && rel == "":
				inner, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					return err
				}
				for _, f := range inner {
					if !f.Type().IsRegular() {
						add(name + "/" + f.Name())
					}
				}
			case e.IsDir() && folders[name]:
				if err := walk(name); err != nil {
					return err
				}
			case e.IsDir():
				add(name + "/")
			case !e.Type().IsRegular():
				add(name)
			default:
				if _, ok := m[name]; !ok {
					add(name)
				}
			}
		}
		return nil
	}
	err := walk("")
	return s, err
}

// Output is an output a build finished (a build's folder, or a release
// of a publish folder), open for the next build to read what it may
// reuse. Nothing is read outside it, nor through a symbolic link.
type Output struct{ root *os.Root }

// OpenOutput opens the output folder out.
func OpenOutput(out string) (*Output, error) {
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, err
	}
	return &Output{root}, nil
}

// ReadState reads the file name of the output's .sitegen/ folder,
// where a build keeps what the next build of the same output may reuse
// (the figure log's cache, the index of made files): not a page, not in
// the manifest, and nothing a reader downloads. An error that is
// fs.ErrNotExist says there is none; any other, that there is one that
// does not read (ErrNotRegular, ErrTooLarge, or the system's).
func (o *Output) ReadState(name string) ([]byte, error) {
	return readState(o.root, manifestDir+"/"+name)
}

// Close closes the output; a nil Output is closed already.
func (o *Output) Close() error {
	if o == nil {
		return nil
	}
	return o.root.Close()
}

// WriteState writes the file name (one name, no folder) into the
// output's .sitegen/ folder, for the next build (see ReadState). It is
// not listed in the manifest: the manifest lists what readers get.
func (tx *Tx) WriteState(name string, data []byte) error {
	return tx.WriteStateWith(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteStateWith is WriteState of what write writes, as it writes it: a
// state as large as the site's articles is not held whole in memory.
func (tx *Tx) WriteStateWith(name string, write func(w io.Writer) error) error {
	if !validName(name) || strings.Contains(name, "/") || name == path.Base(ManifestName) {
		return fmt.Errorf("publish: %q is not a name for the output's %s/ folder", name, manifestDir)
	}
	if err := tx.mkdir(manifestDir); err != nil {
		return err
	}
	return tx.createWith(filepath.Join(tx.tmp, manifestDir, name), func(f io.Writer) error {
		bw := bufio.NewWriterSize(f, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
