package history_test

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/data"
	"sitegen/internal/history"
	"sitegen/internal/i18n"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// needGit skips a test without git, but in CI, where git must be.
func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is needed in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

// git runs git in dir for the test.
func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// generated makes a repository of n commits of a small generated site.
func generated(t testing.TB, n int) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	if _, err := testsite.History(dir, n, 12, 3, 1); err != nil {
		t.Fatal(err)
	}
	return dir
}

// memory keeps the files of a build.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) WriteFile(name string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = slices.Clone(b)
	return nil
}

var (
	ownCell = regexp.MustCompile(`<td id="([^"]+)" class="num">(.*?)</td>`)
	count   = regexp.MustCompile(`<span class="count[^"]*"(?: id="([^"]+)")?><data value="([^"]*)" class="([^"]*)"[^>]*>([^<]*)</data>((?: <small class="note">[^<]*</small>)*)`)
)

// published reads the figures a built site shows at their anchors, as a
// reader of its pages sees them: by permanent link, the value, the
// classes that say how to read it, its text and its notes. The note
// "cả năm" beside a whole year's figure that has earlier counts says
// that there are earlier counts, not what the figure is: it is left out.
func published(files map[string][]byte, loc *i18n.Locale) map[string]string {
	out := make(map[string]string)
	shown := func(m []string) string {
		notes := strings.ReplaceAll(m[5], ` <small class="note">`+loc.T("figure.whole_year")+`</small>`, "")
		return m[2] + "|" + m[3] + "|" + m[4] + "|" + notes
	}
	for name, b := range files {
		if !strings.HasSuffix(name, "/index.html") || !strings.HasPrefix(name, "don-vi/") && !strings.HasPrefix(name, "gioi-thieu/") {
			continue
		}
		folder := strings.TrimSuffix(name, "index.html")
		page := string(b)
		for _, m := range count.FindAllStringSubmatch(page, -1) {
			if m[1] != "" {
				out[folder+"#"+m[1]] = shown(m)
			}
		}
		for _, td := range ownCell.FindAllStringSubmatch(page, -1) {
			counts := count.FindAllStringSubmatch(td[2], -1)
			out[folder+"#"+td[1]] = shown(counts[len(counts)-1]) // the latest comes last
		}
	}
	return out
}

// shownOf is a figure as published reads it (see published).
func shownOf(f *data.Figure, loc *i18n.Locale) string {
	if f == nil {
		return ""
	}
	class := "figure"
	if f.ApproxOf() != data.Exact {
		class += " approx"
	}
	if f.Dated() {
		class += " dated"
	}
	if f.Sum {
		class += " sum"
	}
	if f.Partial() {
		class += " partial"
	}
	var notes string
	for _, n := range f.Notes(loc) {
		notes += ` <small class="note">` + n + `</small>`
	}
	return f.Value() + "|" + class + "|" + f.Text(loc) + "|" + notes
}

// TestLogIsTheDiffOfBuilds: for every commit of a generated history,
// the log's entry is what changed between the full build of the commit
// and the full build of the last commit before it that built, figure by
// figure, read from the built pages; a commit that does not build is
// "not published", and one that changes no figure is not in the log.
func TestLogIsTheDiffOfBuilds(t *testing.T) {
	repo := generated(t, 20)
	log := history.Read(repo, nil)
	if log.Missing != "" {
		t.Fatalf("no log: %s", log.Missing)
	}
	byCommit := make(map[string]*site.Entry)
	for _, e := range log.Entries {
		byCommit[e.Commit] = e
	}
	loc := i18n.New(i18n.VI)
	work := filepath.Join(t.TempDir(), "site")
	git(t, filepath.Dir(work), "clone", "-q", repo, work)
	var before map[string]string
	templates, cache := new(build.Templates), history.NewCache()
	kinds := make(map[site.ChangeKind]int)
	refused := 0
	for _, c := range strings.Fields(git(t, repo, "log", "--first-parent", "--reverse", "--format=%H")) {
		git(t, work, "checkout", "-q", "--detach", c)
		mem := &memory{files: make(map[string][]byte)}
		_, diags, err := build.Render(work, mem, build.Options{Wait: -1, Templates: templates, History: cache})
		if err != nil {
			t.Fatal(err)
		}
		e := byCommit[c]
		if diags.HasErrors() {
			refused++
			if e == nil || !e.Refused {
				t.Errorf("%s does not build, but the log has %+v", c[:12], e)
			}
			continue
		}
		after := published(mem.files, loc)
		want := make(map[string][2]string)
		for k := range maps.Keys(after) {
			if before[k] != after[k] {
				want[k] = [2]string{before[k], after[k]}
			}
		}
		for k := range maps.Keys(before) {
			if _, ok := after[k]; !ok {
				want[k] = [2]string{before[k], ""}
			}
		}
		before = after
		got := make(map[string][2]string)
		if e != nil {
			if e.Refused {
				t.Errorf("%s builds, but the log says it was not published", c[:12])
			}
			for _, ch := range e.Changes {
				got[ch.Key()] = [2]string{shownOf(ch.Before, loc), shownOf(ch.After, loc)}
				kinds[ch.Kind]++
			}
		}
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if got[k] != want[k] {
				t.Errorf("%s: %s: the builds show %q → %q, the log %q → %q", c[:12], k, want[k][0], want[k][1], got[k][0], got[k][1])
			}
		}
		for _, k := range slices.Sorted(maps.Keys(got)) {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: %s: the log has %q → %q, the builds show no change", c[:12], k, got[k][0], got[k][1])
			}
		}
	}
	// The history has something of every kind.
	for _, k := range site.ChangeKinds {
		if kinds[k] == 0 {
			t.Errorf("no change of kind %s in the generated history", k)
		}
	}
	if refused == 0 {
		t.Errorf("no commit of the generated history failed check")
	}
}
