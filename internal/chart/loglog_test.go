package chart_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"sitegen/internal/chart"
	"sitegen/internal/i18n"
)

// On the docs' chart, equal ratios of size are equal distances across,
// equal ratios of value equal distances up, a larger value higher; a
// measurement in proportion to the size lies on the proportional line;
// and a label stays text.
func TestLogLog(t *testing.T) {
	c := chart.LogLog{
		Title:  []string{"Time <against> size", "Thời gian & cỡ"},
		XTitle: "size",
		Panels: []chart.Panel{{Title: "time", Points: []chart.Point{
			{X: 10, Lo: 2, Hi: 2, Label: "2 s"},
			{X: 100, Lo: 16, Hi: 25, Label: "<b>16–25</b>"},
			{X: 1000, Lo: 200, Hi: 200, Label: "200 s"},
		}}},
		Ref:        0,
		PointLabel: "measured",
		RefLabel:   "in proportion",
	}
	img := c.SVG(i18n.New(i18n.EN))
	if !bytes.Equal(img, c.SVG(i18n.New(i18n.EN))) {
		t.Error("two images of one chart differ")
	}
	type pt struct{ x, y float64 }
	var circles []pt
	var ref [2]pt
	ranges := 0
	var text strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(img))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			a := map[string]float64{}
			class := ""
			for _, at := range tok.Attr {
				if at.Name.Local == "class" {
					class = at.Value
				}
				a[at.Name.Local], _ = strconv.ParseFloat(at.Value, 64)
			}
			switch {
			case tok.Name.Local == "b":
				t.Error("a label became markup")
			case class == "point":
				circles = append(circles, pt{a["cx"], a["cy"]})
			case class == "proportional":
				ref = [2]pt{{a["x1"], a["y1"]}, {a["x2"], a["y2"]}}
			case class == "range":
				ranges++
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	if len(circles) != 3 {
		t.Fatalf("%d points drawn, want 3", len(circles))
	}
	near := func(a, b float64) bool { return a-b < 0.15 && b-a < 0.15 }
	if dx1, dx2 := circles[1].x-circles[0].x, circles[2].x-circles[1].x; dx1 <= 0 || !near(dx1, dx2) {
		t.Errorf("sizes 10, 100, 1000 at x %v: not equal steps rightwards", circles)
	}
	// A range is drawn at its geometric middle: √(16·25) = 20.
	if dy1, dy2 := circles[0].y-circles[1].y, circles[1].y-circles[2].y; dy1 <= 0 || !near(dy1, dy2) {
		t.Errorf("values 2, 16–25, 200 at y %v: not equal steps upwards", circles)
	}
	if ref[0] != circles[0] || !near(ref[1].x, circles[2].x) || !near(ref[1].y, circles[2].y) {
		t.Errorf("the proportional line goes from %v to %v, not through the points %v, which are in proportion", ref[0], ref[1], circles)
	}
	if ranges != 1 {
		t.Errorf("%d ranges drawn, want 1 (16–25)", ranges)
	}
	for _, s := range []string{"Time <against> size", "Thời gian & cỡ", "<b>16–25</b>", "1,000", "in proportion"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("%q is not in the image as text", s)
		}
	}
}
