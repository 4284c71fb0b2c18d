package chart_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"sitegen/internal/chart"
	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// The image of a chart is the same bytes every time, XML, and its texts
// (a credit from the data, say) stay text.
func TestSVGDeterministicAndEscaped(t *testing.T) {
	d := load(t)
	credit := chart.Credit{Source: `Nguồn: <script>alert(1)</script> & "báo"`, Version: "Phiên bản dữ liệu x"}
	for _, q := range []data.ChartQuery{
		{Kind: "admissions", Subject: "khoi-dn"},
		{Kind: "cells", Subject: "khoi-dn", Year: 2017},
	} {
		c := build(t, d, i18n.VI, q)
		a, b := c.SVG(i18n.New(i18n.VI), credit), c.SVG(i18n.New(i18n.VI), credit)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two images of one chart differ", q.Kind)
		}
		dec := xml.NewDecoder(bytes.NewReader(a))
		var text strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not XML: %v", q.Kind, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if tok.Name.Local == "script" {
					t.Errorf("%s: a <script> element in the image", q.Kind)
				}
			case xml.CharData:
				text.Write(tok)
			}
		}
		if !strings.Contains(text.String(), `<script>alert(1)</script> & "báo"`) {
			t.Errorf("%s: the credit is not in the image as text", q.Kind)
		}
	}
}

// BenchmarkSVG is the Go writer's cost per chart (docs/performance.md).
func BenchmarkSVG(b *testing.B) {
	c := build(b, load(b), i18n.VI, data.ChartQuery{Kind: "admissions", Subject: "khoi-dn"})
	loc := i18n.New(i18n.VI)
	for b.Loop() {
		c.SVG(loc, chart.Credit{Source: "Nguồn: Báo Vĩnh Phúc, 02/02/2018", Version: "Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026)"})
	}
}
