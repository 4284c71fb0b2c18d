package deploytest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/testenv"
)

// gitEnv makes git in the tests independent of the machine's and the
// user's configuration, with a fixed author.
var gitEnv = []string{
	"GIT_CONFIG_NOSYSTEM=1",
	"GIT_CONFIG_GLOBAL=/dev/null",
	"GIT_AUTHOR_NAME=Văn thư",
	"GIT_AUTHOR_EMAIL=van-thu@example.org",
	"GIT_COMMITTER_NAME=Văn thư",
	"GIT_COMMITTER_EMAIL=van-thu@example.org",
	"GIT_TERMINAL_PROMPT=0",
}

// gitServer is a bare repository with shipped hooks installed, as an
// administrator installs them, and a clerk's clone that pushes to it.
type gitServer struct {
	git    string
	bare   string // the repository on the server: SERVER/phong/bao-cao.git
	clerk  *sample
	webdir string // PUBLISH_DIR
	state  string // where post-receive keeps its checkout and log
}

// newGitServer makes the bare repository with the named hooks of
// deploy/hooks/ installed, and the clerk's clone of the sample site,
// served at base (its base_url; "" keeps the sample's), that publishes
// to webdir.
func newGitServer(t *testing.T, webdir, base string, hooks ...string) *gitServer {
	t.Helper()
	s := &gitServer{
		git:    testenv.Command(t, "git", "apt-get install git"),
		bare:   filepath.Join(t.TempDir(), "phong", "bao-cao.git"),
		webdir: webdir,
		state:  filepath.Join(t.TempDir(), "sitegen"),
	}
	run(t, "", gitEnv, s.git, "init", "--quiet", "--bare", "--initial-branch=main", s.bare)
	for _, name := range hooks {
		// The lines marked EDIT, as the hook's comments tell an
		// administrator to edit them.
		edits := []string{"/usr/local/bin/sitegen", sitegen(t)}
		if name == "post-receive" {
			edits = append(edits, "/srv/www/bao-cao", webdir, "/srv/sitegen", s.state)
		}
		text := installed(t, "deploy/hooks/"+name, edits...)
		if err := os.WriteFile(filepath.Join(s.bare, "hooks", name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s.clerk = newSample(t, webdir, base)
	s.clerkGit(t, "init", "--quiet", "--initial-branch=main")
	s.clerkGit(t, "remote", "add", "origin", s.bare)
	return s
}

func (s *gitServer) clerkGit(t *testing.T, args ...string) string {
	t.Helper()
	return run(t, s.clerk.src, gitEnv, s.git, args...)
}

// commit commits every change of the clerk's site.
func (s *gitServer) commit(t *testing.T, msg string) {
	t.Helper()
	s.clerkGit(t, "add", "--all")
	s.clerkGit(t, "commit", "--quiet", "-m", msg)
}

// push pushes the clerk's main, and returns what git printed (the
// hooks' output as "remote: …" lines) and whether the push went in.
func (s *gitServer) push(t *testing.T) (string, bool) {
	t.Helper()
	out, err := try(s.clerk.src, gitEnv, s.git, "push", "origin", "main")
	if err != nil && strings.Contains(err.Error(), "deadline") {
		t.Fatalf("git push: %v\n%s", err, out)
	}
	return out, err == nil
}

// serverMain is the commit the server's main is at.
func (s *gitServer) serverMain(t *testing.T) string {
	t.Helper()
	return strings.TrimSpace(run(t, s.bare, gitEnv, s.git, "rev-parse", "main"))
}

// mustPublish pushes, and fails unless the push went in and the pusher
// was told the site was published.
func (s *gitServer) mustPublish(t *testing.T) string {
	t.Helper()
	out, ok := s.push(t)
	if !ok {
		t.Fatalf("git push of a good commit was refused:\n%s", out)
	}
	if !strings.Contains(out, "remote: post-receive: published") {
		t.Fatalf("git push: the pusher is not told the site was published:\n%s", out)
	}
	return out
}

// commitErrors commits data with an error in each of two files (figure
// is the line of 2018's figure as it stands), and returns the messages
// sitegen check gives for it: two, each with its file:line:col.
func (s *gitServer) commitErrors(t *testing.T, figure string) []string {
	t.Helper()
	replaceLine(t, filepath.Join(s.clerk.src, "data/2017.toml"), "admitted = 17", "admitted = -17")
	replaceLine(t, filepath.Join(s.clerk.src, figureFile), figure, strings.Replace(figure, "= ", "= -", 1))
	s.commit(t, "Số liệu sai")
	out, err := try(s.clerk.src, nil, sitegen(t), "check")
	if err == nil {
		t.Fatalf("sitegen check passes the data the test means to be wrong:\n%s", out)
	}
	located := regexp.MustCompile(`(?m)^data/\d{4}\.toml:\d+:\d+: `)
	if n := len(located.FindAllString(out, -1)); n != 2 {
		t.Fatalf("sitegen check gives %d file:line:col messages for the bad data, want 2:\n%s", n, out)
	}
	return strings.Split(strings.TrimSpace(out), "\n")
}

// pushErrors commits data with errors (commitErrors) and pushes it: the
// push must be refused, the pusher must see every message of sitegen
// check, and the server's main must not move.
func (s *gitServer) pushErrors(t *testing.T, figure string) {
	t.Helper()
	before := s.serverMain(t)
	want := s.commitErrors(t, figure)
	out, ok := s.push(t)
	if ok {
		t.Fatalf("git push of data with errors went in:\n%s", out)
	}
	shown := remoteLines(out)
	for _, line := range want {
		if !slices.Contains(shown, line) {
			t.Errorf("git push: the pusher does not see %q\ngit push said:\n%s", line, out)
		}
	}
	if !strings.Contains(out, "pre-receive hook declined") || !strings.Contains(out, "remote: pre-receive: sitegen check found errors") {
		t.Errorf("git push: the pusher is not told the push was refused, and why:\n%s", out)
	}
	if after := s.serverMain(t); after != before {
		t.Errorf("the server's main moved from %s to %s with a refused push", before, after)
	}
}

// TestHooksPublishAndRefuse pushes through real git into a bare
// repository with the shipped hooks, while nginx serves the publish
// folder under /bao-cao/ with the shipped configuration: a good commit
// changes the page readers get, a commit with errors in two files is
// refused with both file:line:col messages shown to the pusher and the
// page left as it was.
func TestHooksPublishAndRefuse(t *testing.T) {
	needPublish(t)
	webdir := readableTempDir(t)
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d/bao-cao/", port)
	s := newGitServer(t, webdir, base, "pre-receive", "post-receive")
	startNginx(t, "deploy/nginx/bao-cao-subpath.conf", webdir, port)

	// The first push publishes the site.
	s.commit(t, "Số liệu đến 15/11/2018")
	out := s.mustPublish(t)
	if res := get(t, base); res.status != 200 || !strings.Contains(string(res.body), figureShown(187)) {
		t.Fatalf("GET %s after the first push: status %d, want 200 and the page showing %s", base, res.status, figureShown(187))
	}
	checkServed(t, base, filepath.Join(webdir, "current"))
	// The data version is the pushed commit, though git runs the hook
	// with GIT_DIR set: the release is named by it, and no warning says
	// the version fell back to a content hash.
	commit := strings.TrimSpace(s.clerkGit(t, "rev-parse", "--short=12", "HEAD"))
	if link, err := os.Readlink(filepath.Join(webdir, "current")); err != nil || !strings.HasSuffix(link, "-"+commit) {
		t.Errorf("current leads to %q (%v), want the release of the pushed commit, …-%s\npush said:\n%s", link, err, commit, out)
	}
	if strings.Contains(out, "sha256") {
		t.Errorf("the data version is a content hash, not the pushed commit:\n%s", out)
	}

	// A corrected figure is on the page after the push.
	s.clerk.setFigure(t, 190)
	s.commit(t, "Sửa số kết nạp 2018")
	out = s.mustPublish(t)
	if res := get(t, base); !strings.Contains(string(res.body), figureShown(190)) {
		t.Fatalf("GET %s after pushing 190: the page does not show it\npush said:\n%s", base, out)
	}
	good := s.serverMain(t)

	// A push with errors is refused, and readers still get 190.
	s.pushErrors(t, "admitted = 190")
	if got := s.serverMain(t); got != good {
		t.Errorf("the server's main moved to %s after a refused push, want %s", got, good)
	}
	if res := get(t, base); !strings.Contains(string(res.body), figureShown(190)) {
		t.Errorf("GET %s after a refused push: the page no longer shows %s", base, figureShown(190))
	}

	// Fixed and pushed again, it goes in.
	s.clerkGit(t, "reset", "--quiet", "--hard", "HEAD^")
	s.clerk.setFigure(t, 191)
	s.commit(t, "Sửa lại")
	s.mustPublish(t)
	if res := get(t, base); !strings.Contains(string(res.body), figureShown(191)) {
		t.Errorf("GET %s after the fixed push: the page does not show %s", base, figureShown(191))
	}

	// The log keeps what the pusher was shown.
	log, err := os.ReadFile(filepath.Join(s.state, "bao-cao.log"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(log), "post-receive: published"); n != 3 {
		t.Errorf("the hook's log tells of %d publishes, want 3:\n%s", n, log)
	}
}

// TestPostReceiveFailure: when publish fails, the push has gone in (git
// moved the branch before the hook), but the pusher is told the site was
// not published and still shows what it did, and the log says so too.
func TestPostReceiveFailure(t *testing.T) {
	needPublish(t)
	webdir := t.TempDir()
	// A publish folder that cannot be made: its parent is a file.
	blocked := filepath.Join(webdir, "not-a-folder")
	writeFile(t, blocked, "")
	s := newGitServer(t, filepath.Join(blocked, "bao-cao"), "", "pre-receive", "post-receive")
	s.commit(t, "Số liệu đến 15/11/2018")
	out, ok := s.push(t)
	if !ok {
		t.Fatalf("git push was refused, want it accepted (only publishing fails):\n%s", out)
	}
	if !strings.Contains(out, "remote: post-receive: NOT PUBLISHED: sitegen publish failed") {
		t.Errorf("git push: the pusher is not told the site was not published:\n%s", out)
	}
	if strings.Contains(out, "post-receive: published") {
		t.Errorf("git push: the pusher is told the site was published, and it was not:\n%s", out)
	}
	log, err := os.ReadFile(filepath.Join(s.state, "bao-cao.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(log), "NOT PUBLISHED") {
		t.Errorf("the hook's log does not say the publish failed:\n%s", log)
	}
}

// TestPreReceive, with pre-receive alone: a good push goes in, a push
// with errors is refused with every message, and only the published
// branch is checked (a clerk may keep work in progress on another).
func TestPreReceive(t *testing.T) {
	s := newGitServer(t, t.TempDir(), "", "pre-receive")
	s.commit(t, "Số liệu đến 15/11/2018")
	if out, ok := s.push(t); !ok {
		t.Fatalf("git push of a good commit was refused:\n%s", out)
	}
	s.pushErrors(t, "admitted = 187")
	if out, err := try(s.clerk.src, gitEnv, s.git, "push", "origin", "main:nhap"); err != nil {
		t.Errorf("git push to another branch was refused:\n%s", out)
	}
}

// needPublish skips (or fails, under CI) a test that needs sitegen
// publish until this branch has it.
func needPublish(t *testing.T) {
	t.Helper()
	out, _ := try("", nil, sitegen(t), "help")
	if !strings.Contains(out, "sitegen publish") {
		testenv.Missing(t, "sitegen has no publish command yet (branch releases)")
	}
}

// remoteLines are the lines of git's output that the server's hooks
// wrote, as the pusher reads them: "remote: " and the padding git adds
// to clear the terminal's line taken off.
func remoteLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l, ok := strings.CutPrefix(l, "remote: "); ok {
			lines = append(lines, strings.TrimRight(l, " "))
		}
	}
	return lines
}

// TestPostReceiveTakesTurns: two pushes close together, from two
// clerks, run two post-receive hooks at once. The second waits for the
// first (and tells its pusher so), and the site ends with the second
// push's figure. A sitegen that holds the first of them until the
// second hook has come makes the two overlap.
func TestPostReceiveTakesTurns(t *testing.T) {
	needPublish(t)
	webdir := t.TempDir()
	s := newGitServer(t, webdir, "", "post-receive")
	s.commit(t, "Số liệu đến 15/11/2018")
	s.mustPublish(t)

	// The next publish (and only it: it takes the marker) holds its hook
	// until the other hook says it waits, or for a minute.
	dir := t.TempDir()
	slow, marker := filepath.Join(dir, "sitegen"), filepath.Join(dir, "hold")
	log := filepath.Join(s.state, "bao-cao.log")
	writeFile(t, marker, "")
	writeFile(t, slow, fmt.Sprintf(`#!/bin/sh
if [ "$1" = publish ] && rm %[1]q 2>/dev/null; then
  i=0
  while [ $i -lt 600 ] && ! grep -q 'waiting for it' %[2]q; do sleep 0.1; i=$((i+1)); done
fi
exec %[3]q "$@"
`, marker, log, sitegen(t)))
	if err := os.Chmod(slow, 0o755); err != nil {
		t.Fatal(err)
	}
	hook := filepath.Join(s.bare, "hooks", "post-receive")
	b, err := os.ReadFile(hook)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, hook, strings.Replace(string(b), sitegen(t), slow, 1))
	if err := os.Chmod(hook, 0o755); err != nil {
		t.Fatal(err)
	}

	// The first clerk pushes 190; while its hook runs, the second clerk
	// pulls that and pushes 191.
	s.clerk.setFigure(t, 190)
	s.commit(t, "Sửa số: 190")
	first := make(chan string, 1)
	go func() {
		out, _ := try(s.clerk.src, gitEnv, s.git, "push", "origin", "main")
		first <- out
	}()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		b, _ := os.ReadFile(log)
		if strings.Count(string(b), "post-receive: commit") == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the first clerk's hook did not start publishing in a minute; its log:\n%s", b)
		}
	}
	second := filepath.Join(t.TempDir(), "clerk2")
	run(t, "", gitEnv, s.git, "clone", "--quiet", s.bare, second)
	other := &sample{src: second, webdir: webdir}
	other.setFigure(t, 191)
	run(t, second, gitEnv, s.git, "commit", "--quiet", "-am", "Sửa số: 191")
	out2 := run(t, second, gitEnv, s.git, "push", "origin", "main")
	out1 := <-first

	if !strings.Contains(out1, "remote: post-receive: published") || !strings.Contains(out2, "remote: post-receive: published") {
		t.Errorf("both pushes should be told their publish went through:\nfirst:\n%s\nsecond:\n%s", out1, out2)
	}
	if !strings.Contains(out2, "remote: post-receive: another publish is running; waiting for it") {
		t.Errorf("the second push is not told it waits for the first:\n%s", out2)
	}
	b, err = os.ReadFile(filepath.Join(webdir, "current", "index.html"))
	if err != nil || !strings.Contains(string(b), figureShown(191)) {
		t.Errorf("after both pushes the published home page does not show the last push's %s (%v)", figureShown(191), err)
	}
}
