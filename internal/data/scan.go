package data

import (
	"strings"
	"unicode/utf8"
)

// The TOML decoder tells what a file holds but not where each key was
// written, and every message must name the line of the offending key. So
// after a file decodes, a light scan of its text finds every table header
// and every key, in the order the decoder meets them: the n-th `[[cell]]`
// header is the n-th element of the decoded "cell" array.

// place is a line and a column (both 1-based, the column in characters).
// Two int32s: the data of a national site has millions of them, and no
// file within the bounds of data/ has 2³¹ lines or characters to a line.
type place struct{ line, col int32 }

func (p place) pos(path string) Pos { return Pos{path, int(p.line), int(p.col)} }

// occurrence is one table as written: a `[[cell]]` header and the keys
// under it, or the top level of the file (name "").
type occurrence struct {
	name  string // the header's name, e.g. "cell"; "" for the top level
	array bool   // written [[name]]
	at    place  // of the header
	keys  []keyAt
}

// keyAt is where a key of a table was first written. A table's keys are
// a list, not a map: a record has a few keys, and a map of them took
// three times the memory, for every record, while the data loads.
type keyAt struct {
	key string
	at  place
}

// fileIndex is the scan of one file.
type fileIndex struct {
	top    *occurrence
	tables map[string][]*occurrence // by header name, in file order
}

// key returns where key was written in occ, or the header's place when
// the scan did not see it (e.g. a key from an inline array of tables).
func (o *occurrence) key(k string) place {
	if o == nil {
		return place{1, 1}
	}
	if p, ok := o.find(k); ok {
		return p
	}
	return o.at
}

func (o *occurrence) find(k string) (place, bool) {
	for _, ka := range o.keys {
		if ka.key == k {
			return ka.at, true
		}
	}
	return place{}, false
}

// add notes where key was written, unless it was seen before.
func (o *occurrence) add(k string, at place) {
	if _, seen := o.find(k); !seen {
		o.keys = append(o.keys, keyAt{k, at})
	}
}

// table returns the i-th occurrence of header name, or nil.
func (ix *fileIndex) table(name string, i int) *occurrence {
	if ts := ix.tables[name]; i >= 0 && i < len(ts) {
		return ts[i]
	}
	return nil
}

// scanFile indexes src, which the decoder has already accepted; on any
// other text it still returns, with what it could find.
func scanFile(src string) *fileIndex {
	s := &scanner{src: src, line: 1}
	ix := &fileIndex{tables: map[string][]*occurrence{}}
	ix.top = &occurrence{at: place{1, 1}}
	cur := ix.top
	for s.i < len(s.src) {
		s.skipBlank()
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; {
		case c == '#':
			s.skipComment()
		case c == '\n':
			s.newline()
		case c == '[':
			at := s.place()
			array := strings.HasPrefix(s.src[s.i:], "[[")
			if array {
				s.i += 2
			} else {
				s.i++
			}
			path := s.keyPath()
			s.skipLine()
			if len(path) == 0 {
				continue
			}
			if len(path) > 1 {
				// [cell.extra] belongs to the last [[cell]]: it is a key of it.
				if last := ix.table(path[0], len(ix.tables[path[0]])-1); last != nil {
					last.add(intern(path[1]), at)
				}
				continue
			}
			cur = &occurrence{name: intern(path[0]), array: array, at: at}
			ix.tables[cur.name] = append(ix.tables[cur.name], cur)
		default:
			at := s.place()
			path := s.keyPath()
			if len(path) == 0 || s.i >= len(s.src) || s.src[s.i] != '=' {
				s.skipLine()
				continue
			}
			s.i++
			cur.add(intern(path[0]), at)
			s.value(cur, path[0])
			s.skipLine()
		}
	}
	return ix
}

type scanner struct {
	src       string
	i         int // byte offset
	line      int
	lineStart int // byte offset of the current line
	// chars is the number of characters of the current line before byte
	// charsAt, so that the places of many keys on one long line are
	// counted each from the last.
	chars, charsAt int
}

func (s *scanner) place() place {
	if s.charsAt < s.lineStart || s.charsAt > s.i {
		s.chars, s.charsAt = 0, s.lineStart
	}
	s.chars += utf8.RuneCountInString(s.src[s.charsAt:s.i])
	s.charsAt = s.i
	return place{int32(s.line), int32(s.chars + 1)}
}

func (s *scanner) newline() {
	s.i++
	s.line++
	s.lineStart = s.i
}

func (s *scanner) skipBlank() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\r') {
		s.i++
	}
}

func (s *scanner) skipComment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// skipLine skips to the end of the line (strings and arrays were
// consumed by value, so what is left is blanks and a comment).
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// keyPath reads a dotted key (bare or quoted parts) and stops after the
// blanks that follow it.
func (s *scanner) keyPath() []string {
	var path []string
	for {
		s.skipBlank()
		if s.i >= len(s.src) {
			return path
		}
		var part string
		switch s.src[s.i] {
		case '"', '\'':
			part = s.quoted()
		default:
			start := s.i
			for s.i < len(s.src) && isBareKey(s.src[s.i]) {
				s.i++
			}
			if s.i == start {
				return path
			}
			part = s.src[start:s.i]
		}
		path = append(path, part)
		s.skipBlank()
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		return path
	}
}

func isBareKey(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line string and returns its text (escapes are kept
// as written: keys of this format never need them).
func (s *scanner) quoted() string {
	q := s.src[s.i]
	s.i++
	start := s.i
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if q == '"' && s.src[s.i] == '\\' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n' {
			s.i++
		}
		s.i++
	}
	text := s.src[start:s.i]
	if s.i < len(s.src) && s.src[s.i] == q {
		s.i++
	}
	return text
}

// value skips one value, which may span lines (multi-line strings and
// arrays); the keys of an inline table are recorded as "key.sub".
func (s *scanner) value(cur *occurrence, key string) {
	s.skipBlank()
	if s.i >= len(s.src) {
		return
	}
	switch c := s.src[s.i]; {
	case strings.HasPrefix(s.src[s.i:], `"""`), strings.HasPrefix(s.src[s.i:], `'''`):
		s.multiline(s.src[s.i : s.i+3])
	case c == '"' || c == '\'':
		s.quoted()
	case c == '[':
		s.i++
		for s.i < len(s.src) {
			s.skipBlank()
			if s.i >= len(s.src) {
				return
			}
			switch s.src[s.i] {
			case ']':
				s.i++
				return
			case '\n':
				s.newline()
			case '#':
				s.skipComment()
			case ',':
				s.i++
			default:
				before := s.i
				s.value(cur, key)
				if s.i == before {
					s.i++
				}
			}
		}
	case c == '{':
		s.i++
		for s.i < len(s.src) {
			s.skipBlank()
			if s.i >= len(s.src) || s.src[s.i] == '\n' {
				return
			}
			switch s.src[s.i] {
			case '}':
				s.i++
				return
			case ',':
				s.i++
			default:
				at := s.place()
				path := s.keyPath()
				if len(path) == 0 || s.i >= len(s.src) || s.src[s.i] != '=' {
					s.i++
					continue
				}
				s.i++
				if cur != nil {
					cur.add(intern(key+"."+path[0]), at)
				}
				s.value(nil, "")
			}
		}
	default:
		// A bare value (number, date, boolean) ends at a blank, a comma
		// or a closing bracket.
		for s.i < len(s.src) {
			switch s.src[s.i] {
			case ' ', '\t', '\r', '\n', ',', ']', '}', '#':
				return
			}
			s.i++
		}
	}
}

func (s *scanner) multiline(delim string) {
	s.i += 3
	for s.i < len(s.src) {
		switch {
		case strings.HasPrefix(s.src[s.i:], delim):
			s.i += 3
			// A closing delimiter may be followed by up to two more quotes
			// that belong to the string.
			for n := 0; n < 2 && s.i < len(s.src) && s.src[s.i] == delim[0]; n++ {
				s.i++
			}
			return
		case s.src[s.i] == '\\' && delim[0] == '"' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n':
			s.i += 2
		case s.src[s.i] == '\n':
			s.newline()
		default:
			s.i++
		}
	}
}
