package publish

import (
	"bytes"
	"compress/gzip"
	"path"
	"sync"
)

// FileWriter is what the pages and files of a site are handed to: a Tx,
// or the memory of serve.
type FileWriter interface {
	WriteFile(name string, data []byte) error
}

// Gzipped writes every file to w and, beside each text file that gzip
// makes smaller, its compressed copy name+".gz": nginx's gzip_static
// then sends that copy to a browser that accepts gzip instead of
// compressing the page again for every reader. The copies are made as
// the files come, on the renderer's workers, and their bytes depend on
// the file alone (no name, no time in the gzip header), so two builds of
// the same site write the same copies.
func Gzipped(w FileWriter) FileWriter { return &gzipWriter{w: w, z: &Compressor{Level: GzipLevel}} }

type gzipWriter struct {
	w FileWriter
	z *Compressor
}

// Compressor gzips the text files of a site (see Compressible), at
// Level, with no name or time in the header, so that the same bytes give
// the same copy. It is safe for concurrent use.
type Compressor struct {
	Level int       // as gzip.NewWriterLevel's
	pool  sync.Pool // *gzipBuf: a gzip.Writer is large, and thousands of files are compressed
}

type gzipBuf struct {
	buf bytes.Buffer
	zw  *gzip.Writer
}

// Compressible reports whether the output file name is one that gzip
// makes smaller: text.
func Compressible(name string) bool { return compressible[path.Ext(name)] }

// compressible are the output files that are text: the pages, their
// stylesheet and scripts, the downloads and the feeds. Images and the
// files articles link to (PDF, spreadsheets) are compressed already.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".csv": true,
	".xml": true, ".txt": true, ".svg": true,
}

// GzipLevel is the compression of the .gz copies: gzip's own default;
// the best compression costs far more time for a few bytes a page.
const GzipLevel = gzip.DefaultCompression

func (g *gzipWriter) WriteFile(name string, data []byte) error {
	if err := g.w.WriteFile(name, data); err != nil {
		return err
	}
	if !Compressible(name) {
		return nil
	}
	return g.z.Compress(data, func(gz []byte) error {
		if len(gz) >= len(data) {
			return nil // a file too small to gain: the server sends it as it is
		}
		return g.w.WriteFile(name+".gz", gz)
	})
}

// Compress hands use the gzip-compressed data; use must not keep the
// bytes after it returns (they are reused), and what it returns is
// Compress's.
func (c *Compressor) Compress(data []byte, use func(gz []byte) error) error {
	z, _ := c.pool.Get().(*gzipBuf)
	if z == nil {
		z = new(gzipBuf)
		var err error
		if z.zw, err = gzip.NewWriterLevel(&z.buf, c.Level); err != nil {
			return err
		}
	}
	defer c.pool.Put(z)
	z.buf.Reset()
	z.zw.Reset(&z.buf)
	if _, err := z.zw.Write(data); err != nil {
		return err
	}
	if err := z.zw.Close(); err != nil {
		return err
	}
	return use(z.buf.Bytes())
}
