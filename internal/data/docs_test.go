package data

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"sitegen/internal/i18n"
)

// docs/data-format.md gives every syntax message of data/ as a keeper
// reads it, in Vietnamese.
func TestDataFormatGivesSyntaxMessages(t *testing.T) {
	doc, err := os.ReadFile("../../docs/data-format.md")
	if err != nil {
		t.Fatal(err)
	}
	catalogue, err := os.ReadFile("../i18n/vi.go")
	if err != nil {
		t.Fatal(err)
	}
	vi := i18n.New(i18n.VI)
	verb := regexp.MustCompile(`%[qsdv]`)
	keys := regexp.MustCompile(`(?m)^\s*"(data\.syntax\.[a-z.]+)":`).FindAllSubmatch(catalogue, -1)
	if len(keys) < 10 {
		t.Fatalf("%d syntax messages in the catalogue", len(keys))
	}
	for _, m := range keys {
		parts := verb.Split(vi.T(string(m[1])), -1)
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		if !regexp.MustCompile(strings.Join(parts, ".*")).Match(doc) {
			t.Errorf("docs/data-format.md does not give the message %s (%q)", m[1], vi.T(string(m[1])))
		}
	}
}
