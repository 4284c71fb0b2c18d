// Package diag holds the one error type every stage reports: a message a
// data keeper can act on, with the place it is about.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in the input. Msg says what is wrong and
// Help what to do; both are already in the site's language.
type Diagnostic struct {
	Path     string // as the user would type it
	Line     int    // 1-based; 0 when the problem is about the whole file
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Msg      string
	Help     string
	// Marker is the word a warning starts with, in the site's language
	// like Msg ("cảnh báo"); "warning" when it is not set.
	Marker string
}

// Error formats the diagnostic as `path:line:col: msg; help`, a warning
// as `path:line:col: MARKER: msg; help`. The marker is in the site's
// language, as every other word a clerk reads; editors and CI read the
// place, which comes first.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString(cmp.Or(d.Marker, "warning"))
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Help != "" {
		b.WriteString("; ")
		b.WriteString(d.Help)
	}
	return b.String()
}

// List collects diagnostics from every stage of one run.
type List []*Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Sort orders by path, line, column, then message, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Error joins all diagnostics, one per line, so a List can be returned as an error.
func (l List) Error() string {
	s := make([]string, len(l))
	for i, d := range l {
		s[i] = d.Error()
	}
	return strings.Join(s, "\n")
}
