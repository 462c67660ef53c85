// Package jsonscan walks the outline of a JSON object without decoding
// its values: the top-level member names and the extent of each value.
// The contract's types use it to keep unknown fields, and the readers to
// tell records from events and to point at the field that failed.
package jsonscan

import (
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// ErrNotObject is returned by EachMember for input that is not a JSON
// object.
var ErrNotObject = errors.New("not a JSON object")

// ErrBadObject is returned by EachMember for an object it cannot walk.
var ErrBadObject = errors.New("bad JSON object")

// EachMember calls fn with the name and the raw value of each top-level
// member of the JSON object b, without decoding the values. It checks the
// object's outline (quotes, brackets, separators) but not the inside of
// values; json.Unmarshal does that.
func EachMember(b []byte, fn func(key, value []byte)) error {
	i := skipBlank(b, 0)
	if i >= len(b) || b[i] != '{' {
		return ErrNotObject
	}
	i = skipBlank(b, i+1)
	if i < len(b) && b[i] == '}' {
		return trailing(b, i+1)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return ErrBadObject
		}
		end, escaped := skipString(b, i)
		if end < 0 {
			return ErrBadObject
		}
		key := b[i+1 : end-1]
		if escaped || !utf8.Valid(key) {
			// Read the name as encoding/json does: escapes resolved and
			// invalid UTF-8 replaced.
			var s string
			if err := json.Unmarshal(b[i:end], &s); err != nil {
				return ErrBadObject
			}
			key = []byte(s)
		}
		i = skipBlank(b, end)
		if i >= len(b) || b[i] != ':' {
			return ErrBadObject
		}
		i = skipBlank(b, i+1)
		vend := skipValue(b, i)
		if vend < 0 {
			return ErrBadObject
		}
		fn(key, b[i:vend])
		i = skipBlank(b, vend)
		if i >= len(b) {
			return ErrBadObject
		}
		switch b[i] {
		case ',':
			i = skipBlank(b, i+1)
		case '}':
			return trailing(b, i+1)
		default:
			return ErrBadObject
		}
	}
}

// trailing checks that only blanks follow position i.
func trailing(b []byte, i int) error {
	if skipBlank(b, i) != len(b) {
		return ErrBadObject
	}
	return nil
}

func skipBlank(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at b[i] (a
// quote) and whether it holds escapes; -1 when it is not closed.
func skipString(b []byte, i int) (int, bool) {
	escaped := false
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, escaped
}

// skipValue returns the index just past the value starting at b[i], or -1.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		end, _ := skipString(b, i)
		return end
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, _ := skipString(b, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && !isSpace(b[j]) && b[j] != ',' && b[j] != '}' && b[j] != ']' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
