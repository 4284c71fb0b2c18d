package data

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Slip is a mistake in one line of TOML that keepers and editors make
// often and the decoder says only in its own English ("expected '.' or
// '=', but got 'ế' instead"): found from the line's text, so that each
// stage can say it in the site's language, with the fix. data says the
// slips of data/, content those of an article's front matter.
type Slip struct {
	// Kind names the slip; each stage's catalogue has a message for it:
	// "zero" (a number with a leading zero, 012), "comma" (a decimal
	// comma, 98,5), "curly" (typographic quotes, “…”), "key" (a key in
	// Vietnamese, or with spaces), "colon" (key: value, as YAML writes it),
	// "unquoted" (text without its quotes), "unclosed" (text whose quote
	// is not closed on its line), "date" (a day that is not in the
	// calendar, or a time of day past 23:59), "array" and "inline" (a list
	// or an inline table not closed on its line), "backslash" (a \ in
	// text that is no escape of TOML).
	Kind string
	Col  int    // where the slip is, in characters from 1
	Key  string // the key as written
	Val  string // the value as written
	Fix  string // the line or the key as it should be written
	Near bool   // Fix is a key one letter off the one written, not its English
}

var (
	leadingZero  = regexp.MustCompile(`(?:^|[\[\s,])([+-]?)0+([0-9]+)(?:$|[\]\s,])`)
	badEscape    = regexp.MustCompile(`\\[^btnfr"\\uU]`)
	decimalComma = regexp.MustCompile(`^[+-]?[0-9]+,[0-9]+$`)
	colonKey     = regexp.MustCompile(`^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t]*$`)
	plainValue   = regexp.MustCompile(`^[0-9][0-9-]*$`) // a number or a date
	dateValue    = regexp.MustCompile(`^[0-9]+[-:][0-9:.TZ+ -]*$`)
)

// FindSlip looks for a slip in line, a line the decoder refused. words
// maps the id form of a Vietnamese key (see suggestID: "ket-nap") to the
// key of the format it stands for; keys are the keys of the format, for a
// key one letter off.
func FindSlip(line string, words map[string]string, keys []string) (Slip, bool) {
	if i := curlyOutside(line); i >= 0 {
		fix := strings.NewReplacer("“", `"`, "”", `"`, "‘", `'`, "’", `'`).Replace(strings.TrimSpace(line))
		return Slip{Kind: "curly", Col: utf8.RuneCountInString(line[:i]) + 1, Fix: fix}, true
	}
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		if m := colonKey.FindStringSubmatch(line); m != nil && m[2] != "" {
			return Slip{Kind: "colon", Col: strings.Index(line, m[1]) + 1, Key: m[1], Fix: m[1] + " = " + tomlValue(m[2])}, true
		}
		return Slip{}, false
	}
	key := strings.TrimSpace(line[:eq])
	if key != "" && !strings.ContainsAny(key, `"'[#`) {
		if strings.ContainsAny(key, " \t") || !asciiKey(key) {
			fix, near := EnglishKey(key, words), false
			if fix == "" {
				fix = closest(strings.ReplaceAll(suggestID(key), "-", "_"), keys)
				near = fix != ""
			}
			return Slip{Kind: "key", Col: strings.Index(line, key) + 1, Key: key, Fix: fix, Near: near}, true
		}
	}
	value := strings.TrimSpace(line[eq+1:])
	if j := strings.IndexByte(value, '#'); j >= 0 {
		value = strings.TrimSpace(value[:j])
	}
	col := utf8.RuneCountInString(line[:eq+1+strings.Index(line[eq+1:], value)]) + 1
	switch m := leadingZero.FindStringSubmatchIndex(value); {
	case m != nil && !strings.ContainsAny(value, `"'`) && !dateToken.MatchString(value[m[2]:]):
		// A number, alone or in a list: 012, [02017].
		num := value[m[2]:m[5]]
		fixed := value[:m[2]] + value[m[2]:m[3]] + value[m[4]:]
		return Slip{Kind: "zero", Col: col + utf8.RuneCountInString(value[:m[2]]), Key: key, Val: num, Fix: key + " = " + fixed}, true
	case decimalComma.MatchString(value):
		return Slip{Kind: "comma", Col: col, Key: key, Val: value, Fix: key + " = " + strings.Replace(value, ",", ".", 1)}, true
	case (strings.HasPrefix(value, `"`) || strings.HasPrefix(value, "'")) && unclosed(value) >= 0:
		// Said where the quote is missing: at the end of the line.
		end := utf8.RuneCountInString(strings.TrimRight(line, " \t\r")) + 1
		return Slip{Kind: "unclosed", Col: end, Key: key, Fix: key + " = " + value + value[:1]}, true
	case dateValue.MatchString(value):
		return Slip{Kind: "date", Col: col, Key: key, Val: value}, true
	case strings.HasPrefix(value, "[") && !closes(value, '[', ']'):
		return Slip{Kind: "array", Col: col, Key: key}, true
	case strings.HasPrefix(value, "{") && !closes(value, '{', '}'):
		return Slip{Kind: "inline", Col: col, Key: key}, true
	case strings.HasPrefix(value, `"`) && badEscape.MatchString(value):
		i := badEscape.FindStringIndex(value)[0]
		return Slip{Kind: "backslash", Col: col + utf8.RuneCountInString(value[:i]), Key: key, Fix: key + " = '" + strings.Trim(value, `"`) + "'"}, true
	case isWord(value) && value != "true" && value != "false":
		return Slip{Kind: "unquoted", Col: col, Key: key, Val: value, Fix: key + " = " + tomlValue(value)}, true
	}
	return Slip{}, false
}

// EnglishKey is the key of the format that key, a Vietnamese word with
// or without its diacritics ("kết nạp", "ket_nap"), stands for in words
// (see FindSlip); "" when words has none.
func EnglishKey(key string, words map[string]string) string { return words[suggestID(key)] }

// curlyOutside is where the first curly quote of line stands that is not
// inside text in straight quotes ("Chi bộ “A”" is right), or -1.
func curlyOutside(line string) int {
	quote, escaped := rune(0), false
	for i, c := range line {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && c == '\\':
			escaped = true
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return -1
		case strings.ContainsRune("“”‘’", c):
			return i
		}
	}
	return -1
}

// asciiKey reports whether key is made of what a bare key of TOML may
// hold, dots between its parts.
func asciiKey(key string) bool {
	for i := 0; i < len(key); i++ {
		if !isBareKey(key[i]) && key[i] != '.' {
			return false
		}
	}
	return true
}

// tomlValue writes a value given in YAML's way as TOML writes it: text
// in quotes; a number, a date, true or false, a quoted text or a list as
// it is.
func tomlValue(v string) string {
	switch {
	case v == "true" || v == "false", strings.HasPrefix(v, `"`), strings.HasPrefix(v, "'"), strings.HasPrefix(v, "["),
		plainValue.MatchString(v):
		return v
	}
	return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
}
