package render_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/export"
	"sitegen/internal/i18n"
	"sitegen/internal/render"
	"sitegen/internal/testsite"
)

// english makes the test site an English one.
func english(files fstest.MapFS) {
	f := files["data/site.toml"]
	f.Data = bytes.Replace(f.Data, []byte(`root = "khoi-dn"`), []byte("root = \"khoi-dn\"\nlanguage = \"en\""), 1)
}

// TestDataPageLanguage: the tables of the data page read in the site's
// language, their headings and the words of approximate figures, with
// each column's name from the downloads under its heading; the
// downloads are the same bytes whatever the language.
func TestDataPageLanguage(t *testing.T) {
	vi := build(t, siteFS(t, "site.txtar", nil))
	en := build(t, siteFS(t, "site.txtar", english))
	tests := []struct {
		lang      string
		w         *memWriter
		want, not []string
	}{
		{"vi", vi, []string{
			`<th scope="col">Mã đơn vị<br><code>cell</code></th>`,
			`<th scope="col">Kết nạp<br><code>admitted</code></th>`,
			`<th scope="col">Kết nạp (mức gần đúng)<br><code>admitted_approx</code></th>`,
			`<th scope="col">Đảng viên (mức gần đúng)<br><code>members_approx</code></th>`,
			`<td>200</td><td>trên</td>`, // admissions.csv: 200,over
			`<td>3000</td><td>gần</td>`, // memberships.csv: 3000,under
		}, []string{`<td>over</td>`, `<td>under</td>`, `<th scope="col"><code>`, "Admitted"}},
		{"en", en, []string{
			`<th scope="col">Cell ID<br><code>cell</code></th>`,
			`<th scope="col">Admitted<br><code>admitted</code></th>`,
			`<th scope="col">Admitted (approximation)<br><code>admitted_approx</code></th>`,
			`<td>200</td><td>over</td>`,
			`<td>3000</td><td>nearly</td>`,
		}, []string{`<td>trên</td>`, `<td>under</td>`, "Kết nạp", "mức gần đúng", "Mã đơn vị"}},
	}
	for _, tt := range tests {
		page := string(tt.w.files["so-lieu/index.html"])
		for _, want := range tt.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s data page does not contain\n\t%s", tt.lang, want)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(page, not) {
				t.Errorf("%s data page contains %s", tt.lang, not)
			}
		}
	}
	// The downloads keep the format's names and words.
	found := false
	for _, r := range parseCSV(t, "admissions.csv", vi.files["so-lieu/admissions.csv"]) {
		if r["cell"] == "khoi-dn" && r["year"] == "2017" {
			found = true
			if r["admitted"] != "200" || r["admitted_approx"] != "over" {
				t.Errorf("admissions.csv: khoi-dn 2017 is %s %s, not 200 over", r["admitted"], r["admitted_approx"])
			}
		}
	}
	if !found {
		t.Errorf("admissions.csv has no row of khoi-dn 2017")
	}
	for _, s := range export.Sets {
		name := "so-lieu/" + s.FileName()
		if !bytes.Equal(vi.files[name], en.files[name]) {
			t.Errorf("%s differs between a Vietnamese and an English site", name)
		}
	}
}

// TestDataPageTooMany: a table with more rows than the page shows is
// left to its downloads, and the page says so in words, not by a key.
func TestDataPageTooMany(t *testing.T) {
	fsys := testsite.Generate(150, 5, 0, 1)
	m := model(t, fsys)
	if n := len(m.Data.Admissions); n <= 500 {
		t.Fatalf("the generated site has %d admissions, not more than the page shows", n)
	}
	r, err := render.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	w := &memWriter{}
	if _, err := r.Render(m, w); err != nil {
		t.Fatal(err)
	}
	page := string(w.files["so-lieu/index.html"])
	section := page[strings.Index(page, `<section class="data-set" id="admissions"`):]
	section = section[:strings.Index(section, "</section>")]
	if strings.Contains(section, `<table class="data-table">`) {
		t.Errorf("the data page shows all %d admissions", len(m.Data.Admissions))
	}
	if strings.Contains(page, "data.too_many") {
		t.Errorf("the data page shows the catalogue key data.too_many")
	}
	if want := "<p>" + i18n.New(i18n.VI).T("data.too_many") + "</p>"; !strings.Contains(section, want) {
		t.Errorf("the admissions section does not say\n\t%s\n%s", want, section)
	}
	// The rows are counted, not read back from the file, but the page
	// says how many the file holds.
	loc := i18n.New(i18n.VI)
	rows := len(parseCSV(t, "admissions.csv", w.files["so-lieu/admissions.csv"]))
	if want := "(" + loc.T("data.rows", loc.Int(int64(rows))) + ")"; !strings.Contains(section, want) {
		t.Errorf("the admissions section does not say %s, the rows of admissions.csv", want)
	}
}
