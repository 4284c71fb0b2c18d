package reference

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// The checker: reads a built site and compares it with what the reference
// says it must show. It returns what it finds rather than failing, so that
// a test can plant faults and see them reported.

// finding is one difference between the built site and the reference.
type finding struct {
	kind  string // figure, anchor, inline, link, chart, download, page
	page  string // the file, from the top of the site
	where string // the anchor, chart row or column
	got   string
	want  string
}

func (f finding) String() string {
	return fmt.Sprintf("%s %s %s:\n\tgot  %s\n\twant %s", f.kind, f.page, f.where, f.got, f.want)
}

type checker struct {
	out      string
	pages    map[string]*html.Node // the pages read, by path
	version  string                // the data version of the first download read
	findings []finding
}

func (c *checker) report(kind, page, where, got, want string) {
	c.findings = append(c.findings, finding{kind: kind, page: page, where: where, got: got, want: want})
}

// page reads a built page once; nil when it cannot.
func (c *checker) page(p string) *html.Node {
	if n, ok := c.pages[p]; ok {
		return n
	}
	n, err := parsePage(filepath.Join(c.out, filepath.FromSlash(p)))
	if err != nil {
		n = nil
	}
	c.pages[p] = n
	return n
}

// check compares the site built into out with w, what the reference says
// it must show.
func check(w *want, out string) []finding {
	c := &checker{out: out, pages: map[string]*html.Node{}}
	var paths []string
	for p := range w.pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		pw := w.pages[p]
		doc := c.page(p)
		if doc == nil {
			c.report("page", p, "", "no page", "the page")
			continue
		}
		if pw.figures != nil {
			c.ownFigures(pw, doc)
		}
		if strings.HasPrefix(p, "bai-viet/") {
			c.inline(pw, doc)
		}
		c.charts(pw, doc)
	}
	c.downloads(w)
	c.links()
	return c.findings
}

// ownFigures compares the figures of a cell's or referrer's page: every
// <td id> of its tables but the charts', each count, its dated anchor,
// its figure and its "#" link.
func (c *checker) ownFigures(pw *pageWant, doc *html.Node) {
	got := map[string]*html.Node{}
	for _, td := range findAll(doc, func(n *html.Node) bool {
		_, ok := attr(n, "id")
		return n.Data == "td" && ok
	}) {
		got[attrOf(td, "id")] = td
	}
	var ids []string
	for id := range pw.figures {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		td := got[id]
		if td == nil {
			c.report("anchor", pw.path, "#"+id, "no such anchor", "the figure "+pw.figures[id].counts[len(pw.figures[id].counts)-1].fig.String())
			continue
		}
		c.counts(pw.path, id, td, pw.figures[id].counts)
	}
	for id := range got {
		if pw.figures[id] == nil {
			c.report("anchor", pw.path, "#"+id, "a figure "+describeCounts(got[id]), "no figure there")
		}
	}
}

func describeCounts(td *html.Node) string {
	var out []string
	for _, sp := range children(td, tagClass("span", "count")) {
		s, _ := readShown(sp)
		out = append(out, s.String())
	}
	return strings.Join(out, " · ")
}

// describeWant says what counts a figure should show, as describeCounts
// says what it shows.
func describeWant(want []ownCount) string {
	var ws []string
	for _, w := range want {
		ws = append(ws, w.fig.String())
	}
	return fmt.Sprintf("%d counts: %s", len(want), strings.Join(ws, " · "))
}

// counts compares the counts of one figure on its own page.
func (c *checker) counts(page, id string, td *html.Node, want []ownCount) {
	spans := children(td, tagClass("span", "count"))
	if len(spans) != len(want) {
		c.report("figure", page, "#"+id, fmt.Sprintf("%d counts: %s", len(spans), describeCounts(td)), describeWant(want))
		return
	}
	for i, sp := range spans {
		w := want[i]
		where := fmt.Sprintf("#%s count %d", id, i+1)
		if got := attrOf(sp, "id"); got != w.id {
			c.report("anchor", page, where, "id="+quoteOrNone(got), "id="+quoteOrNone(w.id))
		}
		if got := hasClass(sp, "earlier"); got != w.earlier {
			c.report("figure", page, where, fmt.Sprintf("earlier=%v", got), fmt.Sprintf("earlier=%v", w.earlier))
		}
		got, _ := readShown(sp)
		c.compareShown("figure", page, where, got, w.fig)
		if a := first(sp, tagClass("a", "anchor")); a == nil || attrOf(a, "href") != "#"+w.anchor {
			h := "none"
			if a != nil {
				h = attrOf(a, "href")
			}
			c.report("anchor", page, where+" link", h, "#"+w.anchor)
		}
	}
}

func quoteOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}

func (c *checker) compareShown(kind, page, where string, got, want shown) {
	if got.value != want.value || got.class != want.class || got.title != want.title || got.text != want.text ||
		!slices.Equal(got.notes, want.notes) {
		c.report(kind, page, where, got.String(), want.String())
	}
}

// inline compares an article's figures in its text, in order: the figure
// and the anchor its link names.
func (c *checker) inline(pw *pageWant, doc *html.Node) {
	body := first(doc, tagClass("div", "body"))
	if body == nil {
		c.report("inline", pw.path, "body", "no body", "the article's body")
		return
	}
	links := findAll(body, func(n *html.Node) bool {
		return n.Data == "a" && hasClass(n, "figure-link") && !inside(n, tagClass("figure", "chart-block"))
	})
	if len(links) != len(pw.inline) {
		c.report("inline", pw.path, "figures in the text", fmt.Sprint(len(links)), fmt.Sprint(len(pw.inline)))
	}
	for i := 0; i < len(links) && i < len(pw.inline); i++ {
		w := pw.inline[i]
		where := fmt.Sprintf("figure %d", i+1)
		if h := attrOf(links[i], "href"); h != w.href {
			c.report("inline", pw.path, where+" link", h, w.href)
		}
		got := readLinked(links[i])
		c.compareShown("inline", pw.path, where, got, inText(w.fig))
	}
}

// inText is a figure as running text shows it (DATA-FORMAT.md, "Figures
// in the text"): its number alone, what its notes and source say in its
// link's title, "notes · source".
func inText(s shown) shown {
	parts := append(slices.Clone(s.notes), s.title)
	s.title = strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), " · ")
	s.notes = nil
	return s
}

// readLinked reads a figure shown as a link: its <data>, and the link's
// title where a figure in running text has what its notes say.
func readLinked(a *html.Node) shown {
	s, _ := readShown(a)
	if t := attrOf(a, "title"); t != "" {
		s.title = t
	}
	return s
}

// charts compares every chart of a page, in order: its table's id, its
// rows and their figures, and the names of its downloads.
func (c *checker) charts(pw *pageWant, doc *html.Node) {
	blocks := findAll(doc, tagClass("figure", "chart-block"))
	if len(blocks) != len(pw.charts) {
		var ids, wids []string
		for _, b := range blocks {
			if t := first(b, tagClass("table", "chart-table")); t != nil {
				ids = append(ids, attrOf(t, "id"))
			}
		}
		for _, w := range pw.charts {
			wids = append(wids, w.id+"-table")
		}
		c.report("chart", pw.path, "charts", strings.Join(ids, " "), strings.Join(wids, " "))
	}
	for i := 0; i < len(blocks) && i < len(pw.charts); i++ {
		c.chart(pw.path, blocks[i], pw.charts[i])
	}
}

func (c *checker) chart(page string, block *html.Node, w chartWant) {
	table := first(block, tagClass("table", "chart-table"))
	if table == nil {
		c.report("chart", page, w.id, "no table", "the chart's table")
		return
	}
	if id := attrOf(table, "id"); id != w.id+"-table" {
		c.report("chart", page, w.id, "table id="+id, "table id="+w.id+"-table")
		return
	}
	var rows []*html.Node
	if tbody := first(table, tag("tbody")); tbody != nil {
		rows = children(tbody, tag("tr"))
	}
	if len(rows) != len(w.rows) {
		var heads, wheads []string
		for _, r := range rows {
			if th := first(r, tag("th")); th != nil {
				heads = append(heads, text(th))
			}
		}
		for _, r := range w.rows {
			wheads = append(wheads, r.head)
		}
		c.report("chart", page, w.id+" rows", strings.Join(heads, ", "), strings.Join(wheads, ", "))
	}
	for i := 0; i < len(rows) && i < len(w.rows); i++ {
		c.chartRow(page, fmt.Sprintf("%s row %d", w.id, i+1), block, rows[i], w.rows[i])
	}
	var hrefs []string
	if p := first(block, tagClass("p", "downloads")); p != nil {
		for _, a := range children(p, tag("a")) {
			hrefs = append(hrefs, path.Join(path.Dir(page), attrOf(a, "href")))
		}
	}
	// docs/citing.md: the CSV, the workbook and the JSON, and the chart's image beside them.
	if wh := []string{w.download + ".csv", w.download + ".xlsx", w.download + ".json", w.download + ".svg"}; !slices.Equal(hrefs, wh) {
		c.report("download", page, w.id+" downloads", strings.Join(hrefs, " "), strings.Join(wh, " "))
	}
}

func (c *checker) chartRow(page, where string, block, tr *html.Node, w rowWant) {
	th := first(tr, tag("th"))
	if th == nil {
		c.report("chart", page, where, "no header", w.head)
		return
	}
	var href, datetime string
	if a := first(th, tag("a")); a != nil {
		href = attrOf(a, "href")
	}
	if t := first(th, tag("time")); t != nil {
		datetime = attrOf(t, "datetime")
	}
	if got := text(th); got != w.head || href != w.href || datetime != w.datetime {
		c.report("chart", page, where+" header", fmt.Sprintf("%q href=%q datetime=%q", got, href, datetime),
			fmt.Sprintf("%q href=%q datetime=%q", w.head, w.href, w.datetime))
	}
	tds := children(tr, tag("td"))
	if len(tds) != len(w.cells)+1 {
		c.report("chart", page, where, fmt.Sprintf("%d cells", len(tds)), fmt.Sprintf("%d cells", len(w.cells)+1))
		return
	}
	for j, wc := range w.cells {
		td := tds[j]
		cw := fmt.Sprintf("%s column %d", where, j+1)
		switch {
		case wc == nil && hasClass(td, "empty"):
		case wc == nil:
			got, _ := readShown(td)
			c.report("chart", page, cw, got.String(), "no figure")
		case hasClass(td, "empty"):
			c.report("chart", page, cw, "no figure", wc.fig.String())
		default:
			a := first(td, tag("a"))
			if a == nil || !sameTarget(page, attrOf(a, "href"), wc.href) {
				h := "none"
				if a != nil {
					h = attrOf(a, "href")
				}
				c.report("chart", page, cw+" link", h, wc.href)
			}
			got, _ := readShown(td)
			c.compareShown("chart", page, cw, got, sourcedCell(wc.fig))
		}
	}
	if got, want := rowSources(block, tds[len(tds)-1]), sortedSources(w.sources); got != want {
		c.report("chart", page, where+" sources", got, want)
	}
}

// sameTarget reports whether two links on page lead to the same place:
// "#admitted-2017" on don-vi/a/index.html is
// "../../don-vi/a/index.html#admitted-2017".
func sameTarget(page, a, b string) bool {
	resolve := func(href string) string {
		file, frag, _ := strings.Cut(href, "#")
		if file == "" {
			return page + "#" + frag
		}
		return path.Join(path.Dir(page), file) + "#" + frag
	}
	return resolve(a) == resolve(b)
}

// sourcedCell is a figure as a cell of a table that lists its rows'
// sources in its last column (checked by rowSources): a figure whose
// record names its source does not say it again; one whose record
// names none says so.
func sourcedCell(s shown) shown {
	if strings.HasPrefix(s.title, "Nguồn: ") {
		s.title = ""
	}
	return s
}

// rowSources reads a row's sources: its last cell numbers them, each
// number a link (#id) to its source in the list under the table, in the
// chart's block. "–" when it cites none; a number that leads nowhere
// reads as itself.
func rowSources(block, td *html.Node) string {
	links := findAll(td, tag("a"))
	if len(links) == 0 {
		return strings.TrimSpace(text(td))
	}
	var out []string
	for _, a := range links {
		id := strings.TrimPrefix(attrOf(a, "href"), "#")
		li := first(block, func(n *html.Node) bool { return n.Data == "li" && attrOf(n, "id") == id })
		if li == nil {
			out = append(out, "#"+id+"?")
			continue
		}
		out = append(out, text(li))
	}
	return sortedSources(strings.Join(out, "; "))
}

// sortedSources is "a; b" with its sources sorted: the page numbers a
// row's sources in the order the table first cites them, not in the
// order of its figures.
func sortedSources(s string) string {
	parts := strings.Split(s, "; ")
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

// downloads compares every chart download, CSV, workbook and JSON,
// column by column, finds its image, and that du-lieu/ holds no other
// file.
func (c *checker) downloads(w *want) {
	var names []string
	for n := range w.downloads {
		names = append(names, n)
	}
	sort.Strings(names)
	expected := map[string]bool{}
	for _, n := range names {
		// The image's figures are read back by render's
		// TestChartImagesReadBack; here it only has to be there.
		expected[n+".csv"], expected[n+".xlsx"], expected[n+".json"], expected[n+".svg"] = true, true, true, true
		if _, err := os.Stat(filepath.Join(c.out, filepath.FromSlash(n+".svg"))); err != nil {
			c.report("download", n+".svg", "file", "none", "the chart's image")
		}
		c.csv(n+".csv", w.downloads[n])
		c.xlsx(n+".xlsx", w.downloads[n])
		c.json(n+".json", w.downloads[n])
	}
	entries, _ := os.ReadDir(filepath.Join(c.out, "du-lieu"))
	for _, e := range entries {
		if name := "du-lieu/" + e.Name(); !expected[name] {
			c.report("download", name, "file", "a download", "no such download")
		}
	}
}

func (c *checker) csv(name string, w *downloadWant) {
	b, err := os.ReadFile(filepath.Join(c.out, filepath.FromSlash(name)))
	if err != nil {
		c.report("download", name, "file", "missing", "the download")
		return
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) == 0 {
		c.report("download", name, "file", fmt.Sprint("unreadable CSV: ", err), "CSV")
		return
	}
	header := append(slices.Clone(w.header), "data_version", "data_date")
	if !slices.Equal(recs[0], header) {
		c.report("download", name, "header", strings.Join(recs[0], ","), strings.Join(header, ","))
		return
	}
	rows := recs[1:]
	if len(rows) != len(w.rows) {
		c.report("download", name, "rows", fmt.Sprint(len(rows)), fmt.Sprint(len(w.rows)))
	}
	for i := 0; i < len(rows) && i < len(w.rows); i++ {
		for j, col := range w.header {
			if rows[i][j] != w.rows[i][j] {
				c.report("download", name, fmt.Sprintf("row %d %s", i+1, col), quoteOrEmpty(rows[i][j]), quoteOrEmpty(w.rows[i][j]))
			}
		}
		c.dataVersion(name, rows[i][len(w.header)])
	}
}

// xlsx compares a workbook as a spreadsheet shows it: a note on its
// first row, then the CSV's header and rows, numbers and dates shown as
// the CSV writes them.
func (c *checker) xlsx(name string, w *downloadWant) {
	f, err := excelize.OpenFile(filepath.Join(c.out, filepath.FromSlash(name)))
	if err != nil {
		c.report("download", name, "file", fmt.Sprint("unreadable workbook: ", err), "a workbook")
		return
	}
	defer f.Close()
	sheets := f.GetSheetList()
	recs, err := f.GetRows(sheets[0])
	if err != nil || len(recs) < 2 || len(recs[0]) != 1 {
		c.report("download", name, "file", fmt.Sprint("no note and header: ", err), "a note row, then the header")
		return
	}
	header := append(slices.Clone(w.header), "data_version", "data_date")
	if !slices.Equal(recs[1], header) {
		c.report("download", name, "header", strings.Join(recs[1], ","), strings.Join(header, ","))
		return
	}
	rows := recs[2:]
	if len(rows) != len(w.rows) {
		c.report("download", name, "rows", fmt.Sprint(len(rows)), fmt.Sprint(len(w.rows)))
	}
	for i := 0; i < len(rows) && i < len(w.rows); i++ {
		for j, col := range w.header {
			got := ""
			if j < len(rows[i]) {
				got = rows[i][j]
			}
			// The CSV's guard before a text that starts like a formula
			// is not in a workbook, which holds it as text.
			if want := strings.TrimPrefix(w.rows[i][j], "'"); got != want {
				c.report("download", name, fmt.Sprintf("row %d %s", i+1, col), quoteOrEmpty(got), quoteOrEmpty(want))
			}
		}
		if len(rows[i]) > len(w.header) {
			c.dataVersion(name, rows[i][len(w.header)])
		}
	}
}

// dataVersion checks that every download names one data version.
func (c *checker) dataVersion(name, v string) {
	if c.version == "" {
		c.version = v
	}
	if v == "" || v != c.version {
		c.report("download", name, "data_version", quoteOrEmpty(v), quoteOrEmpty(c.version))
	}
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "empty"
	}
	return fmt.Sprintf("%q", s)
}

// numeric reports the columns JSON writes as numbers.
func numeric(col string) bool {
	if col == "year" || slices.Contains([]string{admitted, members, referred, referralAdmitted}, col) {
		return true
	}
	for _, suffix := range []string{"_covered", "_listed", "_min", "_max"} {
		if strings.HasSuffix(col, suffix) {
			return true
		}
	}
	return false
}

func (c *checker) json(name string, w *downloadWant) {
	b, err := os.ReadFile(filepath.Join(c.out, filepath.FromSlash(name)))
	if err != nil {
		c.report("download", name, "file", "missing", "the download")
		return
	}
	var doc struct {
		DataVersion string                       `json:"data_version"`
		Columns     []string                     `json:"columns"`
		Rows        []map[string]json.RawMessage `json:"rows"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		c.report("download", name, "file", fmt.Sprint("unreadable JSON: ", err), "JSON")
		return
	}
	c.dataVersion(name, doc.DataVersion)
	if !slices.Equal(doc.Columns, w.header) {
		c.report("download", name, "columns", strings.Join(doc.Columns, ","), strings.Join(w.header, ","))
		return
	}
	if len(doc.Rows) != len(w.rows) {
		c.report("download", name, "rows", fmt.Sprint(len(doc.Rows)), fmt.Sprint(len(w.rows)))
	}
	for i := 0; i < len(doc.Rows) && i < len(w.rows); i++ {
		for j, col := range w.header {
			raw, held := doc.Rows[i][col]
			want := w.rows[i][j]
			got := "absent"
			if held {
				got = string(raw)
			}
			wantJSON := "absent"
			if want != "" {
				q, _ := json.Marshal(want)
				wantJSON = string(q)
				if numeric(col) {
					wantJSON = want
				}
			}
			if got != wantJSON {
				c.report("download", name, fmt.Sprintf("row %d %s", i+1, col), got, wantJSON)
			}
		}
		for k := range doc.Rows[i] {
			if !slices.Contains(w.header, k) {
				c.report("download", name, fmt.Sprintf("row %d %s", i+1, k), "a key", "no such column")
			}
		}
	}
}

// links follows every link to a figure on every page (article text,
// chart tables, the tables of cells and years, the home page): "Every
// anchor an article or table links to must exist on the page it names
// and show the same value".
func (c *checker) links() {
	var pages []string
	filepath.WalkDir(c.out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(c.out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(pages)
	for _, p := range pages {
		doc := c.page(p)
		if doc == nil {
			continue
		}
		for i, a := range findAll(doc, func(n *html.Node) bool {
			return n.Data == "a" && !hasClass(n, "anchor") && strings.Contains(attrOf(n, "href"), "#") && first(n, tag("data")) != nil
		}) {
			href := attrOf(a, "href")
			file, frag, _ := strings.Cut(href, "#")
			where := fmt.Sprintf("link %d to %s", i+1, href)
			target := path.Join(path.Dir(p), file)
			if file == "" {
				target = p // a link to an anchor of its own page
			}
			page := c.page(target)
			if page == nil {
				c.report("link", p, where, "no page "+target, "a page")
				continue
			}
			el := first(page, func(n *html.Node) bool { return attrOf(n, "id") == frag })
			if el == nil {
				c.report("link", p, where, "no anchor #"+frag+" on "+target, "the anchor")
				continue
			}
			if el.Data == "td" {
				spans := children(el, tagClass("span", "count"))
				if len(spans) == 0 {
					c.report("link", p, where, "no figure at #"+frag, "a figure")
					continue
				}
				el = spans[len(spans)-1]
			}
			there, _ := readShown(el)
			there.notes = slices.DeleteFunc(there.notes, func(s string) bool { return s == "cả năm" })
			here := readLinked(a)
			if attrOf(a, "title") != "" {
				// A figure in running text: its notes are in its link's title.
				there = inText(there)
			}
			if inside(a, tagClass("table", "sourced")) {
				there = sourcedCell(there)
			}
			if here.value != there.value || here.text != there.text || here.class != there.class || here.title != there.title ||
				!slices.Equal(here.notes, there.notes) {
				c.report("link", p, where, here.String(), "as on "+target+": "+there.String())
			}
		}
	}
}
