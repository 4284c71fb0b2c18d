package data

import (
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"sitegen/internal/diag"
)

// baseSite is a small valid site the rule tests add one mistake to.
const baseSite = `
-- data/site.toml --
[site]
title = "Thử"
root = "khoi"

-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
founded = 2009-03-31

[[cell]]
id = "pxsx"
name = "Chi bộ Phân xưởng sản xuất"
kind = "chi-bo-co-so"
parent = "khoi"

[[referrer]]
id = "doan-khoi"
name = "Đoàn Khối"
kind = "youth-union"
`

// load reads a site given as a txtar archive.
func load(t testing.TB, archive string) (*Data, diag.List) {
	t.Helper()
	fsys, err := txtar.FS(txtar.Parse([]byte(archive)))
	if err != nil {
		t.Fatal(err)
	}
	return Load(fsys, "")
}

// messages is every diagnostic of a load, one per line.
func messages(diags diag.List) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	return b.String()
}
