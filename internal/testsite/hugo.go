package testsite

import (
	"strings"
	"testing/fstest"
)

// Hugo makes of a generated site the same articles as a Hugo site, to
// measure the two side by side (docs/performance.md): the articles as
// pages (their TOML front matter is Hugo's too; the figures stay as
// written, as Hugo knows none), a page per cell and per year listing the
// articles about it (Hugo's taxonomies, from the articles' cells and
// years), the home page with the latest, and a layout with a header, a
// menu and a footer. It has no chart, table of figures or download: what
// sitegen does beyond this is the difference in the measurement.
func Hugo(site fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{
		"hugo.toml": file(`baseURL = "http://bao-cao.intranet/"
languageCode = "vi"
title = "Báo cáo công tác phát triển đảng viên"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
cell = "cells"
year = "years"
[markup.goldmark.renderer]
unsafe = false
`),
		"layouts/_default/baseof.html": file(`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta property="og:title" content="{{ .Title }}"><link rel="canonical" href="{{ .Permalink }}"></head>
<body class="page-{{ .Kind }}">
<header class="site-header"><p class="site-title"><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></p>
<nav><ul><li><a href="{{ "" | relURL }}">Trang chủ</a></li><li><a href="{{ "cells/" | relURL }}">Đơn vị</a></li><li><a href="{{ "years/" | relURL }}">Năm</a></li></ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ .Site.Title }}</p></footer>
</body></html>
`),
		"layouts/_default/single.html": file(`{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time> · {{ .Params.author }}</p>
{{ .Content }}
<p>{{ range .GetTerms "cells" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p></article>{{ end }}
`),
		"layouts/_default/list.html": file(`{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time></li>{{ end }}</ul>{{ end }}
`),
		"layouts/index.html": file(`{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 20 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`),
	}
	for name, f := range site {
		if rest, ok := strings.CutPrefix(name, "content/"); ok && strings.HasSuffix(name, ".md") {
			out["content/bai-viet/"+rest] = f
		}
	}
	return out
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
