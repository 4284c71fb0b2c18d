package reference

import (
	"fmt"
	"strings"
)

// How a Vietnamese site writes a figure (DESIGN.md: "3.232, 69,8%,
// 02/02/2018 in Vietnamese"; DATA-FORMAT.md: "An approximate figure is
// shown the way it was published ('trên 200')"), written again here so
// that the checker compares the pages with text it made itself.

// group writes a whole number with a dot between thousands: 3.232.
func group(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var approxWord = map[string]string{"over": "trên", "under": "gần", "about": "khoảng"}

// textOf is the figure as published: "trên 200", "200–220", "69,8%".
func textOf(f *figure) string {
	var s string
	switch f.kind {
	case kindRange:
		s = group(f.value)
		if f.max != f.value {
			s += "–" + group(f.max)
		}
		return s
	case kindPercent:
		s = group(f.tenths/10) + "," + fmt.Sprint(f.tenths%10) + "%"
	default:
		s = group(f.value)
	}
	if w := approxWord[f.approx]; w != "" {
		s = w + " " + s
	}
	return s
}

// valueOf is what a program reads in <data value>: "200", "200-220",
// "69.8".
func valueOf(f *figure) string {
	switch f.kind {
	case kindRange:
		if f.max != f.value {
			return fmt.Sprintf("%d-%d", f.value, f.max)
		}
		return fmt.Sprint(f.value)
	case kindPercent:
		return fmt.Sprintf("%d.%d", f.tenths/10, f.tenths%10)
	}
	return fmt.Sprint(f.value)
}

// classOf is the class of a figure's <data>.
func classOf(f *figure) string {
	c := "figure"
	if f.approx != "" {
		c += " approx"
	}
	if !f.asOf.isZero() {
		c += " dated"
	}
	if f.sum {
		c += " sum"
	}
	if f.partial() {
		c += " partial"
	}
	return c
}

// titleOf is where the figure was published, in its <data title>; "" for
// a sum, which has no title.
func titleOf(f *figure) string {
	switch {
	case f.source != "":
		return "Nguồn: " + f.source
	case f.noSource:
		return "Không ghi nguồn"
	}
	return ""
}

// notesOf say what the text does not: the day it was counted to ("đến
// 15/11/2018", "ngày 02/02/2018" for a membership), and what a sum covers.
func notesOf(f *figure) []string {
	var notes []string
	if !f.asOf.isZero() {
		if f.name == members || f.name == units {
			notes = append(notes, "ngày "+f.asOf.vi())
		} else {
			notes = append(notes, "đến "+f.asOf.vi())
		}
	}
	switch {
	case f.sum && isReferrerName(f.name):
		notes = append(notes, "tổng của "+group(int64(f.listed))+" đơn vị được giới thiệu tới")
	case f.partial():
		notes = append(notes, fmt.Sprintf("tổng của %s/%s đơn vị trực thuộc có số liệu", group(int64(f.covered)), group(int64(f.listed))))
	case f.sum:
		notes = append(notes, "tổng của "+group(int64(f.listed))+" đơn vị trực thuộc")
	}
	return notes
}
