// Package i18n holds everything that depends on the site's language: the
// catalogue of messages and labels, and the formats of numbers,
// percentages and dates. Each language is one file of this package
// (vi.go, en.go) and one line of languages. Vietnamese is the default;
// English is beside it.
package i18n

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Lang is a site language as written in `[site] language`.
type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

// lang is everything that depends on one language.
type lang struct {
	tag  language.Tag // the language of numbers, for golang.org/x/text
	date func(y int, m time.Month, d int) string
	// apostrophes tells that the typographer may turn ' into ’ by the
	// English rules ('twas, rock 'n' roll).
	apostrophes bool
	texts       map[string]string
}

// languages are the languages a site may be written in.
var languages = map[Lang]*lang{VI: &vi, EN: &en}

// Valid reports whether the format knows the language.
func (l Lang) Valid() bool { return languages[l] != nil }

// Names lists the languages a site may be written in: the default
// first, then the others in order.
func Names() []string {
	out := make([]string, 0, len(languages))
	for l := range languages {
		if l != VI {
			out = append(out, string(l))
		}
	}
	slices.Sort(out)
	return append([]string{string(VI)}, out...)
}

// Locale formats text for one language. It is safe for concurrent use.
type Locale struct {
	Lang    Lang
	lang    *lang
	printer *message.Printer
	// ints caches Int: golang.org/x/text formats exactly but slowly, and
	// the same small counts recur on every page of a site.
	ints sync.Map // int64 → string
}

// New returns the locale of l; a language the format does not know is
// Vietnamese, the format's default.
func New(l Lang) *Locale {
	if !l.Valid() {
		l = VI
	}
	return &Locale{Lang: l, lang: languages[l], printer: message.NewPrinter(languages[l].tag)}
}

// Apostrophes reports whether the typographer may use the English
// apostrophe rules on text of this language.
func (l *Locale) Apostrophes() bool { return l.lang.apostrophes }

// T looks key up in the catalogue and formats it with args (fmt verbs).
// A key missing from the catalogue is a programming error; it is shown as
// the key itself so that a page never goes blank.
func (l *Locale) T(key string, args ...any) string {
	s, ok := l.lang.texts[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Int formats a whole number with the language's grouping: 3.232 or 3,232.
func (l *Locale) Int(n int64) string {
	if s, ok := l.ints.Load(n); ok {
		return s.(string)
	}
	s := l.printer.Sprintf("%d", n)
	l.ints.Store(n, s)
	return s
}

// Year formats a year without grouping: 2017, never 2.017.
func (l *Locale) Year(y int) string { return fmt.Sprint(y) }

// Tenths formats a number given in tenths with exactly one decimal:
// 698 → 69,8 or 69.8.
func (l *Locale) Tenths(t int64) string {
	return l.printer.Sprint(number.Decimal(float64(t)/10, number.Scale(1)))
}

// Seconds formats a duration in seconds with two decimals: 0,38 or 0.38.
func (l *Locale) Seconds(d time.Duration) string {
	return l.printer.Sprint(number.Decimal(d.Seconds(), number.Scale(2)))
}

// Percent formats a percentage given in tenths of a percent: 698 → 69,8%.
func (l *Locale) Percent(tenths int64) string { return l.Tenths(tenths) + "%" }

// ApproxWord is the word an approximate figure is published with
// ("trên", "gần", "khoảng"); empty for an exact figure.
func (l *Locale) ApproxWord(approx string) string {
	if approx == "" {
		return ""
	}
	return l.T("approx." + approx)
}

// Count formats a count with its approximation word: "trên 200", "3.232".
func (l *Locale) Count(value int64, approx string) string {
	if w := l.ApproxWord(approx); w != "" {
		return w + " " + l.Int(value)
	}
	return l.Int(value)
}

// Range formats a target: "200–220", or "170" when both ends are equal.
func (l *Locale) Range(min, max int64) string {
	if min == max {
		return l.Int(min)
	}
	return l.Int(min) + "–" + l.Int(max)
}

// PercentApprox formats a percentage with its approximation word.
func (l *Locale) PercentApprox(tenths int64, approx string) string {
	if w := l.ApproxWord(approx); w != "" {
		return w + " " + l.Percent(tenths)
	}
	return l.Percent(tenths)
}

// Date formats a calendar day: 02/02/2018 in Vietnamese, 2 February 2018 in English.
func (l *Locale) Date(y int, m time.Month, d int) string { return l.lang.date(y, m, d) }
