package normalize

import (
	"errors"
	"fmt"
	"strings"
)

// BankAccount returns a bank account as the canonical "routing:number".
// The number keeps its digits only, leading zeros kept. The routing is the
// US ABA routing transit number, checked (nine digits, weighted checksum
// 3-7-1) when the country is US, or when no country is given and the
// routing has nine digits; elsewhere it is the national bank code, digits
// only (a UK sort code "20-00-00") or upper-case letters and digits where
// the code has letters (an Indian IFSC "SBIN0001234", a SWIFT BIC).
// Routing may be empty (countries without one); the number may not.
func BankAccount(country, routing, number string) (string, error) {
	num, ok := onlyDigits(number)
	if !ok {
		return "", inputError("bank account number", number, "only digits, spaces and dashes allowed", nil)
	}
	if num == "" {
		return "", inputError("bank account number", number, "empty number", nil)
	}
	if len(num) > 34 {
		return "", inputError("bank account number", number, fmt.Sprintf("%d digits, more than 34", len(num)), nil)
	}
	rt, err := bankCode(routing)
	if err != nil {
		return "", inputError("bank routing number", routing, err.Error(), nil)
	}
	c := Country(strings.TrimSpace(country))
	if c == "US" || (c == "" && strings.TrimSpace(country) == "" && len(rt) == 9 && allDigits(rt)) {
		if err := checkABA(rt); err != nil {
			return "", inputError("bank routing number", routing, "", err)
		}
	}
	return rt + ":" + num, nil
}

// bankCode folds a routing number or bank code: separators removed,
// letters upper-cased.
func bankCode(s string) (string, error) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c), 'A' <= c && c <= 'Z':
			b = append(b, c)
		case 'a' <= c && c <= 'z':
			b = append(b, c-'a'+'A')
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t':
		default:
			return "", errors.New("only letters, digits, spaces and dashes allowed")
		}
	}
	if len(b) > 34 {
		return "", errors.New("longer than 34 characters")
	}
	return string(b), nil
}

// checkABA validates a US ABA routing transit number: nine digits whose
// weighted sum 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of
// ten.
func checkABA(rt string) error {
	if len(rt) != 9 {
		return fmt.Errorf("ABA routing number has %d digits, want 9", len(rt))
	}
	var sum int
	for i := 0; i < 9; i++ {
		d := int(rt[i] - '0')
		switch i % 3 {
		case 0:
			sum += 3 * d
		case 1:
			sum += 7 * d
		case 2:
			sum += d
		}
	}
	if sum%10 != 0 {
		return errors.New("ABA checksum fails")
	}
	return nil
}

// ibanLengths is the length of an IBAN per country, from the SWIFT IBAN
// Registry (ISO 13616).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
	"DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
	"GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
	"LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
	"MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
	"PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
	"SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
	"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
	"YE": 30,
}

// The IBAN check is written here rather than taken from a library: it is
// a length table and ten lines of ISO 7064 arithmetic, and no maintained
// Go IBAN module is available to the project.

// IBAN returns an International Bank Account Number upper-cased without
// spaces or dashes, after checking its length for its country and its
// ISO 7064 mod-97-10 check digits. A leading "IBAN" label is accepted.
func IBAN(s string) (string, error) {
	b := make([]byte, 0, 34)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
			fallthrough
		case 'A' <= c && c <= 'Z', isDigit(c):
			if len(b) == 40 {
				return "", inputError("IBAN", s, "too long", nil)
			}
			b = append(b, c)
		case c == ' ' || c == '-' || c == '.' || c == '\t' || c == ':':
		default:
			return "", inputError("IBAN", s, fmt.Sprintf("character %q not allowed", c), nil)
		}
	}
	if len(b) > 4 && string(b[:4]) == "IBAN" && !isDigit(b[2]) {
		b = b[4:]
	}
	if len(b) < 4 {
		return "", inputError("IBAN", s, "too short", nil)
	}
	cc := string(b[:2])
	want, ok := ibanLengths[cc]
	if !ok {
		return "", inputError("IBAN", s, fmt.Sprintf("%q is not a country that issues IBANs", cc), nil)
	}
	if len(b) != want {
		return "", inputError("IBAN", s, fmt.Sprintf("%s IBANs have %d characters, this has %d", cc, want, len(b)), nil)
	}
	if !isDigit(b[2]) || !isDigit(b[3]) {
		return "", inputError("IBAN", s, "check digits are not digits", nil)
	}
	// Move the first four characters to the end, letters to 10..35, mod 97.
	rem := 0
	for i := 0; i < len(b); i++ {
		c := b[(i+4)%len(b)]
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	if rem != 1 {
		return "", inputError("IBAN", s, "check digits do not match", nil)
	}
	return string(b), nil
}
