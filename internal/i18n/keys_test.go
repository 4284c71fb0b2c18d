package i18n_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
	"text/template/parse"

	"sitegen/internal/data"
	"sitegen/internal/export"
	"sitegen/internal/i18n"
	"sitegen/internal/site"
)

// The catalogue is checked against the code that uses it: every key the
// Go code and the templates of the tree use must have a text in every
// language, and every key of the catalogue must be used somewhere.
//
// A key is found where the code names it:
//
//   - in Go (read with go/ast, tests left out): a string literal given to
//     a function that takes a key (keyFuncs), or any string literal shaped
//     like a key whose first part is a part of the catalogue ("data.",
//     "content.", …): such a literal may travel in a variable or a field
//     before it reaches T (ref.Err, typeKey, OutputError.Key);
//   - in templates (read with text/template/parse): the first argument of
//     .T, $.T, $.Page.T …
//
// A key built at run time ("data.set." + string(s), key + ".help",
// {{.T (print "kind." $c.Kind)}}) must be listed in dynamicKeys with the
// values the code can give it, taken from the list or registry the code
// iterates; the check fails on a built key it does not know, and on a
// listed one no code builds any more.

// keyFuncs are the functions whose arguments at these places are keys.
var keyFuncs = map[string][]int{
	"T":             {0}, // Locale.T, Page.T, ChartView.T
	"t":             {0}, // internal/data: a message to format later
	"report":        {1, 3},
	"warn":          {1, 3},
	"reportSuggest": {1, 3},
}

// dynamicKey is a key the code builds at run time from a fixed part, a
// prefix or a suffix, and a value.
type dynamicKey struct {
	prefix, suffix string
	// keys are the whole keys the code can build, from what it iterates.
	keys func(fsys fs.FS) ([]string, error)
}

// keyCheck compares the keys used by the tree in fsys with a catalogue.
type keyCheck struct {
	fsys    fs.FS
	texts   map[string]map[string]string // language → key → text
	dynamic []dynamicKey
}

var (
	keyShape    = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$`)
	prefixShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)*\.$`)
	suffixShape = regexp.MustCompile(`^(\.[a-z0-9_-]+)+$`)
	// fileLike is a literal that names a file ("data.json", "home.html"),
	// not a key, though its first part may be a part of the catalogue.
	fileLike = regexp.MustCompile(`\.(html|json|csv|xml|txt|css|js|toml|md|go|gob)$`)
)

// uses are the keys a tree uses, each with the places that use it.
type uses struct {
	keys, prefixes, suffixes map[string][]string
	// unknown are the places where a template asks for a key the check
	// cannot read.
	unknown []string
}

func (u *uses) add(m map[string][]string, key, at string) { m[key] = append(m[key], at) }

// run returns what is wrong, one finding a line, sorted.
func (c keyCheck) run() ([]string, error) {
	u := &uses{keys: map[string][]string{}, prefixes: map[string][]string{}, suffixes: map[string][]string{}}
	parts := make(map[string]bool) // first parts of the catalogue's keys
	for _, texts := range c.texts {
		for k := range texts {
			parts[k[:strings.IndexByte(k+".", '.')]] = true
		}
	}
	err := fs.WalkDir(c.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go"):
			return c.goFile(u, parts, p)
		case strings.HasSuffix(p, ".html") && strings.HasPrefix(p, "templates/"):
			return c.templateFile(u, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	var out []string
	used := make(map[string]bool)
	missing := func(key, where string) {
		var langs []string
		for _, l := range slices.Sorted(maps.Keys(c.texts)) {
			if c.texts[l][key] == "" {
				langs = append(langs, l)
			}
		}
		if len(langs) > 0 {
			out = append(out, fmt.Sprintf("%s: key %q has no text in %s", where, key, strings.Join(langs, ", ")))
		}
	}
	for key, at := range u.keys {
		used[key] = true
		missing(key, strings.Join(at, ", "))
	}
	listed := make(map[string]bool)
	for _, d := range c.dynamic {
		fixed, at := d.prefix, u.prefixes[d.prefix]
		if d.suffix != "" {
			fixed, at = "…"+d.suffix, u.suffixes[d.suffix]
		}
		listed[fixed] = true
		if len(at) == 0 {
			out = append(out, fmt.Sprintf("dynamicKeys lists %q, but no code builds a key from it", fixed))
			continue
		}
		keys, err := d.keys(c.fsys)
		if err != nil {
			return nil, fmt.Errorf("the values of %q: %v", fixed, err)
		}
		if len(keys) == 0 {
			out = append(out, fmt.Sprintf("dynamicKeys gives no value for %q", fixed))
		}
		for _, k := range keys {
			if !strings.HasPrefix(k, d.prefix) || !strings.HasSuffix(k, d.suffix) {
				out = append(out, fmt.Sprintf("dynamicKeys gives %q for %q", k, fixed))
			}
			used[k] = true
			missing(k, strings.Join(at, ", "))
		}
	}
	for fixed, at := range u.prefixes {
		if !listed[fixed] {
			out = append(out, fmt.Sprintf("%s: a key is built from %q at run time; list it in dynamicKeys with the values it takes", strings.Join(at, ", "), fixed))
		}
	}
	for fixed, at := range u.suffixes {
		if !listed["…"+fixed] {
			out = append(out, fmt.Sprintf("%s: a key is built with %q at its end at run time; list it in dynamicKeys with the values it takes", strings.Join(at, ", "), fixed))
		}
	}
	out = append(out, u.unknown...)
	all := make(map[string]bool)
	for _, texts := range c.texts {
		for k := range texts {
			all[k] = true
		}
	}
	for k := range all {
		if !used[k] {
			out = append(out, fmt.Sprintf("key %q is in the catalogue, but nothing uses it", k))
		}
	}
	slices.Sort(out)
	return out, nil
}

// goFile finds the keys a Go file uses.
func (c keyCheck) goFile(u *uses, parts map[string]bool, name string) error {
	src, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	at := func(n ast.Node) string {
		p := fset.Position(n.Pos())
		return fmt.Sprintf("%s:%d", p.Filename, p.Line)
	}
	// The arguments given to a function that takes a key, and the keys
	// of the catalogue's own map literals, which define keys, not use them.
	keyArg := make(map[ast.Expr]bool)
	skip := make(map[ast.Expr]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			var fn string
			switch x := n.Fun.(type) {
			case *ast.Ident:
				fn = x.Name
			case *ast.SelectorExpr:
				fn = x.Sel.Name
			}
			for _, i := range keyFuncs[fn] {
				if i < len(n.Args) {
					keyArg[n.Args[i]] = true
				}
			}
		case *ast.KeyValueExpr:
			if f.Name.Name == "i18n" {
				skip[n.Key] = true
			}
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op != token.ADD || skip[n] {
				return true
			}
			// A chain "a." + x + "." + y is one key built at run time:
			// its first part, when a literal, is its prefix; its last
			// part, when a literal, is its suffix. Its literals are not
			// keys of their own, but a call in it may take one:
			// " (" + loc.T("cite.as_of", day) + ")".
			ops := flatten(n, skip)
			first, firstOK := stringLit(ops[0])
			last, lastOK := stringLit(ops[len(ops)-1])
			switch {
			case firstOK && prefixShape.MatchString(first) && (keyArg[n] || parts[strings.Split(first, ".")[0]]):
				u.add(u.prefixes, first, at(n))
			case !firstOK && lastOK && keyArg[n] && suffixShape.MatchString(last):
				u.add(u.suffixes, last, at(n))
			}
		case *ast.BasicLit:
			s, ok := stringLit(n)
			if !ok || skip[n] || s == "" {
				return true
			}
			if keyArg[n] || keyShape.MatchString(s) && parts[strings.Split(s, ".")[0]] && !fileLike.MatchString(s) {
				u.add(u.keys, s, at(n))
			}
		}
		return true
	})
	return nil
}

// flatten lists the operands of a chain of +, and marks its parts and
// its literal operands done.
func flatten(e ast.Expr, done map[ast.Expr]bool) []ast.Expr {
	done[e] = true
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		return append(flatten(b.X, done), flatten(b.Y, done)...)
	}
	if p, ok := e.(*ast.ParenExpr); ok {
		return flatten(p.X, done)
	}
	return []ast.Expr{e}
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// templateFile finds the keys a template file asks .T for.
func (c keyCheck) templateFile(u *uses, name string) error {
	src, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		return err
	}
	t, err := template.New(name).Parse(string(src))
	if err != nil {
		return err
	}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		tree := tt.Tree
		at := func(n parse.Node) string {
			loc, _ := tree.ErrorContext(n)
			return loc
		}
		walkTemplate(tree.Root, func(cmd *parse.CommandNode) {
			if len(cmd.Args) == 0 || !callsT(cmd.Args[0]) {
				return
			}
			if len(cmd.Args) < 2 {
				u.unknown = append(u.unknown, at(cmd)+": .T without a key")
				return
			}
			switch k := cmd.Args[1].(type) {
			case *parse.StringNode:
				u.add(u.keys, k.Text, at(k))
				return
			case *parse.PipeNode:
				// (print "kind." $c.Kind)
				if len(k.Cmds) == 1 && len(k.Cmds[0].Args) >= 2 {
					fn, ok1 := k.Cmds[0].Args[0].(*parse.IdentifierNode)
					s, ok2 := k.Cmds[0].Args[1].(*parse.StringNode)
					if ok1 && ok2 && fn.Ident == "print" && prefixShape.MatchString(s.Text) {
						u.add(u.prefixes, s.Text, at(k))
						return
					}
				}
			}
			u.unknown = append(u.unknown, fmt.Sprintf("%s: .T with a key the check cannot read: %s; write the key, or (print \"prefix.\" …) and list the prefix in dynamicKeys", at(cmd), cmd.Args[1]))
		})
	}
	return nil
}

// callsT reports whether a command's function is the method T: .T,
// $.T, $.Page.T, $p.T.
func callsT(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return n.Ident[len(n.Ident)-1] == "T"
	case *parse.VariableNode:
		return len(n.Ident) > 1 && n.Ident[len(n.Ident)-1] == "T"
	case *parse.ChainNode:
		return len(n.Field) > 0 && n.Field[len(n.Field)-1] == "T"
	}
	return false
}

// walkTemplate calls f on every command of a template.
func walkTemplate(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplate(c, f)
		}
	case *parse.ActionNode:
		walkTemplate(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkTemplate(c, f)
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walkTemplate(a, f)
		}
	case *parse.ChainNode:
		walkTemplate(n.Node, f)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walkTemplate(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.CommandNode)) {
	walkTemplate(b.Pipe, f)
	walkTemplate(b.List, f)
	walkTemplate(b.ElseList, f)
}

// The values of keys built at run time are read from the code's own
// lists. Where a list is unexported, it is read from its source.

// prefixed puts prefix before each value and suffix after it.
func prefixed(prefix, suffix string, values func(fs.FS) ([]string, error)) func(fs.FS) ([]string, error) {
	return func(fsys fs.FS) ([]string, error) {
		vs, err := values(fsys)
		var out []string
		for _, v := range vs {
			out = append(out, prefix+v+suffix)
		}
		return out, err
	}
}

// list is a fixed list of values, taken from exported Go values.
func list[S ~string](vs ...S) func(fs.FS) ([]string, error) {
	return func(fs.FS) ([]string, error) {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = string(v)
		}
		return out, nil
	}
}

// readGo parses the non-test Go files of the package in dir and calls
// found for each node.
func readGo(fsys fs.FS, dir string, found func(ast.Node)) error {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool { found(n); return true })
	}
	return nil
}

// stringsVar is the string literals of the package-level variable name
// (var name = []string{"a", "b"}) in the package in dir.
func stringsVar(dir, name string) func(fs.FS) ([]string, error) {
	return func(fsys fs.FS) ([]string, error) {
		var out []string
		err := readGo(fsys, dir, func(n ast.Node) {
			v, ok := n.(*ast.ValueSpec)
			if !ok {
				return
			}
			for i, id := range v.Names {
				if id.Name != name || i >= len(v.Values) {
					continue
				}
				if cl, ok := v.Values[i].(*ast.CompositeLit); ok {
					for _, e := range cl.Elts {
						if s, ok := stringLit(e); ok {
							out = append(out, s)
						}
					}
				}
			}
		})
		if err == nil && len(out) == 0 {
			err = fmt.Errorf("no var %s = []string{…} in %s", name, dir)
		}
		return out, err
	}
}

// callArgs is the string literals given as argument i to the function
// fn in the package in dir.
func callArgs(dir, fn string, i int) func(fs.FS) ([]string, error) {
	return func(fsys fs.FS) ([]string, error) {
		var out []string
		err := readGo(fsys, dir, func(n ast.Node) {
			call, ok := n.(*ast.CallExpr)
			if !ok || i >= len(call.Args) {
				return
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == fn {
				if s, ok := stringLit(call.Args[i]); ok && !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		})
		if err == nil && len(out) == 0 {
			err = fmt.Errorf("no call of %s with a literal argument %d in %s", fn, i, dir)
		}
		return out, err
	}
}

// assigned is the string literals assigned to the variable name in the
// package in dir (key := "a"; key = "b").
func assigned(dir, name string) func(fs.FS) ([]string, error) {
	return func(fsys fs.FS) ([]string, error) {
		var out []string
		err := readGo(fsys, dir, func(n ast.Node) {
			a, ok := n.(*ast.AssignStmt)
			if !ok || len(a.Lhs) != len(a.Rhs) {
				return
			}
			for i, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == name {
					if s, ok := stringLit(a.Rhs[i]); ok {
						out = append(out, s)
					}
				}
			}
		})
		if err == nil && len(out) == 0 {
			err = fmt.Errorf("no string assigned to %s in %s", name, dir)
		}
		return out, err
	}
}

// TestCheckerFinds: the check reports a key the code uses but the
// catalogue lacks, in Go and in a template, a key one language lacks, a
// key nobody uses, a key built at run time that is not listed, a listed
// one no code builds, and a value of a built key the catalogue lacks; it
// does not take a file name for a key.
func TestCheckerFinds(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range map[string]string{
		"internal/fix/fix.go": `package fix

type locale interface{ T(key string, args ...any) string }

func page(loc locale, kind, what string) {
	loc.T("fix.present")
	loc.T("fix.go_missing")
	loc.T("fix.half")
	loc.T("fix.kind." + kind)
	loc.T("fix.built." + what)
	loc.T(what + ".help")
	key := "fix.flowing"
	loc.T(key)
	_ = " (" + loc.T("fix.nested") + ")"
	_ = "fix.html"
}
`,
		"internal/fix/fix_test.go": `package fix

var _ = "fix.only_in_a_test"
`,
		"internal/fix/testdata/x.go": `package x

var _ = "fix.in_testdata"
`,
		"templates/page.html": `{{define "main"}}{{.T "fix.present"}}{{$.Page.T "fix.tpl_missing"}}{{if .X}}{{.T (print "fix.kind." .Kind)}}{{end}}{{.T .Key}}{{end}}`,
	} {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	vi := map[string]string{
		"fix.present": "có", "fix.half": "nửa", "fix.flowing": "chảy", "fix.unused": "thừa",
		"fix.kind.a": "a", "fix.only_in_a_test": "thử", "fix.in_testdata": "thử", "fix.html": "tệp", "fix.nested": "lồng",
	}
	en := map[string]string{
		"fix.present": "here", "fix.half": "", "fix.flowing": "flows", "fix.unused": "spare",
		"fix.kind.a": "a", "fix.only_in_a_test": "test", "fix.in_testdata": "test", "fix.html": "file", "fix.nested": "nested",
	}
	c := keyCheck{fsys: fsys, texts: map[string]map[string]string{"vi": vi, "en": en}, dynamic: []dynamicKey{
		{prefix: "fix.kind.", keys: prefixed("fix.kind.", "", list("a", "b"))},
		{prefix: "fix.gone.", keys: prefixed("fix.gone.", "", list("x"))},
	}}
	got, err := c.run()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`dynamicKeys lists "fix.gone.", but no code builds a key from it`,
		`internal/fix/fix.go:10: a key is built from "fix.built." at run time; list it in dynamicKeys with the values it takes`,
		`internal/fix/fix.go:11: a key is built with ".help" at its end at run time; list it in dynamicKeys with the values it takes`,
		`internal/fix/fix.go:7: key "fix.go_missing" has no text in en, vi`,
		`internal/fix/fix.go:8: key "fix.half" has no text in en`,
		`internal/fix/fix.go:9, templates/page.html:1:82: key "fix.kind.b" has no text in en, vi`,
		`key "fix.html" is in the catalogue, but nothing uses it`,
		`key "fix.in_testdata" is in the catalogue, but nothing uses it`,
		`key "fix.only_in_a_test" is in the catalogue, but nothing uses it`,
		`key "fix.unused" is in the catalogue, but nothing uses it`,
		`templates/page.html:1:117: .T with a key the check cannot read: .Key; write the key, or (print "prefix." …) and list the prefix in dynamicKeys`,
		`templates/page.html:1:48: key "fix.tpl_missing" has no text in en, vi`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// dynamicKeys are the keys the tree builds at run time, with the lists
// their values come from.
func dynamicKeys() []dynamicKey {
	// names are the figure names of the format's registry: render heads
	// a column with col.<name> and a citation names a figure with
	// cite.name.<name>.
	var names []string
	for _, n := range data.Names {
		names = append(names, n.Name)
	}
	// columns are the keys of the columns of every table of the data set.
	columns := func(fs.FS) ([]string, error) {
		var out []string
		for _, s := range export.Sets {
			for _, c := range export.Columns(s) {
				for _, k := range c.Keys() {
					if !slices.Contains(out, k) {
						out = append(out, k)
					}
				}
			}
		}
		return out, nil
	}
	only := func(prefix string, keys func(fs.FS) ([]string, error)) func(fs.FS) ([]string, error) {
		return func(fsys fs.FS) ([]string, error) {
			all, err := keys(fsys)
			return slices.DeleteFunc(all, func(k string) bool { return !strings.HasPrefix(k, prefix) }), err
		}
	}
	return []dynamicKey{
		// i18n: Locale.ApproxWord, the approximations of the format.
		{prefix: "approx.", keys: prefixed("approx.", "", list(data.Over, data.Under, data.About))},
		// render: the data page's title of each table of the data set.
		{prefix: "data.set.", keys: prefixed("data.set.", "", list(export.Sets...))},
		// render: a figure's column head and its name in a citation; a
		// chart's table heads its rows by what each row is (year, date,
		// cell).
		{prefix: "col.", keys: prefixed("col.", "", list(append(names, chartRows()...)...))},
		{prefix: "cite.name.", keys: prefixed("cite.name.", "", list(names...))},
		// chart: the title of each kind of chart.
		{prefix: "chart.title.", keys: prefixed("chart.title.", "", list(data.ChartKindNames()...))},
		// cell.html and referrer.html: the values of kind and ownership
		// the format allows (internal/data checks them).
		{prefix: "kind.", keys: prefixed("kind.", "", stringsVar("internal/data", "cellKinds"))},
		{prefix: "ownership.", keys: prefixed("ownership.", "", stringsVar("internal/data", "ownerships"))},
		{prefix: "referrer.kind.", keys: prefixed("referrer.kind.", "", stringsVar("internal/data", "referrerKinds"))},
		// internal/data: a reference to a record that does not exist, by
		// what refers (refError's what).
		{prefix: "data.ref.unknown.", keys: prefixed("data.ref.unknown.", "", callArgs("internal/data", "refError", 2))},
		{prefix: "data.help.ref.unknown.", keys: prefixed("data.help.ref.unknown.", "", callArgs("internal/data", "refError", 2))},
		// render: the kinds of change of the figure log, and what each
		// means.
		{prefix: "changes.kind.", keys: prefixed("changes.kind.", "", list(site.ChangeKinds...))},
		{prefix: "changes.means.", keys: prefixed("changes.means.", "", list(site.ChangeKinds...))},
		// internal/export: the columns of the data set.
		{prefix: "export.col.", keys: only("export.col.", columns)},
		{prefix: "export.head.", keys: only("export.head.", columns)},
	}
}

// chartRows are what the rows of the kinds of charts are.
func chartRows() []string {
	var out []string
	for _, k := range data.ChartKinds {
		if !slices.Contains(out, k.By) {
			out = append(out, k.By)
		}
	}
	return out
}

// TestCatalogueKeys: the catalogue holds, in every language, each key the
// code and the built-in templates use, and nothing else.
func TestCatalogueKeys(t *testing.T) {
	texts := make(map[string]map[string]string)
	for _, l := range i18n.Langs {
		texts[string(l)] = i18n.Texts(l)
	}
	c := keyCheck{fsys: os.DirFS("../.."), texts: texts, dynamic: dynamicKeys()}
	findings, err := c.run()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Error(f)
	}
}
