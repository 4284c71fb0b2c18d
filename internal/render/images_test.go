package render_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sitegen/internal/render"
)

// svgMark is an element of a chart's image that the test reads.
type svgMark struct {
	class, text string
	attrs       map[string]float64
	value       string // data-value
}

func readSVG(t *testing.T, name string, b []byte) (marks []svgMark, title string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var open *svgMark
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return marks, title
		}
		if err != nil {
			t.Fatalf("%s is not XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			m := svgMark{attrs: map[string]float64{}}
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "class":
					m.class = a.Value
				case "data-value":
					m.value = a.Value
				default:
					if v, err := strconv.ParseFloat(a.Value, 64); err == nil {
						m.attrs[a.Name.Local] = v
					}
				}
			}
			if tok.Name.Local == "circle" {
				m.class = "point"
			}
			marks = append(marks, m)
			open = &marks[len(marks)-1]
			if tok.Name.Local == "title" {
				open.class = "svg-title"
			}
		case xml.CharData:
			if open != nil {
				open.text += string(tok)
			}
		case xml.EndElement:
			if open != nil && open.class == "svg-title" {
				title = open.text
			}
			open = nil
		}
	}
}

var digits = regexp.MustCompile(`[0-9][0-9.]*`)

// number reads a figure as the image writes it: "trên 200", "3.232".
func number(s string) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(digits.FindString(s), ".", ""), 10, 64)
	return n
}

// TestChartImagesReadBack reads the numbers of every chart image of the
// sample site back, from its text (the labels, as published) and from
// its geometry (each bar's length and point's height against the axis'
// ticks), and compares them with the chart's CSV download, the figures
// the chart draws; the image names its title, sources and data version.
func TestChartImagesReadBack(t *testing.T) {
	w := sampleSite(t, nil)
	columns := map[string][]string{
		"admissions": {"admitted"}, "members": {"members"}, "cells": {"admitted"},
		"referrals": {"referred", "referral_admitted"},
	}
	images := 0
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range w.files {
			if strings.HasSuffix(n, ".svg") && !yield(n) {
				return
			}
		}
	}) {
		images++
		kind := strings.SplitN(strings.TrimPrefix(name, "du-lieu/chart-"), "-", 2)[0]
		csvName := strings.TrimSuffix(name, ".svg") + ".csv"
		rows := parseCSV(t, csvName, w.files[csvName])
		var want, wantTargets []int64
		for _, r := range rows {
			for _, col := range columns[kind] {
				if r[col] != "" {
					n, _ := strconv.ParseInt(r[col], 10, 64)
					want = append(want, n)
				}
			}
			if r["target_min"] != "" {
				n, _ := strconv.ParseInt(r["target_min"], 10, 64)
				m, _ := strconv.ParseInt(r["target_max"], 10, 64)
				wantTargets = append(wantTargets, n, m)
			}
		}
		marks, title := readSVG(t, name, w.files[name])
		var texts, lengths, targets []int64
		var ticks []svgMark
		var credit []string
		for _, m := range marks {
			switch m.class {
			case "value":
				texts = append(texts, number(m.text))
			case "tick":
				ticks = append(ticks, m)
			case "credit":
				credit = append(credit, m.text)
			}
		}
		if len(ticks) < 2 {
			t.Errorf("%s: %d ticks on its axis", name, len(ticks))
			continue
		}
		// The axis: from its first tick (0) to its last, in pixels.
		first, last := ticks[0], ticks[len(ticks)-1]
		horizontal := kind == "cells"
		pos := func(m svgMark) float64 {
			if horizontal {
				return m.attrs["x"]
			}
			return m.attrs["y"]
		}
		scale := float64(number(last.text)) / math.Abs(pos(last)-pos(first))
		zero := pos(first)
		if !horizontal {
			zero -= 4 // a tick's text sits 4 pixels below its line
		}
		for _, m := range marks {
			switch m.class {
			case "bar":
				l := m.attrs["height"]
				if horizontal {
					l = m.attrs["width"]
				}
				lengths = append(lengths, int64(math.Round(l*scale)))
			case "point":
				lengths = append(lengths, int64(math.Round((zero-m.attrs["cy"])*scale)))
			case "target":
				lo := int64(math.Round((zero - m.attrs["y"] - m.attrs["height"]) * scale))
				hi := int64(math.Round((zero - m.attrs["y"]) * scale))
				targets = append(targets, lo, hi)
			}
		}
		if !slices.Equal(texts, want) {
			t.Errorf("%s: its labels read %v, its CSV %v", name, texts, want)
		}
		// A pixel is worth more than one member on a large axis: the
		// bars are checked to within one pixel.
		for i := range want {
			if i >= len(lengths) || math.Abs(float64(lengths[i]-want[i])) > scale+1 {
				t.Errorf("%s: its bars and points measure %v against the axis, its CSV %v", name, lengths, want)
				break
			}
		}
		for i := range wantTargets {
			if i >= len(targets) || math.Abs(float64(targets[i]-wantTargets[i])) > scale+1 {
				t.Errorf("%s: its target bands measure %v, its CSV %v", name, targets, wantTargets)
				break
			}
		}
		all := strings.Join(credit, " ")
		if title == "" || !strings.Contains(all, "Phiên bản dữ liệu 0a1b2c3d4e5f (20/11/2026)") || rows[0]["admitted_source"]+rows[0]["members_source"] != "" && !strings.Contains(all, "Nguồn: ") {
			t.Errorf("%s: title %q, credit %q: want the title, the sources and the data version drawn in", name, title, all)
		}
	}
	if images < 8 {
		t.Errorf("only %d chart images on the sample site", images)
	}
}

// TestNoImages: a build told to leave images out writes none, and no
// page links, prints or previews one.
func TestNoImages(t *testing.T) {
	fsys := siteFS(t, "site.txtar", nil)
	m := model(t, fsys)
	m.Site.BaseURL = "https://so-lieu.example.vn/"
	r, err := render.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, no := range []bool{false, true} {
		w := &memWriter{}
		if _, err := r.RenderWith(m, w, render.Options{NoImages: no}); err != nil {
			t.Fatal(err)
		}
		svgs, mentions := 0, 0
		for name, b := range w.files {
			if strings.HasSuffix(name, ".svg") {
				svgs++
			}
			if strings.HasSuffix(name, ".html") && bytes.Contains(b, []byte(`.svg"`)) {
				mentions++
			}
		}
		if no != (svgs == 0) || no != (mentions == 0) {
			t.Errorf("NoImages %v: %d images written, %d pages name one", no, svgs, mentions)
		}
		if !no && !bytes.Contains(w.files["bai-viet/tao-nguon/index.html"], []byte(`<meta property="og:image" content="https://so-lieu.example.vn/du-lieu/chart-admissions-khoi-dn.2018-02-02.svg">`)) {
			t.Errorf("the article's link preview does not show its chart's image")
		}
	}
}
