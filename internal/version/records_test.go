package version

import (
	"strings"
	"testing"
)

// TestOfRecordsNotSiteSettings: the data version is the commit that last
// changed the records. A commit that changes only [site] settings,
// comments, the order of keys or a file the build does not read keeps
// the version; a change of a figure gives a new one, also when it puts
// back a value of an earlier version.
func TestOfRecordsNotSiteSettings(t *testing.T) {
	const site = "[site]\ntitle = \"A\"\nroot = \"khoi-dn\"\n"
	const figure = "[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n"
	r := newRepo(t)
	r.write("data/site.toml", site)
	r.write("data/2017.toml", figure)
	first := r.commit("2026-11-20T09:00:00+07:00", "data")

	steps := []struct {
		name  string
		edit  func()
		isNew bool // the version is this step's commit; else the one before
	}{
		{"base_url set", func() { r.write("data/site.toml", site+"base_url = \"https://so-lieu.example/\"\n") }, false},
		{"title and publisher", func() {
			r.write("data/site.toml", "[site]\ntitle = \"B\"\nroot = \"khoi-dn\"\npublisher = \"P\"\nbase_url = \"https://so-lieu.example/\"\n")
		}, false},
		{"a comment and the order of keys", func() {
			r.write("data/2017.toml", "# counted by the department\n[[admission]]\nyear = 2017\ncell = \"khoi-dn\"\nadmitted = 17\n")
		}, false},
		{"a file the build does not read", func() { r.write("data/README.md", "notes") }, false},
		{"[site] moved into another file", func() {
			r.write("data/site.toml", "")
			r.write("data/2017.toml", "[site]\ntitle = \"B\"\nroot = \"khoi-dn\"\npublisher = \"P\"\nbase_url = \"https://so-lieu.example/\"\n\n[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n")
		}, false},
		{"a figure", func() {
			r.write("data/2017.toml", "[site]\ntitle = \"B\"\nroot = \"khoi-dn\"\n\n[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 18\n")
		}, true},
		{"base_url again", func() {
			r.write("data/2017.toml", "[site]\ntitle = \"B\"\nroot = \"khoi-dn\"\nbase_url = \"https://x.example/\"\n\n[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 18\n")
		}, false},
		{"the figure put back as it was first", func() {
			r.write("data/2017.toml", "[site]\ntitle = \"B\"\nroot = \"khoi-dn\"\n\n[[admission]]\ncell = \"khoi-dn\"\nyear = 2017\nadmitted = 17\n")
		}, true},
		{"a new record", func() { r.write("data/2018.toml", strings.ReplaceAll(figure, "2017", "2018")) }, true},
	}
	want := first
	for i, s := range steps {
		s.edit()
		c := r.commit("2026-11-2"+string(rune('1'+i))+"T09:00:00+07:00", s.name)
		if s.isNew {
			want = c
		}
		v, w := ofWarning(t, r.dir)
		if v.Commit != want || w != nil {
			t.Errorf("after %q: version %+v (warning %+v), want %s", s.name, v, w, want[:12])
		}
		if d := r.git("show", "-s", "--format=%cI", want); v.Date.Format("2006-01-02T15:04:05-07:00") != d {
			t.Errorf("after %q: date %v, want that of %s, %s", s.name, v.Date, want[:12], d)
		}
	}
}
