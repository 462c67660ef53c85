package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ringerhq/ringer"
)

// boundRule is a mapping rule with its columns found in a CSV header.
type boundRule struct {
	rule
	// index holds, for each part of the template, the column's index in a
	// row, or -1 for literal text.
	index []int
	// columns names the columns the rule reads, for messages.
	columns string
}

// bind finds the columns of every rule in header. A column the header
// lacks is an error naming the mapping file, the path and the column.
func (m *Mapping) bind(header []string, file string) ([]boundRule, error) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := pos[h]; !dup {
			pos[h] = i
		}
	}
	out := make([]boundRule, 0, len(m.rules))
	for _, r := range m.rules {
		br := boundRule{rule: r, index: make([]int, len(r.tmpl))}
		var cols []string
		for i, p := range r.tmpl {
			if p.col == "" {
				br.index[i] = -1
				continue
			}
			j, ok := pos[p.col]
			if !ok {
				return nil, fmt.Errorf("mapping %s line %d: %s: column %q is not in the header of %s (it has %s)",
					m.file, r.line, r.path, p.col, file, strings.Join(header, ", "))
			}
			br.index[i] = j
			cols = append(cols, p.col)
		}
		br.columns = strings.Join(cols, "+")
		out = append(out, br)
	}
	return out, nil
}

// eval fills the template from a row and collapses its white space.
func (r *boundRule) eval(row []string, sb *strings.Builder) string {
	if len(r.tmpl) == 1 {
		if j := r.index[0]; j >= 0 {
			return collapse(row[j])
		}
		return collapse(r.tmpl[0].lit)
	}
	sb.Reset()
	for i, p := range r.tmpl {
		if j := r.index[i]; j >= 0 {
			sb.WriteString(row[j])
		} else {
			sb.WriteString(p.lit)
		}
	}
	return collapse(sb.String())
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string {
	clean := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; clean && i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t', c == '\n', c == '\r', c == '\v', c == '\f', c >= 0x80:
			clean = false
		case c == ' ' && s[i+1] == ' ':
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// readCSV reads CSV rows through the mapping.
func (rd *reader) readCSV(ctx context.Context, r io.Reader, name, _ string) error {
	m := rd.opts.Mapping
	cr := csv.NewReader(r)
	cr.Comma = m.delimiter
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("read %s: empty file; CSV input needs a header row", name)
	}
	if err != nil {
		return fmt.Errorf("read %s: header: %w", name, err)
	}
	header = append([]string(nil), header...)
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	rules, err := m.bind(header, name)
	if err != nil {
		return err
	}
	items := make([]Item, 0, BatchSize)
	var problems []Problem
	var sb strings.Builder
	flush := func() error {
		err := rd.deliver(items, problems)
		clear(items)
		items, problems = items[:0], problems[:0]
		return err
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("read %s: %w", name, err)
			}
			rd.report.Lines++
			problems = append(problems, Problem{File: name, Line: pe.Line, Severity: SeverityError,
				Reason: fmt.Sprintf("bad CSV at column %d: %v; row skipped", pe.Column, pe.Err)})
			continue
		}
		rd.report.Lines++
		line, _ := cr.FieldPos(0)
		if len(row) != len(header) {
			if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
				continue // a blank line inside the data
			}
			problems = append(problems, Problem{File: name, Line: line, Severity: SeverityError,
				Reason: fmt.Sprintf("row has %d fields, the header has %d; row skipped", len(row), len(header))})
		} else {
			b := builder{rec: new(ringer.Record)}
			for i := range rules {
				r := &rules[i]
				v := r.eval(row, &sb)
				if v == "" {
					continue
				}
				if err := r.set(&b, v); err != nil {
					problems = append(problems, Problem{File: name, Line: line, Field: r.columns, Severity: SeverityWarning,
						Reason: fmt.Sprintf("%s: %v; left empty, the record is kept", r.path, err)})
				}
			}
			b.finish()
			if b.rec.ID == "" {
				problems = append(problems, Problem{File: name, Line: line, Field: idColumns(rules), Severity: SeverityError,
					Reason: "empty id; row skipped"})
			} else {
				items = append(items, Item{Record: b.rec, File: name, Line: line})
			}
		}
		if len(items) == BatchSize {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return flush()
}

func idColumns(rules []boundRule) string {
	for _, r := range rules {
		if r.path == "id" {
			return r.columns
		}
	}
	return "id"
}
