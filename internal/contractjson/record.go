package ingest

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ringerhq/ringer"
)

// fastRecord decodes a JSON object into r as ringer.Record.UnmarshalJSON
// does, for the lines nearly every input is made of; b must be valid UTF-8
// (decoder.line makes it so): every member, at
// every depth, one the contract names, spelled exactly and given once,
// each value of its field's type (or null). It reports false for anything
// else, and for invalid JSON, and leaves r in an unspecified state; the
// caller then decodes the line with UnmarshalJSON, which decides what the
// line is and explains what is wrong with it. sawID reports an "id"
// member.
//
// It exists for speed alone: encoding/json first validates a line, then
// decodes it by reflection, and that was a sixth of `ringer link`'s time
// on a million records. TestFastRecord and FuzzFastRecord hold it to
// UnmarshalJSON: whatever it accepts, UnmarshalJSON accepts and decodes to
// the same record.
func fastRecord(b []byte, r *ringer.Record) (ok, sawID bool) {
	d := jreader{b: b}
	d.ws()
	ok = d.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			sawID = true
			return d.str(&r.ID)
		case "source":
			return d.str(&r.Source)
		case "kind":
			return d.str(&r.Kind)
		case "observed_at":
			return d.time(&r.ObservedAt)
		case "name":
			return d.name(&r.Name)
		case "aliases":
			return d.strings(&r.Aliases)
		case "birth_date":
			return d.date(&r.BirthDate)
		case "birth_place":
			return d.str(&r.BirthPlace)
		case "emails":
			return d.strings(&r.Emails)
		case "phones":
			return d.phones(&r.Phones)
		case "addresses":
			return array(&d, &r.Addresses, d.address)
		case "documents":
			return array(&d, &r.Documents, d.document)
		case "payout_accounts":
			return array(&d, &r.PayoutAccounts, d.payout)
		case "profiles":
			return array(&d, &r.Profiles, d.profile)
		case "photos":
			return array(&d, &r.Photos, d.photo)
		case "resume":
			return d.resume(&r.Resume)
		case "claimed":
			return d.claimed(&r.Claimed)
		case "referred_by":
			return d.str(&r.ReferredBy)
		case "attributes":
			// Free-form: left to encoding/json unless empty.
			return d.null()
		}
		return false
	})
	if !ok {
		return false, false
	}
	d.ws()
	return d.i == len(d.b), sawID
}

// jreader reads JSON from b at i. Its methods report false on input they
// do not take, with i anywhere.
type jreader struct {
	b []byte
	i int
}

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
	if len(d.b)-d.i >= 4 && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
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
	var seen [24][]byte
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
		d.ws()
		if d.i >= len(d.b) {
			return false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.ws()
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

// array reads an array (or null, leaving *s as it is) whose elements elem
// reads into a new element each. An empty array gives an empty slice, not
// nil, as encoding/json does.
func array[T any](d *jreader, s *[]T, elem func(*T) bool) bool {
	if d.isNull() {
		return true
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return false
	}
	d.i++
	d.ws()
	out := (*s)[:0]
	if out == nil {
		out = []T{}
	}
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		*s = out
		return true
	}
	for {
		var v T
		if !elem(&v) {
			return false
		}
		out = append(out, v)
		d.ws()
		if d.i >= len(d.b) {
			return false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.ws()
		case ']':
			d.i++
			*s = out
			return true
		default:
			return false
		}
	}
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
// are valid UTF-8 (see fastRecord).
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
		case '"', '\\', '/':
			out.WriteByte(e)
			j += 2
		case 'b':
			out.WriteByte('\b')
			j += 2
		case 'f':
			out.WriteByte('\f')
			j += 2
		case 'n':
			out.WriteByte('\n')
			j += 2
		case 'r':
			out.WriteByte('\r')
			j += 2
		case 't':
			out.WriteByte('\t')
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
// for types that decode themselves.
func (d *jreader) rawString() ([]byte, bool) {
	start := d.i
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

// int reads a whole number as encoding/json reads one into an int.
func (d *jreader) int(n *int) bool {
	if d.isNull() {
		return true
	}
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	if d.i == digits || (d.b[digits] == '0' && d.i-digits > 1) {
		return false // no digits, or a leading zero: not JSON
	}
	if d.i < len(d.b) {
		switch d.b[d.i] {
		case '.', 'e', 'E':
			return false // not a whole number to encoding/json
		}
	}
	v, err := strconv.ParseInt(string(d.b[start:d.i]), 10, 0)
	if err != nil {
		return false
	}
	*n = int(v)
	return true
}

func (d *jreader) name(n *ringer.Name) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "full":
			return d.str(&n.Full)
		case "given":
			return d.str(&n.Given)
		case "middle":
			return d.str(&n.Middle)
		case "family":
			return d.str(&n.Family)
		}
		return false
	})
}

// phones reads phones as ringer.Phone's UnmarshalJSON reads each: a
// string is the number, an object has a number and a line type, null is
// an empty phone.
func (d *jreader) phones(s *[]ringer.Phone) bool {
	return array(d, s, func(p *ringer.Phone) bool {
		if d.i < len(d.b) && d.b[d.i] == '"' {
			v, ok := d.quoted()
			p.Number = v
			return ok
		}
		if d.isNull() {
			return true
		}
		return d.object(func(key []byte) bool {
			switch string(key) {
			case "number":
				return d.str(&p.Number)
			case "line_type":
				return d.str(&p.LineType)
			}
			return false
		})
	})
}

func (d *jreader) address(a *ringer.Address) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "use":
			return d.str(&a.Use)
		case "line1":
			return d.str(&a.Line1)
		case "line2":
			return d.str(&a.Line2)
		case "city":
			return d.str(&a.City)
		case "region":
			return d.str(&a.Region)
		case "postcode":
			return d.str(&a.Postcode)
		case "country":
			return d.str(&a.Country)
		case "raw":
			return d.str(&a.Raw)
		}
		return false
	})
}

func (d *jreader) document(doc *ringer.Document) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return d.str(&doc.Type)
		case "country":
			return d.str(&doc.Country)
		case "number":
			return d.str(&doc.Number)
		}
		return false
	})
}

func (d *jreader) payout(a *ringer.PayoutAccount) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return d.str(&a.Type)
		case "country":
			return d.str(&a.Country)
		case "routing":
			return d.str(&a.Routing)
		case "number":
			return d.str(&a.Number)
		case "holder":
			return d.str(&a.Holder)
		case "network":
			return d.str(&a.Network)
		case "value":
			return d.str(&a.Value)
		}
		return false
	})
}

func (d *jreader) profile(p *ringer.Profile) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "site":
			return d.str(&p.Site)
		case "handle":
			return d.str(&p.Handle)
		case "url":
			return d.str(&p.URL)
		case "created_at":
			return d.date(&p.CreatedAt)
		case "earliest_activity":
			return d.date(&p.EarliestActivity)
		case "followers":
			return d.int(&p.Followers)
		}
		return false
	})
}

func (d *jreader) photo(p *ringer.Photo) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "phash":
			return d.str(&p.PHash)
		case "sha256":
			return d.str(&p.SHA256)
		case "path":
			return d.str(&p.Path)
		}
		return false
	})
}

// resume reads a résumé object into a new Resume; null leaves it nil.
func (d *jreader) resume(r **ringer.Resume) bool {
	if d.isNull() {
		*r = nil
		return true
	}
	v := new(ringer.Resume)
	ok := d.object(func(key []byte) bool {
		switch string(key) {
		case "text":
			return d.str(&v.Text)
		case "path":
			return d.str(&v.Path)
		}
		return false
	})
	*r = v
	return ok
}

func (d *jreader) claimed(c *ringer.Claimed) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "country":
			return d.str(&c.Country)
		case "city":
			return d.str(&c.City)
		case "timezone":
			return d.str(&c.Timezone)
		}
		return false
	})
}
