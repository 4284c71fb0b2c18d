package render_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/render"
)

// A site's own templates/<path> wins over the built-in file of that path,
// file by file; the other files stay the built-in ones.
func TestOverride(t *testing.T) {
	fsys := siteFS(t, "site.txtar", func(files fstest.MapFS) {
		files["templates/home.html"] = &fstest.MapFile{Data: []byte(
			`{{template "layout" .}}{{define "title"}}Riêng{{end}}{{define "main"}}<p class="own">Trang chủ của đơn vị: {{.Site.Root.Name}}</p>{{end}}`)}
		files["templates/assets/site.css"] = &fstest.MapFile{Data: []byte("body { color: #000; } /* own */\n")}
	})
	w := build(t, fsys)
	home := string(w.files["index.html"])
	if !strings.Contains(home, `<p class="own">Trang chủ của đơn vị: Đảng bộ Khối Doanh nghiệp tỉnh</p>`) {
		t.Errorf("index.html does not use the site's templates/home.html:\n%s", home)
	}
	if !strings.Contains(string(w.files["don-vi/khoi-dn/index.html"]), `<table class="figures">`) {
		t.Errorf("a cell's page lost the built-in cell.html")
	}
	var css string
	for name, b := range w.files {
		if strings.HasPrefix(name, "assets/site.") && strings.HasSuffix(name, ".css") {
			css = string(b)
			if !strings.Contains(home, `href="`+name+`"`) {
				t.Errorf("index.html does not link the site's stylesheet %s", name)
			}
		}
	}
	if !strings.Contains(css, "/* own */") {
		t.Errorf("the site's templates/assets/site.css was not published: %q", css)
	}
}

// A site overrides the data page's table alone, with partials/data-table.html;
// the rest of the data page stays the built-in data.html.
func TestOverrideDataTable(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
		files["templates/partials/data-table.html"] = &fstest.MapFile{Data: []byte(
			`{{define "data-table"}}<table class="own"><caption>{{.Caption}}</caption><tr>{{range .Heads}}<th title="{{.Name}}">{{.Label}}</th>{{end}}</tr>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>{{end}}`)}
	}))
	page := string(w.files["so-lieu/index.html"])
	for _, want := range []string{
		`<table class="own"><caption>Kết nạp đảng viên</caption><tr><th title="cell">Mã đơn vị</th>`,
		`<th title="admitted_approx">Kết nạp (mức gần đúng)</th>`,
		`<td>200</td><td>trên</td>`,
		`<summary>Các cột của Kết nạp đảng viên</summary>`, // data.html, built in
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the data page does not contain\n\t%s", want)
		}
	}
	if strings.Contains(page, `<table class="data-table">`) {
		t.Errorf("the data page still uses the built-in data-table.html")
	}
}

// feed.xml, sitemap.xml and robots.txt are overridden as the pages are,
// file by file: each override changes its own file only.
func TestOverrideFeeds(t *testing.T) {
	withBase := func(files fstest.MapFS) {
		f := files["data/site.toml"]
		f.Data = bytes.Replace(f.Data, []byte(`root = "khoi-dn"`), []byte("root = \"khoi-dn\"\nbase_url = \"https://so-lieu.example.vn/\""), 1)
	}
	builtIn := build(t, siteFS(t, "site.txtar", withBase))
	tests := []struct {
		file, src, want string
	}{
		{"feed.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">{{range .Entries}}<entry><title>{{xml .Title}}</title></entry>{{end}}</feed>\n",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Chú trọng tạo nguồn phát triển đảng viên</title></entry></feed>\n"},
		{"sitemap.xml", "{{range .URLs}}{{xml .}}\n{{end}}",
			"https://so-lieu.example.vn/\nhttps://so-lieu.example.vn/bai-viet/\nhttps://so-lieu.example.vn/bai-viet/tao-nguon/\nhttps://so-lieu.example.vn/dinh-chinh/\nhttps://so-lieu.example.vn/don-vi/an-phu/\n"},
		{"robots.txt", "User-agent: *\nDisallow: /so-lieu/\n{{with .Sitemap}}Sitemap: {{.}}\n{{end}}",
			"User-agent: *\nDisallow: /so-lieu/\nSitemap: https://so-lieu.example.vn/sitemap.xml\n"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
				withBase(files)
				files["templates/"+tt.file] = &fstest.MapFile{Data: []byte(tt.src)}
			}))
			for _, tt2 := range tests {
				got, want := string(w.files[tt2.file]), string(builtIn.files[tt2.file])
				switch {
				case tt2.file != tt.file && got != want:
					t.Errorf("%s is not the built-in one any more:\n%s", tt2.file, got)
				case tt2.file == tt.file && got == want:
					t.Errorf("%s is still the built-in one", tt.file)
				case tt2.file == tt.file && !strings.HasPrefix(got, tt.want):
					t.Errorf("%s from the site's template:\n%s\nwant it to start\n%s", tt.file, got, tt.want)
				}
			}
		})
	}
}

// A broken template names its file and line, whether the mistake is in
// its syntax (found by New) or in what it asks of the page (found when
// the page is rendered, with the column too).
func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		atRender        bool
		want            string
	}{
		{"syntax", "templates/cell.html", "{{template \"layout\" .}}\n{{define \"title\"}}x{{end}}\n{{define \"main\"}}\n<p>{{.Cell.Name</p>\n{{end}}\n",
			false, "templates/cell.html:4: "},
		{"no such field", "templates/cell.html", "{{template \"layout\" .}}\n{{define \"title\"}}x{{end}}\n{{define \"main\"}}\n<p>{{.Cell.Nom}}</p>\n{{end}}\n",
			true, "templates/cell.html:4:10: executing"},
		{"shared file", "templates/partials/figure.html", "{{define \"figure\"}}\n{{if}}\n{{end}}\n",
			false, "templates/partials/figure.html:2: "},
		{"data table", "templates/partials/data-table.html", "{{define \"data-table\"}}\n<p>{{.Rows.Nom}}</p>\n{{end}}\n",
			true, "templates/partials/data-table.html:2:"},
		{"unquoted attribute", "templates/year.html", "{{template \"layout\" .}}\n{{define \"title\"}}x{{end}}\n{{define \"main\"}}\n<a href={{.Year}}x>y</a>\n<a title={{.Year}}\n{{end}}\n",
			false, "templates/year.html:"},
		{"feed syntax", "templates/feed.xml", "<feed>\n{{range .Entries}}\n{{if}}\n{{end}}\n</feed>\n",
			false, "templates/feed.xml:3: "},
		{"feed field", "templates/feed.xml", "<feed>\n<title>{{xml .Titel}}</title>\n</feed>\n",
			true, "templates/feed.xml:2:"},
		{"sitemap syntax", "templates/sitemap.xml", "<urlset>\n{{range .URLs}}\n<loc>{{xml .}</loc>\n{{end}}\n</urlset>\n",
			false, "templates/sitemap.xml:3: "},
		{"robots function", "templates/robots.txt", "User-agent: *\nAllow: /\n{{urlquery .Sitemap | escape}}\n",
			false, "templates/robots.txt:3: "},
		{"missing definition", "templates/home.html", "{{template \"layout\" .}}\n{{define \"title\"}}x{{end}}\n",
			false, `no such template "main" (templates/home.html)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := siteFS(t, "site.txtar", func(files fstest.MapFS) {
				files[tt.file] = &fstest.MapFile{Data: []byte(tt.src)}
			})
			r, err := render.New(fsys)
			if !tt.atRender {
				if err == nil {
					t.Fatalf("New accepted the broken %s", tt.file)
				}
				if !strings.Contains(err.Error(), tt.want) || strings.HasPrefix(err.Error(), "template:") || strings.HasPrefix(err.Error(), "html/template") {
					t.Errorf("New: %v\nwant an error that reads %q…", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			_, err = r.Render(model(t, fsys), &memWriter{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Render: %v\nwant an error that starts %q", err, tt.want)
			}
		})
	}
}
