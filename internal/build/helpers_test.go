package build

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// sampleSite is the sample site at the top of the repository.
const sampleSite = "../.."

// writeTxtar writes a txtar archive of a site into a new folder and
// returns it.
func writeTxtar(t testing.TB, archive string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// copySite copies the parts of a site folder a build reads (data/,
// content/, templates/) into a new folder, so a test may change them.
func copySite(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	for _, top := range []string{"data", "content", "templates"} {
		root := filepath.Join(src, top)
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out := filepath.Join(dst, rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			return os.WriteFile(out, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// mustBuild builds src into out and fails the test on any error.
func mustBuild(t testing.TB, src, out string) Result {
	t.Helper()
	res, diags, err := Build(src, out, Options{})
	if diags.HasErrors() {
		t.Fatalf("build of %s has errors:\n%v", src, diags.Errors())
	}
	if err != nil {
		t.Fatalf("build of %s: %v", src, err)
	}
	return res
}

// file is one output file, for comparing whole outputs.
type file struct {
	mode fs.FileMode
	data []byte
}

// readTree reads every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string]file {
	t.Helper()
	out := make(map[string]file)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = file{mode: info.Mode()}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = file{mode: info.Mode(), data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffTrees names the files that differ between two outputs.
func diffTrees(a, b map[string]file) []string {
	var diff []string
	for name, fa := range a {
		fb, ok := b[name]
		switch {
		case !ok:
			diff = append(diff, name+" only in the first")
		case fa.mode != fb.mode:
			diff = append(diff, name+": modes "+fa.mode.String()+" and "+fb.mode.String())
		case !bytes.Equal(fa.data, fb.data):
			diff = append(diff, name+": contents differ"+firstDifference(fa.data, fb.data))
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diff = append(diff, name+" only in the second")
		}
	}
	slices.Sort(diff)
	return diff
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-40)
	return " at byte " + strconv.Itoa(i) + ": …" + string(a[from:min(len(a), i+40)]) + "… vs …" + string(b[from:min(len(b), i+40)]) + "…"
}

// pageText is what a reader sees of an HTML page: its text, with tags
// removed, entities decoded and white space collapsed, so that a test may
// look for "trên 200" whatever markup the template puts around the
// figure. Scripts and styles are left out.
func pageText(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			if n := string(name); n == "script" || n == "style" {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken {
					skip--
				}
			}
			if !inline[string(name)] {
				b.WriteByte(' ')
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// inline elements do not break the text: "<a>200–220</a>." reads "200–220.".
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"data": true, "del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true,
	"mark": true, "q": true, "s": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "time": true, "u": true, "var": true,
}

// element is one start tag of a page, with its attributes and, for a
// script, its text.
type element struct {
	tag   string
	attrs []html.Attribute
	text  string // script elements only
}

func (e element) attr(key string) (string, bool) {
	for _, a := range e.attrs {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// elements tokenizes an HTML page as a browser would and returns its
// start tags in order.
func elements(page []byte) []element {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out []element
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			out = append(out, element{tag: t.Data, attrs: t.Attr})
		case html.TextToken:
			if n := len(out); n > 0 && out[n-1].tag == "script" {
				out[n-1].text += string(z.Text())
			}
		}
	}
}

// htmlFiles lists the .html files of an output tree.
func htmlFiles(tree map[string]file) []string {
	var names []string
	for name := range tree {
		if path.Ext(name) == ".html" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
