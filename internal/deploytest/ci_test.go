package deploytest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is what the test reads of a Forgejo Actions workflow: enough
// to run its jobs as a runner on the host would, step by step.
type workflow struct {
	On       []string          `yaml:"on"`
	Env      map[string]string `yaml:"env"`
	Defaults struct {
		Run struct {
			Shell string `yaml:"shell"`
		} `yaml:"run"`
	} `yaml:"defaults"`
	Jobs map[string]struct {
		Needs string            `yaml:"needs"`
		If    string            `yaml:"if"`
		Env   map[string]string `yaml:"env"`
		Steps []struct {
			Name             string `yaml:"name"`
			Run              string `yaml:"run"`
			WorkingDirectory string `yaml:"working-directory"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// ciPush is the event a job runs for: the default variables a runner
// sets (GITHUB_*), and the token.
type ciPush struct {
	serverURL, repository, ref, sha string
}

// runJob runs the job's steps in order, each with bash as the workflow
// asks (`shell: bash` is bash --noprofile --norc -eo pipefail), in a
// workspace of its own, and returns all they printed and the error of
// the step that failed.
func (w *workflow) runJob(t *testing.T, name string, ev ciPush) (string, error) {
	t.Helper()
	job, ok := w.Jobs[name]
	if !ok {
		t.Fatalf("deploy/ci/forgejo-actions.yaml has no job %q", name)
	}
	if w.Defaults.Run.Shell != "bash" {
		t.Fatalf("deploy/ci/forgejo-actions.yaml: defaults.run.shell is %q; the test runs steps as shell: bash", w.Defaults.Run.Shell)
	}
	workspace := t.TempDir()
	env := append(slices.Clone(gitEnv),
		"HOME="+t.TempDir(),
		"CI=true",
		"GITHUB_SERVER_URL="+ev.serverURL,
		"GITHUB_REPOSITORY="+ev.repository,
		"GITHUB_REF="+ev.ref,
		"GITHUB_SHA="+ev.sha,
		"GITHUB_WORKSPACE="+workspace,
	)
	for _, vars := range []map[string]string{w.Env, job.Env} {
		for k, v := range vars {
			v = strings.ReplaceAll(v, "${{ github.token }}", "test-token")
			if strings.Contains(v, "${{") {
				t.Fatalf("deploy/ci/forgejo-actions.yaml: %s: %q has an expression the test does not know", k, v)
			}
			env = append(env, k+"="+v)
		}
	}
	var out strings.Builder
	for _, st := range job.Steps {
		fmt.Fprintf(&out, "== %s / %s\n", name, st.Name)
		got, err := try(filepath.Join(workspace, st.WorkingDirectory), env, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", st.Run)
		out.WriteString(got)
		if err != nil {
			return out.String(), fmt.Errorf("step %q: %w", st.Name, err)
		}
	}
	return out.String(), nil
}

// runWorkflow runs the workflow for a push as Forgejo would: check, then
// publish if check passed and its `if` holds. It returns the jobs'
// output, whether check passed and whether publish ran and passed.
func (w *workflow) runWorkflow(t *testing.T, ev ciPush) (out string, checked, published bool) {
	t.Helper()
	pub := w.Jobs["publish"]
	if pub.Needs != "check" || pub.If != "github.ref == 'refs/heads/main'" {
		t.Fatalf("deploy/ci/forgejo-actions.yaml: publish has needs %q and if %q; the test runs it after check, for main", pub.Needs, pub.If)
	}
	out, err := w.runJob(t, "check", ev)
	if err != nil {
		return out + err.Error(), false, false
	}
	if ev.ref != "refs/heads/main" {
		return out, true, false
	}
	more, err := w.runJob(t, "publish", ev)
	if err != nil {
		return out + more + err.Error(), true, false
	}
	return out + more, true, true
}

// TestCIExample runs the jobs of deploy/ci/forgejo-actions.yaml as a
// host runner would, for pushes to a bare repository: a good push to
// main is checked and published, a push to another branch is checked
// only, and a push with errors fails check with every file:line:col
// message in the job's log and leaves the published site as it was.
func TestCIExample(t *testing.T) {
	needPublish(t)
	webdir := t.TempDir()
	s := newGitServer(t, webdir, "")
	var w workflow
	text := installed(t, "deploy/ci/forgejo-actions.yaml",
		"/usr/local/bin/sitegen", sitegen(t),
		"/srv/www/bao-cao", webdir,
	)
	if err := yaml.Unmarshal([]byte(text), &w); err != nil {
		t.Fatalf("deploy/ci/forgejo-actions.yaml: %v", err)
	}
	if !slices.Equal(w.On, []string{"push"}) {
		t.Errorf("deploy/ci/forgejo-actions.yaml runs on %q, want on every push", w.On)
	}
	server := filepath.Dir(filepath.Dir(s.bare))
	push := func(ref string) ciPush {
		t.Helper()
		branch := strings.TrimPrefix(ref, "refs/heads/")
		run(t, s.clerk.src, gitEnv, s.git, "push", "--quiet", "--force", "origin", "HEAD:"+branch)
		sha := strings.TrimSpace(s.clerkGit(t, "rev-parse", "HEAD"))
		return ciPush{serverURL: "file://" + server, repository: "phong/bao-cao", ref: ref, sha: sha}
	}
	home := filepath.Join(webdir, "current", "index.html")
	shows := func(v int) bool {
		b, err := os.ReadFile(home)
		return err == nil && strings.Contains(string(b), figureShown(v))
	}

	s.commit(t, "Số liệu đến 15/11/2018")
	out, checked, published := w.runWorkflow(t, push("refs/heads/main"))
	if !checked || !published || !shows(187) {
		t.Fatalf("a good push to main: check passed %v, publish passed %v, the published home page shows %s: %v; want all three\n%s",
			checked, published, figureShown(187), shows(187), out)
	}

	s.clerk.setFigure(t, 190)
	s.commit(t, "Đang làm")
	out, checked, published = w.runWorkflow(t, push("refs/heads/nhap"))
	if !checked || published || !shows(187) {
		t.Errorf("a push to another branch: check passed %v, published %v, still shows %s: %v; want checked, not published\n%s",
			checked, published, figureShown(187), shows(187), out)
	}

	want := s.commitErrors(t, "admitted = 190")
	out, checked, published = w.runWorkflow(t, push("refs/heads/main"))
	if checked || published || !shows(187) {
		t.Errorf("a push with errors to main: check passed %v, published %v, still shows %s: %v; want check failed, nothing published\n%s",
			checked, published, figureShown(187), shows(187), out)
	}
	for _, line := range want {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("the check job's log does not have %q:\n%s", line, out)
		}
	}
}
