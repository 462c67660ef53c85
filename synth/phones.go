package synth

import (
	"math/rand/v2"
	"strconv"

	"github.com/ringerhq/ringer"
)

func itoa(n int) string { return strconv.Itoa(n) }

// phone is a telephone number in its parts: country calling code, the
// national significant number, and the national trunk prefix.
type phone struct {
	cc    string // "1", "44" ...
	nsn   string // national significant number
	trunk string // "0" where national numbers are dialled with a trunk prefix
	line  string // line type a carrier lookup would report
}

// mobilePrefixes are number ranges allocated to mobile networks, by
// country, with the digits that follow. They follow the national numbering
// plans as published by each regulator and mirrored in libphonenumber.
var mobilePrefixes = map[string]struct {
	cc, trunk string
	prefixes  []string
	rest      int
}{
	"GB": {"44", "0", []string{"75", "77", "78", "79"}, 8},
	"IE": {"353", "0", []string{"83", "85", "86", "87", "89"}, 7},
	"DE": {"49", "0", []string{"151", "152", "157", "159"}, 8},
	"NL": {"31", "0", []string{"6"}, 8},
	"FR": {"33", "0", []string{"6", "7"}, 8},
	"ES": {"34", "", []string{"6"}, 8},
	"PT": {"351", "", []string{"91", "92", "93", "96"}, 7},
	"PL": {"48", "", []string{"50", "51", "60", "69", "72", "78", "79", "88"}, 7},
	"UA": {"380", "0", []string{"50", "66", "67", "68", "93", "95", "96", "97", "98", "99"}, 7},
	"IN": {"91", "0", []string{"98", "99", "97", "96", "95", "94", "93", "91", "90", "89", "88", "87", "70", "73", "74", "76", "78", "79", "63", "62"}, 8},
	"PH": {"63", "0", []string{"917", "918", "919", "920", "921", "927", "928", "929", "939", "945", "947", "949", "956", "966", "977", "995", "998", "999"}, 7},
	"MX": {"52", "", []string{"55", "33"}, 8},
	"BR": {"55", "0", []string{"1196", "1197", "1198", "1199"}, 7},
	"AR": {"54", "0", []string{"9113", "9114", "9115", "9116"}, 7},
	"CO": {"57", "", []string{"300", "301", "310", "311", "312", "313", "315", "316", "318", "320"}, 7},
	"NG": {"234", "0", []string{"803", "806", "813", "816", "703", "706", "803", "805", "807", "815", "905", "908"}, 7},
	"KE": {"254", "0", []string{"70", "71", "72", "79"}, 7},
	"VN": {"84", "0", []string{"90", "91", "93", "94", "96", "97", "98"}, 7},
	"KR": {"82", "0", []string{"10"}, 8},
	"JP": {"81", "0", []string{"90", "80", "70"}, 8},
	"AU": {"61", "0", []string{"4"}, 8},
	"PK": {"92", "0", []string{"300", "301", "302", "303", "321", "333", "345"}, 7},
	"CN": {"86", "", []string{"138", "139", "136", "135", "186", "188", "150", "151", "158"}, 8},
	"RU": {"7", "8", []string{"914", "924", "902", "908", "916", "926"}, 7},
}

// newPhone returns a new number of a person living at p: a mobile, or for
// NANP places a number in the city's area codes (mobile and landline ranges
// are not told apart there).
func newPhone(r *rand.Rand, p *place) phone {
	if len(p.Area) > 0 {
		return phone{cc: "1", nsn: nanpNumber(r, pick(r, p.Area)), line: ringer.LineMobile}
	}
	m, ok := mobilePrefixes[p.Country]
	if !ok {
		m = mobilePrefixes["GB"]
	}
	return phone{cc: m.cc, nsn: pick(r, m.prefixes) + digits(r, m.rest), trunk: m.trunk, line: ringer.LineMobile}
}

// nanpNumber returns a number under a NANP area code with a valid exchange
// (first digit 2–9, not an N11 service code, not 555).
func nanpNumber(r *rand.Rand, area string) string {
	for {
		ex := itoa(between(r, 2, 9)) + digits(r, 2)
		if ex[1:] == "11" || ex == "555" {
			continue
		}
		return area + ex + digits(r, 4)
	}
}

// usVoIP returns a US number on a VoIP carrier (Google Voice, TextNow and
// the like hand out ordinary geographic numbers; only a carrier lookup
// tells them apart).
func usVoIP(r *rand.Rand, p *place) phone {
	area := "415"
	if len(p.Area) > 0 {
		area = pick(r, p.Area)
	}
	return phone{cc: "1", nsn: nanpNumber(r, area), line: ringer.LineVoIP}
}

// ukVoIP returns a UK 056 number, a range Ofcom allocates to VoIP services
// (non-geographic in libphonenumber).
func ukVoIP(r *rand.Rand) phone {
	return phone{cc: "44", nsn: "56" + digits(r, 8), trunk: "0", line: ringer.LineVoIP}
}

func (ph phone) e164() string { return "+" + ph.cc + ph.nsn }

// write formats the number as people type it. intl forces a form that
// carries the country code, so that it reads the same wherever it is
// parsed.
func (ph phone) write(r *rand.Rand, intl bool) string {
	n := ph.nsn
	if ph.cc == "1" && len(n) == 10 {
		k := 4
		if !intl {
			k = 9
		}
		switch r.IntN(k) {
		case 0:
			return "+1 (" + n[:3] + ") " + n[3:6] + "-" + n[6:]
		case 1:
			return "+1 " + n[:3] + "-" + n[3:6] + "-" + n[6:]
		case 2:
			return "+1" + n
		case 3:
			return "+1." + n[:3] + "." + n[3:6] + "." + n[6:]
		case 4:
			return "(" + n[:3] + ") " + n[3:6] + "-" + n[6:]
		case 5:
			return n[:3] + "-" + n[3:6] + "-" + n[6:]
		case 6:
			return n[:3] + "." + n[3:6] + "." + n[6:]
		case 7:
			return n
		}
		return "1-" + n[:3] + "-" + n[3:6] + "-" + n[6:]
	}
	split := min(len(n)/2, 4)
	k := 3
	if !intl {
		k = 5
	}
	switch r.IntN(k) {
	case 0:
		return "+" + ph.cc + n
	case 1:
		return "+" + ph.cc + " " + n[:split] + " " + n[split:]
	case 2:
		return "00" + ph.cc + " " + n
	case 3:
		return ph.trunk + n
	}
	return ph.trunk + n[:split] + " " + n[split:]
}

// record returns the number as a record carries it, with the line type a
// carrier lookup reported when the source has one.
func (ph phone) record(r *rand.Rand, intl bool, lookup float64) ringer.Phone {
	p := ringer.Phone{Number: ph.write(r, intl)}
	if chance(r, lookup) {
		p.LineType = ph.line
	}
	return p
}
