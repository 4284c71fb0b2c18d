package reference

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// Regressions: bugs the reference found in sitegen, each on a small site
// made for it. Each was fixed; its test stays so that it cannot return.

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

// TestRegressionTextCitationKeepsItsAnchor: "Every anchor an article or
// table links to must exist on the page it names and show the same
// value." An article of 1 June 2017 cites the root's admitted for 2017,
// then a sum counted to 10 May (a's count to that day, and b's, complete
// as b closed on 1 March); a's whole-year record replaces it later, so
// the root's page must keep the cited count under
// #admitted-2017-2017-05-10.
func TestRegressionTextCitationKeepsItsAnchor(t *testing.T) {
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

// TestRegressionWithdrawnCountKeepsItsAnchor: "Every anchor an article or
// table links to must exist on the page it names". An article of 1 June
// 2017 cites the root's confirmed for 2017, then the sum of its one
// sub-cell's count to 10 May; the root's own record of the year, known on
// 31 December, does not hold confirmed, so the root has no such figure
// now ("a record without women means that figure is not held"). The
// count the article cited must still be on the root's page, under
// #confirmed-2017-2017-05-10.
func TestRegressionWithdrawnCountKeepsItsAnchor(t *testing.T) {
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

// TestRegressionMembersChartDownloadName: "downloads du-lieu/CHARTID.csv|json,
// or du-lieu/CHARTID.YYYY-MM-DD.csv|json when the article's chart differs
// from the chart of now". Two memberships in one year, an article after
// both: its members chart is the chart of now, and must share its
// downloads rather than publish the same file again under a dated name.
func TestRegressionMembersChartDownloadName(t *testing.T) {
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

// TestRegressionTermTargetCitation: targets are per year ("target of a
// year: the cell's year target, else the from/to target covering that
// year"; "a target is per year"), so the reference has no figure
// {{ target khoi 2015-2017 }}. sitegen accepts it (data.Figure answers
// the from/to target written for exactly that period) and links it to
// #target-2015-2017, which no page has. Either the build refuses it at
// its {{, or the anchor it links to must exist.
func TestRegressionTermTargetCitation(t *testing.T) {
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
