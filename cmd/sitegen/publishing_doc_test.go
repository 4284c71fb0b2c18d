package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docs/publishing.md is what an intranet admin follows, so every
// command of it that runs sitegen is run here, in the order of the doc,
// as the admin would: on the sample site in a git repository, with the
// doc's folders (/srv/src/bao-cao, /srv/www/bao-cao, …) made in a
// temporary folder. Before each publish the data get a new commit, as
// after a push (before -allow-dirty, a change not committed). Each must
// exit 0 and say what it did. A ```sh block whose commands cannot run
// here follows a line
//
//	<!-- not run by the tests: why -->
//
// and the test checks that every such block says why.
const publishingDoc = "../../docs/publishing.md"

// docCommand is one line of a ```sh block that runs sitegen.
type docCommand struct {
	line int
	env  []string // NAME=value before the command
	args []string // after the program's name
}

var (
	notRunMarker = regexp.MustCompile(`^<!-- not run by the tests: \S.* -->$`)
	shFence      = regexp.MustCompile("^\\s*```([a-z]*)\\s*$")
)

// docCommands reads the commands that run sitegen in the ```sh blocks of
// doc, and the lines of those in blocks marked as not run.
func docCommands(t *testing.T, doc string) (run []docCommand, notRun []int) {
	t.Helper()
	lines := strings.Split(doc, "\n")
	inBlock, lang, skip := false, "", false
	for i, l := range lines {
		if m := shFence.FindStringSubmatch(l); m != nil {
			if !inBlock {
				lang = m[1]
				skip = i > 0 && notRunMarker.MatchString(strings.TrimSpace(lines[i-1]))
			}
			inBlock = !inBlock
			continue
		}
		if !inBlock || lang != "sh" {
			continue
		}
		text, _, _ := strings.Cut(l, "#")
		words := strings.Fields(text)
		var c docCommand
		c.line = i + 1
		for len(words) > 0 && regexp.MustCompile(`^[A-Z_]+=`).MatchString(words[0]) {
			c.env, words = append(c.env, words[0]), words[1:]
		}
		switch {
		case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/sitegen":
			c.args = words[3:]
		case len(words) > 0 && path.Base(words[0]) == "sitegen":
			c.args = words[1:]
		case !strings.Contains(text, "sitegen ") || len(words) >= 2 && words[0] == "go" && words[1] == "build":
			continue // not a command that runs sitegen
		default:
			if !skip {
				t.Errorf("%s:%d: %q runs sitegen in a way this test cannot: mark its block <!-- not run by the tests: why -->", publishingDoc, i+1, strings.TrimSpace(l))
			}
			notRun = append(notRun, i+1)
			continue
		}
		if skip {
			notRun = append(notRun, i+1)
			continue
		}
		run = append(run, c)
	}
	return run, notRun
}

// TestPublishingDocCommands runs the commands of docs/publishing.md.
func TestPublishingDocCommands(t *testing.T) {
	doc, err := os.ReadFile(publishingDoc)
	if err != nil {
		t.Fatal(err)
	}
	commands, notRun := docCommands(t, string(doc))
	s := newRepoSite(t)
	root := t.TempDir() // the server's /
	// Where the doc names the site folder; any other absolute path is
	// under root.
	siteNames := map[string]bool{"/srv/src/bao-cao": true, "/path/to/site": true}
	mapPath := func(arg string) string {
		if siteNames[arg] {
			return s.dir
		}
		if strings.HasPrefix(arg, "/") {
			return filepath.Join(root, filepath.FromSlash(arg))
		}
		return arg
	}
	t.Chdir(s.dir) // "from the site folder"
	admitted := 17
	push := func(commit bool) {
		s.edit("data/2017.toml", fmt.Sprintf("admitted = %d", admitted), fmt.Sprintf("admitted = %d", admitted+1))
		admitted++
		if commit {
			s.commit()
		}
	}
	seen := map[string]bool{}
	for _, c := range commands {
		args := make([]string, len(c.args))
		for i, a := range c.args {
			args[i] = mapPath(a)
		}
		for _, e := range c.env {
			k, v, _ := strings.Cut(e, "=")
			t.Setenv(k, v)
		}
		want := "đã dựng "
		if len(args) > 0 && args[0] == "publish" {
			want = "đã công bố bản "
			for _, a := range args {
				seen[a] = true
			}
			switch {
			case slices.Contains(args, "-rollback"):
				want = "đã quay lại bản "
			case slices.Contains(args, "-allow-dirty"):
				push(false)
			default:
				push(true)
			}
		}
		code, stdout, stderr := sitegen(args...)
		if code != 0 || !strings.Contains("\n"+stdout, "\n"+want) {
			t.Errorf("%s:%d: sitegen %s: exit %d, stdout %q, stderr %q; want exit 0 and %q…", publishingDoc, c.line, strings.Join(c.args, " "), code, stdout, stderr, want)
		}
		if slices.Contains(args, "-allow-dirty") {
			s.commit() // the admin commits the change after all
		}
	}
	// The doc shows each way of publishing, and this test ran them.
	for _, flag := range []string{"publish", "-to", "-keep", "-rollback", "-allow-dirty"} {
		if !seen[flag] {
			t.Errorf("%s: no command run uses sitegen publish %s", publishingDoc, flag)
		}
	}
	if len(commands) < 10 {
		t.Errorf("%d commands of %s run, want every one (%d not run, at lines %v)", len(commands), publishingDoc, len(notRun), notRun)
	}
	// What the web server serves is the last release published.
	if _, err := os.Stat(filepath.Join(root, "srv", "www", "bao-cao", "current", "index.html")); err != nil {
		t.Errorf("after the doc's commands, /srv/www/bao-cao/current/index.html: %v", err)
	}
}
