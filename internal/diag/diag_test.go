package diag

import "testing"

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Path: "data/a.toml", Line: 4, Col: 12, Msg: "sai", Help: "sửa"}, "data/a.toml:4:12: sai; sửa"},
		{Diagnostic{Path: "data/a.toml", Line: 4, Msg: "sai"}, "data/a.toml:4: sai"},
		{Diagnostic{Path: "data/a.toml", Msg: "sai"}, "data/a.toml: sai"},
		{Diagnostic{Path: "content/x.md", Line: 2, Col: 1, Severity: Warning, Msg: "cũ"}, "content/x.md:2:1: warning: cũ"},
	}
	for _, tt := range tests {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// Messages of one run come out by file, then line, then column, whatever
// order the stages found them in; warnings alone are not errors.
func TestSortAndErrors(t *testing.T) {
	l := List{
		{Path: "data/b.toml", Line: 1, Col: 1, Msg: "b"},
		{Path: "data/a.toml", Line: 10, Col: 1, Msg: "a10", Severity: Warning},
		{Path: "data/a.toml", Line: 2, Col: 5, Msg: "a2"},
	}
	l.Sort()
	want := "data/a.toml:2:5: a2\ndata/a.toml:10:1: warning: a10\ndata/b.toml:1:1: b"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 {
		t.Errorf("HasErrors %v, %d errors; want true, 2", l.HasErrors(), len(l.Errors()))
	}
	if (List{l[1]}).HasErrors() {
		t.Error("a warning alone counts as an error")
	}
}
