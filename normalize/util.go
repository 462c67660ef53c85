package normalize

import "unicode/utf8"

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
