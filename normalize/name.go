package normalize

import (
	"strings"

	"github.com/ringerhq/ringer"
)

// nameAffixes are titles and generational suffixes that say nothing of who
// a person is. "md" is deliberately absent: in Bangladesh and elsewhere
// "Md" abbreviates Mohammad and is part of the name.
var nameAffixes = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "mx": true, "miss": true, "dr": true,
	"prof": true, "jr": true, "sr": true, "ii": true, "iii": true, "iv": true,
	"phd": true, "esq": true,
}

// NameTokens folds a name for comparison: Unicode NFKC, Latin accents folded
// ("José Müller" to "jose", "muller"; "ß" to "ss"; "ø", "ł" to "o", "l"),
// lower case, split at spaces, hyphens and punctuation ("Min-jun" to "min",
// "jun"), titles and generational suffixes dropped (mr, mrs, ms, dr, jr, sr,
// ii, iii …) unless they are all there is. Apostrophes join ("O'Brien" to
// "obrien"). Letters of non-Latin scripts are kept, lower-cased where the
// script has case; transliteration is not done here.
func NameTokens(s string) []string {
	var buf [96]byte
	b := foldAppend(buf[:0], s, "")
	if len(b) == 0 {
		return nil
	}
	folded := string(b)
	n := strings.Count(folded, " ") + 1
	toks := fields(make([]string, 0, n), folded)
	return dropAffixes(toks)
}

func dropAffixes(toks []string) []string {
	keep := 0
	for _, t := range toks {
		if !nameAffixes[t] {
			keep++
		}
	}
	if keep == len(toks) || keep == 0 {
		return toks
	}
	out := toks[:0]
	for _, t := range toks {
		if !nameAffixes[t] {
			out = append(out, t)
		}
	}
	return out
}

// PersonName is a name folded into token lists (see NameTokens).
type PersonName struct {
	Given, Middle, Family, Full []string
}

// Name folds a ringer.Name. Parts not given are derived from Full: the
// first token is the given name, the last the family name, the ones
// between middle names; "Family, Given Middle" (a comma
// after the first part) is understood. When only parts are given, Full is
// their concatenation in given, middle, family order. Full is always in
// that order, so "Moore, Daniel" and "Daniel Moore" fold alike.
func Name(n ringer.Name) PersonName {
	var p PersonName
	hasParts := n.Given != "" || n.Middle != "" || n.Family != ""
	if hasParts {
		p.Given = NameTokens(n.Given)
		p.Middle = NameTokens(n.Middle)
		p.Family = NameTokens(n.Family)
	}
	if n.Full == "" {
		if hasParts {
			full := make([]string, 0, len(p.Given)+len(p.Middle)+len(p.Family))
			full = append(full, p.Given...)
			full = append(full, p.Middle...)
			p.Full = append(full, p.Family...)
		}
		return p
	}
	var given, middle, family, full []string
	if i := strings.IndexByte(n.Full, ','); i >= 0 && !suffixOnly(n.Full[i+1:]) {
		family = NameTokens(n.Full[:i])
		rest := NameTokens(n.Full[i+1:])
		if len(rest) > 0 {
			given, middle = rest[:1], rest[1:]
		}
		full = make([]string, 0, len(rest)+len(family))
		full = append(full, rest...)
		full = append(full, family...)
	} else {
		full = NameTokens(n.Full)
		switch len(full) {
		case 0:
		case 1:
			given = full
		default:
			given, middle, family = full[:1], full[1:len(full)-1], full[len(full)-1:]
		}
	}
	p.Full = full
	// Parts the source left out are read from the full name.
	if len(p.Given) == 0 {
		p.Given = given
	}
	if len(p.Family) == 0 {
		p.Family = family
	}
	if len(p.Middle) == 0 {
		p.Middle = middle
	}
	if len(p.Middle) == 0 {
		p.Middle = nil
	}
	return p
}

// suffixOnly reports whether the text after a comma holds only affixes,
// as in "Daniel Moore, Jr.", which is not the "Family, Given" form.
func suffixOnly(s string) bool {
	var buf [32]byte
	b := foldAppend(buf[:0], s, "")
	toks := fields(nil, string(b))
	for _, t := range toks {
		if !nameAffixes[t] {
			return false
		}
	}
	return true
}
