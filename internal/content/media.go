package content

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/image/webp"

	"sitegen/internal/address"
	"sitegen/internal/sitefs"
)

// File is a file of content/ that an article shows (an image) or links
// to (a PDF, an image), copied into the site. Its name is its content's
// (address.Media): a file used by several articles is one File, shared.
type File struct {
	Name  string // its address in the site: media/bieu-do.1a2b3c4d.png
	Bytes []byte
}

// LargeFile is the size over which a copied file gets a warning: a
// reader on a phone waits for it. The site folder refuses larger files
// still (sitefs), which is an error.
const LargeFile = 5 << 20

// mediaKind is a kind of file an article may show or link to, by its
// extension.
type mediaKind struct {
	name  string // as a reader knows it: "PNG"
	image bool   // shown with ![…](…)
	// imageOnly is SVG: shown by <img> its scripts do not run, opened at
	// its own address they would, so an article may not link to one.
	imageOnly bool
	// config reads an image's width and height; nil for a kind read
	// otherwise (SVG) or not at all (PDF).
	config func(io.Reader) (image.Config, error)
	magic  string // what a file of a kind without config starts with
}

// mediaKinds are the files an article may use, by extension.
var mediaKinds = map[string]mediaKind{
	".png":  {name: "PNG", image: true, config: png.DecodeConfig},
	".jpg":  {name: "JPEG", image: true, config: jpegConfig},
	".jpeg": {name: "JPEG", image: true, config: jpegConfig},
	".gif":  {name: "GIF", image: true, config: gif.DecodeConfig},
	".webp": {name: "WebP", image: true, config: webp.DecodeConfig},
	".svg":  {name: "SVG", image: true, imageOnly: true},
	".pdf":  {name: "PDF", magic: "%PDF-"},
}

// imageExts lists the extensions of images, for messages.
func imageExts() string {
	var exts []string
	for ext, k := range mediaKinds {
		if k.image {
			exts = append(exts, ext)
		}
	}
	slices.Sort(exts)
	return strings.Join(exts, ", ")
}

// mediaFiles are the files of content/ the articles of one Load use, each
// read and checked once however many articles use it.
type mediaFiles struct {
	fsys   fs.FS
	prefix string
	mu     sync.Mutex
	files  map[string]*mediaFile // by path in fsys
}

func newMediaFiles(fsys fs.FS, prefix string) *mediaFiles {
	return &mediaFiles{fsys: fsys, prefix: prefix, files: make(map[string]*mediaFile)}
}

// mediaFile is one file of content/ as read: the File to copy, or why it
// cannot be.
type mediaFile struct {
	once sync.Once
	file *File
	// width and height are an image's, in CSS pixels; 0 when unknown.
	width, height int
	err           error // reading it
	// unread is a file that is not of the kind its extension says, and
	// script an SVG that holds script (see readSVG).
	unread, script bool
}

// get reads and checks the file at p (a path in fsys, under content/),
// once.
func (m *mediaFiles) get(p string, kind mediaKind) *mediaFile {
	m.mu.Lock()
	f, ok := m.files[p]
	if !ok {
		f = &mediaFile{}
		m.files[p] = f
	}
	m.mu.Unlock()
	f.once.Do(func() { f.read(m.fsys, p, kind) })
	return f
}

func (f *mediaFile) read(fsys fs.FS, p string, kind mediaKind) {
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		f.err = err
		return
	}
	switch {
	case kind.config != nil:
		c, err := kind.config(bytes.NewReader(b))
		if err != nil {
			f.unread = true
			return
		}
		f.width, f.height = c.Width, c.Height
	case kind.imageOnly:
		if f.width, f.height, f.unread, f.script = readSVG(b); f.unread || f.script {
			return
		}
	case kind.magic != "":
		if !bytes.HasPrefix(b, []byte(kind.magic)) {
			f.unread = true
			return
		}
	}
	ext := path.Ext(p)
	f.file = &File{Name: address.Media(Slugify(strings.TrimSuffix(path.Base(p), ext)), ext, b), Bytes: b}
}

// placedFile is an image or a link of an article that leads to a copied
// file; once the article's address is known, its destination is set to
// the copy (see placeFiles).
type placedFile struct {
	node     ast.Node // *ast.Image or *ast.Link
	file     *File
	fragment string // "#page=2", as written, or ""
}

// attach resolves the image or link n, whose destination dest (as the
// browser reads it) is a relative address, at offset at. An image, and a
// link to a file of a kind in mediaKinds, name a file of content/ from
// the article's own folder: it must be there, and is copied into the
// site; a link to anything else (a page of the site) is left as written.
func (st *articleState) attach(n ast.Node, dest string, at int) {
	if st.media == nil || strings.Contains(dest, "{{") {
		return // not read by Load, or a figure in the address: reported as such
	}
	img, isImage := n.(*ast.Image)
	p, fragment, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	ext := strings.ToLower(path.Ext(p))
	kind, known := mediaKinds[ext]
	switch {
	case !isImage && !known:
		return
	case isImage && !kind.image:
		st.report(at, "content.image.kind", []any{dest}, "content.image.kind.help", imageExts())
		return
	case !isImage && kind.imageOnly:
		st.report(at, "content.link.svg", []any{dest}, "content.link.svg.help", dest)
		return
	}
	name, err := url.PathUnescape(p)
	if err != nil {
		name = p
	}
	full := path.Join(path.Dir(st.file), name)
	if path.IsAbs(name) || !strings.HasPrefix(full, ContentDir+"/") || !fs.ValidPath(full) {
		st.report(at, "content.file.outside", []any{dest}, "content.file.outside.help")
		return
	}
	mf := st.media.get(full, kind)
	user := path.Join(st.media.prefix, full)
	switch {
	case mf.err != nil:
		st.fileError(at, user, mf.err)
		return
	case mf.script:
		st.report(at, "content.file.script", []any{user}, "content.file.script.help")
		return
	case mf.unread:
		st.report(at, "content.file.kind", []any{user, kind.name}, "content.file.kind.help")
		return
	}
	if len(mf.file.Bytes) > LargeFile {
		st.warn(at, "content.file.large", []any{user, LargeFile >> 20}, "content.file.large.help")
	}
	if isImage {
		var alt strings.Builder
		plainText(img, st.src, &alt)
		if strings.TrimSpace(alt.String()) == "" {
			st.warn(at, "content.image.alt", []any{dest}, "content.image.alt.help", dest)
		}
		if mf.width > 0 && mf.height > 0 {
			img.SetAttributeString("width", []byte(strconv.Itoa(mf.width)))
			img.SetAttributeString("height", []byte(strconv.Itoa(mf.height)))
		}
	}
	if fragment != "" {
		fragment = "#" + fragment
	}
	st.placed = append(st.placed, placedFile{node: n, file: mf.file, fragment: fragment})
}

// fileError reports a file an image or link names that cannot be read.
func (st *articleState) fileError(at int, user string, err error) {
	var refused *sitefs.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st.report(at, "content.file.missing", []any{user}, "content.file.missing.help", path.Dir(st.path))
	case errors.As(err, &refused):
		msg, args, help := refused.Text()
		if refused.Kind == sitefs.TooLarge {
			help = "content.file.large.help" // the site folder's own help speaks of data/
		}
		st.report(at, "content.file.refused", []any{user, st.loc.T(msg, args...)}, help)
	default:
		st.report(at, "content.file.read", []any{user, err}, "content.read.help")
	}
}

// placeFiles points every image and link of the article that leads to a
// copied file at its copy, relative to the article's page, and returns
// the files, each once, sorted by name.
func (st *articleState) placeFiles(page string) []*File {
	var files []*File
	root := address.Root(page)
	for _, p := range st.placed {
		dest := []byte(root + p.file.Name + p.fragment)
		switch n := p.node.(type) {
		case *ast.Image:
			n.Destination = dest
		case *ast.Link:
			n.Destination = dest
		}
		files = append(files, p.file)
	}
	slices.SortFunc(files, func(a, b *File) int { return strings.Compare(a.Name, b.Name) })
	return slices.CompactFunc(files, func(a, b *File) bool { return a.Name == b.Name })
}

// jpegConfig is jpeg.DecodeConfig, the width and height swapped for a
// photo whose EXIF orientation turns it a quarter (5 to 8, as a phone
// writes a photo taken upright): a browser shows it turned.
func jpegConfig(r io.Reader) (image.Config, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return image.Config{}, err
	}
	c, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if o := exifOrientation(b); err == nil && o >= 5 && o <= 8 {
		c.Width, c.Height = c.Height, c.Width
	}
	return c, err
}

// exifOrientation is the EXIF orientation of a JPEG file (1 to 8), or 1
// when it has none: the first APP1 segment before the image data, its
// TIFF header and first IFD, tag 0x0112.
func exifOrientation(b []byte) int {
	if len(b) < 2 || b[0] != 0xff || b[1] != 0xd8 {
		return 1
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return 1
		}
		marker := b[i+1]
		if marker == 0xda || marker == 0xd9 || marker == 0xff {
			return 1 // the image data, the end, or padding: no EXIF before it
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return 1
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	for k := range int(order.Uint16(t[ifd:])) {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if order.Uint16(t[e:]) == 0x0112 { // a SHORT, in the first two bytes of the value
			return int(order.Uint16(t[e+8:]))
		}
	}
	return 1
}

// readSVG reads an SVG's width and height (0 when it gives none in
// pixels) and refuses one that could run script where it is opened at its
// own address: a script or foreignObject element, an event attribute
// (onload=…), or a javascript: address anywhere. The site only ever
// shows an SVG by <img>, where none of them runs; this is the second
// guard. An internal DTD (entities) is not read: a strict decoder stops
// at an entity it does not know.
func readSVG(b []byte) (width, height int, unread, script bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, true, false
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			if el.Name.Local != "svg" {
				return 0, 0, true, false
			}
			width, height = svgSize(el.Attr)
			root = false
		}
		switch strings.ToLower(el.Name.Local) {
		case "script", "foreignobject", "handler", "listener":
			return 0, 0, false, true
		}
		for _, a := range el.Attr {
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || scriptAddress(a.Value) {
				return 0, 0, false, true
			}
		}
	}
	if root {
		return 0, 0, true, false
	}
	return width, height, false, false
}

// scriptAddress reports whether an attribute value holds a javascript:
// or vbscript: address, read as a browser reads a scheme (spaces and
// control characters dropped, any case).
func scriptAddress(v string) bool {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if c := v[i]; c > 0x20 && c != 0x7f {
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(b.String())
	return strings.Contains(s, "javascript:") || strings.Contains(s, "vbscript:")
}

// svgSize is the size an SVG's root gives in pixels: its width and
// height when both are numbers (or in px), else its viewBox's when it
// has neither; 0, 0 when it says nothing simple.
func svgSize(attrs []xml.Attr) (int, int) {
	var w, h, box string
	for _, a := range attrs {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "width":
			w = a.Value
		case "height":
			h = a.Value
		case "viewBox":
			box = a.Value
		}
	}
	if w != "" || h != "" {
		pw, ok1 := pixels(w)
		ph, ok2 := pixels(h)
		if ok1 && ok2 {
			return pw, ph
		}
		return 0, 0
	}
	f := strings.FieldsFunc(box, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) != 4 {
		return 0, 0
	}
	pw, ok1 := pixels(f[2])
	ph, ok2 := pixels(f[3])
	if ok1 && ok2 {
		return pw, ph
	}
	return 0, 0
}

// pixels reads a length in pixels ("640", "640px", "12.5"), rounded.
func pixels(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 1e6 || math.IsNaN(v) {
		return 0, false
	}
	return max(1, int(math.Round(v))), true
}
