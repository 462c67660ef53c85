package normalize

import (
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames maps folded country names and common aliases to ISO 3166-1
// alpha-2 codes. It is built once from CLDR's region names in English and
// in the languages of countryNameLanguages (golang.org/x/text) plus the
// aliases below on first use (it takes milliseconds, which programs that
// never read a country should not pay at start-up), and never written after.
var countryNames = sync.OnceValue(buildCountryNames)

// countryNameLanguages are the languages whose country names are
// recognised besides English: addresses are often written in the
// country's own language ("Deutschland", "España", "Россия", "대한민국").
var countryNameLanguages = []language.Tag{
	language.German, language.French, language.Spanish, language.Portuguese,
	language.Italian, language.Dutch, language.Polish, language.Russian,
	language.Ukrainian, language.Turkish, language.Vietnamese, language.Indonesian,
	language.Chinese, language.TraditionalChinese, language.Japanese, language.Korean,
	language.Arabic, language.Hindi, language.Romanian, language.Swedish,
}

// countryAliases are names people write that CLDR's display names do not
// cover.
var countryAliases = map[string]string{
	"usa": "US", "us": "US", "u s": "US", "u s a": "US", "america": "US",
	"united states of america": "US", "the united states": "US",
	"uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB",
	"england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
	"united kingdom of great britain and northern ireland": "GB",
	"south korea": "KR", "republic of korea": "KR", "korea": "KR",
	"korea republic of": "KR", "north korea": "KP", "dprk": "KP",
	"democratic people s republic of korea": "KP",
	"democratic peoples republic of korea":  "KP",
	"korea democratic peoples republic of":  "KP",
	"russia":                                "RU", "russian federation": "RU", "czech republic": "CZ",
	"holland": "NL", "the netherlands": "NL", "ivory coast": "CI",
	"cote d ivoire": "CI", "cote divoire": "CI", "burma": "MM",
	"viet nam": "VN", "uae": "AE", "emirates": "AE", "prc": "CN",
	"peoples republic of china": "CN", "mainland china": "CN",
	"republic of china": "TW", "turkiye": "TR", "deutschland": "DE",
	"espana": "ES", "brasil": "BR", "mexico": "MX", "méxico": "MX",
	"the philippines": "PH", "swaziland": "SZ", "macedonia": "MK",
	"east timor": "TL", "vatican": "VA", "vatican city": "VA",
	"bosnia": "BA", "bosnia and herzegovina": "BA", "congo kinshasa": "CD",
	"drc": "CD", "congo brazzaville": "CG", "laos": "LA", "syria": "SY",
	"iran": "IR", "moldova": "MD", "tanzania": "TZ", "venezuela": "VE",
	"bolivia": "BO", "cape verde": "CV", "sverige": "SE", "norge": "NO",
	"danmark": "DK", "suomi": "FI", "polska": "PL", "italia": "IT",
	"schweiz": "CH", "suisse": "CH", "osterreich": "AT", "nederland": "NL",
	"belgie": "BE", "belgique": "BE", "magyarorszag": "HU", "hellas": "GR",
	"nippon": "JP", "nihon": "JP", "hong kong sar": "HK", "macau": "MO",
}

func buildCountryNames() map[string]string {
	m := make(map[string]string, 400*(1+len(countryNameLanguages)))
	names := display.English.Regions()
	var local []display.Namer
	for _, t := range countryNameLanguages {
		local = append(local, display.Regions(t))
	}
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]byte{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			r = r.Canonicalize()
			code := r.String()
			if len(code) != 2 {
				continue
			}
			if n := names.Name(r); n != "" {
				m[foldString(n)] = code
			}
			for _, l := range local {
				if n := foldString(l.Name(r)); n != "" {
					if _, taken := m[n]; !taken {
						m[n] = code
					}
				}
			}
		}
	}
	for k, v := range countryAliases {
		m[foldString(k)] = v
	}
	return m
}

// Country returns the ISO 3166-1 alpha-2 code of a country given as an
// alpha-2 or alpha-3 code ("us", "USA"), a numeric code ("840") or an English
// name or common alias ("United States", "U.S.A.", "Deutschland"), and ""
// when it is none of these.
func Country(s string) string {
	n := len(s)
	if n == 0 {
		return ""
	}
	if n <= 3 && isASCII(s) {
		if r, err := language.ParseRegion(s); err == nil && r.IsCountry() {
			if c := r.Canonicalize().String(); len(c) == 2 {
				return c
			}
		}
	}
	if n > 80 {
		return ""
	}
	return countryNames()[foldString(s)]
}
