// Package search builds the site's search index at build time: every
// article (title, summary, body text with its figures as shown), cell
// (name, former names, enterprise), referrer and year is a document, and
// each word is indexed folded (package fold), so that "dang vien" finds
// "đảng viên", with the forms it was written in kept beside it for the
// bonus an exact match earns.
//
// The index is written as JavaScript files that a plain <script> loads,
// so search works from disk (file://) and under any sub-path with no
// fetch: a manifest (with the frequent words), the postings cut into
// shards by the first letters of the folded word (a query loads only the
// shards of its words), files of records of the documents of rare words
// and of the documents that have a word in their title (recordDocs), the
// documents in blocks of docBlock (a query loads the blocks of the
// results it shows when files of records would not be fewer), and the
// cells' names for "did you mean". Every file is named by its content,
// so a page never mixes files of two builds. A file costs Chromium
// several ms however small, so a query's files are kept few.
// templates/assets/search.js is the client; Reader (query.go) answers a
// query from the same files by the same rules, for tests and benchmarks.
package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitegen/internal/address"
)

// Kind is what a document is; the client names it in the site's language.
type Kind string

const (
	Article  Kind = "a"
	Cell     Kind = "c"
	Referrer Kind = "r"
	Year     Kind = "y"
)

// Doc is a document as the results show it.
type Doc struct {
	Kind  Kind
	Title string
	Path  string // its page, from the top of the site: "don-vi/khoi-dn/index.html"
	Date  string // as the site writes a day; "" for none
	Text  string // what an excerpt is cut from
}

// Ranking constants, the same in search.js.
const (
	k1         = 1.2
	b          = 0.75
	titleBoost = 3 // a word of the title counts as three of the body
	// weightMax is the largest weight, which a posting writes as one
	// character of alphabet.
	weightMax = 63
	// docBlock documents are written to one file: a query loads the
	// files of the results it shows (search.js shows twenty).
	docBlock = 32
	// shardLimit is the size in bytes above which a shard is cut by one
	// more letter of its words.
	shardLimit = 48 << 10
	// rareDocs: the records of the documents of a word found in at most
	// this many documents are written beside its shard, so that a query
	// with such a word shows its results without loading their blocks.
	rareDocs = 32
	// recordLimit is the size in bytes above which a file of records is
	// cut by one more letter of its words.
	recordLimit = 64 << 10
	// maxVariants written forms of a folded word have a bit of their own
	// in a posting's mask.
	maxVariants = 30
	// Dir holds the index files, under the search page's folder.
	Dir = address.SearchDir + "chi-muc/"
)

// File is a file of the index: its name from the top of the site, and
// its bytes.
type File struct {
	Name  string
	Bytes []byte
}

// Builder collects documents, one at a time, into an index: it keeps the
// postings, compactly, and no document's text once it is indexed beyond
// the record the results show.
type Builder struct {
	terms   map[string]*term
	lengths []float32   // each document's length, its title words weighed
	records [][5]string // each document as the results show it
	files   []File
	docFile []string // the file of each block
	// frequent are the words of more than rareDocs documents, which the
	// manifest lists; have holds, for each document, those it has
	// (frequentWords), set by Finish.
	frequent []*term
	have     [][]byte
	// recordFile is the file of records of each rare word.
	recordFile map[*term]string
	names      []nameEntry
	// seen and order gather the words of the document being added.
	seen  map[string]*docTerm
	order []*docTerm
	cache wordCache
}

type term struct {
	folded   string
	variants []string
	postings []posting
	// records are the documents a file of records holds for it
	// (recordDocs), set by Finish.
	records []uint32
}

type posting struct {
	doc    uint32
	tf     float32 // body count plus titleBoost × title count
	mask   uint32  // the written forms (variants) the document has
	weight uint8   // set by finish
	title  bool    // the word is in the document's title
}

type docTerm struct {
	t     *term
	tf    float32
	mask  uint32
	title bool
}

type nameEntry struct {
	Name   string   `json:"n"`
	Path   string   `json:"p"`
	Former []string `json:"f,omitempty"`
}

// NewBuilder starts an empty index.
func NewBuilder() *Builder {
	return &Builder{terms: make(map[string]*term), seen: make(map[string]*docTerm), cache: make(wordCache)}
}

// Add indexes a document: its title words weighed titleBoost, then
// each text of body.
func (bd *Builder) Add(d Doc, body ...string) {
	id := uint32(len(bd.lengths))
	var length float32
	add := func(weight float32) func(word) {
		return func(w word) {
			length += weight
			dt := bd.seen[w.folded]
			if dt == nil {
				t := bd.terms[w.folded]
				if t == nil {
					t = &term{folded: w.folded}
					bd.terms[w.folded] = t
				}
				dt = &docTerm{t: t}
				bd.seen[w.folded] = dt
				bd.order = append(bd.order, dt)
			}
			dt.tf += weight
			dt.title = dt.title || weight == titleBoost
			dt.mask |= dt.t.variantBit(w.variant)
		}
	}
	bd.cache.words(d.Title, add(titleBoost))
	for _, s := range body {
		bd.cache.words(s, add(1))
	}
	for _, dt := range bd.order {
		dt.t.postings = append(dt.t.postings, posting{doc: id, tf: dt.tf, mask: dt.mask, title: dt.title})
	}
	clear(bd.seen)
	bd.order = bd.order[:0]
	bd.lengths = append(bd.lengths, length)
	bd.records = append(bd.records, [5]string{string(d.Kind), d.Title, d.Path, d.Date, d.Text})
	if len(bd.records)%docBlock == 0 {
		bd.flushDocs()
	}
}

// AddName lists a cell for "did you mean": its name and former names.
func (bd *Builder) AddName(name, path string, former []string) {
	bd.names = append(bd.names, nameEntry{name, path, former})
}

// variantBit is the bit of written form v in a posting's mask, adding
// it to the term's forms; 0 past maxVariants.
func (t *term) variantBit(v string) uint32 {
	i := slices.Index(t.variants, v)
	if i < 0 {
		if len(t.variants) == maxVariants {
			return 0
		}
		t.variants = append(t.variants, v)
		i = len(t.variants) - 1
	}
	return 1 << i
}

// flushDocs writes the block of documents being filled.
func (bd *Builder) flushDocs() {
	first := len(bd.docFile) * docBlock
	if first == len(bd.records) {
		return
	}
	name := bd.write("d-"+strconv.Itoa(len(bd.docFile)), struct {
		F     string      `json:"f"`
		First int         `json:"first"`
		D     [][5]string `json:"d"`
	}{"d-" + strconv.Itoa(len(bd.docFile)), first, bd.records[first:]})
	bd.docFile = append(bd.docFile, name)
}

// write adds a file of the index holding payload as JSON, handed to the
// client's sitegenSearch, and returns its name (from Dir).
func (bd *Builder) write(base string, payload any) string {
	var buf bytes.Buffer
	buf.WriteString("sitegenSearch(")
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(payload); err != nil {
		panic(err) // strings and numbers only: cannot fail
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(");\n")
	sum := sha256.Sum256(buf.Bytes())
	name := base + "." + hex.EncodeToString(sum[:4]) + ".js"
	bd.files = append(bd.files, File{Dir + name, buf.Bytes()})
	return name
}

// Index is a finished index: its files, and the manifest the search
// page names.
type Index struct {
	Files    []File
	Manifest string // from the top of the site
}

// Finish weighs every posting, writes the shards, the names and the
// manifest, and returns the files, in a fixed order.
func (bd *Builder) Finish() *Index {
	bd.flushDocs()
	n := len(bd.lengths)
	var avg float64
	for _, l := range bd.lengths {
		avg += float64(l)
	}
	avg = max(avg/float64(max(n, 1)), 1)
	terms := make([]*term, 0, len(bd.terms))
	for _, t := range bd.terms {
		for i := range t.postings {
			p := &t.postings[i]
			tf := float64(p.tf)
			w := tf * (k1 + 1) / (tf + k1*(1-b+b*float64(bd.lengths[p.doc])/avg))
			p.weight = uint8(max(1, math.Round(w/(k1+1)*weightMax)))
		}
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(x, y *term) int { return strings.Compare(x.folded, y.folded) })
	bd.frequentWords(terms)
	frequent := make([]commonWord, len(bd.frequent))
	for i, t := range bd.frequent {
		most := uint8(0)
		for _, x := range t.postings {
			most = max(most, x.weight)
		}
		frequent[i] = commonWord{t.folded, t.variants, len(t.postings), uint32(most)}
	}
	var shards, records [][2]string
	var kept []*term
	for _, t := range terms {
		if t.records = recordDocs(t); len(t.records) > 0 {
			kept = append(kept, t)
		}
	}
	bd.split(kept, 0, bd.recordData, recordLimit, "r", &records)
	bd.recordFile = make(map[*term]string, len(kept))
	for _, t := range kept {
		bd.recordFile[t] = records[longestKey(records, t.folded)][1]
	}
	bd.split(terms, 0, bd.shardData, shardLimit, "t", &shards)
	names := bd.write("ten", struct {
		F string      `json:"f"`
		C []nameEntry `json:"c"`
	}{"ten", bd.names})
	manifest := bd.write("muc-luc", manifest{"muc-luc", n, docBlock, bd.docFile, shards, records, names, frequent})
	return &Index{Files: bd.files, Manifest: Dir + manifest}
}

// split writes the terms (sorted) to files of what data makes of them,
// keyed by their words' first letters: a file over limit is cut by one
// more letter, its words of exactly that many letters keeping the
// shorter key. It starts from no letter at all, so that a small site's
// index is one shard, not hundreds of small files to write on every
// build. Each file's key and name go to out.
func (bd *Builder) split(terms []*term, letters int, data func([]*term) fileData, limit int, kind string, out *[][2]string) {
	for len(terms) > 0 {
		key := firstRunes(terms[0].folded, letters)
		end := 1
		for end < len(terms) && firstRunes(terms[end].folded, letters) == key {
			end++
		}
		group := terms[:end]
		terms = terms[end:]
		fd := data(group)
		if fd.size > limit && slices.ContainsFunc(group, func(t *term) bool { return utf8.RuneCountInString(t.folded) > letters }) {
			// The words that are the key itself stay under it.
			short := 0
			for short < len(group) && group[short].folded == key {
				short++
			}
			if short > 0 {
				bd.writeKeyed(kind, key, data(group[:short]), out)
			}
			bd.split(group[short:], letters+1, data, limit, kind, out)
			continue
		}
		bd.writeKeyed(kind, key, fd, out)
	}
}

// frequentWords lists the words of more than rareDocs documents, and
// for each document those it has: for each, its place in the list (as
// the difference from the one before), its weight and, when it has more
// than one written form, the mask of those the document has. A query
// with a rare word finds its candidates in that word's shard, with these
// lists in their records, and need not load the shards of its frequent
// words.
func (bd *Builder) frequentWords(terms []*term) {
	bd.have = make([][]byte, len(bd.lengths))
	last := make([]int, len(bd.lengths))
	for _, t := range terms {
		if len(t.postings) <= rareDocs {
			continue
		}
		i := len(bd.frequent)
		bd.frequent = append(bd.frequent, t)
		for _, x := range t.postings {
			h := appendNumber(bd.have[x.doc], uint32(i-last[x.doc]))
			h = append(h, alphabet[x.weight])
			if len(t.variants) > 1 {
				h = appendNumber(h, x.mask)
			}
			bd.have[x.doc], last[x.doc] = h, i
		}
	}
}

func (bd *Builder) writeKeyed(kind, key string, fd fileData, out *[][2]string) {
	base := keyedName(kind, key)
	name := bd.write(base, struct {
		F string   `json:"f"`
		T []any    `json:"t,omitempty"`
		R []string `json:"r,omitempty"`
		D []any    `json:"d,omitempty"`
		O []any    `json:"o,omitempty"`
	}{base, fd.rows, fd.recordFiles, fd.docs, fd.outside})
	*out = append(*out, [2]string{key, name})
}

// fileData is what a keyed file holds: a shard's words, [folded,
// [written forms], number of documents, postings], then 1 for a dense
// word (else 0) when more follows: the place in recordFiles of the file
// of records of its documents (recordDocs), and, unless it is a rare
// word whose every document is there, those documents (each as the
// difference from the one before); or the records of the documents of
// words, [id, kind, title, path, date, text, frequent words
// (frequentWords)], with the frequent words' outside weights.
type fileData struct {
	rows        []any
	recordFiles []string
	docs        []any
	outside     []any // [folded, weight] (recordData)
	size        int   // about its bytes as written
}

// recordDocs are the documents whose records a file of records holds
// for t: all of a rare word's; of another, those with it in their title,
// which are likely the first results of a query with it, and of those
// the rareDocs where it weighs most (the earliest of equal weight, as
// results are ordered) when they are more.
func recordDocs(t *term) []uint32 {
	var best []posting
	for _, x := range t.postings {
		if len(t.postings) <= rareDocs || x.title {
			best = append(best, x)
		}
	}
	if len(best) > rareDocs {
		slices.SortStableFunc(best, func(x, y posting) int { return cmp.Compare(y.weight, x.weight) })
		best = best[:rareDocs]
		slices.SortFunc(best, func(x, y posting) int { return cmp.Compare(x.doc, y.doc) })
	}
	docs := make([]uint32, len(best))
	for i, x := range best {
		docs[i] = x.doc
	}
	return docs
}

// recordData are the records of the documents of terms (term.records),
// and for each frequent word of terms the most it weighs in a document
// whose record is not there (outside), 0 for none.
func (bd *Builder) recordData(terms []*term) fileData {
	var fd fileData
	var ids []uint32
	for _, t := range terms {
		ids = append(ids, t.records...)
		if len(t.postings) > rareDocs {
			fd.outside = append(fd.outside, []any{t.folded, outside(t)})
			fd.size += len(t.folded) + 8
		}
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		r := bd.records[id]
		fd.docs = append(fd.docs, []any{id, r[0], r[1], r[2], r[3], r[4], string(bd.have[id])})
		fd.size += len(r[1]) + len(r[2]) + len(r[3]) + len(r[4]) + len(bd.have[id]) + 34
	}
	return fd
}

// outside is the most t weighs in a document whose record its file of
// records does not hold: no document outside can score more for it,
// which lets a query show the first results from that file alone.
func outside(t *term) int {
	most, r := 0, t.records
	for _, x := range t.postings {
		for len(r) > 0 && r[0] < x.doc {
			r = r[1:]
		}
		if len(r) == 0 || r[0] != x.doc {
			most = max(most, int(x.weight))
		}
	}
	return most
}

// alphabet writes postings: a number is its groups of 5 bits, lowest
// first, each a character, the last from the first half of alphabet,
// the others from the second. A JavaScript string literal parses far
// faster than an array of numbers, and is a third of the size.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// maxDenseVariants is the most written forms a dense word may have: its
// mask is then one character.
const maxDenseVariants = 5

// denseRow appends t's dense postings (shardData) for n documents.
func denseRow(b []byte, t *term, n int, masked bool) []byte {
	start := len(b)
	b = append(b, bytes.Repeat([]byte{alphabet[0]}, n)...)
	if masked {
		b = append(b, bytes.Repeat([]byte{alphabet[0]}, n)...)
	}
	for _, x := range t.postings {
		b[start+int(x.doc)] = alphabet[x.weight]
		if masked {
			b[start+n+int(x.doc)] = alphabet[x.mask]
		}
	}
	return b
}

func appendNumber(b []byte, v uint32) []byte {
	for v >= 32 {
		b = append(b, alphabet[32+v&31])
		v >>= 5
	}
	return append(b, alphabet[v])
}

// shardData writes terms (sorted). A word's postings are a list: each
// the document (as the difference from the one before), the weight (one
// character) and, when the word has more than one written form, the mask
// of those the document has. A word in so many documents that it is
// shorter so is written dense (its fifth field 1): a weight for every
// document of the index, 0 where the word is not, then as many masks
// when it has more than one written form; a query then looks up only
// the documents its rarer words found.
func (bd *Builder) shardData(terms []*term) fileData {
	var fd fileData
	n := len(bd.lengths)
	for _, t := range terms {
		masked := len(t.variants) > 1
		p := make([]byte, 0, 3*len(t.postings))
		prev := uint32(0)
		for _, x := range t.postings {
			p = appendNumber(p, x.doc-prev)
			p = append(p, alphabet[x.weight])
			if masked {
				p = appendNumber(p, x.mask)
			}
			prev = x.doc
		}
		row := []any{t.folded, t.variants, len(t.postings), nil, 0}
		width := 1
		if masked {
			width = 2
		}
		if n*width < len(p) && len(t.variants) <= maxDenseVariants && len(t.postings) > rareDocs {
			p = denseRow(p[:0], t, n, masked)
			row[4] = 1
		}
		row[3] = string(p)
		if f, ok := bd.recordFile[t]; ok {
			i := slices.Index(fd.recordFiles, f)
			if i < 0 {
				i = len(fd.recordFiles)
				fd.recordFiles = append(fd.recordFiles, f)
				fd.size += len(f) + 3
			}
			row = append(row, i)
			if len(t.postings) > rareDocs {
				var titles []byte
				prev := uint32(0)
				for _, d := range t.records {
					titles = appendNumber(titles, d-prev)
					prev = d
				}
				row = append(row, string(titles))
				fd.size += len(titles) + 3
			}
		} else if row[4] == 0 {
			row = row[:4]
		}
		fd.rows = append(fd.rows, row)
		fd.size += len(t.folded) + len(p) + 16
		for _, v := range t.variants {
			fd.size += len(v) + 3
		}
	}
	return fd
}

// firstRunes is the first n runes of s (all of it when shorter).
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// keyedName names a keyed file of kind t (shard) or r (records) by its
// key: t-KEY when the key is plain letters and digits, else tx-HEX of its
// bytes, so that every name is a safe file name on any disk; t for the
// shard of every word.
func keyedName(kind, key string) string {
	if key == "" {
		return kind
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return kind + "x-" + hex.EncodeToString([]byte(key))
		}
	}
	return kind + "-" + key
}
