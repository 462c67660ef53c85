package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ringerhq/ringer"
)

// Read reads the named inputs in order and calls fn with batches of items
// in input order (up to BatchSize items each). "-" names standard input.
// Problems go to onProblem (which may be nil) in input order; those of a
// batch's lines are reported before the batch is passed to fn. Read stops at the first error fn returns, which it returns as is,
// or when ctx is done; an input that cannot be opened or read is an error
// wrapped with its name. fn must not keep the batch slice after it returns
// (Read reuses it); the records and events it points to are the caller's.
func Read(ctx context.Context, paths []string, opts Options, fn func(batch []Item) error, onProblem func(Problem)) (Report, error) {
	rd := newReader(opts, fn, onProblem)
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return rd.report, err
		}
		if p == "-" {
			if err := rd.stream(ctx, os.Stdin, p, "."); err != nil {
				return rd.report, err
			}
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return rd.report, fmt.Errorf("open input: %w", err)
		}
		err = rd.stream(ctx, f, p, filepath.Dir(p))
		f.Close()
		if err != nil {
			return rd.report, err
		}
	}
	return rd.report, nil
}

// ReadFrom is Read on one stream; name is used in messages and to choose
// the format, and its directory resolves relative file paths in records.
func ReadFrom(ctx context.Context, r io.Reader, name string, opts Options, fn func([]Item) error, onProblem func(Problem)) (Report, error) {
	rd := newReader(opts, fn, onProblem)
	dir := "."
	if name != "-" && name != "" {
		dir = filepath.Dir(name)
	}
	err := rd.stream(ctx, r, name, dir)
	return rd.report, err
}

// reader is the state of one Read: options, callbacks, the ids seen so
// far and the report.
type reader struct {
	opts      Options
	fn        func([]Item) error
	onProblem func(Problem)
	seen      map[string]place
	known     map[string]bool // known event types
	report    Report
}

// place is where a record id was read.
type place struct {
	file string
	line int
}

func newReader(opts Options, fn func([]Item) error, onProblem func(Problem)) *reader {
	if opts.MaxLine <= 0 {
		opts.MaxLine = DefaultMaxLine
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	known := make(map[string]bool, len(ringer.KnownEventTypes))
	for _, t := range ringer.KnownEventTypes {
		known[t] = true
	}
	return &reader{opts: opts, fn: fn, onProblem: onProblem, seen: make(map[string]place), known: known}
}

// format is how an input is encoded.
type format int

const (
	formatJSONL format = iota
	formatJSONArray
	formatCSV
)

var gzipMagic = []byte{0x1f, 0x8b}

// stream reads one input: it undoes gzip, chooses the format and hands the
// stream to the JSON or CSV reader. dir resolves relative paths in records.
func (rd *reader) stream(ctx context.Context, r io.Reader, name, dir string) error {
	rd.report.Files++
	br := bufio.NewReaderSize(r, 64<<10)
	base := strings.ToLower(name)
	if head, _ := br.Peek(2); bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	base = strings.TrimSuffix(base, ".gz")
	if err := skipBOM(br); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	f, err := rd.chooseFormat(br, name, filepath.Ext(base))
	if err != nil {
		return err
	}
	switch f {
	case formatCSV:
		return rd.readCSV(ctx, br, name, dir)
	default:
		return rd.readJSON(ctx, br, name, dir, f)
	}
}

func skipBOM(br *bufio.Reader) error {
	b, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		if _, err := br.Discard(3); err != nil {
			return err
		}
	}
	return nil
}

// chooseFormat decides the format from the extension, or from the first
// non-blank byte when the extension does not say.
func (rd *reader) chooseFormat(br *bufio.Reader, name, ext string) (format, error) {
	switch ext {
	case ".csv", ".tsv":
		if rd.opts.Mapping == nil {
			return 0, fmt.Errorf("%s: CSV input needs a column mapping; pass --mapping FILE (see examples/mappings)", name)
		}
		return formatCSV, nil
	case ".jsonl", ".ndjson":
		return formatJSONL, nil
	}
	first, err := firstNonBlank(br)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", name, err)
	}
	switch {
	case first == '[':
		return formatJSONArray, nil
	case first == '{' || first == 0 || ext == ".json":
		return formatJSONL, nil
	case rd.opts.Mapping != nil:
		return formatCSV, nil
	}
	return 0, fmt.Errorf("%s: not JSON (it starts with %q); name JSON Lines .jsonl, or pass --mapping FILE to read CSV", name, first)
}

// firstNonBlank returns the first byte that is not white space without
// consuming anything, or 0 when the stream is blank (as far as the buffer
// reaches).
func firstNonBlank(br *bufio.Reader) (byte, error) {
	for n := 1; n <= br.Size(); n *= 2 {
		b, err := br.Peek(n)
		for _, c := range b {
			if !isSpace(c) {
				return c, nil
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, bufio.ErrBufferFull) {
				return 0, nil
			}
			return 0, err
		}
	}
	return 0, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// deliver takes a batch of items and the problems found while making it,
// both in input order: it counts them, notes duplicate ids, reports the
// problems and passes the items to fn.
func (rd *reader) deliver(items []Item, problems []Problem) error {
	var notices []Problem
	for _, it := range items {
		switch {
		case it.Record != nil:
			rd.report.Records++
			for k := range it.Record.Unknown {
				bump(&rd.report.UnknownRecordFields, k)
			}
			if prev, ok := rd.seen[it.Record.ID]; ok {
				rd.report.DuplicateIDs++
				where := fmt.Sprintf("line %d", prev.line)
				if prev.file != it.File {
					where = fmt.Sprintf("%s line %d", prev.file, prev.line)
				}
				notices = append(notices, Problem{File: it.File, Line: it.Line, Field: "id",
					Reason:   fmt.Sprintf("id was read before at %s; this line updates that record", where),
					Severity: SeverityNotice})
			}
			rd.seen[it.Record.ID] = place{it.File, it.Line}
		case it.Event != nil:
			rd.report.Events++
			if !rd.known[it.Event.Type] {
				bump(&rd.report.UnknownEventTypes, it.Event.Type)
			}
			for k := range it.Event.Unknown {
				bump(&rd.report.UnknownEventFields, k)
			}
		}
	}
	if len(notices) > 0 {
		problems = mergeByLine(problems, notices)
	}
	for _, p := range problems {
		rd.report.countProblem(p)
		if rd.onProblem != nil {
			rd.onProblem(p)
		}
	}
	if len(items) == 0 {
		return nil
	}
	return rd.fn(items)
}

// mergeByLine merges two lists of problems that are each in line order.
func mergeByLine(a, b []Problem) []Problem {
	out := make([]Problem, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Line < a[0].Line {
			out = append(out, b[0])
			b = b[1:]
		} else {
			out = append(out, a[0])
			a = a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}
