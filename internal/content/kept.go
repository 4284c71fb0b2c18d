package content

import (
	"crypto/sha256"
	"sync"

	"sitegen/internal/data"
)

// Kept keeps the articles of the last Load for the next one: serve loads
// content/ on every save, an editor changes one article or one record,
// and parsing a large site's ten thousand articles takes seconds. An
// article is kept while its file reads the same bytes, in a site of the
// same language, and the data answer every question its parse asked
// (each figure, chart, cell and referrer it names) as they did. Only an
// article without a message of its own and without files of content/ is
// kept: the others, rare, are parsed each time. Safe for concurrent use;
// the zero Kept is empty.
type Kept struct {
	mu       sync.Mutex
	prefix   string
	lang     string
	articles map[string]*keptArticle // by path in the site folder
}

// keptArticle is an article as the last Load made it.
type keptArticle struct {
	sum [sha256.Size]byte // of the file's bytes as read
	a   *Article
	st  articleState // released (see articleState.release)
}

// answers are the data of one Load, with the answer to each figure and
// chart asked once: ten thousand articles cite a few thousand figures,
// and each kept article asks its own again (see Kept). Safe for
// concurrent use.
type answers struct {
	*data.Data
	mu      sync.Mutex
	figures map[data.Query]figureAnswer
	charts  map[data.ChartQuery]error
}

type figureAnswer struct {
	f   data.Figure
	err error
}

func newAnswers(d *data.Data) *answers {
	return &answers{Data: d, figures: make(map[data.Query]figureAnswer), charts: make(map[data.ChartQuery]error)}
}

// Figure is the data's answer to q.
func (a *answers) Figure(q data.Query) (data.Figure, error) {
	a.mu.Lock()
	ans, ok := a.figures[q]
	a.mu.Unlock()
	if !ok {
		ans.f, ans.err = a.Data.Figure(q)
		a.mu.Lock()
		a.figures[q] = ans
		a.mu.Unlock()
	}
	return ans.f, ans.err
}

// drawable is why the data cannot draw the chart q; nil when they can.
func (a *answers) drawable(q data.ChartQuery) error {
	a.mu.Lock()
	err, ok := a.charts[q]
	a.mu.Unlock()
	if !ok {
		_, err = a.Data.Chart(q)
		a.mu.Lock()
		a.charts[q] = err
		a.mu.Unlock()
	}
	return err
}

// asked notes a question the parse asked of the data, as same: whether
// other data answer it alike.
func (st *articleState) asked(same func(d *answers) bool) {
	st.deps = append(st.deps, same)
}

// holds reports whether d answers every question the parse of st asked
// as the data it was parsed against did.
func (st *articleState) holds(d *answers) bool {
	for _, same := range st.deps {
		if !same(d) {
			return false
		}
	}
	return true
}

// The questions an article's parse asks of the data, each noted.

func (st *articleState) broken(d *answers, name, id string) bool {
	b := d.Broken(name, id)
	st.asked(func(d *answers) bool { return d.Broken(name, id) == b })
	return b
}

func (st *articleState) brokenChart(d *answers, kind, id string) bool {
	b := d.BrokenChart(kind, id)
	st.asked(func(d *answers) bool { return d.BrokenChart(kind, id) == b })
	return b
}

func (st *articleState) hasCell(d *answers, id string) bool {
	ok := d.Cell(id) != nil
	st.asked(func(d *answers) bool { return (d.Cell(id) != nil) == ok })
	return ok
}

func (st *articleState) hasReferrer(d *answers, id string) bool {
	ok := d.Referrer(id) != nil
	st.asked(func(d *answers) bool { return (d.Referrer(id) != nil) == ok })
	return ok
}

// figure is d's answer to q. The figure is compared whole, its record's
// place included: the article's page writes all of it.
func (st *articleState) figure(d *answers, q data.Query) (data.Figure, error) {
	f, err := d.Figure(q)
	st.asked(func(d *answers) bool {
		g, gerr := d.Figure(q)
		return (err == nil) == (gerr == nil) && (err != nil || f.Equal(g))
	})
	return f, err
}

// chart is whether d can draw the chart q: the page draws it from the
// data of the build, so only that it can is the article's.
func (st *articleState) chart(d *answers, q data.ChartQuery) error {
	err := d.drawable(q)
	st.asked(func(d *answers) bool { return (err == nil) == (d.drawable(q) == nil) })
	return err
}

// use begins a Load with k: what was kept for another site folder or
// language is dropped. nil k keeps nothing.
func (k *Kept) use(prefix, lang string) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.prefix != prefix || k.lang != lang {
		k.articles = nil
	}
	k.prefix, k.lang = prefix, lang
}

// find is the article kept for the file p, read as src, when d answers
// its questions alike, with a state of its own for Load to add to.
func (k *Kept) find(p string, sum [sha256.Size]byte, d *answers) (*Article, *articleState) {
	if k == nil {
		return nil, nil
	}
	k.mu.Lock()
	e := k.articles[p]
	k.mu.Unlock()
	if e == nil || e.sum != sum || !e.st.holds(d) {
		return nil, nil
	}
	st := e.st
	return e.a, &st
}

// keep replaces what is kept with the articles of this Load that may be
// kept: those of paths, made from the files of sums, with states.
func (k *Kept) keep(paths []string, sums [][sha256.Size]byte, articles []*Article, states []*articleState) {
	if k == nil {
		return
	}
	next := make(map[string]*keptArticle, len(paths))
	for i, p := range paths {
		a, st := articles[i], states[i]
		if a == nil || len(st.diags) > 0 || st.unchecked > 0 || len(a.Files) > 0 {
			continue
		}
		next[p] = &keptArticle{sum: sums[i], a: a, st: *st}
	}
	k.mu.Lock()
	k.articles = next
	k.mu.Unlock()
}
