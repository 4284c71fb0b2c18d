package feed

import (
	"encoding/xml"
	"strings"
	"text/template"
)

// Parse parses the template of one of the files this package makes the
// views of, under name ("templates/feed.xml", so that its errors name
// the file as the user sees it).
//
// These templates are text/template, not html/template: HTML's escaping
// is wrong for XML and for plain text. Nothing is escaped unless the
// template says so, and the one function they have, xml, escapes text
// for XML content and attribute values alike: &, <, >, both quotes, tab
// and line breaks become references, and characters XML does not allow
// (control characters) become U+FFFD, so that no text from the data can
// open or close an element or an attribute, write the "]]>" XML forbids
// in text, or make the file unreadable. The built-in templates write every value of their view through it:
//
//	<title type="text">{{xml .Title}}</title>
//
// missingkey=error is on, as on the pages.
func Parse(name, src string) (*template.Template, error) {
	return template.New(name).Option("missingkey=error").Funcs(template.FuncMap{"xml": escapeXML}).Parse(src)
}

// escapeXML is s as XML text, escaped as encoding/xml escapes what it
// marshals, so that the templates write the bytes the encoder did.
func escapeXML(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}
