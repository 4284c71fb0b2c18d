package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// corpus is a small index: each document's title, then its body.
func corpus(t *testing.T, docs ...[2]string) *Reader {
	t.Helper()
	bd := NewBuilder()
	for i, d := range docs {
		bd.Add(Doc{Kind: Article, Title: d[0], Path: fmt.Sprintf("bai-viet/%d/index.html", i)}, d[1])
	}
	bd.AddName("Chi bộ Công ty Điện lực Vĩnh Phúc", "don-vi/dien-luc/index.html", []string{"Chi bộ Sở Điện lực"})
	bd.AddName("Đảng bộ Khối Doanh nghiệp", "don-vi/khoi-dn/index.html", nil)
	ix := bd.Finish()
	r, err := Open(ix.Files, ix.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func titles(res Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Title)
	}
	return out
}

func TestRanking(t *testing.T) {
	r := corpus(t,
		[2]string{"Đăng ký thi đua", "Các chi bộ đăng ký thi đua năm 2017."},
		[2]string{"Kết nạp đảng viên", "Đảng bộ Khối kết nạp 3.232 đảng viên mới."},
		[2]string{"Tin tức", "Một đoạn về đảng viên ở cuối bài, sau nhiều chữ khác nữa của bài viết này."},
		[2]string{"Vĩnh Phúc", "Tỉnh Vĩnh Phúc."},
		[2]string{"Đang làm", "Việc đang làm dở."},
		[2]string{"Nguyên tắc", "Nguyễn Văn A."},
	)
	tests := []struct {
		q      string
		prefix bool
		want   []string // in order; nil for none
	}{
		// Typed without diacritics, đ as d: every form, the title first.
		{"dang vien", false, []string{"Kết nạp đảng viên", "Tin tức"}},
		{"DANG VIEN", false, []string{"Kết nạp đảng viên", "Tin tức"}},
		// The form typed comes first: đảng, then the other forms.
		{"đảng", false, []string{"Kết nạp đảng viên", "Tin tức", "Đang làm", "Đăng ký thi đua"}},
		{"đăng", false, []string{"Đăng ký thi đua", "Đang làm", "Kết nạp đảng viên", "Tin tức"}},
		{"đang", false, []string{"Đang làm", "Kết nạp đảng viên", "Đăng ký thi đua", "Tin tức"}},
		{"vinh phuc", false, []string{"Vĩnh Phúc"}},
		{"VĨNH PHÚC", false, []string{"Vĩnh Phúc"}},
		// AND: every word.
		{"dang ky 2017", false, []string{"Đăng ký thi đua"}},
		{"dang nguyen", false, nil},
		// The last word as a prefix while it is typed.
		{"dang vi", true, []string{"Đang làm", "Tin tức", "Kết nạp đảng viên"}}, // việc, viết, viên
		{"dang vie", true, []string{"Đang làm", "Kết nạp đảng viên", "Tin tức"}},
		{"dang vien", true, []string{"Kết nạp đảng viên", "Tin tức"}},
		{"dang vi", false, nil},
		{"nguy", true, []string{"Nguyên tắc"}},
		// A figure as shown.
		{"3.232", false, []string{"Kết nạp đảng viên"}},
		{"", false, nil},
		{"  — ", true, nil},
	}
	for _, tt := range tests {
		res := r.Search(tt.q, tt.prefix, 10)
		if got := titles(res); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, prefix %v) = %q, want %q", tt.q, tt.prefix, got, tt.want)
		}
		if res.Total != len(tt.want) {
			t.Errorf("Search(%q): total %d, want %d", tt.q, res.Total, len(tt.want))
		}
	}
}

func TestSuggest(t *testing.T) {
	r := corpus(t, [2]string{"Tin", "Một bài."})
	tests := []struct{ q, want string }{
		{"dien luc vinh phic", "Chi bộ Công ty Điện lực Vĩnh Phúc"},
		{"so dien luc", "Chi bộ Công ty Điện lực Vĩnh Phúc"}, // a former name
		{"khoi doanh ngiep", "Đảng bộ Khối Doanh nghiệp"},
	}
	for _, tt := range tests {
		res := r.Search(tt.q, false, 10)
		if res.Total != 0 || res.Suggest == nil || res.Suggest.Title != tt.want {
			t.Errorf("Search(%q): total %d, suggestion %+v; want none found and %q suggested", tt.q, res.Total, res.Suggest, tt.want)
		}
	}
	if res := r.Search("tin", false, 10); res.Suggest != nil {
		t.Errorf("a query with results suggests %q", res.Suggest.Title)
	}
}

// TestShards: a large shard is cut by one more letter, and every word is
// still found, exactly and as a prefix.
func TestShards(t *testing.T) {
	const n = 12000
	var docs [][2]string
	for i := range n {
		docs = append(docs, [2]string{fmt.Sprintf("Bài %d", i), fmt.Sprintf("nga%d nghe%d nghi%d ng%d ng", i%50, i%70, i%90, i%5)})
	}
	r := corpus(t, docs...)
	var keys []string
	for _, s := range r.man.Shards {
		keys = append(keys, s[0])
	}
	if !slices.Contains(keys, "ng") || !slices.ContainsFunc(keys, func(k string) bool { return len(k) > 3 && strings.HasPrefix(k, "ng") }) {
		t.Fatalf("shards %q: want ng cut further", keys)
	}
	count := func(f func(i int) bool) int {
		c := 0
		for i := range n {
			if f(i) {
				c++
			}
		}
		return c
	}
	for q, want := range map[string]int{
		"ng":    n,
		"nghe3": count(func(i int) bool { return i%70 == 3 }),
		"nga49": count(func(i int) bool { return i%50 == 49 }),
		"ng4":   count(func(i int) bool { return i%5 == 4 }),
	} {
		if res := r.Search(q, false, 1); res.Total != want {
			t.Errorf("Search(%q) found %d, want %d", q, res.Total, want)
		}
	}
	// nghi8, nghi80…89
	if res, want := r.Search("nghi8", true, 1), count(func(i int) bool { return i%90 == 8 || i%90 >= 80 && i%90 <= 89 }); res.Total != want {
		t.Errorf("prefix nghi8 found %d, want %d", res.Total, want)
	}
}

func TestSameBytes(t *testing.T) {
	build := func() *Index {
		bd := NewBuilder()
		for i := range 500 {
			bd.Add(Doc{Kind: Cell, Title: fmt.Sprintf("Chi bộ %d", i), Path: "x"}, fmt.Sprintf("đảng viên %d dang %d", i%7, i%13))
		}
		return bd.Finish()
	}
	a, b := build(), build()
	if len(a.Files) != len(b.Files) || a.Manifest != b.Manifest {
		t.Fatalf("%d files, manifest %s; then %d, %s", len(a.Files), a.Manifest, len(b.Files), b.Manifest)
	}
	for i := range a.Files {
		if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Bytes, b.Files[i].Bytes) {
			t.Errorf("file %d differs: %s, %s", i, a.Files[i].Name, b.Files[i].Name)
		}
	}
}

// TestWords: the words as the pattern of search.js cuts them.
func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Đảng viên, 3.232 người (69,8%)", []string{"đảng/dang", "viên/vien", "3.232/3.232", "người/nguoi", "69,8/69,8"}},
		{"2017–2018 a3.5 3.232abc 1.2.3 1. ,5", []string{"2017/2017", "2018/2018", "a3/a3", "5/5", "3.232/3.232", "abc/abc", "1.2.3/1.2.3", "1/1", "5/5"}},
		{"VĨNH PHÚC", []string{"vĩnh/vinh", "phúc/phuc"}},
		{strings.Repeat("a", 65) + " b", []string{"b/b"}},
	}
	for _, tt := range tests {
		var got []string
		words(tt.in, func(w word) { got = append(got, w.variant+"/"+w.folded) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
		got = got[:0]
		wordCache{}.words(tt.in, func(w word) { got = append(got, w.variant+"/"+w.folded) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("cached words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Đảng <strong>viên</strong> mới</p>\n<ul>\n<li>a</li><li>b</li></ul>", " Đảng viên mới \n \n a  b  "},
		{`<p>đả<em>ng</em> &amp; <a href="x?a=1&amp;b=2" title="1 &gt; 0">AT&amp;T</a></p>`, " đảng & AT&T "},
		{"<td>3.232</td><td>69,8%</td>", " 3.232  69,8% "},
	}
	for _, tt := range tests {
		var b strings.Builder
		htmlText(&b, tt.in)
		if b.String() != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, b.String(), tt.want)
		}
	}
}

// TestRareWordsCarryRecords: a query with a word of few documents shows
// its results from that word's file of records, loading no block of
// documents nor the shards of its frequent words; a word of many titles
// carries the records of those where it weighs most, the first results
// of a query with it; the results of other frequent words come from
// their blocks.
func TestRareWordsCarryRecords(t *testing.T) {
	var docs [][2]string
	for i := range 200 {
		body := "đảng viên mới"
		if i%10 != 0 {
			body += " trong năm nay và năm sau nữa" // longer: the title weighs less
		}
		if i >= 100 {
			body += fmt.Sprintf(", mã r%d", i)
		}
		docs = append(docs, [2]string{"Báo cáo", body})
	}
	r := corpus(t, docs...)
	blocks := func(res Result) int {
		n := 0
		for _, f := range res.Files {
			if strings.HasPrefix(f, "d-") {
				n++
			}
		}
		return n
	}
	res := r.Search("dang vien r123", false, 20)
	if len(res.Hits) != 1 || res.Hits[0].Path != "bai-viet/123/index.html" || blocks(res) != 0 || len(res.Files) != 2 {
		t.Errorf("dang vien r123: %+v, %d blocks loaded (%q); want bai-viet/123 and none", res.Hits, blocks(res), res.Files)
	}
	for _, tt := range []struct {
		q      string
		total  int
		blocks bool
		best   bool // the shortest documents: every tenth
	}{
		{"bao cao", 200, false, true},
		// Asked for ahead, the one file of records of this small index
		// holds the best documents of bao and cao.
		{"dang vien moi", 200, false, true},
		{"dang vien moi trong", 180, true, false},
	} {
		res = corpus(t, docs...).Search(tt.q, false, 20) // nothing loaded yet
		if len(res.Hits) != 20 || res.Total != tt.total || (blocks(res) > 0) != tt.blocks {
			t.Errorf("%s: %d shown of %d, %d blocks loaded (%q); want 20 of %d, from blocks %v", tt.q, len(res.Hits), res.Total, blocks(res), res.Files, tt.total, tt.blocks)
		}
		for _, h := range res.Hits {
			if want := fmt.Sprintf("bai-viet/%d/index.html", h.ID); h.Path != want || (h.ID%10 == 0) != tt.best {
				t.Errorf("%s: hit %d: %s, want %s, every tenth %v", tt.q, h.ID, h.Path, want, tt.best)
			}
		}
	}
}

// TestWholeLastWordFirst: the last word, still being typed, matches the
// words it begins, but a document that has it whole comes first: "33"
// finds Phân xưởng 33 before the figures 3300 to 3319, each in one
// article and so of a higher idf than 33's.
func TestWholeLastWordFirst(t *testing.T) {
	docs := [][2]string{{"Chi bộ Phân xưởng 33", "Chi bộ cơ sở."}}
	for i := range 20 {
		docs = append(docs, [2]string{fmt.Sprintf("Báo cáo %d", i), fmt.Sprintf("Chi bộ phân xưởng kết nạp %d đảng viên.", 3300+i)})
	}
	for i := range 10 {
		docs = append(docs, [2]string{fmt.Sprintf("Tin %d", i), "Năm 33 của chi bộ."})
	}
	r := corpus(t, docs...)
	res := r.Search("chi bo phan xuong 33", true, 10)
	if len(res.Hits) == 0 || res.Hits[0].Title != "Chi bộ Phân xưởng 33" || res.Total != 21 {
		t.Errorf("chi bo phan xuong 33: %q of %d, want Chi bộ Phân xưởng 33 first of 21", titles(res), res.Total)
	}
	// Only the words it begins: all found, as before.
	if res := r.Search("ket nap 33", true, 30); res.Total != 20 {
		t.Errorf("ket nap 33: %d found, want 20", res.Total)
	}
}
