// Command cmd writes a large synthetic site into a folder, to measure a
// full build from disk:
//
//	go run ./internal/testsite/cmd -out /tmp/large
//	/usr/bin/time -v go run ./cmd/sitegen build -src /tmp/large
//
// With -hugo it also writes the same articles as a Hugo site, to measure
// the two side by side (see testsite.Hugo):
//
//	go run ./internal/testsite/cmd -out /tmp/large -hugo /tmp/large-hugo
//	/usr/bin/time -v hugo --quiet --buildFuture -s /tmp/large-hugo -d /tmp/large-hugo-public
package main

import (
	"flag"
	"fmt"
	"os"

	"sitegen/internal/testsite"
)

func main() {
	out := flag.String("out", "", "folder to write the site into (required; must not exist or be empty)")
	cells := flag.Int("cells", 2000, "number of cells")
	years := flag.Int("years", 10, "number of years from 2016")
	articles := flag.Int("articles", 10000, "number of articles")
	seed := flag.Int64("seed", 1, "seed of the figures and names")
	hugo := flag.String("hugo", "", "folder to write the same articles into as a Hugo site, to compare (optional; must not exist or be empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	for _, dir := range []string{*out, *hugo} {
		if entries, err := os.ReadDir(dir); dir != "" && err == nil && len(entries) > 0 {
			fmt.Fprintf(os.Stderr, "gen: %s is not empty; choose a new folder\n", dir)
			os.Exit(1)
		}
	}
	fsys := testsite.Generate(*cells, *years, *articles, *seed)
	if err := testsite.WriteDir(fsys, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files into %s\n", testsite.Files(fsys), *out)
	if *hugo != "" {
		h := testsite.Hugo(fsys)
		if err := testsite.WriteDir(h, *hugo); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d files into %s\n", testsite.Files(h), *hugo)
	}
}
