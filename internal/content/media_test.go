package content

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/address"
	"sitegen/internal/diag"
)

// The images and files an article names by a relative path are files of
// content/, found from the article's folder, copied into the site under
// address.Media, and the article's image or link leads to the copy.

// loadFiles loads the test site with the articles of the txtar archive
// articles and the files of files, which may be binary.
func loadFiles(t *testing.T, lang, articles string, files map[string][]byte) ([]*Article, diag.List) {
	t.Helper()
	base := testSite(t, lang, articles)
	m := fstest.MapFS{}
	err := fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		m[name] = &fstest.MapFile{Data: b}
	}
	return Load(m, "", loadData(t, m))
}

func pngOf(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifOf(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// turned is a JPEG of w×h pixels whose EXIF orientation (6) says to
// show it turned a quarter, as a phone writes a photo taken upright.
func turned(t *testing.T, w, h int) []byte {
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08" + // TIFF header, big-endian, IFD at 8
		"\x00\x01" + "\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00" + "\x00\x00\x00\x00") // one entry: orientation 6
	app1 := append([]byte{0xff, 0xe1, 0, byte(len(exif) + 2)}, exif...)
	b := jpegOf(t, w, h)
	return append(append(append([]byte{}, b[:2]...), app1...), b[2:]...)
}

// webp1x1 is a lossless WebP image of one pixel (Go has no WebP encoder).
func webp1x1(t *testing.T) []byte {
	b, err := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const pdf = "%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// TestImageCopied: an image in a folder beside the article is copied under
// its content's name, and the page's <img> leads to the copy, with the
// image's width and height.
func TestImageCopied(t *testing.T) {
	img := pngOf(t, 64, 48)
	arts, diags := loadFiles(t, "vi", "-- content/2018/bai.md --\n"+head+"![Biểu đồ kết nạp](anh/bieu-do.png)\n",
		map[string][]byte{"content/2018/anh/bieu-do.png": img})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	name := address.Media("bieu-do", ".png", img)
	if len(arts[0].Files) != 1 || arts[0].Files[0].Name != name || !bytes.Equal(arts[0].Files[0].Bytes, img) {
		t.Fatalf("files %+v, want one, %s, with the image's bytes", arts[0].Files, name)
	}
	want := `<p><img src="../../` + name + `" alt="Biểu đồ kết nạp" width="64" height="48"></p>` + "\n"
	if got := body(arts[0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestImageSize: width and height come from the file, for every kind of
// image; an SVG's when it says them simply, else none.
func TestImageSize(t *testing.T) {
	svg := func(attrs string) []byte {
		return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg" ` + attrs + `><circle r="5"/></svg>`)
	}
	tests := []struct {
		name string
		file []byte
		want string // the attributes after alt
	}{
		{"a.png", pngOf(t, 3, 2), ` width="3" height="2"`},
		{"a.jpg", jpegOf(t, 5, 4), ` width="5" height="4"`},
		{"a.JPEG", jpegOf(t, 6, 4), ` width="6" height="4"`},
		{"turned.jpg", turned(t, 6, 4), ` width="4" height="6"`},
		{"a.gif", gifOf(t, 7, 1), ` width="7" height="1"`},
		{"a.webp", webp1x1(t), ` width="1" height="1"`},
		{"a.svg", svg(`width="640" height="480"`), ` width="640" height="480"`},
		{"b.svg", svg(`width="640px" height="480.4px" viewBox="0 0 10 10"`), ` width="640" height="480"`},
		{"c.svg", svg(`viewBox="0 0 320,240"`), ` width="320" height="240"`},
		{"d.svg", svg(`width="100%" height="100%" viewBox="0 0 320 240"`), ``},
		{"e.svg", svg(`width="20em" height="10em"`), ``},
		{"f.svg", svg(`width="640"`), ``},
		{"g.svg", svg(``), ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, diags := loadFiles(t, "vi", "-- content/a.md --\n"+head+"![ảnh]("+tt.name+")\n", map[string][]byte{"content/" + tt.name: tt.file})
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			dot := strings.LastIndexByte(tt.name, '.')
			name := address.Media(tt.name[:dot], tt.name[dot:], tt.file)
			want := `<p><img src="../../` + name + `" alt="ảnh"` + tt.want + `></p>` + "\n"
			if got := body(arts[0]); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestFileLinks: a link to a PDF or an image is a file of content/ too,
// copied, its #fragment kept; a link to anything else (a page of the
// site) is left as written, relative to the page.
func TestFileLinks(t *testing.T) {
	img := pngOf(t, 2, 2)
	src := head + "[Báo cáo](tai-lieu/Báo%20cáo%202018.pdf#page=2), [ảnh lớn](<anh/bieu do.png>), " +
		"[năm 2017](../../nam/2017/index.html), [tham chiếu][r]\n\n[r]: tai-lieu/Báo%20cáo%202018.pdf\n"
	arts, diags := loadFiles(t, "vi", "-- content/a.md --\n"+src, map[string][]byte{
		"content/tai-lieu/Báo cáo 2018.pdf": []byte(pdf),
		"content/anh/bieu do.png":           img,
	})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	report := address.Media("bao-cao-2018", ".pdf", []byte(pdf))
	big := address.Media("bieu-do", ".png", img)
	want := `<p><a href="../../` + report + `#page=2">Báo cáo</a>, <a href="../../` + big + `">ảnh lớn</a>, ` +
		`<a href="../../nam/2017/index.html">năm 2017</a>, <a href="../../` + report + `">tham chiếu</a></p>` + "\n"
	if got := body(arts[0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(arts[0].Files) != 2 || arts[0].Files[0].Name != report || arts[0].Files[1].Name != big {
		var names []string
		for _, f := range arts[0].Files {
			names = append(names, f.Name)
		}
		t.Errorf("files %v, want %s and %s, each once, sorted", names, report, big)
	}
}

// TestFileShared: one file used by two articles, from different folders,
// is one File; the same name of other bytes is another.
func TestFileShared(t *testing.T) {
	a, b := pngOf(t, 4, 4), pngOf(t, 5, 5)
	arts, diags := loadFiles(t, "vi", "-- content/a.md --\n"+head+"![a](anh/x.png)\n"+
		"-- content/2018/b.md --\n"+head+"![b](../anh/x.png) ![c](anh/x.png)\n",
		map[string][]byte{"content/anh/x.png": a, "content/2018/anh/x.png": b})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(arts) != 2 || len(arts[0].Files) != 1 || len(arts[1].Files) != 2 {
		t.Fatalf("articles %d, files %d and %d; want 2 articles of 1 and 2 files", len(arts), len(arts[0].Files), len(arts[1].Files))
	}
	byPath := map[string]*Article{arts[0].Path: arts[0], arts[1].Path: arts[1]}
	fa, fb := byPath["content/a.md"].Files, byPath["content/2018/b.md"].Files
	shared := address.Media("x", ".png", a)
	var got *File
	for _, f := range fb {
		if f.Name == shared {
			got = f
		}
	}
	if got == nil || got != fa[0] {
		t.Errorf("the file both use is not one File: %+v and %+v", fa, fb)
	}
	if fb[0].Name == fb[1].Name {
		t.Errorf("two files of other bytes have one name: %s", fb[0].Name)
	}
}

// TestFileProblems: every message about an image or a file, at the
// image's or the link's place.
func TestFileProblems(t *testing.T) {
	files := map[string][]byte{
		"content/anh/a.png":       pngOf(t, 2, 2),
		"content/anh/text.png":    []byte("not a PNG"),
		"content/anh/a.bmp":       []byte("BM"),
		"content/anh/bao-cao.pdf": []byte(pdf),
		"content/anh/not.pdf":     []byte("<html>"),
		"content/anh/large.png":   append(pngOf(t, 2, 2), make([]byte, LargeFile)...),
		"content/anh/script.svg":  []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"content/anh/onload.svg":  []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
		"content/anh/href.svg":    []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href=" java&#x09;script:alert(1)"><text>x</text></a></svg>`),
		"content/anh/set.svg":     []byte(`<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`),
		"content/anh/foreign.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`),
		"content/anh/entity.svg":  []byte(`<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`),
		"content/anh/html.svg":    []byte(`<html><body>x</body></html>`),
		"content/anh/a.svg":       []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`),
		"content/anh/folder/x":    []byte("x"),
	}
	tests := []struct {
		name, lang, src string
		errs            []string
	}{
		{name: "missing", src: "Ảnh: ![biểu đồ](anh/khong-co.png)\n",
			errs: []string{`content/a.md:5:6: không có tệp content/anh/khong-co.png; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/)`}},
		{name: "missing, en", lang: "en", src: "See ![chart](anh/none.png)\n",
			errs: []string{`content/a.md:5:5: there is no file content/anh/none.png; put the file there, or correct the path: it is relative to the article's folder (content/)`}},
		{name: "missing, column in characters", src: "Đảng bộ [báo cáo](tai-lieu/khong-co.pdf)\n",
			errs: []string{`content/a.md:5:9: không có tệp content/tai-lieu/khong-co.pdf; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/)`}},
		{name: "a folder", src: "![ảnh](anh/folder.png)\n\n![ảnh](anh/folder/x.png)\n",
			errs: []string{
				`content/a.md:5:1: không có tệp content/anh/folder.png; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/)`,
				`content/a.md:7:1: không có tệp content/anh/folder/x.png; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/)`,
			}},
		{name: "out of content/", src: "![a](../../etc/passwd.png) ![b](/etc/a.png) ![c](%2e%2e/data/a.png) [d](../secret.pdf)\n",
			errs: []string{
				`content/a.md:5:1: đường dẫn "../../etc/passwd.png" ra ngoài thư mục content/; ảnh và tệp của bài phải nằm trong content/: chép tệp vào đó, rồi ghi đường dẫn tính từ thư mục của bài, ví dụ anh/bieu-do.png`,
				`content/a.md:5:28: đường dẫn "/etc/a.png" ra ngoài thư mục content/; ảnh và tệp của bài phải nằm trong content/: chép tệp vào đó, rồi ghi đường dẫn tính từ thư mục của bài, ví dụ anh/bieu-do.png`,
				`content/a.md:5:45: đường dẫn "%2e%2e/data/a.png" ra ngoài thư mục content/; ảnh và tệp của bài phải nằm trong content/: chép tệp vào đó, rồi ghi đường dẫn tính từ thư mục của bài, ví dụ anh/bieu-do.png`,
				`content/a.md:5:69: đường dẫn "../secret.pdf" ra ngoài thư mục content/; ảnh và tệp của bài phải nằm trong content/: chép tệp vào đó, rồi ghi đường dẫn tính từ thư mục của bài, ví dụ anh/bieu-do.png`,
			}},
		{name: "from another host", src: "![ảnh](//example.vn/a.png)\n",
			errs: []string{`content/a.md:5:1: ảnh "//example.vn/a.png" không nằm trong site; site phải xem được khi không có mạng: dùng ảnh trong site với đường dẫn tương đối`}},
		{name: "not an image", src: "![ảnh](anh/a.bmp) ![báo cáo](anh/bao-cao.pdf) ![](anh)\n",
			errs: []string{
				`content/a.md:5:1: ảnh "anh/a.bmp" không thuộc kiểu ảnh trang hiện được; ảnh là tệp có đuôi .gif, .jpeg, .jpg, .png, .svg, .webp; một tệp PDF thì viết thành liên kết: [Báo cáo](tai-lieu/bao-cao.pdf)`,
				`content/a.md:5:19: ảnh "anh/bao-cao.pdf" không thuộc kiểu ảnh trang hiện được; ảnh là tệp có đuôi .gif, .jpeg, .jpg, .png, .svg, .webp; một tệp PDF thì viết thành liên kết: [Báo cáo](tai-lieu/bao-cao.pdf)`,
				`content/a.md:5:47: ảnh "anh" không thuộc kiểu ảnh trang hiện được; ảnh là tệp có đuôi .gif, .jpeg, .jpg, .png, .svg, .webp; một tệp PDF thì viết thành liên kết: [Báo cáo](tai-lieu/bao-cao.pdf)`,
			}},
		{name: "not of its kind", src: "![ảnh](anh/text.png) [tệp](anh/not.pdf) ![ảnh](anh/html.svg)\n",
			errs: []string{
				`content/a.md:5:1: tệp content/anh/text.png không phải tệp PNG đọc được; lưu lại tệp bằng chương trình đã làm ra nó, với đuôi tệp đúng kiểu của nó (.png, .jpg, .pdf …)`,
				`content/a.md:5:22: tệp content/anh/not.pdf không phải tệp PDF đọc được; lưu lại tệp bằng chương trình đã làm ra nó, với đuôi tệp đúng kiểu của nó (.png, .jpg, .pdf …)`,
				`content/a.md:5:41: tệp content/anh/html.svg không phải tệp SVG đọc được; lưu lại tệp bằng chương trình đã làm ra nó, với đuôi tệp đúng kiểu của nó (.png, .jpg, .pdf …)`,
			}},
		{name: "SVG with script", src: "![a](anh/script.svg)\n![b](anh/onload.svg)\n![c](anh/href.svg)\n![d](anh/set.svg)\n![e](anh/foreign.svg)\n",
			errs: []string{
				`content/a.md:5:1: ảnh SVG content/anh/script.svg có mã chạy được (<script>, on…=, javascript:); bỏ mã khỏi tệp, hoặc lưu ảnh thành PNG: không đoạn mã nào của bài được chạy trên trang`,
				`content/a.md:6:1: ảnh SVG content/anh/onload.svg có mã chạy được (<script>, on…=, javascript:); bỏ mã khỏi tệp, hoặc lưu ảnh thành PNG: không đoạn mã nào của bài được chạy trên trang`,
				`content/a.md:7:1: ảnh SVG content/anh/href.svg có mã chạy được (<script>, on…=, javascript:); bỏ mã khỏi tệp, hoặc lưu ảnh thành PNG: không đoạn mã nào của bài được chạy trên trang`,
				`content/a.md:8:1: ảnh SVG content/anh/set.svg có mã chạy được (<script>, on…=, javascript:); bỏ mã khỏi tệp, hoặc lưu ảnh thành PNG: không đoạn mã nào của bài được chạy trên trang`,
				`content/a.md:9:1: ảnh SVG content/anh/foreign.svg có mã chạy được (<script>, on…=, javascript:); bỏ mã khỏi tệp, hoặc lưu ảnh thành PNG: không đoạn mã nào của bài được chạy trên trang`,
			}},
		{name: "SVG with an entity", src: "![a](anh/entity.svg)\n",
			errs: []string{`content/a.md:5:1: tệp content/anh/entity.svg không phải tệp SVG đọc được; lưu lại tệp bằng chương trình đã làm ra nó, với đuôi tệp đúng kiểu của nó (.png, .jpg, .pdf …)`}},
		{name: "link to an SVG", src: "Xem [biểu đồ](anh/a.svg).\n",
			errs: []string{`content/a.md:5:5: liên kết tới ảnh SVG "anh/a.svg": ảnh SVG chỉ được hiện như ảnh, không được mở riêng; viết nó thành ảnh: ![mô tả](anh/a.svg); mở riêng, một tệp SVG có thể chạy mã trong trình duyệt của người đọc`}},
		{name: "link to an SVG, en", lang: "en", src: "See [the chart](anh/a.svg).\n",
			errs: []string{`content/a.md:5:5: a link to the SVG image "anh/a.svg": an SVG is only shown as an image, never opened on its own; show it as an image: ![description](anh/a.svg); opened on its own, an SVG file can run script in the reader's browser`}},
		{name: "no description", src: "![](anh/a.png)\n\n![ \u00a0 ](anh/a.svg)\n",
			errs: []string{
				`content/a.md:5:1: warning: ảnh "anh/a.png" không có mô tả; viết giữa [ và ] một câu nói ảnh cho thấy gì: ![…](anh/a.png); người không xem được ảnh sẽ được đọc câu đó`,
				`content/a.md:7:1: warning: ảnh "anh/a.svg" không có mô tả; viết giữa [ và ] một câu nói ảnh cho thấy gì: ![…](anh/a.svg); người không xem được ảnh sẽ được đọc câu đó`,
			}},
		{name: "large", src: "![ảnh](anh/large.png)\n",
			errs: []string{`content/a.md:5:1: warning: tệp content/anh/large.png lớn hơn 5 MB; người đọc trên điện thoại phải chờ lâu: thu nhỏ ảnh (rộng 2000 điểm ảnh là đủ) hoặc lưu với chất lượng thấp hơn`}},
		{name: "large, en", lang: "en", src: "![image](anh/large.png)\n",
			errs: []string{`content/a.md:5:1: warning: the file content/anh/large.png is larger than 5 MB; a reader on a phone waits long for it: make the image smaller (2000 pixels wide is enough) or save it at a lower quality`}},
		{name: "each use is told", src: "![](anh/khong-co.png) ![](anh/khong-co.png)\n",
			errs: []string{
				`content/a.md:5:1: không có tệp content/anh/khong-co.png; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/)`,
				`content/a.md:5:23: không có tệp content/anh/khong-co.png; đặt tệp vào đó, hoặc sửa đường dẫn: đường dẫn tính từ thư mục của bài (content/)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.lang
			if lang == "" {
				lang = "vi"
			}
			_, diags := loadFiles(t, lang, "-- content/a.md --\n"+head+tt.src, files)
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tt.errs, "\n"); g != w {
				t.Errorf("source:\n%s\nmessages:\n%s\nwant:\n%s", tt.src, g, w)
			}
		})
	}
}

// FuzzImageFile: reading an image's size and checking an SVG never fail
// on any bytes, and a size is never negative.
func FuzzImageFile(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>`))
	f.Add([]byte(`<svg viewBox="0 0 1e9 -1"><script/></svg>`))
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x22Exif\x00\x00II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if w, h, _, _ := readSVG(b); w < 0 || h < 0 {
			t.Errorf("readSVG: %d×%d", w, h)
		}
		if o := exifOrientation(b); o < 0 || o > 65535 {
			t.Errorf("orientation %d", o)
		}
		_, _ = jpegConfig(bytes.NewReader(b))
	})
}
