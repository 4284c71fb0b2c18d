package chart_test

import (
	"encoding/json"
	"testing"

	"sitegen/internal/data"
	"sitegen/internal/i18n"
)

// TestSummary: each chart says in one sentence what its last year (or
// day) holds, approximate figures as approximate and figures counted to
// a day with the day, and screen readers hear it after the title.
func TestSummary(t *testing.T) {
	d := load(t)
	tests := []struct {
		name, kind, subject string
		year                int
		on                  data.Date
		vi, en              string
	}{
		{"dated", "admissions", "khoi-dn", 0, data.Date{},
			"Năm 2018 kết nạp 187 đảng viên (đến 15/11/2018), chỉ tiêu 200–220.",
			"In 2018, 187 members were admitted (as of 15 November 2018), against a target of 200–220."},
		{"approximate, as known in 2018", "admissions", "khoi-dn", 0, data.Date{Year: 2018, Month: 2, Day: 2},
			"Năm 2017 kết nạp trên 200 đảng viên, chỉ tiêu 200–220.",
			"In 2017, over 200 members were admitted, against a target of 200–220."},
		{"members", "members", "khoi-dn", 0, data.Date{},
			"Ngày 01/01/2018 có 3.232 đảng viên (ngày 17/08/2015: gần 3.000).",
			"On 1 January 2018 there were 3,232 party members (on 17 August 2015: nearly 3,000)."},
		{"referrals", "referrals", "doan-khoi", 0, data.Date{},
			"Năm 2017 giới thiệu 162 người, 113 người được kết nạp.",
			"In 2017, 162 candidates were referred and 113 admitted."},
		{"cells", "cells", "khoi-dn", 2017, data.Date{},
			"Năm 2017, 2 đơn vị trực thuộc có số liệu; kết nạp nhiều nhất là Đảng bộ Prime Group với 1.017 đảng viên.",
			"In 2017, 2 sub-cells have figures; the most admitted were in Đảng bộ Prime Group: 1,017."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range []struct {
				want string
				lang i18n.Lang
			}{{tt.vi, i18n.VI}, {tt.en, i18n.EN}} {
				c := build(t, d, lang.lang, data.ChartQuery{Kind: tt.kind, Subject: tt.subject, Year: tt.year, On: tt.on})
				if c == nil {
					t.Fatal("no chart")
				}
				if c.Summary != lang.want {
					t.Errorf("summary\n got %q\nwant %q", c.Summary, lang.want)
				}
				var o struct {
					Aria struct {
						Enabled bool
						Label   struct{ Description string }
					}
				}
				if err := json.Unmarshal(opt(t, c), &o); err != nil {
					t.Fatal(err)
				}
				if want := c.Title + ". " + lang.want; !o.Aria.Enabled || o.Aria.Label.Description != want {
					t.Errorf("aria description %q, want %q", o.Aria.Label.Description, want)
				}
			}
		})
	}
}
