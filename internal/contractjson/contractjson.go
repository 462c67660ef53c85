// Package contractjson decodes the contract's record and event JSON
// quickly, for the plain lines nearly all input and every stored body is
// made of: objects whose members, at every depth, are ones the contract
// names, spelled exactly and given once, each value of its field's type or
// null. It reports false for anything else, and the caller decodes the
// line with ringer.Record.UnmarshalJSON or ringer.Event.UnmarshalJSON,
// which decide what the line is and explain what is wrong with it.
//
// It exists for speed alone: encoding/json first validates a line, then
// decodes it by reflection, and that was a sixth of `ringer link`'s time
// on a million records and the largest cost of screening a worker with a
// long history of stored events. Tests and fuzzing hold it to the ringer
// types' UnmarshalJSON: whatever it takes, UnmarshalJSON takes too and
// decodes to the same value.
//
// Input must be valid UTF-8: strings are copied as they are, where
// encoding/json would replace invalid bytes with U+FFFD. Callers check
// (utf8.Valid) or know, as for bodies the stores wrote with json.Marshal;
// UnmarshalRecord and UnmarshalEvent check.
package contractjson

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ringerhq/ringer"
)

// jreader reads JSON from b at i. Its methods report false on input they
// do not take, with i anywhere.
type jreader struct {
	b []byte
	i int
}

// ws skips white space.
func (d *jreader) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// null consumes a null literal.
func (d *jreader) null() bool {
	return d.lit("null")
}

// isNull reports whether a null literal is next, consuming it.
func (d *jreader) isNull() bool {
	return d.i < len(d.b) && d.b[d.i] == 'n' && d.null()
}

// object reads an object, calling member with each name (unescaped) after
// the colon; member must read the value. A name with escapes, a repeated
// name or a member that fails fails the object.
func (d *jreader) object(member func(key []byte) bool) bool {
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return false
	}
	d.i++
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return true
	}
	// Enough for every member of an event, the longest of the contract's
	// objects; an object with more members is not plain.
	var seen [32][]byte
	n := 0
	for {
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return false
		}
		start := d.i + 1
		j := start
		for j < len(d.b) && d.b[j] != '"' {
			if c := d.b[j]; c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
				return false
			}
			j++
		}
		if j >= len(d.b) {
			return false
		}
		key := d.b[start:j]
		for _, k := range seen[:n] {
			if string(k) == string(key) {
				return false
			}
		}
		if n == len(seen) {
			return false
		}
		seen[n] = key
		n++
		d.i = j + 1
		d.ws()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return false
		}
		d.i++
		d.ws()
		if !member(key) {
			return false
		}
		if more, ok := d.more('}'); !ok || !more {
			return ok
		}
	}
}

// more reads what follows a member or an element: a comma, after which
// there is more (more is true), or the closing byte; ok is false for
// anything else.
func (d *jreader) more(closing byte) (more, ok bool) {
	d.ws()
	if d.i >= len(d.b) {
		return false, false
	}
	switch d.b[d.i] {
	case ',':
		d.i++
		d.ws()
		return true, true
	case closing:
		d.i++
		return false, true
	}
	return false, false
}

// array reads an array whose elements elem reads into a new element each.
// As encoding/json does, null sets *s to nil and an empty array gives an
// empty slice, not nil.
func array[T any](d *jreader, s *[]T, elem func(*T) bool) bool {
	if d.isNull() {
		*s = nil
		return true
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return false
	}
	d.i++
	d.ws()
	out := []T{}
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		*s = out
		return true
	}
	for {
		// Each element is read in place: a variable handed to elem would
		// be moved to the heap.
		var zero T
		out = append(out, zero)
		if !elem(&out[len(out)-1]) {
			return false
		}
		more, ok := d.more(']')
		if !ok {
			return false
		}
		if !more {
			*s = out
			return true
		}
	}
}

// pointer reads a value with read into a new T that *p is then set to;
// null sets *p to nil, as encoding/json does.
func pointer[T any](d *jreader, p **T, read func(*T) bool) bool {
	if d.isNull() {
		*p = nil
		return true
	}
	v := new(T)
	if !read(v) {
		return false
	}
	*p = v
	return true
}

// str reads a string into *s; null leaves *s as it is.
func (d *jreader) str(s *string) bool {
	if d.isNull() {
		return true
	}
	v, ok := d.quoted()
	if ok {
		*s = v
	}
	return ok
}

// strings reads an array of strings; a null element is "".
func (d *jreader) strings(s *[]string) bool {
	return array(d, s, d.str)
}

// quoted reads a string value. Escapes are resolved as encoding/json
// resolves them (its unquote), and the string must be valid JSON (its
// scanner): no control characters, only the escapes JSON names. The bytes
// are valid UTF-8 (see the package comment).
func (d *jreader) quoted() (string, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	j := start
	for j < len(d.b) && plainByte[d.b[j]] {
		j++
	}
	if j < len(d.b) && d.b[j] == '"' {
		d.i = j + 1
		return string(d.b[start:j]), true
	}
	if j < len(d.b) && d.b[j] == '\\' {
		return d.unquote(start, j)
	}
	return "", false // a control character, or no closing quote
}

// plainByte is true for the bytes a JSON string holds as they are: not
// the quote, the backslash or a control character.
var plainByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// unquote finishes a string that starts at start and has its first escape
// at j.
func (d *jreader) unquote(start, j int) (string, bool) {
	end := j
	for end < len(d.b) && d.b[end] != '"' {
		if d.b[end] == '\\' {
			end++
		}
		end++
	}
	if end >= len(d.b) {
		return "", false
	}
	// Unescaped, a string is never longer than written; the builder hands
	// over its bytes without a copy.
	var out strings.Builder
	out.Grow(end - start)
	out.Write(d.b[start:j])
	for j < end {
		if c := d.b[j]; c != '\\' {
			k := j
			for k < end && plainByte[d.b[k]] {
				k++
			}
			if k == j {
				return "", false // a control character
			}
			out.Write(d.b[j:k])
			j = k
			continue
		}
		switch e := d.b[j+1]; e {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			out.WriteByte(unescape(e))
			j += 2
		case 'u':
			r := hex4(d.b[j+2 : end])
			if r < 0 {
				return "", false
			}
			j += 6
			if utf16.IsSurrogate(r) {
				// A pair when a valid low surrogate follows, else
				// U+FFFD and the next escape read on its own.
				if j+1 < end && d.b[j] == '\\' && d.b[j+1] == 'u' {
					if r1 := hex4(d.b[j+2 : end]); r1 >= 0 {
						if dec := utf16.DecodeRune(r, r1); dec != unicode.ReplacementChar {
							out.WriteRune(dec)
							j += 6
							break
						}
					}
				}
				r = unicode.ReplacementChar
			}
			out.WriteRune(r)
		default:
			return "", false
		}
	}
	d.i = end + 1
	return out.String(), true
}

// unescape returns the byte the one-letter escape \e stands for.
func unescape(e byte) byte {
	switch e {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return e // '"', '\\' and '/' stand for themselves
}

// hex4 reads four hex digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// rawString returns the raw bytes of a string value, quotes included,
// for types that decode themselves. A string without escapes is checked
// without being copied.
func (d *jreader) rawString() ([]byte, bool) {
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '"' {
		j := d.i + 1
		for j < len(d.b) && plainByte[d.b[j]] {
			j++
		}
		if j < len(d.b) && d.b[j] == '"' {
			d.i = j + 1
			return d.b[start:d.i], true
		}
	}
	if _, ok := d.quoted(); !ok {
		return nil, false
	}
	return d.b[start:d.i], true
}

// time reads a timestamp as time.Time's UnmarshalJSON does, which
// encoding/json calls with the raw string.
func (d *jreader) time(t *time.Time) bool {
	if d.isNull() {
		return true
	}
	raw, ok := d.rawString()
	return ok && t.UnmarshalJSON(raw) == nil
}

// date reads a date as ringer.Date's UnmarshalJSON reads a string or null.
func (d *jreader) date(t *ringer.Date) bool {
	if d.isNull() {
		*t = ringer.Date{}
		return true
	}
	s, ok := d.quoted()
	if !ok {
		return false
	}
	v, err := ringer.ParseDate(s)
	if err != nil {
		return false
	}
	*t = v
	return true
}

// lit consumes the literal s when it is next.
func (d *jreader) lit(s string) bool {
	if len(d.b)-d.i >= len(s) && string(d.b[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

// boolean reads true or false into a new bool; null sets *p to nil, as
// encoding/json does for a pointer.
func (d *jreader) boolean(p **bool) bool {
	if d.isNull() {
		*p = nil
		return true
	}
	v, ok := d.boolValue()
	if ok {
		*p = &v
	}
	return ok
}

// boolValue reads true or false.
func (d *jreader) boolValue() (v, ok bool) {
	switch {
	case d.lit("true"):
		return true, true
	case d.lit("false"):
		return false, true
	}
	return false, false
}

// int reads a whole number as encoding/json reads one into an int; null
// leaves *n as it is.
func (d *jreader) int(n *int) bool {
	if d.isNull() {
		return true
	}
	v, ok := d.whole(strconv.IntSize)
	if ok {
		*n = int(v)
	}
	return ok
}

// int64 reads a whole number as encoding/json reads one into an int64;
// null leaves *n as it is.
func (d *jreader) int64(n *int64) bool {
	if d.isNull() {
		return true
	}
	v, ok := d.whole(64)
	if ok {
		*n = v
	}
	return ok
}

// whole reads a number into a signed integer of the given size as
// encoding/json does: strconv.ParseInt of the number's text, which takes
// no fraction or exponent (1e2 and 1.0 are errors to encoding/json too)
// and nothing out of range.
func (d *jreader) whole(bits int) (int64, bool) {
	s, whole, ok := d.number()
	if !ok || !whole {
		return 0, false
	}
	v, err := strconv.ParseInt(string(s), 10, bits)
	return v, err == nil
}

// float reads a number into *f as encoding/json reads one into a float64;
// null leaves *f as it is.
func (d *jreader) float(f *float64) bool {
	if d.isNull() {
		return true
	}
	v, ok := d.floatValue()
	if ok {
		*f = v
	}
	return ok
}

// floatValue reads a number as encoding/json reads one into a float64 or
// an interface: strconv.ParseFloat of the number's text, which fails only
// on numbers beyond the float64 range, as encoding/json does.
func (d *jreader) floatValue() (float64, bool) {
	s, _, ok := d.number()
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(s), 64)
	return v, err == nil
}

// number reads a JSON number and returns its text; whole reports that it
// has neither a fraction nor an exponent. What follows the number is left
// to the caller: only a separator or white space may.
func (d *jreader) number() (s []byte, whole, ok bool) {
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	first := d.i
	if !d.digits() || (d.b[first] == '0' && d.i-first > 1) {
		return nil, false, false // no digits, or a leading zero: not JSON
	}
	whole = true
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if !d.digits() {
			return nil, false, false
		}
		whole = false
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if !d.digits() {
			return nil, false, false
		}
		whole = false
	}
	return d.b[start:d.i], whole, true
}

// digits consumes one or more decimal digits.
func (d *jreader) digits() bool {
	start := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	return d.i > start
}
