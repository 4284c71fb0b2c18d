package testsite

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

// A Commit of a generated history: what it does to the data, as the
// figure log should tell it.
type Commit struct {
	// Kind is what the commit does: "site" (the first, the whole site),
	// "correction" (one count of a year written again with another
	// value), "update" (a count of the next year counted to a later
	// day), "broken" (data/ that does not pass check), "fix" (the file
	// the broken commit broke, as before it), "comment" (a comment only:
	// no figure changes).
	Kind    string
	Message string
}

// History writes into dir (made if missing) a git repository of n
// commits of one generated site (Generate's cells and years, no
// articles), on branch main, one commit a day from 01/01/2020: the
// whole site, then commits that correct a count, count the next year to
// a later day, break data/ and fix it again, or change only a comment.
// The same arguments give the same repository, commit hashes too. It is
// made with one git fast-import, so a thousand commits take a second.
func History(dir string, n, cells, years int, seed int64) ([]Commit, error) {
	return HistoryIn(dir, "", n, cells, years, seed)
}

// HistoryIn is History with the site in the folder prefix ("site/") of
// the repository, as for sitegen -src site.
func HistoryIn(dir, prefix string, n, cells, years int, seed int64) ([]Commit, error) {
	files := Generate(cells, years, 0, seed)
	for name := range files {
		if !strings.HasPrefix(name, "data/") {
			delete(files, name) // the log reads data/ only
		}
	}
	h := &history{
		rng:   rand.New(rand.NewPCG(uint64(seed)^0x415, uint64(seed))),
		files: files,
		next:  FirstYear + years,
		days:  make(map[string]int),
		count: make(map[string]int64),
	}
	var admissionFiles []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, "data/admissions/") && name != "data/admissions/terms.toml" {
			admissionFiles = append(admissionFiles, name)
		}
	}
	// The leaves open in the next year: a chi bộ never closed.
	for block := range strings.SplitSeq(string(files["data/cells.toml"].Data), "[[cell]]") {
		if m := leaf.FindStringSubmatch(block); m != nil && !strings.Contains(block, "closed =") {
			h.leaves = append(h.leaves, m[1])
		}
	}
	if len(h.leaves) == 0 || len(admissionFiles) == 0 {
		return nil, fmt.Errorf("testsite: a site of %d cells has no cell to count", cells)
	}

	var stream bytes.Buffer
	var commits []Commit
	start := time.Date(2020, 1, 1, 9, 0, 0, 0, time.FixedZone("", 7*3600))
	changed := slices.Sorted(maps.Keys(files))
	var broken, brokenWas string
	for i := range n {
		c := Commit{Kind: "site", Message: "data: the generated site"}
		switch {
		case i == 0:
		case broken != "":
			c = Commit{"fix", "data: " + broken + " as before\n\nLý do: the commit before broke it"}
			files[broken].Data = []byte(brokenWas)
			changed, broken = []string{broken}, ""
		case i%10 == 3:
			name := admissionFiles[h.rng.IntN(len(admissionFiles))]
			c = Commit{"broken", "data: a half-written record in " + name}
			broken, brokenWas = name, string(files[name].Data)
			files[name].Data = append(bytes.Clone(files[name].Data), "[[admission]]\ncell = \n"...)
			changed = []string{name}
		case i%10 == 7:
			name := admissionFiles[h.rng.IntN(len(admissionFiles))]
			c = Commit{"comment", "data: a note in " + name}
			files[name].Data = append(bytes.Clone(files[name].Data), fmt.Sprintf("# checked on day %d\n", i)...)
			changed = []string{name}
		case i%5 == 1:
			c = Commit{"update", "data: the next year counted further"}
			changed = []string{h.update()}
		default:
			name := admissionFiles[h.rng.IntN(len(admissionFiles))]
			c = Commit{"correction", "data: a count of " + name + " written again\n\nLý do: the unit's report says otherwise"}
			if !h.correct(name) {
				c = Commit{"comment", "data: a note in " + name}
				files[name].Data = append(bytes.Clone(files[name].Data), fmt.Sprintf("# checked on day %d\n", i)...)
			}
			changed = []string{name}
		}
		date := start.AddDate(0, 0, i)
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter Test <test@example.org> %d +0700\ndata %d\n%s\n", date.Unix(), len(c.Message), c.Message)
		for _, name := range changed {
			fmt.Fprintf(&stream, "M 100644 inline %s%s\ndata %d\n%s\n", prefix, name, len(files[name].Data), files[name].Data)
		}
		commits = append(commits, c)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"fast-import", "--quiet"}, {"checkout", "-q", "-f", "main"}} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if args[0] == "fast-import" {
			cmd.Stdin = &stream
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("git %s: %v\n%s", args[0], err, out)
		}
	}
	return commits, nil
}

// history is the state of a generated history between commits.
type history struct {
	rng    *rand.Rand
	files  fstest.MapFS
	leaves []string         // cells without sub-cells
	next   int              // the year counted as it goes
	days   map[string]int   // day of the next year each leaf is counted to
	count  map[string]int64 // and its count
}

var leaf = regexp.MustCompile(`(?m)^id = "([^"]+)"\nname = .*\nkind = "chi-bo-(?:co-so|truc-thuoc)"`)

var admitted = regexp.MustCompile(`(?m)^admitted = (\d+)$`)

// correct writes one exact count of the file name again, with another
// value; false when the file holds none.
func (h *history) correct(name string) bool {
	f := h.files[name]
	all := admitted.FindAllSubmatchIndex(f.Data, -1)
	if len(all) == 0 {
		return false
	}
	m := all[h.rng.IntN(len(all))]
	var v int64
	fmt.Sscan(string(f.Data[m[2]:m[3]]), &v)
	v += 1 + h.rng.Int64N(5)
	f.Data = slices.Concat(f.Data[:m[2]], fmt.Appendf(nil, "%d", v), f.Data[m[3]:])
	return true
}

// update counts one leaf cell of the next year to a later day, and
// returns the file written.
func (h *history) update() string {
	id := h.leaves[h.rng.IntN(len(h.leaves))]
	h.days[id] = min(h.days[id]+1+h.rng.IntN(20), 330) // never the whole year
	h.count[id] += 1 + h.rng.Int64N(3)
	var b strings.Builder
	for _, c := range slices.Sorted(maps.Keys(h.days)) {
		day := time.Date(h.next, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, h.days[c])
		fmt.Fprintf(&b, "[[admission]]\ncell = %q\nyear = %d\nas_of = %s\nadmitted = %d\nsource = %s\n\n",
			c, h.next, day.Format(time.DateOnly), h.count[c], tomlString("Báo cáo nhanh của đơn vị"))
	}
	name := fmt.Sprintf("data/admissions/%d.toml", h.next)
	h.files[name] = &fstest.MapFile{Data: []byte(b.String()), Mode: 0o644}
	return name
}
