package build

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// hostileSite puts markup, script and quotes into every text a keeper or
// writer controls: the site's title, cell names and former names, a
// referrer's name, sources, an article's title, summary and body.
const hostileSite = `
-- data/site.toml --
[site]
title = "</title><script>alert('site')</script>"
root = "khoi"
description = "<img src=x onerror=alert('description')>"
publisher = "\"><svg onload=alert('publisher')>"

[[cell]]
id = "khoi"
name = "Khối </script><script>alert('cell')</script>"
kind = "khoi"

[[cell]]
id = "con"
name = "<img src=x onerror=alert('img')> \"' onmouseover=alert('quote') x='"
kind = "chi-bo-co-so"
parent = "khoi"
enterprise = "</style><script>alert('enterprise')</script>"
former_names = ["<iframe src=javascript:alert('former')>"]
-- data/figures.toml --
[[admission]]
cell = "khoi"
year = 2017
admitted = 12
source = "javascript:alert('source')"

[[admission]]
cell = "con"
year = 2017
admitted = { value = 5, approx = "about" }
source = "</script><script>alert('source2')</script>"

[[target]]
cell = "khoi"
year = 2017
min = 10
max = 20
source = "<a href=javascript:alert('target')>x</a>"

[[membership]]
cell = "con"
date = 2017-01-01
members = 30
source = "' onfocus=alert('membership') autofocus '"

[[referrer]]
id = "doan"
name = "Đoàn <script>alert('referrer')</script>"
kind = "youth-union"

[[referral]]
referrer = "doan"
year = 2017
referred = 10
admitted = 4
source = "<img src=x onerror=alert('referral')>"
-- content/bai.md --
+++
title = "Bài </title><script>alert('title')</script> \"quoted\" <img src=x onerror=alert('title2')>"
date = 2018-01-05
author = "<b onmouseover=alert('author')>Tác giả</b>"
cells = ["khoi", "con"]
years = [2017]
source = "javascript:alert('article-source')"
summary = "</script><script>alert('summary')</script>"
slug = "bai"
+++

Kết nạp {{ admitted con 2017 }}. [bấm vào](javascript:alert('link')) và [ảnh](JaVaScRiPt:alert('link2')).

<script>alert('raw')</script>

<img src=x onerror=alert('rawimg')>

<a href="javascript:alert('rawlink')">raw</a>

{{ chart admissions khoi }}

{{ chart cells khoi 2017 }}

{{ chart referrals doan }}
`

// TestHostileTextStaysText builds a site whose every text holds markup
// and script, and reads every page as a browser tokenizes it: no element
// may carry an event handler, no link or source may be a javascript: URL,
// no script may be one that the text opened, and no frame may appear. The
// texts themselves must still be shown, as text.
func TestHostileTextStaysText(t *testing.T) {
	src := writeTxtar(t, hostileSite)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	tree := readTree(t, out)
	pages := htmlFiles(tree)
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	for _, name := range pages {
		for _, p := range scriptProblems(tree[name].data) {
			t.Errorf("%s: %s", name, p)
		}
	}
	for page, want := range map[string][]string{
		"don-vi/con/index.html": {
			`<img src=x onerror=alert('img')> "' onmouseover=alert('quote') x='`,
			`<iframe src=javascript:alert('former')>`,
		},
		"bai-viet/bai/index.html": {
			`Bài </title><script>alert('title')</script> "quoted" <img src=x onerror=alert('title2')>`,
			"bấm vào",
		},
		"gioi-thieu/doan/index.html": {`Đoàn <script>alert('referrer')</script>`},
	} {
		text := pageText(tree[page].data)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show the text %q as text; it reads: %.600s", page, w, text)
			}
		}
	}
}

// scriptProblems lists what in a page could run as script because of
// text from the data: event handlers, script URLs, frames, elements
// carrying the test's payload, and scripts the text opened.
func scriptProblems(page []byte) []string {
	var out []string
	for _, e := range elements(page) {
		for _, a := range e.attrs {
			if strings.HasPrefix(a.Key, "on") {
				out = append(out, fmt.Sprintf("<%s %s=%q>: an event handler", e.tag, a.Key, a.Val))
			}
			switch a.Key {
			case "href", "src", "action", "formaction", "xlink:href", "data", "srcdoc":
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html") {
					out = append(out, fmt.Sprintf("<%s %s=%q>: a script URL", e.tag, a.Key, a.Val))
				}
			}
		}
		switch e.tag {
		case "iframe", "frame", "object", "embed", "svg", "img":
			// Frames never come from the templates; an image or an
			// inline SVG only without the text's payload.
			if e.tag != "img" && e.tag != "svg" || hasAlert(e) {
				out = append(out, fmt.Sprintf("a <%s> element from the text: %v", e.tag, e.attrs))
			}
		case "script":
			if strings.Contains(e.text, "alert(") && !insideString(e.text) {
				out = append(out, fmt.Sprintf("a script runs text from the data: %.200q", e.text))
			}
		}
	}
	return out
}

// TestScriptProblemsFindsPlantedFaults: the checker of
// TestHostileTextStaysText finds each way text can become script.
func TestScriptProblemsFindsPlantedFaults(t *testing.T) {
	for _, page := range []string{
		`<p><img src=x onerror=alert('img')></p>`,
		`<p title="" onmouseover=alert('quote') x=''>x</p>`,
		`<a href="javascript:alert('link')">x</a>`,
		`<a href=" JaVaScRiPt:alert('link')">x</a>`,
		`<iframe src="x.html"></iframe>`,
		`<script>var chart = {"name": "Khối </script><script>alert('cell')</script>"};</script>`,
		`<title>Bài </title><script>alert('title')</script>`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
	} {
		if len(scriptProblems([]byte(page))) == 0 {
			t.Errorf("no problem found in %s", page)
		}
	}
	for _, page := range []string{
		`<p>&lt;img src=x onerror=alert('img')&gt;</p>`,
		`<a title="&lt;img src=x onerror=alert(1)&gt;" href="../x/index.html">x</a>`,
		`<script>var chart = {"name": "Khối \u003c/script\u003e\u003cscript\u003ealert(\u0027cell\u0027)"};</script>`,
		`<script src="../assets/site.1a2b3c4d.js"></script>`,
	} {
		if p := scriptProblems([]byte(page)); len(p) > 0 {
			t.Errorf("%s is safe, but the checker says %v", page, p)
		}
	}
}

func hasAlert(e element) bool {
	for _, a := range e.attrs {
		// alt and title are text: a chart's image is named by its title,
		// which holds the payload as text. A payload that broke out of
		// them would be an attribute or an element of its own.
		if a.Key != "alt" && a.Key != "title" && strings.Contains(a.Val, "alert(") {
			return true
		}
	}
	return false
}

// insideString reports whether every "alert(" in a script's text stands
// inside a JSON or JavaScript string literal (where it is data): the
// text before it has an odd number of unescaped double quotes.
func insideString(js string) bool {
	for i := 0; ; {
		j := strings.Index(js[i:], "alert(")
		if j < 0 {
			return true
		}
		j += i
		quotes := 0
		for k := 0; k < j; k++ {
			switch js[k] {
			case '\\':
				k++
			case '"':
				quotes++
			}
		}
		if quotes%2 == 0 {
			return false
		}
		i = j + 1
	}
}

// TestInternalLinks checks every relative link and asset of the sample
// site and the small site: each resolves to a file of the output, and
// each #anchor exists in its page.
func TestInternalLinks(t *testing.T) {
	for name, src := range map[string]string{
		"sample": sampleSite,
		"small":  writeTxtar(t, smallSite),
	} {
		t.Run(name, func(t *testing.T) {
			in, diags := Check(os.DirFS(src), "")
			if diags.HasErrors() {
				t.Fatalf("errors:\n%v", diags.Errors())
			}
			out := filepath.Join(t.TempDir(), "public")
			mustBuild(t, src, out)
			for _, p := range linkProblems(readTree(t, out), in.Data.Site.BaseURL) {
				t.Error(p)
			}
		})
	}
}

// checkLinks follows every href and src of every page. Absolute links
// are allowed only under base (404.html, served at any depth, leads home
// through it; feeds and canonical links use it); they are not followed.
func linkProblems(tree map[string]file, base string) []string {
	var out []string
	ids := make(map[string]map[string]bool) // page → ids
	idsOf := func(page string) map[string]bool {
		if m, ok := ids[page]; ok {
			return m
		}
		m := make(map[string]bool)
		for _, e := range elements(tree[page].data) {
			if v, ok := e.attr("id"); ok {
				m[v] = true
			}
			if v, ok := e.attr("name"); ok && e.tag == "a" {
				m[v] = true
			}
		}
		ids[page] = m
		return m
	}
	links := 0
	for _, page := range htmlFiles(tree) {
		for _, e := range elements(tree[page].data) {
			for _, a := range e.attrs {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				if base != "" && strings.HasPrefix(a.Val, base) {
					continue
				}
				u, err := url.Parse(a.Val)
				if err != nil {
					out = append(out, fmt.Sprintf("%s: <%s %s=%q>: %v", page, e.tag, a.Key, a.Val, err))
					continue
				}
				if u.Scheme != "" || u.Host != "" || strings.HasPrefix(a.Val, "/") {
					if u.Scheme == "mailto" {
						continue
					}
					out = append(out, fmt.Sprintf("%s: <%s %s=%q>: not a relative link", page, e.tag, a.Key, a.Val))
					continue
				}
				links++
				target := page
				if u.Path != "" {
					target = path.Join(path.Dir(page), u.Path)
					if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == ".." {
						// A server answers with index.html, but a browser
						// reading from disk shows the folder's listing.
						out = append(out, fmt.Sprintf("%s: %s=%q: a link to a folder does not open from disk; link to its index.html", page, a.Key, a.Val))
						continue
					}
				}
				if strings.HasPrefix(target, "../") || target == ".." {
					out = append(out, fmt.Sprintf("%s: %s=%q leads out of the site", page, a.Key, a.Val))
					continue
				}
				if _, ok := tree[target]; !ok {
					out = append(out, fmt.Sprintf("%s: %s=%q: no file %s", page, a.Key, a.Val, target))
					continue
				}
				if u.Fragment != "" && path.Ext(target) == ".html" && !idsOf(target)[u.Fragment] {
					out = append(out, fmt.Sprintf("%s: %s=%q: %s has no anchor #%s", page, a.Key, a.Val, target, u.Fragment))
				}
			}
		}
	}
	if links == 0 {
		out = append(out, "no relative links at all")
	}
	return out
}

// TestCheckersFindPlantedFaults: the link checker and the offline scan
// find what they are for.
func TestCheckersFindPlantedFaults(t *testing.T) {
	page := func(s string) file { return file{data: []byte(s)} }
	tree := map[string]file{
		"index.html": page(`<a href="don-vi/a/index.html#admitted-2017">a</a>
<a href="don-vi/b/index.html">b</a>
<a href="don-vi/a/index.html#admitted-2099">c</a>
<a href="don-vi/a/">d</a>
<a href="/index.html">e</a>
<a href="../ngoai.html">f</a>
<img src="assets/logo.png">
<a href="https://intranet.example/so-lieu/index.html">home</a>`),
		"don-vi/a/index.html": page(`<p id="admitted-2017">1</p><a href="../../index.html">home</a>`),
	}
	got := strings.Join(linkProblems(tree, "https://intranet.example/so-lieu/"), "\n")
	for _, want := range []string{
		`"don-vi/b/index.html": no file`,
		`has no anchor #admitted-2099`,
		`"don-vi/a/": a link to a folder`,
		`href="/index.html">: not a relative link`,
		`"../ngoai.html" leads out of the site`,
		`"assets/logo.png": no file`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the link checker did not report %s; it reported:\n%s", want, got)
		}
	}
	if strings.Contains(got, "admitted-2017") || strings.Contains(got, "intranet.example") {
		t.Errorf("the link checker reported a good link:\n%s", got)
	}

	for name, content := range map[string]string{
		"a.html":  `<script src="https://cdn.example/echarts.js"></script>`,
		"b.html":  `<link rel="stylesheet" href="//fonts.example/css">`,
		"c.html":  `<p style="background: url('http://img.example/x.png')">x</p>`,
		"d.html":  `<img srcset="a.png 1x, https://img.example/b.png 2x">`,
		"e.css":   `@import "https://fonts.example/font.css"; body{}`,
		"f.css":   `@font-face { src: url(https://fonts.example/f.woff2) }`,
		"g.js":    `fetch("https://api.example/data.json")`,
		"h.html":  `<style>body { background: url(//img.example/x.png) }</style>`,
		"ok.html": `<svg xmlns="http://www.w3.org/2000/svg"></svg><a href="x.html">x</a>`,
	} {
		refs := externalRefs(name, []byte(content))
		if name == "ok.html" && len(refs) > 0 || name != "ok.html" && len(refs) == 0 {
			t.Errorf("%s %s: external references %v", name, content, refs)
		}
	}
}
