package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestSlugs(t *testing.T) {
	arts, diags := load(t, "vi", `-- content/2018/Chú trọng tạo nguồn.md --
+++
title = "a"
date = 2018-02-02
+++
-- content/đảng-viên_mới 2018.md --
+++
title = "b"
date = 2018-02-03
+++
-- content/x.md --
+++
title = "c"
date = 2018-02-04
slug = "rieng"
+++
`)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Slug)
	}
	// newest first
	if want := []string{"rieng", "dang-vien-moi-2018", "chu-trong-tao-nguon"}; !reflect.DeepEqual(got, want) {
		t.Errorf("slugs %q, want %q", got, want)
	}
}

func TestSlugErrors(t *testing.T) {
	_, diags := load(t, "vi", `-- content/a/chu-trong.md --
+++
title = "a"
date = 2018-02-02
+++
-- content/b/chu-trong.md --
+++
title = "b"
date = 2018-02-02
+++
-- content/c.md --
+++
title = "c"
date = 2018-02-02
slug = "chu-trong"
+++
-- content/đ/---.md --
+++
title = "d"
date = 2018-02-02
+++
`)
	want := []string{
		`content/b/chu-trong.md: slug "chu-trong" đã được bài content/a/chu-trong.md dùng; mỗi bài một slug: ghi slug = "…" khác trong phần đầu của một trong hai bài`,
		`content/c.md:4:1: slug "chu-trong" đã được bài content/a/chu-trong.md dùng; mỗi bài một slug: ghi slug = "…" khác trong phần đầu của một trong hai bài`,
		`content/đ/---.md: tên tệp "---.md" không cho ra slug nào; đổi tên tệp cho có chữ hoặc số, hoặc ghi slug = "…" trong phần đầu`,
	}
	if got := diags.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chú trọng tạo nguồn và phát triển đảng viên", "chu-trong-tao-nguon-va-phat-trien-dang-vien"},
		{"ĐẢNG BỘ Khối DN", "dang-bo-khoi-dn"},
		{"  2017 -- năm   bản lề!  ", "2017-nam-ban-le"},
		{"Nghị quyết số 12/NQ-TW", "nghi-quyet-so-12-nq-tw"},
		{"Thuỷ Thủy", "thuy-thuy"},
		{"../../etc/passwd", "etc-passwd"},
		{"—", ""},
	}
	for _, tt := range tests {
		got := Slugify(tt.in)
		if got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && !ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q is not a valid slug", tt.in, got)
		}
	}
	for _, s := range []string{"", "-a", "a-", "a--b", "A", "a/b", "..", "chữ"} {
		if ValidSlug(s) {
			t.Errorf("ValidSlug(%q) = true", s)
		}
	}
}

func TestHeadingIDs(t *testing.T) {
	arts, diags := load(t, "vi", "-- content/a.md --\n"+head+"# Kết nạp đảng viên\n\n## Kết nạp Đảng viên\n\n## Kết nạp đảng viên\n\n## ¿?\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := `<h1 id="ket-nap-dang-vien">Kết nạp đảng viên</h1>
<h2 id="ket-nap-dang-vien-1">Kết nạp Đảng viên</h2>
<h2 id="ket-nap-dang-vien-2">Kết nạp đảng viên</h2>
<h2 id="muc">¿?</h2>
`
	if got := body(arts[0]); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFrontMatter(t *testing.T) {
	arts, diags := load(t, "vi", `-- content/a.md --
+++
title = "Chú trọng tạo nguồn"
date = 2018-02-02T08:02:00+07:00
author = "Kim Hiền"
cells = ["khoi-dn", "prime-group"]
years = [2017, 2018]
source = "Báo Vĩnh Phúc, 02/02/2018"
draft = true
summary = "Tóm tắt."
+++
Đoạn đầu.
-- content/b.md --
+++
title = "Bài hai"
date = 2018-03-01
+++
Đoạn *đầu* có {{ admitted prime-group 2017 }} và [liên kết](https://example.org) “ngoặc”.

Đoạn hai.
`)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	b, a := arts[0], arts[1]
	vn := time.FixedZone("", 7*3600)
	if a.Title != "Chú trọng tạo nguồn" || !a.Date.Equal(time.Date(2018, 2, 2, 8, 2, 0, 0, vn)) || a.Author != "Kim Hiền" ||
		!reflect.DeepEqual(a.Cells, []string{"khoi-dn", "prime-group"}) || !reflect.DeepEqual(a.Years, []int{2017, 2018}) ||
		a.Source != "Báo Vĩnh Phúc, 02/02/2018" || !a.Draft || a.Summary != "Tóm tắt." || a.Slug != "a" {
		t.Errorf("front matter decoded as %+v", a)
	}
	if !b.Date.Equal(time.Date(2018, 3, 1, 0, 0, 0, 0, vn)) {
		t.Errorf("a date alone is %v, want midnight in Vietnam", b.Date)
	}
	if want := "Đoạn đầu có 17 và liên kết “ngoặc”."; b.Summary != want {
		t.Errorf("summary %q, want %q", b.Summary, want)
	}
}

// TestNFC: text typed with decomposed tone marks is one with composed text.
func TestNFC(t *testing.T) {
	decomposed := "Đa\u0309ng"
	arts, diags := load(t, "vi", "-- content/a.md --\n+++\ntitle = \""+decomposed+"\"\ndate = 2018-02-02\n+++\n"+decomposed+"\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if arts[0].Title != "Đảng" || body(arts[0]) != "<p>Đảng</p>\n" {
		t.Errorf("not NFC: %q %q", arts[0].Title, body(arts[0]))
	}
}

// TestAllErrorsInOneRun: problems in several files all come back, sorted.
func TestAllErrorsInOneRun(t *testing.T) {
	_, diags := load(t, "vi", `-- content/b.md --
+++
title = "b"
date = 2018-02-02
+++
{{ admitted nobody 2017 }} and {{ x khoi-dn 2017 }}
-- content/a.md --
+++
date = 2018-02-02
+++

{{ chart pie khoi-dn }}
`)
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d:%d", d.Path, d.Line, d.Col))
	}
	want := []string{"content/a.md:2:1", "content/a.md:5:1", "content/b.md:5:1", "content/b.md:5:32"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v\n%v", got, want, diags)
	}
}

func TestNoContentFolder(t *testing.T) {
	arts, diags := load(t, "vi", "")
	if len(arts) != 0 || len(diags) != 0 {
		t.Errorf("a site without content/: %v %v", arts, diags)
	}
}

// TestDeterministic: the same input gives the same articles, whatever the
// scheduling of the parallel rendering.
func TestDeterministic(t *testing.T) {
	fsys := manyArticles(t, 300)
	d := loadData(t, fsys)
	first, diags := Load(fsys, "", d)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for range 3 {
		again, _ := Load(fsys, "", d)
		if !reflect.DeepEqual(first, again) {
			t.Fatal("two loads of the same site differ")
		}
	}
}

// TestScale: 10,000 articles load in well under the time of a build
// (under a second on 2 idle cores; BenchmarkLoad1000 measures it). The
// bound is loose so that a busy machine does not fail it, but it still
// catches work that grows faster than the number of articles.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	fsys := manyArticles(t, 10000)
	d := loadData(t, fsys)
	start := time.Now()
	arts, diags := Load(fsys, "", d)
	took := time.Since(start)
	if len(diags) > 0 || len(arts) != 10000 {
		t.Fatalf("%d articles, %v", len(arts), diags)
	}
	// Speed is measured by BenchmarkLoad1000, not asserted: timings on a
	// shared machine are noise. This checks that nothing breaks at size.
	t.Logf("10,000 articles in %v", took)
}

func BenchmarkLoad1000(b *testing.B) {
	fsys := manyArticles(b, 1000)
	d := loadData(b, fsys)
	for b.Loop() {
		Load(fsys, "", d)
	}
}

// manyArticles is the test site with n articles of a few paragraphs,
// figures and a chart each.
func manyArticles(t testing.TB, n int) fstest.MapFS {
	base := testSite(t, "vi", "")
	m := fstest.MapFS{}
	for _, name := range []string{"data/site.toml", "data/figures.toml"} {
		b, err := fsReadFile(base, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	for i := range n {
		src := fmt.Sprintf(`+++
title = "Bài số %d: “Đảng bộ” Khối"
date = 2018-12-%02dT08:00:00+07:00
cells = ["khoi-dn", "prime-group"]
years = [2017]
+++
Năm 2017, Đảng bộ Khối kết nạp {{ admitted khoi-dn 2017 }} đảng viên, chỉ tiêu {{ target khoi-dn 2017 }}.
Đoàn Khối giới thiệu {{ referred doan-khoi 2017 }} đoàn viên, tỷ lệ {{ conversion doan-khoi 2017 }}.

## Các cơ sở

| Đơn vị | Kết nạp |
|---|---|
| Prime Group | {{ admitted prime-group 2017 }} |

{{ chart cells khoi-dn 2017 }}

Đến nay có {{ members khoi-dn 2018 }} đảng viên[^1].

[^1]: Nguồn: Báo Vĩnh Phúc.
`, i, i%28+1)
		m[fmt.Sprintf("content/%03d/bai-%05d.md", i%100, i)] = &fstest.MapFile{Data: []byte(src)}
	}
	return m
}
