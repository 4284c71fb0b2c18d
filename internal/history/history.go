// Package history reads the site's own git history and makes the log of
// its published figures: for each commit of the first-parent history
// that changed data/, the figures the pages published before and after
// it, keyed by their permanent links, each change told apart as new,
// update, correction or withdrawn (site.Log).
//
// A raw diff of the TOML is not a diff of the figures: a commit may
// change a record and no figure, and one record may change a dozen
// totals. So each version of data/ goes through the real pipeline: data
// is loaded and checked as the build does (a version that fails is "not
// published"), the model made, and its anchored figures compared.
//
// Git is read with the git command: one `git log` for the commits and
// one `git cat-file --batch-command` for every tree and blob (see
// docs/performance.md for why not go-git). What a build computed is kept
// in a cache (see Cache), so that the next build reads only new commits.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"strings"
	"testing/fstest"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/site"
	"sitegen/internal/version"
)

// Why there is no log: keys of the i18n catalogue.
const (
	// MissingShallow: a shallow clone holds only the last commits, so
	// the log would start with every figure "new": none is made.
	MissingShallow = "history.missing.shallow"
	// MissingNoGit: no git command, or the site folder is in no
	// repository.
	MissingNoGit = "history.missing.no-git"
	// MissingFailed: git could not read the repository.
	MissingFailed = "history.missing.failed"
)

// commit is one commit of the first-parent history: what the log shows
// of it, and the tree of its data/ ("" for none). A commit never
// changes, so the cache keeps it.
type commit struct {
	Hash            string
	Date            time.Time
	Subject, Reason string
	Tree            string
}

// Read makes the log of the site in folder src from its git history,
// using and updating the cache c (nil for none). It returns a log with
// Missing set, and no entries, when the history cannot be read whole.
func Read(src string, c *Cache) *site.Log {
	if c == nil {
		c = NewCache()
	}
	c.begin()
	prefix, missing := where(src)
	if missing != "" {
		return &site.Log{Missing: missing}
	}
	hashes, err := firstParents(src)
	if err != nil {
		return &site.Log{Missing: MissingFailed}
	}
	if len(hashes) == 0 {
		return &site.Log{}
	}
	objs, err := openObjects(src)
	if err != nil {
		return &site.Log{Missing: missingOf(err)}
	}
	defer objs.close()
	commits, err := c.commits(hashes, prefix, func(hashes []string) ([]commit, error) { return readCommits(src, objs, prefix, hashes) })
	if err != nil {
		return &site.Log{Missing: MissingFailed}
	}
	log, err := walk(objs, commits, c)
	if err != nil {
		return &site.Log{Missing: MissingFailed}
	}
	return log
}

// where says where the site folder src is in its repository: the prefix
// of its data/ ("" at the top, "site/" for sitegen -src site), or why the
// history cannot be read.
func where(src string) (prefix, missing string) {
	out, err := version.Git(src, "rev-parse", "--is-shallow-repository", "--show-prefix").Output()
	if err != nil {
		return "", missingOf(err)
	}
	lines := strings.Split(string(out), "\n")
	if strings.TrimSpace(lines[0]) == "true" {
		return "", MissingShallow
	}
	if len(lines) > 1 {
		prefix = strings.TrimSpace(lines[1])
	}
	return prefix, ""
}

func missingOf(err error) string {
	var exit *exec.ExitError
	if errors.Is(err, exec.ErrNotFound) || errors.As(err, &exit) && strings.Contains(string(exit.Stderr), "not a git repository") {
		return MissingNoGit
	}
	return MissingFailed
}

// firstParents lists the first-parent history of HEAD, oldest first.
func firstParents(src string) ([]string, error) {
	out, err := version.Git(src, "rev-list", "--first-parent", "--reverse", "HEAD").Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && bytes.Contains(exit.Stderr, []byte("unknown revision")) {
			return nil, nil // no commit yet
		}
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

// readCommits reads what the log shows of the commits hashes (their
// date and message: one git log) and the tree of data/ in each (one
// round trip to cat-file), in the order given.
func readCommits(src string, objs *objects, prefix string, hashes []string) ([]commit, error) {
	cmd := version.Git(src, "log", "--no-walk=unsorted", "--stdin", "-z", "--format=%H%x1f%cI%x1f%B")
	cmd.Stdin = strings.NewReader(strings.Join(hashes, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	byHash := make(map[string]commit, len(hashes))
	for rec := range bytes.SplitSeq(bytes.TrimSuffix(out, []byte{0}), []byte{0}) {
		f := strings.SplitN(string(rec), "\x1f", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("git log: %q", rec)
		}
		date, err := time.Parse(time.RFC3339, f[1])
		if err != nil {
			return nil, err
		}
		subject, reason := message(f[2])
		hash := strings.TrimSpace(f[0])
		byHash[hash] = commit{Hash: hash, Date: date, Subject: subject, Reason: reason}
	}
	names := make([]string, len(hashes))
	for i, h := range hashes {
		names[i] = h + ":" + path.Join(prefix, "data")
	}
	trees, err := objs.ids(names)
	if err != nil {
		return nil, err
	}
	commits := make([]commit, len(hashes))
	for i, h := range hashes {
		c, ok := byHash[h]
		if !ok {
			return nil, fmt.Errorf("git log: no commit %s", h)
		}
		c.Tree = trees[i]
		commits[i] = c
	}
	return commits, nil
}

// message reads a commit message: its first line, and the reason a
// "Lý do:" or "Reason:" line gives (a trailer, as git writes them, or a
// line of the body).
func message(m string) (subject, reason string) {
	lines := strings.Split(strings.TrimSpace(m), "\n")
	subject = strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		for _, key := range []string{"Lý do:", "Reason:"} {
			if r, ok := strings.CutPrefix(strings.TrimSpace(l), key); ok {
				reason = strings.TrimSpace(r)
			}
		}
	}
	return subject, reason
}

// walk goes through the commits, oldest first, and makes an entry for
// each that changed the published figures or did not pass check.
func walk(objs *objects, commits []commit, c *Cache) (*site.Log, error) {
	var (
		log       = &site.Log{}
		lastTree  string          // data/'s tree in the commit before
		published string          // the tree of the last version that passed check
		entries   []*site.Entry   // oldest first
		steps     [][]site.Change // of each version, for Figures
		dc        = new(data.Decoded)
	)
	// The figures of the version published last are needed only to
	// compute a step the cache does not hold: then they are the cache's
	// last version when it is that one, else the steps replayed.
	figuresOf := func() []site.Anchored {
		if f, ok := c.figuresOf(published); ok {
			return f
		}
		var figures []site.Anchored
		for _, s := range steps {
			figures = apply(figures, s)
		}
		c.setLast(published, figures)
		return figures
	}
	for _, cm := range commits {
		tree := cm.Tree
		if tree == lastTree {
			continue
		}
		lastTree = tree
		step, err := c.step(published, tree, func() (*step, error) {
			s, err := load(objs, tree, dc)
			if err != nil || s.Refused {
				return &step{Refused: true}, err
			}
			changes := diff(figuresOf(), s.Figures)
			c.setLast(tree, s.Figures)
			return &step{Changes: changes}, nil
		})
		if err != nil {
			return nil, err
		}
		entry := &site.Entry{Commit: cm.Hash, Date: cm.Date, Subject: cm.Subject, Reason: cm.Reason}
		if step.Refused {
			entry.Refused = true
			entries = append(entries, entry)
			continue
		}
		published = tree
		if len(step.Changes) > 0 {
			entry.Changes = step.Changes
			entries = append(entries, entry)
		}
		log.Versions = append(log.Versions, site.Version{ID: cm.Hash[:min(len(cm.Hash), 12)], Date: cm.Date})
		steps = append(steps, step.Changes)
	}
	// The cache keeps the figures of the last version, for the step of
	// the next commit.
	figuresOf()
	for i := len(entries) - 1; i >= 0; i-- {
		log.Entries = append(log.Entries, entries[i])
	}
	versions := log.Versions
	log.Figures = func(yield func(site.Version, []site.Anchored) bool) {
		var figures []site.Anchored
		for i, v := range versions {
			figures = apply(figures, steps[i])
			if !yield(v, figures) {
				return
			}
		}
	}
	return log, nil
}

// load reads the data/ tree from git and runs it through the pipeline:
// loaded and checked as the build does, the model made, its anchored
// figures listed. An empty tree (no data/ yet) publishes nothing. dc
// keeps the files decoded for the next version.
func load(objs *objects, tree string, dc *data.Decoded) (*snapshot, error) {
	if tree == "" {
		return &snapshot{}, nil
	}
	files := make(map[string][]byte)
	if err := objs.tomlFiles(tree, "data", files); err != nil {
		return nil, err
	}
	objs.forget()
	fsys := make(fstest.MapFS, len(files))
	for p, b := range files {
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	d, diags := data.LoadWith(fsys, "", dc)
	dc.Forget()
	if diags.HasErrors() {
		return &snapshot{Refused: true}, nil
	}
	s := &snapshot{}
	for _, a := range site.New(d, nil).Anchored() {
		s.Figures = append(s.Figures, figureOf(a))
	}
	return s, nil
}
