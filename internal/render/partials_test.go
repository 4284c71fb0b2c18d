package render_test

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/templates"
)

// TestOverrideFigure: a site that overrides the "figure" partial changes
// every figure on every kind of page: the tables of a cell's, a year's
// and a referrer's page, the home page's headline, the tables beside
// charts, and the figures an article cites in its text. Nothing writes a
// figure another way.
func TestOverrideFigure(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
		files["templates/partials/figure.html"] = &fstest.MapFile{Data: []byte(
			`{{define "figure"}}<b class="own-figure" data-value="{{.Value}}">{{.Text}}</b>{{end}}`)}
	}))
	for _, page := range []string{"index.html", "nam/2017/index.html", "don-vi/khoi-dn/index.html",
		"gioi-thieu/doan-khoi/index.html", "bai-viet/tao-nguon/index.html"} {
		src := string(w.files[page])
		if !strings.Contains(src, `class="own-figure"`) {
			t.Errorf("%s: no figure written by the site's figure.html", page)
		}
		if strings.Contains(src, `<data value=`) {
			t.Errorf("%s: a figure is still written by the built-in markup", page)
		}
	}
}

// TestOverrideEveryPartial: each partial is a file of its own that a
// site overrides alone: its own version of any one of them shows on the
// pages that use it, and the others stay built in.
func TestOverrideEveryPartial(t *testing.T) {
	files, err := fs.Glob(templates.FS, "partials/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no partials: %v", err)
	}
	define := regexp.MustCompile(`\{\{define "([a-z-]+)"`)
	for _, file := range files {
		b, _ := fs.ReadFile(templates.FS, file)
		// The site's version of the file: each template it defines writes
		// the built-in one's output with a mark before it.
		src := string(b)
		var marked []string
		for _, m := range define.FindAllStringSubmatch(src, -1) {
			marked = append(marked, m[1])
		}
		own := define.ReplaceAllString(src, `{{define "$1"}}<i class="own-$1"></i>`)
		w := build(t, siteFS(t, "site.txtar", func(fsys fstest.MapFS) {
			fsys["templates/"+file] = &fstest.MapFile{Data: []byte(own)}
		}))
		for _, name := range marked {
			found := false
			for _, page := range w.pages() {
				if strings.Contains(string(w.files[page]), `<i class="own-`+name+`"></i>`) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: the site's %q shows on no page", path.Base(file), name)
			}
		}
	}
}
