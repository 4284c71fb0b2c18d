package build

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/testenv"
)

// TestXLSXOpensInLibreOffice opens every workbook of the sample site in
// LibreOffice, as a journalist without Excel would, and compares what it
// reads with the CSV download beside it: the same header, the same
// numbers and texts in every row, dates as the CSV writes them. The
// first row of a workbook is its note, which the CSV has not.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	soffice := testenv.Command(t, "soffice", "apt-get install --no-install-recommends libreoffice-calc-nogui")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, copySite(t, "../.."), out)
	var books []string
	for _, dir := range []string{"so-lieu", "du-lieu"} {
		m, _ := filepath.Glob(filepath.Join(out, dir, "*.xlsx"))
		books = append(books, m...)
	}
	if len(books) < 7 {
		t.Fatalf("%d workbooks in the sample site, want the 6 tables of so-lieu/ and the charts' ones: %q", len(books), books)
	}
	conv := t.TempDir()
	// Comma, double quote, UTF-8, from the first row: the CSV download's
	// own dialect. One run converts all of them (a start takes seconds);
	// a profile of its own keeps the user's LibreOffice out of it.
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir()), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", conv}
	cmd := exec.Command(soffice, append(args, books...)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, book := range books {
		name := strings.TrimSuffix(filepath.Base(book), ".xlsx") + ".csv"
		got := readCSVFile(t, filepath.Join(conv, name), false)
		want := readCSVFile(t, filepath.Join(filepath.Dir(book), name), true)
		if len(got) != len(want)+1 {
			t.Errorf("%s: LibreOffice reads %d rows, want the note and the CSV's %d", filepath.Base(book), len(got), len(want))
			continue
		}
		for i, w := range want {
			g := got[i+1]
			// LibreOffice writes every row as wide as the widest (the note's).
			for len(g) > len(w) && g[len(g)-1] == "" {
				g = g[:len(g)-1]
			}
			for j := range w {
				w[j] = unguard(w[j])
			}
			if !slices.Equal(g, w) {
				t.Errorf("%s row %d: LibreOffice reads\n%q\nthe CSV holds\n%q", filepath.Base(book), i+2, g, w)
			}
		}
	}
	t.Logf("%d workbooks read by LibreOffice as their CSV files", len(books))
}

// readCSVFile reads a CSV file; bom says it must start with one.
func readCSVFile(t *testing.T, path string, bom bool) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(b, []byte("\ufeff"))
	if bom && !ok {
		t.Errorf("%s has no BOM", path)
	}
	r := csv.NewReader(bytes.NewReader(rest))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// unguard takes off the apostrophe the CSV puts before a text that a
// spreadsheet would run as a formula; a workbook holds it as text.
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
