package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
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

// wholeWord is added to the score of a document that has the last word,
// matched as a prefix, whole as typed: it comes before every document
// that has only words it begins ("33" before 3300 to 3399, whose idf is
// higher), as the word typed so far is most likely the word meant. No
// sum of scores comes near it.
const wholeWord = 1e4

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
	// records are the documents of the files of records loaded so far.
	records     map[int]record
	recordFiles map[string]bool
	// outside is, for each frequent word whose file of records is
	// loaded, the most it weighs in a document whose record is not there.
	outside map[string]uint32
	common  map[string]int // the manifest's frequent words, by folded form
	names   []nameEntry
}

// record is a document of a file of records, with the frequent words it has
// (Builder.frequentWords).
type record struct {
	doc  [5]string
	have string
}

// manifest is what the search page loads first: the blocks of
// documents, the shards and files of records by the first letters of
// their words, the file of names, and the frequent words.
type manifest struct {
	F      string      `json:"f"`
	N      int         `json:"n"`
	Block  int         `json:"block"`
	Docs   []string    `json:"docs"`
	Shards [][2]string `json:"shards"`
	// Records are the files of records, by the first letters of their
	// words as Shards.
	Records [][2]string  `json:"records"`
	Names   string       `json:"names"`
	Common  []commonWord `json:"common"`
}

// commonWord is a frequent word as the manifest lists it: [folded,
// [written forms], number of documents, largest weight].
type commonWord struct {
	Folded   string
	Variants []string
	DF       int
	Most     uint32
}

func (c commonWord) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{c.Folded, c.Variants, c.DF, c.Most})
}

func (c *commonWord) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &[]any{&c.Folded, &c.Variants, &c.DF, &c.Most})
}

type shardRow struct {
	folded   string
	variants []string
	postings []uint32 // document (as the difference from the one before), weight, mask, …
	records  string   // the file of records of its documents (recordDocs), if any
	// titles are the documents of records when they are not all the
	// word's (those with it in their title).
	titles []int
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
	// Rounds is how many times the query waited for files: the client
	// asks for all the files of a step at once.
	Rounds int
	// Early are the first hits as the client shows them before the
	// query's shards come, from its first files of records (Reader.early):
	// always the first of Hits. EarlyFiles is how many of Files had come
	// by then.
	Early      []Hit
	EarlyFiles int
}

// Open reads an index from its files (names from the top of the site)
// and its manifest's name.
func Open(files []File, manifestName string) (*Reader, error) {
	r := &Reader{files: make(map[string][]byte), shards: make(map[string][]shardRow), blocks: make(map[int][][5]string), records: make(map[int]record), recordFiles: make(map[string]bool), outside: make(map[string]uint32), common: make(map[string]int)}
	for _, f := range files {
		r.files[strings.TrimPrefix(f.Name, Dir)] = f.Bytes
	}
	if err := r.load(strings.TrimPrefix(manifestName, Dir), &r.man, nil); err != nil {
		return nil, err
	}
	for i, c := range r.man.Common {
		r.common[c.Folded] = i
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
		R []string
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
		var dense, recordFile int
		if len(t) > 4 {
			json.Unmarshal(t[4], &dense)
		}
		if len(t) > 5 {
			json.Unmarshal(t[5], &recordFile)
			rows[i].records = p.R[recordFile]
		}
		if len(t) > 6 {
			var titles string
			json.Unmarshal(t[6], &titles)
			rows[i].titles = []int{}
			for at, d := 0, 0; at < len(titles); {
				var gap uint32
				gap, at = readNumber(titles, at)
				d += int(gap)
				rows[i].titles = append(rows[i].titles, d)
			}
		}
		if dense == 1 {
			rows[i].postings = decodeDense(postings, df, r.man.N, len(rows[i].variants) > 1)
		} else {
			rows[i].postings = decodePostings(postings, df, len(rows[i].variants) > 1)
		}
	}
	r.shards[file] = rows
	return rows
}

// loadRecords loads a file of records, when no query has.
func (r *Reader) loadRecords(file string, res *Result) {
	if r.recordFiles[file] {
		return
	}
	var p struct {
		D [][7]json.RawMessage
		O [][2]json.RawMessage
	}
	if err := r.load(file, &p, res); err != nil {
		panic(err)
	}
	for _, o := range p.O {
		var w string
		var weight uint32
		json.Unmarshal(o[0], &w)
		json.Unmarshal(o[1], &weight)
		r.outside[w] = weight
	}
	for _, d := range p.D {
		var id int
		var rec record
		json.Unmarshal(d[0], &id)
		for i := range rec.doc {
			json.Unmarshal(d[i+1], &rec.doc[i])
		}
		json.Unmarshal(d[6], &rec.have)
		r.records[id] = rec
	}
	r.recordFiles[file] = true
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
	for range df {
		var gap, weight, mask uint32
		gap, i = readNumber(s, i)
		weight = uint32(strings.IndexByte(alphabet, s[i]))
		i++
		mask = 1
		if masked {
			mask, i = readNumber(s, i)
		}
		out = append(out, gap, weight, mask)
	}
	return out
}

// readNumber reads the number at s[i:] (appendNumber), and where the
// next begins.
func readNumber(s string, i int) (uint32, int) {
	var v, shift uint32
	for {
		c := uint32(strings.IndexByte(alphabet, s[i]))
		i++
		if c < 32 {
			return v | c<<shift, i
		}
		v |= (c - 32) << shift
		shift += 5
	}
}

// shardsFor are the files that hold the words folded w, or when prefix,
// every word starting with it: the shard of the longest key w starts
// with, and for a prefix every shard whose key starts with w.
func (r *Reader) shardsFor(w string, prefix bool) []string {
	var out []string
	best := longestKey(r.man.Shards, w)
	for i, s := range r.man.Shards {
		if i == best || prefix && strings.HasPrefix(s[0], w) {
			out = append(out, s[1])
		}
	}
	return out
}

// longestKey is the file of files (key, name) whose key is the longest
// that w starts with; -1 for none.
func longestKey(files [][2]string, w string) int {
	best := -1
	for i, s := range files {
		if strings.HasPrefix(w, s[0]) && (best < 0 || len(s[0]) > len(files[best][0])) {
			best = i
		}
	}
	return best
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
	// The rare words first (and those of no document, and the prefix):
	// the one in the fewest documents names the candidates. When its
	// words are all rare, the records of their documents, with the
	// frequent words each has, are in a file or two of records, and the
	// frequent words' shards need not be loaded.
	each := make([]map[int]float64, len(ws))
	// home is the file of records of each document a rare word found.
	home := make(map[int]string)
	var frequent []int
	var found map[int]bool
	least, leastCost := -1, 0
	var leastRows []shardRow
	loaded := 0
	step := func() {
		if len(res.Files) > loaded {
			res.Rounds++
			loaded = len(res.Files)
		}
	}
	early, shards := r.ahead(ws, prefix)
	for _, f := range early {
		r.loadRecords(f, &res)
	}
	res.Early = r.early(ws, prefix, limit, &res)
	res.EarlyFiles = len(res.Files)
	if len(early) > 0 && len(shards) > 0 {
		// The client asks for the frequent words' shards once the files
		// that may show the first results have come.
		step()
	}
	for _, f := range shards {
		r.shard(f, &res)
	}
	for i, w := range ws {
		asPrefix := r.asPrefix(ws, i, prefix)
		if _, ok := r.common[w.folded]; ok && !asPrefix {
			frequent = append(frequent, i)
			continue
		}
		var rows []shardRow
		each[i], rows = r.termScores(w, asPrefix, &res)
		r.homes(rows, home)
		cost := 0
		for _, row := range rows {
			cost += len(row.postings) / 3
		}
		if least < 0 || cost < leastCost {
			least, leastCost, leastRows = i, cost, rows
		}
		if found == nil {
			found = make(map[int]bool)
			for d := range each[i] {
				found[d] = true
			}
		}
		for d := range found {
			if _, ok := each[i][d]; !ok {
				delete(found, d)
			}
		}
	}
	step()
	files := r.recordFilesFor(leastRows)
	fromRecords := least >= 0 && (len(leastRows) == 0 || files != nil)
	if fromRecords {
		for _, f := range files {
			r.loadRecords(f, &res)
		}
	}
	for _, i := range frequent {
		if fromRecords {
			each[i] = r.recordScores(ws[i], found)
		} else {
			var rows []shardRow
			each[i], rows = r.termScores(ws[i], false, &res)
			r.homes(rows, home)
		}
	}
	step()
	var scores map[int]float64
	for _, s := range each {
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
	// The results' records come from files of records or from blocks,
	// whichever are fewer files.
	var viaRecords, viaBlocks []string
	has := make([]bool, len(res.Hits))
	for i, h := range res.Hits {
		if _, has[i] = r.records[h.ID]; has[i] {
			continue
		}
		block := r.man.Docs[h.ID/r.man.Block]
		if !slices.Contains(viaBlocks, block) {
			viaBlocks = append(viaBlocks, block)
		}
		if f := home[h.ID]; f != "" {
			block = f
		}
		if !slices.Contains(viaRecords, block) {
			viaRecords = append(viaRecords, block)
		}
	}
	useRecords := len(viaRecords) < len(viaBlocks)
	for i, h := range res.Hits {
		f := home[h.ID]
		if !has[i] && useRecords && f != "" {
			r.loadRecords(f, &res)
		}
		res.Hits[i].Doc = r.doc(h.ID, has[i] || useRecords && f != "", &res)
	}
	step()
	if res.Total == 0 {
		res.Suggest = r.suggest(q, &res)
	}
	step()
	return res
}

// early are the first results of a query, known from the files of
// records loaded so far before any shard of its frequent words: the
// documents there that have every word, scored from their records (a
// rare word from its row, in the shards loaded first) as the shards
// would score them, as far as each scores more than any document whose
// record is not there can. A document outside scores at most the sum,
// word by word, of the most the word can score (a frequent word's
// largest weight, and the exact bonus when one of its forms is the one
// typed), but for one word whose file of records is loaded: the most it
// scores outside it (none for a rare word, whose every document is
// there).
//
// A cell's name ending in a number ("chi bo doi 14") is such a query:
// its shards and the blocks of its later results are a dozen files and
// more, where the cell and the articles named after it are in one file
// of records.
func (r *Reader) early(ws []word, prefix bool, limit int, res *Result) []Hit {
	// A word being typed that only begins the words of a document
	// scores at most as a word of one document, without wholeWord.
	prefixOnly := score(idf(r.man.N, 1), weightMax, ^uint32(0), ^uint32(0))
	scoreIn := make([]func(id int, rec record) (float64, bool), len(ws))
	most := make([]float64, len(ws))
	out := make([]float64, len(ws)) // the most outside; NaN: not known
	for i, w := range ws {
		asPrefix := r.asPrefix(ws, i, prefix)
		if c, ok := r.common[w.folded]; ok {
			scoreOf := r.frequentScorer(w, c, asPrefix)
			most[i] = scoreOf(r.man.Common[c].Most, ^uint32(0))
			scoreIn[i] = func(_ int, rec record) (float64, bool) {
				weight, mask, ok := r.weightIn(rec.have, c)
				return scoreOf(weight, mask), ok
			}
			o, ok := r.outside[w.folded]
			switch {
			case !ok:
				out[i] = math.NaN()
			case o > 0:
				out[i] = scoreOf(o, ^uint32(0))
			default:
				out[i] = math.Inf(-1) // no document outside has the word
			}
			if asPrefix {
				out[i] = max(out[i], prefixOnly)
			}
			continue
		}
		// A rare word: its weights from its row, in its shard, which the
		// query loads first; every document that has it is in its file
		// of records.
		row, ok := r.wholeRow(w, res)
		if !ok {
			return nil
		}
		weights := make(map[int][2]uint32, len(row.postings)/3)
		d := 0
		for j := 0; j+2 < len(row.postings); j += 3 {
			d += int(row.postings[j])
			weights[d] = [2]uint32{row.postings[j+1], row.postings[j+2]}
		}
		idf, exact, bonus := idf(r.man.N, len(row.postings)/3), exactMask(row.variants, w.variant, asPrefix), 0.0
		if asPrefix {
			bonus = wholeWord
		}
		scoreIn[i] = func(id int, _ record) (float64, bool) {
			p, ok := weights[id]
			return score(idf, p[0], p[1], exact) + bonus, ok
		}
		most[i] = prefixOnly + bonus
		switch {
		case row.titles != nil || !r.recordFiles[row.records]:
			out[i] = math.NaN()
		case asPrefix:
			out[i] = prefixOnly // only the words it begins
		default:
			out[i] = math.Inf(-1)
		}
	}
	bound := math.Inf(1)
	for i := range ws {
		if math.IsNaN(out[i]) {
			continue
		}
		b := 0.0
		for j := range ws {
			if j == i {
				b += out[j]
			} else {
				b += most[j]
			}
		}
		bound = min(bound, b)
	}
	if math.IsInf(bound, 1) {
		return nil
	}
	var hits []Hit
	for id, rec := range r.records {
		v, ok := 0.0, true
		for i := range ws {
			var s float64
			if s, ok = scoreIn[i](id, rec); !ok {
				break
			}
			// Summed in the order of the words, as Search does.
			if i == 0 {
				v = s
			} else {
				v += s
			}
		}
		if ok {
			hits = append(hits, Hit{ID: id, Score: math.Round(v*1e6) / 1e6})
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID)) })
	// A margin above the bound for the rounding of the scores.
	n := 0
	for n < len(hits) && n < limit && hits[n].Score > bound+1e-6 {
		n++
	}
	hits = hits[:n]
	for i := range hits {
		hits[i].Doc = r.doc(hits[i].ID, true, nil)
	}
	return hits
}

// wholeRow is the row of word w, whole, from its shard.
func (r *Reader) wholeRow(w word, res *Result) (shardRow, bool) {
	i := longestKey(r.man.Shards, w.folded)
	if i < 0 {
		return shardRow{}, false
	}
	for _, row := range r.shard(r.man.Shards[i][1], res) {
		if row.folded == w.folded {
			return row, true
		}
	}
	return shardRow{}, false
}

// isCommon reports whether folded word w is frequent.
func (r *Reader) isCommon(w string) bool {
	_, ok := r.common[w]
	return ok
}

// frequentScorer scores word w, frequent word c, in a document where it
// weighs weight in the forms of mask, as termScores scores it: asPrefix,
// the last word being typed, found whole. Its idf and the forms typed
// are worked out once, not for every document.
func (r *Reader) frequentScorer(w word, c int, asPrefix bool) func(weight, mask uint32) float64 {
	cw := r.man.Common[c]
	idf, exact, bonus := idf(r.man.N, cw.DF), exactMask(cw.Variants, w.variant, asPrefix), 0.0
	if asPrefix {
		bonus = wholeWord
	}
	return func(weight, mask uint32) float64 { return score(idf, weight, mask, exact) + bonus }
}

// maybeRare reports whether word w of a query (asPrefix: the last,
// being typed) may be rare, so that its file of records may answer the
// query: a word the manifest does not list as frequent (rare, or in no
// document), or a prefix that begins no frequent word.
func (r *Reader) maybeRare(w word, asPrefix bool) bool {
	if !asPrefix {
		_, ok := r.common[w.folded]
		return !ok
	}
	return !slices.ContainsFunc(r.man.Common, func(c commonWord) bool { return strings.HasPrefix(c.Folded, w.folded) })
}

// ahead are the files a query asks for with the shards of its rare
// words, to wait for files fewer times: the files of records of the
// words that may be rare (of the last alone when it may be: typed last,
// it is most often the rarest, a cell's or an article's number), for a
// word being typed those of the words it begins too; when no word may
// be rare, its frequent words' shards, which it will need, and the file
// of records of the best documents of the one in the fewest documents
// (a year's page and its first articles). Files of records only when at
// most maxRecordFiles.
func (r *Reader) ahead(ws []word, prefix bool) (records, shards []string) {
	var rare []int
	for i, w := range ws {
		if r.maybeRare(w, r.asPrefix(ws, i, prefix)) {
			rare = append(rare, i)
		}
	}
	if last := len(ws) - 1; slices.Contains(rare, last) {
		rare = []int{last}
	}
	add := func(w string, prefix bool) {
		best := longestKey(r.man.Records, w)
		for i, f := range r.man.Records {
			if (i == best || prefix && strings.HasPrefix(f[0], w)) && !slices.Contains(records, f[1]) {
				records = append(records, f[1])
			}
		}
	}
	for _, i := range rare {
		add(ws[i].folded, r.asPrefix(ws, i, prefix))
	}
	if len(rare) == 0 {
		rarest := -1
		for i, w := range ws {
			c, ok := r.common[w.folded]
			if !ok {
				continue
			}
			if !r.asPrefix(ws, i, prefix) {
				shards = append(shards, r.shardsFor(w.folded, false)...)
			}
			if rarest < 0 || r.man.Common[c].DF < r.man.Common[rarest].DF {
				rarest = c
			}
		}
		if rarest >= 0 {
			add(r.man.Common[rarest].Folded, false)
		}
		// The last word's too, whole: most often a cell's or an
		// article's number, whose records may show the first results
		// before any shard (early).
		if last := ws[len(ws)-1].folded; r.isCommon(last) {
			add(last, false)
		}
	}
	if len(records) > maxRecordFiles {
		records = nil
		// The last word being typed begins too many words: its own file
		// of records, whole, which may show the first results (early).
		if last := len(ws) - 1; slices.Equal(rare, []int{last}) && r.asPrefix(ws, last, prefix) {
			add(ws[last].folded, false)
		}
	}
	return records, shards
}

// asPrefix reports whether word i of ws is matched as a prefix: the
// last, being typed, of at least minPrefix letters.
func (r *Reader) asPrefix(ws []word, i int, prefix bool) bool {
	return prefix && i == len(ws)-1 && utf8.RuneCountInString(ws[i].folded) >= minPrefix
}

// termScores are the documents that have word w (or, asPrefix, a word
// starting with it) with its score in each: the best of the words it
// matches; and the rows of those words.
func (r *Reader) termScores(w word, asPrefix bool, res *Result) (map[int]float64, []shardRow) {
	scores := make(map[int]float64)
	var matched []shardRow
	for _, file := range r.shardsFor(w.folded, asPrefix) {
		for _, row := range r.shard(file, res) {
			if row.folded != w.folded && !(asPrefix && strings.HasPrefix(row.folded, w.folded)) {
				continue
			}
			matched = append(matched, row)
			exact := exactMask(row.variants, w.variant, asPrefix)
			idf := idf(r.man.N, len(row.postings)/3)
			doc := 0
			for i := 0; i+2 < len(row.postings); i += 3 {
				doc += int(row.postings[i])
				s := score(idf, row.postings[i+1], row.postings[i+2], exact)
				if asPrefix && row.folded == w.folded {
					s += wholeWord
				}
				if s > scores[doc] {
					scores[doc] = s
				}
			}
		}
	}
	return scores, matched
}

// maxRecordFiles is the most files of records a query loads rather than
// the shards of its frequent words.
const maxRecordFiles = 2

// homes notes in home the file of records of each document of rows that
// has one, unless a row before named it.
func (r *Reader) homes(rows []shardRow, home map[int]string) {
	for _, row := range rows {
		if row.records == "" {
			continue
		}
		docs := row.docs()
		if row.titles != nil {
			docs = slices.Values(row.titles)
		}
		for d := range docs {
			if _, ok := home[d]; !ok {
				home[d] = row.records
			}
		}
	}
}

// docs are the documents of a row, in order.
func (row shardRow) docs() iter.Seq[int] {
	return func(yield func(int) bool) {
		d := 0
		for i := 0; i < len(row.postings); i += 3 {
			d += int(row.postings[i])
			if !yield(d) {
				return
			}
		}
	}
}

// recordFilesFor are the files of records of the documents of rows,
// when they are all rare words and in at most maxRecordFiles files; nil
// otherwise.
func (r *Reader) recordFilesFor(rows []shardRow) []string {
	var files []string
	for _, row := range rows {
		if row.records == "" || row.titles != nil {
			return nil
		}
		if !slices.Contains(files, row.records) {
			files = append(files, row.records)
		}
	}
	if len(files) > maxRecordFiles {
		return nil
	}
	return files
}

// recordScores are the scores of frequent word w in the documents of
// docs, from the frequent words their records list.
func (r *Reader) recordScores(w word, docs map[int]bool) map[int]float64 {
	c := r.common[w.folded]
	scoreOf := r.frequentScorer(w, c, false)
	scores := make(map[int]float64)
	for d := range docs {
		if weight, mask, ok := r.weightIn(r.records[d].have, c); ok {
			scores[d] = scoreOf(weight, mask)
		}
	}
	return scores
}

// weightIn is the weight and mask of frequent word c in a record's list
// of the frequent words it has (Builder.frequentWords); ok is false when
// it has not c.
func (r *Reader) weightIn(have string, c int) (weight, mask uint32, ok bool) {
	for at, i := 0, 0; at < len(have); {
		var gap uint32
		gap, at = readNumber(have, at)
		i += int(gap)
		weight = uint32(strings.IndexByte(alphabet, have[at]))
		at++
		mask = 1
		if len(r.man.Common[i].Variants) > 1 {
			mask, at = readNumber(have, at)
		}
		if i == c {
			return weight, mask, true
		}
		if i > c {
			break
		}
	}
	return 0, 0, false
}

// exactMask is the mask of the written forms of a word that are the
// form typed (or, asPrefix, begin with it).
func exactMask(variants []string, typed string, asPrefix bool) uint32 {
	var exact uint32
	for i, v := range variants {
		if v == typed || asPrefix && strings.HasPrefix(v, typed) {
			exact |= 1 << i
		}
	}
	return exact
}

// idf is the inverse document frequency of a word in df of n documents.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// score is a word's score in a document: its weight there times its
// idf, and the bonus when the document has the word in the form typed.
func score(idf float64, weight, mask, exact uint32) float64 {
	s := idf * float64(weight) / weightMax * (k1 + 1)
	if mask&exact != 0 {
		s += idf * exactBonus
	}
	return s
}

// doc is document id, from its record when fromRecord, else from its
// block, loaded when no query has.
func (r *Reader) doc(id int, fromRecord bool, res *Result) Doc {
	if rec := r.records[id]; fromRecord {
		d := rec.doc
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
