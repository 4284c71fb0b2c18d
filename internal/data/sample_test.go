package data

import (
	"os"
	"testing"
)

// The sample site in data/ must pass with no error and no warning.
func TestSampleData(t *testing.T) {
	d, diags := Load(os.DirFS("../.."), "")
	for _, e := range diags {
		t.Error(e)
	}
	if d == nil {
		t.Fatal("no data")
	}
	if got := len(d.Cells); got != 4 {
		t.Errorf("cells: got %d, want 4", got)
	}
}
