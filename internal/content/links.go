package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// linkScheme returns the lowercased scheme of a URL as a browser would
// read it ("" for a relative URL). Browsers ignore ASCII whitespace and
// control characters inside a scheme ("java\tscript:"), so they are
// dropped here too before the scheme is read.
func linkScheme(dest string) string {
	var b strings.Builder
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		if c <= 0x20 || c == 0x7f {
			continue
		}
		switch {
		case c == ':':
			s := strings.ToLower(b.String())
			if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
				return ""
			}
			return s
		case c == '/' || c == '?' || c == '#':
			return ""
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.':
			b.WriteByte(c)
		default:
			// any other character before a colon makes it a path, not a scheme
			return ""
		}
	}
	return ""
}

// remote reports whether a URL leads to another host, or names a scheme:
// anything but a relative path.
func remote(dest string) bool {
	return linkScheme(dest) != "" || strings.HasPrefix(strings.TrimSpace(dest), "//")
}

// safeLink reports whether a link may be written: relative, or to the web or mail.
func safeLink(dest string) bool {
	switch linkScheme(dest) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}

// checkLink drops links that could run code (javascript:, vbscript:,
// data: and any other scheme but http, https and mailto), keeping their
// text, and refuses images from another host: the site works offline.
// An image by a relative address, and a link to a file (a PDF), are
// files of content/ to copy into the site (see attach).
func checkLink(st *articleState, n ast.Node, src []byte) {
	var dest string
	var at int
	switch n := n.(type) {
	case *ast.Link:
		dest = string(n.Destination)
	case *ast.Image:
		dest = string(n.Destination)
	case *ast.AutoLink:
		dest = string(n.URL(src))
	}
	// Check the URL as the browser will read it, references resolved.
	dest = string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(dest)))))
	at = nodeOffset(n)
	if al, ok := n.(*ast.AutoLink); ok {
		// A bare address found by Linkify starts after the character that
		// triggered it (the space before it): point at the address.
		if u := al.URL(src); at >= 0 && at < len(src) && !bytes.HasPrefix(src[at:], u) {
			if i := bytes.Index(src[at:min(len(src), at+len(u)+2)], u); i > 0 {
				at += i
			}
		}
	}
	if img, ok := n.(*ast.Image); ok {
		if remote(dest) {
			st.report(at, "content.image.remote", []any{dest}, "content.image.remote.help")
			img.Destination = nil
			return
		}
		st.attach(n, dest, at)
		return
	}
	if safeLink(dest) {
		if _, ok := n.(*ast.Link); ok && !remote(dest) {
			st.attach(n, dest, at)
		}
		return
	}
	st.warn(at, "content.link.unsafe", []any{dest}, "content.link.unsafe.help")
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		// An autolink's text is its URL: keep it as plain text.
		t := ast.NewString(al.URL(src))
		parent.ReplaceChild(parent, n, t)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// nodeOffset is the byte offset of n in the file, found from its first
// text; goldmark does not keep one for every inline node.
func nodeOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}
