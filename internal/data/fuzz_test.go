package data

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"sitegen/internal/diag"
	"sitegen/internal/hostile"
)

// FuzzLoad feeds arbitrary bytes to the whole load, as one data file next
// to a valid [site]: no input may panic or take long, every diagnostic
// must carry a path and read `path:line:col: …`, and the bound on depth
// must agree with the decoder (checkDepth). Its corpus holds every
// hostile input of internal/hostile (TestCorpusHasHostile).
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("../../data/*.toml")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	for _, s := range []string{
		"[[admission]]\ncell = \"khoi\"\nyear = 2017\nadmitted = 5.921\n",
		"[[admission]]\ncell = \"khoi\"\nyear = 2017\nadmitted = 5,921\n",
		"[admission]\ncell = \"khoi\"\n",
		"[[cell]]\nid = \"a\"\nparent = \"a\"\nname = \"\"\"x\n[[cell]]\n\"\"\"\nkind = 'khoi'\n",
		"[[membership]]\ncell = \"khoi\"\ndate = 31/12/2022\n",
		"[[target]]\ncell = \"khoi\"\nfrom = 2100\nto = 1930\nmin = -1\n",
		"a = { b = { c = [1, { d = 2 }] } }\n[[cell]]\nx.y.z = 1\n[cell.q]\n",
		"[[referral]]\nreferrer = 1\nyear = 9223372036854775807\nreferred = { value = 9223372036854775807 }\n",
		"\xff\xfe[[cell]]",
		"\uFEFF[site]\ntitle = \"T\"\n",
	} {
		f.Add([]byte(s))
	}
	site := []byte("[site]\ntitle = \"T\"\nroot = \"khoi\"\n\n[[cell]]\nid = \"khoi\"\nname = \"K\"\nkind = \"khoi\"\n")
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{
			"data/site.toml": {Data: site},
			"data/x.toml":    {Data: b},
		}
		var d *Data
		var diags diag.List
		hostile.Run(t, func() { d, diags = Load(fsys, "") })
		for _, e := range diags {
			if e.Path == "" || e.Msg == "" {
				t.Errorf("diagnostic without a place or a message: %+v", e)
			}
		}
		if d != nil {
			for _, q := range allQueries(d) {
				d.Figure(q)
			}
		}
		// The same bytes alone, without a site, must not panic either.
		Load(fstest.MapFS{"data/x.toml": {Data: b}}, "")
		checkDepth(t, b)
	})
}
