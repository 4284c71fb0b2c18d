package content

import (
	"regexp"
	"strings"
	"testing"
)

// TestNoMarkupFromText: nothing an author or a data keeper writes can
// become markup or script on a page.
func TestNoMarkupFromText(t *testing.T) {
	arts, diags := load(t, "vi", `-- data/evil.toml --
[[admission]]
cell = "prime-group"
year = 2014
admitted = 1
source = "\"><script>alert(1)</script><img src=x onerror=alert(1)>"
-- content/evil.md --
+++
title = "</script><img src=x onerror=alert(1)>"
date = 2018-12-31
summary = "<script>alert(1)</script>"
+++
# <script>alert(1)</script> tiêu đề

<div onclick="alert(1)">khối HTML</div>

Chữ <img src=x onerror=alert(1)> và <script>alert(1)</script> &lt;b&gt;

[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#9;script:alert(1)) [d](vbscript:msgbox(1))
[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [f][r] <javascript:alert(1)>
[g](http://example.org/"onmouseover="alert(1)) [h](https://example.org "\" onmouseover=\"alert(1)")
[i](&#106;avascript:alert(1))

{{ admitted prime-group 2014 }}

[r]: javascript:alert(1)
`)
	for _, d := range diags {
		if d.Severity == 0 {
			t.Errorf("unexpected error: %v", d)
		}
	}
	a := arts[0]
	html := body(a)
	// Text inside attribute values is escaped (no quote can close them), so
	// only what stands outside them could be markup.
	tags := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(html, `""`)
	for _, bad := range []string{"<script", "<img", "<div", "onclick=", "onerror=", "onmouseover="} {
		if strings.Contains(strings.ToLower(tags), bad) {
			t.Errorf("output holds %q:\n%s", bad, html)
		}
	}
	for _, m := range regexp.MustCompile(`(?i)(?:href|src)="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if !safeLink(m[1]) {
			t.Errorf("unsafe link %q written:\n%s", m[1], html)
		}
	}
	// Every javascript:, vbscript: and data: link is reported, and its text kept.
	warnings := 0
	for _, d := range diags {
		if strings.Contains(d.Msg, "bị bỏ: chỉ giữ liên kết http") {
			warnings++
		}
	}
	if warnings != 8 {
		t.Errorf("%d unsafe links reported, want 8:\n%v", warnings, diags)
	}
	if !strings.Contains(html, "<p>a b c d\ne f javascript:alert(1)\n") || !strings.Contains(html, "\ni</p>") {
		t.Errorf("the text of dropped links is gone:\n%s", html)
	}
	// Titles and summaries are plain text, escaped by the page templates;
	// they come back as written, never turned into markup here.
	if a.Title != "</script><img src=x onerror=alert(1)>" || a.Summary != "<script>alert(1)</script>" {
		t.Errorf("title %q, summary %q", a.Title, a.Summary)
	}
}

func TestLinkScheme(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"https://example.org", true},
		{"HTTP://example.org", true},
		{"mailto:a@b.vn", true},
		{"../../don-vi/khoi-dn/", true},
		{"#fn:1", true},
		{"a/b:c", true},
		{"?x=javascript:1", true},
		{"javascript:alert(1)", false},
		{" JavaScript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"\x01javascript:alert(1)", false},
		{"vbscript:x", false},
		{"data:text/html,x", false},
		{"file:///etc/passwd", false},
	}
	for _, tt := range tests {
		if got := safeLink(tt.url); got != tt.safe {
			t.Errorf("safeLink(%q) = %v, want %v", tt.url, got, tt.safe)
		}
	}
}

func TestRemoteImage(t *testing.T) {
	_, diags := load(t, "vi", "-- content/a.md --\n"+head+"![ảnh](https://example.org/a.png) ![ảnh](anh.svg)\n")
	want := `content/a.md:5:1: ảnh "https://example.org/a.png" không nằm trong site; site phải xem được khi không có mạng: dùng ảnh trong site với đường dẫn tương đối`
	if diags.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", diags, want)
	}
}
