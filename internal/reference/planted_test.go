package reference

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestPlantedFaults checks the checker: in a built site that matches the
// reference, it changes one thing at a time in each place the checker
// compares, and asserts that the checker reports it there.
func TestPlantedFaults(t *testing.T) {
	s := generate(2, sizeOf(2))
	out := buildSite(t, s)
	w := s.expect()
	if fs := check(w, out); len(fs) > 0 {
		reportFindings(t, fs)
		t.Fatal("the site must match the reference before faults are planted")
	}
	glob := func(pattern string) []string {
		m, _ := filepath.Glob(filepath.Join(out, filepath.FromSlash(pattern)))
		sort.Strings(m)
		return m
	}
	rel := func(p string) string { r, _ := filepath.Rel(out, p); return filepath.ToSlash(r) }

	// plant changes one file with edit, which returns the new text and
	// what the checker must then report (kind, and a part of where), or
	// "" when this file has no place for the fault; it tries the files in
	// order until one has.
	plant := func(t *testing.T, candidates []string, edit func(path, text string) (changed, kind, where string)) {
		t.Helper()
		for _, p := range candidates {
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			changed, kind, where := edit(p, string(orig))
			if kind == "" {
				continue
			}
			if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			fs := check(w, out)
			if err := os.WriteFile(p, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			page := rel(p)
			for _, f := range fs {
				if f.kind == kind && f.page == page && strings.Contains(f.where, where) {
					t.Logf("reported: %s", f)
					return
				}
			}
			reportFindings(t, fs)
			t.Fatalf("the fault in %s (%s at %s) was not reported", page, kind, where)
		}
		t.Fatal("no file has a place for the fault")
	}

	cellPages := glob("don-vi/*/index.html")
	articles := glob("bai-viet/*/index.html")
	csvs := glob("du-lieu/*.csv")
	tdAnchor := regexp.MustCompile(`<td id="(admitted-\d{4})">`)
	spanAnchor := regexp.MustCompile(`<span class="count earlier" id="([^"]+)">`)

	t.Run("figure value under an anchor", func(t *testing.T) {
		plant(t, cellPages, func(_, s string) (string, string, string) {
			m := tdAnchor.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return changeFigure(s, m[1]), "figure", "#" + s[m[2]:m[3]]
		})
	})
	t.Run("anchor removed", func(t *testing.T) {
		plant(t, cellPages, func(_, s string) (string, string, string) {
			m := tdAnchor.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return s[:m[0]] + `<td>` + s[m[1]:], "anchor", "#" + s[m[2]:m[3]]
		})
	})
	t.Run("dated anchor removed", func(t *testing.T) {
		plant(t, cellPages, func(_, s string) (string, string, string) {
			m := spanAnchor.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return s[:m[0]] + `<span class="count earlier">` + s[m[1]:], "anchor", " count "
		})
	})
	figureLink := regexp.MustCompile(`<a class="figure-link" href="([^"#]*)#([^"]+)"(?: title="[^"]*")?><data value="([^"]*)"`)
	t.Run("article figure value", func(t *testing.T) {
		plant(t, articles, func(_, s string) (string, string, string) {
			m := figureLink.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return changeFigure(s, m[0]), "inline", "figure 1"
		})
	})
	t.Run("article figure links to a wrong anchor", func(t *testing.T) {
		plant(t, articles, func(p, s string) (string, string, string) {
			m := figureLink.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			// Another figure of the page the link leads to.
			target, err := os.ReadFile(filepath.Join(filepath.Dir(p), filepath.FromSlash(s[m[2]:m[3]])))
			if err != nil {
				return "", "", ""
			}
			for _, id := range regexp.MustCompile(`<td id="([^"]+)"`).FindAllStringSubmatch(string(target), -1) {
				if id[1] != s[m[4]:m[5]] {
					return s[:m[4]] + id[1] + s[m[5]:], "inline", "figure 1 link"
				}
			}
			return "", "", ""
		})
	})
	chartRow := regexp.MustCompile(`(?s)<table class="figures chart-table sourced" id="([^"]+)">.*?<tbody>\s*(<tr>.*?</tr>)`)
	t.Run("chart row removed", func(t *testing.T) {
		plant(t, articles, func(_, s string) (string, string, string) {
			m := chartRow.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return s[:m[4]] + s[m[5]:], "chart", strings.TrimSuffix(s[m[2]:m[3]], "-table")
		})
	})
	t.Run("chart row changed", func(t *testing.T) {
		plant(t, cellPages, func(_, s string) (string, string, string) {
			m := chartRow.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			if !strings.Contains(s[m[4]:m[5]], "<data ") {
				return "", "", ""
			}
			return changeFigure(s, m[4]), "chart", strings.TrimSuffix(s[m[2]:m[3]], "-table") + " row 1"
		})
	})
	// A chart row's sources are numbers, each leading to its source in
	// the list under the table: a source changed there is a row's.
	chartSource := regexp.MustCompile(`<li id="(chart-[^"]+)-table-source-1">([^<]+)</li>`)
	t.Run("chart source changed", func(t *testing.T) {
		plant(t, cellPages, func(_, s string) (string, string, string) {
			m := chartSource.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return s[:m[4]] + "Nguồn khác" + s[m[5]:], "chart", s[m[2]:m[3]] + " row "
		})
	})
	// editCSV changes the first non-empty cell of column col.
	editCSV := func(col string) func(string, string) (string, string, string) {
		return func(_, s string) (string, string, string) {
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff"))).ReadAll()
			if err != nil || len(recs) < 2 {
				return "", "", ""
			}
			j := slices.Index(recs[0], col)
			if j < 0 {
				return "", "", ""
			}
			for i := 1; i < len(recs); i++ {
				if recs[i][j] == "" {
					continue
				}
				recs[i][j] += "9"
				var b bytes.Buffer
				b.WriteString("\ufeff")
				cw := csv.NewWriter(&b)
				cw.UseCRLF = true
				cw.WriteAll(recs)
				return b.String(), "download", col
			}
			return "", "", ""
		}
	}
	t.Run("download value", func(t *testing.T) { plant(t, csvs, editCSV("admitted")) })
	t.Run("download coverage", func(t *testing.T) { plant(t, csvs, editCSV("admitted_covered")) })
	t.Run("download target", func(t *testing.T) { plant(t, csvs, editCSV("target_max")) })
	t.Run("workbook download value", func(t *testing.T) {
		plant(t, glob("du-lieu/*.xlsx"), func(_, s string) (string, string, string) {
			f, err := excelize.OpenReader(strings.NewReader(s))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetList()[0]
			rows, _ := f.GetRows(sheet)
			if len(rows) < 3 {
				return "", "", ""
			}
			j := slices.Index(rows[1], "admitted")
			if j < 0 || j >= len(rows[2]) || rows[2][j] == "" {
				return "", "", ""
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, 3)
			if err := f.SetCellValue(sheet, cell, "1"+rows[2][j]); err != nil {
				t.Fatal(err)
			}
			b, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			return b.String(), "download", "admitted"
		})
	})
	t.Run("JSON download coverage", func(t *testing.T) {
		covered := regexp.MustCompile(`"admitted_covered": (\d+)`)
		plant(t, glob("du-lieu/*.json"), func(_, s string) (string, string, string) {
			m := covered.FindStringSubmatchIndex(s)
			if m == nil {
				return "", "", ""
			}
			return s[:m[3]] + "0" + s[m[3]:], "download", "admitted_covered"
		})
	})
}

// changeFigure changes the first figure from byte from on: a 1 before its
// value and before its text, as a typo or a stale page would.
func changeFigure(s string, from int) string {
	at := from + strings.Index(s[from:], `<data value="`) + len(`<data value="`)
	s = s[:at] + "1" + s[at:]
	text := at + strings.Index(s[at:], ">") + 1
	return s[:text] + "1" + s[text:]
}
