package ringer

import (
	"bytes"
	"encoding/json"
	"github.com/ringerhq/ringer/internal/jsonscan"
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
// has been decoded, so it only walks the object's outline, and allocates
// only when a member is unknown.
func splitUnknown(b []byte, known map[string]bool) (map[string]json.RawMessage, error) {
	var out map[string]json.RawMessage
	err := jsonscan.EachMember(b, func(key, value []byte) {
		if known[string(key)] { // no allocation for the lookup
			return
		}
		if out == nil {
			out = make(map[string]json.RawMessage)
		}
		out[string(key)] = append(json.RawMessage(nil), value...)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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
