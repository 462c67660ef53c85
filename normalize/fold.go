package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinFold maps the precomposed letters of the Latin blocks (Latin-1
// Supplement, Latin Extended-A and -B, Latin Extended Additional) to their
// lower-case ASCII base letters: "é" to "e", "ß" to "ss", "ø" to "o", "ł"
// to "l". It is built once from the Unicode decompositions plus the letters
// that have none (ø, ł, đ, æ, œ, þ, ð, ı …) and never written after.
var latinFold = buildLatinFold()

const (
	latinFoldLo = 0x00C0
	latinFoldHi = 0x1EFF
)

func buildLatinFold() []string {
	t := make([]string, latinFoldHi-latinFoldLo+1)
	special := map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'Æ': "ae", 'æ': "ae", 'Œ': "oe", 'œ': "oe",
		'Ø': "o", 'ø': "o", 'Ł': "l", 'ł': "l", 'Đ': "d", 'đ': "d",
		'Ð': "d", 'ð': "d", 'Þ': "th", 'þ': "th", 'ı': "i", 'Ħ': "h",
		'ħ': "h", 'Ŧ': "t", 'ŧ': "t", 'Ŀ': "l", 'ŀ': "l", 'ĸ': "k",
		'Ŋ': "ng", 'ŋ': "ng", 'Ɨ': "i", 'ɨ': "i", 'Ƶ': "z", 'ƶ': "z",
		'Ɖ': "d", 'ɖ': "d", 'Ƀ': "b", 'ƀ': "b", 'Ǥ': "g", 'ǥ': "g",
		'ĳ': "ij", 'Ĳ': "ij", 'ſ': "s",
	}
	for r := rune(latinFoldLo); r <= latinFoldHi; r++ {
		if r > 0x024F && r < 0x1E00 {
			continue
		}
		if s, ok := special[r]; ok {
			t[r-latinFoldLo] = s
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		var b []byte
		ascii := true
		for _, d := range norm.NFKD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			if d >= utf8.RuneSelf {
				ascii = false
				break
			}
			b = append(b, byte(unicode.ToLower(d)))
		}
		if ascii && len(b) > 0 {
			t[r-latinFoldLo] = string(b)
		}
	}
	return t
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldAppend appends s to dst folded for comparison: NFKC, lower case,
// Latin accents removed, and every run of characters that are neither
// letters, digits nor marks turned into one space. Apostrophes inside a
// word are dropped so that "O'Brien" and "OBrien" fold alike. keep lists
// ASCII punctuation that is kept as its own byte (addresses keep '#' and
// '/'). Non-Latin letters are kept, lower-cased.
func foldAppend(dst []byte, s string, keep string) []byte {
	space := len(dst) == 0 || dst[len(dst)-1] == ' '
	sep := func() {
		if !space {
			dst = append(dst, ' ')
			space = true
		}
	}
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
				space = false
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
			case c == '\'' || c == '`':
				// joins: O'Brien -> obrien
			case keep != "" && indexByte(keep, c):
				dst = append(dst, c)
				space = false
			default:
				sep()
			}
		}
		return dst
	}
	if !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s)
	}
	lastLatin := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
				space = false
				lastLatin = true
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
				lastLatin = true
			case c == '\'' || c == '`':
			case keep != "" && indexByte(keep, c):
				dst = append(dst, c)
				space = false
				lastLatin = false
			default:
				sep()
				lastLatin = false
			}
		case r >= latinFoldLo && r <= latinFoldHi && latinFold[r-latinFoldLo] != "":
			dst = append(dst, latinFold[r-latinFoldLo]...)
			space = false
			lastLatin = true
		case r == '’' || r == 'ʼ' || r == 'ʻ' || r == '‘':
			// apostrophes join, as in ASCII
		case unicode.IsMark(r):
			if lastLatin && unicode.Is(unicode.Mn, r) {
				// a combining accent left on a Latin letter
				continue
			}
			if !space {
				dst = utf8.AppendRune(dst, r)
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			space = false
			lastLatin = unicode.Is(unicode.Latin, r)
		default:
			sep()
			lastLatin = false
		}
	}
	return dst
}

func indexByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// fields splits a folded string at its single spaces into dst.
func fields(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// foldString folds s (see foldAppend) and trims the trailing space.
func foldString(s string) string {
	var buf [64]byte
	b := foldAppend(buf[:0], s, "")
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b)
}
