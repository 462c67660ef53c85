package ringer

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// jsonKeys returns the JSON names of a struct type's fields.
func jsonKeys(t reflect.Type) map[string]bool {
	keys := make(map[string]bool)
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		keys[name] = true
	}
	return keys
}

// The sets of contract field names; computed once, never written after.
var (
	recordKeys = jsonKeys(reflect.TypeFor[Record]())
	eventKeys  = jsonKeys(reflect.TypeFor[Event]())
)

// splitUnknown returns the top-level members of the JSON object b whose
// names are not in known, or nil when there are none. It is called after b
// has been decoded, so it only walks the object's outline: it finds each
// member's name and the extent of its value without decoding the value, and
// allocates only when a member is unknown.
func splitUnknown(b []byte, known map[string]bool) (map[string]json.RawMessage, error) {
	var out map[string]json.RawMessage
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, errNotObject
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return nil, errNotObject
		}
		end, escaped := skipString(b, i)
		if end < 0 {
			return nil, errNotObject
		}
		raw := b[i+1 : end-1]
		if escaped {
			var key string
			if err := json.Unmarshal(b[i:end], &key); err != nil {
				return nil, err
			}
			raw = []byte(key)
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, errNotObject
		}
		i = skipSpace(b, i+1)
		vend := skipValue(b, i)
		if vend < 0 {
			return nil, errNotObject
		}
		if !known[string(raw)] { // no allocation for the lookup
			if out == nil {
				out = make(map[string]json.RawMessage)
			}
			out[string(raw)] = append(json.RawMessage(nil), b[i:vend]...)
		}
		i = skipSpace(b, vend)
		if i >= len(b) {
			return nil, errNotObject
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return out, nil
		default:
			return nil, errNotObject
		}
	}
}

// errNotObject is returned by splitUnknown for input that is not a JSON
// object.
var errNotObject = errors.New("not a JSON object")

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the JSON string that starts with
// the quote at b[i], and whether it holds escapes; -1 when it is not closed.
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

// skipValue returns the index just past the JSON value that starts at
// b[i], or -1.
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
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// mergeUnknown appends the members of extra to the JSON object b.
func mergeUnknown(b []byte, extra map[string]json.RawMessage) ([]byte, error) {
	if len(extra) == 0 {
		return b, nil
	}
	x, err := json.Marshal(extra)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSuffix(bytes.TrimSpace(b), []byte("}"))
	if len(b) > 1 {
		b = append(b, ',')
	}
	b = append(b, x[1:]...)
	return b, nil
}

// UnmarshalJSON reads a record and keeps the fields the contract does not
// name in Unknown.
func (r *Record) UnmarshalJSON(b []byte) error {
	type plain Record
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = Record(p)
	u, err := splitUnknown(b, recordKeys)
	r.Unknown = u
	return err
}

// MarshalJSON writes a record with its unknown fields back in place.
func (r Record) MarshalJSON() ([]byte, error) {
	type plain Record
	b, err := json.Marshal(plain(r))
	if err != nil {
		return nil, err
	}
	return mergeUnknown(b, r.Unknown)
}

// UnmarshalJSON reads an event and keeps the fields the contract does not
// name in Unknown.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*e = Event(p)
	u, err := splitUnknown(b, eventKeys)
	e.Unknown = u
	return err
}

// MarshalJSON writes an event with its unknown fields back in place.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	b, err := json.Marshal(plain(e))
	if err != nil {
		return nil, err
	}
	return mergeUnknown(b, e.Unknown)
}
