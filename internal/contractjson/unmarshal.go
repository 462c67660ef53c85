package contractjson

import (
	"unicode/utf8"

	"github.com/ringerhq/ringer"
)

// UnmarshalRecord decodes the JSON object b into r: with Record when b is
// valid UTF-8 and plain, else with ringer.Record.UnmarshalJSON, whose
// error it returns. The result is the same either way.
func UnmarshalRecord(b []byte, r *ringer.Record) error {
	if utf8.Valid(b) {
		if ok, _ := Record(b, r); ok {
			return nil
		}
	}
	*r = ringer.Record{}
	return r.UnmarshalJSON(b)
}

// UnmarshalEvent decodes the JSON object b into e: with Event when b is
// valid UTF-8 and plain, else with ringer.Event.UnmarshalJSON, whose error
// it returns. The result is the same either way.
func UnmarshalEvent(b []byte, e *ringer.Event) error {
	if utf8.Valid(b) && Event(b, e) {
		return nil
	}
	*e = ringer.Event{}
	return e.UnmarshalJSON(b)
}
