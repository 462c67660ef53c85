package normalize

import (
	"regexp"
	"strconv"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// This file keys phone numbers without libphonenumber's parser for the way
// nearly all numbers are written: digits with spaces, hyphens, dots and
// brackets, perhaps after one '+'. It exists for speed alone. The
// library's Parse runs a dozen general regular expressions over every
// input (the extension pattern alone is most of a parse), and its
// IsValidNumber builds each pattern's source by concatenation, looks it up
// under a lock and matches it twice, and for a shared calling code (+1,
// +44, +7) decides the number's type twice over. Together that was a fifth
// of `ringer link`'s time on a million records.
//
// fastPhoneKey takes the library's steps one by one with its own metadata
// and the same regular expressions compiled once per region, called the
// same way, so each step gives the library's answer; the steps that only
// matter for other inputs (extensions, RFC 3966, letters, full-width and
// Arabic-Indic digits, a second number) cannot fire on the inputs it
// accepts. Anything it is not sure of (an error, a number that needs the
// library's retry rules) it leaves to the library. TestFastPhoneKey,
// TestFastPhoneKeyRandom and FuzzFastPhoneKey (with its corpus) hold it to
// phonenumbers.Parse, Format and IsValidNumber; it follows the parser of
// github.com/nyaruka/phonenumbers v1.8.1, and those tests are what tells
// whether a newer version still parses the same way.

// phoneDesc is a libphonenumber number description (fixed line, mobile…)
// with its pattern compiled: the number's length must be one of lengths
// (any length when there are none) and the whole number must match re,
// which dfa (when the pattern has one) decides faster for digits.
type phoneDesc struct {
	lengths []int32
	re      *regexp.Regexp
	dfa     *digitDFA
}

func newPhoneDesc(d *phonenumbers.PhoneNumberDesc) phoneDesc {
	// The library matches "^(?:" + pattern + ")$" (isNumberMatchingDesc);
	// a missing description has the empty pattern, which matches no
	// number.
	pattern := d.GetNationalNumberPattern()
	return phoneDesc{lengths: d.GetPossibleLength(), re: regexp.MustCompile("^(?:" + pattern + ")$"), dfa: newDigitDFA(pattern)}
}

// full reports whether the whole of s matches the pattern.
func (d *phoneDesc) full(s string) bool {
	if d.dfa != nil {
		if in, ok := d.dfa.match(s); ok {
			return in
		}
	}
	return d.re.MatchString(s)
}

// match is the library's isNumberMatchingDesc.
func (d *phoneDesc) match(nsn string) bool {
	if len(d.lengths) > 0 {
		found := false
		for _, l := range d.lengths {
			if int32(len(nsn)) == l {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return d.full(nsn)
}

// phoneMeta is one region's (or one non-geographical calling code's)
// metadata with the patterns the fast path uses compiled.
type phoneMeta struct {
	cc int
	// general and the type descriptions, for getNumberTypeHelper.
	general, premium, tollFree, sharedCost, voip, personal, pager, uan, voicemail, fixed, mobile phoneDesc
	// sameMobileAndFixed says the mobile pattern is the fixed-line one.
	sameMobileAndFixed bool
	// lengths and localLengths are the general description's possible
	// lengths, for testNumberLength.
	lengths, localLengths []int32
	// leading matches the leading digits that pick this region among those
	// sharing its calling code; nil when there are none.
	leading *regexp.Regexp
	// idd is the international prefix, unanchored as the library uses it.
	idd *regexp.Regexp
	// nationalPrefix is the national prefix for parsing, anchored at the
	// start; nil when there is none. transform is its transform rule.
	nationalPrefix *regexp.Regexp
	transform      string
}

func newPhoneMeta(m *phonenumbers.PhoneMetadata) *phoneMeta {
	p := &phoneMeta{
		cc:                 int(m.GetCountryCode()),
		general:            newPhoneDesc(m.GetGeneralDesc()),
		premium:            newPhoneDesc(m.GetPremiumRate()),
		tollFree:           newPhoneDesc(m.GetTollFree()),
		sharedCost:         newPhoneDesc(m.GetSharedCost()),
		voip:               newPhoneDesc(m.GetVoip()),
		personal:           newPhoneDesc(m.GetPersonalNumber()),
		pager:              newPhoneDesc(m.GetPager()),
		uan:                newPhoneDesc(m.GetUan()),
		voicemail:          newPhoneDesc(m.GetVoicemail()),
		fixed:              newPhoneDesc(m.GetFixedLine()),
		mobile:             newPhoneDesc(m.GetMobile()),
		sameMobileAndFixed: m.GetSameMobileAndFixedLinePattern(),
		lengths:            m.GetGeneralDesc().GetPossibleLength(),
		localLengths:       m.GetGeneralDesc().GetPossibleLengthLocalOnly(),
		transform:          m.GetNationalPrefixTransformRule(),
	}
	if ld := m.GetLeadingDigits(); ld != "" {
		p.leading = regexp.MustCompile("^(?:" + ld + ")")
	}
	p.idd = regexp.MustCompile(m.GetInternationalPrefix())
	if np := m.GetNationalPrefixForParsing(); np != "" {
		p.nationalPrefix = regexp.MustCompile("^(?:" + np + ")")
	}
	return p
}

// knownType reports whether getNumberTypeHelper gives the national
// significant number a type other than UNKNOWN, which is what
// IsValidNumber asks. The order of the tests after the general one does
// not change the answer; the common types come first.
func (p *phoneMeta) knownType(nsn string) bool {
	if !p.general.match(nsn) {
		return false
	}
	if p.fixed.match(nsn) {
		return true
	}
	if !p.sameMobileAndFixed && p.mobile.match(nsn) {
		return true
	}
	return p.premium.match(nsn) || p.tollFree.match(nsn) || p.sharedCost.match(nsn) ||
		p.voip.match(nsn) || p.personal.match(nsn) || p.pager.match(nsn) ||
		p.uan.match(nsn) || p.voicemail.match(nsn)
}

// lengthFit is the library's testNumberLength for the UNKNOWN type (the
// general description), reduced to whether parsing keeps a number
// stripped of its national prefix (not TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY
// or INVALID_LENGTH) and whether a number is TOO_LONG. ok is false where
// the library would fail (no lengths at all).
func (p *phoneMeta) lengthFit(number string) (keep, tooLong, ok bool) {
	if len(p.lengths) == 0 {
		return false, false, false
	}
	if p.lengths[0] == -1 {
		return false, false, true // INVALID_LENGTH
	}
	n := int32(len(number))
	for _, l := range p.localLengths {
		if l == n {
			return false, false, true // IS_POSSIBLE_LOCAL_ONLY
		}
	}
	switch {
	case p.lengths[0] == n:
		return true, false, true // IS_POSSIBLE
	case p.lengths[0] > n:
		return false, false, true // TOO_SHORT
	case p.lengths[len(p.lengths)-1] < n:
		return true, true, true // TOO_LONG
	}
	for _, l := range p.lengths[1:] {
		if l == n {
			return true, false, true // IS_POSSIBLE
		}
	}
	return false, false, true // INVALID_LENGTH
}

// stripNationalPrefix is the library's maybeStripNationalPrefixAndCarrierCode
// without the carrier code, which keying does not use.
func (p *phoneMeta) stripNationalPrefix(number string) string {
	if len(number) == 0 || p.nationalPrefix == nil {
		return number
	}
	if !p.nationalPrefix.MatchString(number) {
		return number
	}
	viable := p.general.full(number)
	groups := p.nationalPrefix.FindStringSubmatchIndex(number)
	numGroups := len(groups)/2 - 1
	if p.transform == "" || groups[numGroups*2] < 0 {
		if viable && !p.general.full(number[groups[1]:]) {
			return number
		}
		return number[groups[1]:]
	}
	t := p.nationalPrefix.ReplaceAllString(number, p.transform)
	if viable && !p.general.full(t) {
		return number
	}
	return t
}

// phoneTables is libphonenumber's metadata for the fast path: each
// region's and non-geographical calling code's compiled on first use.
type phoneTables struct {
	regions map[string]func() *phoneMeta
	nonGeo  map[int]func() *phoneMeta
	// callingCodes are the calling codes the library knows.
	callingCodes map[int]bool
}

// phoneData is built once, on the first number keyed, and never written
// after; each region's patterns are compiled on its first number.
var phoneData = sync.OnceValue(func() *phoneTables {
	t := &phoneTables{regions: make(map[string]func() *phoneMeta), nonGeo: make(map[int]func() *phoneMeta),
		callingCodes: phonenumbers.GetSupportedCallingCodes()}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return t // no fast path: every number goes to the library
	}
	supported := phonenumbers.GetSupportedRegions()
	for _, m := range coll.GetMetadata() {
		lazy := sync.OnceValue(func() *phoneMeta { return newPhoneMeta(m) })
		if id := m.GetId(); id == "001" {
			t.nonGeo[int(m.GetCountryCode())] = lazy
		} else if supported[id] {
			t.regions[id] = lazy
		}
	}
	return t
})

// region returns a region's metadata, nil for a region the library does
// not support (getMetadataForRegion).
func (t *phoneTables) region(r string) *phoneMeta {
	if f := t.regions[r]; f != nil {
		return f()
	}
	return nil
}

// forRegionOrCode is getMetadataForRegionOrCallingCode.
func (t *phoneTables) forRegionOrCode(cc int, r string) *phoneMeta {
	if r == "001" {
		if f := t.nonGeo[cc]; f != nil {
			return f()
		}
		return nil
	}
	return t.region(r)
}

// fastPhoneKey returns what phoneKey returns for number read in region
// (ISO alpha-2 or "ZZ"; number trimmed, at most 64 bytes), when number is
// written plainly: an optional leading '+' or '(', then ASCII digits,
// spaces, hyphens, dots and brackets, ending in a digit, with at least
// three digits. ok is false for other numbers and for numbers the library
// rejects or parses by rules this path does not take; the library then
// decides.
func fastPhoneKey(number, region string) (e164 string, valid, ok bool) {
	var buf [64]byte
	digits := buf[:0]
	plus := len(number) > 0 && number[0] == '+'
	for i := 0; i < len(number); i++ {
		switch c := number[i]; {
		case '0' <= c && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		case c == '+' && i == 0:
		default:
			return "", false, false
		}
	}
	if len(digits) < 3 || number[len(number)-1] < '0' || number[len(number)-1] > '9' {
		return "", false, false
	}
	// Up to here the library's buildNationalNumberForParsing (no
	// phone-context, no ISDN subaddress), extractPossibleNumber (the number
	// from its first '+' or digit; nothing after the last digit to trim, no
	// second number), isViablePhoneNumber (three digits and punctuation),
	// maybeStripExtension (no label, '#', ',' or ';') and normalize (no
	// letters: the digits alone) give digits. Only checkRegionForParsing
	// can fail: no '+' and no region to read the number in.
	t := phoneData()
	meta := t.region(region)
	if !plus && meta == nil {
		return "", false, false
	}

	// maybeExtractCountryCode.
	var national string
	cc := 0
	all := string(digits)
	fromIntl := plus
	if !plus {
		if ind := meta.idd.FindStringIndex(all); ind != nil && ind[0] == 0 {
			end := ind[1]
			if end < len(all) && all[end] == '0' {
				// Not an international prefix: calling codes never
				// start with 0 (parsePrefixAsIdd).
			} else {
				all = all[end:]
				fromIntl = true
			}
		}
	}
	if fromIntl {
		if len(all) <= 2 || all[0] == '0' {
			return "", false, false // too short after the prefix, or no calling code
		}
		for i := 1; i <= 3 && i <= len(all); i++ {
			c, _ := strconv.Atoi(all[:i])
			if t.callingCodes[c] {
				cc, national = c, all[i:]
				break
			}
		}
		if cc == 0 {
			return "", false, false // unknown calling code: the library retries without the '+'
		}
	} else {
		ccs := strconv.Itoa(meta.cc)
		if len(all) >= len(ccs) && all[:len(ccs)] == ccs {
			// The number may start with the region's own calling code.
			rest := meta.stripNationalPrefix(all[len(ccs):])
			fullValid := meta.general.full(all)
			restValid := meta.general.full(rest)
			_, tooLong, ok := meta.lengthFit(all)
			if !ok {
				return "", false, false
			}
			if (!fullValid && restValid) || tooLong {
				cc, national = meta.cc, rest
			}
		}
	}

	// parseHelper after maybeExtractCountryCode.
	if cc != 0 {
		if main := phonenumbers.GetRegionCodeForCountryCode(cc); main != region {
			meta = t.forRegionOrCode(cc, main)
		}
	} else {
		national, cc = all, meta.cc
	}
	if len(national) < 2 {
		return "", false, false
	}
	if meta != nil {
		stripped := meta.stripNationalPrefix(national)
		keep, _, ok := meta.lengthFit(stripped)
		if !ok {
			return "", false, false
		}
		if keep {
			national = stripped
		}
	}
	if len(national) < 2 || len(national) > 17 {
		return "", false, false
	}
	// The national number is kept as an integer and its leading zeros
	// counted apart (Italian leading zeros); formatted back, they give
	// the same digits, so the national significant number is national.
	return "+" + strconv.Itoa(cc) + national, t.valid(cc, national), true
}

// valid is phonenumbers.IsValidNumber for a number's calling code and
// national significant number: GetRegionCodeForNumber, then
// IsValidNumberForRegion.
func (t *phoneTables) valid(cc int, nsn string) bool {
	regions := phonenumbers.GetRegionCodesForCountryCode(cc)
	region := ""
	switch len(regions) {
	case 0:
	case 1:
		region = regions[0]
	default:
		for _, r := range regions {
			m := t.region(r)
			if m == nil {
				continue // cannot happen: the library's metadata covers its own map
			}
			if m.leading != nil {
				if m.leading.MatchString(nsn) {
					region = r
					break
				}
			} else if m.knownType(nsn) {
				// IsValidNumberForRegion would ask the same question of
				// the same metadata.
				return m.cc == cc
			}
		}
	}
	m := t.forRegionOrCode(cc, region)
	if m == nil || (region != "001" && cc != m.cc) {
		return false
	}
	return m.knownType(nsn)
}
