package form

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"sitegen/internal/content"
)

var (
	// A whole number as forms type it: 1071, or 1.071 with the
	// Vietnamese thousands separator (a point, groups of three).
	wholeNumber = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+$|^[0-9]+$`)
	// numberLike is text that data/ should read as a number and explain
	// ("12,5", "3 232"): it goes into the TOML as written, so that check's
	// own message says what is wrong with it.
	numberLike = regexp.MustCompile(`^[0-9][0-9., ]*$`)
	// A target written whole: 200–220, 200 - 220, từ 200 đến 220.
	targetRange  = regexp.MustCompile(`^(?:từ\s*)?([0-9.]+)\s*(?:[-–—]|đến)\s*([0-9.]+)$`)
	dayMonthYear = regexp.MustCompile(`^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$`)
	isoDay       = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// approxWords are the words a published approximate figure starts
// with, and the format's word for each.
var approxWords = []struct{ word, approx string }{
	{"trên", "over"}, {"hơn", "over"}, {"gần", "under"}, {"dưới", "under"}, {"khoảng", "about"}, {"xấp xỉ", "about"},
}

// whole is the number a cell holds, when it is a whole number ≥ 0: a
// number cell (1071, or 1071.0 as a formula may leave it) or text as
// forms type it ("1071", "1.071").
func whole(c Cell) (int64, bool) {
	t := strings.TrimSpace(c.Text)
	if c.Number {
		// A formula's sum may come back as 17.000000000000004.
		if f, err := strconv.ParseFloat(t, 64); err == nil && f >= 0 && math.Abs(f-math.Round(f)) < 1e-9 {
			return int64(math.Round(f)), true
		}
		return 0, false
	}
	if !wholeNumber.MatchString(t) {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(t, ".", ""), 10, 64)
	return n, err == nil
}

// countTOML is a count cell as TOML: 17, or { value = 200, approx =
// "over" } for "trên 200"; a count and its approximation word, for the
// total row's check.
func countTOML(c Cell) (toml string, n int64, ok bool) {
	t := strings.TrimSpace(c.Text)
	approx := ""
	if !c.Number {
		lower := strings.ToLower(t)
		for _, w := range approxWords {
			if rest, found := strings.CutPrefix(lower, w.word); found {
				approx, t = w.approx, strings.TrimSpace(t[len(t)-len(rest):])
				break
			}
		}
	}
	n, ok = whole(Cell{Text: t, Number: c.Number})
	switch {
	case !ok:
		return verbatim(t), 0, false
	case approx != "":
		return fmt.Sprintf(`{ value = %d, approx = %q }`, n, approx), n, true
	}
	return strconv.FormatInt(n, 10), n, true
}

// verbatim is text that is not what its column wants, as the TOML holds
// it for data/ to explain: a number-like text as written, anything else
// as a string.
func verbatim(t string) string {
	if numberLike.MatchString(t) && !strings.ContainsAny(t, "\n\r") {
		return t
	}
	return quote(t)
}

// dateTOML is a day cell as TOML: 2018-02-02.
func dateTOML(c Cell) string {
	t := strings.TrimSpace(c.Text)
	if c.Number {
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			if d, err := excelize.ExcelDateToTime(f, false); err == nil {
				return d.Format(time.DateOnly)
			}
		}
	}
	if m := dayMonthYear.FindStringSubmatch(t); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if day.Day() == d && int(day.Month()) == mo {
			return day.Format(time.DateOnly)
		}
	}
	if isoDay.MatchString(t) {
		return t
	}
	return verbatim(t)
}

// intTOML is a year or a target's bound.
func intTOML(c Cell) string {
	if n, ok := whole(c); ok {
		return strconv.FormatInt(n, 10)
	}
	return verbatim(strings.TrimSpace(c.Text))
}

// rangeTOML is a target written whole as its min and max.
func rangeTOML(c Cell) (min, max string) {
	t := strings.ToLower(strings.TrimSpace(c.Text))
	if m := targetRange.FindStringSubmatch(t); m != nil {
		return intTOML(Cell{Text: m[1]}), intTOML(Cell{Text: m[2]})
	}
	v := intTOML(c)
	return v, v
}

// slugTOML is a word of the format as a form writes it: "Cổ phần" is
// "co-phan", "Đảng bộ cơ sở" "dang-bo-co-so".
func slugTOML(c Cell) string {
	return quote(content.Slugify(strings.TrimSpace(c.Text)))
}

// listTOML is a list of names separated by ";" or new lines.
func listTOML(c Cell) string {
	var items []string
	for _, s := range strings.FieldsFunc(c.Text, func(r rune) bool { return r == ';' || r == '\n' }) {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, quote(s))
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// quote is s as a TOML basic string, as the TOML library writes one.
func quote(s string) string {
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(struct {
		V string `toml:"v"`
	}{s}); err != nil {
		panic("form: a string does not encode: " + err.Error()) // a programming error: every string does
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), "v = "), "\n")
}
