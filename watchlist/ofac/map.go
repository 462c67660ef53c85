package ofac

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/watchlist/entity"
)

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// docPrefixes are the remark labels of identity documents.
var docPrefixes = []string{"Passport", "National ID No.", "Identification Number", "Cedula No.",
	"Tax ID No.", "Registration ID", "Citizen's Card Number", "Birth Certificate Number",
	"D-U-N-S Number", "Business Registration Number", "NIT #", "C.U.R.P.", "RFC", "SSN",
	"Driver's License No.", "Residency Number", "Personal ID Card", "Vessel Registration Identification",
	"Aircraft Construction Number (also called L/N or S/N or F/N)", "Government Gazette Number",
	"Kenyan ID No.", "UK Company Number", "Public Security and Immigration No.", "Stateless Person ID Card"}

var (
	reDocCountry = regexp.MustCompile(`^(.*?)\s*\(([^)]*)\)`)
	reAKA        = regexp.MustCompile(`^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*['"]?(.+?)['"]?\.?$`)
)

// applyRemarks reads the structured facts in an entry's remarks: OFAC
// writes them as "Label value; alt. Label value; …".
func applyRemarks(e *entity.Entity) {
	for _, part := range splitRemarks(e.Remarks) {
		p := strings.TrimSpace(part)
		p = strings.TrimPrefix(p, "alt. ")
		p = strings.TrimSuffix(p, ".")
		switch {
		case strings.HasPrefix(p, "DOB "):
			v := strings.TrimPrefix(p, "DOB ")
			if strings.HasPrefix(v, "circa ") {
				e.BirthCirca = true
				v = strings.TrimPrefix(v, "circa ")
			}
			e.BirthDates = append(e.BirthDates, parseDates(v)...)
		case strings.HasPrefix(p, "POB "):
			e.BirthPlaces = append(e.BirthPlaces, strings.TrimPrefix(p, "POB "))
		case strings.HasPrefix(p, "nationality "):
			e.Nationalities = append(e.Nationalities, strings.TrimPrefix(p, "nationality "))
		case strings.HasPrefix(p, "citizen "):
			e.Nationalities = append(e.Nationalities, strings.TrimPrefix(p, "citizen "))
		case strings.HasPrefix(p, "Email Address "):
			e.Emails = append(e.Emails, strings.TrimSpace(strings.TrimPrefix(p, "Email Address ")))
		case strings.HasPrefix(p, "Website "):
			e.Websites = append(e.Websites, strings.TrimSpace(strings.TrimPrefix(p, "Website ")))
		case strings.HasPrefix(p, "Phone Number "):
			e.Phones = append(e.Phones, strings.TrimSpace(strings.TrimPrefix(p, "Phone Number ")))
		case strings.HasPrefix(p, "Digital Currency Address - "):
			v := strings.TrimPrefix(p, "Digital Currency Address - ")
			chain, addr, ok := strings.Cut(v, " ")
			if ok && strings.TrimSpace(addr) != "" {
				e.Wallets = append(e.Wallets, entity.Wallet{Chain: strings.ToUpper(chain), Address: strings.TrimSpace(addr)})
			}
		case strings.HasPrefix(p, "a.k.a. ") || strings.HasPrefix(p, "f.k.a. ") || strings.HasPrefix(p, "n.k.a. "):
			// Aliases in the remarks are OFAC's low-quality ("weak") ones.
			if m := reAKA.FindStringSubmatch(p); m != nil {
				typ := strings.ReplaceAll(p[:6], ".", "")
				name := strings.Trim(m[1], "'\" ")
				e.Aliases = append(e.Aliases, entity.Alias{Name: name, Type: typ, Strength: entity.Weak})
				if looksLikeHandle(name) {
					// "a.k.a. 'blackjack1987'": an on-line handle.
					e.Handles = append(e.Handles, name)
				}
			}
		default:
			for _, pre := range docPrefixes {
				if strings.HasPrefix(p, pre+" ") {
					v := strings.TrimSpace(strings.TrimPrefix(p, pre+" "))
					d := entity.Document{Type: pre}
					if m := reDocCountry.FindStringSubmatch(v); m != nil {
						d.Number, d.Country = strings.TrimSpace(m[1]), m[2]
					} else {
						d.Number, _, _ = strings.Cut(v, " ")
					}
					if d.Number != "" {
						e.Documents = append(e.Documents, d)
					}
					break
				}
			}
		}
	}
}

// splitRemarks splits remarks on "; " outside single-quoted aliases.
func splitRemarks(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			// A quote opens an alias after "a.k.a. " and closes before ";".
			if !quoted && i >= 1 && s[i-1] == ' ' {
				quoted = true
			} else if quoted && (i+1 == len(s) || s[i+1] == ';' || s[i+1] == '.' || s[i+1] == ')') {
				quoted = false
			}
		case ';':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// parseDates reads OFAC date forms: "25 Mar 1977", "Mar 1977", "1977",
// "1975 to 1977", "15 Feb 1965 to 20 Feb 1965".
func parseDates(v string) []ringer.Date {
	var out []ringer.Date
	for _, part := range strings.Split(v, " to ") {
		if d, ok := parseDate(strings.TrimSpace(part)); ok {
			out = append(out, d)
		}
	}
	if len(out) == 2 && out[0].Month == 0 && out[1].Month == 0 && out[1].Year > out[0].Year && out[1].Year-out[0].Year <= 10 {
		// A range of years: every year in it.
		a, b := out[0].Year, out[1].Year
		out = out[:0]
		for y := a; y <= b; y++ {
			out = append(out, ringer.Date{Year: y})
		}
	}
	return out
}

func parseDate(s string) (ringer.Date, bool) {
	f := strings.Fields(s)
	var d ringer.Date
	switch len(f) {
	case 1:
		y, err := strconv.Atoi(f[0])
		if err != nil || y < 1800 || y > 2200 {
			return d, false
		}
		d.Year = y
	case 2:
		m := months[strings.ToLower(prefix3(f[0]))]
		y, err := strconv.Atoi(f[1])
		if m == 0 || err != nil {
			return d, false
		}
		d.Year, d.Month = y, m
	case 3:
		day, err1 := strconv.Atoi(f[0])
		m := months[strings.ToLower(prefix3(f[1]))]
		y, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || m == 0 || day < 1 || day > 31 {
			return d, false
		}
		d.Year, d.Month, d.Day = y, m, day
	default:
		return d, false
	}
	return d, true
}

func prefix3(s string) string {
	if len(s) > 3 {
		return s[:3]
	}
	return s
}

// looksLikeHandle reports whether an alias is an on-line handle rather
// than a name: one word with a digit, an underscore or no capital.
func looksLikeHandle(s string) bool {
	if s == "" || strings.ContainsAny(s, " ,.") {
		return false
	}
	if strings.ContainsAny(s, "0123456789_") {
		return true
	}
	return strings.ToLower(s) == s
}
