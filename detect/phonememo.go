package detect

import (
	"sync"

	"github.com/ringerhq/ringer/normalize"
)

// phoneMemo remembers what normalize.Phone made of numbers it was given.
// Reading a number's type through libphonenumber's number ranges is the
// dearest step of the application detector, and a record is assessed
// again each time its ring changes: a screen that adds a member to a ring
// of fifteen re-assesses the fifteen. It holds at most phoneMemoSize
// numbers and starts over when full. It is safe for concurrent use.
type phoneMemo struct {
	mu sync.Mutex
	m  map[phoneQuery]phoneAnswer
}

// phoneMemoSize bounds the numbers a phoneMemo holds (some 10 MB).
const phoneMemoSize = 1 << 16

type phoneQuery struct{ number, region string }

type phoneAnswer struct {
	n   normalize.PhoneNumber
	err error
}

// parse returns normalize.Phone(number, region), from memory when it was
// asked before.
func (p *phoneMemo) parse(number, region string) (normalize.PhoneNumber, error) {
	q := phoneQuery{number, region}
	p.mu.Lock()
	a, ok := p.m[q]
	p.mu.Unlock()
	if ok {
		return a.n, a.err
	}
	a.n, a.err = normalize.Phone(number, region)
	p.mu.Lock()
	if p.m == nil || len(p.m) >= phoneMemoSize {
		p.m = make(map[phoneQuery]phoneAnswer)
	}
	p.m[q] = a
	p.mu.Unlock()
	return a.n, a.err
}
