package link

import (
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
)

// Field is one compared attribute of a pair of records.
type Field int

// The compared fields, in the order of a comparison vector.
const (
	FieldGiven Field = iota
	FieldFamily
	FieldBirth
	FieldStreet
	FieldLine2
	FieldCity
	FieldPostcode
	FieldRegion
	FieldEmail
	FieldPhone
	FieldDocument
	NumFields
)

var fieldNames = [NumFields]string{"given_name", "family_name", "birth_date",
	"street", "address_line2", "city", "postcode", "region", "email", "phone", "document"}

// String returns the field's name as it appears in link evidence.
func (f Field) String() string { return fieldNames[f] }

// Comparison levels. Level 0 means the field is missing on either side and
// carries no weight; 1 is disagreement; higher levels agree more closely,
// up to the field's Levels()-1 for an exact match.
const (
	levelNull     = 0
	levelDisagree = 1
)

// levels is the number of levels (including null) of each field.
var levels = [NumFields]int{5, 5, 5, 5, 4, 4, 4, 3, 4, 3, 4}

// Levels returns how many comparison levels a field has, null included.
func (f Field) Levels() int { return levels[f] }

// levelNames describe each level for explanations.
var levelNames = [NumFields][]string{
	{"missing", "differs", "similar", "close", "same"},
	{"missing", "differs", "similar", "close", "same"},
	{"missing", "differs", "same year", "one part differs", "same"},
	{"missing", "differs", "same street", "close", "same"},
	{"missing", "differs", "close", "same"},
	{"missing", "differs", "close", "same"},
	{"missing", "differs", "one character differs", "same"},
	{"missing", "differs", "same"},
	{"missing", "differs", "a typo apart", "same"},
	{"missing", "differs", "same"},
	{"missing", "differs", "one or two characters differ", "same"},
}

// Vector is the comparison of two records: one level per field.
type Vector [NumFields]uint8

// Compare compares two records' features field by field. Names are
// compared in both orders (given/family swapped) and the better reading is
// kept.
func Compare(a, b *Features) Vector {
	var v Vector
	g, f := nameLevel(a.Given, b.Given), nameLevel(a.Family, b.Family)
	if a.Given != "" && a.Family != "" && b.Given != "" && b.Family != "" {
		sg, sf := nameLevel(a.Given, b.Family), nameLevel(a.Family, b.Given)
		if int(sg)+int(sf) > int(g)+int(f)+1 {
			g, f = sg, sf
		}
	}
	v[FieldGiven], v[FieldFamily] = g, f
	v[FieldBirth] = birthLevel(a.Birth, b.Birth)
	v[FieldStreet] = streetLevel(a, b)
	v[FieldLine2] = textLevel(a.Line2, b.Line2)
	v[FieldCity] = textLevel(a.City, b.City)
	v[FieldPostcode] = codeLevel(a.Postcode, b.Postcode)
	v[FieldRegion] = exactLevel(a.Region, b.Region)
	fuzzy := !a.Keyed && !b.Keyed
	v[FieldEmail] = emailLevel(a.Emails, b.Emails, fuzzy)
	v[FieldPhone] = phoneLevel(a.Phones, b.Phones)
	v[FieldDocument] = documentLevel(a.Documents, b.Documents, fuzzy)
	return v
}

// nameLevel: 4 same, 3 Jaro–Winkler ≥ 0.92, 2 ≥ 0.80 or one is a prefix
// (initial or short form) of the other, 1 differs.
func nameLevel(a, b string) uint8 {
	if a == "" || b == "" {
		return levelNull
	}
	if a == b {
		return 4
	}
	jw := JaroWinkler(a, b)
	switch {
	case jw >= 0.92:
		return 3
	case jw >= 0.80:
		return 2
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if strings.HasPrefix(long, short) && (len(short) == 1 || len(short) >= 3) {
		return 2
	}
	// A token in common (double-barrelled names, extra middle names).
	if strings.IndexByte(a, ' ') >= 0 || strings.IndexByte(b, ' ') >= 0 {
		for _, ta := range strings.Fields(a) {
			for _, tb := range strings.Fields(b) {
				if len(ta) > 1 && ta == tb {
					return 2
				}
			}
		}
	}
	return levelDisagree
}

// birthLevel: 4 same, 3 one of year/month/day differs or day and month
// swapped (or the dates agree at the precision both have), 2 same year,
// 1 differs.
func birthLevel(a, b ringer.Date) uint8 {
	if a.Year == 0 || b.Year == 0 {
		return levelNull
	}
	if a == b {
		if a.Day != 0 {
			return 4
		}
		return 3
	}
	if a.Month == 0 || b.Month == 0 || a.Day == 0 || b.Day == 0 {
		// Partial on one side: consistent at the common precision?
		if a.Year == b.Year && (a.Month == 0 || b.Month == 0 || a.Month == b.Month) {
			return 3
		}
		if a.Year == b.Year {
			return 2
		}
		return levelDisagree
	}
	same := 0
	if a.Year == b.Year {
		same++
	}
	if a.Month == b.Month {
		same++
	}
	if a.Day == b.Day {
		same++
	}
	switch {
	case same == 2:
		return 3
	case a.Year == b.Year && a.Month == b.Day && a.Day == b.Month:
		return 3
	case a.Year == b.Year:
		return 2
	}
	if same == 1 && a.Month == b.Month && a.Day == b.Day {
		return 3 // year typo
	}
	if sameDigitsOneEdit(a.Year, b.Year) && a.Month == b.Month && a.Day == b.Day {
		return 3
	}
	return levelDisagree
}

func sameDigitsOneEdit(x, y int) bool {
	d := 0
	for i := 0; i < 4; i++ {
		if x%10 != y%10 {
			d++
		}
		x, y = x/10, y/10
	}
	return d <= 1
}

// streetLevel: 4 same number and street, 3 same number and close street
// (or same street, number one edit away), 2 same street another number, 1
// differs.
func streetLevel(a, b *Features) uint8 {
	if a.Street == "" || b.Street == "" {
		return levelNull
	}
	sameNum := a.Number == b.Number
	if a.Street == b.Street {
		if sameNum {
			return 4
		}
		if EditDistanceAtMost(a.Number, b.Number, 1) {
			return 3
		}
		return 2
	}
	jw := JaroWinkler(a.Street, b.Street)
	if jw >= 0.88 && sameNum {
		return 3
	}
	if jw >= 0.88 {
		return 2
	}
	return levelDisagree
}

// textLevel: 3 same, 2 Jaro–Winkler ≥ 0.88, 1 differs.
func textLevel(a, b string) uint8 {
	if a == "" || b == "" {
		return levelNull
	}
	if a == b {
		return 3
	}
	if JaroWinkler(a, b) >= 0.88 {
		return 2
	}
	return levelDisagree
}

// codeLevel: 3 same, 2 one edit (typo or transposition), 1 differs.
func codeLevel(a, b string) uint8 {
	if a == "" || b == "" {
		return levelNull
	}
	if a == b {
		return 3
	}
	if EditDistanceAtMost(a, b, 1) {
		return 2
	}
	return levelDisagree
}

func exactLevel(a, b string) uint8 {
	if a == "" || b == "" {
		return levelNull
	}
	if a == b {
		return 2
	}
	return levelDisagree
}

// emailLevel: 3 an address in common, 2 addresses a typo or two apart
// (local part and domain each within two edits, or the same local part
// and a domain within three), 1 differs. Addresses
// that merely both contain the person's name ("maria.garcia81@…" and
// "mgarcia.work@…") are not similar: that would count the name twice.
func emailLevel(a, b []string, fuzzy bool) uint8 {
	if len(a) == 0 || len(b) == 0 {
		return levelNull
	}
	best := uint8(levelDisagree)
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return 3
			}
			if !fuzzy {
				continue // keyed values compare by equality only
			}
			lx, dx, _ := strings.Cut(x, "@")
			ly, dy, _ := strings.Cut(y, "@")
			if (lx == ly && len(lx) >= 3 && EditDistanceAtMost(dx, dy, 3)) ||
				(len(lx) >= 5 && EditDistanceAtMost(lx, ly, 2) && EditDistanceAtMost(dx, dy, 2)) {
				best = 2
			}
		}
	}
	return best
}

// phoneLevel: 2 a number in common, 1 differs.
func phoneLevel(a, b []string) uint8 {
	if len(a) == 0 || len(b) == 0 {
		return levelNull
	}
	for _, x := range a {
		if slices.Contains(b, x) {
			return 2
		}
	}
	return levelDisagree
}

// documentLevel: 3 a number in common, 2 at most two edits apart, 1 differs.
func documentLevel(a, b []string, fuzzy bool) uint8 {
	if len(a) == 0 || len(b) == 0 {
		return levelNull
	}
	best := uint8(levelDisagree)
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return 3
			}
			if fuzzy && len(x) >= 6 && EditDistanceAtMost(x, y, 2) {
				best = 2
			}
		}
	}
	return best
}
