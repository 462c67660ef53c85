package watchlist

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/watchlist/entity"
)

// Identifier kinds, the prefixes of identifier keys.
const (
	idEmail    = "email"
	idPhone    = "phone"
	idWallet   = "wallet"
	idDocument = "document"
	idDomain   = "domain"
	idHandle   = "handle"
	idIP       = "ip"
)

// identifiers returns the entity's decisive identifiers as "kind:value"
// keys in canonical form.
func identifiers(e *entity.Entity) []string {
	var out []string
	add := func(kind, v string) {
		if v != "" {
			out = append(out, kind+":"+v)
		}
	}
	for _, s := range e.Emails {
		add(idEmail, canonicalEmail(s))
	}
	for _, s := range e.Phones {
		add(idPhone, canonicalPhone(s, ""))
	}
	for _, w := range e.Wallets {
		add(idWallet, canonicalWallet(w.Chain, w.Address))
	}
	for _, d := range e.Documents {
		add(idDocument, canonicalDocument(d.Number))
	}
	for _, s := range e.Websites {
		add(idDomain, canonicalDomain(s))
	}
	for _, s := range e.Handles {
		add(idHandle, canonicalHandle(s))
	}
	for _, s := range e.IPs {
		add(idIP, canonicalIP(s))
	}
	return out
}

func canonicalEmail(s string) string {
	if c, err := normalize.Email(s); err == nil {
		return c
	}
	return strings.ToLower(strings.TrimSpace(s))
}

// canonicalPhone returns E.164. List phones often lack the "+": a number
// that does not parse with the region is tried as international.
func canonicalPhone(s, region string) string {
	if p, err := normalize.Phone(s, region); err == nil && p.E164 != "" {
		return p.E164
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if len(digits) < 7 {
		return ""
	}
	if p, err := normalize.Phone("+"+digits, ""); err == nil && p.E164 != "" {
		return p.E164
	}
	return "+" + digits
}

// canonicalWallet applies each chain's case rule (EVM addresses are
// case-insensitive hex, Bitcoin base58 is case-sensitive, bech32 is
// lower-case) through package normalize; chains it does not know keep the
// address as written.
func canonicalWallet(chain, addr string) string {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return ""
	}
	if c, _, err := normalize.Wallet(chain, addr); err == nil && c != "" {
		return c
	}
	if c, _, err := normalize.Wallet("", addr); err == nil && c != "" {
		return c
	}
	if strings.HasPrefix(addr, "0x") || strings.HasPrefix(addr, "0X") {
		return strings.ToLower(addr)
	}
	return addr
}

// canonicalDocument keeps the letters and digits of a document number, in
// upper case.
func canonicalDocument(s string) string {
	out := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			return r
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return -1
	}, s)
	if len(out) < 5 {
		return "" // too short to be decisive
	}
	return out
}

// canonicalDomain returns the host of a URL or domain, lower-case, without
// "www.".
func canonicalDomain(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return ""
	}
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Hostname()
		}
	} else if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "www."), ".")
	labels := strings.Split(s, ".")
	if len(labels) < 2 || strings.ContainsAny(s, " \t\r\n") {
		return ""
	}
	for _, l := range labels {
		if l == "" {
			return ""
		}
	}
	if strings.HasPrefix(s, "www.") {
		return canonicalDomain(s)
	}
	return s
}

// canonicalHandle returns "site:handle" or a bare handle, lower-case.
func canonicalHandle(s string) string {
	s = strings.TrimSpace(s)
	site, h, ok := strings.Cut(s, ":")
	if ok && !strings.Contains(site, "/") && !strings.HasPrefix(h, "//") {
		site = normalize.Site(site)
		if c := normalize.Handle(site, h); c != "" {
			return c
		}
		return strings.ToLower(strings.TrimPrefix(h, "@"))
	}
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			return normalize.Handle(normalize.Site(u.Hostname()), s)
		}
	}
	return strings.ToLower(strings.TrimPrefix(s, "@"))
}

func canonicalIP(s string) string {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return a.Unmap().String()
}

func normalizeCountry(s string) string {
	if c := normalize.Country(s); c != "" {
		return c
	}
	return strings.ToUpper(strings.TrimSpace(s))
}
