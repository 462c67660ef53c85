package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress shows a one-line counter on standard error when it is a
// terminal, at most five times a second; elsewhere it prints nothing.
type progress struct {
	mu    sync.Mutex
	e     *env
	on    bool
	label string
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(e *env, label string) *progress {
	p := &progress{e: e, label: label, start: time.Now()}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.on = true
	}
	return p
}

// set shows n items done.
func (p *progress) set(n int) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	el := time.Since(p.start).Seconds()
	fmt.Fprintf(p.e.stderr, "\r\033[K%s: %d records read, %.0f/s", p.label, n, float64(n)/max(el, 0.001))
	p.shown = true
}

// phase shows what is being done now.
func (p *progress) phase(s string) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.e.stderr, "\r\033[K%s: %s…", p.label, s)
	p.shown = true
}

// clear removes the line so other output starts clean.
func (p *progress) clear() {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.e.stderr, "\r\033[K")
		p.shown = false
	}
}
