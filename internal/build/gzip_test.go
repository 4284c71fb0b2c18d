package build

import (
	"bytes"
	"compress/gzip"
	"io"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildGzip: with Gzip, every page, stylesheet, script and download
// has beside it a .gz copy that unpacks to its very bytes, images have
// none, the files without Gzip are unchanged, and two builds write the
// same copies.
func TestBuildGzip(t *testing.T) {
	plainOut := filepath.Join(t.TempDir(), "public")
	mustBuild(t, sampleSite, plainOut)
	plain := readTree(t, plainOut)

	build := func() map[string]file {
		out := filepath.Join(t.TempDir(), "public")
		if _, diags, err := Build(sampleSite, out, Options{Gzip: true}); err != nil || diags.HasErrors() {
			t.Fatalf("build -gzip: %v %v", err, diags)
		}
		return readTree(t, out)
	}
	zipped := build()

	kinds := map[string]int{}
	for name, f := range plain {
		if strings.HasSuffix(name, "/") || strings.HasPrefix(name, ".sitegen/") {
			continue
		}
		if z, ok := zipped[name]; !ok || !bytes.Equal(z.data, f.data) {
			t.Errorf("%s differs with -gzip", name)
		}
		gz, ok := zipped[name+".gz"]
		switch ext := path.Ext(name); ext {
		case ".html", ".css", ".js", ".json", ".csv", ".xml", ".svg":
			if !ok {
				if len(f.data) > 200 {
					t.Errorf("%s (%d bytes) has no .gz copy", name, len(f.data))
				}
				continue
			}
			kinds[ext]++
			zr, err := gzip.NewReader(bytes.NewReader(gz.data))
			if err != nil {
				t.Fatalf("%s.gz: %v", name, err)
			}
			if zr.Name != "" || !zr.ModTime.IsZero() {
				t.Errorf("%s.gz names %q, time %v: a copy must depend on the file alone", name, zr.Name, zr.ModTime)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, f.data) {
				t.Errorf("%s.gz does not unpack to %s (%v)", name, name, err)
			}
			if len(gz.data) >= len(f.data) {
				t.Errorf("%s.gz (%d bytes) is not smaller than %s (%d)", name, len(gz.data), name, len(f.data))
			}
			if gz.mode != f.mode {
				t.Errorf("%s.gz mode %v, the page's %v", name, gz.mode, f.mode)
			}
		default:
			if ok {
				t.Errorf("%s has a .gz copy; only text files get one", name)
			}
		}
	}
	for _, ext := range []string{".html", ".css", ".js", ".json", ".csv", ".xml", ".svg"} {
		if kinds[ext] == 0 {
			t.Errorf("no %s file got a .gz copy", ext)
		}
	}
	for name := range zipped {
		if _, ok := plain[name]; !ok && !strings.HasSuffix(name, ".gz") && name != ".sitegen/manifest" {
			t.Errorf("-gzip wrote %s, which is neither a file of the build nor a copy", name)
		}
	}
	if d := diffTrees(zipped, build()); len(d) > 0 {
		t.Errorf("two builds with -gzip differ:\n%s", strings.Join(d, "\n"))
	}
}
