package data

import (
	"encoding/json"
	"os"
	"testing"
)

func TestGenCases(t *testing.T) {
	var cases []struct {
		Name, Files, Want string
		Full             bool
	}
	b, _ := os.ReadFile("/tmp/gen/cases.json")
	json.Unmarshal(b, &cases)
	for i, c := range cases {
		a := c.Files
		if !c.Full {
			a = baseSite + a
		}
		_, diags := load(t, a)
		cases[i].Want = messages(diags)
	}
	b, _ = json.MarshalIndent(cases, "", " ")
	os.WriteFile("/tmp/gen/out.json", b, 0o644)
}
