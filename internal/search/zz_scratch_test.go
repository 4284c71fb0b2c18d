package search_test

import (
	"os"
	"sort"
	"strings"
	"testing"

	"sitegen/internal/search"
	"sitegen/internal/testsite"
)

func TestScratchWorst(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	m := largeModel(t)
	ix := search.Build(m)
	qs := testsite.SearchQueries(m)
	type row struct {
		q            string
		files, bytes int
		blocks       int
		total        int
	}
	var rows []row
	for _, l := range qs {
		r, _ := search.Open(ix.Files, ix.Manifest)
		res := r.Search(l.Q, true, 20)
		b := 0
		for _, f := range res.Files {
			if strings.HasPrefix(f, "d-") {
				b++
			}
		}
		rows = append(rows, row{l.Q, len(res.Files), res.Bytes, b, res.Total})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].files > rows[j].files })
	for _, r := range rows[:25] {
		t.Logf("%3d files (%2d blocks) %7d B total %5d  %q", r.files, r.blocks, r.bytes, r.total, r.q)
	}
}

func TestScratchOne(t *testing.T) {
	q := os.Getenv("SCRATCH_Q")
	if q == "" {
		t.Skip()
	}
	m := largeModel(t)
	ix := search.Build(m)
	r, _ := search.Open(ix.Files, ix.Manifest)
	res := r.Search(q, true, 20)
	t.Logf("%d total, files %q", res.Total, res.Files)
	for _, h := range res.Hits {
		t.Logf("%d %.3f %s", h.ID, h.Score, h.Title)
	}
}
