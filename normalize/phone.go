package normalize

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// PhoneNumber is a phone number parsed with github.com/nyaruka/phonenumbers
// (Google's libphonenumber metadata).
type PhoneNumber struct {
	// E164 is the number in E.164 form, "+14155550134".
	E164 string
	// Region is the ISO 3166-1 alpha-2 region the number belongs to, ""
	// when unknown or non-geographic.
	Region string
	// Type is what libphonenumber knows of the line from the number alone:
	// mobile, fixed_line, fixed_line_or_mobile, voip, toll_free,
	// premium_rate, shared_cost, personal_number, pager, uan, voicemail or
	// unknown. A carrier lookup knows more (ringer.Phone.LineType).
	Type string
	// Valid reports whether the number matches a number plan of its region.
	Valid bool
}

// phoneTypes names libphonenumber's number types.
var phoneTypes = [...]string{
	phonenumbers.FIXED_LINE:           "fixed_line",
	phonenumbers.MOBILE:               "mobile",
	phonenumbers.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
	phonenumbers.TOLL_FREE:            "toll_free",
	phonenumbers.PREMIUM_RATE:         "premium_rate",
	phonenumbers.SHARED_COST:          "shared_cost",
	phonenumbers.VOIP:                 "voip",
	phonenumbers.PERSONAL_NUMBER:      "personal_number",
	phonenumbers.PAGER:                "pager",
	phonenumbers.UAN:                  "uan",
	phonenumbers.VOICEMAIL:            "voicemail",
	phonenumbers.UNKNOWN:              "unknown",
}

// Phone parses a number in any common format ("+1 (415) 555-0134",
// "0044 20 7946 0958", "tel:+44-20-7946-0958", "(415) 555-0134"). The
// defaultRegion (the claimed country, ISO alpha-2, may be "") is used for
// numbers written without a country code. It is an error when the string
// cannot be parsed as a phone number at all; a number that parses but fits
// no number plan is returned with Valid false.
func Phone(number, defaultRegion string) (PhoneNumber, error) {
	number = strings.TrimSpace(number)
	region := "ZZ"
	if c := Country(defaultRegion); c != "" {
		region = c
	}
	if number == "" {
		return PhoneNumber{}, inputError("phone", number, "empty number", nil)
	}
	if len(number) > 64 {
		return PhoneNumber{}, inputError("phone", number, "longer than 64 bytes", nil)
	}
	n, err := phonenumbers.Parse(number, region)
	if err != nil {
		if errors.Is(err, phonenumbers.ErrInvalidCountryCode) && region == "ZZ" {
			return PhoneNumber{}, inputError("phone", number, "no country code, and no default region to read the number in", err)
		}
		return PhoneNumber{}, inputError("phone", number, "", err)
	}
	// Extensions reach the same line; the number is the identifier.
	n.Extension = nil
	p := PhoneNumber{E164: phonenumbers.Format(n, phonenumbers.E164)}
	if r := phonenumbers.GetRegionCodeForNumber(n); len(r) == 2 && r != "ZZ" {
		p.Region = r
	}
	t := phonenumbers.GetNumberType(n)
	if int(t) >= 0 && int(t) < len(phoneTypes) {
		p.Type = phoneTypes[t]
	} else {
		p.Type = "unknown"
	}
	// phonenumbers.IsValidNumber is exactly "the number's type in its own
	// region is not UNKNOWN"; reading it from the type saves a second pass
	// over the region's patterns, the costliest part of the parse.
	p.Valid = t != phonenumbers.UNKNOWN
	return p, nil
}

// phoneKey parses a number and returns its E.164 form and whether it fits
// a number plan, without the line type and region that Phone also works
// out: it is what keying needs. Plainly written numbers take
// fastPhoneKey, which gives libphonenumber's answer at a fraction of its
// cost; the rest go to the library.
func phoneKey(number, defaultRegion string) (e164 string, valid bool, err error) {
	number = strings.TrimSpace(number)
	region := "ZZ"
	if c := Country(defaultRegion); c != "" {
		region = c
	}
	if number == "" {
		return "", false, inputError("phone", number, "empty number", nil)
	}
	if len(number) > 64 {
		return "", false, inputError("phone", number, "longer than 64 bytes", nil)
	}
	if e164, valid, ok := fastPhoneKey(number, region); ok {
		return e164, valid, nil
	}
	n, err := phonenumbers.Parse(number, region)
	if err != nil {
		if errors.Is(err, phonenumbers.ErrInvalidCountryCode) && region == "ZZ" {
			return "", false, inputError("phone", number, "no country code, and no default region to read the number in", err)
		}
		return "", false, inputError("phone", number, "", err)
	}
	n.Extension = nil
	return phonenumbers.Format(n, phonenumbers.E164), phonenumbers.IsValidNumber(n), nil
}
