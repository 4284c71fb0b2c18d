// Package form reads the department's report forms (biểu mẫu), Excel
// workbooks or CSV files, into records of the data format, for
// `sitegen import`. A form is read as people fill it in: a title above
// the header, headers merged over two rows, a total row at the bottom,
// numbers typed as text ("1.071"), empty rows, hidden sheets, formulas.
// The records are written as a TOML file of data/ and checked by
// internal/data, with the rules and messages of `check`, each message
// put back at the cell of the form it came from.
package form

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// Grid is one sheet of a form as text, cell by cell.
type Grid struct {
	File   string // as the user named it, for messages
	Sheet  string // "" for a CSV file
	Rows   [][]Cell
	merged []excelize.MergeCell // see spreadMerged
}

// Cell is one cell of a Grid.
type Cell struct {
	Row, Col int    // 1-based: the row and column in the workbook, or the line and field in the CSV file
	Text     string // as stored: a number unformatted (1071, 43133 for a date), a text as typed
	Number   bool   // stored as a number, not as text
	Formula  string // the formula whose cached value Text is; "" for a typed value
}

// Pos is where a cell is, as messages name it: bieu-mau.xlsx:Sheet1!C7
// or bieu-mau.csv:7:3.
func (g *Grid) Pos(row, col int) (path string, line, column int) {
	if g.Sheet == "" {
		return g.File, row, col
	}
	name, _ := excelize.CoordinatesToCellName(col, row)
	return g.File + ":" + g.Sheet + "!" + name, 0, 0
}

// cellAt is the cell at row r (0-based in Rows) and column c, or an
// empty one.
func (g *Grid) cellAt(r, c int) Cell {
	if r < len(g.Rows) && c < len(g.Rows[r]) {
		return g.Rows[r][c]
	}
	return Cell{Row: r + 1, Col: c + 1}
}

// errSheet is a sheet asked for that the workbook has not.
type errSheet struct {
	Name   string
	Sheets []string
}

func (e *errSheet) Error() string { return fmt.Sprintf("no sheet %q", e.Name) }

// ReadXLSX reads the workbook at path: every sheet when sheet is "",
// hidden ones last (a form's hidden sheets hold lists and workings, not
// its figures), else that sheet alone.
func ReadXLSX(path, display, sheet string) ([]*Grid, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var visible, hidden []string
	for _, s := range f.GetSheetList() {
		if ok, _ := f.GetSheetVisible(s); ok {
			visible = append(visible, s)
		} else {
			hidden = append(hidden, s)
		}
	}
	names := append(visible, hidden...)
	if sheet != "" {
		found := false
		for _, s := range names {
			if s == sheet || norm.NFC.String(s) == norm.NFC.String(sheet) {
				names, found = []string{s}, true
				break
			}
		}
		if !found {
			return nil, &errSheet{Name: sheet, Sheets: append(visible, hidden...)}
		}
	}
	var out []*Grid
	for _, s := range names {
		g, err := readSheet(f, display, s)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

func readSheet(f *excelize.File, display, sheet string) (*Grid, error) {
	// Raw values: a count is 1071 whatever the cell's format shows, and a
	// date its day number, which parseDate reads.
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	g := &Grid{File: display, Sheet: sheet}
	if g.merged, err = f.GetMergeCells(sheet); err != nil {
		return nil, err
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i, r := range rows {
		row := make([]Cell, width)
		for j := range row {
			c := Cell{Row: i + 1, Col: j + 1}
			if j < len(r) {
				c.Text = r[j]
			}
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if c.Text != "" {
				if t, err := f.GetCellType(sheet, name); err == nil {
					c.Number = t == excelize.CellTypeUnset || t == excelize.CellTypeNumber || t == excelize.CellTypeDate
				}
			}
			// A formula without a value is one no program has computed
			// yet: said, not read as an empty cell.
			if fo, err := f.GetCellFormula(sheet, name); err == nil && fo != "" {
				c.Formula = "=" + strings.TrimPrefix(fo, "=")
			}
			row[j] = c
		}
		g.Rows = append(g.Rows, row)
	}
	return g, nil
}

// spreadMerged gives every cell of a merged range the text of its
// first cell: a header merged over three columns heads each of them, a
// source merged down five rows is the source of each.
func (g *Grid) spreadMerged() {
	for _, m := range g.merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		for r := r1; r <= min(r2, len(g.Rows)); r++ {
			for len(g.Rows[r-1]) < c2 {
				g.Rows[r-1] = append(g.Rows[r-1], Cell{Row: r, Col: len(g.Rows[r-1]) + 1})
			}
			for c := c1; c <= c2; c++ {
				if g.Rows[r-1][c-1].Text == "" {
					g.Rows[r-1][c-1].Text = m.GetCellValue()
				}
			}
		}
	}
}

// ReadCSV reads a CSV form: UTF-8 with or without a BOM, fields
// separated by ";" (as Excel writes them on a Windows set to Vietnamese)
// or ",", lines ended by CRLF or LF.
func ReadCSV(path, display string) (*Grid, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = separator(b)
	r.FieldsPerRecord = -1
	g := &Grid{File: display}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		row := make([]Cell, len(rec))
		for j, v := range rec {
			row[j] = Cell{Row: line, Col: j + 1, Text: v}
		}
		// Rows are by line, so a message names the line an editor shows.
		for len(g.Rows) < line-1 {
			g.Rows = append(g.Rows, nil)
		}
		g.Rows = append(g.Rows, row)
	}
	return g, nil
}

// separator is ";" when the first lines hold more semicolons than
// commas: a header row has a separator between every two names, and a
// comma in a ";" file is a decimal comma or inside a text.
func separator(b []byte) rune {
	head := b
	for i, n := 0, 0; i < len(b); i++ {
		if b[i] == '\n' {
			if n++; n == 10 {
				head = b[:i]
				break
			}
		}
	}
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		return ';'
	}
	return ','
}

// Read reads the form at path, by its extension: the grids to look for
// a header in, in order.
func Read(path, display, sheet string) ([]*Grid, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return ReadXLSX(path, display, sheet)
	case ".csv", ".txt":
		g, err := ReadCSV(path, display)
		if err != nil {
			return nil, err
		}
		return []*Grid{g}, nil
	}
	return nil, errExtension
}

var errExtension = errors.New("not .xlsx or .csv")
