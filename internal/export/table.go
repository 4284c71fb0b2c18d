package export

import (
	"bytes"
	"fmt"
	"strconv"

	"sitegen/internal/data"
	"sitegen/internal/version"
)

// Kind says what a Value holds and so which columns it is written in.
type Kind int

const (
	// Text is a label: a name, an id. One column.
	Text Kind = iota
	// Int is a plain number that is not a figure: a year. One column.
	Int
	// Count is a count with its approximation, the day it was counted to,
	// its source, and for a sum over sub-cells how many of how many
	// listed ones it covers: columns NAME, NAME_approx, NAME_as_of,
	// NAME_source, NAME_covered, NAME_listed.
	Count
	// Range is a target: columns NAME_min, NAME_max, NAME_source.
	Range
	// Percent is a percentage in tenths, written with one decimal and a
	// point (69.8), with the columns of a Count.
	Percent
	// Day is a day that is not a figure's: the date of a membership a
	// row shows. One column, 2006-01-02; a date in a workbook.
	Day
)

// Value is one cell of a Table. For a figure (Count, Range, Percent) Set
// false means the data hold no figure there: its columns stay empty, yet
// the column is still written, so every download of a chart has the same
// columns.
type Value struct {
	Kind   Kind
	Text   string      // Text
	Number int64       // Int; Count: the count; Range: min; Percent: tenths of a percent
	Max    int64       // Range
	Approx data.Approx // Count, Percent
	AsOf   data.Date   // the day the figure was counted to; zero for a whole year
	Source string      // where the figure was published; "" for a sum
	Set    bool        // Count, Range, Percent: a figure is held
	// Sum tells a sum over sub-cells: Covered of Listed have a figure.
	Sum             bool
	Covered, Listed int
}

// TextValue is a label cell.
func TextValue(s string) Value { return Value{Kind: Text, Text: s} }

// IntValue is a plain number cell, such as a year.
func IntValue(n int64) Value { return Value{Kind: Int, Number: n, Set: true} }

// DayValue is a day cell.
func DayValue(d data.Date) Value { return Value{Kind: Day, AsOf: d, Set: true} }

// None is an empty cell of a figure column of kind k.
func None(k Kind) Value { return Value{Kind: k} }

// FigureValue is the cell of a figure as data.Data.Figure answers it.
func FigureValue(f data.Figure) Value {
	v := Value{AsOf: f.AsOf, Source: f.Source, Set: true, Sum: f.Sum, Covered: f.Covered, Listed: f.Listed}
	switch f.Kind {
	case data.KindRange:
		v.Kind, v.Number, v.Max = Range, f.Min, f.Max
	case data.KindPercent:
		v.Kind, v.Number, v.Approx = Percent, f.Tenths, f.Approx
	default:
		v.Kind, v.Number, v.Approx = Count, f.Count.Value, f.Count.Approx
		v.Set = f.Count.Set
	}
	return v
}

// CountValue is the cell of a count as a record holds it.
func CountValue(c data.Count, asOf data.Date, source string) Value {
	return Value{Kind: Count, Number: c.Value, Approx: c.Approx, AsOf: asOf, Source: source, Set: c.Set}
}

// Table is the table of figures behind one chart: the same figures as the
// chart, with everything needed to cite each one. Columns name the figure
// each column holds, with the format's names (admitted, target, members,
// referred …) or a TOML key for labels (year, cell, date).
type Table struct {
	Title   string
	Columns []string
	Rows    [][]Value // each row has len(Columns) values
	Version version.Version
}

// columnKinds gives each column the kind of its first figure value, so
// that an empty cell (None) never changes which columns are written.
func (t *Table) columnKinds() []Kind {
	kinds := make([]Kind, len(t.Columns))
	for j := range t.Columns {
		for _, r := range t.Rows {
			if j < len(r) && r[j].Kind != Text {
				kinds[j] = r[j].Kind
				if r[j].Kind != Int {
					break
				}
			}
		}
	}
	return kinds
}

// Header returns the names of the columns of the CSV and of each JSON row,
// in order, without the data version columns the CSV adds.
func (t *Table) Header() []string {
	var h []string
	for j, k := range t.columnKinds() {
		name := t.Columns[j]
		switch k {
		case Count, Percent:
			h = append(h, name, name+"_approx", name+"_as_of", name+"_source", name+"_covered", name+"_listed")
		case Range:
			h = append(h, name+"_min", name+"_max", name+"_source")
		default:
			h = append(h, name)
		}
	}
	return h
}

func (t *Table) sheet() *sheet {
	kinds := t.columnKinds()
	header := t.Header()
	return &sheet{header: header, rows: func(yield func([]cell) bool) {
		// One row's slice for every row: a sheet may reuse it.
		row := make([]cell, 0, len(header))
		for _, r := range t.Rows {
			row = row[:0]
			for j, k := range kinds {
				var v Value
				if j < len(r) {
					v = r[j]
				}
				row = appendCells(row, k, v)
			}
			if !yield(row) {
				return
			}
		}
	}}
}

// appendCells appends v to row in the columns of a column of kind k.
func appendCells(row []cell, k Kind, v Value) []cell {
	switch k {
	case Count, Percent:
		if !v.Set {
			return append(row, cell{}, cell{}, cell{}, cell{}, cell{}, cell{})
		}
		n := integer(v.Number)
		if k == Percent {
			n = tenths(v.Number)
		}
		row = append(row, n, approx(v.Approx), date(v.AsOf), text(v.Source))
		if !v.Sum {
			return append(row, cell{}, cell{})
		}
		return append(row, integer(int64(v.Covered)), integer(int64(v.Listed)))
	case Range:
		if !v.Set {
			return append(row, cell{}, cell{}, cell{})
		}
		return append(row, integer(v.Number), integer(v.Max), text(v.Source))
	case Int:
		if v.Kind == Text {
			return append(row, text(v.Text))
		}
		return append(row, integer(v.Number))
	case Day:
		return append(row, date(v.AsOf))
	default:
		if v.Kind == Int {
			return append(row, integer(v.Number))
		}
		return append(row, text(v.Text))
	}
}

func integer(n int64) cell {
	return cell{csv: strconv.FormatInt(n, 10), kind: jsonNumber}
}

// tenths writes tenths of a percent as a decimal number with a point, the
// form every spreadsheet and program reads whatever its language.
func tenths(t int64) cell {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	s := fmt.Sprintf("%s%d.%d", sign, t/10, t%10)
	return cell{csv: s, kind: jsonNumber}
}

func approx(a data.Approx) cell {
	if a == data.Exact {
		return cell{}
	}
	return cell{csv: string(a), kind: jsonText, text: string(a)}
}

func date(d data.Date) cell {
	if d.IsZero() {
		return cell{}
	}
	s := d.String()
	return cell{csv: s, kind: jsonText, text: s, day: true}
}

// CSV is the table as a CSV file: UTF-8 with a BOM, a header row of
// Header() and then data_version and data_date.
func (t *Table) CSV() []byte { return t.sheet().csv(t.Version) }

// JSON is the table as a JSON object: its title, the data version, the
// column names in order, and the rows as objects keyed by column name. A
// key whose cell is empty (no figure, exact, no date, no source) is left
// out of its row.
func (t *Table) JSON() []byte {
	s := t.sheet()
	var b bytes.Buffer
	o := newObject(&b, "")
	o.field("title", t.Title)
	versionFields(o, t.Version)
	o.key("columns")
	writeJSON(&b, s.header)
	o.key("rows")
	s.jsonRows(&b)
	o.end()
	b.WriteString("\n")
	return b.Bytes()
}

// ChartTable is the table of a chart's figures, as its downloads hold
// them: the columns that say what each row is (year; date; cell,
// cell_name and year), then the columns of each of the kind's series.
func ChartTable(c *data.ChartData, title string, v version.Version) *Table {
	t := &Table{Title: title, Version: v}
	switch c.Kind.By {
	case "date":
		t.Columns = []string{"date"}
	case "cell":
		t.Columns = []string{"cell", "cell_name", "year"}
	default:
		t.Columns = []string{"year"}
	}
	t.Columns = append(t.Columns, c.Kind.Series...)
	for _, r := range c.Rows {
		var row []Value
		switch c.Kind.By {
		case "date":
			row = append(row, DayValue(r.Date))
		case "cell":
			row = append(row, TextValue(r.Cell.ID), TextValue(r.Cell.Name), IntValue(int64(r.Year)))
		default:
			row = append(row, IntValue(int64(r.Year)))
		}
		for i, f := range r.Figures {
			switch n, _ := data.LookupName(c.Kind.Series[i]); {
			case f != nil:
				row = append(row, FigureValue(*f))
			case n.Kind == data.KindRange:
				row = append(row, None(Range))
			default:
				row = append(row, None(Count))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
