package content

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// slugInputs are texts slugs are made of: the name, title and every
// heading of each article of the sample site, the scaffold and the test
// site, and letters chosen to catch a change of rule (every Vietnamese
// vowel with each tone in both cases, composed and decomposed, đ, and
// letters outside Vietnamese whose case or marks behave oddly).
func slugInputs(t *testing.T) []string {
	t.Helper()
	in := []string{
		"aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ",
		"AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ",
		"Vie\u0323\u0302t decomposed đảng Đảng ĐẢNG",
		"\u212a Kelvin \u0130stanbul Straße Ａ fullwidth Москва 北京 ﬁ ligature ǅ Ǆ ǆ ΣΑΣ",
		"2017–2018 3.232 69,8% a_b a.b a/b a\tb",
	}
	for _, root := range []string{"../../content", "../scaffold"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			in = append(in, strings.TrimSuffix(filepath.Base(p), ".md"))
			in = append(in, textLines(t, p)...)
			return nil
		})
	}
	in = append(in, textLines(t, "testdata/site.txtar")...)
	slices.Sort(in)
	return slices.Compact(in)
}

// textLines are a file's headings and titles.
func textLines(t *testing.T, p string) []string {
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "title") || strings.HasPrefix(l, "-- ") {
			out = append(out, l)
		}
	}
	return out
}

// TestSlugsKept: every slug of testdata/slugs.txt, made before the slug
// rule moved to package fold, is made again byte for byte, so no
// published address (an article's folder, a heading's anchor, a media
// file's name) changes.
func TestSlugsKept(t *testing.T) {
	const golden = "testdata/slugs.txt"
	var b strings.Builder
	for _, s := range slugInputs(t) {
		b.WriteString(strings.ReplaceAll(s, "\t", `\t`) + "\t" + Slugify(s) + "\n")
	}
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(b.String(), "\n")
	for i, w := range strings.Split(string(want), "\n") {
		if i >= len(got) || got[i] != w {
			t.Errorf("line %d: got %q, want %q", i+1, got[min(i, len(got)-1)], w)
		}
	}
}
