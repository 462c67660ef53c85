package normalize

import "strings"

// Document types as Document folds them.
const (
	DocSSN           = "ssn"
	DocPassport      = "passport"
	DocNationalID    = "national_id"
	DocDriverLicense = "driver_license"
	DocTaxID         = "tax_id"
)

// documentTypes maps the names people give document types to the five
// kinds ringer knows.
var documentTypes = map[string]string{
	"ssn": DocSSN, "social security": DocSSN, "social security number": DocSSN,
	"social_security_number": DocSSN, "sin": DocNationalID,
	"passport": DocPassport, "passport number": DocPassport, "pp": DocPassport,
	"national_id": DocNationalID, "national id": DocNationalID, "nid": DocNationalID,
	"id": DocNationalID, "id card": DocNationalID, "id_card": DocNationalID,
	"identity card": DocNationalID, "national identity card": DocNationalID,
	"aadhaar": DocNationalID, "cpf": DocTaxID, "curp": DocNationalID,
	"driver_license": DocDriverLicense, "drivers_license": DocDriverLicense,
	"driver license": DocDriverLicense, "drivers license": DocDriverLicense,
	"driving licence": DocDriverLicense, "driving_licence": DocDriverLicense,
	"driving license": DocDriverLicense, "dl": DocDriverLicense,
	"tax_id": DocTaxID, "tax id": DocTaxID, "tin": DocTaxID, "itin": DocTaxID,
	"ein": DocTaxID, "pan": DocTaxID, "nif": DocTaxID, "steuer id": DocTaxID,
}

// Document returns a canonical document number with its type and country
// folded in: "ssn:US:123456789", "passport:GB:123456789". The number is
// upper-cased with spaces, dashes, dots and slashes removed; the type is
// one of ssn, passport, national_id, driver_license, tax_id (other types
// are kept folded); the country is ISO alpha-2 when recognisable (an SSN
// is always US). It is "" when the number has nothing left.
func Document(typ, country, number string) string {
	var b strings.Builder
	b.Grow(len(number))
	for i := 0; i < len(number); i++ {
		c := number[i]
		switch {
		case 'a' <= c && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		case 'A' <= c && c <= 'Z', isDigit(c):
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t' || c == '_':
		case c >= 0x80:
			// Non-ASCII letters in a document number are kept as written.
			b.WriteByte(c)
		}
	}
	num := b.String()
	if num == "" {
		return ""
	}
	t := foldString(strings.ReplaceAll(typ, "_", " "))
	if d, ok := documentTypes[t]; ok {
		t = d
	} else if d, ok := documentTypes[strings.ReplaceAll(t, " ", "_")]; ok {
		t = d
	} else {
		t = strings.ReplaceAll(t, " ", "_")
	}
	c := Country(strings.TrimSpace(country))
	if c == "" {
		c = strings.ToUpper(foldString(country))
	}
	if t == DocSSN {
		c = "US"
	}
	return t + ":" + c + ":" + num
}

// CheckSSN reports whether a US Social Security number could have been
// issued: nine digits (separators allowed), an area number other than 000,
// 666 and 900–999, a group number other than 00 and a serial number other
// than 0000 (Social Security Administration, "Social Security Number
// Randomization", 2011). A number that fails was never assigned to anyone.
func CheckSSN(number string) error {
	d, ok := onlyDigits(number)
	switch {
	case !ok || len(d) != 9:
		return inputError("SSN", number, "want nine digits", nil)
	case d[:3] == "000" || d[:3] == "666" || d[0] == '9':
		return inputError("SSN", number, "area number 000, 666 or 9xx is never assigned", nil)
	case d[3:5] == "00":
		return inputError("SSN", number, "group number 00 is never assigned", nil)
	case d[5:] == "0000":
		return inputError("SSN", number, "serial number 0000 is never assigned", nil)
	}
	return nil
}
