package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"sitegen/internal/testenv"
)

// The tools are found through these variables first, then in the cache
// folder that .ci/run and docs/browser-tests.md install into, then on PATH.
const (
	envChromium = "SITEGEN_CHROMIUM"
	envJava     = "SITEGEN_JAVA"
	envAxe      = "SITEGEN_AXE"
	envVNU      = "SITEGEN_VNU"
	envShots    = "SITEGEN_SCREENSHOTS"
	envAxeAll   = "SITEGEN_AXE_ALL" // set: axe-core on every page, not one of each type
	envStrict   = "SITEGEN_STRICT"  // set: known defects fail too
	envToolsDir = "SITEGEN_TEST_TOOLS"
)

const installHelp = "see docs/browser-tests.md, or run .ci/run once"

// missing skips the test when a tool is not installed, or fails it under CI
// (the rule is testenv's, shared by every test that needs a tool).
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	testenv.Missing(t, format, args...)
}

// toolsDir is where the npm packages are installed: $SITEGEN_TEST_TOOLS, else
// the user's cache folder.
func toolsDir() string {
	if d := os.Getenv(envToolsDir); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "sitegen-test-tools")
	}
	return ""
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// chromiumPath finds Debian's chromium or another Chrome build.
func chromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(envChromium); p != "" {
		if !fileExists(p) {
			missing(t, "%s=%s: no such file; install Chromium (Debian: apt-get install chromium) or unset it; %s", envChromium, p, installHelp)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "no Chromium found: install it (Debian: apt-get install chromium) or set %s; %s", envChromium, installHelp)
	return ""
}

func javaPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(envJava); p != "" {
		return p
	}
	p, err := exec.LookPath("java")
	if err != nil {
		missing(t, "no java found for the Nu HTML Checker: install a Java runtime (Debian: apt-get install default-jre-headless) or set %s; %s", envJava, installHelp)
	}
	return p
}

// npmFile finds a file of an npm package: the variable, else the tools
// folder's node_modules.
func npmFile(t testing.TB, env, pkg, rel string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if !fileExists(p) {
			missing(t, "%s=%s: no such file; unset it to use the tools folder, or %s", env, p, installHelp)
		}
		return p
	}
	if d := toolsDir(); d != "" {
		if p := filepath.Join(d, "node_modules", pkg, rel); fileExists(p) {
			return p
		}
	}
	missing(t, "%s not found: run `npm install --ignore-scripts --prefix %s %s` or set %s to its %s; %s", pkg, toolsDir(), pkg, env, filepath.Base(rel), installHelp)
	return ""
}

func axePath(t testing.TB) string { return npmFile(t, envAxe, "axe-core", "axe.min.js") }

func vnuPath(t testing.TB) string { return npmFile(t, envVNU, "vnu-jar", "build/dist/vnu.jar") }
