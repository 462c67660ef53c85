package normalize

import (
	"strings"

	"github.com/ringerhq/ringer"
)

// Address is a normalised postal address. Text fields are folded (lower
// case, accents and punctuation removed).
type Address struct {
	// Number is the house number, "12", "221b", "12-14".
	Number string
	// Street is the street name with its type and directionals unified:
	// "oak street", "west main street", "hauptstrasse". A post-office box
	// has Street "po box" and its box number in Number.
	Street string
	// Unit is the apartment, suite, flat or unit, without its designator:
	// "Apt 2", "Unit 5", "# 5" and "5/12 George St" give "2", "5", "5", "5".
	Unit string
	// City is the locality.
	City string
	// Region is the US state or Canadian province as its two-letter postal
	// code ("OR", "ON"); other regions are folded ("nsw", "bayern").
	Region string
	// Postcode is upper-case without spaces or dashes; a US ZIP+4 is kept
	// to its five-digit ZIP.
	Postcode string
	// Country is the ISO 3166-1 alpha-2 code when recognisable, given or
	// inferred from the region and postcode ("USA", "United States" and a
	// state with a ZIP code all give "US"); otherwise the folded text.
	Country string
	// POBox reports a post-office box ("PO Box", "P.O. Box", "Postfach",
	// "Apartado" …) or a private mailbox at a mail receiving agency ("PMB
	// 123, 2000 Main St": Unit is the box).
	POBox bool
}

// Key returns the canonical string that two normalised addresses share
// when they are the same delivery point: postcode, number, street and unit
// ("97124|88|pine road|2"), or without a postcode country, region and city,
// number, street and unit ("US|IL/springfield|12|oak street|"). The
// country is left out beside a postcode: a postcode with a house number
// and street names one place wherever it is, and records often omit the
// country. It is "" when the address has too little to be a delivery
// point: no street, no house number or name (every house of "Church Lane"
// would share it), or neither postcode nor city.
func (a Address) Key() string {
	if a.Street == "" || a.Number == "" || (a.Postcode == "" && a.City == "") {
		return ""
	}
	var b strings.Builder
	b.Grow(len(a.Country) + len(a.Postcode) + len(a.Region) + len(a.City) + len(a.Number) + len(a.Street) + len(a.Unit) + 8)
	if a.Postcode != "" {
		b.WriteString(a.Postcode)
	} else {
		b.WriteString(a.Country)
		b.WriteByte('|')
		b.WriteString(a.Region)
		b.WriteByte('/')
		b.WriteString(a.City)
	}
	b.WriteByte('|')
	b.WriteString(a.Number)
	b.WriteByte('|')
	b.WriteString(a.Street)
	b.WriteByte('|')
	b.WriteString(a.Unit)
	return b.String()
}

// Keys returns every canonical string under which the address is filed
// as a delivery point: the postcode form (as Key) and, when the city is
// known, a locality form of region, city, number, street and unit. One
// person writes a postcode and another leaves it out ("9718 Ridge St #5C,
// Miami FL" and "9718 Ridge St, Apt 5C, Miami, Florida 33123"); the
// locality form still meets. Nil when the address is not a delivery point.
func (a Address) Keys() []string {
	first := a.Key()
	if first == "" {
		return nil
	}
	keys := []string{first}
	if a.Postcode != "" && a.City != "" {
		keys = append(keys, "@"+a.Region+"/"+a.City+"|"+a.Number+"|"+a.Street+"|"+a.Unit)
	} else if a.Postcode == "" && a.City != "" {
		keys[0] = "@" + a.Region + "/" + a.City + "|" + a.Number + "|" + a.Street + "|" + a.Unit
	}
	return keys
}

// segment is one comma-separated part of an address line, as folded tokens.
type segment []string

// splitSegments folds s and cuts it into comma-, semicolon- and
// newline-separated segments of tokens, appended to dst. '#' and '/' are
// kept ('#' as a token of its own), and '-' inside a token. All segments
// share one backing array, each capped at its end so that appending to
// one cannot overwrite the next.
func splitSegments(dst []segment, s string) []segment {
	all := tokenizeInto(s)
	start := 0
	for i, t := range all {
		if t == "," {
			if i > start {
				dst = append(dst, all[start:i:i])
			}
			start = i + 1
		}
	}
	if len(all) > start {
		dst = append(dst, all[start:len(all):len(all)])
	}
	return dst
}

// tokenize folds s into one segment, commas ignored.
func tokenize(s string) segment {
	all := tokenizeInto(s)
	out := all[:0]
	for _, t := range all {
		if t != "," {
			out = append(out, t)
		}
	}
	return out
}

// tokenizeInto folds s and returns its tokens, with "," standing for each
// segment break (comma, semicolon or line break).
func tokenizeInto(s string) []string {
	if strings.ContainsAny(s, "\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ','
			}
			return r
		}, s)
	}
	var buf [128]byte
	b := foldAppend(buf[:0], s, "#/-,;")
	n := 1
	for _, c := range b {
		if c == ' ' || c == ',' || c == ';' || c == '#' {
			n += 2
		}
	}
	folded := string(b)
	all := make([]string, 0, n)
	for i := 0; i < len(folded); {
		switch c := folded[i]; c {
		case ' ':
			i++
		case ',', ';':
			all = append(all, ",")
			i++
		case '#':
			all = append(all, "#")
			i++
		default:
			j := i
			for j < len(folded) && folded[j] != ' ' && folded[j] != ',' && folded[j] != ';' && folded[j] != '#' {
				j++
			}
			if t := strings.Trim(folded[i:j], "-/"); t != "" {
				all = append(all, t)
			}
			i = j
		}
	}
	return all
}

// The address parser is the product's own: the thorough open parser,
// libpostal, is a C library with a multi-gigabyte trained model and no
// pure-Go port. This one reads the US, Canadian, UK, Australian and common
// European forms with tables and no regular expressions, in a few
// microseconds an address (BenchmarkAddress).

// NormalizeAddress normalises an address given in parts (Line1, Line2,
// City, Region, Postcode, Country) or as one raw line ("88 Pine Rd, Apt 2,
// Hillsboro OR 97124, USA"), parsing number, street, unit, city, region,
// postcode and country as far as the line allows. US, Canadian, UK and
// Australian forms are read, and the European "Street 5, 12345 City".
// Parts given as fields win over what a raw line says.
func NormalizeAddress(a ringer.Address) Address {
	var out Address
	country := strings.TrimSpace(a.Country)
	if country != "" {
		if c := Country(country); c != "" {
			out.Country = c
		} else {
			out.Country = foldString(country)
		}
	}
	var segsBuf [6]segment
	var street []segment
	raw := a.Raw
	switch {
	case a.Line1 == "" && a.Line2 == "":
	case a.City == "" && a.Postcode == "" && a.Region == "" && raw == "" &&
		strings.IndexByte(a.Line1, ',') >= 0:
		// The whole address was typed into line 1.
		raw = a.Line1
		if a.Line2 != "" {
			raw += ", " + a.Line2
		}
	default:
		street = splitSegments(segsBuf[:0], a.Line1)
		street = splitSegments(street, a.Line2)
	}
	if a.City != "" {
		out.City = cityText(tokenize(a.City))
	}
	var pcHint string
	if a.Postcode != "" {
		out.Postcode = compactPostcode(a.Postcode)
	}
	regionText := ""
	if a.Region != "" {
		regionText = foldString(a.Region)
	}
	if raw != "" {
		p := parseRaw(raw)
		if street == nil {
			street = p.street
		}
		if out.City == "" {
			out.City = p.city
		}
		if out.Postcode == "" {
			out.Postcode = p.postcode
			pcHint = p.pcCountry
		}
		if regionText == "" {
			regionText = p.region
		}
		if out.Country == "" {
			out.Country = p.country
		}
	}
	parseStreet(&out, street, out.Country)
	if pcHint == "" {
		pcHint = postcodeCountry(out.Postcode)
	}
	out.Region, out.Country = resolveRegion(regionText, out.Country, pcHint, out.Postcode)
	switch out.Country {
	case "US":
		out.Postcode = usZIP(out.Postcode)
	case "CA", "AU", "NZ":
		// Canada Post and Australia Post write a unit before the civic
		// number with a hyphen: "100-1234 Main St" is unit 100 of 1234.
		if j := strings.IndexByte(out.Number, '-'); j > 0 && out.Unit == "" && !out.POBox {
			out.Unit, out.Number = out.Number[:j], out.Number[j+1:]
		}
	}
	return out
}

// parsedLine is what parseRaw reads from a one-line address.
type parsedLine struct {
	street                 []segment
	city, region, postcode string
	country, pcCountry     string
}

// parseRaw reads a one-line address from its end: country, postcode,
// region and city; what is left is the street.
func parseRaw(raw string) parsedLine {
	var p parsedLine
	var buf [8]segment
	segs := splitSegments(buf[:0], raw)
	if len(segs) == 0 {
		return p
	}
	// Country: a last segment that names one, or a country name ending the
	// last segment ("Hillsboro OR 97124 USA").
	last := segs[len(segs)-1]
	if len(segs) > 1 {
		if c := segmentCountry(last, segs[len(segs)-2]); c != "" {
			p.country = c
			segs = segs[:len(segs)-1]
		}
	}
	if len(segs) == 1 && len(segs[0]) <= 4 {
		// A country alone: "USA", "United Kingdom".
		if c := segmentCountry(segs[0], nil); c != "" {
			p.country = c
			return p
		}
	}
	if p.country == "" && len(segs) > 0 {
		l := segs[len(segs)-1]
		for k := min(3, len(l)-1); k >= 1; k-- {
			tail := l[len(l)-k:]
			if k == 1 && len(tail[0]) == 2 && tail[0] != "uk" && tail[0] != "us" {
				continue // a two-letter code at the end is a region: "Austin TX"
			}
			if c := countryNames()[strings.Join(tail, " ")]; c != "" || (k == 1 && tail[0] == "usa") {
				if c == "" {
					c = "US"
				}
				p.country = c
				segs[len(segs)-1] = l[:len(l)-k]
				break
			}
		}
	}
	single := len(segs) == 1
	// Postcode and region at the end of the last segment.
	i := len(segs) - 1
	l := segs[i]
	if pc, n, hint := postcodeAtEnd(l); n > 0 && (!single || n < len(l)) {
		p.postcode, p.pcCountry = pc, hint
		l = l[:len(l)-n]
	}
	if r, n := regionAtEnd(l, p.country, p.pcCountry); n > 0 && (!single || n < len(l)) {
		p.region = r
		l = l[:len(l)-n]
	}
	if p.postcode == "" && !single {
		if pc, n := postcodeAtStart(l); n > 0 {
			p.postcode, p.pcCountry = pc, postcodeCountry(pc)
			l = l[n:]
		}
	}
	if single {
		// "12 Oak St Austin": the city follows the street type.
		cut := streetEnd(l)
		p.street = []segment{l[:cut]}
		p.city = cityText(l[cut:])
		return p
	}
	segs[i] = l
	localityWithPostcode := len(l) > 0 && p.postcode != ""
	if len(l) == 0 {
		segs = segs[:i]
		i--
		if p.region == "" && i > 0 {
			if r, n := regionAtEnd(segs[i], p.country, p.pcCountry); n > 0 && n == len(segs[i]) {
				p.region = r
				segs = segs[:i]
				i--
			} else if n > 0 && n < len(segs[i]) {
				p.region = r
				segs[i] = segs[i][:len(segs[i])-n]
			}
		}
		if p.postcode == "" && i > 0 {
			if pc, n, hint := postcodeAtEnd(segs[i]); n > 0 && n < len(segs[i]) {
				p.postcode, p.pcCountry = pc, hint
				segs[i] = segs[i][:len(segs[i])-n]
			}
		}
	}
	// "12 High St, Leeds, West Yorkshire LS1 4AP": a region the tables do
	// not know, after a locality line that is not a street.
	if localityWithPostcode && p.region == "" && i >= 2 && !looksLikeStreet(segs[i]) &&
		!looksLikeStreet(segs[i-1]) && streetTypes[segs[i-1][len(segs[i-1])-1]] == "" {
		p.region = strings.Join(segs[i], " ")
		segs = segs[:i]
		i--
	}
	switch {
	case i > 0 && len(segs[i]) > 0 && !looksLikeStreet(segs[i]):
		p.city = cityText(segs[i])
		segs = segs[:i]
	case i == 0 && (p.region != "" || p.postcode != "") && !looksLikeStreet(segs[0]) && streetEnd(segs[0]) == len(segs[0]):
		// "Los Angeles, CA": a locality alone.
		p.city = cityText(segs[0])
		segs = segs[:0]
	}
	p.street = segs
	return p
}

// segmentCountry reports the country a whole last segment names. A bare
// two-letter code that is also a US state or Canadian province ("CA",
// "IN", "DE") is a region unless the segment before it already ends with a
// region or postcode.
func segmentCountry(last, prev segment) string {
	joined := strings.Join(last, " ")
	if len(last) == 1 && len(last[0]) == 2 {
		if _, isRegion := usRegions[last[0]]; isRegion || caRegions[last[0]] != "" {
			_, _, pcHint := postcodeAtEnd(prev)
			_, rn := regionAtEnd(prev, "", "")
			_, sn := postcodeAtStart(prev)
			if pcHint == "" && rn == 0 && sn == 0 {
				return ""
			}
		}
	}
	if len(last) <= 3 && len(joined) <= 3 {
		if c := Country(joined); c != "" {
			return c
		}
	}
	return countryNames()[joined]
}

// looksLikeStreet reports whether a segment reads as a street line rather
// than a locality: it holds a number ("12 Oak St", "Damrak 1") or a unit or
// box word.
func looksLikeStreet(s segment) bool {
	for _, t := range s {
		if isDigit(t[0]) || unitWords[t] || t == "box" || poBoxWords[t] > 0 {
			return true
		}
	}
	return false
}

// streetEnd returns where the street ends in the tokens of a line that
// also holds the city: after the last street-type word (and a directional
// or unit that follows it).
func streetEnd(s segment) int {
	cut := -1
	for i := 1; i < len(s); i++ {
		if _, ok := streetTypes[s[i]]; ok {
			cut = i + 1
		}
	}
	if cut < 0 {
		return len(s)
	}
	if cut < len(s) {
		if _, ok := directionals[s[cut]]; ok && cut+1 < len(s) {
			cut++
		}
	}
	for cut+1 < len(s) && unitWords[s[cut]] {
		cut += 2
	}
	return min(cut, len(s))
}

// parseStreet reads number, street, unit and PO box from the street lines.
// The street is the line with a house number and a street type, else the
// one with a number (taking its street from a line ending in a street type
// if it has none), else the line ending in a street type, else the first
// line. A line before a numberless street
// (a UK house name: "Rose Cottage, Church Lane") stands for the number.
func parseStreet(out *Address, segs []segment, country string) {
	best, bestRank, bestAt, typed := segment(nil), -1, -1, -1
	var lines []segment
	for _, seg := range segs {
		if n, ok := poBox(seg); ok {
			out.POBox = true
			if out.Street == "" {
				out.Street = "po box"
				out.Number = n
			}
			continue
		}
		seg = takeUnit(out, seg)
		if len(seg) == 0 {
			continue
		}
		// Australian "5/12 George St": unit 5 of number 12.
		if j := strings.IndexByte(seg[0], '/'); j > 0 && j < len(seg[0])-1 && isDigit(seg[0][j+1]) {
			if out.Unit == "" {
				out.Unit = seg[0][:j]
			}
			seg[0] = seg[0][j+1:]
		}
		rank := 0
		if _, ok := streetTypes[seg[len(seg)-1]]; ok && len(seg) > 1 {
			rank = 1
		}
		if isDigit(seg[0][0]) || (len(seg) > 1 && isDigit(seg[len(seg)-1][0])) {
			rank += 2
		}
		lines = append(lines, seg)
		if rank > bestRank {
			best, bestRank, bestAt = seg, rank, len(lines)-1
		}
		if rank == 1 && typed < 0 {
			typed = len(lines) - 1
		}
	}
	if best == nil {
		return
	}
	if out.Street == "po box" {
		return
	}
	words := best
	switch {
	case isDigit(words[0][0]):
		out.Number = strings.Trim(words[0], "/-")
		words = words[1:]
		// "12 B Oak St": a lone letter after the number belongs to it.
		if len(words) > 2 && len(words[0]) == 1 && isLetter(words[0][0]) && directionals[words[0]] == "" {
			out.Number += words[0]
			words = words[1:]
		}
	case len(words) > 1 && isDigit(words[len(words)-1][0]):
		out.Number = words[len(words)-1]
		words = words[:len(words)-1]
	case bestAt > 0:
		out.Number = cityText(lines[bestAt-1])
	}
	// "92 Pinecroft, Cherry Place": a number before a name with no street
	// type, and a street on another line: the number is on that street.
	if bestRank == 2 && typed >= 0 && len(words) > 0 {
		words = lines[typed]
	}
	out.Street = streetText(words, country)
}

// poBox recognises a post-office box segment and returns its number.
func poBox(s segment) (string, bool) {
	i := 0
	switch {
	case len(s) >= 2 && s[0] == "po" && s[1] == "box":
		i = 2
	case len(s) >= 3 && s[0] == "p" && s[1] == "o" && s[2] == "box":
		i = 3
	case len(s) >= 4 && s[0] == "post" && s[1] == "office" && s[2] == "box":
		i = 3
	case len(s) >= 2 && (s[0] == "gpo" || s[0] == "box") && (s[1] == "box" || isDigit(s[1][0])):
		i = 1
		if s[1] == "box" {
			i = 2
		}
	case len(s) >= 2 && s[0] == "locked" && s[1] == "bag":
		i = 2
	case poBoxWords[s[0]] > 0:
		i = 1
	default:
		return "", false
	}
	if i < len(s) && (s[i] == "#" || s[i] == "no") {
		i++
	}
	// "Postfach 10 01 23": the box number may be written in groups.
	n := ""
	for ; i < len(s) && (n == "" || allDigits(s[i])); i++ {
		n += s[i]
	}
	return n, true
}

// takeUnit removes a unit designator and its value from a segment and
// records the value.
func takeUnit(out *Address, seg segment) segment {
	res := seg[:0]
	for i := 0; i < len(seg); i++ {
		t := seg[i]
		if unitWords[t] {
			if t == "pmb" {
				out.POBox = true
			}
			// "Apt #5", "Flat No. 5", "Suite Number 5"
			for i+1 < len(seg) && (seg[i+1] == "#" || seg[i+1] == "no" || seg[i+1] == "number" || seg[i+1] == "nr") {
				i++
			}
			if i+1 < len(seg) {
				if out.Unit == "" {
					out.Unit = strings.Trim(seg[i+1], "/-")
				}
				i++
			}
			continue
		}
		res = append(res, t)
	}
	return res
}

// streetText unifies street types, directionals, ordinals and saints.
func streetText(words segment, country string) string {
	ws := make([]string, 0, len(words)+2)
	for _, w := range words {
		// "saint-denis": hyphens inside names separate words.
		for w != "" {
			j := strings.IndexByte(w, '-')
			if j < 0 {
				ws = append(ws, w)
				break
			}
			if j > 0 {
				ws = append(ws, w[:j])
			}
			w = w[j+1:]
		}
	}
	n := len(ws)
	if n == 0 {
		return ""
	}
	german := country == "DE" || country == "AT" || country == "CH"
	// The street type is the last word, or the one before a final directional.
	typeAt := n - 1
	if n >= 3 {
		if _, ok := directionals[ws[n-1]]; ok {
			if _, ok := streetTypes[ws[n-2]]; ok {
				typeAt = n - 2
			}
		}
	}
	for i, w := range ws {
		switch {
		case i == typeAt && n > 1:
			if w == "str" && german {
				ws[i] = "strasse"
			} else if t, ok := streetTypes[w]; ok {
				ws[i] = t
			} else {
				ws[i] = germanStreet(w)
			}
		case i == typeAt:
			ws[i] = germanStreet(w)
		case (i == 0 || i == n-1) && n >= 3:
			if d, ok := directionals[w]; ok {
				ws[i] = d
			} else if i == 0 {
				ws[i] = nameWord(w)
			}
		case i == 0 && n == 2:
			if d, ok := directionals[w]; ok && streetTypes[ws[1]] == "" {
				ws[i] = d
			} else {
				ws[i] = nameWord(w)
			}
		default:
			ws[i] = nameWord(w)
		}
	}
	return strings.Join(ws, " ")
}

// germanStreet spells out the German "-str." ending: "hauptstr" becomes
// "hauptstrasse" ("ß" is already folded to "ss").
func germanStreet(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "str") {
		return w + "asse"
	}
	return w
}

// nameWord unifies a word inside a street or city name.
func nameWord(w string) string {
	switch w {
	case "st":
		return "saint"
	case "ste":
		return "sainte"
	case "mt":
		return "mount"
	case "ft":
		return "fort"
	}
	if o, ok := ordinalWords[w]; ok {
		return o
	}
	return w
}

// cityText joins the tokens of a locality, with "St." spelled out.
func cityText(s segment) string {
	if len(s) == 0 {
		return ""
	}
	ws := make([]string, 0, len(s))
	for _, w := range s {
		for _, part := range strings.Split(strings.Trim(w, "#/"), "-") {
			if part != "" {
				ws = append(ws, part)
			}
		}
	}
	if len(ws) > 1 {
		ws[0] = nameWord(ws[0])
	}
	return strings.Join(ws, " ")
}

// compactPostcode upper-cases a postcode and removes spaces and dashes.
func compactPostcode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			b = append(b, c-'a'+'A')
		case 'A' <= c && c <= 'Z', isDigit(c):
			b = append(b, c)
		}
	}
	return string(b)
}

// usZIP keeps the five-digit ZIP of a ZIP+4 and restores the leading zero
// that spreadsheets drop ("2134" for "02134").
func usZIP(pc string) string {
	if !allDigits(pc) {
		return pc
	}
	switch len(pc) {
	case 9:
		return pc[:5]
	case 4:
		return "0" + pc
	}
	return pc
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

// shape reports whether s matches a pattern of 'L' (letter) and 'D' (digit).
func shape(s, pattern string) bool {
	if len(s) != len(pattern) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch pattern[i] {
		case 'L':
			if !isLetter(c) {
				return false
			}
		case 'D':
			if !isDigit(c) {
				return false
			}
		}
	}
	return true
}

// ukOutward reports whether s is a UK outward code: A9, A99, A9A, AA9,
// AA99 or AA9A.
func ukOutward(s string) bool {
	for _, p := range [...]string{"LD", "LDD", "LDL", "LLD", "LLDD", "LLDL"} {
		if shape(s, p) {
			return true
		}
	}
	return false
}

func ukInward(s string) bool { return shape(s, "DLL") }

// postcodeCountry returns the country a compact postcode's shape implies
// when it is unambiguous (Canadian A9A9A9, UK outward+inward), else "".
func postcodeCountry(pc string) string {
	switch {
	case shape(pc, "LDLDLD"):
		return "CA"
	case len(pc) >= 5 && len(pc) <= 7 && ukInward(pc[len(pc)-3:]) && ukOutward(pc[:len(pc)-3]):
		return "GB"
	}
	return ""
}

// postcodeAtEnd finds a postcode in the last tokens of a segment and
// returns it compacted, the number of tokens it spans and the country its
// shape implies ("US" for ZIP+4 forms, "CA", "GB", else "").
func postcodeAtEnd(s segment) (string, int, string) {
	n := len(s)
	if n == 0 {
		return "", 0, ""
	}
	if n >= 2 {
		a, b := s[n-2], s[n-1]
		switch {
		case shape(a, "LDL") && shape(b, "DLD"):
			return compactPostcode(a + b), 2, "CA"
		case ukOutward(a) && ukInward(b):
			return compactPostcode(a + b), 2, "GB"
		case shape(a, "DDDD") && shape(b, "LL") && usRegions[b] == "" && auRegions[b] == "" && caRegions[b] == "":
			return compactPostcode(a + b), 2, "NL"
		}
	}
	t := s[n-1]
	switch {
	case shape(t, "DDDDD-DDDD"), shape(t, "DDDDDDDDD"):
		return t[:5], 1, "US"
	case shape(t, "LDLDLD"):
		return compactPostcode(t), 1, "CA"
	case len(t) >= 5 && len(t) <= 7 && ukInward(t[len(t)-3:]) && ukOutward(t[:len(t)-3]):
		return compactPostcode(t), 1, "GB"
	case allDigits(t) && len(t) >= 3 && len(t) <= 6:
		return t, 1, ""
	case digitDash(t):
		return compactPostcode(t), 1, ""
	}
	return "", 0, ""
}

// digitDash reports a numeric postcode with one dash: "100-0001" (JP),
// "01310-100" (BR), "00-950" (PL).
func digitDash(t string) bool {
	j := strings.IndexByte(t, '-')
	return j > 0 && j < len(t)-1 && len(t) <= 10 && allDigits(t[:j]) && allDigits(t[j+1:])
}

// postcodeAtStart finds a postcode leading a locality segment, the
// European order "10115 Berlin", "1012 AB Amsterdam".
func postcodeAtStart(s segment) (string, int) {
	if len(s) < 2 {
		return "", 0
	}
	t := s[0]
	if shape(t, "DDDD") && len(s) >= 3 && shape(s[1], "LL") {
		return compactPostcode(t + s[1]), 2
	}
	if (allDigits(t) && len(t) >= 4 && len(t) <= 6) || digitDash(t) {
		return compactPostcode(t), 1
	}
	return "", 0
}

// regionAtEnd finds a state, province or territory in the last one to
// three tokens of a segment.
func regionAtEnd(s segment, country, pcCountry string) (string, int) {
	for k := min(3, len(s)); k >= 1; k-- {
		key := strings.Join(s[len(s)-k:], " ")
		if r := lookupRegion(key, country, pcCountry); r != "" {
			return r, k
		}
	}
	return "", 0
}

// lookupRegion returns the canonical region for a folded name or code in
// the tables of the given (or implied) country, "" if none.
func lookupRegion(key, country, pcCountry string) string {
	c := country
	if c == "" {
		c = pcCountry
	}
	switch c {
	case "US":
		return usRegions[key]
	case "CA":
		return caRegions[key]
	case "AU":
		return auRegions[key]
	case "":
		if r := usRegions[key]; r != "" {
			return r
		}
		if r := caRegions[key]; r != "" {
			return r
		}
		return auRegions[key]
	}
	return ""
}

// resolveRegion canonicalises a folded region text for the country, and
// infers the country from region and postcode when it is not given.
func resolveRegion(text, country, pcHint, postcode string) (string, string) {
	text = strings.ToLower(text)
	if text == "" {
		if country == "" {
			country = pcHint
		}
		return "", country
	}
	switch country {
	case "US":
		if r := usRegions[text]; r != "" {
			return r, country
		}
		return text, country
	case "CA":
		if r := caRegions[text]; r != "" {
			return r, country
		}
		return text, country
	case "AU":
		if r := auRegions[text]; r != "" {
			return r, country
		}
		return text, country
	case "":
	default:
		return text, country
	}
	// No country: let the region and the postcode's shape decide.
	us, ca, au := usRegions[text], caRegions[text], auRegions[text]
	switch {
	case pcHint == "CA" && ca != "":
		return ca, "CA"
	case pcHint == "US" && us != "":
		return us, "US"
	case au != "" && shape(postcode, "DDDD"):
		return au, "AU"
	case us != "" && (postcode == "" || shape(postcode, "DDDDD") || shape(postcode, "DDDDDDDDD")):
		return us, "US"
	case ca != "" && (postcode == "" || pcHint == "CA"):
		return ca, "CA"
	case au != "" && postcode == "":
		return au, "AU"
	case us != "":
		return us, pcHint
	case ca != "":
		return ca, pcHint
	}
	return text, pcHint
}
