package link

import (
	"strconv"
	"strings"
)

// BlockingKeys returns the keys under which a record is filed so that its
// likely duplicates are found without comparing all pairs. Each key
// combines two attributes so that a typo in one still leaves another key
// to meet on. A key made of missing parts is not produced.
//
// The keys hold raw values; callers hash them (batch linking, in memory)
// or key them with the deployment secret (stored personas).
func BlockingKeys(f *Features) []string {
	keys := make([]string, 0, 12)
	add := func(kind string, parts ...string) {
		n := len(kind) + 1
		for _, p := range parts {
			if p == "" {
				return
			}
			n += len(p) + 1
		}
		b := make([]byte, 0, n)
		b = append(b, kind...)
		for _, p := range parts {
			b = append(b, ':')
			b = append(b, p...)
		}
		keys = append(keys, string(b))
	}
	g, fam := nameParts(f)
	birth, year := "", ""
	if f.Birth.Day != 0 {
		birth = f.Birth.String()
	}
	if f.Birth.Year != 0 {
		year = strconv.Itoa(f.Birth.Year)
	}
	// Single attributes, for sparse records and heavy typos: useful only
	// when rare, which the caller's tighter cap on such groups decides (a
	// common surname, or a birth date among a million people, is skipped).
	add("f", f.Family)
	add("b", birth)
	add("g", f.Given)
	add("gf", g, fam)
	add("fb", f.Family, birth)
	add("gb", f.Given, birth)
	add("bp", birth, f.Postcode)
	add("fi", birth, initial(f.Family))
	add("gi", birth, initial(f.Given))
	add("fy", prefix(f.Family, 3), initial(f.Given), year)
	add("pn", f.Postcode, f.Number, prefix(f.Street, 2))
	add("sc", f.Number, f.Street, f.City)
	for _, e := range f.Emails {
		if !f.Keyed {
			if at := strings.IndexByte(e, '@'); at > 0 {
				add("el", e[:at])
				add("ed", e[at+1:], initial(f.Family))
			}
		}
	}
	for _, d := range f.Documents {
		add("doc", d)
	}
	return keys
}

func initial(s string) string {
	if s == "" {
		return ""
	}
	return s[:1]
}

func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// isLooseKey reports whether a blocking key rests on a single attribute.
func isLooseKey(k string) bool {
	kind, _, _ := strings.Cut(k, ":")
	return kind == "f" || kind == "b" || kind == "g"
}

// nameParts returns a record's given and family name in a fixed order, so
// that names written either way round meet.
func nameParts(f *Features) (string, string) {
	g, fam := f.Given, f.Family
	if g > fam && fam != "" {
		g, fam = fam, g
	}
	return g, fam
}

// NameKey returns the blocking key of a record's full name ("" when a part
// is missing); counting records per name key gives the name's frequency.
func NameKey(f *Features) string {
	g, fam := nameParts(f)
	if g == "" || fam == "" {
		return ""
	}
	return "gf:" + g + ":" + fam
}
