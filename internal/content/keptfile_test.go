package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/data"
)

// TestKeptEncoded: a Kept written by one build and read by the next, a
// new process with data of its own, takes exactly the articles whose
// file, and whose every figure and question, are as they were; what
// comes out is what a fresh Load gives, body and messages; and the same
// articles are written as the same bytes.
func TestKeptEncoded(t *testing.T) {
	fsys := keptSite(t)
	article := articleFile
	setData := func(name, old, new string) func() { return replacing(t, fsys, name, old, new) }
	program := sha256.Sum256([]byte("this sitegen"))
	steps := []struct {
		name   string
		change func()
		prefix string
		kept   []string // the articles taken from the Kept read back
	}{
		{"first build", func() {}, "", nil},
		{"nothing changed", func() {}, "", []string{"a", "b", "d", "e"}},
		{"a count a cites", setData("data/figures.toml", "cell = \"prime-group\"\nyear = 2017\nadmitted = 17\n", "cell = \"prime-group\"\nyear = 2017\nadmitted = 19\n"), "", []string{"b", "d", "e"}},
		{"a count none cites", setData("data/figures.toml", "cell = \"chinh-xac-vn1\"\nyear = 2017\nadmitted = 1\n", "cell = \"chinh-xac-vn1\"\nyear = 2017\nadmitted = 4\n"), "", []string{"a", "b", "d", "e"}},
		{"an article's text", func() { fsys["content/e.md"] = article("e", "2019-05-06", "Chỉ chữ.") }, "", []string{"a", "b", "d"}},
		{"the cell a chart draws gone", setData("data/site.toml", "id = \"prime-group\"", "id = \"prime-group-2\""), "", []string{"e"}},
		{"the cell back", setData("data/site.toml", "id = \"prime-group-2\"", "id = \"prime-group\""), "", []string{"e"}},
		{"the site folder named otherwise", func() {}, "site", nil},
		{"again", func() {}, "site", []string{"a", "b", "d", "e"}},
		{"the site in English", setData("data/site.toml", "[site]\n", "[site]\nlanguage = \"en\"\n"), "site", nil},
	}
	var written []byte
	for _, step := range steps {
		step.change()
		d, diags := data.Load(fsys, step.prefix)
		if d == nil {
			t.Fatalf("%s: no data: %v", step.name, diags)
		}
		read, err := DecodeKept(written, program)
		if step.name != "first build" && err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		was := map[*Article]bool{}
		for _, e := range read.articles {
			was[e.a] = true
		}
		got, gotDiags := LoadKept(fsys, step.prefix, d, read)
		want, wantDiags := Load(fsys, step.prefix, d)
		if g, w := gotDiags.Error(), wantDiags.Error(); g != w {
			t.Errorf("%s: messages\n%s\nwant a fresh load's\n%s", step.name, g, w)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d articles, a fresh load %d", step.name, len(got), len(want))
		}
		var kept []string
		for i, a := range got {
			w := want[i]
			if a.Path != w.Path || a.File != w.File || a.Slug != w.Slug || a.Title != w.Title || a.Summary != w.Summary || a.Sum != w.Sum || body(a) != body(w) {
				t.Errorf("%s: article %s (%s):\n%s\nwant a fresh load's %s (%s):\n%s", step.name, a.Path, a.Slug, body(a), w.Path, w.Slug, body(w))
			}
			// The date as written, zone and all: pages and keys print it.
			if g, w := a.Date.Format("2006-01-02T15:04:05.999999999 MST -07:00"), w.Date.Format("2006-01-02T15:04:05.999999999 MST -07:00"); g != w {
				t.Errorf("%s: %s dated %s, want %s", step.name, a.Path, g, w)
			}
			if was[a] {
				kept = append(kept, strings.TrimSuffix(strings.TrimPrefix(a.Path, step.prefix+"/"), ".md")[len("content/"):])
			}
		}
		slices.Sort(kept)
		if !slices.Equal(kept, step.kept) {
			t.Errorf("%s: kept %q, want %q", step.name, kept, step.kept)
		}
		if read.Taken() != len(step.kept) {
			t.Errorf("%s: Taken says %d articles, want %d", step.name, read.Taken(), len(step.kept))
		}
		written = encoded(t, read, program)
		// Written again from what was read back: the same bytes.
		again, err := DecodeKept(written, program)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if !bytes.Equal(encoded(t, again, program), written) {
			t.Errorf("%s: a Kept read back and written again is not the same bytes", step.name)
		}
	}
}

// TestKeptDamaged: a Kept that does not read is ignored as a whole and
// said (an error), and one of another program is ignored (ErrKeptProgram);
// either way it keeps nothing and every article is parsed.
func TestKeptDamaged(t *testing.T) {
	fsys := mapSite(t)
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"a\"\ndate = 2018-02-03\n+++\nKết nạp {{ admitted prime-group 2017 }} đảng viên.\n")}
	d, diags := data.Load(fsys, "")
	if d == nil {
		t.Fatal(diags)
	}
	program := sha256.Sum256([]byte("this sitegen"))
	k := &Kept{}
	LoadKept(fsys, "", d, k)
	good := encoded(t, k, program)
	if k, err := DecodeKept(good, program); err != nil || len(k.articles) != 1 {
		t.Fatalf("the Kept as written reads %d articles (%v), want 1", len(k.articles), err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	// A Kept whose checksum holds but whose form does not.
	mended := append(bytes.Clone(good[:len(keptMagic)+sha256.Size]), "no gob here"...)
	sum := sha256.Sum256(mended)
	mended = append(mended, sum[:]...)
	// A Kept whose checksum holds but whose article has no slug, as a
	// program that writes Kepts otherwise might: its folder would be
	// bai-viet//.
	noSlug, err := DecodeKept(good, program)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range noSlug.articles {
		e.a.Slug = ""
	}
	for _, c := range []struct {
		name string
		b    []byte
		want error
	}{
		{"an article without a slug", encoded(t, noSlug, program), errKept},
		{"a byte changed", flipped, errKept},
		{"cut short", good[:len(good)-1], errKept},
		{"cut to its start", good[:len(keptMagic)+3], errKept},
		{"empty", nil, errKept},
		{"not a Kept", []byte("# sitegen made 2 abc\n"), errKept},
		{"another form", append([]byte("sitegen articles 0\n"), good[len(keptMagic):]...), errKept},
		{"its form not what it says", mended, errKept},
		{"another program", good, ErrKeptProgram},
	} {
		prog := program
		if c.want == ErrKeptProgram {
			prog = sha256.Sum256([]byte("another sitegen"))
		}
		k, err := DecodeKept(c.b, prog)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		}
		if len(k.articles) != 0 {
			t.Errorf("%s: keeps %d articles, want none", c.name, len(k.articles))
		}
		// Still good to load through, and to keep this load's articles.
		arts, _ := LoadKept(fsys, "", d, k)
		if len(arts) != 1 || len(k.articles) != 1 {
			t.Errorf("%s: a load through it gave %d articles and kept %d, want 1 and 1", c.name, len(arts), len(k.articles))
		}
	}
}

// BenchmarkKeptEncode writes the Kept of 1,000 articles, as a build
// does at its end; it reports the bytes written.
func BenchmarkKeptEncode(b *testing.B) {
	_, _, k, program := kept1000(b)
	var w bytes.Buffer
	for b.Loop() {
		w.Reset()
		if err := k.Encode(&w, program); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.Len()), "bytes")
}

// BenchmarkLoadKeptRead is BenchmarkLoad1000 through the Kept an earlier
// build wrote, nothing changed: reading it back, and the load that asks
// every figure again and takes every article.
func BenchmarkLoadKeptRead(b *testing.B) {
	fsys, d, k, program := kept1000(b)
	written := encoded(b, k, program)
	for b.Loop() {
		read, err := DecodeKept(written, program)
		if err != nil {
			b.Fatal(err)
		}
		LoadKept(fsys, "", d, read)
		if read.Taken() != 1000 {
			b.Fatalf("took %d articles, want 1000", read.Taken())
		}
	}
}

// keptSite is the test site with articles of each kind a Kept holds: a
// figure in the text, one in a link's text with a zone of its own, an
// error (never kept), a chart, and text alone.
func keptSite(t testing.TB) fstest.MapFS {
	fsys := mapSite(t)
	fsys["content/a.md"] = articleFile("a", "2018-02-03", "Kết nạp {{ admitted prime-group 2017 }} đảng viên.")
	fsys["content/b.md"] = articleFile("b", "2018-02-03T09:30:00+05:00", "Kết nạp {{ admitted in-phuc-yen 2016 }} đảng viên, [{{ admitted prime-group 2016 }} ở đây](https://example.org/x).")
	fsys["content/c.md"] = articleFile("c", "2018-02-03", "Kết nạp {{ admitted khong-co 2017 }} đảng viên.") // an error of its own: never kept
	fsys["content/d.md"] = articleFile("d", "2018-02-03", "{{ chart admissions prime-group }}\n\nHết.")
	fsys["content/e.md"] = articleFile("e", "2019-05-06", "Chỉ chữ, không số.")
	return fsys
}

// articleFile is an article's file of title, date and text.
func articleFile(title, date, text string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = " + date + "\n+++\n" + text + "\n")}
}

// FuzzDecodeKept feeds DecodeKept any bytes, as they are and with their
// checksum made again (a cache damaged, or written by a program that
// does not write what sitegen reads): it must not panic, a Kept it
// refuses keeps nothing, and a load through what it gives must not panic
// either, whatever questions, figures and numbers the Kept holds.
func FuzzDecodeKept(f *testing.F) {
	fsys := keptSite(f)
	d := loadData(f, fsys)
	program := sha256.Sum256([]byte("this sitegen"))
	k := &Kept{}
	LoadKept(fsys, "", d, k)
	f.Add(encoded(f, k, program))
	f.Add([]byte(keptMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		resummed := b
		if len(b) >= sha256.Size {
			body := b[:len(b)-sha256.Size]
			sum := sha256.Sum256(body)
			resummed = append(bytes.Clone(body), sum[:]...)
		}
		for _, b := range [][]byte{b, resummed} {
			k, err := DecodeKept(b, program)
			if err != nil && len(k.articles) > 0 {
				t.Errorf("a Kept refused (%v) keeps %d articles", err, len(k.articles))
			}
			LoadKept(fsys, "", d, k)
		}
	})
}

// encoded is what k.Encode writes.
func encoded(t testing.TB, k *Kept, program [sha256.Size]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := k.Encode(&b, program); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// kept1000 is manyArticles(1000) loaded through a Kept, for a program.
func kept1000(b *testing.B) (fs.FS, *data.Data, *Kept, [sha256.Size]byte) {
	fsys := manyArticles(b, 1000)
	d := loadData(b, fsys)
	k := &Kept{}
	LoadKept(fsys, "", d, k)
	return fsys, d, k, sha256.Sum256([]byte("this sitegen"))
}
