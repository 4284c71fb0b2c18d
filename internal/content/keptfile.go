package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"html/template"
	"io"
	"maps"
	"slices"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// KeptName is the name of a Kept written for the next build, in the
// output's .sitegen/ folder.
const KeptName = "articles"

// keptMagic starts a Kept as written; the number is the form's, and a
// Kept of another form does not read.
const keptMagic = "sitegen articles 1\n"

// ErrKeptProgram says a Kept was written by another build of sitegen,
// which may parse the same file otherwise.
var ErrKeptProgram = errors.New("written by another build of sitegen")

// errKept says a Kept as written is damaged: cut short, changed after it
// was written, or not a Kept at all.
var errKept = errors.New("damaged")

// errChart stands, in a Kept read back, for why a chart could not be
// drawn: only whether it could counts (see ask.answer).
var errChart = errors.New("the chart could not be drawn")

// A Kept as written is what a build of sitegen keeps of its articles
// for the next, a new process, which then parses only the articles whose
// file or figures changed: keptMagic, the program's key, a gob stream of
// a keptHeader and a keptEntry for each article in path order, and the
// SHA-256 of all that. Every field is plain data, in an order that
// depends only on what is kept, so that the same articles are written as
// the same bytes; an entry at a time, so that a national site's hundred
// thousand articles are not held twice in memory to be written.
type keptHeader struct {
	Prefix, Lang string
}

// keptEntry is an article and the questions it asks that no article
// before it asked, numbered on from theirs.
type keptEntry struct {
	Asks    []askImage
	Article articleImage
}

type askImage struct {
	Kind     questionKind
	Name, ID string
	Chart    data.ChartQuery
	Yes      bool
	Err      bool // askChart: the chart could not be drawn
}

type articleImage struct {
	// File is its path in the site folder, the key of Kept.articles, and
	// Sum the SHA-256 of the file as read. A file's stat, which tells an
	// unchanged file without reading it, is not written: it is of one
	// machine and one checkout, and would make the same articles other
	// bytes.
	File string
	Sum  [sha256.Size]byte

	Path, Slug, Title string
	// Date is written as its instant, its zone's name and offset: a
	// time.Time's own encoding drops the name.
	Unix       int64
	Nano       int
	Zone       string
	Offset     int
	Author     string
	Cells      []string
	Years      []int
	Source     string
	Summary    string
	Draft      bool
	Body       []segmentImage
	Figures    []data.Figure
	ArticleSum [32]byte

	SlugLine, SlugCol int
	Asks              []int // in keptImage.Asks
	Asked             []data.Query
}

// segmentImage is a Segment: HTML, a chart, or a figure cited in the
// text as the number of its figure in Article.Figures, from 1.
type segmentImage struct {
	HTML   string
	Chart  *Chart
	Figure int
	InLink bool
}

// Encode writes what k keeps to w, for a build of the program whose key
// is program (the SHA-256 of its executable), for DecodeKept in the next
// build.
func (k *Kept) Encode(w io.Writer, program [sha256.Size]byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	h := sha256.New()
	hw := io.MultiWriter(w, h)
	if _, err := io.WriteString(hw, keptMagic); err != nil {
		return err
	}
	if _, err := hw.Write(program[:]); err != nil {
		return err
	}
	enc := gob.NewEncoder(hw)
	if err := enc.Encode(keptHeader{Prefix: k.prefix, Lang: k.lang}); err != nil {
		return err
	}
	asks := map[*ask]int{}
	for _, p := range slices.Sorted(maps.Keys(k.articles)) {
		var e keptEntry
		var ok bool
		if e.Article, ok = imageOf(p, k.articles[p], asks, &e.Asks); !ok {
			continue
		}
		if err := enc.Encode(&e); err != nil {
			return err
		}
	}
	_, err := w.Write(h.Sum(nil))
	return err
}

// imageOf is e, kept for the file p, as written; asks numbers the
// questions written before, and the questions it is the first to ask
// are numbered on and added to added. ok is false for an article whose body cites a
// figure that is not one of its Figures, which a parse does not make
// and which is then parsed again rather than written otherwise.
func imageOf(p string, e *keptArticle, asks map[*ask]int, added *[]askImage) (articleImage, bool) {
	a, st := e.a, &e.st
	name, offset := a.Date.Zone()
	ai := articleImage{
		File: p, Sum: e.file.sum,
		Path: a.Path, Slug: a.Slug, Title: a.Title,
		Unix: a.Date.Unix(), Nano: a.Date.Nanosecond(), Zone: name, Offset: offset,
		Author: a.Author, Cells: a.Cells, Years: a.Years, Source: a.Source, Summary: a.Summary, Draft: a.Draft,
		Figures: a.Figures, ArticleSum: a.Sum,
		SlugLine: st.slugLine, SlugCol: st.slugCol, Asked: st.asked,
	}
	for _, s := range a.Body {
		si := segmentImage{HTML: string(s.HTML), Chart: s.Chart}
		if c := s.Figure; c != nil {
			i := -1
			for j := range a.Figures {
				if &a.Figures[j] == c.Figure {
					i = j
					break
				}
			}
			if i < 0 {
				return ai, false
			}
			si.Figure, si.InLink = i+1, c.InLink
		}
		ai.Body = append(ai.Body, si)
	}
	for _, q := range st.asks {
		i, ok := asks[q]
		if !ok {
			i = len(asks)
			asks[q] = i
			q.mu.Lock()
			*added = append(*added, askImage{Kind: q.q.kind, Name: q.q.name, ID: q.q.id, Chart: q.q.chart, Yes: q.yes, Err: q.err != nil})
			q.mu.Unlock()
		}
		ai.Asks = append(ai.Asks, i)
	}
	return ai, true
}

// DecodeKept reads a Kept that Encode wrote for the program whose key is
// program. A Kept of another program comes back empty with
// ErrKeptProgram, and a damaged one empty with an error to say: either
// way every article is parsed, and the Kept is good to keep the
// articles of this Load for the next.
//
// What a Kept read back holds was answered by the data of an earlier
// process, which this one cannot compare with its own (data.Same): the
// first Load through it asks every question and every figure of a kept
// article again and takes the article only when each answer is the one
// it was made with.
func DecodeKept(b []byte, program [sha256.Size]byte) (*Kept, error) {
	k := &Kept{}
	if !bytes.HasPrefix(b, []byte(keptMagic)) || len(b) < len(keptMagic)+2*sha256.Size {
		return k, errKept
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return k, errKept
	}
	if !bytes.Equal(body[len(keptMagic):len(keptMagic)+sha256.Size], program[:]) {
		return k, ErrKeptProgram
	}
	dec := gob.NewDecoder(bytes.NewReader(body[len(keptMagic)+sha256.Size:]))
	var head keptHeader
	if err := dec.Decode(&head); err != nil {
		return k, errKept
	}
	// earlier stands for the data of the process that wrote the Kept: no
	// data of this one is it, nor Same as it.
	earlier := &data.Data{}
	as := newAsks()
	as.d = earlier
	var asks []*ask
	loc := i18n.New(i18n.Lang(head.Lang))
	articles := make(map[string]*keptArticle)
	for {
		var e keptEntry
		if err := dec.Decode(&e); err == io.EOF {
			break
		} else if err != nil {
			return &Kept{}, errKept
		}
		for _, ai := range e.Asks {
			q := question{kind: ai.Kind, name: ai.Name, id: ai.ID, chart: ai.Chart}
			if _, twice := as.m[q]; twice || q.kind > askChart {
				return &Kept{}, errKept
			}
			a := &ask{q: q, d: earlier, yes: ai.Yes, kept: 1}
			if ai.Err {
				a.err = errChart
			}
			as.m[q] = a
			asks = append(asks, a)
		}
		ka, ok := keptOf(e.Article, asks, loc)
		if _, twice := articles[e.Article.File]; !ok || twice {
			return &Kept{}, errKept
		}
		articles[e.Article.File] = ka
	}
	k.prefix, k.lang, k.asks, k.articles, k.kept = head.Prefix, head.Lang, as, articles, 1
	return k, nil
}

// keptOf is the article ai, its questions numbered in asks; ok is false
// when ai does not hold together.
func keptOf(ai articleImage, asks []*ask, loc *i18n.Locale) (*keptArticle, bool) {
	// A slug names the article's folder in the output: one that is not
	// a slug, which no article kept can have, is a Kept not as written.
	if len(ai.Asked) != len(ai.Figures) || !ValidSlug(ai.Slug) {
		return nil, false
	}
	a := &Article{
		Path: ai.Path, File: ai.File, Slug: ai.Slug, Title: ai.Title,
		Date:   time.Unix(ai.Unix, int64(ai.Nano)).In(time.FixedZone(ai.Zone, ai.Offset)),
		Author: ai.Author, Cells: ai.Cells, Years: ai.Years, Source: ai.Source, Summary: ai.Summary, Draft: ai.Draft,
		Figures: ai.Figures, Sum: ai.ArticleSum,
	}
	for _, si := range ai.Body {
		s := Segment{HTML: template.HTML(si.HTML), Chart: si.Chart}
		if si.Figure != 0 {
			if si.Figure < 0 || si.Figure > len(a.Figures) {
				return nil, false
			}
			s.Figure = &Cited{Figure: &a.Figures[si.Figure-1], InLink: si.InLink}
		}
		a.Body = append(a.Body, s)
	}
	st := articleState{path: ai.Path, loc: loc, file: ai.File, slugLine: ai.SlugLine, slugCol: ai.SlugCol, asked: ai.Asked}
	for _, n := range ai.Asks {
		if n < 0 || n >= len(asks) {
			return nil, false
		}
		st.asks = append(st.asks, asks[n])
	}
	return &keptArticle{file: keptFile{sum: ai.Sum}, a: a, st: st}, true
}
