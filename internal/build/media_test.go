package build

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/diag"
	"sitegen/internal/sitefs/sitefstest"
)

// The images and PDFs articles name by a relative path are copied into
// the built site; each <img> and link leads to the copy.

// mediaArticles are two articles and a draft of smallSite that show and
// link to files of content/: one image both use, from two folders.
const mediaArticles = `
-- content/2018/ket-qua.md --
+++
title = "Kết quả năm 2017"
date = 2018-02-02
+++
![Kết nạp năm 2017](anh/ket-nap.png)

![Sơ đồ tổ chức](anh/so-do.svg)

Xem [báo cáo](tai-lieu/bao-cao.pdf#page=2) và [ảnh lớn](anh/ket-nap.png).
-- content/khac.md --
+++
title = "Bài khác"
date = 2018-03-01
+++
![Kết nạp năm 2017, lần nữa](2018/anh/ket-nap.png)
-- content/nhap.md --
+++
title = "Bản nháp"
date = 2018-03-02
draft = true
+++
![Ảnh của bản nháp](anh/nhap.png)
-- content/2018/anh/so-do.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><rect width="300" height="200" fill="#1f5fa8"/></svg>
-- content/2018/tai-lieu/bao-cao.pdf --
%PDF-1.4
%%EOF
`

// pngFile is a PNG image of w×h pixels.
func pngFile(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mediaSite writes smallSite with mediaArticles and their PNG images.
func mediaSite(t *testing.T) string {
	t.Helper()
	src := writeTxtar(t, smallSite+mediaArticles)
	writeFile(t, src, "content/2018/anh/ket-nap.png", pngFile(t, 64, 48))
	writeFile(t, src, "content/anh/nhap.png", pngFile(t, 8, 8))
	return src
}

func writeFile(t testing.TB, dir, name string, b []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBuildCopiesFiles: every <img src> and link into media/ of an
// article's page is a file of the output with the bytes of the file it
// names in content/; a file two articles use is written once; a draft's
// is not written; every link lands; the image has its width and height.
func TestBuildCopiesFiles(t *testing.T) {
	src := mediaSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	tree := readTree(t, out)

	linked := map[string]bool{}  // the output files a page leads to
	sizes := map[string]string{} // image → "width×height"
	for _, page := range []string{"bai-viet/ket-qua/index.html", "bai-viet/khac/index.html"} {
		for _, e := range elements(tree[page].data) {
			key := map[string]string{"img": "src", "a": "href"}[e.tag]
			v, _ := e.attr(key)
			if !strings.Contains(v, "media/") {
				continue
			}
			v, _, _ = strings.Cut(v, "#")
			name := path.Join(path.Dir(page), v)
			if _, ok := tree[name]; !ok {
				t.Errorf("%s: <%s %s=%q>: no file %s in the output", page, e.tag, key, v, name)
				continue
			}
			if e.tag == "img" {
				w, _ := e.attr("width")
				h, _ := e.attr("height")
				sizes[name] = w + "×" + h
			}
			linked[name] = true
		}
	}
	want := map[string]string{
		"content/2018/anh/ket-nap.png":      "64×48",
		"content/2018/anh/so-do.svg":        "300×200",
		"content/2018/tai-lieu/bao-cao.pdf": "",
	}
	var media []string
	for name := range tree {
		if strings.HasPrefix(name, "media/") && !strings.HasSuffix(name, "/") {
			media = append(media, name)
		}
	}
	slices.Sort(media)
	if len(media) != len(want) {
		t.Errorf("media/ holds %v; want one file for each of %d files used by published articles", media, len(want))
	}
	for file, size := range want {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, name := range media {
			if bytes.Equal(tree[name].data, b) {
				found = true
				if !linked[name] {
					t.Errorf("%s is written but no page leads to it", name)
				}
				if size != "" && sizes[name] != size {
					t.Errorf("<img> of %s has size %q, want %q", name, sizes[name], size)
				}
			}
		}
		if !found {
			t.Errorf("no file of media/ holds the bytes of %s", file)
		}
	}
	for _, p := range linkProblems(tree, "https://intranet.example/so-lieu/") {
		t.Error(p)
	}

	// Same input, same bytes.
	again := filepath.Join(t.TempDir(), "www", "public")
	mustBuild(t, src, again)
	if d := diffTrees(tree, readTree(t, again)); len(d) > 0 {
		t.Errorf("two builds differ:\n%s", strings.Join(d, "\n"))
	}
}

// TestFailedBuildWritesNoFiles: an article naming a file that is not
// there, or one that leads out of content/, stops the build at the
// image's line and column, and nothing is written.
func TestFailedBuildWritesNoFiles(t *testing.T) {
	src := mediaSite(t)
	out := filepath.Join(src, "public")
	mustBuild(t, src, out)
	before := readTree(t, out)

	writeFile(t, src, "content/2018/ket-qua.md", []byte("+++\ntitle = \"Kết quả năm 2017\"\ndate = 2018-02-02\n+++\n"+
		"![Kết nạp năm 2017](anh/ket-nap.png)\n\nẢnh mới: ![Biểu đồ](anh/bieu-do.png) ![Mật khẩu](../../../etc/passwd.png)\n"))
	_, diags, err := Build(src, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := contentSaid(diags)
	want := []string{
		"content/2018/ket-qua.md:7:10: không có tệp content/2018/anh/bieu-do.png; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/2018/)",
		`content/2018/ket-qua.md:7:38: đường dẫn "../../../etc/passwd.png" ra ngoài thư mục content/; ảnh và tệp của bài phải nằm trong content/: chép tệp vào đó, rồi ghi đường dẫn tính từ thư mục của bài, ví dụ anh/bieu-do.png`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("the build said\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := diffTrees(before, readTree(t, out)); len(d) > 0 {
		t.Errorf("the failed build changed the output:\n%s", strings.Join(d, "\n"))
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, diags, _ := Build(src, fresh, Options{}); !diags.HasErrors() {
		t.Fatal("no error")
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote %s (%v)", fresh, err)
	}
}

// TestBuildFileSizes: a file over 5 MB is published with a warning; one
// over the limit of content/ (10 MB) is an error at the image's place.
func TestBuildFileSizes(t *testing.T) {
	src := writeTxtar(t, smallSite+`
-- content/a.md --
+++
title = "Ảnh lớn"
date = 2018-02-02
+++
![Ảnh lớn](lon.png)

![Ảnh quá lớn](qua-lon.png)
`)
	writeFile(t, src, "content/lon.png", append(pngFile(t, 4, 4), make([]byte, 5<<20)...))
	writeFile(t, src, "content/qua-lon.png", pngFile(t, 4, 4))
	out := filepath.Join(t.TempDir(), "public")
	res, diags, err := Build(src, out, Options{})
	if err != nil || diags.HasErrors() || len(contentSaid(diags)) != 1 || res.Pages == 0 {
		t.Fatalf("a file over 5 MB: %v %v; want one warning, and the site built", diags, err)
	}
	if media, _ := filepath.Glob(filepath.Join(out, "media", "lon.*.png")); len(media) != 1 {
		t.Errorf("the large image is not published: %v", media)
	}
	sitefstest.Sparse(t, filepath.Join(src, "content", "qua-lon.png"), 10<<20+1)
	_, diags, err = Build(src, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := contentSaid(diags)
	want := []string{
		"content/a.md:5:1: cảnh báo: tệp content/lon.png lớn hơn 5 MB; người đọc trên điện thoại phải chờ lâu: thu nhỏ ảnh (rộng 2000 điểm ảnh là đủ) hoặc lưu với chất lượng thấp hơn",
		"content/a.md:7:1: content/qua-lon.png: tệp lớn hơn 10 MB, giới hạn cho một tệp trong content/; người đọc trên điện thoại phải chờ lâu: thu nhỏ ảnh (rộng 2000 điểm ảnh là đủ) hoặc lưu với chất lượng thấp hơn",
	}
	if !slices.Equal(got, want) {
		t.Errorf("the build said\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// contentSaid is what a build says of content/ (smallSite's data has
// warnings of its own).
func contentSaid(diags diag.List) []string {
	var out []string
	for _, d := range diags {
		if strings.HasPrefix(d.Path, "content/") {
			out = append(out, d.Error())
		}
	}
	return out
}
