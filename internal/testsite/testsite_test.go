package testsite

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(200, 5, 300, 7)
	b := Generate(200, 5, 300, 7)
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatal("two runs with one seed made different files")
	}
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("%s differs between two runs with one seed", name)
		}
	}
	c := Generate(200, 5, 300, 8)
	if bytes.Equal(a["data/admissions/2017.toml"].Data, c["data/admissions/2017.toml"].Data) {
		t.Error("another seed made the same admissions")
	}
}

func TestGenerateShape(t *testing.T) {
	fsys := Generate(2000, 10, 1000, 1)
	cells := strings.Count(string(fsys["data/cells.toml"].Data), "[[cell]]")
	if cells != 2000 {
		t.Errorf("%d cells, want 2000", cells)
	}
	articles := 0
	for name := range fsys {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			articles++
		}
	}
	if articles != 1000 {
		t.Errorf("%d articles, want 1000", articles)
	}
	for y := FirstYear; y < FirstYear+10; y++ {
		if _, ok := fsys["data/admissions/"+strconv.Itoa(y)+".toml"]; !ok {
			t.Errorf("no admissions for %d", y)
		}
	}
	s := string(fsys["data/cells.toml"].Data)
	for _, kind := range []string{kindBloc, kindBase, kindBaseCell, kindPart, kindAttached} {
		if !strings.Contains(s, `kind = "`+kind+`"`) {
			t.Errorf("no cell of kind %s", kind)
		}
	}
	all := ""
	for _, f := range fsys {
		all += string(f.Data)
	}
	for _, want := range []string{`approx = "about"`, `approx = "over"`, "as_of = ", "{{ chart admissions", "{{ chart cells", "{{ chart referrals", "{{ chart members", "closed = ", "successor = ", "former_names = "} {
		if !strings.Contains(all, want) {
			t.Errorf("the site has no %s", want)
		}
	}
}

// TestHugo: the Hugo site has every article of the generated one, with
// its very bytes, and a configuration that makes a page per cell and
// year from them.
func TestHugo(t *testing.T) {
	site := Generate(50, 3, 40, 1)
	h := Hugo(site)
	n := 0
	for name, f := range site {
		rest, ok := strings.CutPrefix(name, "content/")
		if !ok || !strings.HasSuffix(name, ".md") {
			continue
		}
		n++
		if g := h["content/bai-viet/"+rest]; g == nil || !bytes.Equal(g.Data, f.Data) {
			t.Errorf("%s is not in the Hugo site as it is", name)
		}
	}
	if n != 40 {
		t.Errorf("%d articles generated, want 40", n)
	}
	if cfg := string(h["hugo.toml"].Data); !strings.Contains(cfg, `cell = "cells"`) || !strings.Contains(cfg, `year = "years"`) {
		t.Errorf("hugo.toml makes no page per cell and year:\n%s", cfg)
	}
}
