package data

import (
	"sitegen/internal/diag"
	"sitegen/internal/i18n"
)

// problem is a diagnostic before it has a language: the site's language is
// known only once [site] is read, and [site] may be in the last file.
type problem struct {
	pos     Pos
	warning bool
	record  string // how the record is named, e.g. `admission cell="pxsx" year=2022`
	msg     text   // what is wrong
	help    text   // what to do; a zero text for none
}

// text is a catalogue key and its arguments, formatted once the language is known.
type text struct {
	key  string
	args []any
}

func t(key string, args ...any) text { return text{key, args} }

// problems collects every problem of one run.
type problems []problem

func (ps *problems) add(p problem) { *ps = append(*ps, p) }

// format turns the problems into diagnostics in the language of loc.
func (ps problems) format(loc *i18n.Locale) diag.List {
	out := make(diag.List, 0, len(ps))
	for _, p := range ps {
		msg := loc.T(p.msg.key, p.msg.args...)
		if p.record != "" {
			msg = p.record + ": " + msg
		}
		d := &diag.Diagnostic{Path: p.pos.Path, Line: p.pos.Line, Col: p.pos.Col, Msg: msg}
		if p.help.key != "" {
			d.Help = loc.T(p.help.key, p.help.args...)
		}
		if p.warning {
			d.Severity, d.Marker = diag.Warning, loc.T("diag.warning")
		}
		out = append(out, d)
	}
	out.Sort()
	return out
}
