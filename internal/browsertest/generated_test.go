package browsertest

import (
	"testing"

	"sitegen/internal/testsite"
)

// generatedSite builds a synthetic site like the benchmark's, small enough
// to open every page.
func generatedSite(t *testing.T) *site {
	src := t.TempDir()
	if err := testsite.WriteDir(testsite.Generate(40, 4, 30, 1), src); err != nil {
		t.Fatal(err)
	}
	return buildSite(t, src)
}

func TestGeneratedSite(t *testing.T) { checkSite(t, generatedSite(t)) }

func TestGeneratedSiteValidHTML(t *testing.T) { checkValid(t, generatedSite(t)) }
