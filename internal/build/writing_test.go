package build

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/tools/txtar"

	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

// docs/writing.md is checked the way goldmark checks its case files:
// every example in it is built, and what it says the page shows (or the
// message it says the article gets) must be exactly what a build gives.
//
// The forms it uses, each after a marker line the rendered page hides:
//
//	<!-- example data -->        a ```toml block: data/site.toml of every example
//	<!-- example [page] [lang=en] [file=content/x.md] -->
//	                             a ```markdown block (one article; without
//	                             front matter, the text of content/vi-du.md
//	                             dated 2018-12-31) or a ```txtar block
//	                             (several files), then a ```text block:
//	                             the messages, then what the page shows
//	<!-- example table -->       a table | you write | the page shows | link | title |
//	                             whose every row is one figure of content/vi-du.md
//	                             dated 2018-12-31
const writingDoc = "../../docs/writing.md"

// docExample is one example of the doc.
type docExample struct {
	line   int               // of its marker, for messages
	opts   map[string]string // the marker's words: "page", "lang", "file"
	input  string            // the markdown or txtar block
	txtar  bool              // input is a txtar archive
	want   string            // the text block
	table  [][]string        // a table example's rows, cells without backticks
	tableN []int             // the doc line of each row
}

var (
	markerLine = regexp.MustCompile(`^<!-- example(?:\s+(.*?))?\s*-->$`)
	fenceLine  = regexp.MustCompile("^```([a-z]*)$")
)

// docExamples reads the doc: its data and its examples.
func docExamples(t *testing.T, doc string) (dataTOML string, examples []docExample) {
	t.Helper()
	lines := strings.Split(doc, "\n")
	// block returns the fenced block starting at or after line i: its
	// language, its text, and the line after it.
	block := func(i int) (lang, text string, next int) {
		for ; i < len(lines); i++ {
			if m := fenceLine.FindStringSubmatch(lines[i]); m != nil {
				for j := i + 1; j < len(lines); j++ {
					if lines[j] == "```" {
						return m[1], strings.Join(lines[i+1:j], "\n") + "\n", j + 1
					}
				}
				t.Fatalf("%s:%d: the block is never closed", writingDoc, i+1)
			}
			if markerLine.MatchString(lines[i]) {
				break
			}
		}
		t.Fatalf("%s:%d: an example marker is not followed by its blocks", writingDoc, i+1)
		return "", "", 0
	}
	for i := 0; i < len(lines); i++ {
		m := markerLine.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		ex := docExample{line: i + 1, opts: map[string]string{}}
		for _, w := range strings.Fields(m[1]) {
			k, v, _ := strings.Cut(w, "=")
			if !slices.Contains([]string{"data", "table", "page", "lang", "file"}, k) {
				t.Fatalf("%s:%d: an example marker takes data, table, page, lang=… or file=…, not %q", writingDoc, i+1, w)
			}
			ex.opts[k] = v
		}
		_, isData := ex.opts["data"]
		_, isTable := ex.opts["table"]
		switch {
		case isData:
			lang, text, _ := block(i + 1)
			if lang != "toml" {
				t.Fatalf("%s:%d: the data of the examples is a ```toml block", writingDoc, i+1)
			}
			dataTOML = text
		case isTable:
			for j := i + 1; j < len(lines); j++ {
				l := strings.TrimSpace(lines[j])
				if l == "" && len(ex.table) == 0 {
					continue
				}
				if !strings.HasPrefix(l, "|") {
					break
				}
				cells := strings.Split(strings.Trim(l, "|"), "|")
				for k, c := range cells {
					cells[k] = strings.Trim(strings.TrimSpace(c), "`")
				}
				if strings.HasPrefix(cells[0], "---") || cells[0] == "you write" {
					continue
				}
				if len(cells) != 4 {
					t.Fatalf("%s:%d: a row of an example table has 4 cells: you write, the page shows, link, title", writingDoc, j+1)
				}
				ex.table = append(ex.table, cells)
				ex.tableN = append(ex.tableN, j+1)
			}
			examples = append(examples, ex)
		default:
			lang, text, next := block(i + 1)
			switch lang {
			case "markdown":
			case "txtar":
				ex.txtar = true
			default:
				t.Fatalf("%s:%d: an example is a ```markdown or ```txtar block, not ```%s", writingDoc, i+1, lang)
			}
			ex.input = text
			lang, ex.want, _ = block(next)
			if lang != "text" {
				t.Fatalf("%s:%d: an example's output is the ```text block after it", writingDoc, i+1)
			}
			examples = append(examples, ex)
		}
	}
	return dataTOML, examples
}

// exampleHead is the front matter of an example written without one.
const exampleHead = "+++\ntitle = \"Ví dụ\"\ndate = 2018-12-31\n+++\n"

// buildExample builds the site of one example and says what it gives:
// its messages, then what its article's page shows.
func buildExample(t *testing.T, dataTOML string, ex docExample) string {
	t.Helper()
	if ex.opts["lang"] == "en" {
		dataTOML = strings.Replace(dataTOML, "[site]\n", "[site]\nlanguage = \"en\"\n", 1)
	}
	a := &txtar.Archive{Files: []txtar.File{{Name: "data/site.toml", Data: []byte(dataTOML)}}}
	articles := exampleArticles(ex)
	for _, name := range slices.Sorted(maps.Keys(articles)) {
		a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(articles[name])})
	}
	site := writeTxtar(t, string(txtar.Format(a)))
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := Build(site, out, Options{})
	if err != nil {
		t.Fatalf("%s:%d: %v", writingDoc, ex.line, err)
	}
	var b strings.Builder
	for _, d := range diags {
		// The example's site is not in git: the warning that its data
		// version is a hash is the test's, not the example's.
		if d.Path == "data/" && d.Severity == diag.Warning {
			continue
		}
		b.WriteString(d.Error() + "\n")
	}
	if diags.HasErrors() {
		return b.String()
	}
	_, page := ex.opts["page"]
	pages, _ := filepath.Glob(filepath.Join(out, "bai-viet", "*", "index.html"))
	if len(pages) == 0 && page {
		b.WriteString("no page\n")
	}
	for _, p := range pages {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if page {
			rel, _ := filepath.Rel(out, filepath.Dir(p))
			describeHead(&b, filepath.ToSlash(rel)+"/", doc)
		}
		body := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Div && hasClass(n, "body") })
		if body == nil {
			t.Fatalf("%s: no <div class=\"body\">", p)
		}
		w := &bodyText{}
		w.walk(body)
		w.flush()
		b.WriteString(strings.Join(w.lines, "\n"))
		if len(w.lines) > 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// describeHead writes what an article's page says of it besides its
// text: its address, its header, its footer and its summary.
func describeHead(b *strings.Builder, addr string, doc *html.Node) {
	fmt.Fprintf(b, "page %s\n", addr)
	art := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Article })
	if h := find(art, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h != nil {
		fmt.Fprintf(b, "  title: %s\n", textOf(h))
	}
	for _, cls := range []string{"byline", "source"} {
		if p := find(art, func(n *html.Node) bool { return n.DataAtom == atom.P && hasClass(n, cls) }); p != nil {
			fmt.Fprintf(b, "  %s: %s\n", cls, textOf(p))
		}
	}
	if f := find(art, func(n *html.Node) bool { return n.DataAtom == atom.Footer }); f != nil {
		for c := f.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.P {
				fmt.Fprintf(b, "  %s\n", textOf(c))
			}
		}
	}
	if m := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Meta && attr(n, "name") == "description" }); m != nil {
		fmt.Fprintf(b, "  summary: %s\n", attr(m, "content"))
	}
	b.WriteString("text:\n")
}

// bodyText writes an article's text as a reader reads it: a line per
// paragraph, and under it, indented, where each figure, link and image
// in it leads and what its title says (and an image's width and
// height); a chart as its caption, summary and table.
type bodyText struct {
	lines []string
	text  strings.Builder
	notes []string
}

func (w *bodyText) flush() {
	if s := strings.Join(strings.Fields(w.text.String()), " "); s != "" {
		w.lines = append(w.lines, s)
	}
	for _, n := range w.notes {
		w.lines = append(w.lines, "  "+n)
	}
	w.text.Reset()
	w.notes = nil
}

func (w *bodyText) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			w.text.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Figure && hasClass(c, "chart-block"):
			w.flush()
			w.chart(c)
		case c.DataAtom == atom.A:
			text, href := textOf(c), attr(c, "href")
			if hasClass(c, "figure-link") {
				href = figureHref(href)
			}
			w.text.WriteString(text)
			note := fmt.Sprintf("%q links to %s", text, href)
			if title := attr(c, "title"); title != "" {
				note += fmt.Sprintf(", title %q", title)
			}
			w.notes = append(w.notes, note)
		case c.DataAtom == atom.Img:
			note := fmt.Sprintf("image %s, alt %q", attr(c, "src"), attr(c, "alt"))
			if title := attr(c, "title"); title != "" {
				note += fmt.Sprintf(", title %q", title)
			}
			if w, h := attr(c, "width"), attr(c, "height"); w != "" || h != "" {
				note += fmt.Sprintf(", %s×%s px", w, h)
			}
			w.notes = append(w.notes, note)
		case c.DataAtom == atom.Script:
		case blockTags[c.DataAtom]:
			w.flush()
			if c.DataAtom == atom.Li {
				w.text.WriteString("- ")
			}
			w.walk(c)
			w.flush()
		default:
			w.walk(c)
		}
	}
}

// chart writes a chart: its caption, its summary and its table, a row a
// line, without its column of sources.
func (w *bodyText) chart(fig *html.Node) {
	if c := find(fig, func(n *html.Node) bool { return n.DataAtom == atom.Figcaption }); c != nil {
		w.lines = append(w.lines, "chart: "+textOf(c))
	}
	if p := find(fig, func(n *html.Node) bool { return hasClass(n, "chart-summary") }); p != nil {
		w.lines = append(w.lines, "  summary: "+textOf(p))
	}
	var rows [][]string
	// A "sourced" table's last column is its rows' sources.
	sourced := find(fig, func(n *html.Node) bool { return n.DataAtom == atom.Table && hasClass(n, "sourced") }) != nil
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Tr {
				walk(c)
				continue
			}
			var cells []string
			for td := c.FirstChild; td != nil; td = td.NextSibling {
				if td.Type == html.ElementNode {
					cells = append(cells, cellText(td))
				}
			}
			rows = append(rows, cells)
		}
	}
	walk(fig)
	for _, r := range rows {
		if sourced && len(r) > 1 {
			r = r[:len(r)-1]
		}
		w.lines = append(w.lines, "  | "+strings.Join(r, " | ")+" |")
	}
}

// cellText is a table cell's text, a figure's notes in brackets.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.DataAtom == atom.Small && hasClass(c, "note"):
				b.WriteString("(" + textOf(c) + ")")
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// figureHref is where a figure's link leads, from the top of the site,
// as citing.md writes it: "../../don-vi/khoi-dn/index.html#admitted-2017"
// is don-vi/khoi-dn/#admitted-2017.
func figureHref(href string) string {
	href = strings.TrimPrefix(href, "../../")
	return strings.Replace(href, "index.html", "", 1)
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Div: true, atom.Hr: true, atom.Section: true,
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// exampleArticles are the files of an example's articles.
func exampleArticles(ex docExample) map[string]string {
	if ex.txtar {
		out := map[string]string{}
		for _, f := range txtar.Parse([]byte(ex.input)).Files {
			out[f.Name] = string(f.Data)
		}
		return out
	}
	src := ex.input
	if !strings.HasPrefix(src, "+++\n") {
		src = exampleHead + src
	}
	file := ex.opts["file"]
	if file == "" {
		file = "content/vi-du.md"
	}
	return map[string]string{file: src}
}

// TestWritingExamples builds every example of docs/writing.md and
// compares what it gives with what the doc says next to it.
func TestWritingExamples(t *testing.T) {
	doc, err := os.ReadFile(writingDoc)
	if err != nil {
		t.Fatal(err)
	}
	dataTOML, examples := docExamples(t, string(doc))
	if dataTOML == "" {
		t.Fatalf("%s has no <!-- example data --> block", writingDoc)
	}
	if len(examples) < 10 {
		t.Fatalf("%s: only %d examples found", writingDoc, len(examples))
	}
	for _, ex := range examples {
		t.Run(fmt.Sprintf("line%d", ex.line), func(t *testing.T) {
			t.Parallel()
			if ex.table != nil {
				checkTable(t, dataTOML, ex)
				return
			}
			got := buildExample(t, dataTOML, ex)
			if got != ex.want {
				t.Errorf("%s:%d: the example gives\n%s\nthe doc says\n%s", writingDoc, ex.line, got, ex.want)
			}
		})
	}
}

// checkTable builds a table example: each row's figure is a paragraph of
// one article, and must show as the row says.
func checkTable(t *testing.T, dataTOML string, ex docExample) {
	var src, want strings.Builder
	src.WriteString(exampleHead)
	for _, row := range ex.table {
		src.WriteString(row[0] + "\n\n")
		want.WriteString(row[1] + "\n")
		note := fmt.Sprintf("%q links to %s", row[1], row[2])
		if row[3] != "" {
			note += fmt.Sprintf(", title %q", row[3])
		}
		want.WriteString("  " + note + "\n")
	}
	ex.input = src.String()
	got := buildExample(t, dataTOML, ex)
	if got == want.String() {
		return
	}
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(want.String(), "\n")
	for i, row := range ex.table {
		g := strings.Join(gotLines[min(2*i, len(gotLines)-1):min(2*i+2, len(gotLines))], "\n")
		if w := strings.Join(wantLines[2*i:2*i+2], "\n"); g != w {
			t.Errorf("%s:%d: %s gives\n%s\nthe doc says\n%s", writingDoc, ex.tableN[i], row[0], g, w)
		}
	}
	if !t.Failed() {
		t.Errorf("%s:%d: the table's figures give\n%s\nthe doc says\n%s", writingDoc, ex.line, got, want.String())
	}
}

// TestWritingCoversEverything: the doc has an example of every figure
// name and every chart kind, and gives every message an article can get.
func TestWritingCoversEverything(t *testing.T) {
	b, err := os.ReadFile(writingDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	_, examples := docExamples(t, doc)
	prose := strings.Join(strings.Fields(doc), " ") // lines wrapped anywhere
	// Every Markdown block is an example, built by TestWritingExamples.
	blocks := 0
	for _, l := range strings.Split(doc, "\n") {
		if l == "```markdown" || l == "```txtar" {
			blocks++
		}
	}
	var written strings.Builder
	for _, ex := range examples {
		if ex.input != "" {
			blocks--
		}
		written.WriteString(ex.input)
		for _, row := range ex.table {
			written.WriteString(row[0] + "\n")
		}
	}
	if blocks != 0 {
		t.Errorf("%s: %d ```markdown or ```txtar blocks have no <!-- example --> line before them, so no test builds them", writingDoc, blocks)
	}
	for _, n := range data.Names {
		if !regexp.MustCompile(`\{\{ ` + n.Name + ` `).MatchString(written.String()) {
			t.Errorf("%s has no example of the figure %s", writingDoc, n.Name)
		}
	}
	for _, k := range data.ChartKinds {
		if !strings.Contains(written.String(), "{{ chart "+k.Name+" ") {
			t.Errorf("%s has no example of the chart kind %s", writingDoc, k.Name)
		}
	}
	// Every message of an article (content.*, but for the words of a
	// help: "did you mean") is quoted in the doc, in Vietnamese.
	catalogue, err := os.ReadFile("../i18n/vi.go")
	if err != nil {
		t.Fatal(err)
	}
	vi := i18n.New(i18n.VI)
	verb := regexp.MustCompile(`%[qsdv]`)
	for _, m := range regexp.MustCompile(`(?m)^\s*"(content\.[a-z0-9_.]+)":`).FindAllSubmatch(catalogue, -1) {
		key := string(m[1])
		if strings.HasSuffix(key, ".help") || key == "content.did_you_mean" {
			continue
		}
		parts := verb.Split(vi.T(key), -1)
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		if !regexp.MustCompile(strings.Join(parts, ".*")).MatchString(prose) {
			t.Errorf("%s does not give the message %s (%q)", writingDoc, key, vi.T(key))
		}
	}
}
