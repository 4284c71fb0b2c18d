package history

import "testing"

// TestCommitted: a commit's date read from its object is the one git log
// writes (%cI), whatever the committer's offset.
func TestCommitted(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"Test <test@example.org> 1664157600 +0700", "2022-09-26T09:00:00+07:00"},
		{"A B <a@b> 1577836800 +0000", "2020-01-01T00:00:00+00:00"},
		{"A <a@b> 1577836800 -0330", "2019-12-31T20:30:00-03:30"},
	} {
		if got, err := committed(tt.line); err != nil || got != tt.want {
			t.Errorf("%q: %q, %v; want %q", tt.line, got, err, tt.want)
		}
	}
	for _, line := range []string{"", "A <a@b>", "A <a@b> x +0700", "A <a@b> 1577836800 0700", "A <a@b> 1577836800 +07"} {
		if got, err := committed(line); err == nil {
			t.Errorf("%q: read as %q", line, got)
		}
	}
}
