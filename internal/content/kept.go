package content

import (
	"crypto/sha256"
	"maps"
	"slices"
	"sync"
	"time"

	"sitegen/internal/data"
)

// Kept keeps the articles of the last Load for the next one: serve loads
// content/ on every save, an editor changes one article or one record,
// and parsing a large site's ten thousand articles takes seconds; a
// build writes its Kept into the output for the next build (Encode,
// DecodeKept). An article is kept while its file is the same (it reads
// the same bytes, or, unread, its stat is the one it had when read; see
// fileStat), in a site of the same language, and the data answer every
// question its parse asked (each figure, chart, cell and referrer it
// names) as the data of the last Load did. Only an article without a
// message of its own and without files of content/ is kept: the others,
// rare, are parsed each time. Safe for concurrent use; one Load through
// a Kept runs at a time. The zero Kept is empty.
type Kept struct {
	run      sync.Mutex // held by a Load: the answers of two would mix
	mu       sync.Mutex
	prefix   string
	lang     string
	articles map[string]*keptArticle // by path in the site folder
	// asks are the questions the kept articles asked, each answered by
	// the data of the last Load.
	asks *asks
	kept uint64 // Loads that kept articles, to mark the questions asked
	// taken is how many articles the last Load took from the Kept
	// rather than parse them.
	taken int
	// racy, when not zero, is the time fileStat.trusted waits instead
	// of the constant racy: for tests, which cannot wait seconds.
	racy time.Duration
}

// keptArticle is an article as a Load made it.
type keptArticle struct {
	file keptFile
	a    *Article
	st   articleState // released (see articleState.release)
}

// keptFile is what tells that an article's file is as it was read: its
// bytes' hash, or without reading it, its stat when trusted (see
// fileStat).
type keptFile struct {
	sum     [sha256.Size]byte
	stat    fileStat
	trusted bool
}

// question is one thing an article's parse asks of the data, but a
// figure: the figures an article cites it keeps (Article.Figures), and
// they are asked again (see figures).
type question struct {
	kind  questionKind
	name  string // askBroken, askBrokenChart
	id    string // askBroken, askBrokenChart, askCell, askReferrer
	chart data.ChartQuery
}

// subject is the cell or referrer q is about.
func (q question) subject() string {
	if q.kind == askChart {
		return q.chart.Subject
	}
	return q.id
}

type questionKind uint8

const (
	askBroken questionKind = iota
	askBrokenChart
	askCell
	askReferrer
	askChart
)

// asks are the questions of the articles, each once however many
// articles ask it, answered once per Data. Safe for concurrent use.
type asks struct {
	mu sync.Mutex
	m  map[question]*ask
	d  *data.Data // of the last Load
}

func newAsks() *asks { return &asks{m: make(map[question]*ask)} }

// of is the ask of q, answered by d.
func (as *asks) of(q question, d *data.Data) *ask {
	as.mu.Lock()
	a := as.m[q]
	if a == nil {
		a = &ask{q: q}
		as.m[q] = a
	}
	as.mu.Unlock()
	a.answer(d)
	return a
}

// ask is a question with the answer of the data it was last asked of.
type ask struct {
	q  question
	mu sync.Mutex
	d  *data.Data // whose answer this is
	// changed tells that the answer of d is not that of the data before.
	changed bool
	yes     bool   // askBroken, askBrokenChart; the cell or referrer exists
	err     error  // askChart: why it cannot be drawn
	kept    uint64 // the last Load whose kept articles ask it (Kept.keep)
}

// answer makes a's answer d's, and reports whether it changed when it
// did.
func (a *ask) answer(d *data.Data) (changed bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.d == d {
		return a.changed
	}
	if d.Same(a.q.subject(), a.d) {
		a.changed, a.d = false, d
		return false
	}
	yes, err := a.yes, a.err
	switch q := a.q; q.kind {
	case askBroken:
		a.yes = d.Broken(q.name, q.id)
	case askBrokenChart:
		a.yes = d.BrokenChart(q.name, q.id)
	case askCell:
		a.yes = d.Cell(q.id) != nil
	case askReferrer:
		a.yes = d.Referrer(q.id) != nil
	case askChart:
		// The page draws the chart from the data of the build: only
		// that it can is the article's.
		_, a.err = d.Chart(q.chart)
	}
	a.changed = a.d != nil && (a.yes != yes || (a.err == nil) != (err == nil))
	a.d = d
	return a.changed
}

// The questions an article's parse asks of the data, each noted.

// asking notes the question q of st, answered by l's data.
func (l *loader) asking(st *articleState, q question) *ask {
	a := l.asks.of(q, l.data)
	if !slices.Contains(st.asks, a) {
		st.asks = append(st.asks, a)
	}
	return a
}

func (l *loader) broken(st *articleState, name, id string) bool {
	return l.asking(st, question{kind: askBroken, name: name, id: id}).yes
}

func (l *loader) brokenChart(st *articleState, kind, id string) bool {
	return l.asking(st, question{kind: askBrokenChart, name: kind, id: id}).yes
}

func (l *loader) hasCell(st *articleState, id string) bool {
	return l.asking(st, question{kind: askCell, id: id}).yes
}

func (l *loader) hasReferrer(st *articleState, id string) bool {
	return l.asking(st, question{kind: askReferrer, id: id}).yes
}

// figure is the data's answer to q; a kept article's figures are asked
// again by take. Each is asked as often as it is cited: a map of the
// answers of one Load costs more than asking again.
func (l *loader) figure(st *articleState, q data.Query) (data.Figure, error) {
	f, err := l.data.Figure(q)
	if err == nil {
		st.asked = append(st.asked, q)
	}
	return f, err
}

func (l *loader) chart(st *articleState, q data.ChartQuery) error {
	return l.asking(st, question{kind: askChart, chart: q}).err
}

// use begins a Load with k, and gives the questions to ask: k's, when
// what is kept was for the same site folder and language, or none. nil
// k keeps nothing.
func (k *Kept) use(prefix, lang string) *asks {
	if k == nil {
		return newAsks()
	}
	k.run.Lock()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.prefix != prefix || k.lang != lang || k.asks == nil {
		k.articles, k.asks = nil, newAsks()
	}
	k.prefix, k.lang = prefix, lang
	return k.asks
}

// done ends the Load that began with use.
func (k *Kept) done() {
	if k != nil {
		k.run.Unlock()
	}
}

// find is the article kept for the file p, read as sum, when l's data
// answer each of its questions as the data of the last Load did, with a
// state of its own for Load to add to.
func (k *Kept) find(p string, sum [sha256.Size]byte, l *loader) (*Article, *articleState) {
	e, last := k.entry(p)
	if e == nil || e.file.sum != sum {
		return nil, nil
	}
	return e.take(l, last)
}

// findUnread is find for the file p not read, whose stat is f.stat: the
// article is kept when its stat was trusted and is the same; f is then
// what it was. same tells that the file is, whatever the data say.
func (k *Kept) findUnread(p string, f *keptFile, l *loader) (a *Article, st *articleState, same bool) {
	e, last := k.entry(p)
	if e == nil || !e.file.trusted || e.file.stat != f.stat {
		return nil, nil, false
	}
	if a, st = e.take(l, last); a != nil {
		*f = e.file
	}
	return a, st, true
}

// entry is what is kept for p, and the data of the last Load.
func (k *Kept) entry(p string) (*keptArticle, *data.Data) {
	if k == nil {
		return nil, nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.articles[p], k.asks.d
}

// take is e's article when l's data answer its questions as last did.
func (e *keptArticle) take(l *loader, last *data.Data) (*Article, *articleState) {
	if d := l.data; last != d { // else data/ read as it did (data.Kept)
		for _, a := range e.st.asks {
			if a.answer(d) {
				return nil, nil
			}
		}
		// The figures it cites, compared whole, their records' places
		// included: the article's page writes all of them.
		if len(e.st.asked) != len(e.a.Figures) {
			return nil, nil
		}
		for i, q := range e.st.asked {
			if d.Same(q.Subject, last) {
				continue // data.Same: no record of it changed
			}
			if g, err := d.Figure(q); err != nil || !e.a.Figures[i].Equal(g) {
				return nil, nil
			}
		}
	}
	st := e.st
	return e.a, &st
}

// keep replaces what is kept with the articles of this Load, of data d,
// that may be kept: those of paths, made from files, with states; taken
// of them were taken from k. The questions no kept article asks are let
// go.
func (k *Kept) keep(d *data.Data, paths []string, files []keptFile, articles []*Article, states []*articleState, taken int) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.taken = taken
	k.asks.mu.Lock()
	defer k.asks.mu.Unlock()
	k.kept++
	next := make(map[string]*keptArticle, len(paths))
	for i, p := range paths {
		a, st := articles[i], states[i]
		if a == nil || len(st.diags) > 0 || st.unchecked > 0 || len(a.Files) > 0 {
			continue
		}
		next[p] = &keptArticle{file: files[i], a: a, st: *st}
		for _, q := range st.asks {
			q.kept = k.kept
		}
	}
	maps.DeleteFunc(k.asks.m, func(_ question, a *ask) bool { return a.kept != k.kept })
	k.articles, k.asks.d = next, d
}

// Taken is how many articles the last Load through k took from it
// rather than parse them; 0 for a nil k.
func (k *Kept) Taken() int {
	if k == nil {
		return 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.taken
}
