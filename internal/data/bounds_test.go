package data

import (
	"flag"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"sitegen/internal/diag"
	"sitegen/internal/hostile"
)

var update = flag.Bool("update", false, "write the hostile inputs missing from the fuzz corpus under testdata/fuzz")

// TestHostileData: each hostile data file is refused at its place, and
// fast.
func TestHostileData(t *testing.T) {
	want := map[string]string{
		"nested-inline-tables":          "data/x.toml:1:10001: dòng dài 32005 ký tự, quá giới hạn 10000 ký tự",
		"nested-inline-tables-per-line": "data/x.toml:1:34: bảng, mảng và các phần của khóa có dấu chấm lồng nhau quá 20 tầng ở đây",
		"dotted-keys":                   "data/x.toml:2:40: cell: bảng, mảng và các phần của khóa có dấu chấm lồng nhau quá 20 tầng ở đây",
		"nested-arrays-of-tables":       "data/x.toml:8:1: bảng, mảng và các phần của khóa có dấu chấm lồng nhau quá 20 tầng ở đây",
		"inline-tables-on-one-line":     "data/x.toml:1:10001: dòng dài 300006 ký tự, quá giới hạn 10000 ký tự",
	}
	for _, in := range hostile.TOML {
		t.Run(in.Name, func(t *testing.T) {
			var diags diag.List
			hostile.Run(t, func() {
				_, diags = load(t, baseSite+"-- data/x.toml --\n"+in.Text)
			})
			if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), want[in.Name]+";") {
				t.Errorf("got:\n%swant:\n%s; …", messages(diags), want[in.Name])
			}
		})
	}
}

// TestScanLongLine: the key scanner counts a key's column from the key
// before it, so that a line of many keys is read once.
func TestScanLongLine(t *testing.T) {
	src := "a = [" + strings.Repeat("{x=1},", 100000) + "{y=1}]\n"
	var ix *fileIndex
	hostile.Run(t, func() { ix = scanFile(src) })
	if got, want := ix.top.key("a.y"), (place{1, 600007}); got != want {
		t.Errorf("a.y at %v, want %v", got, want)
	}
}

// TestTooDeep: every level counts (a header's parts, a key's parts, each
// table and array opened), and nothing in a string or a comment does.
func TestTooDeep(t *testing.T) {
	deep := func(head string, n int, open, close, tail string) string {
		return head + strings.Repeat(open, n) + tail + strings.Repeat(close, n) + "\n"
	}
	for _, tt := range []struct {
		name, src string
		want      int // offset, -1 for within the bound
	}{
		{"arrays at the bound", deep("a = ", 19, "[", "]", "1"), -1},
		{"arrays past it", deep("a = ", 20, "[", "]", "1"), 4 + 19},
		{"inline tables at the bound", "a = " + strings.Repeat("{b=", 8) + "{c=1" + strings.Repeat("}", 9) + "\n", -1},
		{"inline tables past it", "a = " + strings.Repeat("{b=", 9) + "{c=1" + strings.Repeat("}", 10) + "\n", 4 + 27 + 1},
		{"dotted key at the bound", strings.Repeat("a.", 19) + "b = 1\n", -1},
		{"dotted key past it", strings.Repeat("a.", 20) + "b = 1\n", 40},
		{"header and key", "[" + strings.Repeat("a.", 9) + "b]\n" + strings.Repeat("c.", 9) + "d = 1\n" + strings.Repeat("e.", 10) + "f = 1\n", 22 + 24 + 20},
		{"array of tables", "[[" + strings.Repeat("a.", 19) + "b]]\nc = 1\n", 2 + 19*2 + 4},
		{"quoted parts", `"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u" = 1` + "\n", -1},
		{"quoted parts past it", strings.Repeat(`"a".'b'.`, 10) + `"c" = 1` + "\n", 80},
		{"brackets in strings", `a = "` + strings.Repeat("[{", 30) + `"` + "\nb = '" + strings.Repeat("[", 30) + "'\n", -1},
		{"escaped quote", `a = "\"` + strings.Repeat("[", 30) + `"` + "\n", -1},
		{"brackets in a comment", "a = 1 # " + strings.Repeat("[", 30) + "\n# " + strings.Repeat("{", 30) + "\n", -1},
		{"brackets in multi-line strings", "a = \"\"\"\n" + strings.Repeat("[", 30) + "\\\"\"\"\n\"\"\"\"\"\nb = '''" + strings.Repeat("{", 30) + "'''\n", -1},
		{"past it after a multi-line string", "a = \"\"\"x\"\"\"\"\"\nb = " + strings.Repeat("[", 20) + "\n", 14 + 4 + 19},
		{"arrays over lines, with comments", "a = [ # x\n" + strings.Repeat("[\n# [\n", 19) + "]\n", 10 + 18*6},
		{"a date and its time apart", "a = { d = 1979-05-27 07:32:00, e = " + strings.Repeat("[", 20) + "\n", 35 + 17},
		{"the format's deepest", "[[admission]]\nadmitted = { value = 200, approx = \"over\" }\n", -1},
		{"not TOML", "a = {b = ]]]]\n[[[[[\n" + strings.Repeat("{", 30), -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := TooDeep(tt.src); got != tt.want {
				t.Errorf("TooDeep(%q) = %d, want %d", tt.src, got, tt.want)
			}
		})
	}
}

// TestLongLine: a line of MaxLine characters is within the bound, in
// characters (not bytes), and the one past it is refused at the first
// character past it.
func TestLongLine(t *testing.T) {
	ok := "x\n" + strings.Repeat("ệ", MaxLine) + "\n" + strings.Repeat("a", MaxLine)
	if off, _ := LongLine(ok); off != -1 {
		t.Errorf("a line of %d characters refused at %d", MaxLine, off)
	}
	long := "x\n" + strings.Repeat("ệ", MaxLine) + "ab\ny"
	if off, n := LongLine([]byte(long)); off != 2+3*MaxLine || n != MaxLine+2 {
		t.Errorf("LongLine = %d, %d; want %d, %d", off, n, 2+3*MaxLine, MaxLine+2)
	}
}

// TestCorpusHasHostile: the fuzz corpus of FuzzLoad holds every hostile
// data file, for the fuzzer to start from; go test -update writes them.
func TestCorpusHasHostile(t *testing.T) {
	hostile.CheckCorpus(t, "FuzzLoad", hostile.TOML, func(s string) string { return s }, *update)
}

// nesting is how deep a decoded value nests: a table or an array is a level.
func nesting(v any) int {
	deepest := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			deepest = max(deepest, nesting(e))
		}
	case []map[string]any:
		for _, e := range v {
			deepest = max(deepest, nesting(e))
		}
	case []any:
		for _, e := range v {
			deepest = max(deepest, nesting(e))
		}
	default:
		return 0
	}
	return deepest + 1
}

// checkDepth: TooDeep agrees with the decoder on b. A text it finds too
// deep decodes (when it does) to a value nested at least half as deep
// (a table written { … } is two levels, a key and a brace); one it lets
// through nests no deeper than MaxDepth and the top table and an array
// of tables.
func checkDepth(t *testing.T, b []byte) {
	s := string(b)
	if len(s) > 1<<12 {
		return // the decoder may take long on it: that is the point
	}
	var m map[string]any
	if _, err := toml.Decode(s, &m); err != nil {
		return
	}
	d := nesting(m)
	if off := TooDeep(s); off >= 0 && 2*d < MaxDepth {
		t.Errorf("TooDeep refused %q at %d, but it decodes %d deep", s, off, d)
	} else if off < 0 && d > MaxDepth+2 {
		t.Errorf("TooDeep let %q through, but it decodes %d deep", s, d)
	}
}
