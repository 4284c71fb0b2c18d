package export

import (
	"bytes"
	"time"

	"sitegen/internal/data"
	"sitegen/internal/site"
	"sitegen/internal/version"
)

// The downloads of the figure log (dinh-chinh/): one row per changed
// figure, newest commit first, and the version files (phien-ban/), every
// figure as published in one data version. A figure's columns are
// those of the format: its value as a program reads it (187, 200-220,
// 69.8), its approximation and the day it was counted to.

// ChangeColumns are the columns of the log's CSV file and of each object
// of its JSON rows, in order.
var ChangeColumns = []string{
	"date", "commit", "kind", "link", "name", "subject", "period",
	"before", "before_approx", "before_as_of",
	"after", "after_approx", "after_as_of",
	"message", "reason",
}

// NotPublished is the kind of the row of a commit whose data did not
// pass check.
const NotPublished = "not_published"

func changesSheet(log *site.Log) *sheet {
	return &sheet{header: ChangeColumns, rows: func(yield func([]cell) bool) {
		for _, e := range log.Entries {
			head := []cell{text(e.Date.Format(time.DateOnly)), text(e.Commit)}
			tail := []cell{text(e.Subject), text(e.Reason)}
			if e.Refused {
				row := append(append([]cell(nil), head...), text(NotPublished))
				row = append(row, make([]cell, len(ChangeColumns)-len(head)-len(tail)-1)...)
				if !yield(append(row, tail...)) {
					return
				}
				continue
			}
			for _, c := range e.Changes {
				f := c.After
				if f == nil {
					f = c.Before
				}
				row := append(append([]cell(nil), head...), text(string(c.Kind)), text(c.Key()), text(f.Name), text(f.Subject), text(f.Period.String()))
				row = append(figureCells(row, c.Before), figureCells(nil, c.After)...)
				if !yield(append(row, tail...)) {
					return
				}
			}
		}
	}}
}

// figureCells appends a figure's value, approximation and day counted
// to; empty cells for none.
func figureCells(row []cell, f *data.Figure) []cell {
	if f == nil {
		return append(row, cell{}, cell{}, cell{})
	}
	return append(row, text(f.Value()), approx(f.ApproxOf()), date(f.AsOf))
}

// ChangesCSV is the figure log as a CSV file.
func ChangesCSV(log *site.Log, v version.Version) []byte { return changesSheet(log).csv(v) }

// ChangesJSON is the figure log as a JSON object: the data version and
// the rows of the CSV file as objects.
func ChangesJSON(log *site.Log, v version.Version) []byte {
	var b bytes.Buffer
	o := newObject(&b, "")
	versionFields(o, v)
	o.key("changes")
	changesSheet(log).jsonRows(&b)
	o.end()
	b.WriteString("\n")
	return b.Bytes()
}

// VersionJSON is every figure as published in one data version (id, its
// commit date): each with its permanent link, so that a citation of that
// version can be checked later.
func VersionJSON(id string, day time.Time, figures []site.Anchored) []byte {
	var b bytes.Buffer
	o := newObject(&b, "")
	o.field(ColDataVersion, id)
	o.field(ColDataDate, day.Format(time.DateOnly))
	o.key("figures")
	sh := &sheet{header: []string{"link", "name", "subject", "period", "value", "approx", "as_of"}, rows: func(yield func([]cell) bool) {
		for _, a := range figures {
			f := a.Figure
			if !yield([]cell{text(a.Key()), text(f.Name), text(f.Subject), text(f.Period.String()), text(f.Value()), approx(f.ApproxOf()), date(f.AsOf)}) {
				return
			}
		}
	}}
	sh.jsonRows(&b)
	o.end()
	b.WriteString("\n")
	return b.Bytes()
}
