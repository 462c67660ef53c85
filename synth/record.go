package synth

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
)

// typo makes one typing mistake in s: a transposition, a dropped letter, a
// substituted neighbour key or a doubled letter.
func typo(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 4 {
		return s
	}
	i := 1 + r.IntN(len(rs)-2)
	switch r.IntN(4) {
	case 0:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	case 2:
		if n, ok := neighbours[rs[i]]; ok {
			rs[i] = rune(n[r.IntN(len(n))])
		} else {
			rs = append(rs[:i], rs[i+1:]...)
		}
	default:
		rs = append(rs[:i+1], rs[i:]...)
	}
	return string(rs)
}

// neighbours are the keys next to each letter on a QWERTY keyboard.
var neighbours = map[rune]string{
	'a': "qswz", 'b': "vghn", 'c': "xdfv", 'd': "serfcx", 'e': "wsdr", 'f': "drtgvc", 'g': "ftyhbv",
	'h': "gyujnb", 'i': "ujko", 'j': "huikmn", 'k': "jiolm", 'l': "kop", 'm': "njk", 'n': "bhjm",
	'o': "iklp", 'p': "ol", 'q': "wa", 'r': "edft", 's': "awedxz", 't': "rfgy", 'u': "yhji",
	'v': "cfgb", 'w': "qase", 'x': "zsdc", 'y': "tghu", 'z': "asx",
}

// givenAsWritten returns the given name as this record writes it: a
// romanisation variant, a nickname, an accent dropped, a typo.
func (g *gen) givenAsWritten(p *persona, noisy bool) string {
	r := g.r
	gv := p.given
	if p.cult.group == GroupKorean && strings.Contains(gv, "-") {
		switch x := r.Float64(); {
		case x < 0.3:
			gv = strings.ReplaceAll(gv, "-", "")
			gv = gv[:1] + strings.ToLower(gv[1:])
		case x < 0.4:
			parts := strings.SplitN(gv, "-", 2)
			gv = parts[0] + " " + strings.ToUpper(parts[1][:1]) + parts[1][1:]
		}
	}
	if !noisy {
		return gv
	}
	if nick, ok := p.cult.nicknames[p.given]; ok && chance(r, 0.12) {
		gv = pick(r, nick)
	}
	if chance(r, 0.15) {
		gv = fold(gv)
	}
	if chance(r, 0.025) {
		gv = typo(r, gv)
	}
	return gv
}

func (g *gen) familyAsWritten(p *persona, noisy bool) string {
	r := g.r
	f := p.family
	if !noisy {
		return f
	}
	if strings.Contains(f, " ") && p.cult.doubleSurname > 0 && chance(r, 0.4) {
		f = strings.Fields(f)[0] // the first surname alone
	}
	if chance(r, 0.15) {
		f = fold(f)
	}
	if chance(r, 0.025) {
		f = typo(r, f)
	}
	return f
}

// nativeOrder reports whether a name is written family name first.
func (g *gen) nativeOrder(p *persona) bool {
	if !p.cult.familyFirst {
		return false
	}
	switch p.live.Country {
	case "CN", "KR", "VN", "JP":
		return chance(g.r, 0.6)
	}
	return chance(g.r, 0.12)
}

// writeName fills the record's name as sources write them: full alone,
// parts alone, or both.
func (g *gen) writeName(p *persona, rec *ringer.Record) {
	r := g.r
	noisy := !p.tidy
	gv, fm := g.givenAsWritten(p, noisy), g.familyAsWritten(p, noisy)
	mid := ""
	if p.middle != "" {
		switch {
		case p.cult.group == GroupVietnamese:
			if chance(r, 0.7) {
				mid = p.middle
			}
		case chance(r, 0.35):
			mid = p.middle[:1] + "."
		case chance(r, 0.15):
			mid = p.middle
		}
	}
	var full string
	if g.nativeOrder(p) {
		full = join(fm, mid, gv)
	} else {
		full = join(gv, mid, fm)
	}
	if p.alias != "" && chance(r, 0.2) {
		full = join(p.alias, fm)
	}
	if noisy && chance(r, 0.02) {
		full = strings.ToUpper(full)
	}
	switch x := r.Float64(); {
	case x < 0.45:
		rec.Name = ringer.Name{Full: full, Given: gv, Middle: mid, Family: fm}
	case x < 0.8:
		rec.Name = ringer.Name{Given: gv, Middle: mid, Family: fm}
	default:
		rec.Name = ringer.Name{Full: full}
	}
	if mid != "" && strings.HasSuffix(mid, ".") && rec.Name.Middle != "" && chance(r, 0.5) {
		rec.Name.Middle = ""
	}
	if p.alias != "" && chance(r, 0.6) {
		rec.Aliases = append(rec.Aliases, join(p.alias, p.family))
	}
	if nick, ok := p.cult.nicknames[p.given]; ok && chance(r, 0.08) {
		rec.Aliases = append(rec.Aliases, join(pick(r, nick), p.family))
	}
}

func join(parts ...string) string {
	var b strings.Builder
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// record writes the persona as its source holds it, with the omissions
// and variations of real records.
func (g *gen) record(p *persona) *ringer.Record {
	r := g.r
	noisy := !p.tidy
	rec := &ringer.Record{ID: p.id, Source: p.source, Kind: p.kind, ObservedAt: p.observed.Truncate(time.Second)}
	g.writeName(p, rec)
	switch x := r.Float64(); {
	case !noisy || x < 0.74:
		rec.BirthDate = p.birth
	case x < 0.78:
		rec.BirthDate = ringer.Date{Year: p.birth.Year}
	case x < 0.80:
		rec.BirthDate = ringer.Date{Year: p.birth.Year, Month: p.birth.Month}
	}
	if p.birthPlace != "" {
		rec.BirthPlace = p.birthPlace
	}
	seen := make(map[string]bool, len(p.emails)+len(p.phones))
	for i, e := range p.emails {
		if seen[e] {
			continue
		}
		seen[e] = true
		if noisy && !p.keepContacts && i == 0 && chance(r, 0.04) && len(p.emails) == 1 {
			continue // missing
		}
		if chance(r, 0.08) {
			e = strings.ToUpper(e[:1]) + e[1:]
		}
		rec.Emails = append(rec.Emails, e)
	}
	for i, ph := range p.phones {
		if seen[ph.nsn] {
			continue
		}
		seen[ph.nsn] = true
		if noisy && !p.keepContacts && i == 0 && chance(r, 0.08) {
			continue
		}
		intl := p.claim.Country != p.live.Country || ph.cc != callingCode(p.claim.Country)
		lookup := p.lookup
		if lookup == 0 {
			lookup = 0.4
		}
		rec.Phones = append(rec.Phones, ph.record(r, intl, lookup))
	}
	if !p.noHome {
		rec.Addresses = append(rec.Addresses, p.home.write(r, "home", noisy && chance(r, 0.6)))
	}
	rec.Addresses = append(rec.Addresses, p.extra...)
	// Records own their slices: callers may change one without touching
	// another record of the same person or ring.
	rec.Documents = slices.Clone(p.docs)
	rec.PayoutAccounts = slices.Clone(p.payout)
	rec.Profiles = slices.Clone(p.profiles)
	if !p.noPhoto {
		rec.Photos = []ringer.Photo{{PHash: phashHex(p.photo)}}
	}
	if p.resume != nil {
		if top := g.start.Year() - p.birth.Year - 20; p.resume.years > top {
			d := *p.resume
			d.years = max(2, top)
			p.resume = &d
		}
		rec.Resume = &ringer.Resume{Text: p.resume.render(r, rec.Name.Display())}
	}
	switch x := r.Float64(); {
	case !noisy || x < 0.8:
		rec.Claimed = ringer.Claimed{Country: p.claim.Country, City: p.claim.City, Timezone: p.claim.TZ}
	case x < 0.9:
		rec.Claimed = ringer.Claimed{Country: p.claim.Country}
	}
	rec.ReferredBy = p.referredBy
	return rec
}

func callingCode(cc string) string {
	switch cc {
	case "US", "CA":
		return "1"
	}
	if m, ok := mobilePrefixes[cc]; ok {
		return m.cc
	}
	return ""
}

func phashHex(h uint64) string {
	const hx = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = hx[h&15]
		h >>= 4
	}
	return string(b[:])
}

// flipBits flips n distinct random bits of h.
func flipBits(r *rand.Rand, h uint64, n int) uint64 {
	for _, i := range r.Perm(64)[:n] {
		h ^= 1 << uint(i)
	}
	return h
}
