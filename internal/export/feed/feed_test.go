package feed

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sitegen/internal/address"
	"strings"
	"testing"
	"text/template"
	"time"

	"sitegen/internal/content"
	"sitegen/templates"
)

var ict = time.FixedZone("ICT", 7*3600)

// parsed is the feed as a feed reader decodes it.
type parsed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Summary string `xml:"summary"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func parse(t *testing.T, b []byte) parsed {
	t.Helper()
	var p parsed
	if err := xml.Unmarshal(b, &p); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, b)
	}
	return p
}

func articles() []*content.Article {
	return []*content.Article{
		{Slug: "ket-nap-2018", Title: "Kết nạp 187 đảng viên", Date: time.Date(2018, 11, 20, 9, 0, 0, 0, ict), Author: "Phòng Tổ chức"},
		{Slug: "chu-trong-tao-nguon", Title: `Chú trọng <tạo nguồn> & "phát triển" đảng viên`,
			Date: time.Date(2018, 2, 2, 8, 2, 0, 0, ict), Author: "Kim Hiền", Summary: "Năm 2017 kết nạp trên 200 <b>đảng viên</b>."},
		{Slug: "ban-nhap", Title: "Bản nháp", Date: time.Date(2019, 1, 1, 0, 0, 0, 0, ict), Draft: true},
		{Slug: "a-cung-ngay", Title: "Cùng ngày", Date: time.Date(2018, 2, 2, 8, 2, 0, 0, ict)},
	}
}

var site = Site{Title: "Số liệu phát triển đảng viên", Subtitle: "Khối Doanh nghiệp", Publisher: "Đảng bộ Khối Doanh nghiệp tỉnh Vĩnh Phúc",
	Language: "vi", Root: "khoi-dn"}

// builtIn parses the built-in template of file, as a build does where
// the site has no templates/<file> of its own.
func builtIn(t *testing.T, file string) *template.Template {
	t.Helper()
	src, err := fs.ReadFile(templates.FS, file)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := Parse("templates/"+file, string(src))
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// write runs the built-in template of file on view.
func write(t *testing.T, file string, view any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := builtIn(t, file).Execute(&b, view); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func feedXML(t *testing.T, s Site, entries []Entry, limit int) []byte {
	t.Helper()
	return write(t, address.Feed, Feed(s, entries, limit))
}

// sitemapXML is the sitemap, or nil and false where there is none.
func sitemapXML(t *testing.T, baseURL string, paths []string) ([]byte, bool) {
	t.Helper()
	v, ok := Sitemap(baseURL, paths)
	if !ok {
		return nil, false
	}
	return write(t, address.Sitemap, v), true
}

func robotsTxt(t *testing.T, baseURL string, hasSitemap bool) []byte {
	t.Helper()
	return write(t, "robots.txt", Robots(baseURL, hasSitemap))
}

func TestFeed(t *testing.T) {
	withBase := site
	withBase.BaseURL = "https://so-lieu.example.vn/bao-cao"
	tests := []struct {
		name     string
		site     Site
		selfLink string // "" for none
		link0    string
		id0      string // "" for a urn:uuid
	}{
		{"base_url", withBase, "https://so-lieu.example.vn/bao-cao/feed.xml",
			"https://so-lieu.example.vn/bao-cao/bai-viet/ket-nap-2018/", "https://so-lieu.example.vn/bao-cao/bai-viet/ket-nap-2018/"},
		{"no base_url", site, "", "bai-viet/ket-nap-2018/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := feedXML(t, tt.site, Entries(articles()), 0)
			f := parse(t, b)
			if f.Title != site.Title || f.Lang != "vi" || f.Author != site.Publisher {
				t.Errorf("title %q, lang %q, author %q", f.Title, f.Lang, f.Author)
			}
			// Updated is the newest article's date, not the build's.
			if f.Updated != "2018-11-20T09:00:00+07:00" {
				t.Errorf("updated %q, want the newest article's date", f.Updated)
			}
			var self string
			for _, l := range f.Links {
				if l.Rel == "self" {
					self = l.Href
				}
			}
			if self != tt.selfLink {
				t.Errorf("self link %q, want %q", self, tt.selfLink)
			}
			var titles []string
			for _, e := range f.Entries {
				titles = append(titles, e.Title)
			}
			want := []string{"Kết nạp 187 đảng viên", "Cùng ngày", `Chú trọng <tạo nguồn> & "phát triển" đảng viên`}
			if strings.Join(titles, "|") != strings.Join(want, "|") {
				t.Fatalf("entries %q, want %q (newest first, drafts left out)", titles, want)
			}
			e0, e2 := f.Entries[0], f.Entries[2]
			if e0.Link.Href != tt.link0 {
				t.Errorf("link %q, want %q", e0.Link.Href, tt.link0)
			}
			if tt.id0 != "" && e0.ID != tt.id0 {
				t.Errorf("id %q, want %q", e0.ID, tt.id0)
			}
			if tt.id0 == "" && !strings.HasPrefix(e0.ID, "urn:uuid:") {
				t.Errorf("id %q is not an absolute IRI", e0.ID)
			}
			if f.Entries[1].Author != "" || e0.Author != "Phòng Tổ chức" {
				t.Errorf("authors %q, %q: want the article's, else none (the feed's applies)", e0.Author, f.Entries[1].Author)
			}
			if e2.Summary != "Năm 2017 kết nạp trên 200 <b>đảng viên</b>." || e2.Updated != "2018-02-02T08:02:00+07:00" {
				t.Errorf("summary %q, updated %q", e2.Summary, e2.Updated)
			}
			// The title's markup characters are text, not markup.
			if bytes.Contains(b, []byte("<tạo")) || bytes.Contains(b, []byte("<b>")) {
				t.Errorf("text from an article became markup:\n%s", b)
			}
		})
	}
}

func TestFeedIDsStable(t *testing.T) {
	ids := func(arts []*content.Article) map[string]string {
		m := map[string]string{}
		for _, e := range parse(t, feedXML(t, site, Entries(arts), 0)).Entries {
			m[e.Link.Href] = e.ID
		}
		return m
	}
	before := ids(articles())
	// A new article and a corrected title leave the other ids as they were.
	more := append(articles(), &content.Article{Slug: "moi", Title: "Mới", Date: time.Date(2020, 1, 1, 0, 0, 0, 0, ict)})
	more[1].Title = "Chú trọng tạo nguồn"
	after := ids(more)
	seen := map[string]bool{}
	for link, id := range after {
		if seen[id] {
			t.Errorf("id %s used twice", id)
		}
		seen[id] = true
		if old, ok := before[link]; ok && old != id {
			t.Errorf("%s: id changed from %s to %s", link, old, id)
		}
	}
	if !bytes.Equal(feedXML(t, site, Entries(articles()), 0), feedXML(t, site, Entries(articles()), 0)) {
		t.Error("same articles, different bytes")
	}
	other := site
	other.Title = "Another site"
	if parse(t, feedXML(t, other, Entries(articles()), 0)).Entries[0].ID == parse(t, feedXML(t, site, Entries(articles()), 0)).Entries[0].ID {
		t.Error("two sites without base_url give one article the same id")
	}
}

func TestFeedLimitAndEmpty(t *testing.T) {
	f := parse(t, feedXML(t, site, Entries(articles()), 1))
	if len(f.Entries) != 1 || f.Entries[0].Title != "Kết nạp 187 đảng viên" {
		t.Errorf("limit 1: %d entries", len(f.Entries))
	}
	empty := parse(t, feedXML(t, Site{Title: "T"}, nil, 0))
	if empty.Updated != "1970-01-01T00:00:00Z" || len(empty.Entries) != 0 || empty.ID == "" {
		t.Errorf("empty feed: updated %q, %d entries, id %q", empty.Updated, len(empty.Entries), empty.ID)
	}
}

func TestSitemap(t *testing.T) {
	paths := []string{"don-vi/khoi-dn/", "index.html", "bai-viet/chu-trong-tao-nguon/", "nam/2017/", "index.html", "so-lieu/"}
	tests := []struct {
		base string
		ok   bool
		want []string
	}{
		{"", false, nil},
		{"/bao-cao/", false, nil},
		{"ftp://example.vn/", false, nil},
		{"https://so-lieu.example.vn", true, []string{
			"https://so-lieu.example.vn/bai-viet/chu-trong-tao-nguon/",
			"https://so-lieu.example.vn/don-vi/khoi-dn/",
			"https://so-lieu.example.vn/index.html",
			"https://so-lieu.example.vn/nam/2017/",
			"https://so-lieu.example.vn/so-lieu/",
		}},
		{"https://example.vn/bao-cao", true, []string{
			"https://example.vn/bao-cao/bai-viet/chu-trong-tao-nguon/",
			"https://example.vn/bao-cao/don-vi/khoi-dn/",
			"https://example.vn/bao-cao/index.html",
			"https://example.vn/bao-cao/nam/2017/",
			"https://example.vn/bao-cao/so-lieu/",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			b, ok := sitemapXML(t, tt.base, paths)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				if b != nil {
					t.Errorf("a sitemap without base_url: %s", b)
				}
				return
			}
			var got struct {
				XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
				URLs    []string `xml:"url>loc"`
			}
			if err := xml.Unmarshal(b, &got); err != nil {
				t.Fatalf("not XML: %v\n%s", err, b)
			}
			if strings.Join(got.URLs, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got.URLs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSitemapEscapes(t *testing.T) {
	b, ok := sitemapXML(t, "https://example.vn/", []string{"tim-kiem/?q=a&lang=vi"})
	if !ok {
		t.Fatal("no sitemap")
	}
	if !bytes.Contains(b, []byte("q=a&amp;lang=vi")) {
		t.Errorf("& not escaped:\n%s", b)
	}
	var got struct {
		URLs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	if len(got.URLs) != 1 || got.URLs[0] != "https://example.vn/tim-kiem/?q=a&lang=vi" {
		t.Errorf("got %q", got.URLs)
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		base       string
		hasSitemap bool
		want       string
	}{
		{"https://so-lieu.example.vn/bao-cao", true, "User-agent: *\nAllow: /\n\nSitemap: https://so-lieu.example.vn/bao-cao/sitemap.xml\n"},
		{"https://so-lieu.example.vn/", false, "User-agent: *\nAllow: /\n"},
		{"", true, "User-agent: *\nAllow: /\n"},
	}
	for _, tt := range tests {
		if got := string(robotsTxt(t, tt.base, tt.hasSitemap)); got != tt.want {
			t.Errorf("Robots(%q, %v) =\n%s\nwant\n%s", tt.base, tt.hasSitemap, got, tt.want)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares the files, with and without base_url, with
// testdata/golden: feed readers and crawlers read these bytes, so a
// change to them shows there.
func TestGolden(t *testing.T) {
	withBase := site
	withBase.BaseURL = "https://so-lieu.example.vn/bao-cao"
	paths := []string{"don-vi/khoi-dn/", "index.html", "bai-viet/chu-trong-tao-nguon/", "nam/2017/", "so-lieu/"}
	sitemap, ok := sitemapXML(t, withBase.BaseURL, paths)
	if !ok {
		t.Fatal("no sitemap")
	}
	files := map[string][]byte{
		"feed.xml":           feedXML(t, site, Entries(articles()), 0),
		"feed-base_url.xml":  feedXML(t, withBase, Entries(articles()), 0),
		"feed-empty.xml":     feedXML(t, Site{Title: "T"}, nil, 0),
		"feed-limit-2.xml":   feedXML(t, Site{Title: "T", Root: "r"}, Entries(articles()), 2), // no publisher: the title is the author
		"sitemap.xml":        sitemap,
		"robots.txt":         robotsTxt(t, "", false),
		"robots-sitemap.txt": robotsTxt(t, withBase.BaseURL, true),
	}
	for name, got := range files {
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: no golden file (go test -update writes it): %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\ngot\n%s\nwant\n%s", name, golden, got, want)
		}
	}
}
