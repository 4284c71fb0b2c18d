// Command sitegen builds a static report site from data/ and content/.
//
// Usage:
//
//	sitegen check [-src DIR]
//	sitegen build [-src DIR] [-out DIR]
//	sitegen help
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"sitegen/internal/build"
)

const usage = `sitegen builds a static report site from data/ (TOML) and content/ (Markdown).

Usage:
  sitegen check [-src DIR]             check data/ and content/ and print every problem
  sitegen build [-src DIR] [-out DIR]  check, then write the site to DIR/public (or -out)
  sitegen help                         print this text

Exit status: 0 when there is no error (warnings allowed), 1 when there are
errors, 2 on wrong usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

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
	case "check":
		err = check(rest, stdout, stderr)
	case "build":
		err = buildSite(rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "sitegen: unknown command %q\n\n%s", cmd, usage)
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

func check(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	src := fs.String("src", ".", "site folder holding data/ and content/")
	if err := parse(fs, args); err != nil {
		return err
	}
	_, diags := build.Check(os.DirFS(*src), displayPath(*src))
	for _, d := range diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if diags.HasErrors() {
		return errors.New("")
	}
	return nil
}

func buildSite(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	src := fs.String("src", ".", "site folder holding data/ and content/")
	out := fs.String("out", "", "output folder (default: SRC/public)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}
	// The memory limit is a decision for the process, so it is made here
	// and not in build.Build (see memoryLimit).
	if os.Getenv("GOMEMLIMIT") == "" && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit))
	}
	res, diags, err := build.Build(*src, *out, build.Options{Prefix: displayPath(*src), Log: stderr})
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
// without a limit, 28 s and 520 MB. It is soft: past it the runtime goes
// on collecting at a bounded cost rather than failing. The limit before
// the build is put back after it.
const memoryLimit = 400 << 20
