package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// validate runs the Nu HTML Checker over every page of s at once and returns
// its errors by page, as "line:col: message".
func validate(t *testing.T, s *site) map[string][]string {
	t.Helper()
	java, jar := javaPath(t), vnuPath(t)
	args := []string{"-jar", jar, "--errors-only", "--format", "json"}
	for _, p := range s.pages {
		args = append(args, filepath.Join(s.dir, filepath.FromSlash(p)))
	}
	cmd := exec.Command(java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var out struct {
		Messages []struct {
			Type    string `json:"type"`
			URL     string `json:"url"`
			Line    int    `json:"lastLine"`
			Col     int    `json:"firstColumn"`
			Message string `json:"message"`
			Extract string `json:"extract"`
			SubType string `json:"subType"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &out); jerr != nil {
		t.Fatalf("%s %s: %v; its output was not JSON (%v):\n%s", java, jar, err, jerr, stderr.String())
	}
	found := map[string][]string{}
	for _, m := range out.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		name := m.URL
		if u, err := url.Parse(m.URL); err == nil {
			if rel, err := filepath.Rel(s.dir, u.Path); err == nil {
				name = filepath.ToSlash(rel)
			}
		}
		found[name] = append(found[name], fmt.Sprintf("%d:%d: %s  [%s]", m.Line, m.Col, m.Message, strings.TrimSpace(m.Extract)))
	}
	return found
}
