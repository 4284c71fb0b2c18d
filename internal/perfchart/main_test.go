package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"
)

// The chart in the docs is the one the table in the docs draws: after a
// change of either, run go run ./internal/perfchart from the root.
func TestCheckedIn(t *testing.T) {
	got, err := draw("../../docs/scale.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../docs/scale.svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("docs/scale.svg is not what docs/scale.tsv draws; run go run ./internal/perfchart from the repository's root")
	}
	dec := xml.NewDecoder(bytes.NewReader(want))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("docs/scale.svg is not XML: %v", err)
		}
	}
	// Each figure of the docs' table is in the image as the table writes it.
	for _, s := range []string{"8.5 s", "52–67 s", "2,091 s", "366 s", "101 MB", "5,609 MB", "291,028 pages"} {
		if !bytes.Contains(want, []byte(s)) {
			t.Errorf("%q is not in docs/scale.svg", s)
		}
	}
}

// A mistake in the table is told with where it is and what to write.
func TestReadErrors(t *testing.T) {
	const row2 = "large\t2000\t10\t10000\t18925\t52-67\t423\n"
	for _, tc := range []struct{ name, tsv, want string }{
		{"header", "site\tpages\n" + row2, "t.tsv:1:1: the header is"},
		{"cells", header + "\nsmall\t200.5\t10\t1000\t1917\t8.5\t101\n" + row2, `t.tsv:2:7: cells "200.5" is not a whole number;`},
		{"columns", header + "\nsmall\t200\t10\n" + row2, "t.tsv:2:1: 3 columns; write 7"},
		{"grouped", header + "\nsmall\t200\t10\t1000\t1,917\t8.5\t101\n" + row2, `t.tsv:2:19: pages "1,917" is not a number; write a number`},
		{"below 1", header + "\nsmall\t200\t10\t1000\t1917\t0.5\t101\n" + row2, `t.tsv:2:24: cpu_s "0.5" is less than 1;`},
		{"range", header + "\nsmall\t200\t10\t1000\t1917\t9-8\t101\n" + row2, `t.tsv:2:24: cpu_s "9-8" is a range from high to low;`},
		{"order", header + "\n" + row2 + "small\t200\t10\t1000\t1917\t8.5\t101\n", "t.tsv:3:1: small has no more pages than the site above it;"},
		{"one site", "# only one\n" + header + "\n" + row2, "t.tsv: 1 sites; give at least two"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := read("t.tsv", strings.NewReader(tc.tsv))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one with %q", err, tc.want)
			}
		})
	}
	sites, err := read("t.tsv", strings.NewReader(header+"\nsmall\t200\t10\t1000\t1917\t8.5\t101\n"+row2))
	if err != nil {
		t.Fatal(err)
	}
	sites[1].name = "big"
	if _, err := svg(sites); err == nil || !strings.Contains(err.Error(), `no site named "large"`) {
		t.Errorf("without the large site: error %v, want one naming it", err)
	}
}
