package build

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/data"
	"sitegen/internal/testsite"
)

// smallSite is a valid site with one figure of each kind the pages show.
const smallSite = `
-- data/site.toml --
[site]
title = "Số liệu Khối"
root = "khoi"
base_url = "https://intranet.example/so-lieu/"

[[cell]]
id = "khoi"
name = "Đảng bộ Khối Doanh nghiệp tỉnh"
kind = "khoi"
founded = 2009-03-31

[[cell]]
id = "prime"
name = "Đảng bộ Công ty cổ phần Prime Group"
kind = "dang-bo-co-so"
parent = "khoi"
-- data/figures.toml --
[[admission]]
cell = "khoi"
year = 2017
admitted = { value = 200, approx = "over" }
source = "Báo Vĩnh Phúc, 02/02/2018"

[[admission]]
cell = "prime"
year = 2017
admitted = 17

[[target]]
cell = "khoi"
from = 2015
to = 2020
min = 200
max = 220

[[membership]]
cell = "khoi"
date = 2018-01-01
members = 3232
units = 72

[[referrer]]
id = "doan-khoi"
name = "Đoàn Khối Doanh nghiệp tỉnh"
kind = "youth-union"

[[referral]]
referrer = "doan-khoi"
year = 2017
referred = 162
admitted = 113
-- content/tao-nguon.md --
+++
title = "Chú trọng tạo nguồn"
date = 2018-02-02
cells = ["khoi", "prime"]
years = [2017]
+++

Năm 2017 Đảng bộ Khối kết nạp {{ admitted khoi 2017 }} đảng viên, chỉ tiêu {{ target khoi 2017 }}.

{{ chart admissions khoi }}
`

// withError is smallSite with a mistake in data/.
func withError(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, "data", "figures.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n[[admission]]\ncell = \"khong-co\"\nyear = 2018\nadmitted = 3\n"...)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildSmallSite(t *testing.T) {
	src := writeTxtar(t, smallSite)
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, src, out)
	tree := readTree(t, out)
	if want := len(htmlFiles(tree)); res.Pages == 0 || res.Pages > want {
		t.Errorf("Result.Pages = %d, with %d HTML files written", res.Pages, want)
	}
	for page, want := range map[string][]string{
		"index.html":              {"trên 200", "200–220"},
		"nam/2017/index.html":     {"trên 200", "200–220", "162", "113"},
		"don-vi/khoi/index.html":  {"trên 200", "3.232"},
		"don-vi/prime/index.html": {"17"},
		"bai-viet/tao-nguon/index.html": {
			"Năm 2017 Đảng bộ Khối kết nạp trên 200 đảng viên, chỉ tiêu 200–220.",
		},
		"gioi-thieu/doan-khoi/index.html": {"162", "113"},
		"404.html":                        {},
	} {
		f, ok := tree[page]
		if !ok {
			t.Errorf("no %s", page)
			continue
		}
		text := pageText(f.data)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show %q; it reads: %.600s", page, w, text)
			}
		}
	}
	// The figure's permanent link (DATA-FORMAT.md, Published names).
	if !hasID(tree["don-vi/khoi/index.html"].data, "admitted-2017") {
		t.Error("don-vi/khoi/ has no anchor #admitted-2017")
	}
}

func hasID(page []byte, id string) bool {
	for _, e := range elements(page) {
		if v, ok := e.attr("id"); ok && v == id {
			return true
		}
		if v, ok := e.attr("name"); ok && e.tag == "a" && v == id {
			return true
		}
	}
	return false
}

// TestBuildSample builds the sample site and looks for the published
// figures of FACTS.md on its pages.
func TestBuildSample(t *testing.T) {
	in, diags := Check(os.DirFS(sampleSite), "")
	if diags.HasErrors() {
		t.Fatalf("the sample site has errors:\n%v", diags.Errors())
	}
	root := in.Data.Site.Root
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, sampleSite, out)
	tree := readTree(t, out)

	// The article that cites the 2017 figure of the bloc.
	var article string
	for _, a := range in.Articles {
		for _, f := range a.Figures {
			if !a.Draft && f.Name == "admitted" && f.Subject == root && f.Period == data.Year(2017) {
				article = "bai-viet/" + a.Slug + "/index.html"
			}
		}
	}
	if article == "" {
		t.Fatal("no article of the sample site cites the bloc's admissions of 2017")
	}
	for page, want := range map[string][]string{
		"index.html":                      {"187 đến 15/11/2018", "200–220", "93,5%", "3.276"},
		"nam/2017/index.html":             {"trên 200", "200–220", "162", "113", "69,8%"},
		"don-vi/" + root + "/index.html":  {"trên 200", "3.232", "200–220", "1.071", "gần 3.000"},
		article:                           {"trên 200"},
		"gioi-thieu/doan-khoi/index.html": {"162", "113"},
	} {
		f, ok := tree[page]
		if !ok {
			t.Errorf("no %s", page)
			continue
		}
		text := pageText(f.data)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show %q; it reads: %.800s", page, w, text)
			}
		}
	}
	if !hasID(tree["don-vi/"+root+"/index.html"].data, "admitted-2017") {
		t.Errorf("don-vi/%s/ has no anchor #admitted-2017", root)
	}
}

// TestBuildSampleEnglish builds the sample site with language = "en".
func TestBuildSampleEnglish(t *testing.T) {
	src := copySite(t, sampleSite)
	setLanguage(t, src, "en")
	in, diags := Check(os.DirFS(src), "")
	if diags.HasErrors() {
		t.Fatalf("the sample site in English has errors:\n%v", diags.Errors())
	}
	root := in.Data.Site.Root
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	tree := readTree(t, out)
	for page, want := range map[string][]string{
		"index.html":                     {"187", "15 November 2018", "93.5%", "3,276"},
		"nam/2017/index.html":            {"over 200", "200–220", "69.8%"},
		"don-vi/" + root + "/index.html": {"over 200", "3,232", "1,071"},
	} {
		text := pageText(tree[page].data)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show %q; it reads: %.800s", page, w, text)
			}
		}
		// (Article text stays as written: a summary may say "15/11/2018".)
		for _, vi := range []string{"trên 200", "3.232", "3.276", "69,8%"} {
			if strings.Contains(text, vi) {
				t.Errorf("%s in English shows %q", page, vi)
			}
		}
	}
	if lang := htmlLang(tree["index.html"].data); lang != "en" {
		t.Errorf("index.html: <html lang=%q>, want en", lang)
	}
}

func htmlLang(page []byte) string {
	for _, e := range elements(page) {
		if e.tag == "html" {
			v, _ := e.attr("lang")
			return v
		}
	}
	return ""
}

// setLanguage sets `language` in the [site] table of the site in dir.
func setLanguage(t *testing.T, dir, lang string) {
	t.Helper()
	found := false
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".toml" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		i := strings.Index(s, "[site]")
		if i < 0 {
			return nil
		}
		found = true
		langLine := regexp.MustCompile(`(?m)^language\s*=.*$`)
		if langLine.MatchString(s) {
			s = langLine.ReplaceAllString(s, `language = "`+lang+`"`)
		} else {
			s = s[:i] + "[site]\nlanguage = \"" + lang + "\"" + s[i+len("[site]"):]
		}
		return os.WriteFile(p, []byte(s), 0o644)
	})
	if err != nil || !found {
		t.Fatalf("cannot set the language: %v (found [site]: %v)", err, found)
	}
}

// TestBuildIsDeterministic builds each site twice, into folders of
// different names, and compares every byte and mode.
func TestBuildIsDeterministic(t *testing.T) {
	large := filepath.Join(t.TempDir(), "gen")
	if err := testsite.WriteDir(testsite.Generate(120, 4, 150, 3), large); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"sample":    sampleSite,
		"small":     writeTxtar(t, smallSite),
		"generated": large,
	} {
		t.Run(name, func(t *testing.T) {
			a := filepath.Join(t.TempDir(), "public")
			b := filepath.Join(t.TempDir(), "www", "site")
			mustBuild(t, src, a)
			mustBuild(t, src, b)
			tree := readTree(t, a)
			// The search index is among the bytes compared.
			if !slices.ContainsFunc(slices.Collect(maps.Keys(tree)), func(name string) bool { return strings.HasPrefix(name, "tim-kiem/chi-muc/muc-luc.") }) {
				t.Errorf("no search index in %s", a)
			}
			if d := diffTrees(tree, readTree(t, b)); len(d) > 0 {
				t.Errorf("two builds differ:\n%s", strings.Join(d, "\n"))
			}
		})
	}
}

// TestFailedBuildLeavesOutput: a build with an error in data/ leaves the
// published site exactly as it was, and leaves nothing beside it.
func TestFailedBuildLeavesOutput(t *testing.T) {
	src := writeTxtar(t, smallSite)
	out := filepath.Join(src, "public")
	mustBuild(t, src, out)
	before := readTree(t, out)
	stat, err := os.Stat(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	withError(t, src)
	_, diags, err := Build(src, out, Options{})
	if err != nil {
		t.Fatalf("a data error came back as err: %v", err)
	}
	if !diags.HasErrors() {
		t.Fatal("the build found no error in data/figures.toml")
	}
	if got := diags.Errors()[0].Error(); !strings.HasPrefix(got, "data/figures.toml:") {
		t.Errorf("error %q does not name data/figures.toml", got)
	}
	if d := diffTrees(before, readTree(t, out)); len(d) > 0 {
		t.Errorf("the failed build changed the output:\n%s", strings.Join(d, "\n"))
	}
	after, err := os.Stat(filepath.Join(out, "index.html"))
	if err != nil || !after.ModTime().Equal(stat.ModTime()) {
		t.Errorf("index.html was rewritten by a failed build")
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// The output's lock stays beside it (see publish.LockOutput).
	if want := []string{".public.lock", "content", "data", "public"}; !slices.Equal(names, want) {
		t.Errorf("the site folder holds %v after a failed build, want %v", names, want)
	}
}

// TestBuildReplacesStaleFiles: a cell removed from the data loses its page.
func TestBuildReplacesStaleFiles(t *testing.T) {
	src := writeTxtar(t, smallSite+`
-- data/gone.toml --
[[cell]]
id = "da-giai-the"
name = "Chi bộ đã giải thể"
kind = "chi-bo-co-so"
parent = "khoi"
`)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	if _, err := os.Stat(filepath.Join(out, "don-vi", "da-giai-the", "index.html")); err != nil {
		t.Fatalf("the first build wrote no page for the cell: %v", err)
	}
	if err := os.Remove(filepath.Join(src, "data", "gone.toml")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	if _, err := os.Stat(filepath.Join(out, "don-vi", "da-giai-the")); !os.IsNotExist(err) {
		t.Errorf("the page of a removed cell survived the next build (%v)", err)
	}
}

// TestBuildRefusesOutput: an output folder that a build would destroy the
// site with is refused before anything is written, in the site's language
// (the small site is Vietnamese).
func TestBuildRefusesOutput(t *testing.T) {
	src := writeTxtar(t, smallSite)
	before := readTree(t, src)
	for _, out := range []string{
		src,
		filepath.Dir(src),
		filepath.Join(src, "data"),
		filepath.Join(src, "content", "public"),
		filepath.Join(src, "templates", "x"),
		filepath.Join(src, "public", ".."),
	} {
		_, _, err := Build(src, out, Options{})
		if err == nil {
			t.Errorf("Build(%s, %s): accepted", src, out)
			continue
		}
		if !strings.HasPrefix(err.Error(), "thư mục đầu ra ") {
			t.Errorf("Build(%s, %s): %v; want a message about the output folder, in Vietnamese", src, out, err)
		}
	}
	if d := diffTrees(before, readTree(t, src)); len(d) > 0 {
		t.Errorf("a refused build changed the site:\n%s", strings.Join(d, "\n"))
	}
}

// TestBuildRefusesFileAsOutput: an output "folder" that is a file is
// refused in the site's language, and the file is left as it was.
func TestBuildRefusesFileAsOutput(t *testing.T) {
	src := writeTxtar(t, smallSite)
	out := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Build(src, out, Options{})
	if want := "thư mục đầu ra " + out + " là một tệp"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q…", err, want)
	}
	if b, _ := os.ReadFile(out); string(b) != "not a folder" {
		t.Errorf("the file was changed: %q", b)
	}
}

// TestBuildRefusesMountPoint: an output folder that is a mount point
// (docker run -v /srv/www/bao-cao:/out … -out /out) cannot be replaced by
// a rename; it is refused before anything is written, in the site's
// language, with what to do. /proc is a mount point on every Linux.
func TestBuildRefusesMountPoint(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mount points are told only on Linux")
	}
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc")
	}
	src := writeTxtar(t, smallSite)
	_, _, err := Build(src, "/proc", Options{})
	want := "thư mục đầu ra /proc là một điểm gắn kết (mount point)"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "-out /proc/public") {
		t.Errorf("got %v, want %q… with what to do", err, want)
	}
}

// TestBuildRefusesOutputEnglish: an English site is refused in English.
func TestBuildRefusesOutputEnglish(t *testing.T) {
	src := writeTxtar(t, smallSite)
	setLanguage(t, src, "en")
	_, _, err := Build(src, filepath.Join(src, "data"), Options{})
	want := "the output folder " + filepath.Join(src, "data") + " is inside the site's data/ folder"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q…", err, want)
	}
}

// TestTemplateOverride: a file of the same name in the site's templates/
// replaces the built-in one.
func TestTemplateOverride(t *testing.T) {
	src := writeTxtar(t, smallSite+`
-- templates/404.html --
{{template "layout" .}}
{{define "title"}}Không có trang này{{end}}
{{define "main"}}<p>Trang riêng của Khối: không tìm thấy.</p>{{end}}
`)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	b, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pageText(b), "Trang riêng của Khối: không tìm thấy.") {
		t.Errorf("404.html is not the site's own template: %.300s", b)
	}
}

// TestOutputIsOffline: no page, stylesheet or script of the sample site
// refers to another host. Absolute URLs are allowed only under base_url
// (feed, sitemap, citations) and as XML namespaces, which are names, not
// loads.
func TestOutputIsOffline(t *testing.T) {
	in, diags := Check(os.DirFS(sampleSite), "")
	if diags.HasErrors() {
		t.Fatalf("the sample site has errors:\n%v", diags.Errors())
	}
	base := in.Data.Site.BaseURL
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, sampleSite, out)
	tree := readTree(t, out)
	for _, name := range slices.Sorted(maps.Keys(tree)) {
		for _, u := range externalRefs(name, tree[name].data) {
			if base != "" && strings.HasPrefix(u, strings.TrimSuffix(base, "/")) {
				continue
			}
			t.Errorf("%s refers to another host: %s", name, u)
		}
	}
}

var (
	// A URL with a scheme and a host, or protocol-relative.
	absURL = regexp.MustCompile(`^\s*(?i:[a-z][a-z0-9+.-]*:)?//`)
	// url(...) and @import in CSS, inline or in a stylesheet.
	cssURL = regexp.MustCompile(`(?i)(?:url\(\s*['"]?|@import\s+['"])\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]*)`)
	// Anything a script could fetch: a quoted absolute http(s) URL.
	jsURL = regexp.MustCompile(`["'\x60]((?:https?:)?//[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}[^"'\x60\s]*)`)
)

// externalRefs lists the absolute URLs an output file would load or link to.
func externalRefs(name string, b []byte) []string {
	var refs []string
	switch path.Ext(name) {
	case ".html":
		for _, e := range elements(b) {
			for _, a := range e.attrs {
				switch a.Key {
				case "src", "href", "action", "formaction", "poster", "data", "xlink:href", "background", "manifest", "cite":
					if absURL.MatchString(a.Val) {
						refs = append(refs, a.Val)
					}
				case "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if absURL.MatchString(part) {
							refs = append(refs, strings.TrimSpace(part))
						}
					}
				case "style":
					for _, m := range cssURL.FindAllStringSubmatch(a.Val, -1) {
						refs = append(refs, m[1])
					}
				}
			}
		}
		for _, m := range cssURL.FindAllSubmatch(b, -1) {
			refs = append(refs, string(m[1]))
		}
	case ".css":
		for _, m := range cssURL.FindAllSubmatch(b, -1) {
			refs = append(refs, string(m[1]))
		}
	case ".js":
		for _, m := range jsURL.FindAllSubmatch(b, -1) {
			u := string(m[1])
			if isNamespace(u) {
				continue
			}
			refs = append(refs, u)
		}
	}
	return refs
}

// isNamespace reports whether u is an XML namespace or similar name that
// scripts compare against but never load.
func isNamespace(u string) bool {
	for _, ns := range []string{"//www.w3.org/", "//www.w3.org"} {
		if strings.Contains(u, ns) {
			return true
		}
	}
	return false
}
