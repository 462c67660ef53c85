package intel

import (
	"fmt"
	"strings"

	ringer "github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// PhoneInfo is what is known of a phone number's line: libphonenumber's
// type from the number alone, and the carrier line type the record
// carries when the user has a carrier lookup.
type PhoneInfo struct {
	// E164 is the number in E.164 form.
	E164 string `json:"e164"`
	// Region is the ISO alpha-2 region of the number, "" when unknown or
	// non-geographic.
	Region string `json:"region,omitempty"`
	// NumberType is libphonenumber's type: mobile, fixed_line,
	// fixed_line_or_mobile, voip, toll_free, premium_rate, shared_cost,
	// personal_number, pager, uan, voicemail or unknown. North American
	// numbers are mostly fixed_line_or_mobile: the numbering plan does not
	// tell VoIP from a landline there; only a carrier lookup does.
	NumberType string `json:"number_type"`
	// LineType is the carrier line type from the record, normalised to
	// the contract's mobile, landline, voip, toll_free or unknown; "" when
	// the record has none.
	LineType string `json:"line_type,omitempty"`
	// NonFixedVoIP reports a carrier answer of non-fixed VoIP (a number
	// not tied to an address, e.g. Twilio's "nonFixedVoip").
	NonFixedVoIP bool `json:"non_fixed_voip,omitempty"`
	Valid        bool `json:"valid"`
	// VoIP reports that the number plan or the carrier says VoIP.
	VoIP bool `json:"voip,omitempty"`
	// NonGeographic reports a valid number tied to no place: toll-free,
	// premium-rate, shared-cost, personal and UAN numbers, and global
	// service codes (+800, +882…).
	NonGeographic bool `json:"non_geographic,omitempty"`
}

// Phone parses a record's phone number (defaultRegion, ISO alpha-2, is for
// numbers written without a country code, usually the claimed country)
// and combines libphonenumber's number type with the record's carrier
// line type. It is an error when the number does not parse.
func (s *Set) Phone(p ringer.Phone, defaultRegion string) (PhoneInfo, error) {
	n, err := normalize.Phone(p.Number, defaultRegion)
	if err != nil {
		return PhoneInfo{}, fmt.Errorf("intel: %w", err)
	}
	info := PhoneInfo{E164: n.E164, Region: n.Region, NumberType: n.Type, Valid: n.Valid}
	info.LineType, info.NonFixedVoIP = carrierLineType(p.LineType)
	info.VoIP = n.Type == "voip" || info.LineType == ringer.LineVoIP
	switch n.Type {
	case "toll_free", "premium_rate", "shared_cost", "personal_number", "uan":
		info.NonGeographic = n.Valid
	}
	if n.Valid && n.Region == "" {
		info.NonGeographic = true
	}
	if info.LineType == ringer.LineTollFree {
		info.NonGeographic = true
	}
	return info, nil
}

// carrierLineType normalises the line types carrier lookups report
// (Twilio's "nonFixedVoip", "fixedVoip", "tollFree"; "wireless", "cell",
// "fixed line" elsewhere) to the contract's words.
func carrierLineType(s string) (lineType string, nonFixed bool) {
	k := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r | 0x20
		}
		return -1
	}, s)
	switch {
	case k == "":
		return "", false
	case strings.Contains(k, "voip"):
		return ringer.LineVoIP, strings.Contains(k, "nonfixed")
	case strings.Contains(k, "tollfree"):
		return ringer.LineTollFree, false
	case k == "mobile" || k == "wireless" || k == "cell" || k == "cellular":
		return ringer.LineMobile, false
	case k == "landline" || k == "fixed" || k == "fixedline":
		return ringer.LineLandline, false
	}
	return ringer.LineUnknown, false
}
