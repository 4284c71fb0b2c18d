// Command perfchart draws the chart of docs/performance.md from its
// table: the CPU time and peak memory of building generated sites of
// four sizes, against their pages. Run it from the repository's root
// after changing docs/scale.tsv:
//
//	go run ./internal/perfchart
//
// It writes docs/scale.svg with the site's own SVG writer
// (internal/chart); TestCheckedIn fails while the two differ.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"sitegen/internal/chart"
	"sitegen/internal/i18n"
)

// header is the first line of the table, its columns in this order.
const header = "site\tcells\tyears\tarticles\tpages\tcpu_s\tpeak_rss_mb"

// refSite is the site the proportional line goes through: issue 14's
// corpus, with which the docs compare the others.
const refSite = "large"

// site is one row of the table.
type site struct {
	name                   string
	cells, years, articles int64
	pages                  float64
	cpuLo, cpuHi, rss      float64
}

func main() {
	in := flag.String("in", "docs/scale.tsv", "the table of measurements")
	out := flag.String("out", "docs/scale.svg", "the image to write")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	svg, err := draw(*in)
	if err == nil {
		err = os.WriteFile(*out, svg, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "perfchart:", err)
		os.Exit(1)
	}
}

// draw reads the table in the file name and draws its chart.
func draw(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sites, err := read(name, f)
	if err != nil {
		return nil, err
	}
	return svg(sites)
}

// read parses the table: the header, then a site a line; lines that
// begin with # are comments.
func read(name string, r io.Reader) ([]site, error) {
	var sites []site
	sc := bufio.NewScanner(r)
	n, seenHeader := 0, false
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !seenHeader {
			if line != header {
				return nil, fmt.Errorf("%s:%d:1: the header is %q; write the columns %q, separated by tabs", name, n, line, header)
			}
			seenHeader = true
			continue
		}
		s, err := parse(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%s", name, n, err)
		}
		if len(sites) > 0 && s.pages <= sites[len(sites)-1].pages {
			return nil, fmt.Errorf("%s:%d:1: %s has no more pages than the site above it; write the sites from the fewest pages to the most", name, n, s.name)
		}
		sites = append(sites, s)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(sites) < 2 {
		return nil, fmt.Errorf("%s: %d sites; give at least two, one a line below the header", name, len(sites))
	}
	return sites, nil
}

// parse reads one site's line; an error begins with the column it is in.
func parse(line string) (site, error) {
	fields := strings.Split(line, "\t")
	cols := strings.Split(header, "\t")
	if len(fields) != len(cols) {
		return site{}, fmt.Errorf("1: %d columns; write %d, separated by tabs: %s", len(fields), len(cols), strings.Join(cols, ", "))
	}
	s := site{name: fields[0]}
	col := len(fields[0]) + 2
	for i, f := range fields[1:] {
		var err error
		switch cols[i+1] {
		case "cells":
			s.cells, err = whole(f)
		case "years":
			s.years, err = whole(f)
		case "articles":
			s.articles, err = whole(f)
		case "pages":
			s.pages, err = number(f)
		case "cpu_s":
			// Runs on an idle machine differ: a range is written lo-hi.
			lo, hi, isRange := strings.Cut(f, "-")
			if s.cpuLo, err = number(lo); err == nil && isRange {
				s.cpuHi, err = number(hi)
			} else {
				s.cpuHi = s.cpuLo
			}
			if err == nil && s.cpuHi < s.cpuLo {
				err = errors.New("a range from high to low")
			}
		case "peak_rss_mb":
			s.rss, err = number(f)
		}
		if err != nil {
			return site{}, fmt.Errorf("%d: %s %q is %v; write a number of at least 1 without grouping (1917, 8.5), or for cpu_s a range lo-hi (52-67)", col, cols[i+1], f, err)
		}
		col += len(f) + 1
	}
	return s, nil
}

// number is a measurement: the chart's scales start at 1.
func number(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return 0, errors.New("not a number")
	case !(v >= 1):
		return 0, errors.New("less than 1")
	}
	return v, nil
}

// whole is a count of the site's size.
func whole(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		return 0, errors.New("not a whole number")
	case v < 1:
		return 0, errors.New("less than 1")
	}
	return v, nil
}

// amount writes a measurement as the docs do, in English: 1,917, 8.5,
// 52–67.
func amount(en *i18n.Locale, lo, hi float64) string {
	one := func(v float64) string {
		if v == float64(int64(v)) {
			return en.Int(int64(v))
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if lo < hi {
		return one(lo) + "–" + one(hi)
	}
	return one(lo)
}

// svg draws the chart of sites.
func svg(sites []site) ([]byte, error) {
	en := i18n.New(i18n.EN)
	ref := -1
	cpu := chart.Panel{Title: "CPU time, s (user + system) · thời gian CPU, giây"}
	rss := chart.Panel{Title: "Peak memory (RSS), MB · bộ nhớ tối đa, MB"}
	var about, cpuDesc, rssDesc []string
	for i, s := range sites {
		if s.name == refSite {
			ref = i
		}
		cpu.Points = append(cpu.Points, chart.Point{X: s.pages, Lo: s.cpuLo, Hi: s.cpuHi, Label: amount(en, s.cpuLo, s.cpuHi) + " s"})
		rss.Points = append(rss.Points, chart.Point{X: s.pages, Lo: s.rss, Hi: s.rss, Label: amount(en, s.rss, s.rss) + " MB"})
		about = append(about, fmt.Sprintf("%s: %s cells × %d years, %s articles → %s pages", s.name, en.Int(s.cells), s.years, en.Int(s.articles), amount(en, s.pages, s.pages)))
		cpuDesc = append(cpuDesc, fmt.Sprintf("%s pages %s s", amount(en, s.pages, s.pages), amount(en, s.cpuLo, s.cpuHi)))
		rssDesc = append(rssDesc, fmt.Sprintf("%s pages %s MB", amount(en, s.pages, s.pages), amount(en, s.rss, s.rss)))
	}
	if ref < 0 {
		return nil, fmt.Errorf("no site named %q, which the proportional line goes through; keep its row", refSite)
	}
	c := chart.LogLog{
		Title: []string{
			"CPU time and peak memory of a build, against the site's pages",
			"Thời gian CPU và bộ nhớ tối đa khi dựng trang web, theo số trang",
		},
		Desc:       "CPU time: " + strings.Join(cpuDesc, "; ") + ". Peak memory: " + strings.Join(rssDesc, "; ") + ".",
		XTitle:     "pages · số trang (log scale · thang logarit)",
		Panels:     []chart.Panel{cpu, rss},
		Ref:        ref,
		PointLabel: "measured · đo được",
		RefLabel:   "in proportion to pages, through the large site · tỉ lệ thuận với số trang, qua trang web lớn",
		Notes:      append(about, "Source · nguồn: docs/scale.tsv (docs/performance.md); go run ./internal/perfchart"),
	}
	return c.SVG(en), nil
}
