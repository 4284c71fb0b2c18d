package browsertest

import (
	"strings"
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
	s := buildSite(t, src)
	// Every chart has its own page, more than half the pages of this
	// site, all alike: a few are opened here, every one of the sample
	// site's in TestSampleSite and TestSampleSiteChartPagesInIframes.
	var kept []string
	charts := 0
	for _, p := range s.pages {
		if strings.HasPrefix(p, "bieu-do/") {
			if charts++; charts > 5 {
				continue
			}
		}
		kept = append(kept, p)
	}
	s.pages = kept
	return s
}

func TestGeneratedSite(t *testing.T) { checkSite(t, generatedSite(t)) }

func TestGeneratedSiteValidHTML(t *testing.T) { checkValid(t, generatedSite(t)) }
