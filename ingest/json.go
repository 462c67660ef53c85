package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// chunkBytes is the size at which a chunk of lines is handed to a worker
// even if it holds fewer than BatchSize lines.
const chunkBytes = 4 << 20

// keepBytes is the largest line buffer kept for reuse; bigger ones (grown
// by a very long line) are dropped after use.
const keepBytes = 16 << 20

// span is one line (or JSON array element) inside a chunk's buffer.
type span struct {
	start, end int
	line       int
	// length is the full length of a line that was too long to keep; its
	// bytes are not in the buffer.
	length int64
	// fail, when set, is a problem found while reading the line.
	fail string
}

// chunk is a run of lines decoded by one worker and delivered as one batch.
type chunk struct {
	buf      []byte
	spans    []span
	items    []Item
	problems []Problem
	// unread counts the records that name files left unread, the first of
	// them on line firstUnread.
	unread      int
	firstUnread int
	done        chan struct{}
}

// readJSON reads JSON Lines or a JSON array: one goroutine splits the input
// into chunks of lines, Workers goroutines decode them, and this goroutine
// delivers them in input order.
func (rd *reader) readJSON(parent context.Context, br *bufio.Reader, name, dir string, f format) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	workers := rd.opts.Workers
	free := make(chan *chunk, 2*workers+2)
	for range cap(free) {
		free <- &chunk{}
	}
	work := make(chan *chunk, workers)
	order := make(chan *chunk, workers+1)
	dec := &decoder{file: name, dir: dir, maxLine: rd.opts.MaxLine, readPaths: rd.opts.ReadPaths}

	var wg sync.WaitGroup
	var readErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(work)
		defer close(order)
		p := producer{ctx: ctx, br: br, name: name, maxLine: rd.opts.MaxLine, free: free, work: work, order: order}
		if f == formatJSONArray {
			readErr = p.array()
		} else {
			readErr = p.lines()
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				dec.chunk(ctx, c)
				close(c.done)
			}
		}()
	}

	var err error
	unreadNoted := false
	for c := range order {
		select {
		case <-c.done:
		case <-ctx.Done():
		}
		if err = ctx.Err(); err != nil {
			break
		}
		rd.report.Lines += len(c.spans)
		if c.unread > 0 && !unreadNoted {
			unreadNoted = true
			c.problems = mergeByLine(c.problems, []Problem{{File: name, Line: c.firstUnread, Field: "path", Severity: SeverityNotice,
				Reason: "records here name résumé or photo files, which are left unread (files named in input are read only when asked, as the CLI does)"}})
		}
		if err = rd.deliver(c.items, c.problems); err != nil {
			break
		}
		c.reset()
		free <- c
	}
	cancel()
	// Drain what the producer already queued so that it can finish.
	for range order {
	}
	wg.Wait()
	if err != nil {
		return err
	}
	if err := parent.Err(); err != nil {
		return err
	}
	if readErr != nil {
		return fmt.Errorf("read %s: %w", name, readErr)
	}
	return nil
}

func (c *chunk) reset() {
	if cap(c.buf) > keepBytes {
		c.buf = nil
	}
	c.buf = c.buf[:0]
	c.spans = c.spans[:0]
	clear(c.items)
	c.items = c.items[:0]
	c.problems = c.problems[:0]
	c.unread, c.firstUnread = 0, 0
}

// producer splits an input into chunks and queues them for the workers
// and, in the same order, for delivery.
type producer struct {
	ctx     context.Context
	br      *bufio.Reader
	name    string
	maxLine int
	free    chan *chunk
	work    chan *chunk
	order   chan *chunk
}

// take returns an empty chunk from the free list.
func (p *producer) take() (*chunk, error) {
	select {
	case c := <-p.free:
		c.done = make(chan struct{})
		return c, nil
	case <-p.ctx.Done():
		return nil, p.ctx.Err()
	}
}

// send queues a filled chunk.
func (p *producer) send(c *chunk) error {
	select {
	case p.order <- c:
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
	select {
	case p.work <- c:
		return nil
	case <-p.ctx.Done():
		// The chunk is queued for delivery but no worker will see it; the
		// consumer stops waiting on ctx.
		return p.ctx.Err()
	}
}

// lines splits JSON Lines. A line longer than maxLine is not kept: its
// bytes are skipped as they are read and only its length is recorded.
func (p *producer) lines() error {
	line := 0
	eof := false
	for !eof {
		c, err := p.take()
		if err != nil {
			return err
		}
		for !eof && len(c.spans) < BatchSize && len(c.buf) < chunkBytes {
			line++
			start := len(c.buf)
			var n int64
			tooLong := false
			for {
				frag, err := p.br.ReadSlice('\n')
				n += int64(len(frag))
				if !tooLong {
					if n > int64(p.maxLine)+2 {
						tooLong = true
						c.buf = c.buf[:start]
					} else {
						c.buf = append(c.buf, frag...)
					}
				}
				if errors.Is(err, bufio.ErrBufferFull) {
					continue
				}
				if errors.Is(err, io.EOF) {
					eof = true
				} else if err != nil {
					return err
				}
				break
			}
			if tooLong {
				if !eof {
					n-- // the newline
				}
				c.spans = append(c.spans, span{start: start, end: start, line: line, length: n})
				continue
			}
			end := len(c.buf)
			b := bytes.TrimRight(c.buf[start:end], "\r\n")
			if len(b) > p.maxLine {
				c.spans = append(c.spans, span{start: start, end: start, line: line, length: int64(len(b))})
				c.buf = c.buf[:start]
				continue
			}
			if len(bytes.TrimLeft(b, " \t\r\n")) == 0 {
				c.buf = c.buf[:start]
				continue
			}
			c.spans = append(c.spans, span{start: start, end: start + len(b), line: line})
		}
		if err := p.send(c); err != nil {
			return err
		}
	}
	return nil
}

// array splits a JSON array into its elements. Each element keeps the line
// it starts on. A syntax error ends the input: what follows it cannot be
// told apart reliably.
func (p *producer) array() error {
	lc := &lineCounter{r: p.br, limit: int64(p.maxLine) + 64<<10}
	dec := json.NewDecoder(lc)
	if _, err := dec.Token(); err != nil { // '['
		return err
	}
	done := false
	for !done {
		c, err := p.take()
		if err != nil {
			return err
		}
		for len(c.spans) < BatchSize && len(c.buf) < chunkBytes {
			if !dec.More() {
				if _, err := dec.Token(); err != nil { // ']'
					c.spans = append(c.spans, span{line: lc.lineAt(dec.InputOffset()), fail: "bad JSON array: " + err.Error()})
				}
				done = true
				break
			}
			var raw json.RawMessage
			lc.mark = dec.InputOffset()
			if err := dec.Decode(&raw); err != nil {
				if errors.Is(err, errElementTooLong) {
					c.spans = append(c.spans, span{line: lc.lineAt(lc.mark), fail: fmt.Sprintf(
						"the array element after this line is longer than the limit of %d bytes (MaxLine); the rest of the file is skipped", p.maxLine)})
					done = true
					break
				}
				var se *json.SyntaxError
				if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
					if errors.Is(err, io.EOF) {
						err = io.ErrUnexpectedEOF // the array is not closed
					}
					c.spans = append(c.spans, span{line: lc.lineAt(dec.InputOffset()), fail: "bad JSON array, the rest of the file is skipped: " + err.Error()})
					done = true
					break
				}
				return err
			}
			line := lc.lineAt(dec.InputOffset()) - bytes.Count(raw, []byte{'\n'})
			if len(raw) > p.maxLine {
				c.spans = append(c.spans, span{line: line, length: int64(len(raw))})
				continue
			}
			start := len(c.buf)
			c.buf = append(c.buf, raw...)
			c.spans = append(c.spans, span{start: start, end: len(c.buf), line: line})
		}
		if err := p.send(c); err != nil {
			return err
		}
	}
	return nil
}

// errElementTooLong is returned by lineCounter when an array element
// grows past the limit.
var errElementTooLong = errors.New("array element too long")

// lineCounter passes reads through and answers which line a byte offset
// is on. Queries must come with offsets that never decrease. It also
// bounds the memory the JSON decoder can use for one element: reading more
// than limit bytes past mark is an error.
type lineCounter struct {
	r        io.Reader
	limit    int64
	mark     int64   // offset where the element being decoded starts
	read     int64   // bytes read so far
	pending  []int64 // offsets of newlines read but not yet passed by a query
	newlines int     // newlines before the last queried offset
}

func (l *lineCounter) Read(b []byte) (int, error) {
	if l.limit > 0 && l.read-l.mark > l.limit {
		return 0, errElementTooLong
	}
	n, err := l.r.Read(b)
	for i, c := range b[:n] {
		if c == '\n' {
			l.pending = append(l.pending, l.read+int64(i))
		}
	}
	l.read += int64(n)
	return n, err
}

// lineAt returns the 1-based line of the byte at offset.
func (l *lineCounter) lineAt(offset int64) int {
	i := 0
	for i < len(l.pending) && l.pending[i] < offset {
		i++
	}
	l.newlines += i
	l.pending = append(l.pending[:0], l.pending[i:]...)
	return l.newlines + 1
}
