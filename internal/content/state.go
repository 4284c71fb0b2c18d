package content

import (
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/parser"

	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

// articleState is what the parse of one article collects: its front
// matter, its figures and its problems. It travels in the goldmark
// parser.Context, so that one goldmark.Markdown serves every article.
type articleState struct {
	path  string // as the user would type it
	src   []byte // the whole file, NFC; goldmark positions index into it
	lines []int  // offset of the start of each line
	// chars[k] is the number of characters in src[:k*charStep], made on
	// the first message: a column on a long line then costs at most
	// charStep bytes counted, however many messages the line has.
	chars []int
	loc   *i18n.Locale

	fm        frontMatter
	fmMissing bool // no usable front matter: the body is still checked

	figures []data.Figure
	diags   diag.List

	// file is the article's path in the site folder (content/2018/a.md):
	// the images and files it names are found from its folder, in media.
	file   string
	media  *mediaFiles
	placed []placedFile

	// slugLine and slugCol are where the slug key is written (0 when it is
	// not), kept once the source is released for Load to report a
	// duplicate slug.
	slugLine, slugCol int

	// unchecked counts the figures and charts left unchecked because a
	// record they depend on has an error in data/ (see data.Broken), and
	// uncheckedLine and uncheckedCol place the first: Load says so once
	// for the whole site.
	unchecked                   int
	uncheckedLine, uncheckedCol int

	// asks are the questions the parse asked of the data, each once,
	// kept with the article (see Kept).
	asks []*ask
	// asked are the figures it cited, as asked: Figures' questions.
	asked []data.Query
}

// leaveUnchecked notes a figure or chart at offset off that depends on a
// broken record of data/.
func (st *articleState) leaveUnchecked(off int) {
	if st.unchecked == 0 {
		st.uncheckedLine, st.uncheckedCol = st.place(off)
	}
	st.unchecked++
}

// release drops the source and the figures once the article is made: Load
// keeps every state until all articles are read, and the sources alone
// are as large as content/.
func (st *articleState) release() {
	if st.src != nil && st.fm.SlugAt >= 0 {
		st.slugLine, st.slugCol = st.place(st.fm.SlugAt)
	}
	st.src, st.lines, st.chars, st.figures, st.placed = nil, nil, nil, nil, nil
}

var stateKey = parser.NewContextKey()

func stateOf(pc parser.Context) *articleState {
	st, _ := pc.Get(stateKey).(*articleState)
	return st
}

func newState(path string, src []byte, loc *i18n.Locale) *articleState {
	st := &articleState{path: path, src: src, loc: loc, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			st.lines = append(st.lines, i+1)
		}
	}
	return st
}

// place turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as an editor shows them.
func (st *articleState) place(off int) (line, col int) {
	off = max(0, min(off, len(st.src)))
	i := sort.Search(len(st.lines), func(i int) bool { return st.lines[i] > off }) - 1
	return i + 1, st.charsBefore(off) - st.charsBefore(st.lines[i]) + 1
}

const charStep = 512

// charsBefore is the number of characters in src[:off]: the bytes that
// begin one. (The text is UTF-8 up to any place a message is given at.)
func (st *articleState) charsBefore(off int) int {
	if st.chars == nil {
		st.chars = make([]int, len(st.src)/charStep+1)
		for k := 1; k < len(st.chars); k++ {
			st.chars[k] = st.chars[k-1] + charStarts(st.src[(k-1)*charStep:k*charStep])
		}
	}
	k := off / charStep
	return st.chars[k] + charStarts(st.src[k*charStep:off])
}

// charStarts counts the bytes of b that begin a UTF-8 character.
func charStarts(b []byte) int {
	n := 0
	for _, c := range b {
		if !utf8.RuneStart(c) {
			n++
		}
	}
	return len(b) - n
}

// offsetOf turns a 1-based line and a byte column back into an offset.
func (st *articleState) offsetOf(line, byteCol int) int {
	if line < 1 {
		return 0
	}
	if line > len(st.lines) {
		return len(st.src)
	}
	return min(st.lines[line-1]+max(byteCol-1, 0), len(st.src))
}

// report adds an error at byte offset off; a negative offset makes it
// about the whole file.
func (st *articleState) report(off int, msgKey string, args []any, helpKey string, helpArgs ...any) {
	st.add(diag.Error, off, st.loc.T(msgKey, args...), st.help(helpKey, helpArgs))
}

// warn adds a warning at offset off.
func (st *articleState) warn(off int, msgKey string, args []any, helpKey string, helpArgs ...any) {
	st.add(diag.Warning, off, st.loc.T(msgKey, args...), st.help(helpKey, helpArgs))
}

// reportSuggest is report with "did you mean" in place of the help when a
// close candidate exists.
func (st *articleState) reportSuggest(off int, msgKey string, args []any, helpKey string, helpArgs []any, got string, candidates []string) {
	help := st.help(helpKey, helpArgs)
	if s := suggest(got, candidates); s != "" {
		help = st.loc.T("content.did_you_mean", s)
	}
	st.add(diag.Error, off, st.loc.T(msgKey, args...), help)
}

func (st *articleState) help(key string, args []any) string {
	if key == "" {
		return ""
	}
	return st.loc.T(key, args...)
}

func (st *articleState) add(sev diag.Severity, off int, msg, help string) {
	line, col := 0, 0
	if off >= 0 {
		line, col = st.place(off)
	}
	st.addAt(sev, line, col, msg, help)
}

// addAt adds a problem at a line and column already found.
func (st *articleState) addAt(sev diag.Severity, line, col int, msg, help string) {
	d := &diag.Diagnostic{Path: st.path, Line: line, Col: col, Severity: sev, Msg: msg, Help: help}
	if sev == diag.Warning {
		d.Marker = st.loc.T("diag.warning")
	}
	st.diags.Add(d)
}

// suggest returns the candidate closest to got, if it is close enough to
// be a typo; the data stage's rule, so hints agree.
func suggest(got string, candidates []string) string { return data.Suggest(got, candidates) }
