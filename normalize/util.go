package normalize

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// clip shortens a value for an error message so that a long or hostile
// input does not flood a report.
func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	n := 60
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func validUTF8(s string) bool { return utf8.ValidString(s) }

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// onlyDigits returns the ASCII digits of s and whether s held nothing
// else than digits and the separators people type in numbers (space,
// dash, dot, slash).
func onlyDigits(s string) (string, bool) {
	clean := true
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	b := make([]byte, 0, n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			b = append(b, c)
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t':
		default:
			clean = false
		}
	}
	return string(b), clean
}

// InputError says why a value is not a valid identifier. Error names the
// value (clipped); Reason does not, so it can be logged or reported
// without the raw identifier.
type InputError struct {
	// What names the kind of value: "e-mail", "phone", "IBAN" …
	What string
	// Value is the input as given.
	Value string
	// Reason says what is wrong, without the value.
	Reason string
	// Err is the underlying error, if any (ErrNotEmail, a parser's error).
	Err error
}

// Error names the kind of value, the value (clipped) and the reason.
func (e *InputError) Error() string {
	return e.What + " " + strconv.Quote(clip(e.Value)) + ": " + e.Reason
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

func inputError(what, value, reason string, err error) error {
	if reason == "" && err != nil {
		reason = err.Error()
	}
	return &InputError{What: what, Value: value, Reason: reason, Err: err}
}

// reason returns an error's text without the raw value when it is an
// InputError, for reports that must not carry PII.
func reason(err error) string {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.What + ": " + ie.Reason
	}
	return err.Error()
}
