// Package ingest reads the data contract from files: JSON Lines, JSON
// arrays and CSV through a column mapping, into ringer.Record and
// ringer.Event values.
//
// # Formats
//
// The format follows the file name: .jsonl and .ndjson are JSON Lines;
// .json is a JSON array of objects or JSON Lines (the first character
// decides); .csv and .tsv are CSV and need a Mapping (without one they are
// refused with a message telling the user to pass --mapping). A trailing
// .gz is decompressed transparently, and so is any stream that starts with
// the gzip magic bytes. "-" names standard input; its format (and that of
// any other name) is sniffed: a stream starting with '{' or '[' is JSON,
// anything else is CSV when a Mapping is given and refused otherwise. A
// UTF-8 byte order mark at the start is skipped.
//
// # Lines
//
// A JSON line (or array element) is a Record when it has a top-level "id"
// and no "event", and an Event when it has "event". Empty lines are
// skipped. Everything else is a Problem of severity "error" naming the
// file, the line, the field when it is known and the reason, and reading
// goes on with the next line:
//
//   - a line that is not a JSON object, is truncated or is otherwise bad
//     JSON;
//   - a record without "id" or with an empty one; an event with an empty
//     type or without "record_id";
//   - a field of the wrong type, or an invalid date (an impossible or
//     ambiguous one, see ringer.ParseDate);
//   - a line longer than Options.MaxLine bytes (default 64 MiB). Such a
//     line is skipped without being held in memory: memory stays bounded by
//     MaxLine whatever the input. A 50 MB field in a line below the limit
//     is read normally.
//
// A line with invalid UTF-8 is kept: each invalid byte sequence is replaced
// with U+FFFD and a Problem of severity "warning" names the line.
//
// A record whose id was already read earlier in the same Read (in any of
// its files) is passed on like any other: the later line updates the
// record, as stores upsert on id. Read reports a Problem of severity
// "notice" naming both lines so that the user knows.
//
// Events of a type the contract does not name, and top-level fields it
// does not name, are kept (in Event.Type and in the Unknown maps) and
// counted in the Report, which turns them into sentences such as
// "3 events of unknown type 'badge_swipe' kept". Unknown fields nested
// inside known objects are ignored.
//
// # Files named in records
//
// CLI input may name files instead of carrying their content; with
// Options.ReadPaths set, those files are read. It is off by default: input
// from elsewhere (an HTTP body) could name any file the process can read.
// A résumé with a "path" and no "text" gets the text of the file: PDF through
// github.com/ledongthuc/pdf, anything else (.txt, .md) as is, up to 32 MiB.
// A photo with a "path" and no "phash" is hashed with package photo (its
// perceptual hash goes in phash, and the SHA-256 of the file in sha256 when
// that is empty).
// Relative paths resolve against the directory of the input file (the
// working directory for standard input). A file that cannot be read is a
// "warning" Problem naming the field; the record is kept without it. With
// ReadPaths off, the paths are kept as they are and left unread, and a
// "notice" says so once per input.
//
// # CSV
//
// A Mapping (see LoadMapping) turns each CSV row into a record. The first
// row must be the header. A row that cannot be parsed, or that has a
// different number of fields than the header, is an "error" Problem naming
// the line, and is skipped. A cell whose value does not fit its field (an
// invalid date) is a "warning" Problem naming the line and the column: the
// field is left empty and the record is kept, because a public or exported
// data set with one bad date should not lose the person. A row whose id
// comes out empty is an "error" Problem.
//
// # Speed
//
// JSON is decoded on Options.Workers goroutines (default GOMAXPROCS) while
// items reach the caller in input order, in batches of up to 1,000; line
// buffers are reused between batches.
package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
)

// Problem severities.
const (
	// SeverityError marks input that could not be taken.
	SeverityError = "error"
	// SeverityWarning marks input that was taken with a change.
	SeverityWarning = "warning"
	// SeverityNotice marks input that was taken as it is but that the user
	// should know about, such as a duplicate id.
	SeverityNotice = "notice"
)

// DefaultMaxLine is the longest line, in bytes, that Read accepts when
// Options.MaxLine is zero.
const DefaultMaxLine = 64 << 20

// BatchSize is the most items Read passes to its callback at once.
const BatchSize = 1000

// Item is one thing read from input: a record or an event, with where it
// came from. Exactly one of Record and Event is set.
type Item struct {
	Record *ringer.Record
	Event  *ringer.Event
	// File is the input's name as given; Line is 1-based (for CSV, the line
	// where the row starts).
	File string
	Line int
}

// Problem is input that could not be taken (Severity "error"), was taken
// with a change ("warning"), or was taken as it is but deserves attention
// ("notice"). Reasons never quote identifiers from the input other than
// record ids.
type Problem struct {
	File string `json:"file"`
	// Line is 1-based; 0 when the problem is about the whole file.
	Line int `json:"line,omitempty"`
	// Field names the field (a JSON member such as "birth_date", or a CSV
	// column) when it is known.
	Field    string `json:"field,omitempty"`
	Reason   string `json:"reason"`
	Severity string `json:"severity"`
}

// Error formats the problem as
// "applicants.jsonl line 12: emails[0]: not an e-mail address".
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, " line %d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Options for reading.
type Options struct {
	// Mapping turns CSV rows into records; CSV input is refused without one.
	Mapping *Mapping
	// MaxLine is the longest line in bytes that is read; longer lines are
	// skipped with a Problem, and so is the rest of a JSON array whose
	// element is longer. Zero means DefaultMaxLine. Lines in flight between
	// the reader, the workers and the caller are held in at most
	// 2×Workers+2 buffers, each of at most MaxLine plus 4 MiB.
	MaxLine int
	// Workers is the number of goroutines decoding JSON in parallel (input
	// order is kept). Zero means runtime.GOMAXPROCS(0).
	Workers int
	// ReadPaths reads the files that records name by path: résumé text and
	// photos to hash. Set it only for input the user chose, such as files
	// named on the command line; input from elsewhere could name any file
	// the process can read.
	ReadPaths bool
}

// Report sums up a read.
type Report struct {
	// Files counts the inputs read; Lines counts their non-empty lines (CSV:
	// data rows).
	Files int `json:"files"`
	Lines int `json:"lines"`
	// Records and Events count the items passed on.
	Records int `json:"records"`
	Events  int `json:"events"`
	// Errors, Warnings and Notices count problems by severity.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Notices  int `json:"notices"`
	// DuplicateIDs counts records whose id had been read before; each later
	// one updates the earlier.
	DuplicateIDs int `json:"duplicate_ids"`
	// UnknownEventTypes counts kept events by type, for the types the
	// contract does not name.
	UnknownEventTypes map[string]int `json:"unknown_event_types,omitempty"`
	// UnknownRecordFields and UnknownEventFields count, per field name, the
	// records and events that carried a top-level field the contract does not
	// name.
	UnknownRecordFields map[string]int `json:"unknown_record_fields,omitempty"`
	UnknownEventFields  map[string]int `json:"unknown_event_fields,omitempty"`
}

// Summary returns the report as sentences for a person, such as
// "3 events of unknown type 'badge_swipe' kept".
func (r Report) Summary() []string {
	out := []string{fmt.Sprintf("%s and %s read from %s (%s)",
		plural(r.Records, "record"), plural(r.Events, "event"), plural(r.Files, "file"), plural(r.Lines, "line"))}
	if r.Errors+r.Warnings+r.Notices > 0 {
		out = append(out, fmt.Sprintf("%s, %s, %s", plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Notices, "notice")))
	}
	if r.DuplicateIDs > 0 {
		out = append(out, fmt.Sprintf("%s repeated an earlier id and updated that record", plural(r.DuplicateIDs, "record")))
	}
	for _, t := range slices.Sorted(maps.Keys(r.UnknownEventTypes)) {
		out = append(out, fmt.Sprintf("%s of unknown type '%s' kept", plural(r.UnknownEventTypes[t], "event"), t))
	}
	for _, f := range slices.Sorted(maps.Keys(r.UnknownRecordFields)) {
		out = append(out, fmt.Sprintf("%s with unknown field '%s' kept", plural(r.UnknownRecordFields[f], "record"), f))
	}
	for _, f := range slices.Sorted(maps.Keys(r.UnknownEventFields)) {
		out = append(out, fmt.Sprintf("%s with unknown field '%s' kept", plural(r.UnknownEventFields[f], "event"), f))
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (r *Report) countProblem(p Problem) {
	switch p.Severity {
	case SeverityError:
		r.Errors++
	case SeverityWarning:
		r.Warnings++
	case SeverityNotice:
		r.Notices++
	}
}

func bump(m *map[string]int, k string) {
	if *m == nil {
		*m = make(map[string]int)
	}
	(*m)[k]++
}
