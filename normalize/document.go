package normalize

import (
	"net/url"
	"strings"
)

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

// siteHosts maps the host names of profile URLs to site names.
var siteHosts = map[string]string{
	"github.com": "github", "gitlab.com": "gitlab", "linkedin.com": "linkedin",
	"twitter.com": "x", "x.com": "x", "t.me": "telegram", "telegram.me": "telegram",
	"stackoverflow.com": "stackoverflow", "upwork.com": "upwork",
	"facebook.com": "facebook", "instagram.com": "instagram",
	"bitbucket.org": "bitbucket", "medium.com": "medium", "dev.to": "devto",
	"freelancer.com": "freelancer", "fiverr.com": "fiverr", "behance.net": "behance",
	"dribbble.com": "dribbble", "kaggle.com": "kaggle", "huggingface.co": "huggingface",
	"leetcode.com": "leetcode", "discord.com": "discord", "skype.com": "skype",
	"toptal.com": "toptal",
}

// Site returns the canonical name of a profile site given as a name
// ("GitHub", "Twitter") or host ("www.linkedin.com").
func Site(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "www.")
	if v, ok := siteHosts[s]; ok {
		return v
	}
	if s == "twitter" {
		return "x"
	}
	return s
}

// profilePathPrefixes are the path words before the handle in a site's
// profile URLs ("linkedin.com/in/NAME", "upwork.com/freelancers/~ID").
var profilePathPrefixes = map[string]bool{
	"in": true, "pub": true, "u": true, "user": true, "users": true, "profile": true,
	"freelancers": true, "fl": true, "people": true, "company": true, "s": false,
}

// Handle returns a canonical profile handle for a site: "@DMoore-Dev" gives
// "dmoore-dev", and a profile URL such as https://github.com/dmoore-dev or
// https://www.linkedin.com/in/dmoore-dev/?trk=x gives "dmoore-dev". Handles
// are lower-cased: the sites people list on applications (GitHub, GitLab,
// LinkedIn, X, Telegram) match handles without regard to case. It is ""
// when nothing is left.
func Handle(site, handleOrURL string) string {
	h := strings.TrimSpace(handleOrURL)
	if h == "" {
		return ""
	}
	lh := strings.ToLower(h)
	isURL := strings.Contains(lh, "://") || strings.HasPrefix(lh, "www.")
	if !isURL {
		if i := strings.IndexByte(lh, '/'); i > 0 {
			if _, ok := siteHosts[strings.TrimPrefix(lh[:i], "www.")]; ok {
				isURL = true
			}
		}
	}
	if isURL {
		if !strings.Contains(lh, "://") {
			h = "https://" + h
		}
		u, err := url.Parse(h)
		if err != nil {
			return ""
		}
		h = ""
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i := 0; i < len(parts); i++ {
			p := parts[i]
			if p == "" || (profilePathPrefixes[strings.ToLower(p)] && i+1 < len(parts)) {
				continue
			}
			h = p
			// stackoverflow.com/users/123/name: the id is the handle.
			break
		}
		if h == "" && u.Fragment != "" {
			h = u.Fragment
		}
	}
	h = strings.TrimLeft(h, "@~")
	h = strings.TrimSpace(h)
	if i := strings.IndexAny(h, "?#"); i >= 0 {
		h = h[:i]
	}
	h = strings.ToLower(strings.TrimRight(h, "/"))
	for i := 0; i < len(h); i++ {
		if h[i] <= ' ' {
			return ""
		}
	}
	return h
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
