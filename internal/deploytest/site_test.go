package deploytest

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// top is the repository's top folder, seen from this package.
const top = "../.."

// binDir holds the sitegen the tests built, once for the whole package.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	buildErr  error
)

// sitegen builds the command from this repository, once, and returns
// its path.
func sitegen(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "deploytest-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binDir = dir
		if err := statSources(); err != nil {
			buildErr = err
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "sitegen"), "sitegen/cmd/sitegen").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(binDir, "sitegen")
}

// statSources looks at every file of cmd/ and internal/, and go.mod and
// go.sum (templates/ is read by copySample). go test caches a package's result by what the test binary is
// built from and by the files the test opens or stats; the command is
// built in a child process, so without this a change to sitegen alone
// would get the cached result of the old one.
func statSources() error {
	for _, sub := range []string{"cmd", "internal", "go.mod", "go.sum"} {
		err := filepath.WalkDir(filepath.Join(top, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			_, err = os.Stat(p)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// copySample copies the repository's own sample site (data/, content/,
// templates/) into dir.
func copySample(t testing.TB, dir string) {
	t.Helper()
	for _, sub := range []string{"data", "content", "templates"} {
		src := filepath.Join(top, sub)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(top, p)
			dst := filepath.Join(dir, rel)
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// withImage adds an SVG image to an article of the site in dir, so that
// the site has a media/NAME.HASH.svg.
func withImage(t testing.TB, dir string) {
	t.Helper()
	const article = "content/2018/ket-qua-phat-trien-dang-vien-2018.md"
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c00"/></svg>` + "\n"
	writeFile(t, filepath.Join(dir, "content/2018/so-do.svg"), svg)
	b, err := os.ReadFile(filepath.Join(dir, article))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, article), string(b)+"\n![Sơ đồ](so-do.svg)\n")
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceData changes one line of a file of the site in dir, and fails
// the test if the line is not there exactly once.
func replaceLine(t testing.TB, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), old+"\n"); n != 1 {
		t.Fatalf("%s: %q stands %d times, want once", path, old, n)
	}
	writeFile(t, path, strings.Replace(string(b), old+"\n", new+"\n", 1))
}

// commandTimeout bounds every command a test runs (a build, a push
// whose hooks build and publish): a hang fails the test instead of
// stopping the whole run.
const commandTimeout = 3 * time.Minute

// try runs a command in dir with env added to the test's, and returns
// all it printed and its error.
func try(dir string, env []string, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	// A child left holding the output (a hook's server) must not keep
	// the test waiting after the command was killed.
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("%w after %v", ctx.Err(), commandTimeout)
	}
	return string(out), err
}

// run runs a command and fails the test with its output if it fails.
func run(t testing.TB, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := try(dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// readableTempDir is t.TempDir opened to other users: a server started
// as root serves files as another user (nobody, www-data), which must
// reach them, as on a real server.
func readableTempDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/" && d != "."; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The figure the tests change: khoi-dn's admissions of 2018 (187 in the
// sample), shown on the home page as <data value="187" …>.
const figureFile = "data/2018.toml"

// figureShown is how the home page shows that figure with value v.
func figureShown(v int) string { return fmt.Sprintf(`<data value="%d"`, v) }

// sample is a copy of the sample site, published into a web folder.
type sample struct {
	src, webdir string
}

// sampleBaseURL is the line of the sample's data/site.toml that names
// the address it is published at.
const sampleBaseURL = `base_url = "http://baocao.khoidn.vp/phat-trien-dang-vien/"`

// newSample copies the sample site, with an image, into a new folder;
// base, if not empty, is set as its base_url.
func newSample(t testing.TB, webdir, base string) *sample {
	t.Helper()
	s := &sample{src: t.TempDir(), webdir: webdir}
	copySample(t, s.src)
	withImage(t, s.src)
	if base != "" {
		// The sample names its own intranet address: the test's server
		// takes its place.
		replaceLine(t, filepath.Join(s.src, "data/site.toml"), sampleBaseURL, fmt.Sprintf("base_url = %q", base))
	}
	return s
}

// setFigure changes the figure the tests watch to v.
func (s *sample) setFigure(t testing.TB, v int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.src, figureFile))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^admitted = \d+\n(confirmed = 181)`)
	if !re.Match(b) {
		t.Fatalf("%s: the figure's line is not there", figureFile)
	}
	writeFile(t, filepath.Join(s.src, figureFile), re.ReplaceAllString(string(b), fmt.Sprintf("admitted = %d\n$1", v)))
}

// publish publishes the site into its web folder with sitegen publish,
// as a new release that WEBDIR/current leads to.
func (s *sample) publish(t testing.TB) {
	t.Helper()
	run(t, s.src, nil, sitegen(t), "publish", "-to", s.webdir)
}
