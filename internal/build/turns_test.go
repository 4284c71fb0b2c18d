//go:build unix

package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitegen/internal/publish"
)

// lines is a Log that tests read while the build writes to it.
type lines struct {
	mu   sync.Mutex
	text strings.Builder
	said chan struct{} // closed at the first write
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.text.Len() == 0 {
		close(l.said)
	}
	return l.text.Write(p)
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text.String()
}

// TestBuildWaitsForAnotherBuild: a hook that fires twice starts a second
// build while the first writes into the same output folder. The second
// says in the site's language that it waits, and reads the data only
// once the first is done, so what it publishes is the data as they are
// then.
func TestBuildWaitsForAnotherBuild(t *testing.T) {
	src := writeTxtar(t, smallSite)
	out := filepath.Join(t.TempDir(), "public")
	first, err := publish.LockOutput(out, 0, nil) // the build still running
	if err != nil {
		t.Fatal(err)
	}
	log := &lines{said: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, diags, err := Build(src, out, Options{Wait: time.Minute, Log: log})
		if err == nil && diags.HasErrors() {
			err = fmt.Errorf("%v", diags.Errors())
		}
		done <- err
	}()
	select {
	case <-log.said:
	case err := <-done:
		t.Fatalf("the build did not wait: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the build said nothing while it waited")
	}
	want := fmt.Sprintf("Đang chờ: một lần dựng khác (tiến trình %d) đang ghi vào thư mục đầu ra %s; khi nó xong, lần dựng này mới đọc dữ liệu và dựng (chờ tối đa 60 giây).\n", os.Getpid(), out)
	if got := log.String(); got != want {
		t.Errorf("while waiting it said %q, want %q", got, want)
	}
	// The push that fired the hook again changes the data meanwhile.
	site := filepath.Join(src, "data", "site.toml")
	b, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(site, []byte(strings.Replace(string(b), "Số liệu Khối", "Số liệu Khối mới", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	first.Unlock()
	if err := <-done; err != nil {
		t.Fatalf("the build that waited: %v", err)
	}
	if page, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(page), "Số liệu Khối mới") {
		t.Error("the build that waited published the data as they were before its wait")
	}
}

// TestBuildGivesUpWaiting: a build that waited its time for another into
// the same output folder stops, says why and what to do in the site's
// language, and leaves the output as it was.
func TestBuildGivesUpWaiting(t *testing.T) {
	src := writeTxtar(t, smallSite)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	before := readTree(t, out)
	first, err := publish.LockOutput(out, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Unlock()
	_, _, err = Build(src, out, Options{Wait: 200 * time.Millisecond})
	want := fmt.Sprintf("một lần dựng khác (tiến trình %d) vẫn đang ghi vào thư mục đầu ra %s sau 0 giây chờ; lần dựng này dừng lại", os.Getpid(), out)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q…", err, want)
	}
	if d := diffTrees(before, readTree(t, out)); len(d) > 0 {
		t.Errorf("a build that gave up changed the output:\n%s", strings.Join(d, "\n"))
	}
}

// TestPublishWaitsForAnotherPublish: publishes into one publish folder
// take turns as builds do. The second says that it waits, reads the
// data once the first is done and publishes them as the next release;
// one that waited its time gives up, says so, and current stays.
func TestPublishWaitsForAnotherPublish(t *testing.T) {
	src := writeTxtar(t, smallSite)
	dir := filepath.Join(t.TempDir(), "www")
	first, _, err := Publish(src, dir, PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	running, err := publish.LockReleases(dir, 0, nil) // a publish still running
	if err != nil {
		t.Fatal(err)
	}

	_, _, err = Publish(src, dir, PublishOptions{Options: Options{Wait: 200 * time.Millisecond}})
	want := fmt.Sprintf("một lần dựng khác (tiến trình %d) vẫn đang công bố vào %s sau 0 giây chờ; lần công bố này dừng lại, không ghi gì, trang đang phục vụ vẫn như cũ.", os.Getpid(), dir)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a publish that gave up waiting: %v, want %q…", err, want)
	}

	log := &lines{said: make(chan struct{})}
	done := make(chan error, 1)
	var second Published
	go func() {
		res, diags, err := Publish(src, dir, PublishOptions{Options: Options{Wait: time.Minute, Log: log}})
		if err == nil && diags.HasErrors() {
			err = fmt.Errorf("%v", diags.Errors())
		}
		second = res
		done <- err
	}()
	select {
	case <-log.said:
	case err := <-done:
		t.Fatalf("the publish did not wait: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the publish said nothing while it waited")
	}
	if want := fmt.Sprintf("Đang chờ: một lần dựng khác (tiến trình %d) đang công bố vào %s; khi nó xong, lần công bố này mới đọc dữ liệu và dựng (chờ tối đa 60 giây).\n", os.Getpid(), dir); log.String() != want {
		t.Errorf("while waiting it said %q, want %q", log.String(), want)
	}
	edit(t, filepath.Join(src, "data", "figures.toml"), regexpAdmitted, "admitted = 18")
	if target, err := os.Readlink(filepath.Join(dir, "current")); err != nil || target != "releases/"+first.Release {
		t.Errorf("while a publish waited, current led to %q (%v), want releases/%s", target, err, first.Release)
	}
	running.Unlock()
	if err := <-done; err != nil {
		t.Fatalf("the publish that waited: %v", err)
	}
	if second.Release == first.Release || !strings.HasPrefix(second.Release, "0002-") {
		t.Errorf("the publish that waited made %q, want release 0002 of the new data", second.Release)
	}
}
