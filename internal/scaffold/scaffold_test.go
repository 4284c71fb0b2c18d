package scaffold_test

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"sitegen/internal/build"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/scaffold"
)

// paths lists what Write makes in a folder, by slash path, folders
// with a trailing slash.
func paths(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			rel += "/"
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func write(t *testing.T, lang i18n.Lang) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "trang")
	if err := scaffold.Write(dir, "trang", lang); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEveryLanguage: Vietnamese and English have a scaffold, and every
// scaffold has the same files, so that docs/writing.md lists them once.
func TestEveryLanguage(t *testing.T) {
	if got := scaffold.Langs(); !slices.Equal(got, []i18n.Lang{i18n.VI, i18n.EN}) {
		t.Errorf("scaffolds for %v, want vi and en", got)
	}
	first := paths(t, write(t, i18n.VI))
	for _, l := range scaffold.Langs() {
		if got := paths(t, write(t, l)); !slices.Equal(got, first) {
			t.Errorf("the %s scaffold has\n%v\nthe vi one\n%v", l, got, first)
		}
	}
	if !slices.Contains(first, scaffold.Templates+"/") {
		t.Errorf("no empty templates/ folder: %v", first)
	}
	if _, err := scaffold.Files("xx"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Files(xx): %v, want fs.ErrNotExist", err)
	}
}

// TestChecks: a new site has no diagnostic at all, in every language,
// and is in that language.
func TestChecks(t *testing.T) {
	for _, l := range scaffold.Langs() {
		t.Run(string(l), func(t *testing.T) {
			dir := write(t, l)
			in, diags := build.Check(os.DirFS(dir), "")
			for _, d := range diags {
				t.Errorf("%s", d.Error())
			}
			if in.Data == nil || in.Data.Site.Language != string(l) {
				t.Fatalf("the %s scaffold is not a site in %s", l, l)
			}
			if len(in.Articles) != 1 || len(in.Articles[0].Figures) == 0 {
				t.Fatalf("the %s scaffold has %d articles; want one citing figures", l, len(in.Articles))
			}
			charts := 0
			for _, s := range in.Articles[0].Body {
				if s.Chart != nil {
					charts++
				}
			}
			if charts == 0 {
				t.Errorf("the %s scaffold's article draws no chart", l)
			}
		})
	}
}

// TestBuilds: a new site builds at once, and its article's figures are
// on its page, linked to their anchors.
func TestBuilds(t *testing.T) {
	for _, l := range scaffold.Langs() {
		t.Run(string(l), func(t *testing.T) {
			dir := write(t, l)
			out := filepath.Join(dir, "public")
			res, diags, err := build.Build(dir, out, build.Options{})
			// The new site is not in git yet, and the build says so (its
			// data version is a hash): that warning about data/ only.
			if err != nil || len(diags) != 1 || diags[0].Severity != diag.Warning || diags[0].Path != "data/" ||
				!strings.Contains(diags[0].Msg, i18n.New(l).T("version.why.not-repo", dir)) {
				t.Fatalf("build: %v %v", err, diags)
			}
			if res.Pages < 5 {
				t.Errorf("%d pages", res.Pages)
			}
			page, err := os.ReadFile(filepath.Join(out, "bai-viet", "ket-qua-2024", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			// The bloc's admissions: the sum of its two cells, 12 + 9.
			if !bytes.Contains(page, []byte(`href="../../don-vi/khoi/index.html#admitted-2024"`)) ||
				!bytes.Contains(page, []byte(`class="figure sum">21</data>`)) {
				t.Errorf("the article's page does not show the bloc's admissions (21) linked to their anchor")
			}
			cell, err := os.ReadFile(filepath.Join(out, "don-vi", "khoi", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(cell, []byte(`id="admitted-2024"`)) {
				t.Errorf("the bloc's page has no anchor admitted-2024")
			}
		})
	}
}

// TestCommented: every line of the TOML has a comment, in the site's
// language: Vietnamese with its diacritics, English without them.
func TestCommented(t *testing.T) {
	quoted := regexp.MustCompile(`"[^"]*"`)
	for _, l := range scaffold.Langs() {
		src, err := scaffold.Files(l)
		if err != nil {
			t.Fatal(err)
		}
		tomls, err := fs.Glob(src, "data/*.toml")
		if err != nil || len(tomls) == 0 {
			t.Fatalf("%s: no data/*.toml: %v", l, err)
		}
		for _, name := range tomls {
			b, err := fs.ReadFile(src, name)
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			for n := 1; sc.Scan(); n++ {
				line := sc.Text()
				if strings.TrimSpace(line) == "" {
					continue
				}
				// The comment is after the first # outside a string.
				i := strings.IndexByte(quoted.ReplaceAllStringFunc(line, func(s string) string { return strings.Repeat("x", len(s)) }), '#')
				if i < 0 {
					t.Errorf("%s/%s:%d: no comment: %s", l, name, n, line)
					continue
				}
				comment := quoted.ReplaceAllString(line[i:], `""`)
				vietnamese := strings.ContainsFunc(comment, func(r rune) bool { return unicode.IsLetter(r) && r > unicode.MaxASCII })
				if l == i18n.VI && !vietnamese {
					t.Errorf("%s/%s:%d: a comment without Vietnamese diacritics: %s", l, name, n, comment)
				}
				if l == i18n.EN && vietnamese {
					t.Errorf("%s/%s:%d: a comment in Vietnamese in the %s site: %s", l, name, n, l, comment)
				}
			}
		}
	}
}

// TestRefusesNonEmpty: a folder with anything in it is refused, in the
// site's language, and left as it was.
func TestRefusesNonEmpty(t *testing.T) {
	for _, l := range scaffold.Langs() {
		dir := t.TempDir()
		keep := filepath.Join(dir, "ghi-chu.txt")
		if err := os.WriteFile(keep, []byte("của tôi"), 0o600); err != nil {
			t.Fatal(err)
		}
		err := scaffold.Write(dir, "trang", l)
		var d *diag.Diagnostic
		if !errors.As(err, &d) {
			t.Fatalf("%s: %v, want a refusal", l, err)
		}
		want := "trang: " + i18n.New(l).T("new.not_empty") + "; " + i18n.New(l).T("new.not_empty.help")
		if d.Error() != want {
			t.Errorf("%s: %q, want %q", l, d.Error(), want)
		}
		if got := paths(t, dir); !slices.Equal(got, []string{"ghi-chu.txt"}) {
			t.Errorf("%s: the refused folder holds %v", l, got)
		}
		if b, _ := os.ReadFile(keep); string(b) != "của tôi" {
			t.Errorf("%s: the file in it was changed", l)
		}
	}
}

func TestRefusesFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "trang")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := scaffold.Write(f, "trang", i18n.VI)
	if err == nil || err.Error() != "trang: đây là một tệp, không phải thư mục; chọn cho trang mới một tên chưa có tệp hay thư mục nào dùng" {
		t.Errorf("a file as the folder: %v", err)
	}
}

// TestMakesFolders: the folder and the folders above it are made; an
// empty folder that exists is written into.
func TestMakesFolders(t *testing.T) {
	deep := filepath.Join(t.TempDir(), "a", "b", "trang")
	if err := scaffold.Write(deep, "trang", i18n.VI); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	if err := scaffold.Write(empty, "trang", i18n.EN); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{deep, empty} {
		if _, err := os.Stat(filepath.Join(dir, "data", "site.toml")); err != nil {
			t.Error(err)
		}
	}
}

// TestWritingListsTheFiles: docs/writing.md lists the files a new site
// has, each once.
func TestWritingListsTheFiles(t *testing.T) {
	doc, err := os.ReadFile("../../docs/writing.md")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(string(doc), "\n") {
		if rest, ok := strings.CutPrefix(line, "my-site/"); ok {
			listed = append(listed, strings.Fields(rest)[0])
		}
	}
	slices.Sort(listed)
	all := paths(t, write(t, i18n.VI))
	var got []string // the files, and the folders that hold none
	for _, p := range all {
		if !strings.HasSuffix(p, "/") || !slices.ContainsFunc(all, func(q string) bool { return q != p && strings.HasPrefix(q, p) }) {
			got = append(got, p)
		}
	}
	if !slices.Equal(listed, got) {
		t.Errorf("docs/writing.md lists\n%v\nsitegen new writes\n%v", listed, got)
	}
}
