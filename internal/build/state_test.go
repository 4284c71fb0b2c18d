package build

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/content"
	"sitegen/internal/history"
	"sitegen/internal/made"
	"sitegen/internal/publish"
	"sitegen/internal/testsite"
)

// TestStateTooLarge: a file of the output's .sitegen/ larger than any a
// build writes (sparse here; one of 64 GB ran a build out of memory) is
// not read. A cache is ignored with a note that says why, in the site's
// language, and the rebuild equals a cold build; a manifest so large
// refuses the output as not the build's own, and leaves it as it was.
func TestStateTooLarge(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := testsite.WriteDir(testsite.Generate(6, 3, 4, 7), src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	cold := filepath.Join(t.TempDir(), "cold")
	mustBuild(t, src, cold)
	grow := func(name string) {
		if err := os.Truncate(filepath.Join(out, ".sitegen", name), publish.MaxState+1); err != nil {
			t.Fatal(err)
		}
	}
	state := func(name string) string { return path.Join(out, ".sitegen", name) }
	for _, c := range []struct{ name, note string }{
		{history.CacheName, "Bỏ qua bộ nhớ đệm " + state(history.CacheName) + " vì không đọc được (lớn hơn mọi tệp sitegen ghi)"},
		{made.IndexName, "Bỏ qua chỉ mục " + state(made.IndexName) + " vì không đọc được (lớn hơn mọi tệp sitegen ghi)"},
		{content.KeptName, "Bỏ qua bộ nhớ đệm bài viết " + state(content.KeptName) + " vì không đọc được (lớn hơn mọi tệp sitegen ghi)"},
	} {
		grow(c.name)
		res, diags, err := Build(src, out, Options{})
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s too large: %v %v", c.name, err, diags)
		}
		if said := strings.Join(res.Notes, "\n"); !strings.Contains(said, c.note) {
			t.Errorf("%s too large: the build said\n%s\nwant %q", c.name, said, c.note)
		}
		if d := rebuildDiff(readTree(t, cold), readTree(t, out)); len(d) > 0 {
			t.Fatalf("%s too large: the rebuild differs from a cold build:\n%s", c.name, strings.Join(d, "\n"))
		}
	}
	// The output is compared with the manifest as it was written: read
	// whole, the grown one would take 2 GB of the test's memory.
	before := readTree(t, out)
	manifest := filepath.Join(out, filepath.FromSlash(publish.ManifestName))
	grow(path.Base(publish.ManifestName))
	_, _, err := Build(src, out, Options{})
	if err == nil || !strings.Contains(err.Error(), "có .sitegen/manifest, nhưng tệp này không còn như sitegen đã ghi") {
		t.Errorf("a manifest too large: %v, want the output refused as damaged", err)
	}
	if fi, err := os.Stat(manifest); err != nil || fi.Size() != publish.MaxState+1 {
		t.Fatalf("the refused build changed the manifest: %v", err)
	}
	if err := os.WriteFile(manifest, before[publish.ManifestName].data, 0o644); err != nil {
		t.Fatal(err)
	}
	if d := rebuildDiff(before, readTree(t, out)); len(d) > 0 {
		t.Errorf("a refused build changed the output:\n%s", strings.Join(d, "\n"))
	}
}
