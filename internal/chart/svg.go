package chart

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// Credit is what an image of a chart says of where it comes from, so
// that a picture cut from the site still says it: the sources of its
// figures ("Nguồn: Báo Vĩnh Phúc, 02/02/2018") and the publisher with
// the data version ("Đảng bộ … · Phiên bản dữ liệu 1a2b3c4d5e6f (26/11/2026)").
type Credit struct {
	Source, Version string
}

// The image's frame, in pixels. Text is measured by an average width of
// its characters (charWidth of its size): no font is at hand at build
// time, and the image names only the reader's own sans-serif fonts.
const (
	svgWidth   = 800
	svgPad     = 16
	svgPlotH   = 260 // the plot of a chart by year or day
	svgRow     = 28  // a sub-cell's bar in a cells chart
	svgNames   = 240 // the sub-cells' names beside their bars
	svgYLabels = 56  // the value axis' labels left of the plot
	charWidth  = 0.56
	fontTitle  = 17
	fontText   = 12
	fontSmall  = 11
)

// SVG draws the chart as an SVG image, in Go at build time, without a
// browser: the same figures as the ECharts chart (bars or a line, each
// labelled as published, the target range as a band behind the bars),
// its title, legend, and credit drawn in. The same chart gives the same
// bytes. Every text is escaped: names and sources come from the data.
func (c *Chart) SVG(loc *i18n.Locale, credit Credit) []byte {
	d := &drawing{loc: loc}
	y := d.paragraph(svgPad, c.Title, fontTitle, "title", "", true)
	y += 8
	y = d.legend(c, y+fontText)
	y += 16
	switch c.Kind.By {
	case "cell":
		y = d.cells(c, y)
	case "date":
		y = d.members(c, y)
	default:
		y = d.years(c, y)
	}
	y += 12
	for _, s := range []string{credit.Source, credit.Version} {
		y = d.paragraph(y, s, fontText, "credit", colorMuted, false)
	}
	return d.image(y+svgPad, c.Title, c.Summary)
}

// paragraph writes s below the baseline y across the image, in as many
// lines as it takes; it returns the last line's baseline.
func (d *drawing) paragraph(y int, s string, size int, class, fill string, bold bool) int {
	// Bold letters are wider: bold text is measured at a larger size.
	measure, extra := size, ""
	if bold {
		measure, extra = size+2, ` font-weight="700"`
	}
	for _, line := range wrap(s, measure, svgWidth-2*svgPad) {
		y += size + 4
		d.text(svgPad, float64(y), size, class, "start", line, fill, extra)
	}
	return y
}

// image is the drawing as an SVG image of height h, with its title and
// description for those who cannot see it.
func (d *drawing) image(h int, title, desc string) []byte {
	var out bytes.Buffer
	hs := strconv.Itoa(h)
	out.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="` + hs + `" viewBox="0 0 800 ` + hs +
		`" role="img" aria-labelledby="title desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif">` + "\n")
	out.WriteString(`<title id="title">` + esc(title) + "</title>\n")
	out.WriteString(`<desc id="desc">` + esc(desc) + "</desc>\n")
	out.WriteString(`<rect width="800" height="` + hs + `" fill="#ffffff"/>` + "\n")
	out.Write(d.b.Bytes())
	out.WriteString("</svg>\n")
	return out.Bytes()
}

const colorMuted = "#4d4d4d"

// drawing collects the marks of an image, top to bottom.
type drawing struct {
	loc *i18n.Locale
	b   bytes.Buffer
}

// text writes s at x, y in the colour fill ("" for the text's own),
// extra being more attributes.
func (d *drawing) text(x, y float64, size int, class, anchor, s, fill, extra string) {
	if fill == "" {
		fill = colorText
	}
	d.b.WriteString(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y) + `" font-size="` + strconv.Itoa(size) +
		`" text-anchor="` + anchor + `" fill="` + fill + `"` + extra + ">" + esc(s) + "</text>\n")
}

// label writes a figure's label as published, a line of it a line of
// text upwards from y (a bar's top) or centred on y (beside a bar).
func (d *drawing) label(x, y float64, anchor string, f *data.Figure, above bool) {
	lines := strings.Split(label(d.loc, f), "\n")
	if above {
		y -= float64(len(lines)-1)*labelLineHeight + 4
	} else {
		y += 4 - float64(len(lines)-1)*labelLineHeight/2
	}
	for i, l := range lines {
		// The figure as published is class "value", its notes "note";
		// a white edge keeps them legible over a band or a line.
		class := "value"
		if i > 0 {
			class = "note"
		}
		d.text(x, y+float64(i)*labelLineHeight, fontSmall, class, anchor, l, "", ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`)
	}
}

func (d *drawing) rect(class string, x, y, w, h float64, fill, stroke string, strokeW float64, value string) {
	d.b.WriteString(`<rect class="` + class + `" x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) + `" fill="` + fill + `"`)
	if stroke != "" {
		d.b.WriteString(` stroke="` + stroke + `" stroke-width="` + num(strokeW) + `"`)
	}
	if value != "" {
		d.b.WriteString(` data-value="` + value + `"`)
	}
	d.b.WriteString("/>\n")
}

// lookStyle is the fill and border of a bar of each look, as the
// ECharts chart draws it.
func lookStyle(l look) (fill, stroke string, width float64) {
	switch l {
	case approx:
		return colorApprox, colorAdmitted, 1
	case dated:
		return colorDated, colorAdmitted, 1
	case partial:
		return colorPartial, colorAdmitted, 2
	}
	return colorAdmitted, "", 0
}

// legend names each series the image draws, in one line or more; it
// returns the baseline below it.
func (d *drawing) legend(c *Chart, y int) int {
	type item struct{ name, fill, stroke string }
	var items []item
	switch c.Kind.Name {
	case data.ChartMembers:
		items = append(items, item{d.loc.T("chart.members"), colorMembers, ""})
	case data.ChartReferrals:
		items = append(items, item{d.loc.T("chart.referred"), colorReferred, ""}, item{d.loc.T("chart.referral_admitted"), colorAdmitted, ""})
	default:
		var seen [looks]bool
		for _, r := range c.Rows {
			if f := r.Figures[0]; f != nil {
				seen[lookOf(f)] = true
			}
		}
		for l := range looks {
			if seen[l] {
				fill, stroke, _ := lookStyle(l)
				items = append(items, item{d.loc.T(lookLabels[l]), fill, stroke})
			}
		}
		if c.Kind.Name == data.ChartAdmissions && hasTarget(c.ChartData) {
			items = append(items, item{d.loc.T("chart.target"), colorTargetFill, colorTargetLn})
		}
	}
	x := float64(svgPad)
	for _, it := range items {
		w := 18 + textWidth(it.name, fontText) + 16
		if x+w > svgWidth-svgPad && x > svgPad {
			x, y = svgPad, y+fontText+8
		}
		stroke := it.stroke
		if stroke == "" {
			stroke = it.fill
		}
		d.rect("swatch", x, float64(y-10), 12, 12, it.fill, stroke, 1, "")
		d.text(x+18, float64(y), fontText, "legend", "start", it.name, "", "")
		x += w
	}
	return y
}

// colorTargetFill is the band's colour without transparency, which some
// SVG programs draw opaque.
const colorTargetFill = "#f7e6d6"

// axis is a value axis from 0 to max in ticks of step.
type axis struct{ max, step int64 }

func newAxis(top int64) axis {
	if top < 1 {
		top = 1
	}
	for p := int64(1); ; p *= 10 {
		for _, m := range [...]int64{1, 2, 5} {
			step := m * p
			if n := (top + step - 1) / step; n <= 5 {
				return axis{n * step, step}
			}
		}
	}
}

// years draws bars by year (admissions, referrals) with the target band
// behind them; it returns the baseline below the year labels.
func (d *drawing) years(c *Chart, top int) int {
	left, band, bottom, yOf := d.plot(c, top)
	// The target bands first, behind every bar.
	for i, r := range c.Rows {
		if c.Kind.Name != data.ChartAdmissions || r.Figures[1] == nil {
			continue
		}
		t, mid := r.Figures[1], left+band*(float64(i)+0.5)
		h := max(bottom-yOf(t.Max-t.Min), 2)
		d.rect("target", mid-band*0.4, yOf(t.Max), band*0.8, h, colorTargetFill, colorTargetLn, 1, t.Value())
	}
	for i, r := range c.Rows {
		mid := left + band*(float64(i)+0.5)
		d.text(mid, bottom+18, fontText, "category", "middle", d.loc.Year(r.Year), "", "")
		switch c.Kind.Name {
		case data.ChartReferrals:
			w := min(32, band*0.35)
			for j, color := range []string{colorReferred, colorAdmitted} {
				if f := r.Figures[j]; f != nil {
					x := mid - w + float64(j)*w
					d.rect("bar", x, yOf(f.Count.Value), w, bottom-yOf(f.Count.Value), color, "", 0, strconv.FormatInt(f.Count.Value, 10))
					d.label(x+w/2, yOf(f.Count.Value), "middle", f, true)
				}
			}
		default:
			if f := r.Figures[0]; f != nil {
				w := min(40, band*0.5)
				fill, stroke, sw := lookStyle(lookOf(f))
				d.rect("bar", mid-w/2, yOf(f.Count.Value), w, bottom-yOf(f.Count.Value), fill, stroke, sw, strconv.FormatInt(f.Count.Value, 10))
				d.label(mid, yOf(f.Count.Value), "middle", f, true)
			}
		}
	}
	return int(bottom) + 24
}

// plot draws the frame of a chart by year or day below top: its value
// axis, up to the highest figure of its rows, with its lines and labels.
// It returns where the plot begins on the left, the width of each row's
// band, the plot's bottom, and the height of a value.
func (d *drawing) plot(c *Chart, top int) (left, band, bottom float64, yOf func(int64) float64) {
	var hi int64
	for _, r := range c.Rows {
		for _, f := range r.Figures {
			if f != nil {
				hi = max(hi, f.Count.Value, f.Max)
			}
		}
	}
	ax := newAxis(hi)
	left, right := float64(svgPad+svgYLabels), float64(svgWidth-svgPad)
	// Room above the plot for a label of two lines over the highest mark.
	bottom = float64(top+2*labelLineHeight) + svgPlotH
	yOf = func(v int64) float64 { return bottom - float64(v)*svgPlotH/float64(ax.max) }
	d.grid(ax, left, right, yOf)
	return left, (right - left) / float64(max(len(c.Rows), 1)), bottom, yOf
}

// grid draws the value axis' lines and their labels.
func (d *drawing) grid(ax axis, left, right float64, yOf func(int64) float64) {
	for v := int64(0); v <= ax.max; v += ax.step {
		y := yOf(v)
		d.b.WriteString(`<line x1="` + num(left) + `" y1="` + num(y) + `" x2="` + num(right) + `" y2="` + num(y) + `" stroke="#dddddd" stroke-width="1"/>` + "\n")
		d.text(left-6, y+4, fontSmall, "tick", "end", d.loc.Int(v), colorMuted, "")
	}
}

// members draws a cell's members over the days of its memberships as a
// line, each point labelled as published, an approximate one hollow.
func (d *drawing) members(c *Chart, top int) int {
	left, band, bottom, yOf := d.plot(c, top)
	// A day's label takes about 70 pixels: on a crowded axis every
	// other one is left out, as ECharts does.
	every := int(70/band) + 1
	var points []string
	for i, r := range c.Rows {
		if f := r.Figures[0]; f != nil {
			points = append(points, num(left+band*(float64(i)+0.5))+","+num(yOf(f.Count.Value)))
		}
	}
	d.b.WriteString(`<polyline fill="none" stroke="` + colorMembers + `" stroke-width="2" points="` + strings.Join(points, " ") + `"/>` + "\n")
	for i, r := range c.Rows {
		mid := left + band*(float64(i)+0.5)
		if i%every == 0 {
			d.text(mid, bottom+18, fontSmall, "category", "middle", d.loc.Date(r.Date.Year, r.Date.Month, r.Date.Day), "", "")
		}
		f := r.Figures[0]
		if f == nil {
			continue
		}
		fill := colorMembers
		if f.ApproxOf() != data.Exact {
			fill = "#ffffff"
		}
		d.b.WriteString(`<circle class="point" cx="` + num(mid) + `" cy="` + num(yOf(f.Count.Value)) + `" r="4" fill="` + fill +
			`" stroke="` + colorMembers + `" stroke-width="2" data-value="` + strconv.FormatInt(f.Count.Value, 10) + `"/>` + "\n")
		d.label(mid, yOf(f.Count.Value)-4, "middle", f, true)
	}
	return int(bottom) + 24
}

// cells draws one year's admissions across the sub-cells as horizontal
// bars, names on the left, each bar labelled at its end.
func (d *drawing) cells(c *Chart, top int) int {
	var hi int64
	for _, r := range c.Rows {
		if f := r.Figures[0]; f != nil {
			hi = max(hi, f.Count.Value)
		}
	}
	ax := newAxis(hi)
	left, right := float64(svgPad+svgNames), float64(svgWidth-svgPad-80)
	plotTop := float64(top)
	bottom := plotTop + float64(svgRow*len(c.Rows))
	xOf := func(v int64) float64 { return left + float64(v)*(right-left)/float64(ax.max) }
	for v := int64(0); v <= ax.max; v += ax.step {
		x := xOf(v)
		d.b.WriteString(`<line x1="` + num(x) + `" y1="` + num(plotTop) + `" x2="` + num(x) + `" y2="` + num(bottom) + `" stroke="#dddddd" stroke-width="1"/>` + "\n")
		d.text(x, bottom+16, fontSmall, "tick", "middle", d.loc.Int(v), colorMuted, "")
	}
	for i, r := range c.Rows {
		mid := plotTop + svgRow*(float64(i)+0.5)
		d.text(left-8, mid+4, fontText, "category", "end", clip(r.Cell.Name, fontText, svgNames-16), "", "")
		f := r.Figures[0]
		if f == nil {
			continue
		}
		fill, stroke, sw := lookStyle(lookOf(f))
		d.rect("bar", left, mid-9, xOf(f.Count.Value)-left, 18, fill, stroke, sw, strconv.FormatInt(f.Count.Value, 10))
		d.label(xOf(f.Count.Value)+6, mid, "start", f, false)
	}
	return int(bottom) + 24
}

// textWidth guesses how wide s is drawn at size.
func textWidth(s string, size int) float64 {
	return float64(utf8.RuneCountInString(s)) * float64(size) * charWidth
}

// wrap cuts s into lines that fit width, at spaces.
func wrap(s string, size int, width float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && textWidth(line+" "+w, size) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// clip shortens s to fit width, ending it with "…".
func clip(s string, size int, width float64) string {
	if textWidth(s, size) <= width {
		return s
	}
	r := []rune(s)
	n := int(width/(float64(size)*charWidth)) - 1
	return strings.TrimSpace(string(r[:max(n, 1)])) + "…"
}

// num writes a coordinate with one decimal at most: the same chart gives
// the same bytes.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// esc makes text from the data text in the image, never markup.
func esc(s string) string { return escaper.Replace(s) }
