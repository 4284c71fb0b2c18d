package export

import (
	"strings"
	"testing"
)

// FuzzOneLine: the fast path of oneLine gives what splitting and joining
// the fields gives.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a\tb", "Đảng bộ Khối", "x\u00a0y", "à", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("%q: %q want %q", s, got, want)
		}
	})
}
