package content

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sitegen/internal/data"
)

// TestSampleSite: the sample articles in content/ build against the
// sample data, each names its source, shows a chart and cites its
// figures from the data.
func TestSampleSite(t *testing.T) {
	site := os.DirFS("../..")
	d, diags := data.Load(site, "")
	if diags.HasErrors() {
		t.Fatalf("sample data has errors:\n%v", diags)
	}
	arts, diags := Load(site, "", d)
	if len(diags) > 0 {
		t.Fatalf("sample articles:\n%v", diags)
	}
	if len(arts) < 2 {
		t.Fatalf("%d sample articles, want two or three", len(arts))
	}
	for _, a := range arts {
		charts := 0
		for _, s := range a.Body {
			if s.Chart != nil {
				charts++
			}
		}
		if charts == 0 || len(a.Figures) == 0 || a.Source == "" || a.Draft {
			t.Errorf("%s: %d charts, %d figures, source %q, draft %v", a.Path, charts, len(a.Figures), a.Source, a.Draft)
		}
		src, err := os.ReadFile("../../" + a.Path)
		if err != nil {
			t.Fatal(err)
		}
		_, text, _ := strings.Cut(strings.TrimPrefix(string(src), "+++\n"), "\n+++\n") // the body, after the front matter
		for _, n := range typedNumbers(text) {
			t.Errorf("%s: %q is typed; cite the figure with {{ … }}", a.Path, n)
		}
	}
}

var (
	figureRefs = regexp.MustCompile(`\{\{[^}]*\}\}`)
	dates      = regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\b|\d{4}-\d{2}-\d{2}(T[0-9:+]+)?`)
	numbers    = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	// names as published, whose digits are not figures
	namesWithDigits = regexp.MustCompile(`Chính xác Việt Nam 1\b`)
)

// typedNumbers lists the numbers of an article's text that are neither a
// year, a date nor inside {{ … }}: a figure typed instead of cited.
func typedNumbers(src string) []string {
	src = figureRefs.ReplaceAllString(src, " ")
	src = namesWithDigits.ReplaceAllString(src, " ")
	src = dates.ReplaceAllString(src, " ")
	var out []string
	for _, n := range numbers.FindAllString(src, -1) {
		if y, err := strconv.Atoi(n); err == nil && len(n) == 4 && y >= 1930 && y <= 2100 {
			continue
		}
		out = append(out, n)
	}
	return out
}

func TestTypedNumbers(t *testing.T) {
	got := typedNumbers("Năm 2017 kết nạp {{ admitted khoi-dn 2017 }}, ngày 02/02/2018, có 3.232 đảng viên và 72 chi bộ; 2015–2020.")
	if strings.Join(got, " ") != "3.232 72" {
		t.Errorf("typedNumbers found %q", got)
	}
}
