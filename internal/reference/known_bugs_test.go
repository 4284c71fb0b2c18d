package reference

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// Known bugs: differences between sitegen and the reference that are
// sitegen's. Each has a test of its own below, on a small site made for
// it, which fails until the bug is fixed; TestReference leaves their
// findings out (and only theirs) so that it still reports everything else.
// When a bug is fixed, delete its entry and keep its test. (A citation
// of a term's target needs no entry: the generator never writes one.)

type knownBug struct {
	name string
	// explains returns, for a generated site and what it must show,
	// whether the bug accounts for a finding.
	explains func(s *site, w *want) func(finding) bool
}

var knownBugs = []knownBug{
	{"text citations lose their anchors", textCitationsExplain},
	{"members chart of an article downloaded under a dated name", membersDownloadExplains},
	{"a cited count of a figure no longer held has no anchor", withdrawnExplains},
}

// withoutKnownBugs leaves out the findings known bugs account for.
func withoutKnownBugs(s *site, w *want, fs []finding) []finding {
	var explains []func(finding) bool
	for _, b := range knownBugs {
		explains = append(explains, b.explains(s, w))
	}
	var out []finding
	for _, f := range fs {
		known := false
		for _, e := range explains {
			known = known || e(f)
		}
		if !known {
			out = append(out, f)
		}
	}
	return out
}

// textCitationsExplain: a cell's page leaves out the earlier counts that
// only articles' text cited (build.Build drops Article.Figures before
// site.New reads them in Model.citations), so the article's link leads to
// an anchor that is not there. What the page shows is then what it would
// show if only charts cited figures.
func textCitationsExplain(s *site, w *want) func(finding) bool {
	chartsOnly := s.expectCiting(s.citedInCharts())
	missing := regexp.MustCompile(`^no anchor #(\S+) on (\S+)$`)
	return func(f finding) bool {
		switch f.kind {
		case "figure":
			id, isFigure := strings.CutPrefix(f.where, "#")
			pw := chartsOnly.pages[f.page]
			return isFigure && !strings.Contains(id, " ") && pw != nil && pw.figures[id] != nil &&
				f.got == describeWant(pw.figures[id].counts)
		case "link":
			m := missing.FindStringSubmatch(f.got)
			if m == nil {
				return false
			}
			return hasDatedID(w.pages[m[2]], m[1]) && !hasDatedID(chartsOnly.pages[m[2]], m[1])
		}
		return false
	}
}

// withdrawnExplains: an article cited a count (a sum, say) that a later
// record left without a figure at all (the cell's own records, known
// later, do not hold the name): the cell's page has no such figure, so
// it shows none of its earlier counts either (site.published returns nil
// when the data holds no figure now), and the article's link leads
// nowhere.
func withdrawnExplains(s *site, w *want) func(finding) bool {
	missing := regexp.MustCompile(`^no anchor #(\S+) on (\S+)$`)
	withdrawn := map[string]bool{}
	for _, f := range s.cited() {
		if !f.latest && s.figureAt(f.name, f.subject, f.p, day{}) == nil {
			withdrawn[pageOf(f)+"#"+anchorOf(f)] = true
		}
	}
	return func(f finding) bool {
		m := missing.FindStringSubmatch(f.got)
		return f.kind == "link" && m != nil && withdrawn[m[2]+"#"+m[1]]
	}
}

func hasDatedID(pw *pageWant, id string) bool {
	if pw == nil {
		return false
	}
	for _, f := range pw.figures {
		for _, c := range f.counts {
			if c.id == id {
				return true
			}
		}
	}
	return false
}

// membersDownloadExplains: an article's members chart is downloaded
// under a dated name although it shows what the chart of now shows
// (site.settled asks every figure to be the latest, and a membership
// that a later one of its year replaced never is).
func membersDownloadExplains(s *site, w *want) func(finding) bool {
	dated := regexp.MustCompile(`^(du-lieu/chart-members-[a-z0-9-]+)\.\d{4}-\d{2}-\d{2}(\.csv|\.json)$`)
	return func(f finding) bool {
		if f.kind != "download" {
			return false
		}
		if f.where == "file" && f.got == "a download" {
			m := dated.FindStringSubmatch(f.page)
			return m != nil && w.downloads[m[1]] != nil
		}
		got, want := strings.Fields(f.got), strings.Fields(f.want)
		if !strings.HasSuffix(f.where, " downloads") || len(got) != 2 || len(want) != 2 {
			return false
		}
		for i := range got {
			m := dated.FindStringSubmatch(got[i])
			if m == nil || m[1]+m[2] != want[i] {
				return false
			}
		}
		return true
	}
}

// smallSite is a root with two sub-cells, for the known bugs' tests.
func smallSite() *site {
	return &site{
		root: "khoi",
		cells: []*cell{
			{id: "khoi", name: "Đảng bộ Khối", kind: "khoi"},
			{id: "a", name: "Chi bộ A", kind: "chi-bo-co-so", parent: "khoi"},
			{id: "b", name: "Chi bộ B", kind: "chi-bo-co-so", parent: "khoi"},
		},
	}
}

// TestKnownBugTextCitationKeepsItsAnchor: "Every anchor an article or
// table links to must exist on the page it names and show the same
// value." An article of 1 June 2017 cites the root's admitted for 2017,
// then a sum counted to 10 May (a's count to that day, and b's, complete
// as b closed on 1 March); a's whole-year record replaces it later, so
// the root's page must keep the cited count under
// #admitted-2017-2017-05-10.
func TestKnownBugTextCitationKeepsItsAnchor(t *testing.T) {
	s := smallSite()
	s.cells[2].closed = day{2017, time.March, 1}
	s.admissions = []*admission{
		{cell: "a", p: yearOf(2017), asOf: day{2017, time.May, 10}, counts: map[string]count{admitted: {v: 5}}, source: "Báo cáo tháng 5", file: "data/a.toml"},
		{cell: "a", p: yearOf(2017), counts: map[string]count{admitted: {v: 9}}, source: "Báo cáo năm", file: "data/a.toml"},
		{cell: "b", p: yearOf(2017), asOf: day{2017, time.March, 1}, counts: map[string]count{admitted: {v: 4}}, source: "Báo cáo khi giải thể", file: "data/b.toml"},
	}
	s.articles = []*article{{
		file: "content/bai.md", slug: "bai", title: "Bài", date: day{2017, time.June, 1},
		body: []block{{text: "Kết nạp {{ admitted khoi 2017 }}.", figs: []ref{{admitted, "khoi", yearOf(2017)}}}},
	}}
	if f := s.figureAt(admitted, "khoi", yearOf(2017), day{2017, time.June, 1}); f == nil || f.latest || anchorOf(f) != "admitted-2017-2017-05-10" {
		t.Fatalf("the case is not the one meant: %+v", f)
	}
	reportFindings(t, check(s.expect(), buildSite(t, s)))
}

// TestKnownBugWithdrawnCountKeepsItsAnchor: "Every anchor an article or
// table links to must exist on the page it names". An article of 1 June
// 2017 cites the root's confirmed for 2017, then the sum of its one
// sub-cell's count to 10 May; the root's own record of the year, known on
// 31 December, does not hold confirmed, so the root has no such figure
// now ("a record without women means that figure is not held"). The
// count the article cited must still be on the root's page, under
// #confirmed-2017-2017-05-10.
func TestKnownBugWithdrawnCountKeepsItsAnchor(t *testing.T) {
	s := smallSite()
	s.cells[2].founded = day{2018, time.March, 1}
	s.admissions = []*admission{
		{cell: "a", p: yearOf(2017), asOf: day{2017, time.May, 10}, counts: map[string]count{admitted: {v: 5}, confirmed: {v: 3}}, source: "Báo cáo tháng 5", file: "data/a.toml"},
		{cell: "khoi", p: yearOf(2017), counts: map[string]count{admitted: {v: 9}}, source: "Báo cáo năm", file: "data/khoi.toml"},
	}
	s.articles = []*article{{
		file: "content/bai.md", slug: "bai", title: "Bài", date: day{2017, time.June, 1},
		body: []block{{text: "Chuyển chính thức {{ confirmed khoi 2017 }}.", figs: []ref{{confirmed, "khoi", yearOf(2017)}}}},
	}}
	f := s.figureAt(confirmed, "khoi", yearOf(2017), day{2017, time.June, 1})
	if f == nil || anchorOf(f) != "confirmed-2017-2017-05-10" || s.figureAt(confirmed, "khoi", yearOf(2017), day{}) != nil {
		t.Fatalf("the case is not the one meant: %+v", f)
	}
	reportFindings(t, check(s.expect(), buildSite(t, s)))
}

// TestKnownBugMembersChartDownloadName: "downloads du-lieu/CHARTID.csv|json,
// or du-lieu/CHARTID.YYYY-MM-DD.csv|json when the article's chart differs
// from the chart of now". Two memberships in one year, an article after
// both: its members chart is the chart of now, and must share its
// downloads rather than publish the same file again under a dated name.
func TestKnownBugMembersChartDownloadName(t *testing.T) {
	s := smallSite()
	s.memberships = []*membership{
		{cell: "khoi", date: day{2018, time.February, 2}, members: count{v: 3232}, source: "Báo Vĩnh Phúc"},
		{cell: "khoi", date: day{2018, time.November, 15}, members: count{v: 3276}, source: "Báo cáo tháng 11"},
	}
	c := chartRef{kind: "members", subject: "khoi"}
	s.articles = []*article{{
		file: "content/bai.md", slug: "bai", title: "Bài", date: day{2018, time.December, 5},
		body: []block{{text: "Số đảng viên qua các năm."}, {chart: &c}},
	}}
	out := buildSite(t, s)
	reportFindings(t, check(s.expect(), out))
	dated := filepath.Join(out, "du-lieu", "chart-members-khoi.2018-12-05.csv")
	if a, err := os.ReadFile(dated); err == nil {
		b, _ := os.ReadFile(filepath.Join(out, "du-lieu", "chart-members-khoi.csv"))
		t.Logf("%s is published; the same bytes as the undated download: %v", dated, fmt.Sprint(string(a) == string(b)))
	}
}

// TestKnownBugTermTargetCitation: targets are per year ("target of a
// year: the cell's year target, else the from/to target covering that
// year"; "a target is per year"), so the reference has no figure
// {{ target khoi 2015-2017 }}. sitegen accepts it (data.Figure answers
// the from/to target written for exactly that period) and links it to
// #target-2015-2017, which no page has. Either the build refuses it at
// its {{, or the anchor it links to must exist.
func TestKnownBugTermTargetCitation(t *testing.T) {
	s := smallSite()
	s.targets = []*targetRec{{cell: "khoi", p: period{2015, 2017}, term: true, min: 10, max: 12, source: "Nghị quyết Đại hội"}}
	s.admissions = []*admission{{cell: "khoi", p: yearOf(2016), counts: map[string]count{admitted: {v: 5}}, source: "Báo cáo năm", file: "data/a.toml"}}
	s.articles = []*article{{
		file: "content/bai.md", slug: "bai", title: "Bài", date: day{2018, time.June, 1},
		// The figure is on line 8, column 10.
		body: []block{{text: "Đoạn đầu."}, {text: "Chỉ tiêu {{ target khoi 2015-2017 }}."}},
	}}
	if s.figureAt(target, "khoi", period{2015, 2017}, day{}) != nil {
		t.Fatal("the reference has a term target figure")
	}
	out, diags := tryBuild(t, s)
	for _, d := range diags.Errors() {
		if d.Path == "content/bai.md" && d.Line == 8 && d.Col == 10 {
			return // refused where it is written
		}
	}
	if diags.HasErrors() {
		t.Fatalf("the build fails, but not at content/bai.md:8:10:\n%v", diags)
	}
	c := &checker{out: out, pages: map[string]*html.Node{}}
	c.links()
	reportFindings(t, c.findings)
}
