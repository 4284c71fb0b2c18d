package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// exactBonus is added, times the word's idf, to a document that has a
// query word in the very form it was typed ("đảng", not only "đăng"): as
// large as the most a word's count can give, so that it always comes first
// among documents that match alike.
const exactBonus = k1 + 1

// minPrefix is the fewest letters of a last word matched as a prefix: one
// letter would load every shard of that letter.
const minPrefix = 2

// Reader answers queries from the files of an index by the rules of the
// client (templates/assets/search.js): the reference that tests and
// benchmarks use. It loads a file when a query first needs it, as the
// client does, and counts what it loaded.
type Reader struct {
	files  map[string][]byte // by name from Dir
	man    manifest
	shards map[string][]shardRow
	blocks map[int][][5]string
	// records are the documents that the shards loaded so far carry.
	records map[int][5]string
	names   []nameEntry
}

type manifest struct {
	N      int         `json:"n"`
	Block  int         `json:"block"`
	Docs   []string    `json:"docs"`
	Shards [][2]string `json:"shards"`
	Names  string      `json:"names"`
}

type shardRow struct {
	folded   string
	variants []string
	postings []uint32 // document (as the difference from the one before), weight, mask, …
}

// Hit is a document found, with its score.
type Hit struct {
	Doc
	ID    int
	Score float64
}

// Result is the answer to a query.
type Result struct {
	Hits  []Hit // the best, at most the limit asked for
	Total int   // how many documents match
	// Suggest is the cell nearest the query when nothing matches ("did
	// you mean"); nil otherwise.
	Suggest *Doc
	// Files are the index files this query loaded that no query before
	// it had, and Bytes their size.
	Files []string
	Bytes int
}

// Open reads an index from its files (names from the top of the site)
// and its manifest's name.
func Open(files []File, manifestName string) (*Reader, error) {
	r := &Reader{files: make(map[string][]byte), shards: make(map[string][]shardRow), blocks: make(map[int][][5]string), records: make(map[int][5]string)}
	for _, f := range files {
		r.files[strings.TrimPrefix(f.Name, Dir)] = f.Bytes
	}
	if err := r.load(strings.TrimPrefix(manifestName, Dir), &r.man, nil); err != nil {
		return nil, err
	}
	return r, nil
}

// load decodes the payload of file name into v, noting it in res.
func (r *Reader) load(name string, v any, res *Result) error {
	b, ok := r.files[name]
	if !ok {
		return fmt.Errorf("search index: no file %s", name)
	}
	if res != nil {
		res.Files = append(res.Files, name)
		res.Bytes += len(b)
	}
	b, ok = bytes.CutPrefix(b, []byte("sitegenSearch("))
	if b, ok2 := bytes.CutSuffix(b, []byte(");\n")); ok && ok2 {
		return json.Unmarshal(b, v)
	}
	return fmt.Errorf("search index: %s is not a sitegenSearch call", name)
}

func (r *Reader) shard(file string, res *Result) []shardRow {
	if rows, ok := r.shards[file]; ok {
		return rows
	}
	var p struct {
		T [][]json.RawMessage
		D [][6]json.RawMessage
	}
	if err := r.load(file, &p, res); err != nil {
		panic(err) // files of Finish: always readable
	}
	rows := make([]shardRow, len(p.T))
	for i, t := range p.T {
		var df int
		var postings string
		json.Unmarshal(t[0], &rows[i].folded)
		json.Unmarshal(t[1], &rows[i].variants)
		json.Unmarshal(t[2], &df)
		json.Unmarshal(t[3], &postings)
		if len(t) > 4 {
			rows[i].postings = decodeDense(postings, df, r.man.N, len(rows[i].variants) > 1)
		} else {
			rows[i].postings = decodePostings(postings, df, len(rows[i].variants) > 1)
		}
	}
	for _, d := range p.D {
		var id int
		var rec [5]string
		json.Unmarshal(d[0], &id)
		for i := range rec {
			json.Unmarshal(d[i+1], &rec[i])
		}
		r.records[id] = rec
	}
	r.shards[file] = rows
	return rows
}

// decodeDense reads the dense postings of a word in df of the n
// documents (shardData) as decodePostings does a list.
func decodeDense(s string, df, n int, masked bool) []uint32 {
	out := make([]uint32, 0, 3*df)
	prev := 0
	for d := range n {
		weight := uint32(strings.IndexByte(alphabet, s[d]))
		if weight == 0 {
			continue
		}
		mask := uint32(1)
		if masked {
			mask = uint32(strings.IndexByte(alphabet, s[n+d]))
		}
		out = append(out, uint32(d-prev), weight, mask)
		prev = d
	}
	return out
}

// decodePostings reads the df postings of a word (shardData), each as
// its three numbers; the mask is 1 for a word of one written form.
func decodePostings(s string, df int, masked bool) []uint32 {
	out := make([]uint32, 0, 3*df)
	i := 0
	number := func() uint32 {
		var v, shift uint32
		for {
			c := uint32(strings.IndexByte(alphabet, s[i]))
			i++
			if c < 32 {
				return v | c<<shift
			}
			v |= (c - 32) << shift
			shift += 5
		}
	}
	for range df {
		gap := number()
		weight := uint32(strings.IndexByte(alphabet, s[i]))
		i++
		mask := uint32(1)
		if masked {
			mask = number()
		}
		out = append(out, gap, weight, mask)
	}
	return out
}

// shardsFor are the files that hold the words folded w, or when prefix,
// every word starting with it: the shard of the longest key w starts
// with, and for a prefix every shard whose key starts with w.
func (r *Reader) shardsFor(w string, prefix bool) []string {
	var out []string
	best := -1
	for i, s := range r.man.Shards {
		if strings.HasPrefix(w, s[0]) && (best < 0 || len(s[0]) > len(r.man.Shards[best][0])) {
			best = i
		}
	}
	for i, s := range r.man.Shards {
		if i == best || prefix && strings.HasPrefix(s[0], w) {
			out = append(out, s[1])
		}
	}
	return out
}

// Search answers q: documents that have every word of it (folded), the
// last word as a prefix when prefix is set (a reader still typing it),
// best first by BM25 with the title weighed more and a bonus for each
// word in the form typed; at most limit hits.
func (r *Reader) Search(q string, prefix bool, limit int) Result {
	var res Result
	var ws []word
	words(q, func(w word) { ws = append(ws, w) })
	if len(ws) == 0 {
		return res
	}
	var scores map[int]float64
	for i, w := range ws {
		asPrefix := prefix && i == len(ws)-1 && utf8.RuneCountInString(w.folded) >= minPrefix
		s := r.termScores(w, asPrefix, &res)
		if scores == nil {
			scores = s
			continue
		}
		for d, v := range scores {
			if t, ok := s[d]; ok {
				scores[d] = v + t
			} else {
				delete(scores, d)
			}
		}
	}
	for d, s := range scores {
		res.Hits = append(res.Hits, Hit{ID: d, Score: math.Round(s*1e6) / 1e6})
	}
	slices.SortFunc(res.Hits, func(a, b Hit) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID)) })
	res.Total = len(res.Hits)
	res.Hits = res.Hits[:min(limit, len(res.Hits))]
	for i := range res.Hits {
		res.Hits[i].Doc = r.doc(res.Hits[i].ID, &res)
	}
	if res.Total == 0 {
		res.Suggest = r.suggest(q, &res)
	}
	return res
}

// termScores are the documents that have word w (or, asPrefix, a word
// starting with it) with its score in each: the best of the words it
// matches.
func (r *Reader) termScores(w word, asPrefix bool, res *Result) map[int]float64 {
	scores := make(map[int]float64)
	for _, file := range r.shardsFor(w.folded, asPrefix) {
		for _, row := range r.shard(file, res) {
			if row.folded != w.folded && !(asPrefix && strings.HasPrefix(row.folded, w.folded)) {
				continue
			}
			var exact uint32
			for i, v := range row.variants {
				if v == w.variant || asPrefix && strings.HasPrefix(v, w.variant) {
					exact |= 1 << i
				}
			}
			df := float64(len(row.postings) / 3)
			idf := math.Log(1 + (float64(r.man.N)-df+0.5)/(df+0.5))
			doc := 0
			for i := 0; i+2 < len(row.postings); i += 3 {
				doc += int(row.postings[i])
				s := idf * float64(row.postings[i+1]) / weightMax * (k1 + 1)
				if row.postings[i+2]&exact != 0 {
					s += idf * exactBonus
				}
				if s > scores[doc] {
					scores[doc] = s
				}
			}
		}
	}
	return scores
}

// doc is document id, loading its block when no query has.
func (r *Reader) doc(id int, res *Result) Doc {
	if d, ok := r.records[id]; ok {
		return Doc{Kind: Kind(d[0]), Title: d[1], Path: d[2], Date: d[3], Text: d[4]}
	}
	blk := id / r.man.Block
	rows, ok := r.blocks[blk]
	if !ok {
		var p struct{ D [][5]string }
		if err := r.load(r.man.Docs[blk], &p, res); err != nil {
			panic(err)
		}
		rows = p.D
		r.blocks[blk] = rows
	}
	d := rows[id%r.man.Block]
	return Doc{Kind: Kind(d[0]), Title: d[1], Path: d[2], Date: d[3], Text: d[4]}
}

// suggest is the cell whose name, or former name, is nearest q: the
// fewest letters to change between the folded query and the name, or
// as many of its words in a row as the query has.
func (r *Reader) suggest(q string, res *Result) *Doc {
	if r.names == nil {
		var p struct{ C []nameEntry }
		if err := r.load(r.man.Names, &p, res); err != nil {
			panic(err)
		}
		r.names = p.C
	}
	var qw []string
	words(q, func(w word) { qw = append(qw, w.folded) })
	query := strings.Join(qw, " ")
	best, bestDist := -1, math.MaxInt
	for i, n := range r.names {
		for _, name := range append([]string{n.Name}, n.Former...) {
			if d := nameDistance(query, len(qw), name); d < bestDist {
				best, bestDist = i, d
			}
		}
	}
	if best < 0 {
		return nil
	}
	return &Doc{Kind: Cell, Title: r.names[best].Name, Path: r.names[best].Path}
}

// nameDistance is the edit distance from query (n words, folded) to
// name: to the whole name, or to the nearest n of its words in a row.
func nameDistance(query string, n int, name string) int {
	var nw []string
	words(name, func(w word) { nw = append(nw, w.folded) })
	d := editDistance(query, strings.Join(nw, " "))
	for i := 0; i+n <= len(nw); i++ {
		d = min(d, editDistance(query, strings.Join(nw[i:i+n], " ")))
	}
	return d
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			diag, row[j] = row[j], min(row[j]+1, row[j-1]+1, diag+cost)
		}
	}
	return row[len(rb)]
}
