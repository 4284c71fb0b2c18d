package render_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"sitegen/internal/address"
	"sitegen/internal/content"
	"sitegen/internal/data"
	"sitegen/internal/render"
	"sitegen/internal/search"
	"sitegen/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata/golden")

// memWriter keeps the output in memory. Like a real Writer it copies what
// it is given, and it refuses a name written twice.
type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (w *memWriter) WriteFile(name string, b []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files == nil {
		w.files = make(map[string][]byte)
	}
	if _, dup := w.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	w.files[name] = bytes.Clone(b)
	return nil
}

// pages returns the names of the written HTML pages, sorted.
func (w *memWriter) pages() []string {
	var out []string
	for name := range w.files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// siteFS reads a txtar site from testdata, with edit applied to its files.
func siteFS(t *testing.T, name string, edit func(files fstest.MapFS)) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{}
	for _, f := range a.Files {
		files[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if edit != nil {
		edit(files)
	}
	return files
}

// model loads and checks the site and joins its model.
func model(t *testing.T, fsys fs.FS) *site.Model {
	t.Helper()
	d, diags := data.Load(fsys, "")
	if diags.HasErrors() {
		t.Fatalf("data:\n%v", diags)
	}
	arts, diags := content.Load(fsys, "", d)
	if diags.HasErrors() {
		t.Fatalf("content:\n%v", diags)
	}
	return site.New(d, arts)
}

// build renders the site in fsys into memory.
func build(t *testing.T, fsys fs.FS) *memWriter {
	t.Helper()
	m := model(t, fsys)
	r, err := render.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	w := &memWriter{}
	n, err := r.Render(m, w)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(w.pages()) {
		t.Errorf("Render says %d pages, wrote %d", n, len(w.pages()))
	}
	return w
}

// TestGolden compares every page, and the downloads of the data page
// (whose bytes readers' programs depend on), with testdata/golden.
func TestGolden(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", nil))
	dir := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(dir)
	}
	names := w.pages()
	for name := range w.files {
		if strings.HasPrefix(name, "so-lieu/") && (strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".json")) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		golden := filepath.Join(dir, filepath.FromSlash(name))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, w.files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: a page without a golden file (go test -update writes it): %v", name, err)
			continue
		}
		if got := w.files[name]; !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, golden, firstDiff(got, want))
		}
	}
	// A golden page the build no longer writes is a page that went missing.
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			name := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
			if _, ok := w.files[name]; !ok {
				t.Errorf("%s: golden page not written any more", name)
			}
		}
		return nil
	})
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

func TestPages(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", nil))
	wantPages := []string{
		"404.html",
		"bai-viet/index.html",
		"bai-viet/tao-nguon/index.html",
		// The figure log: a site without git history says why it has none.
		"dinh-chinh/index.html",
		"don-vi/an-phu/index.html",
		"don-vi/in-phuc-yen/index.html",
		"don-vi/khoi-dn/index.html",
		"don-vi/prime-gach/index.html",
		"don-vi/prime-group/index.html",
		"gioi-thieu/doan-khoi/index.html",
		"index.html",
		"nam/2015/index.html",
		"nam/2016/index.html",
		"nam/2017/index.html",
		"nam/2018/index.html",
		// The years of the term target 2015–2020 have pages: each year's
		// target has its anchor.
		"nam/2019/index.html",
		"nam/2020/index.html",
		"so-lieu/index.html",
		"tim-kiem/index.html",
	}
	var got []string
	for _, p := range w.pages() {
		if !strings.HasPrefix(p, address.ChartDir) { // TestChartPages
			got = append(got, p)
		}
	}
	if !slices.Equal(got, wantPages) {
		t.Errorf("pages:\n got %q\nwant %q", got, wantPages)
	}
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", []string{
			`<html lang="vi">`,
			`<h2 id="headline-title">Số liệu năm 2018</h2>`,
			// A figure counted to a day links to its dated anchor, which
			// keeps it when the whole year's figure comes.
			`<a class="figure-link" href="don-vi/khoi-dn/index.html#admitted-2018-2018-11-15"><data value="187" class="figure dated"`,
			`>187</data> <small class="note">đến 15/11/2018</small>`,
			`>200–220</data>`,
			`id="chart-admissions-khoi-dn"`,
			`<a href="bai-viet/tao-nguon/index.html">Chú trọng tạo nguồn phát triển đảng viên</a>`,
		}},
		{"don-vi/khoi-dn/index.html", []string{
			`<td id="admitted-2017"><span class="count"><data value="200" class="figure approx" title="Nguồn: Báo Vĩnh Phúc, 02/02/2018">trên 200</data> <a class="anchor" href="#admitted-2017" aria-labelledby="anchor-label" data-cite-own=", năm 2017: trên 200. ">#</a></span></td>`,
			// How every citation of the column starts is said once, by its
			// heading, and the source by the figure's title; site.js puts
			// the link's title together.
			`<th scope="col" class="num" data-cite-start="“Kết nạp đảng viên: Đảng bộ Khối Doanh nghiệp tỉnh”">Kết nạp</th>`,
			`<td id="admitted-2010-2015"><span class="count"><data value="1071" class="figure" title="Không ghi nguồn">1.071</data>`,
			`<td id="owners-2010-2015">`,
			`<td id="members-2018"><span class="count" id="members-2018-2018-01-01"><data value="3232"`,
			`<td id="target-2018"><span class="count"><data value="200-220" class="figure" title="Không ghi nguồn">200–220</data> <a class="anchor" href="#target-2018"`,
			`<td id="members-2015"><span class="count" id="members-2015-2015-08-17"><data value="3000" class="figure approx dated" title="Không ghi nguồn">gần 3.000</data>`,
			`<td id="admitted-2016"><span class="count"><data value="8" class="figure sum">8</data> <small class="note">tổng của 3 đơn vị trực thuộc</small> <a class="anchor" href="#admitted-2016"`,
			`<td id="target-2020">`,
			`id="chart-members-khoi-dn"`,
			`id="chart-cells-khoi-dn-2017"`,
		}},
		{"don-vi/an-phu/index.html", []string{
			`<div><dt>Đơn vị kế tục</dt><dd><a href="../../don-vi/in-phuc-yen/index.html">Đảng bộ Công ty in Phúc Yên</a></dd></div>`,
			`<div><dt>Kết thúc hoạt động</dt><dd>30/06/2017</dd></div>`,
		}},
		{"don-vi/in-phuc-yen/index.html", []string{
			`<li>Chi bộ Xí nghiệp in Phúc Yên</li>`,
			// The successor's page leads back to the cell it succeeds.
			`<div><dt>Kế tục đơn vị</dt><dd><ul class="predecessors"><li><a href="../../don-vi/an-phu/index.html">Chi bộ Công ty An Phú</a></li></ul></dd></div>`,
		}},
		{"don-vi/prime-gach/index.html", []string{
			`<li><a href="../../don-vi/khoi-dn/index.html">Đảng bộ Khối Doanh nghiệp tỉnh</a></li>`,
			`<li><a href="../../don-vi/prime-group/index.html">Đảng bộ Công ty cổ phần Prime Group</a></li>`,
			`<li aria-current="page">Chi bộ Nhà máy gạch</li>`,
		}},
		{"nam/2017/index.html", []string{
			`<h1>Năm 2017</h1>`,
			`<td><a href="../../don-vi/prime-group/index.html#admitted-2017"><data value="17" class="figure" title="Không ghi nguồn">17</data></a></td>`,
			`<a href="../../gioi-thieu/doan-khoi/index.html#conversion-2017"><data value="69.8" class="figure"`,
			`>69,8%</data>`,
			`<a rel="prev" href="../../nam/2016/index.html">`,
		}},
		{"gioi-thieu/doan-khoi/index.html", []string{
			`<td id="referred-2017">`,
			`<td id="referral_admitted-2017">`,
			`<td id="conversion-2017">`,
			`id="chart-referrals-doan-khoi"`,
		}},
		{"bai-viet/tao-nguon/index.html", []string{
			`<h1>Chú trọng tạo nguồn phát triển đảng viên</h1>`,
			`<time datetime="2018-02-02">02/02/2018</time>`,
			`id="chart-admissions-khoi-dn"`,
		}},
	}
	for _, tt := range tests {
		page := string(w.files[tt.page])
		for _, want := range tt.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s does not contain\n\t%s", tt.page, want)
			}
		}
	}
	// Sub-cells in Vietnamese order: C before Đ, and "cổ" before "in".
	page := string(w.files["don-vi/khoi-dn/index.html"])
	order := []string{"Chi bộ Công ty An Phú", "Đảng bộ Công ty cổ phần Prime Group", "Đảng bộ Công ty in Phúc Yên"}
	last := -1
	for _, name := range order {
		i := strings.Index(page[strings.Index(page, `<caption>Các đơn vị trực thuộc`):], ">"+name+"<")
		if i < last {
			t.Errorf("sub-cells not in Vietnamese order: %q comes before the one above it", name)
		}
		last = i
	}
	// An article sees the data as of its date: its chart leaves out the
	// 2018 figure, counted to 15/11/2018, after the article's 02/02/2018.
	if article := w.files["bai-viet/tao-nguon/index.html"]; bytes.Contains(article, []byte(`"value":187`)) {
		t.Errorf("the article's chart shows a figure counted after the article's date")
	}
	// A draft is checked but not published.
	for name, b := range w.files {
		if bytes.Contains(b, []byte("Bản nháp")) {
			t.Errorf("%s shows the draft", name)
		}
	}
}

func TestEnglish(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
		f := files["data/site.toml"]
		f.Data = bytes.Replace(f.Data, []byte(`root = "khoi-dn"`), []byte("root = \"khoi-dn\"\nlanguage = \"en\""), 1)
	}))
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", []string{`<html lang="en">`, ">Home</a>", "Figures for 2018", ">200–220</data>", `<small class="note">as of 15 November 2018</small>`}},
		{"don-vi/khoi-dn/index.html", []string{
			">over 200</data>", ">3,232</data>", ">1,071</data>", ">nearly 3,000</data>",
			"Members admitted against target: Đảng bộ Khối Doanh nghiệp tỉnh",
			`"name":"Admitted (approximate)"`, `"title":"Save as image"`,
			"<caption>Figures of Đảng bộ Khối Doanh nghiệp tỉnh by year</caption>",
		}},
		{"nam/2017/index.html", []string{"<h1>Year 2017</h1>", ">69.8%</data>"}},
		{"404.html", []string{"Page not found"}},
	}
	for _, tt := range tests {
		page := string(w.files[tt.page])
		for _, want := range tt.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s does not contain\n\t%s", tt.page, want)
			}
		}
	}
	for _, name := range w.pages() {
		for _, vi := range []string{"Trang chủ", "Kết nạp", "Chỉ tiêu", "trên 200"} {
			if bytes.Contains(w.files[name], []byte(vi)) {
				t.Errorf("%s: Vietnamese label %q on an English site", name, vi)
			}
		}
	}
}

var linkRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
var idRE = regexp.MustCompile(`\sid="([^"]*)"`)

// TestRelativeLinks follows every link and asset of every page: each is
// relative, names a file (index.html, not a folder, so that the site also
// works opened from disk), and leads to a file the build wrote; a
// fragment leads to an id on that page.
func TestRelativeLinks(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", nil))
	ids := make(map[string][]string)
	for _, name := range w.pages() {
		for _, m := range idRE.FindAllSubmatch(w.files[name], -1) {
			ids[name] = append(ids[name], string(m[1]))
		}
	}
	for _, name := range w.pages() {
		// An article's body is written by internal/content; its links are
		// followed, but a folder link there is logged, not held against
		// the page templates.
		var body []byte
		if i := bytes.Index(w.files[name], []byte(`<div class="body">`)); i >= 0 {
			body = w.files[name][i:]
			body = body[:bytes.Index(body, []byte(`<footer class="about">`))]
		}
		for _, m := range linkRE.FindAllSubmatch(w.files[name], -1) {
			link := string(m[1])
			inBody := bytes.Contains(body, m[0])
			target, frag, _ := strings.Cut(link, "#")
			if target == "" {
				if frag != "" && !slices.Contains(ids[name], frag) {
					t.Errorf("%s: link %q: no such id on the page", name, link)
				}
				continue
			}
			if strings.Contains(target, ":") || strings.HasPrefix(target, "/") {
				t.Errorf("%s: link %q is not relative", name, link)
				continue
			}
			if strings.HasSuffix(target, "/") {
				if inBody {
					t.Logf("%s: article link %q names a folder (internal/content)", name, link)
				} else {
					t.Errorf("%s: link %q names a folder; link to its index.html", name, link)
				}
				target += "index.html"
			}
			file := path.Join(path.Dir(name), target)
			if strings.HasPrefix(file, "../") {
				t.Errorf("%s: link %q leads out of the site", name, link)
				continue
			}
			if _, ok := w.files[file]; !ok {
				t.Errorf("%s: link %q leads to %s, which was not written", name, link, file)
				continue
			}
			if frag != "" && !slices.Contains(ids[file], frag) {
				t.Errorf("%s: link %q: %s has no id %q", name, link, file, frag)
			}
		}
	}
}

// The 404 page is served at any depth: with a base_url its links are
// absolute to it, and it carries its styles inline.
func Test404(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
		f := files["data/site.toml"]
		f.Data = bytes.Replace(f.Data, []byte(`root = "khoi-dn"`), []byte("root = \"khoi-dn\"\nbase_url = \"https://intranet.example/so-lieu/\""), 1)
	}))
	page := string(w.files["404.html"])
	for _, want := range []string{`<style>`, `href="https://intranet.example/so-lieu/index.html"`, `href="https://intranet.example/so-lieu/nam/2017/index.html"`} {
		if !strings.Contains(page, want) {
			t.Errorf("404.html does not contain %s", want)
		}
	}
	if strings.Contains(page, `rel="stylesheet"`) {
		t.Errorf("404.html links a stylesheet, which a 404 served deep in the site cannot find")
	}
	if strings.Contains(page, "<script>") {
		t.Errorf("404.html with a base_url needs no script to find the top of the site")
	}
	// Only the 404 page uses base_url for its links; other pages name
	// it only as their own address, for link previews.
	home := string(w.files["index.html"])
	if strings.Contains(home, `<a href="https://intranet.example`) {
		t.Errorf("index.html has an absolute link to base_url")
	}
	if !strings.Contains(home, `<meta property="og:url" content="https://intranet.example/so-lieu/">`) {
		t.Errorf("index.html has no og:url under base_url")
	}
}

// Without a base_url the 404 page's links are relative to the top of the
// site, and a script makes the top of the site their base when the page
// is served deeper.
func Test404WithoutBaseURL(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", nil))
	page := string(w.files["404.html"])
	for _, want := range []string{`<style>`, `href="index.html"`, `href="nam/2017/index.html"`, `var folders = ["don-vi","nam","bai-viet","gioi-thieu","assets","so-lieu","du-lieu","tim-kiem","media","dinh-chinh","phien-ban","bieu-do"];`} {
		if !strings.Contains(page, want) {
			t.Errorf("404.html does not contain %s", want)
		}
	}
}

func TestAssets(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", nil))
	var hashed []string
	for name := range w.files {
		if strings.HasPrefix(name, "assets/") && !strings.HasPrefix(name, "assets/vendor/") {
			hashed = append(hashed, name)
		}
	}
	slices.Sort(hashed)
	re := regexp.MustCompile(`^assets/(echarts\.[0-9a-f]{8}\.min\.js|site\.[0-9a-f]{8}\.css|(site|search)\.[0-9a-f]{8}\.js)$`)
	if len(hashed) != 4 {
		t.Errorf("shared assets: %q; want echarts, site.css, site.js and search.js", hashed)
	}
	for _, name := range hashed {
		if !re.MatchString(name) {
			t.Errorf("asset %s has no content hash in its name", name)
		}
	}
	for _, lic := range []string{"assets/vendor/echarts/LICENSE", "assets/vendor/echarts/NOTICE"} {
		if _, ok := w.files[lic]; !ok {
			t.Errorf("%s not published beside echarts", lic)
		}
	}
	// A page without charts does not load ECharts.
	if bytes.Contains(w.files["404.html"], []byte("echarts")) {
		t.Errorf("404.html loads echarts")
	}
}

func TestDeterministic(t *testing.T) {
	a := build(t, siteFS(t, "site.txtar", nil))
	b := build(t, siteFS(t, "site.txtar", nil))
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files, then %d", len(a.files), len(b.files))
	}
	for name, x := range a.files {
		if !bytes.Equal(x, b.files[name]) {
			t.Errorf("%s differs between two builds:\n%s", name, firstDiff(x, b.files[name]))
		}
	}
}

// A cell's page lists its newest articles and counts the others by the
// years they are about, whose pages list them; an article about no year
// is always listed, as no year's page would show it.
func TestLongArticleList(t *testing.T) {
	w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
		for i := range 60 {
			years := "years = [2017]"
			if i == 0 {
				years = "" // the oldest
			}
			files[fmt.Sprintf("content/bai-%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"+++\ntitle = \"Bài %02d\"\ndate = 2018-%02d-%02d\ncells = [\"prime-group\"]\n%s\n+++\nNội dung.\n", i, 1+i/28, 1+i%28, years))}
		}
	}))
	page := string(w.files["don-vi/prime-group/index.html"])
	listed := strings.Count(page, `<li><a href="../../bai-viet/bai-`)
	// The newest 50 are tao-nguon and Bài 59 down to Bài 11.
	if listed != 50 {
		t.Errorf("%d of the generated articles listed, want Bài 59 to Bài 11, and Bài 00 about no year", listed)
	}
	for _, want := range []string{">Bài 59</a>", ">Bài 11</a>", ">Bài 00</a>", `<a href="../../nam/2017/index.html">2017</a> (10)</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("prime-group's page does not contain %s", want)
		}
	}
	if strings.Contains(page, ">Bài 10</a>") {
		t.Errorf("prime-group's page lists more than its newest articles")
	}
	if n := strings.Count(string(w.files["nam/2017/index.html"]), `<li><a href="../../bai-viet/bai-`); n != 59 {
		t.Errorf("2017's page lists %d of the 59 articles about it", n)
	}
}

// TestArticlesPage: every published article is linked from the articles
// page, which every page's navigation links, whatever it cites.
func TestArticlesPage(t *testing.T) {
	fsys := siteFS(t, "site.txtar", nil)
	m := model(t, fsys)
	w := build(t, fsys)
	page := string(w.files["bai-viet/index.html"])
	for _, a := range m.Articles {
		if !strings.Contains(page, `<a href="../bai-viet/`+a.Slug+`/index.html">`) {
			t.Errorf("the articles page does not link %s", a.Slug)
		}
	}
	if !strings.Contains(page, `<h2 id="articles-2018">2018</h2>`) {
		t.Errorf("the articles page has no heading for 2018:\n%s", page)
	}
	for _, p := range w.pages() {
		if p == "404.html" || strings.HasPrefix(p, address.ChartDir) {
			continue // no menu: the 404 page's is written by its script, a chart's own page has none
		}
		if !strings.Contains(string(w.files[p]), `bai-viet/index.html"`) {
			t.Errorf("%s does not link the articles page", p)
		}
	}
}

// TestChildrenTableLeavesClosed: a cell's table of sub-cells for a year
// has no row for a sub-cell closed before that year (as the year's page),
// and keeps one closed during it.
func TestChildrenTableLeavesClosed(t *testing.T) {
	for _, tc := range []struct {
		closed string
		listed bool
	}{
		{"2016-12-31", false},
		{"2017-01-01", true},
		{"2017-06-30", true},
	} {
		t.Run(tc.closed, func(t *testing.T) {
			w := build(t, siteFS(t, "site.txtar", func(files fstest.MapFS) {
				f := files["data/site.toml"]
				f.Data = bytes.Replace(f.Data, []byte("closed = 2017-06-30"), []byte("closed = "+tc.closed), 1)
			}))
			_, table, ok := strings.Cut(string(w.files["don-vi/khoi-dn/index.html"]), "<caption>Các đơn vị trực thuộc Đảng bộ Khối Doanh nghiệp tỉnh, năm 2017</caption>")
			if !ok {
				t.Fatal("no table of sub-cells for 2017")
			}
			table, _, _ = strings.Cut(table, "</table>")
			if got := strings.Contains(table, "Chi bộ Công ty An Phú"); got != tc.listed {
				t.Errorf("closed %s: An Phú listed in the 2017 table = %v, want %v", tc.closed, got, tc.listed)
			}
			if !strings.Contains(table, "Đảng bộ Công ty in Phúc Yên") {
				t.Error("an open sub-cell is missing")
			}
		})
	}
}

// orderWriter is a memWriter that also notes the order of the names.
type orderWriter struct {
	memWriter
	order []string
}

func (w *orderWriter) WriteFile(name string, b []byte) error {
	w.mu.Lock()
	w.order = append(w.order, name)
	w.mu.Unlock()
	return w.memWriter.WriteFile(name, b)
}

// TestFirst: the pages Options.First names are the first pages written,
// in its order, after the shared assets pages load; a name that is no
// page is passed over; the search index and the data set come after
// them, unless one of them is the search page, which names the index;
// and every file has the bytes of a Render without it. On one worker,
// so that the order written is the order made.
func TestFirst(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	fsys := siteFS(t, "site.txtar", nil)
	want := build(t, fsys)
	r, err := render.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		first       []string
		pages       []string // the first pages written
		indexBefore bool     // the search index before the first of them
	}{
		{[]string{"nam/2018/index.html", "no/such/page/index.html", "index.html"}, []string{"nam/2018/index.html", "index.html"}, false},
		{[]string{address.Search(), "index.html"}, []string{address.Search(), "index.html"}, true},
	} {
		t.Run(tc.first[0], func(t *testing.T) {
			w := &orderWriter{}
			if _, err := r.RenderWith(model(t, fsys), w, render.Options{First: tc.first}); err != nil {
				t.Fatal(err)
			}
			var pages []string
			firstPage, index, data := -1, -1, -1
			for i, name := range w.order {
				switch {
				case strings.HasSuffix(name, ".html"):
					pages = append(pages, name)
					if firstPage < 0 {
						firstPage = i
					}
				case strings.HasPrefix(name, search.Dir) && index < 0:
					index = i
				case strings.HasPrefix(name, address.DataDir) && data < 0:
					data = i
				}
			}
			if len(pages) < len(tc.pages) || !slices.Equal(pages[:len(tc.pages)], tc.pages) {
				t.Errorf("pages written first: %q, want %q", pages[:min(len(pages), len(tc.pages)+1)], tc.pages)
			}
			for _, name := range w.order[firstPage:] {
				if strings.HasPrefix(name, "assets/") {
					t.Errorf("%s written after a page", name)
				}
			}
			lastFirst := firstPage + len(tc.pages) - 1
			if got := index >= 0 && index < firstPage; got != tc.indexBefore {
				t.Errorf("search index written at %d, the first pages at %d: before them %v, want %v", index, firstPage, got, tc.indexBefore)
			}
			if index < 0 || (!tc.indexBefore && index < lastFirst) {
				t.Errorf("search index written at %d, want after the first pages (%d)", index, lastFirst)
			}
			if data < lastFirst {
				t.Errorf("data set written at %d, want after the first pages (%d)", data, lastFirst)
			}
			if len(w.files) != len(want.files) {
				t.Errorf("%d files written, %d without First", len(w.files), len(want.files))
			}
			for name, b := range want.files {
				if !bytes.Equal(w.files[name], b) {
					t.Errorf("%s differs from a Render without First", name)
				}
			}
		})
	}
}

// failIndex fails every write of the search index.
type failIndex struct{ memWriter }

var errIndexWrite = errors.New("index write refused")

func (w *failIndex) WriteFile(name string, b []byte) error {
	if strings.HasPrefix(name, search.Dir) {
		return errIndexWrite
	}
	return w.memWriter.WriteFile(name, b)
}

// TestIndexWriteFails: a search index that cannot be written fails the
// Render with the writer's own error, whether the search page asked for
// it first or it came after the pages asked for first: serve tells a
// write it stopped by its error.
func TestIndexWriteFails(t *testing.T) {
	fsys := siteFS(t, "site.txtar", nil)
	r, err := render.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, first := range [][]string{nil, {"index.html"}, {address.Search()}} {
		_, err := r.RenderWith(model(t, fsys), &failIndex{}, render.Options{First: first})
		if !errors.Is(err, errIndexWrite) {
			t.Errorf("First %q: error %v, want the writer's %v", first, err, errIndexWrite)
		}
	}
}
