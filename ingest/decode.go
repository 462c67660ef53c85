package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/ringerhq/ringer/internal/jsonscan"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/contractjson"
)

// decoder turns lines into items. It is shared by the workers of one input
// and holds nothing that changes.
type decoder struct {
	file string
	// dir resolves relative file paths named in records.
	dir string
	// maxLine is the longest line accepted, for messages.
	maxLine int
	// readPaths says whether files named in records are read.
	readPaths bool
}

// chunk decodes every line of c into c.items and c.problems, in order.
func (d *decoder) chunk(ctx context.Context, c *chunk) {
	for _, s := range c.spans {
		if ctx.Err() != nil {
			return
		}
		d.line(ctx, c, s)
	}
}

// line decodes one line.
func (d *decoder) line(ctx context.Context, c *chunk, s span) {
	problem := func(field, severity, format string, args ...any) {
		c.problems = append(c.problems, Problem{File: d.file, Line: s.line, Field: field,
			Reason: fmt.Sprintf(format, args...), Severity: severity})
	}
	switch {
	case s.fail != "":
		problem("", SeverityError, "%s", s.fail)
		return
	case s.length > 0:
		problem("", SeverityError, "line is %d bytes, longer than the limit of %d (MaxLine); skipped", s.length, d.maxLine)
		return
	}
	b := c.buf[s.start:s.end]
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		problem("", SeverityWarning, "invalid UTF-8 replaced with U+FFFD")
	}
	if rec := new(ringer.Record); d.fastRecord(b, rec) {
		d.record(ctx, c, s, rec, problem)
		return
	}
	var hasID, hasEvent bool
	err := jsonscan.EachMember(b, func(k, _ []byte) {
		switch string(k) {
		case "id":
			hasID = true
		case "event":
			hasEvent = true
		}
	})
	if errors.Is(err, jsonscan.ErrNotObject) {
		problem("", SeverityError, "not a JSON object%s", jsonError(b))
		return
	}
	if err != nil {
		problem("", SeverityError, "bad JSON%s", jsonError(b))
		return
	}
	switch {
	case hasEvent:
		ev := new(ringer.Event)
		if !contractjson.Event(b, ev) {
			*ev = ringer.Event{}
			if err := ev.UnmarshalJSON(b); err != nil {
				field, reason := explain(b, err, probeEvent)
				problem(field, SeverityError, "%s", reason)
				return
			}
		}
		if ev.Type == "" {
			problem("event", SeverityError, "empty event type")
			return
		}
		if ev.RecordID == "" {
			problem("record_id", SeverityError, "missing record_id: an event must name the record it is about")
			return
		}
		c.items = append(c.items, Item{Event: ev, File: d.file, Line: s.line})
	case hasID:
		rec := new(ringer.Record)
		if err := rec.UnmarshalJSON(b); err != nil {
			field, reason := explain(b, err, probeRecord)
			problem(field, SeverityError, "%s", reason)
			return
		}
		d.record(ctx, c, s, rec, problem)
	default:
		problem("id", SeverityError, `missing id: a record needs "id", an event needs "event"`)
	}
}

// fastRecord decodes a record line the quick way (see contractjson.Record)
// when it can: a line with an "id" and only contract fields written
// plainly. b must be valid UTF-8.
func (d *decoder) fastRecord(b []byte, rec *ringer.Record) bool {
	ok, sawID := contractjson.Record(b, rec)
	return ok && sawID
}

// record checks a decoded record and adds it to the chunk.
func (d *decoder) record(ctx context.Context, c *chunk, s span, rec *ringer.Record, problem func(field, severity, format string, args ...any)) {
	if strings.TrimSpace(rec.ID) == "" {
		problem("id", SeverityError, "empty id")
		return
	}
	if d.readPaths {
		for _, p := range d.files(ctx, rec) {
			problem(p.Field, SeverityWarning, "%s", p.Reason)
		}
	} else if namesFiles(rec) {
		c.unread++
		if c.unread == 1 {
			c.firstUnread = s.line
		}
	}
	c.items = append(c.items, Item{Record: rec, File: d.file, Line: s.line})
}

// jsonError returns ": " and the syntax error in b, or "" when b is valid.
func jsonError(b []byte) string {
	var v any
	err := json.Unmarshal(b, &v)
	if err == nil {
		return ""
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if se.Offset >= int64(len(b)) {
			return ": truncated (" + se.Error() + ")"
		}
		return fmt.Sprintf(": %v at byte %d", se, se.Offset)
	}
	return ": " + err.Error()
}

func probeRecord(b []byte) error { var r ringer.Record; return r.UnmarshalJSON(b) }
func probeEvent(b []byte) error  { var e ringer.Event; return e.UnmarshalJSON(b) }

// explain turns a decoding error into the field it is about and a reason a
// person can act on. When the error does not name its field (errors from
// the contract's own types, such as dates), each top-level member is
// decoded alone to find the one that fails.
func explain(b []byte, err error, probe func([]byte) error) (field, reason string) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field = te.Field
		if field == "" {
			field = firstFailing(b, probe)
		}
		return field, fmt.Sprintf("want %s, got a JSON %s", describe(te.Type), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "", "bad JSON" + jsonError(b)
	}
	field = firstFailing(b, probe)
	msg := err.Error()
	// Date errors quote the value ("date \"1991-13-01\": month 13 out of
	// range"); a birth date is personal data, so only the reason is kept.
	if strings.HasPrefix(msg, `date "`) {
		if _, detail, ok := strings.Cut(msg, `": `); ok {
			msg = "invalid date: " + detail
		}
	}
	return field, msg
}

// firstFailing returns the name of the first top-level member of b that
// fails to decode alone, or "".
func firstFailing(b []byte, probe func([]byte) error) string {
	var field string
	var one []byte
	_ = jsonscan.EachMember(b, func(k, v []byte) {
		if field != "" {
			return
		}
		one = append(one[:0], '{')
		kb, _ := json.Marshal(string(k))
		one = append(one, kb...)
		one = append(one, ':')
		one = append(one, v...)
		one = append(one, '}')
		if probe(one) != nil {
			field = string(k)
		}
	})
	return field
}

// describe names what a Go type wants in JSON terms.
func describe(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		if t == reflect.TypeFor[ringer.Date]() {
			return "a date"
		}
		return "an object"
	case reflect.Pointer:
		return describe(t.Elem())
	}
	return t.String()
}
