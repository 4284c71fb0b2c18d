package data

import (
	"strings"
	"unicode/utf8"
)

// Bounds checked before a text is decoded or parsed, on what the
// libraries take too long to read. The TOML decoder's time grows with
// the square of how deep a key is: 8,000 inline tables one inside the
// other (a = {b = {c = …}}, 32 KB) took 6–8 s and 2.7 GB, and one key
// of 8,000 dotted parts 3 s. A text past a bound is refused whole, at
// the place where it goes past, before the decoder sees it.

// MaxDepth is how deep a TOML text may nest: each part of a table's
// header, each part of a key and each table or array opened in a value
// is a level. The format needs 4 ([[admission]], then
// admitted = { value = 200, approx = "over" }).
const MaxDepth = 20

// MaxLine is the most characters a line of a data file or an article may
// have: what goes past it is written on more lines.
const MaxLine = 10000

// overBound is where a text goes past a bound, and what to say.
type overBound struct {
	off       int
	msg, help text
}

// bound returns where a TOML text first goes past MaxLine or MaxDepth,
// or nil. It reads the text once, and only so far as to know what nests
// in what; the decoder reports every other mistake.
func bound(src string) *overBound {
	if off, n := LongLine(src); off >= 0 {
		return &overBound{off, t("data.line.long", n, MaxLine), t("data.help.line.long")}
	}
	if off := TooDeep(src); off >= 0 {
		return &overBound{off, t("data.toml.deep", MaxDepth), t("data.help.toml.deep")}
	}
	return nil
}

// boundProblem reports a file that goes past a bound, at its place.
func (l *loader) boundProblem(file, src string, b *overBound) {
	lineStart := strings.LastIndexByte(src[:b.off], '\n') + 1
	line := strings.Count(src[:lineStart], "\n") + 1
	col := utf8.RuneCountInString(src[lineStart:b.off]) + 1
	l.probs.add(problem{pos: Pos{l.display(file), line, col}, record: syntaxLabel(strings.Split(src, "\n"), line), msg: b.msg, help: b.help})
}

// LongLine returns the offset where the first line of more than MaxLine
// characters goes past it, and how many characters that line has; -1
// when no line is that long.
func LongLine[T string | []byte](src T) (off, chars int) {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			chars = 0
		case utf8.RuneStart(c):
			if chars++; chars > MaxLine {
				off = i
				for i++; i < len(src) && src[i] != '\n'; i++ {
					if utf8.RuneStart(src[i]) {
						chars++
					}
				}
				return off, chars
			}
		}
	}
	return -1, 0
}

// TooDeep returns the offset where a TOML text first nests deeper than
// MaxDepth, or -1.
func TooDeep(src string) int {
	s := depthScan{src: src, over: -1}
	s.top()
	return s.over
}

// depthScan follows a TOML text only as far as nesting goes: headers,
// keys, strings (so that a bracket in one is not counted), comments, and
// the tables and arrays of values. On text that is not TOML it stops
// somewhere, never past the end and never going back.
type depthScan struct {
	src  string
	i    int
	over int // where the text first goes past MaxDepth; -1 for nowhere
}

func (s *depthScan) top() {
	header := 0 // the parts of the table's header
	for s.i < len(s.src) && s.over < 0 {
		s.blanks()
		if s.i >= len(s.src) {
			return
		}
		switch s.src[s.i] {
		case '\n':
			s.i++
		case '#':
			s.line()
		case '[':
			s.i++
			if s.i < len(s.src) && s.src[s.i] == '[' {
				s.i++
			}
			header = s.key(0)
			s.line()
		default:
			level := s.key(header)
			s.blanks()
			if s.over >= 0 || s.i >= len(s.src) || s.src[s.i] != '=' {
				s.line()
				continue
			}
			s.i++
			s.value(level)
			s.line()
		}
	}
}

// key reads a dotted key whose first part is at level+1, and returns
// the level of its last part.
func (s *depthScan) key(level int) int {
	for {
		s.blanks()
		if s.i >= len(s.src) {
			return level
		}
		start := s.i
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			s.str()
		default:
			for s.i < len(s.src) && isBareKey(s.src[s.i]) {
				s.i++
			}
			if s.i == start {
				return level
			}
		}
		if level++; level > MaxDepth {
			s.over = start
			return level
		}
		s.blanks()
		if s.i >= len(s.src) || s.src[s.i] != '.' {
			return level
		}
		s.i++
	}
}

// value reads one value of a key at level.
func (s *depthScan) value(level int) {
	s.blanks()
	if s.i >= len(s.src) || s.over >= 0 {
		return
	}
	switch c := s.src[s.i]; c {
	case '"', '\'':
		s.str()
	case '[', '{':
		if level+1 > MaxDepth {
			s.over = s.i
			return
		}
		s.i++
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		for s.i < len(s.src) && s.over < 0 {
			switch s.src[s.i] {
			case ' ', '\t', '\r', '\n', ',':
				s.i++
			case '#':
				s.line()
			case closer:
				s.i++
				return
			default:
				before := s.i
				if c == '[' {
					s.value(level + 1)
				} else {
					inner := s.key(level + 1)
					s.blanks()
					if s.over >= 0 || s.i >= len(s.src) || s.src[s.i] != '=' {
						return // not TOML: the decoder says where
					}
					s.i++
					s.value(inner)
				}
				if s.i == before {
					return
				}
			}
		}
	default:
		// A number, a date, true or false ends at a blank, a comma, a
		// bracket or a comment; but a date's time may follow it after a
		// space (1979-05-27 07:32:00).
		start := s.i
		for s.i < len(s.src) {
			c := s.src[s.i]
			if c == ' ' && s.i-start == 10 && s.src[start+4] == '-' && s.i+1 < len(s.src) && s.src[s.i+1] >= '0' && s.src[s.i+1] <= '9' {
				s.i++
				continue
			}
			if strings.IndexByte(" \t\r\n,]}#", c) >= 0 {
				return
			}
			s.i++
		}
	}
}

// str reads a string of any of the four kinds.
func (s *depthScan) str() {
	q := s.src[s.i]
	if delim := s.src[s.i : s.i+1]; strings.HasPrefix(s.src[s.i:], delim+delim+delim) {
		delim += delim + delim
		for s.i += 3; s.i < len(s.src); s.i++ {
			switch {
			case strings.HasPrefix(s.src[s.i:], delim):
				s.i += 3
				// A closing delimiter may be followed by two quotes of the text.
				for n := 0; n < 2 && s.i < len(s.src) && s.src[s.i] == q; n++ {
					s.i++
				}
				return
			case q == '"' && s.src[s.i] == '\\':
				s.i++
			}
		}
		return
	}
	for s.i++; s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n'; s.i++ {
		if q == '"' && s.src[s.i] == '\\' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n' {
			s.i++
		}
	}
	if s.i < len(s.src) && s.src[s.i] == q {
		s.i++
	}
}

func (s *depthScan) blanks() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\r') {
		s.i++
	}
}

// line skips to the end of the line.
func (s *depthScan) line() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}
