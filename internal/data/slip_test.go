package data

import "testing"

// A curly quote inside text in straight quotes is text: the slip, if
// any, is another.
func TestCurlyInsideText(t *testing.T) {
	for _, tt := range []struct{ line, kind string }{
		{`name = “Chi bộ”`, "curly"},
		{`name = "Chi bộ “A”`, "unclosed"},
		{`name = "a \" “b”`, "unclosed"},
		{`name = 'Chi bộ “A”' x`, ""},
		{`“name” = 1`, "curly"},
		{`name = 1 # “x”`, ""},
	} {
		s, _ := FindSlip(tt.line, keyWords, cellKeys)
		if s.Kind != tt.kind {
			t.Errorf("%s: slip %q, want %q", tt.line, s.Kind, tt.kind)
		}
	}
}
