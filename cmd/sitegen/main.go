// Command sitegen builds a static report site from data/ and content/.
//
// Usage:
//
//	sitegen new [-lang vi|en] DIR
//	sitegen check [-src DIR]
//	sitegen build [-src DIR] [-out DIR] [-force] [-gzip] [-no-images] [-fresh]
//	sitegen serve [-src DIR] [-addr 127.0.0.1:1313] [-base /sub/path/] [-poll]
//	sitegen publish -to DIR [-src DIR] [-keep N] [-allow-dirty] [-gzip] [-no-images] [-fresh]
//	sitegen publish -to DIR -rollback [-src DIR]
//	sitegen import FILE.xlsx|FILE.csv -kind KIND [-sheet NAME] [-year Y] [-map FILE] [-src DIR] [-dry-run]
//	sitegen help
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"syscall"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/data"
	"sitegen/internal/diag"
	"sitegen/internal/form"
	"sitegen/internal/i18n"
	"sitegen/internal/par"
	"sitegen/internal/publish"
	"sitegen/internal/scaffold"
	"sitegen/internal/serve"
	"sitegen/internal/sitefs"
)

const usage = `sitegen builds a static report site from data/ (TOML) and content/ (Markdown).

Usage:
  sitegen new [-lang vi|en] DIR        write a small sample site into DIR, a new or empty folder
  sitegen check [-src DIR]             check data/ and content/ and print every problem
  sitegen build [-src DIR] [-out DIR] [-force] [-gzip] [-no-images] [-fresh]
                                       check, then write the site to DIR/public (or -out)
  sitegen serve [-src DIR] [-addr 127.0.0.1:1313] [-base /sub/path/] [-poll]
                                       preview the site at http://127.0.0.1:1313/: every page
                                       reloads when a file of data/, content/ or templates/
                                       is saved, and shows the messages of a failed build
  sitegen publish -to DIR [-src DIR] [-keep N] [-allow-dirty] [-gzip] [-no-images] [-fresh]
                                       check, build a new release into DIR/releases/, switch
                                       DIR/current to it (serve DIR/current), keep N releases (5)
  sitegen publish -to DIR -rollback [-src DIR]
                                       switch DIR/current back to the release before it
  sitegen import FILE.xlsx|FILE.csv -kind admission|membership|target|referral|cell
                 [-sheet NAME] [-year Y] [-map FILE] [-src DIR] [-dry-run]
                                       read a report form into data/FORM-KIND-YEAR.toml (re-importing
                                       overwrites it), checked as check does, every message at its
                                       cell; -dry-run prints the change and writes nothing
  sitegen help                         print this text

Exit status: 0 when there is no error (warnings allowed), 1 when there are
errors, 2 on wrong usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands are the commands of the command line, for "did you mean".
var commands = []string{"new", "check", "build", "serve", "publish", "import", "help"}

// errUsage marks a mistake on the command line (exit status 2).
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "new":
		err = newSite(rest, stdout, stderr)
	case "check":
		err = recovered(func() error { return check(rest, stdout, stderr) })
	case "build":
		err = recovered(func() error { return buildSite(rest, stdout, stderr) })
	case "serve":
		err = recovered(func() error { return serveSite(rest, stdout, stderr) })
	case "publish":
		err = recovered(func() error { return publishSite(rest, stdout, stderr) })
	case "import":
		err = recovered(func() error { return importForm(rest, stdout, stderr) })
	default:
		msg := fmt.Sprintf("sitegen: unknown command %q", cmd)
		if s := data.Suggest(cmd, commands); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		fmt.Fprintf(stderr, "%s\n\n%s", msg, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return 2
	default:
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, msg)
		}
		return 1
	}
}

// testHook, when set, runs inside every command: tests fake a panic
// with it.
var testHook func()

// recovered runs a command and turns a panic of it (raised again from
// any worker goroutine by internal/par) into an error of one line: a
// reader of the output must never see a Go stack trace, and a maintainer
// needs to know what and where. The site's language is not known here,
// so it says so in Vietnamese and in English.
func recovered(command func() error) (err error) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		stack := debug.Stack()
		if p, ok := v.(*par.Panic); ok {
			v, stack = p.Value, p.Stack
		}
		err = fmt.Errorf("sitegen: %s / %s: %v (%s)", i18n.New(i18n.VI).T("internal.error"), i18n.New(i18n.EN).T("internal.error"), v, panicSite(stack))
	}()
	if testHook != nil {
		testHook()
	}
	return command()
}

// panicSite is where a panic happened, from a stack as debug.Stack
// writes it: the file and line of the first function below the last
// panic that is not the runtime's, as "internal/data/load.go:150".
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	from := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			from = i + 2
		}
	}
	// Below the goroutine's header, a frame is two lines: the function
	// ("sitegen/internal/data.(*loader).readFile(...)"), then its file
	// and line ("\t/src/internal/data/load.go:150 +0x1d").
	for i := from; i+1 < len(lines); i += 2 {
		fn := lines[i]
		if strings.HasPrefix(fn, "runtime.") || !strings.HasPrefix(lines[i+1], "\t") {
			continue
		}
		slash := strings.LastIndex(fn, "/") + 1
		pkg := fn[:slash+strings.Index(fn[slash:]+".", ".")]
		switch {
		case pkg == "main":
			pkg = "cmd/sitegen"
		case strings.HasPrefix(pkg, "sitegen/"):
			pkg = strings.TrimPrefix(pkg, "sitegen/")
		}
		file, _, _ := strings.Cut(strings.TrimSpace(lines[i+1]), " ")
		return pkg + "/" + path.Base(filepath.ToSlash(file))
	}
	return "?"
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("sitegen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}

func newSite(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	lang := fs.String("lang", string(i18n.VI), "the language of the site and of its comments: "+langList(scaffold.Langs(), " or "))
	// The folder may come before the flags as well as after them:
	// sitegen new my-site -lang en.
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "sitegen new: name the folder of the new site\n\n%s", usage)
		return errUsage
	}
	dir := fs.Arg(0)
	if err := parse(fs, fs.Args()[1:]); err != nil {
		return err
	}
	l := i18n.Lang(*lang)
	if !slices.Contains(scaffold.Langs(), l) {
		// Said in the default language: the one asked for has no words.
		loc := i18n.New(i18n.VI)
		fmt.Fprintf(stderr, "sitegen new: %s; %s\n", loc.T("new.lang", *lang), loc.T("new.lang.help", langList(scaffold.Langs(), ", ")))
		return errUsage
	}
	src := displayPath(dir)
	if src == "" {
		src = "."
	}
	if err := scaffold.Write(dir, src, l); err != nil {
		if _, ok := err.(*diag.Diagnostic); ok {
			return err
		}
		return fmt.Errorf("sitegen new: %w", err)
	}
	loc := i18n.New(l)
	fmt.Fprintln(stdout, loc.T("new.done", displayDir(dir)))
	fmt.Fprintln(stdout, loc.T("new.next", src, displayDir(filepath.Join(dir, "public"))+"index.html"))
	return nil
}

// langList joins language codes for a message: "vi, en".
func langList(langs []i18n.Lang, sep string) string {
	s := make([]string, len(langs))
	for i, l := range langs {
		s[i] = string(l)
	}
	return strings.Join(s, sep)
}

func check(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	src := fs.String("src", ".", "site folder holding data/ and content/")
	if err := parse(fs, args); err != nil {
		return err
	}
	_, diags := build.Check(sitefs.New(*src), displayPath(*src))
	for _, d := range diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if diags.HasErrors() {
		return errors.New("")
	}
	return nil
}

const noImagesUsage = "leave out the SVG image of every chart (du-lieu/*.svg), which pages link and print"

const freshUsage = "reuse nothing the previous build left in OUT/.sitegen (the figure log's cache, the articles as parsed, the pages, downloads and workbooks it made): parse every article and make every file afresh"

func buildSite(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	src := fs.String("src", ".", "site folder holding data/ and content/")
	out := fs.String("out", "", "output folder (default: SRC/public)")
	force := fs.Bool("force", false, "replace the output folder even if it holds files no build of sitegen wrote (look at it first)")
	gz := fs.Bool("gzip", false, gzipUsage)
	noImages := fs.Bool("no-images", false, noImagesUsage)
	fresh := fs.Bool("fresh", false, freshUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}
	defer limitMemory(buildHeadroom)()
	res, diags, err := build.Build(*src, *out, build.Options{Prefix: displayPath(*src), Log: stderr, Force: *force, Gzip: *gz, NoImages: *noImages, Fresh: *fresh})
	for _, d := range diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if err != nil {
		return fmt.Errorf("sitegen build: %w", err)
	}
	if diags.HasErrors() {
		return errors.New("")
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stdout, n)
	}
	fmt.Fprintln(stdout, res.Locale.T("build.done", res.Pages, displayDir(*out), res.Locale.Seconds(res.Duration)))
	return nil
}

func serveSite(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	src := fs.String("src", ".", "site folder holding data/ and content/")
	addr := fs.String("addr", serve.DefaultAddr, "address to listen on; any but a loopback address lets other machines open the preview")
	base := fs.String("base", "/", "sub-path to serve the site under, as the intranet server does: /sub/path/")
	poll := fs.Bool("poll", false, "look at the files every half second instead of waiting for the system to tell of changes (shared drives)")
	if err := parse(fs, args); err != nil {
		return err
	}
	// Ctrl-C stops serving; a second one, while serve stops, ends it
	// at once (once stop is called, the signal does what it did).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	// A rebuild is a build, with the site being served held beside it:
	// the same limit keeps serve near a build's memory, and a smaller
	// headroom above the two sites' live heap keeps it within twice a
	// build's peak.
	defer limitMemory(serveHeadroom)()
	s := serve.New(serve.Options{Src: *src, Prefix: displayPath(*src), Base: *base, Log: stderr})
	// Watching starts before the first build, so that a save during it
	// (seconds on a large site) makes one more.
	var (
		w   serve.Watcher
		err error
	)
	if *poll {
		w = serve.Poll(*src, serve.DefaultPoll)
	} else if w, err = serve.Watch(*src, func(err error) { fmt.Fprintln(stderr, s.Locale().T("serve.watch.error", err)) }); err != nil {
		return fmt.Errorf("sitegen serve: %s", s.Locale().T("serve.watch.error", err))
	}
	// The first build comes before the port: its messages, and the
	// port's, are said in the site's language.
	s.Rebuild()
	loc := s.Locale()
	l, err := serve.Listen(*addr, loc)
	if err != nil {
		w.Close()
		return fmt.Errorf("sitegen serve: %w", err)
	}
	if serve.Exposed(*addr) {
		fmt.Fprintln(stderr, loc.T("serve.exposed", *addr))
	}
	if *poll {
		fmt.Fprintln(stdout, loc.T("serve.polling", loc.Seconds(serve.DefaultPoll)))
	} else {
		fmt.Fprintln(stdout, loc.T("serve.watching"))
	}
	fmt.Fprintln(stdout, loc.T("serve.listening", displayDir(*src), serve.URL(l.Addr(), *base)))
	err = s.Run(ctx, l, w)
	fmt.Fprintln(stdout, loc.T("serve.stopped"))
	return err
}

const gzipUsage = "also write each page, stylesheet, script and download compressed, as FILE.gz, for nginx's gzip_static"

func importForm(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	src := fs.String("src", ".", "site folder holding data/")
	kind := fs.String("kind", "", "the kind of record each row is: "+strings.Join(form.KindNames(), ", "))
	sheet := fs.String("sheet", "", "the sheet to read (default: the first, visible ones first, with a header of the kind)")
	year := fs.Int("year", 0, "the year of every row that has no year column")
	mapping := fs.String("map", "", "a TOML file naming the form's own headers: [columns] \"header\" = \"key\"")
	dry := fs.Bool("dry-run", false, "print what would change in data/, and write nothing")
	// The form may come before the flags as well as after them.
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "sitegen import: name the form to import, a .xlsx or .csv file\n\n%s", usage)
		return errUsage
	}
	file := fs.Arg(0)
	if err := parse(fs, fs.Args()[1:]); err != nil {
		return err
	}
	if _, ok := form.LookupKind(*kind); !ok {
		msg := "sitegen import: -kind is needed"
		if *kind != "" {
			msg = fmt.Sprintf("sitegen import: unknown -kind %q", *kind)
			if s := data.Suggest(*kind, form.KindNames()); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
		fmt.Fprintf(stderr, "%s (%s)\n", msg, strings.Join(form.KindNames(), ", "))
		return errUsage
	}
	res, diags, err := form.Import(form.Options{Src: *src, Prefix: displayPath(*src), Form: file, FormName: displayPath(file),
		Kind: *kind, Sheet: *sheet, Year: *year, Map: *mapping, DryRun: *dry})
	for _, d := range diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if err != nil {
		return fmt.Errorf("sitegen import: %w", err)
	}
	if diags.HasErrors() {
		return errors.New("")
	}
	loc := res.Locale
	if res.Sheet != "" {
		fmt.Fprintln(stdout, loc.T("import.sheet", res.Sheet))
	}
	switch {
	case *dry && res.Changed:
		fmt.Fprintln(stdout, loc.T("import.dry_run", res.Records, res.Path))
		fmt.Fprint(stdout, res.Diff)
	case *dry:
		fmt.Fprintln(stdout, loc.T("import.dry_run.same", res.Path, res.Records))
	case res.Changed:
		fmt.Fprintln(stdout, loc.T("import.wrote", res.Records, res.Path))
	default:
		fmt.Fprintln(stdout, loc.T("import.unchanged", res.Path, res.Records))
	}
	return nil
}

func publishSite(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("publish", stderr)
	src := fs.String("src", ".", "site folder holding data/ and content/")
	to := fs.String("to", "", "publish folder: the releases go to DIR/releases/, the web server serves DIR/current (required)")
	keep := fs.Int("keep", build.DefaultKeep, "how many releases to keep, the newest; the one DIR/current leads to is always kept")
	rollback := fs.Bool("rollback", false, "switch DIR/current back to the release before it; builds nothing")
	allowDirty := fs.Bool("allow-dirty", false, "publish data/ even with changes not committed to git")
	gz := fs.Bool("gzip", false, gzipUsage)
	noImages := fs.Bool("no-images", false, noImagesUsage)
	fresh := fs.Bool("fresh", false, freshUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" {
		fmt.Fprintf(stderr, "sitegen publish: name the publish folder with -to DIR\n\n%s", usage)
		return errUsage
	}
	if *keep < 1 {
		fmt.Fprintf(stderr, "sitegen publish: -keep %d: keep at least the release being published (-keep 1)\n", *keep)
		return errUsage
	}
	opts := build.Options{Prefix: displayPath(*src), Log: stderr, Gzip: *gz, NoImages: *noImages, Fresh: *fresh}
	if *rollback {
		res, err := build.Rollback(*src, *to, opts)
		if err != nil {
			return fmt.Errorf("sitegen publish: %w", err)
		}
		fmt.Fprintln(stdout, res.Locale.T("publish.rollback.done", res.Release, res.From, res.Link))
		return nil
	}
	defer limitMemory(buildHeadroom)()
	res, diags, err := build.Publish(*src, *to, build.PublishOptions{Options: opts, Keep: *keep, AllowDirty: *allowDirty})
	for _, d := range diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if res.Locale != nil {
		// What was pruned is said even when pruning failed half-way.
		defer reportPruned(res, stdout, stderr)
	}
	if err != nil {
		return fmt.Errorf("sitegen publish: %w", err)
	}
	if diags.HasErrors() {
		return errors.New("")
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stdout, n)
	}
	loc := res.Locale
	if res.Unchanged {
		fmt.Fprintln(stdout, loc.T("publish.unchanged", res.Release, res.Link))
		return nil
	}
	fmt.Fprintln(stdout, loc.T("publish.done", res.Release, res.Pages, loc.Seconds(res.Duration), res.Link))
	return nil
}

// reportPruned says which old releases a publish removed (on stdout),
// and which it left as they hold files sitegen did not write (on
// stderr, for the admin to look at).
func reportPruned(res build.Published, stdout, stderr io.Writer) {
	loc := res.Locale
	if len(res.Removed) > 0 {
		fmt.Fprintln(stdout, loc.T("publish.pruned", len(res.Removed), strings.Join(res.Removed, ", ")))
	}
	for _, l := range res.Left {
		dir := filepath.Join(filepath.Dir(res.Link), publish.ReleasesDir, l.Name)
		if l.What == "" {
			fmt.Fprintln(stderr, loc.T("publish.prune.no-manifest", dir, publish.ManifestName))
		} else {
			fmt.Fprintln(stderr, loc.T("publish.prune.stray", dir, l.What))
		}
	}
}

// Headroom is how far above the live heap followLiveHeap raises the
// soft memory limit, as a fraction of the live heap.
type headroom struct{ num, den int64 }

var (
	buildHeadroom = headroom{1, 2}
	serveHeadroom = headroom{1, 4}
)

// limitMemory sets the soft memory limit of a build or serve (see memoryLimit),
// unless GOMEMLIMIT or the program set one, and returns what puts the
// limit back. The limit is a decision for the process, so it is made
// here and not in the build package.
func limitMemory(room headroom) (restore func()) {
	if os.Getenv("GOMEMLIMIT") == "" && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		prev := debug.SetMemoryLimit(memoryLimit)
		stop := followLiveHeap(memoryLimit, room, 50*time.Millisecond)
		return func() {
			stop()
			debug.SetMemoryLimit(prev)
		}
	}
	return func() {}
}

// followLiveHeap raises the soft memory limit, from limit, to the live
// heap and room of it again whenever the live heap comes near it,
// looking every period, until stop is called. A limit below the live
// heap makes the collector run without pause, taking up to half the
// CPU: a site larger than the one memoryLimit was measured on would
// build at half speed rather than use the memory it needs.
func followLiveHeap(limit int64, room headroom, period time.Duration) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(period)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
			}
			metrics.Read(live)
			if live[0].Value.Kind() != metrics.KindUint64 {
				return // a runtime without the metric: the limit stays
			}
			n := int64(live[0].Value.Uint64())
			if want := n + n*room.num/room.den; want > limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}

// displayDir is displayPath of a folder, with a trailing slash so that it
// reads as one: "public/".
func displayDir(dir string) string {
	p := displayPath(dir)
	if p == "" {
		return "./"
	}
	return strings.TrimSuffix(p, "/") + "/"
}

// displayPath is how the user would type dir: relative to the working
// directory when it is below it, otherwise as given.
func displayPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return dir
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return dir
	}
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// memoryLimit is the soft memory limit of a build when neither
// GOMEMLIMIT nor the program set one: it keeps a build's memory bounded
// on the 2-core machines that also serve the site, where the collector
// would otherwise let the heap grow to twice its live size. A large site
// (2,000 cells, 10 years, 10,000 articles) keeps about 215 MiB live at
// its peak since every count an article cited, and every earlier count
// of a year, is kept for the cells' pages. Measured on that site (2
// cores, 29/11/2026): at 280 MiB the collector ran almost without pause
// (user 37-40 s); at 400 MiB, user 26 s and a peak RSS of 416 MB;
// without a limit, 28 s and 520 MB. It is soft, and raised when the live
// heap nears it (see followLiveHeap). The limit before the build is put
// back after it.
const memoryLimit = 400 << 20
