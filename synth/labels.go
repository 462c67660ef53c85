package synth

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// labelsHeader is the header of a labels CSV file.
var labelsHeader = []string{"record_id", "ring_id", "fraud", "scenario", "person_id", "name_group"}

// LabelWriter writes labels as CSV with the header
// record_id,ring_id,fraud,scenario,person_id,name_group.
type LabelWriter struct {
	w      *csv.Writer
	header bool
}

// NewLabelWriter returns a writer of labels to w.
func NewLabelWriter(w io.Writer) *LabelWriter { return &LabelWriter{w: csv.NewWriter(w)} }

// Write writes one label (the header first).
func (lw *LabelWriter) Write(l Label) error {
	if !lw.header {
		lw.header = true
		if err := lw.w.Write(labelsHeader); err != nil {
			return fmt.Errorf("write labels: %w", err)
		}
	}
	err := lw.w.Write([]string{l.RecordID, l.RingID, strconv.FormatBool(l.Fraud), l.Scenario, l.PersonID, l.NameGroup})
	if err != nil {
		return fmt.Errorf("write labels: %w", err)
	}
	return nil
}

// Flush writes the header if nothing was written yet, then any buffered
// data.
func (lw *LabelWriter) Flush() error {
	if !lw.header {
		lw.header = true
		if err := lw.w.Write(labelsHeader); err != nil {
			return fmt.Errorf("write labels: %w", err)
		}
	}
	lw.w.Flush()
	if err := lw.w.Error(); err != nil {
		return fmt.Errorf("write labels: %w", err)
	}
	return nil
}

// ReadLabels reads a labels CSV file. name is used in error messages. The
// header must name record_id, ring_id, fraud and scenario, in any order;
// person_id and name_group are optional, other columns are ignored. Every
// record id must be present and appear once.
func ReadLabels(r io.Reader, name string) ([]Label, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read labels %s: empty file, want a header", name)
	}
	if err != nil {
		return nil, fmt.Errorf("read labels %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("read labels %s line 1: column %q appears twice", name, h)
		}
		col[h] = i
	}
	for _, need := range []string{"record_id", "ring_id", "fraud", "scenario"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("read labels %s line 1: no %q column", name, need)
		}
	}
	get := func(row []string, c string) string {
		i, ok := col[c]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	var out []Label
	seen := map[string]int{}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read labels %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(row) < len(head) {
			return nil, fmt.Errorf("read labels %s line %d: %d fields, want %d", name, line, len(row), len(head))
		}
		l := Label{RecordID: get(row, "record_id"), RingID: get(row, "ring_id"), Scenario: get(row, "scenario"),
			PersonID: get(row, "person_id"), NameGroup: get(row, "name_group")}
		if l.RecordID == "" {
			return nil, fmt.Errorf("read labels %s line %d: empty record_id", name, line)
		}
		if prev, dup := seen[l.RecordID]; dup {
			return nil, fmt.Errorf("read labels %s line %d: record %q already labelled on line %d", name, line, l.RecordID, prev)
		}
		seen[l.RecordID] = line
		f, err := strconv.ParseBool(get(row, "fraud"))
		if err != nil {
			return nil, fmt.Errorf("read labels %s line %d: fraud %q: want true or false", name, line, get(row, "fraud"))
		}
		l.Fraud = f
		if l.RingID != "" && !l.Fraud {
			return nil, fmt.Errorf("read labels %s line %d: record %q is in ring %q but not fraud", name, line, l.RecordID, l.RingID)
		}
		out = append(out, l)
	}
	return out, nil
}
