package data

import (
	"fmt"
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

// The sample site answers with the published figures.
func TestSampleFigures(t *testing.T) {
	d, _ := Load(os.DirFS("../.."), "")
	if d == nil {
		t.Fatal("no data")
	}
	tests := []struct {
		name, subject string
		period        Period
		known         Date
		want          string
	}{
		{"admitted", "khoi-dn", Year(2017), Date{}, "over 200 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"admitted", "prime-group", Year(2017), Date{}, "17 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"admitted", "khoi-dn", Period{2010, 2015}, Date{}, "1071 source=dukdnvinhphuc.vn: Đại hội Đảng bộ Khối lần thứ II, 2015"},
		{"owners", "khoi-dn", Period{2010, 2015}, Date{}, "14 source=dukdnvinhphuc.vn: Đại hội Đảng bộ Khối lần thứ II, 2015"},
		{"admitted", "khoi-dn", Year(2018), Date{}, "187 as_of=2018-11-15 source=dukdnvinhphuc.vn, số liệu đến 15/11/2018"},
		{"confirmed", "khoi-dn", Year(2018), Date{}, "181 as_of=2018-11-15 source=dukdnvinhphuc.vn, số liệu đến 15/11/2018"},
		{"target", "khoi-dn", Year(2017), Date{}, "200–220 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"target", "khoi-dn", Year(2018), Date{}, "200–220 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"achieved", "khoi-dn", Year(2017), Date{}, "over 100.0% source=Báo Vĩnh Phúc, 02/02/2018"},
		{"members", "khoi-dn", Year(2018), Date{}, "3276 as_of=2018-11-15 source=dukdnvinhphuc.vn, số liệu đến 15/11/2018"},
		{"members", "khoi-dn", Year(2018), Date{2018, 2, 2}, "3232 as_of=2018-02-02 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"units", "khoi-dn", Year(2018), Date{}, "72 as_of=2018-02-02 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"members", "khoi-dn", Year(2015), Date{}, "under 3000 as_of=2015-08-17 source=dukdnvinhphuc.vn: Đại hội Đảng bộ Khối lần thứ II, 17–19/8/2015"},
		{"members", "prime-group", Year(2018), Date{}, "over 200 as_of=2018-02-02 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"referred", "doan-khoi", Year(2017), Date{}, "162 source=Báo Vĩnh Phúc, 02/02/2018"},
		{"conversion", "doan-khoi", Year(2017), Date{}, "69.8% source=Báo Vĩnh Phúc, 02/02/2018"},
	}
	for _, tt := range tests {
		f, err := d.Figure(Query{Name: tt.name, Subject: tt.subject, Period: tt.period, On: tt.known})
		if got := describe(f, err); got != tt.want {
			t.Errorf("%s %s %s: got %q, want %q", tt.name, tt.subject, tt.period, got, tt.want)
		}
	}
	if got, want := fmt.Sprint(d.Years()), "[2009 2015 2016 2017 2018 2019 2020]"; got != want {
		t.Errorf("Years() = %s, want %s", got, want)
	}
}
