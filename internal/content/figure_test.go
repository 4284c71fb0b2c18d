package content

import (
	"strings"
	"testing"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// TestFigureText is what each reference shows a reader, in both languages.
func TestFigureText(t *testing.T) {
	tests := []struct {
		ref    string
		vi, en string
	}{
		{"admitted khoi-dn 2017", "trên 200", "over 200"},       // approximate, as published
		{"admitted prime-group 2017", "17", "17"},               // a cell's own record
		{"admitted khoi-dn 2010-2015", "1.071", "1,071"},        // a period total
		{"owners khoi-dn 2010-2015", "14", "14"},                // a part of admitted
		{"admitted khoi-dn 2016", "15", "15"},                   // a sum over sub-cells (in-phuc-yen 3 + prime-group 12 + chinh-xac-vn1 0)
		{"admitted khoi-dn 2018", "187", "187"},                 // dated (as_of 15/11), known by the article's date
		{"confirmed khoi-dn 2018", "181", "181"},                //
		{"members khoi-dn 2018", "3.276", "3,276"},              // the latest membership of the year
		{"units khoi-dn 2018", "72", "72"},                      // the latest membership that holds units
		{"target khoi-dn 2017", "200–220", "200–220"},           // a range from a term target
		{"target prime-group 2017", "15", "15"},                 // min = max
		{"achieved khoi-dn 2017", "trên 100,0%", "over 100.0%"}, // takes the numerator's approximation
		{"achieved prime-group 2017", "113,3%", "113.3%"},       // 17 / 15, one decimal
		{"referred doan-khoi 2017", "162", "162"},               //
		{"referral_admitted doan-khoi 2017", "113", "113"},      //
		{"conversion doan-khoi 2017", "69,8%", "69.8%"},         // 113 / 162 = 69.75…, half away from zero
	}
	for _, lang := range []string{"vi", "en"} {
		var src strings.Builder
		src.WriteString("-- content/a.md --\n+++\ntitle = \"a\"\ndate = 2018-12-31\n+++\n")
		for _, tt := range tests {
			src.WriteString("- {{ " + tt.ref + " }}\n")
		}
		arts, diags := load(t, lang, src.String())
		if len(diags) > 0 {
			t.Fatalf("%s: unexpected diagnostics:\n%v", lang, diags)
		}
		a := arts[0]
		if len(a.Figures) != len(tests) {
			t.Fatalf("%s: %d figures collected, want %d", lang, len(a.Figures), len(tests))
		}
		html := bodyIn(a, lang)
		for i, tt := range tests {
			want := tt.vi
			if lang == "en" {
				want = tt.en
			}
			f := a.Figures[i]
			if got := f.Name + " " + f.Subject + " " + f.Period.String(); got != tt.ref {
				t.Errorf("%s: figure %d is %q, want %q", lang, i, got, tt.ref)
			}
			if got := f.Text(i18n.New(i18n.Lang(lang))); got != want {
				t.Errorf("%s: {{ %s }} reads %q, want %q", lang, tt.ref, got, want)
			}
			if !strings.Contains(html, "⟦"+want) {
				t.Errorf("%s: {{ %s }} does not stand in the body as %q:\n%s", lang, tt.ref, want, html)
			}
		}
	}
}

// TestFigureLink checks what the page stage is handed for each figure:
// the figure as published with what its notes say, and the anchor its
// link leads to, a dated one for a figure counted to a day.
func TestFigureLink(t *testing.T) {
	tests := []struct{ ref, lang, want string }{
		{"admitted khoi-dn 2017", "vi", "trên 200 → don-vi/khoi-dn/index.html#admitted-2017"},
		{"admitted khoi-dn 2018", "vi", "187 (đến 15/11/2018) → don-vi/khoi-dn/index.html#admitted-2018-2018-11-15"},
		{"admitted khoi-dn 2018", "en", "187 (as of 15 November 2018) → don-vi/khoi-dn/index.html#admitted-2018-2018-11-15"},
		{"admitted khoi-dn 2016", "vi", "15 (tổng của 3 đơn vị trực thuộc) → don-vi/khoi-dn/index.html#admitted-2016"},
		{"admitted khoi-dn 2010-2015", "en", "1,071 → don-vi/khoi-dn/index.html#admitted-2010-2015"},
		{"target khoi-dn 2018", "vi", "200–220 → don-vi/khoi-dn/index.html#target-2018"},
		{"members khoi-dn 2018", "vi", "3.276 (ngày 15/11/2018) → don-vi/khoi-dn/index.html#members-2018-2018-11-15"},
		{"conversion doan-khoi 2017", "vi", "69,8% → gioi-thieu/doan-khoi/index.html#conversion-2017"},
	}
	for _, tt := range tests {
		arts, diags := load(t, tt.lang, "-- content/a.md --\n+++\ntitle = \"a\"\ndate = 2018-12-31\n+++\nx {{ "+tt.ref+" }} y\n")
		if len(diags) > 0 {
			t.Fatalf("{{ %s }}: unexpected diagnostics:\n%v", tt.ref, diags)
		}
		want := "<p>x ⟦" + tt.want + "⟧ y</p>\n"
		if got := bodyIn(arts[0], tt.lang); got != want {
			t.Errorf("{{ %s }} (%s):\ngot  %s\nwant %s", tt.ref, tt.lang, got, want)
		}
	}
}

// TestFigureAsOfArticleDate: an article sees the data as of its date.
func TestFigureAsOfArticleDate(t *testing.T) {
	arts, diags := load(t, "vi", `-- content/a.md --
+++
title = "a"
date = 2018-02-02T08:02:00+07:00
+++
{{ members khoi-dn 2018 }} {{ units khoi-dn 2018 }}
`)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	// 3.276 is dated 15/11/2018; on 02/02/2018 only the 01/01/2018 count was known.
	if got := arts[0].Figures[0]; got.Count.Value != 3232 {
		t.Errorf("members as of 02/02/2018 = %d, want 3232", got.Count.Value)
	}
	if want := (data.Date{Year: 2018, Month: 2, Day: 2}); arts[0].Figures[0].On != want {
		t.Errorf("figure asked as known on %v, want %v", arts[0].Figures[0].On, want)
	}
}

// TestLiteral: \{{ and code keep the braces as text.
func TestLiteral(t *testing.T) {
	arts, diags := load(t, "vi", "-- content/a.md --\n+++\ntitle = \"a\"\ndate = 2018-12-31\n+++\n"+
		"a \\{{ admitted khoi-dn 2017 }} b `{{ admitted x 1 }}`\n\n    {{ chart nothing here }}\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := "<p>a {{ admitted khoi-dn 2017 }} b <code>{{ admitted x 1 }}</code></p>\n<pre><code>{{ chart nothing here }}\n</code></pre>\n"
	if got := body(arts[0]); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(arts[0].Figures) != 0 {
		t.Errorf("literal braces cited figures: %v", arts[0].Figures)
	}
}

func TestParseFigureRef(t *testing.T) {
	tests := []struct {
		in   string
		want figureRef
	}{
		{" admitted khoi-dn 2017 ", figureRef{Name: "admitted", Subject: "khoi-dn", Period: data.Year(2017), Text: "admitted khoi-dn 2017"}},
		{"admitted\tkhoi-dn  2010-2015", figureRef{Name: "admitted", Subject: "khoi-dn", Period: data.Period{From: 2010, To: 2015}, Text: "admitted khoi-dn 2010-2015"}},
		{"chart cells khoi-dn 2017", figureRef{Chart: true, Name: "cells", Subject: "khoi-dn", Period: data.Year(2017), Text: "chart cells khoi-dn 2017"}},
		{"chart admissions khoi-dn", figureRef{Chart: true, Name: "admissions", Subject: "khoi-dn", Text: "chart admissions khoi-dn"}},
		{"admitted khoi-dn", figureRef{Text: "admitted khoi-dn", Err: "content.fig.syntax", ErrArg: "admitted khoi-dn"}},
		{"", figureRef{Err: "content.fig.syntax"}},
		{"admitted khoi-dn 17", figureRef{Name: "admitted", Subject: "khoi-dn", Text: "admitted khoi-dn 17", Err: "content.fig.period", ErrArg: "17"}},
		{"admitted khoi-dn 2015-2010", figureRef{Name: "admitted", Subject: "khoi-dn", Text: "admitted khoi-dn 2015-2010", Err: "content.fig.period", ErrArg: "2015-2010"}},
		{"admitted khoi-dn 1800", figureRef{Name: "admitted", Subject: "khoi-dn", Text: "admitted khoi-dn 1800", Err: "content.fig.period", ErrArg: "1800"}},
		{"chart cells khoi-dn 2010-2015", figureRef{Chart: true, Name: "cells", Subject: "khoi-dn", Text: "chart cells khoi-dn 2010-2015", Err: "content.fig.period", ErrArg: "2010-2015"}},
		{"chart a b c d", figureRef{Chart: true, Text: "chart a b c d", Err: "content.fig.syntax", ErrArg: "chart a b c d"}},
	}
	for _, tt := range tests {
		if got := parseFigureRef(tt.in); got != tt.want {
			t.Errorf("parseFigureRef(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

// TestFigureInLink: a figure in the text of the author's link keeps its
// value, without a link inside a link.
func TestFigureInLink(t *testing.T) {
	arts, diags := load(t, "vi", "-- content/a.md --\n"+head+"[Kết nạp {{ admitted prime-group 2017 }} người](https://example.org)\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := `<p><a href="https://example.org">Kết nạp ⟦17⟧ người</a></p>` + "\n"
	if got := body(arts[0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
