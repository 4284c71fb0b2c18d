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
// Git is read with the git command: one `git cat-file --batch-command`
// for every tree and blob, and for the commits a cache does not know yet
// (one `git log` lists a longer history); see docs/performance.md for why
// not go-git. What a build computed is kept in a cache (see Cache), so
// that the next build reads only new commits.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"slices"
	"strings"
	"time"

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
// of it, its first parent, and the tree of its data/ ("" for none). A
// commit never changes, so the cache keeps it.
type commit struct {
	Hash, Parent    string
	Date            time.Time
	Committed       string // Date as git writes it (%cI), as the cache keeps it
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
	objs, err := openObjects(src)
	if err != nil {
		return &site.Log{Missing: missingOf(err)}
	}
	defer objs.close()
	commits, err := firstParents(src, objs, prefix, c)
	if err != nil {
		return &site.Log{Missing: MissingFailed}
	}
	if len(commits) == 0 {
		return &site.Log{}
	}
	log, err := walk(objs, commits, prefix, c)
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

// walkBack is how many new commits are read one by one, from HEAD back
// to one the cache knows; a longer history is listed by one git log.
const walkBack = 50

// firstParents lists the first-parent history of HEAD, oldest first,
// with the tree of data/ in each. The commits the cache knows are not
// read again: a build after a few new commits reads them through cat-file
// from HEAD back, and starts no git process for them; a cache that knows
// none of the last walkBack commits (or none at all) has the history
// listed by git log.
func firstParents(src string, objs *objects, prefix string, c *Cache) ([]commit, error) {
	hash, err := objs.id("HEAD")
	if err != nil || hash == "" {
		return nil, err // "" when there is no commit yet
	}
	var fresh []commit // newest first
	for c.knowsAny() && len(fresh) < walkBack {
		if known := c.chain(hash, prefix); known != nil {
			slices.Reverse(fresh)
			return withTrees(objs, prefix, known, fresh)
		}
		cm, ok, err := objs.commit(hash)
		if err != nil {
			return nil, err
		}
		if !ok {
			break // a message git log must reencode
		}
		fresh = append(fresh, cm)
		if cm.Parent == "" {
			slices.Reverse(fresh)
			return withTrees(objs, prefix, nil, fresh)
		}
		hash = cm.Parent
	}
	return logAll(src, objs, prefix, c)
}

// withTrees returns the commits known and then fresh, whose trees are
// not read yet, with the tree of data/ in each fresh one (one round trip
// to cat-file).
func withTrees(objs *objects, prefix string, known, fresh []commit) ([]commit, error) {
	names := make([]string, len(fresh))
	for i, cm := range fresh {
		names[i] = cm.Hash + ":" + path.Join(prefix, "data")
	}
	trees, err := objs.ids(names)
	if err != nil {
		return nil, err
	}
	for i := range fresh {
		fresh[i].Tree = trees[i]
	}
	return append(known, fresh...), nil
}

// logAll lists the first-parent history of HEAD, oldest first, with one
// git log; the trees of the commits the cache does not know are read.
func logAll(src string, objs *objects, prefix string, c *Cache) ([]commit, error) {
	out, err := version.Git(src, "log", "--first-parent", "--reverse", "-z", "--format=%H%x1f%P%x1f%cI%x1f%B", "HEAD").Output()
	if err != nil {
		return nil, err
	}
	var known, fresh []commit
	for rec := range bytes.SplitSeq(bytes.TrimSuffix(out, []byte{0}), []byte{0}) {
		f := strings.SplitN(string(rec), "\x1f", 4)
		if len(f) != 4 {
			return nil, fmt.Errorf("git log: %q", rec)
		}
		hash := strings.TrimSpace(f[0])
		if cm, ok := c.commitOf(hash, prefix); ok && len(fresh) == 0 {
			known = append(known, cm)
			continue
		}
		date, err := time.Parse(time.RFC3339, f[2])
		if err != nil {
			return nil, err
		}
		cm := commit{Hash: hash, Date: date, Committed: f[2]}
		cm.Parent, _, _ = strings.Cut(f[1], " ")
		cm.Subject, cm.Reason = message(f[3])
		fresh = append(fresh, cm)
	}
	return withTrees(objs, prefix, known, fresh)
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
func walk(objs *objects, commits []commit, prefix string, c *Cache) (*site.Log, error) {
	var (
		log       = &site.Log{}
		lastTree  string          // data/'s tree in the commit before
		published string          // the tree of the last version that passed check
		entries   []*site.Entry   // oldest first
		steps     [][]site.Change // of each version, for Figures
		trees     []string        // of each version
	)
	for _, cm := range commits {
		if cm.Tree != lastTree {
			trees = append(trees, cm.Tree)
			lastTree = cm.Tree
		}
	}
	lastTree = ""
	loads := newAhead(objs, trees)
	defer loads.close()
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
	version := -1
	for _, cm := range commits {
		c.use(cm, prefix)
		tree := cm.Tree
		if tree == lastTree {
			continue
		}
		lastTree = tree
		version++
		step, err := c.step(published, tree, func() (*step, error) {
			s, err := loads.get(version)
			if err != nil {
				return nil, err
			}
			if s.Refused {
				return &step{Refused: true}, nil
			}
			changes := diff(figuresOf(), s.Figures)
			c.setLast(tree, s.Figures)
			return &step{Changes: changes}, nil
		})
		if err != nil {
			return nil, err
		}
		loads.passed(version)
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
