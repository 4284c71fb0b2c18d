package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	xhtml "golang.org/x/net/html"

	"sitegen/internal/address"
	"sitegen/internal/data"
	"sitegen/internal/export"
	"sitegen/internal/i18n"
	"sitegen/internal/render"
	"sitegen/internal/site"
	"sitegen/internal/version"
)

// testVersion stands for the data version the build computes.
var testVersion = version.Version{ID: "0a1b2c3d4e5f", Commit: "0a1b2c3d4e5f0000000000000000000000000000",
	Date: time.Date(2026, 11, 20, 9, 0, 0, 0, time.FixedZone("", 7*3600))}

// renderModel renders m, as the build does once it has the data version.
func renderModel(t *testing.T, m *site.Model) *memWriter {
	t.Helper()
	m.Version = testVersion
	r, err := render.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	w := &memWriter{}
	if _, err := r.Render(m, w); err != nil {
		t.Fatal(err)
	}
	return w
}

// sampleSite renders the sample site of the repository.
func sampleSite(t *testing.T, edit func(m *site.Model)) *memWriter {
	t.Helper()
	m := model(t, os.DirFS("../.."))
	if edit != nil {
		edit(m)
	}
	return renderModel(t, m)
}

var (
	reOption   = regexp.MustCompile(`<script type="application/json" id="([^"]+)-option">(.*?)</script>`)
	reFigure   = regexp.MustCompile(`(?s)<figure class="chart-block".*?</figure>`)
	reSummary  = regexp.MustCompile(`<p class="chart-summary" id="([^"]+)-summary">([^<]+)</p>`)
	reCaption  = regexp.MustCompile(`<table class="figures chart-table sourced" id="([^"]+)-table">\n<caption>[^<]+</caption>`)
	reRow      = regexp.MustCompile(`(?s)<tr><th scope="row">.*?</tr>`)
	reData     = regexp.MustCompile(`<data value="([^"]*)" class="([^"]*)"`)
	reDownload = regexp.MustCompile(`href="([^"]+\.(csv|json))" download`)
	reCite     = regexp.MustCompile(`<p class="cite-text" id="[^"]+-cite">([^<]+)<span class="cite-date">…</span>([^<]+)</p>`)
)

// resolve makes a link of page relative to the site's root.
func resolve(page, href string) string { return path.Join(path.Dir(page), href) }

// parseCSV checks the BOM and returns the rows as maps by column.
func parseCSV(t *testing.T, name string, b []byte) []map[string]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte("\ufeff"))
	if !ok {
		t.Fatalf("%s: no UTF-8 BOM", name)
	}
	recs, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", name, err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// optionValues reads what a chart draws from its ECharts option: per
// category, the numbers of its bars or points and its target band.
type drawn struct {
	categories []string
	values     [][]int64 // per category, every number drawn (bars, points)
	bands      map[int][2]int64
	aria       string
}

func parseOption(t *testing.T, id string, raw []byte) drawn {
	t.Helper()
	var o struct {
		Aria struct {
			Label struct{ Description string }
		}
		XAxis, YAxis []struct {
			Data []string
		}
		Series []struct {
			Data     []json.RawMessage
			MarkArea *struct {
				Data [][]struct{ Coord []int64 }
			}
		}
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatalf("%s: option: %v", id, err)
	}
	d := drawn{bands: map[int][2]int64{}, aria: o.Aria.Label.Description}
	for _, axes := range [][]struct{ Data []string }{o.XAxis, o.YAxis} {
		for _, a := range axes {
			if a.Data != nil {
				d.categories = a.Data
			}
		}
	}
	d.values = make([][]int64, len(d.categories))
	for _, s := range o.Series {
		for i, v := range s.Data {
			var item struct{ Value any }
			if err := json.Unmarshal(v, &item); err != nil {
				t.Fatalf("%s: series data %s: %v", id, v, err)
			}
			if n, ok := item.Value.(float64); ok {
				d.values[i] = append(d.values[i], int64(n))
			}
		}
		if s.MarkArea != nil {
			for _, pair := range s.MarkArea.Data {
				d.bands[int(pair[0].Coord[0])] = [2]int64{pair[0].Coord[1], pair[1].Coord[1]}
			}
		}
	}
	return d
}

// TestChartsCitable checks every chart of every page of the sample site:
// its summary (also its ARIA description), its table of the same
// figures, its CSV and JSON downloads holding the values the chart
// draws, and its citation with the data version.
func TestChartsCitable(t *testing.T) {
	w := sampleSite(t, nil)
	versionText := "Phiên bản dữ liệu 0a1b2c3d4e5f (20/11/2026)"
	charts := 0
	for _, page := range w.pages() {
		src := string(w.files[page])
		if page != "404.html" && !strings.Contains(src, `<p class="version">`+versionText+`</p>`) {
			t.Errorf("%s: no data version in the footer", page)
		}
		for _, block := range reFigure.FindAllString(src, -1) {
			charts++
			om := reOption.FindStringSubmatch(block)
			if om == nil {
				t.Errorf("%s: a chart block without its option", page)
				continue
			}
			id := om[1]
			d := parseOption(t, id, []byte(om[2]))
			sm := reSummary.FindStringSubmatch(block)
			if sm == nil || sm[1] != id || strings.TrimSpace(sm[2]) == "" {
				t.Errorf("%s: %s has no summary", page, id)
			} else if !strings.Contains(d.aria, html.UnescapeString(sm[2])) {
				t.Errorf("%s: %s: ARIA description %q does not hold the summary %q", page, id, d.aria, sm[2])
			}
			if cm := reCaption.FindStringSubmatch(block); cm == nil || cm[1] != id {
				t.Errorf("%s: %s has no table with a caption", page, id)
			}
			if !strings.Contains(block, `<th scope="col"`) {
				t.Errorf("%s: %s: table without column headers", page, id)
			}
			rows := reRow.FindAllString(block, -1)
			if len(rows) != len(d.categories) {
				t.Errorf("%s: %s: table has %d rows, chart %d categories", page, id, len(rows), len(d.categories))
				continue
			}

			links := reDownload.FindAllStringSubmatch(block, -1)
			if len(links) != 2 {
				t.Errorf("%s: %s: want a CSV and a JSON link, got %q", page, id, links)
				continue
			}
			csvName, jsonName := resolve(page, links[0][1]), resolve(page, links[1][1])
			csvRows := parseCSV(t, csvName, w.files[csvName])
			var js struct {
				DataVersion string `json:"data_version"`
				Columns     []string
				Rows        []map[string]any
			}
			if err := json.Unmarshal(w.files[jsonName], &js); err != nil {
				t.Errorf("%s: %v", jsonName, err)
				continue
			}
			if js.DataVersion != testVersion.ID {
				t.Errorf("%s: data_version %q", jsonName, js.DataVersion)
			}
			if len(csvRows) != len(d.categories) || len(js.Rows) != len(d.categories) {
				t.Errorf("%s: %s: %d CSV rows, %d JSON rows, chart %d categories", page, id, len(csvRows), len(js.Rows), len(d.categories))
				continue
			}
			for i, r := range csvRows {
				if r["data_version"] != testVersion.ID {
					t.Errorf("%s row %d: data_version %q", csvName, i, r["data_version"])
				}
				// The numbers the chart draws in this category are the
				// counts of the row, and its band is the target.
				var counts []int64
				for _, col := range []string{"admitted", "members", "referred", "referral_admitted"} {
					if s := r[col]; s != "" {
						n, _ := strconv.ParseInt(s, 10, 64)
						counts = append(counts, n)
						if jn, ok := js.Rows[i][col].(float64); !ok || int64(jn) != n {
							t.Errorf("%s row %d: %s = %v, CSV %d", jsonName, i, col, js.Rows[i][col], n)
						}
						if a := r[col+"_approx"]; a != js.Rows[i][col+"_approx"] && !(a == "" && js.Rows[i][col+"_approx"] == nil) {
							t.Errorf("%s row %d: %s_approx %v, CSV %q", jsonName, i, col, js.Rows[i][col+"_approx"], a)
						}
					}
				}
				got := slices.Clone(d.values[i])
				slices.Sort(got)
				slices.Sort(counts)
				if !slices.Equal(got, counts) {
					t.Errorf("%s: %s, %s: chart draws %v, CSV holds %v", page, id, d.categories[i], got, counts)
				}
				band, hasBand := d.bands[i]
				if r["target_min"] != "" || hasBand {
					if r["target_min"] != strconv.FormatInt(band[0], 10) || r["target_max"] != strconv.FormatInt(band[1], 10) {
						t.Errorf("%s: %s, %s: band %v, CSV target %s–%s", page, id, d.categories[i], band, r["target_min"], r["target_max"])
					}
				}
				// The table's row shows the same figures, approximate where
				// the CSV says so.
				var tableValues []string
				approx := false
				for _, m := range reData.FindAllStringSubmatch(rows[i], -1) {
					tableValues = append(tableValues, m[1])
					approx = approx || strings.Contains(m[2], "approx")
				}
				var want []string
				for _, col := range js.Columns {
					switch {
					case slices.Contains([]string{"admitted", "members", "referred", "referral_admitted"}, col) && r[col] != "":
						want = append(want, r[col])
					case col == "target_min" && r[col] != "":
						v := r["target_min"]
						if r["target_max"] != v {
							v += "-" + r["target_max"]
						}
						want = append(want, v)
					}
				}
				if !slices.Equal(tableValues, want) {
					t.Errorf("%s: %s row %d: table %v, CSV %v", page, id, i, tableValues, want)
				}
				wantApprox := r["admitted_approx"] != "" || r["members_approx"] != "" || r["referred_approx"] != "" || r["referral_admitted_approx"] != ""
				if approx != wantApprox {
					t.Errorf("%s: %s row %d: table approx %v, CSV approx %v", page, id, i, approx, wantApprox)
				}
				if r["admitted_as_of"] != "" && !strings.Contains(rows[i], "đến ") {
					t.Errorf("%s: %s row %d: a figure counted to %s does not say so in the table", page, id, i, r["admitted_as_of"])
				}
			}
			if strings.HasPrefix(page, address.ChartDir) {
				// A chart's own page, to embed: its citation is on the
				// page it links back to.
				if !strings.Contains(src, `<meta name="robots" content="noindex">`) || !strings.Contains(src, `#`+id+`" target`) && !strings.Contains(src, `#`+id+`">`) {
					t.Errorf("%s: %s: a chart's own page without noindex or its link back", page, id)
				}
				continue
			}
			cm := reCite.FindStringSubmatch(block)
			if cm == nil {
				t.Errorf("%s: %s has no citation", page, id)
				continue
			}
			cite := html.UnescapeString(cm[1] + "…" + cm[2])
			folder := strings.TrimSuffix(page, "index.html")
			for _, want := range []string{versionText, folder + "#" + id, "Truy cập ngày …", "Đăng trên trang “"} {
				if !strings.Contains(cite, want) {
					t.Errorf("%s: %s: citation %q lacks %q", page, id, cite, want)
				}
			}
			// site.js gives the citation its copy button, which copies
			// the element of this id (TestSampleSiteCitationPasted).
			if !strings.Contains(block, `<p class="cite-text" id="`+id+`-cite">`) {
				t.Errorf("%s: %s: no citation for a copy button to copy", page, id)
			}
		}
	}
	if charts < 8 {
		t.Errorf("only %d charts on the sample site", charts)
	}
}

// TestFigureAnchors: every figure on its own page has its anchor, a
// visible link to it and a citation; the anchors stay when data of
// another cell change.
func TestFigureAnchors(t *testing.T) {
	found := false
	reBody := regexp.MustCompile(`data-cite-publisher="([^"]*)" data-cite-rest="([^"]*)" data-cite-base="([^"]*)"`)
	anchors := func(w *memWriter, page string) []string {
		src := string(w.files[page])
		body := reBody.FindStringSubmatch(src)
		if body == nil {
			t.Fatalf("%s: no data-cite-* attributes on the body", page)
		}
		var ids []string
		for _, m := range anchorTitles(t, src) {
			if !strings.Contains(src, `id="`+m[1]+`"`) {
				t.Errorf("%s: the link #%s leads to no element", page, m[1])
			}
			// The citation as site.js puts it together.
			url := html.UnescapeString(body[3]) + "#" + m[1]
			cite := html.UnescapeString(body[1]) + " " + m[2] + " " +
				strings.NewReplacer("{url}", url, "{date}", "…").Replace(html.UnescapeString(body[2]))
			for _, want := range []string{"Đảng bộ Khối Doanh nghiệp tỉnh. “", "”, ", strings.TrimSuffix(page, "index.html") + "#" + m[1], "Phiên bản dữ liệu " + testVersion.ID, "Truy cập ngày …, tại "} {
				if !strings.Contains(cite, want) {
					t.Errorf("%s: citation of %s: %q lacks %q", page, m[1], cite, want)
				}
			}
			type quoted struct {
				value   string
				year    int
				sources []string
			}
			if q, ok := map[string]quoted{"admitted-2017": {"trên 200", 2017, []string{"Báo Vĩnh Phúc, 02/02/2018"}}, "admitted-2018-2018-11-15": {"187 (đến 15/11/2018)", 2018, nil}}[m[1]]; ok && page == "don-vi/khoi-dn/index.html" {
				want := export.Cite(i18n.New(i18n.VI), export.Citation{
					Publisher: "Đảng bộ Khối Doanh nghiệp tỉnh", Title: "Kết nạp đảng viên: Đảng bộ Khối Doanh nghiệp tỉnh",
					Period: data.Year(q.year), Value: q.value, URL: "don-vi/khoi-dn/#" + m[1], Version: testVersion,
					Sources: q.sources, Site: "Phát triển đảng viên",
				})
				if cite != want {
					t.Errorf("citation of %s put together:\n got %q\nwant %q", m[1], cite, want)
				}
				found = true
			}
			ids = append(ids, m[1])
		}
		return ids
	}
	a := build2(t, nil)
	b := build2(t, func(files fstest.MapFS) {
		f := files["data/figures.toml"]
		f.Data = append(bytes.Clone(f.Data), []byte("\n[[admission]]\ncell = \"prime-gach\"\nyear = 2017\nadmitted = 3\n")...)
	})
	for _, page := range []string{"don-vi/khoi-dn/index.html", "don-vi/prime-group/index.html", "gioi-thieu/doan-khoi/index.html"} {
		ia, ib := anchors(a, page), anchors(b, page)
		if len(ia) == 0 {
			t.Errorf("%s: no figure anchors", page)
		}
		if !slices.Equal(ia, ib) {
			t.Errorf("%s: anchors changed with another cell's data:\n%q\n%q", page, ia, ib)
		}
	}
	if !found {
		t.Errorf("no anchor admitted-2017 on the root cell's page")
	}
	// The approximate figure is cited as approximate.
	if !strings.Contains(string(a.files["don-vi/khoi-dn/index.html"]), `năm 2017: trên 200.`) {
		t.Errorf("the citation of admitted-2017 does not quote it as published")
	}
}

// anchorTitles are the "#" links to the figures of a page's tables,
// each as ["", its anchor, its title], the title put together as
// site.js does: its column heading's data-cite-start, then its
// data-cite-own, then, where that ends with a space, its figure's
// title and a full stop.
func anchorTitles(t *testing.T, src string) [][3]string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *xhtml.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var out [][3]string
	var heads []*xhtml.Node // the column headings of the table being read
	var column int          // the index of the row's cell being read
	var figure string       // the title of the count's figure being read
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "table":
				heads = nil
			case "tr":
				column = -1
			case "th", "td":
				column++
				if n.Data == "th" && n.Parent != nil && n.Parent.Parent != nil && n.Parent.Parent.Data == "thead" {
					heads = append(heads, n)
				}
			case "span":
				figure = ""
			case "data":
				figure, _ = attr(n, "title")
			case "a":
				own, ok := attr(n, "data-cite-own")
				if strings.HasSuffix(own, " ") {
					own += figure + "."
				}
				if class, _ := attr(n, "class"); ok && class == "anchor" {
					start := ""
					if column >= 0 && column < len(heads) {
						start, _ = attr(heads[column], "data-cite-start")
					}
					href, _ := attr(n, "href")
					out = append(out, [3]string{"", strings.TrimPrefix(href, "#"), start + own})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func build2(t *testing.T, edit func(fstest.MapFS)) *memWriter {
	t.Helper()
	return renderModel(t, model(t, siteFS(t, "site.txtar", edit)))
}

// TestDataPage: the data page lists every table of the data set with its
// columns, and its downloads parse.
func TestDataPage(t *testing.T) {
	w := sampleSite(t, nil)
	page := string(w.files["so-lieu/index.html"])
	if !strings.Contains(string(w.files["index.html"]), `<a href="so-lieu/index.html">`) {
		t.Errorf("the navigation does not link the data page")
	}
	for _, s := range export.Sets {
		if !strings.Contains(page, `href="../so-lieu/`+s.FileName()+`" download`) {
			t.Errorf("data page does not link %s", s.FileName())
		}
		for _, c := range export.Columns(s) {
			if !strings.Contains(page, "<code>"+c.Name+"</code>") {
				t.Errorf("data page does not describe column %s of %s", c.Name, s)
			}
		}
		rows := parseCSV(t, s.FileName(), w.files["so-lieu/"+s.FileName()])
		if len(rows) == 0 {
			t.Errorf("%s is empty", s.FileName())
		}
		// The table itself is on the page, its rows as the CSV holds them.
		if !strings.Contains(page, `<a href="../so-lieu/`+s.FileName()+`" download>`+s.FileName()+`</a> (`+strconv.Itoa(len(rows))+` hàng)`) {
			t.Errorf("data page does not count the %d rows of %s", len(rows), s.FileName())
		}
		first := rows[0][export.Columns(s)[0].Name]
		if !strings.Contains(page, "<tr><td>"+html.EscapeString(first)+"</td>") {
			t.Errorf("data page does not show the first row of %s (%q)", s, first)
		}
	}
	var all map[string]any
	if err := json.Unmarshal(w.files["so-lieu/data.json"], &all); err != nil {
		t.Errorf("data.json: %v", err)
	}
}

// TestFeedSitemap: feed.xml always, sitemap.xml only with base_url, both
// parse; pages link the feed and carry their descriptions and Open
// Graph tags.
func TestFeedSitemap(t *testing.T) {
	parse := func(name string, b []byte) {
		t.Helper()
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: %v", name, err)
				}
				return
			}
		}
	}
	w := sampleSite(t, func(m *site.Model) { m.Site.BaseURL = "" })
	if _, ok := w.files["sitemap.xml"]; ok {
		t.Errorf("sitemap.xml written without base_url")
	}
	parse("feed.xml", w.files["feed.xml"])
	if !bytes.Contains(w.files["robots.txt"], []byte("User-agent: *")) {
		t.Errorf("robots.txt: %q", w.files["robots.txt"])
	}
	w = sampleSite(t, func(m *site.Model) { m.Site.BaseURL = "https://so-lieu.example.vn/" })
	parse("feed.xml", w.files["feed.xml"])
	parse("sitemap.xml", w.files["sitemap.xml"])
	if !bytes.Contains(w.files["sitemap.xml"], []byte("<loc>https://so-lieu.example.vn/don-vi/khoi-dn/</loc>")) {
		t.Errorf("sitemap.xml does not list the root cell's page")
	}
	cell := string(w.files["don-vi/khoi-dn/index.html"])
	for _, want := range []string{
		`<link rel="alternate" type="application/atom+xml" href="../../feed.xml"`,
		`<meta name="description" content="`,
		`<meta property="og:title" content="`,
		`<meta property="og:type" content="website">`,
		`<meta property="og:url" content="https://so-lieu.example.vn/don-vi/khoi-dn/">`,
		`tại https://so-lieu.example.vn/don-vi/khoi-dn/#chart-admissions-khoi-dn</p>`,
	} {
		if !strings.Contains(cell, want) {
			t.Errorf("don-vi/khoi-dn/index.html does not contain %s", want)
		}
	}
}

// TestEnglishLabels: an English site says it all in English.
func TestEnglishLabels(t *testing.T) {
	w := build2(t, func(files fstest.MapFS) {
		f := files["data/site.toml"]
		f.Data = bytes.Replace(f.Data, []byte(`root = "khoi-dn"`), []byte("root = \"khoi-dn\"\nlanguage = \"en\""), 1)
	})
	cell := string(w.files["don-vi/khoi-dn/index.html"])
	for _, want := range []string{
		`<p class="cite-title">Cite this</p>`,
		`data-copy="Copy citation"`, // the copy buttons' label, for site.js
		`data-embed-copy="Embed"`,
		`Download the chart&#39;s figures:`,
		`class="chart-summary" id="chart-admissions-khoi-dn-summary">In 2018, 187 members were admitted (as of 15 November 2018), against a target of 200–220.</p>`,
		`Data version 0a1b2c3d4e5f (20 November 2026)`,
		`<span id="anchor-label" hidden>Permanent link</span>`,
		`<li><a href="../../so-lieu/index.html">Data</a></li>`,
	} {
		if !strings.Contains(cell, want) {
			t.Errorf("English cell page does not contain %s", want)
		}
	}
	if !strings.Contains(string(w.files["so-lieu/index.html"]), "<h1>Data</h1>") {
		t.Errorf("English data page is not titled Data")
	}
}

// TestNotes: without base_url, or with one that is not http or https,
// the build is told that sitemap.xml is left out, and why; with one,
// nothing.
func TestNotes(t *testing.T) {
	r, err := render.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	m := model(t, siteFS(t, "site.txtar", nil))
	m.Site.BaseURL = ""
	notes := r.Notes(m)
	if len(notes) != 1 || !strings.Contains(notes[0], "sitemap.xml") || !strings.Contains(notes[0], "base_url") {
		t.Errorf("notes without base_url: %q", notes)
	}
	m.Site.BaseURL = "https://so-lieu.example.vn/"
	if notes := r.Notes(m); len(notes) != 0 {
		t.Errorf("notes with base_url: %q", notes)
	}
	// A base_url that is set, but not http or https, is what to fix; the
	// note must not ask for one to be set.
	m.Site.BaseURL = "ftp://so-lieu.example.vn/"
	notes = r.Notes(m)
	if len(notes) != 1 || !strings.Contains(notes[0], "ftp://so-lieu.example.vn/") ||
		!strings.Contains(notes[0], "http") || strings.Contains(notes[0], "hãy đặt base_url") {
		t.Errorf("notes with an ftp base_url: %q", notes)
	}
}

// TestFigureLinksLand: every link to a figure's anchor, from any page
// (tables, charts' tables, articles' inline figures), leads to an element
// with that id on the page it names.
func TestFigureLinksLand(t *testing.T) {
	w := sampleSite(t, nil)
	reLink := regexp.MustCompile(`href="([^"#]*)#([^"]+)"`)
	links := 0
	for _, page := range w.pages() {
		if page == "404.html" {
			continue
		}
		for _, m := range reLink.FindAllStringSubmatch(string(w.files[page]), -1) {
			target := page
			if m[1] != "" {
				target = resolve(page, m[1])
			}
			body, ok := w.files[target]
			if !ok {
				t.Errorf("%s: link to %s#%s: no such page", page, m[1], m[2])
				continue
			}
			if !bytes.Contains(body, []byte(`id="`+m[2]+`"`)) {
				t.Errorf("%s: link to %s#%s: no such anchor there", page, target, m[2])
			}
			links++
		}
	}
	if links < 100 {
		t.Errorf("only %d links to anchors on the sample site", links)
	}
}
