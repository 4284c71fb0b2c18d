package chart

import (
	"math"
	"strings"

	"sitegen/internal/i18n"
)

// LogLog is a chart of measurements against a size, for the docs rather
// than a site (docs/performance.md): panels side by side, each a line of
// points, both scales logarithmic, since the sizes and the measurements
// span orders of magnitude and a logarithmic scale shows growth in
// proportion to the size as a line of slope one. A dashed line of that
// slope through the point Ref of each panel shows whether the rest grow
// faster or slower than the size.
type LogLog struct {
	Title  []string // lines: English, then Vietnamese
	Desc   string   // for those who cannot see the image
	XTitle string   // under each panel
	Panels []Panel
	// Ref is the index of the point the proportional line goes through;
	// RefLabel and PointLabel name the two lines in the legend.
	Ref                  int
	RefLabel, PointLabel string
	Notes                []string // below the panels, each wrapped
}

// Panel is one measurement against the size.
type Panel struct {
	Title  string
	Points []Point
}

// Point is one measurement: Lo = Hi for one value, Lo < Hi for a range
// of runs. Label is written beside it as the docs write it. Sizes and
// values are at least 1 (the axes start at 1): measure in a unit that
// makes them so.
type Point struct {
	X, Lo, Hi float64
	Label     string
}

const (
	logPanelGap = 24
	logPlotH    = 260
	logRefColor = "#9a4d00"
)

// SVG draws the chart, its axes' numbers written as loc writes them; the
// same chart gives the same bytes.
func (c *LogLog) SVG(loc *i18n.Locale) []byte {
	d := &drawing{loc: loc}
	y := svgPad
	for _, t := range c.Title {
		y = d.paragraph(y, t, fontTitle, "title", "", true)
	}
	y += 8 + fontText
	d.logLegend(c, y)
	y += 16
	w := (float64(svgWidth-2*svgPad) - logPanelGap*float64(len(c.Panels)-1)) / float64(max(len(c.Panels), 1))
	bottom := y
	for i, p := range c.Panels {
		left := svgPad + float64(i)*(w+logPanelGap)
		bottom = d.logPanel(p, c.Ref, c.XTitle, left, w, y)
	}
	y = bottom + 8
	for _, n := range c.Notes {
		y = d.paragraph(y, n, fontText, "note", colorMuted, false)
	}
	return d.image(y+svgPad, strings.Join(c.Title, " / "), c.Desc)
}

func (d *drawing) logLegend(c *LogLog, y int) {
	x := float64(svgPad)
	for _, it := range []struct{ name, color, dash string }{
		{c.PointLabel, colorAdmitted, ""},
		{c.RefLabel, logRefColor, ` stroke-dasharray="6 4"`},
	} {
		d.b.WriteString(`<line x1="` + num(x) + `" y1="` + num(float64(y-4)) + `" x2="` + num(x+24) + `" y2="` + num(float64(y-4)) +
			`" stroke="` + it.color + `" stroke-width="2"` + it.dash + "/>\n")
		d.text(x+30, float64(y), fontText, "legend", "start", it.name, "", "")
		x += 30 + textWidth(it.name, fontText) + 24
	}
}

// logScale maps the decades from 10^lo to 10^hi onto from..to.
type logScale struct {
	lo, hi   int
	from, to float64
}

// newLogScale covers every value of vs with whole decades.
func newLogScale(vs []float64, from, to float64) logScale {
	lo, hi := math.MaxInt, math.MinInt
	for _, v := range vs {
		lo = min(lo, max(int(math.Floor(math.Log10(v))), 0))
		hi = max(hi, int(math.Ceil(math.Log10(v))))
	}
	return logScale{lo, max(hi, lo+1), from, to}
}

func (s logScale) at(v float64) float64 {
	return s.from + (math.Log10(v)-float64(s.lo))*(s.to-s.from)/float64(s.hi-s.lo)
}

// decades are the powers of ten of the scale, the ticks of its axis.
func (s logScale) decades() []float64 {
	var out []float64
	for e := s.lo; e <= s.hi; e++ {
		out = append(out, math.Pow10(e))
	}
	return out
}

// logPanel draws one panel at left, w wide, below top; it returns the
// baseline of its axis' title.
func (d *drawing) logPanel(p Panel, ref int, xTitle string, left, w float64, top int) int {
	d.text(left, float64(top+fontText), fontText, "panel", "start", p.Title, "", ` font-weight="700"`)
	// Room on the right for half the last tick's label, centred on it.
	plotL, plotR := left+svgYLabels, left+w-28
	plotT := float64(top + fontText + 12)
	plotB := plotT + logPlotH
	var xs, ys []float64
	for _, pt := range p.Points {
		xs = append(xs, pt.X)
		ys = append(ys, pt.Lo, pt.Hi)
	}
	// The proportional line spans the points' sizes; its ends are on the
	// value scale too, so that it is never cut off.
	r := p.Points[ref]
	rMid := math.Sqrt(r.Lo * r.Hi)
	first, last := p.Points[0].X, p.Points[len(p.Points)-1].X
	ys = append(ys, rMid*first/r.X, rMid*last/r.X)
	sx, sy := newLogScale(xs, plotL, plotR), newLogScale(ys, plotB, plotT)
	for _, v := range sx.decades() {
		x := sx.at(v)
		d.b.WriteString(`<line x1="` + num(x) + `" y1="` + num(plotT) + `" x2="` + num(x) + `" y2="` + num(plotB) + `" stroke="#dddddd" stroke-width="1"/>` + "\n")
		d.text(x, plotB+16, fontSmall, "tick", "middle", d.loc.Int(int64(v)), colorMuted, "")
	}
	for _, v := range sy.decades() {
		y := sy.at(v)
		d.b.WriteString(`<line x1="` + num(plotL) + `" y1="` + num(y) + `" x2="` + num(plotR) + `" y2="` + num(y) + `" stroke="#dddddd" stroke-width="1"/>` + "\n")
		d.text(plotL-6, y+4, fontSmall, "tick", "end", d.loc.Int(int64(v)), colorMuted, "")
	}
	d.b.WriteString(`<line class="proportional" x1="` + num(sx.at(first)) + `" y1="` + num(sy.at(rMid*first/r.X)) + `" x2="` + num(sx.at(last)) +
		`" y2="` + num(sy.at(rMid*last/r.X)) + `" stroke="` + logRefColor + `" stroke-width="1.5" stroke-dasharray="6 4"/>` + "\n")
	var points []string
	for _, pt := range p.Points {
		points = append(points, num(sx.at(pt.X))+","+num(sy.at(math.Sqrt(pt.Lo*pt.Hi))))
	}
	d.b.WriteString(`<polyline fill="none" stroke="` + colorAdmitted + `" stroke-width="2" points="` + strings.Join(points, " ") + `"/>` + "\n")
	for _, pt := range p.Points {
		x, y := sx.at(pt.X), sy.at(math.Sqrt(pt.Lo*pt.Hi))
		if pt.Lo < pt.Hi {
			d.b.WriteString(`<line class="range" x1="` + num(x) + `" y1="` + num(sy.at(pt.Lo)) + `" x2="` + num(x) + `" y2="` + num(sy.at(pt.Hi)) +
				`" stroke="` + colorAdmitted + `" stroke-width="2"/>` + "\n")
		}
		d.b.WriteString(`<circle class="point" cx="` + num(x) + `" cy="` + num(y) + `" r="4" fill="` + colorAdmitted + `" data-value="` + esc(pt.Label) + `"/>` + "\n")
		// Below and right of a rising line is free, unless the label
		// would leave the plot: then above and left.
		if x+8+textWidth(pt.Label, fontSmall) <= plotR {
			d.text(x+8, y+14, fontSmall, "value", "start", pt.Label, "", ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`)
		} else {
			d.text(x-8, y-8, fontSmall, "value", "end", pt.Label, "", ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`)
		}
	}
	d.text((plotL+plotR)/2, plotB+34, fontText, "axis", "middle", xTitle, "", "")
	return int(plotB) + 34
}
