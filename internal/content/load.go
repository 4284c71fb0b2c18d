package content

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
	"golang.org/x/text/unicode/norm"

	"sitegen/internal/address"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
	"sitegen/internal/par"
	"sitegen/internal/sitefs"
)

// ContentDir is the folder of the articles in a site.
const ContentDir = "content"

// Load reads every content/**/*.md in fsys (the site folder), checks it
// against d and renders it. prefix is as for data.Load. Articles come back
// sorted by date, newest first, then by slug; drafts are included (Draft
// set) so that they are checked, and the page stage leaves them out.
func Load(fsys fs.FS, prefix string, d *data.Data) ([]*Article, diag.List) {
	return LoadKept(fsys, prefix, d, nil)
}

// LoadKept is Load with the articles kept in k from the Load before, and
// for the next (see Kept); nil k keeps none.
func LoadKept(fsys fs.FS, prefix string, d *data.Data, k *Kept) ([]*Article, diag.List) {
	return LoadListed(fsys, List(fsys, k != nil), prefix, d, k)
}

// Listing is the files of content/ as listed, for LoadListed. Listing
// asks nothing of the data: a build lists the articles while it loads
// data/, and on a large site the listing is a third of a load that
// parses no article.
type Listing struct {
	paths []string
	infos []fs.FileInfo // as listed: nil when not known
	errs  []listError
}

// listError is a file or folder of content/ that could not be listed.
type listError struct {
	path string
	err  error
}

// List lists the articles of the site in fsys. stat notes each one's
// file information too, by which a Kept tells a file unchanged without
// reading it.
func List(fsys fs.FS, stat bool) *Listing {
	ls := &Listing{}
	err := fs.WalkDir(fsys, ContentDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir // a site without articles
			}
			ls.errs = append(ls.errs, listError{p, err})
			return nil
		}
		if !e.IsDir() && strings.HasSuffix(p, ".md") {
			ls.paths = append(ls.paths, p)
			var info fs.FileInfo
			if stat {
				info, _ = e.Info() // what Kept tells an unchanged file by
			}
			ls.infos = append(ls.infos, info)
		}
		return nil
	})
	_ = err // every error was noted by the walk function
	return ls
}

// LoadListed is LoadKept of the articles ls lists (see List).
func LoadListed(fsys fs.FS, ls *Listing, prefix string, d *data.Data, k *Kept) ([]*Article, diag.List) {
	var diags diag.List
	for _, e := range ls.errs {
		diags.Add(readProblem(i18n.New(i18n.Lang(d.Site.Language)), prefix, e.path, e.err))
	}
	paths, infos := ls.paths, ls.infos

	l := newLoader(fsys, prefix, d)
	l.asks = k.use(prefix, d.Site.Language)
	defer k.done()
	results := make([]*articleState, len(paths))
	articles := make([]*Article, len(paths))
	files := make([]keptFile, len(paths))
	// Articles are independent: render them in parallel, each into its
	// own slot, so the order does not depend on scheduling.
	took := make([]bool, len(paths))
	par.Each(len(paths), func(i int) {
		articles[i], results[i], took[i] = l.articleKept(paths[i], infos[i], k, &files[i])
		results[i].release()
	})
	taken := 0
	for _, t := range took {
		if t {
			taken++
		}
	}
	k.keep(d, paths, files, articles, results, taken) // before the checks across articles add to the states

	// Slugs are checked across articles, in path order, so the later file
	// is the one told to change.
	bySlug := map[string]*articleState{}
	var out []*Article
	var unchecked int
	var firstUnchecked *articleState
	for i, st := range results {
		diags = append(diags, st.diags...)
		if st.unchecked > 0 && firstUnchecked == nil {
			firstUnchecked = st
		}
		unchecked += st.unchecked
		a := articles[i]
		if a == nil {
			continue
		}
		if a.Slug != "" {
			if first, dup := bySlug[a.Slug]; dup {
				st.diags = nil
				st.addAt(diag.Error, st.slugLine, st.slugCol, st.loc.T("content.slug.duplicate", a.Slug, first.path), st.loc.T("content.slug.duplicate.help"))
				diags = append(diags, st.diags...)
			} else {
				bySlug[a.Slug] = st
			}
		}
		out = append(out, a)
	}
	if st := firstUnchecked; st != nil {
		// One message for the site, at the first: every such figure would
		// say the same, and the errors of data/ say what to fix.
		st.diags = nil
		st.addAt(diag.Warning, st.uncheckedLine, st.uncheckedCol, st.loc.T("content.fig.unchecked", unchecked), st.loc.T("content.fig.unchecked.help"))
		diags = append(diags, st.diags...)
	}
	slices.SortStableFunc(out, func(a, b *Article) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path))
	})
	diags.Sort()
	return out, diags
}

// loader holds what every article of one Load shares: one goldmark
// configured with the data, and the locale of the messages.
type loader struct {
	fsys   fs.FS
	prefix string
	data   *data.Data
	asks   *asks // the questions the articles ask of data
	loc    *i18n.Locale
	md     goldmark.Markdown
	media  *mediaFiles
}

func newLoader(fsys fs.FS, prefix string, d *data.Data) *loader {
	l := &loader{fsys: fsys, prefix: prefix, data: d, asks: newAsks(), loc: i18n.New(i18n.Lang(d.Site.Language)), media: newMediaFiles(fsys, prefix)}
	l.md = newMarkdown(l, i18n.Lang(d.Site.Language))
	return l
}

// newMarkdown is the article dialect: CommonMark with GFM tables,
// strikethrough and autolinks (an address stops before a {{), footnotes,
// typographic quotes, heading ids, TOML front matter and the {{ … }}
// figures. Raw HTML is left out (no html.WithUnsafe).
func newMarkdown(l *loader, lang i18n.Lang) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.NewLinkify(extension.WithLinkifyURLRegexp(linkifyURL), extension.WithLinkifyWWWRegexp(linkifyWWW)),
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography(i18n.New(lang)))),
			&frontmatter.Extender{Formats: []frontmatter.Format{frontMatterFormat}},
			&figures{l: l},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// typography is what the typographer writes: characters, not entities,
// so that the page and the plain-text summary agree.
func typography(loc *i18n.Locale) map[extension.TypographicPunctuation][]byte {
	t := map[extension.TypographicPunctuation][]byte{
		extension.LeftSingleQuote:  []byte("‘"),
		extension.RightSingleQuote: []byte("’"),
		extension.LeftDoubleQuote:  []byte("“"),
		extension.RightDoubleQuote: []byte("”"),
		extension.EnDash:           []byte("–"),
		extension.EmDash:           []byte("—"),
		extension.Ellipsis:         []byte("…"),
		extension.LeftAngleQuote:   []byte("«"),
		extension.RightAngleQuote:  []byte("»"),
		extension.Apostrophe:       []byte("’"),
	}
	if !loc.Apostrophes() {
		// The apostrophe rules are English ('twas, 'em, rock 'n' roll): they
		// turn the opening quote of 'tạo nguồn' or 'lãnh đạo' into a closing
		// one. A language without apostrophes has them switched off.
		t[extension.Apostrophe] = nil
	}
	return t
}

var bom = []byte("\uFEFF")

// readProblem is a file or folder p of content/ that could not be read;
// one the site folder refused (a link out of it, a named pipe, a file too
// large: see sitefs) is said in its own words.
func readProblem(loc *i18n.Locale, prefix, p string, err error) *diag.Diagnostic {
	var refused *sitefs.Error
	if errors.As(err, &refused) {
		return refused.Diagnostic(loc, prefix)
	}
	return &diag.Diagnostic{Path: path.Join(prefix, p), Msg: loc.T("content.read", err), Help: loc.T("content.read.help")}
}

// article reads, checks and renders one file. The article is nil when
// the file could not be read; its problems are in the state either way.
func (l *loader) article(p string) (*Article, *articleState) {
	a, st, _ := l.articleKept(p, nil, nil, nil)
	return a, st
}

// articleKept is article, taken from k when kept there (see Kept.find),
// which taken tells; f is set to what k tells the file by next time,
// from info (the file as listed) and its bytes. nil k keeps nothing.
func (l *loader) articleKept(p string, info fs.FileInfo, k *Kept, f *keptFile) (*Article, *articleState, bool) {
	var statOK, sameFile bool
	if k != nil {
		if f.stat, statOK = statOf(info); statOK {
			a, st, same := k.findUnread(p, f, l)
			if a != nil {
				return a, st, true
			}
			sameFile = same
		}
	}
	userPath := path.Join(l.prefix, p)
	readAt := time.Now()
	src, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		st := newState(userPath, nil, l.loc)
		st.diags.Add(readProblem(l.loc, l.prefix, p, err))
		return nil, st, false
	}
	if k != nil {
		f.sum = sha256.Sum256(src)
		f.trusted = statOK && f.stat.trusted(readAt, k.racy)
		if !sameFile { // else the data it was made of changed: made again
			if a, st := k.find(p, f.sum, l); a != nil {
				return a, st, true
			}
		}
	}
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		st := newState(userPath, src, l.loc)
		st.report(firstInvalid(src), "content.utf8", nil, "content.utf8.help")
		return nil, st, false
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		st := newState(userPath, src, l.loc)
		st.report(i, "content.nul", nil, "content.nul.help")
		return nil, st, false
	}
	src = norm.NFC.Bytes(src)
	st := newState(userPath, src, l.loc)
	if !st.bounded() {
		return nil, st, false
	}
	return l.parse(p, st), st, false
}

// parse parses, checks and renders the article of st, read from p.
func (l *loader) parse(p string, st *articleState) *Article {
	st.file, st.media = p, l.media
	src := st.src
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(stateKey, st)
	doc := l.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	fm := st.fm
	a := &Article{
		Path:    st.path,
		File:    p,
		Title:   fm.Title,
		Date:    fm.Date,
		Author:  fm.Author,
		Cells:   fm.Cells,
		Years:   fm.Years,
		Source:  fm.Source,
		Summary: fm.Summary,
		Draft:   fm.Draft,
		Figures: st.figures,
		Sum:     sha256.Sum256(src),
	}
	a.Slug = fm.Slug
	if a.Slug == "" && fm.SlugAt < 0 {
		a.Slug = Slugify(strings.TrimSuffix(path.Base(p), ".md"))
		if a.Slug == "" {
			st.report(-1, "content.slug.empty", []any{path.Base(p)}, "content.slug.empty.help")
		}
	}
	if strings.TrimSpace(a.Summary) == "" {
		a.Summary = firstParagraph(doc, src)
	}
	a.Files = st.placeFiles(address.Article(a.Slug))
	a.Body = l.segments(doc, src, a.Figures)
	return a
}

// firstInvalid is the offset of the first byte that is not UTF-8.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

// segments renders the body, cut at every chart and at every figure's
// mark (see renderFigure): the HTML between charts is rendered as a
// document of its own, so each piece between two charts is whole HTML.
func (l *loader) segments(doc ast.Node, src []byte, figures []data.Figure) []Segment {
	var segs []Segment
	cur := ast.NewDocument()
	flush := func() {
		if !cur.HasChildren() {
			return
		}
		var b bytes.Buffer
		_ = l.md.Renderer().Render(&b, src, cur) // a bytes.Buffer does not fail
		segs = appendMarked(segs, b.String(), figures)
		cur = ast.NewDocument()
	}
	for c := doc.FirstChild(); c != nil; {
		next := c.NextSibling()
		if cb, ok := c.(*ChartBlock); ok {
			flush()
			chart := cb.Chart
			segs = append(segs, Segment{Chart: &chart})
		} else {
			cur.AppendChild(cur, c)
		}
		c = next
	}
	flush()
	return segs
}

// appendMarked appends rendered HTML to segs, a figure segment in place
// of each figure's mark.
func appendMarked(segs []Segment, html string, figures []data.Figure) []Segment {
	for {
		start := strings.IndexByte(html, 0)
		end := -1
		if start >= 0 {
			end = strings.IndexByte(html[start+1:], 0)
		}
		if end < 0 {
			break
		}
		mark := html[start+1 : start+1+end]
		inLink := strings.HasSuffix(mark, string(markInLink))
		i, err := strconv.Atoi(strings.TrimSuffix(mark, string(markInLink)))
		if err != nil || i < 0 || i >= len(figures) {
			break // not a mark of ours; cannot happen, as NUL is refused
		}
		if start > 0 {
			// goldmark's output is the only text trusted as HTML: it
			// escapes article text and leaves raw HTML out.
			segs = append(segs, Segment{HTML: template.HTML(html[:start])})
		}
		segs = append(segs, Segment{Figure: &Cited{Figure: &figures[i], InLink: inLink}})
		html = html[start+1+end+1:]
	}
	if html != "" {
		segs = append(segs, Segment{HTML: template.HTML(html)})
	}
	return segs
}

// firstParagraph is the text of the first top-level paragraph, for the
// summary: figures as their formatted text, markup left out.
func firstParagraph(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok {
			var b strings.Builder
			plainText(p, src, &b)
			if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
				return s
			}
		}
	}
	return ""
}

func plainText(n ast.Node, src []byte, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.UnescapePunctuations(v)
				v = util.ResolveNumericReferences(v)
				v = util.ResolveEntityNames(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *Figure:
			b.WriteString(c.Formatted)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *extast.FootnoteLink:
		default:
			plainText(c, src, b)
		}
	}
}
