package normalize

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/idna"
)

// mailboxRule says how a provider reads the local part of its addresses.
type mailboxRule struct {
	// canonical is the domain the provider's aliases fold to ("" keeps the
	// domain as written).
	canonical string
	// ignoresDots: the provider delivers "d.moore" and "dmoore" to one
	// mailbox.
	ignoresDots bool
	// tagSep is the byte after which the provider ignores the rest of the
	// local part (0 for none).
	tagSep byte
}

// mailboxRules lists the providers whose addressing rules are documented.
// Each rule is only what the provider itself does; a provider that treats
// dots as significant keeps them.
var mailboxRules = map[string]mailboxRule{
	// Gmail ignores dots in the local part ("Dots don't matter in Gmail
	// addresses", Google Account Help) and delivers user+anything to user.
	// googlemail.com is the same mailbox space (Gmail's former name in
	// Germany and the UK).
	"gmail.com":      {canonical: "gmail.com", ignoresDots: true, tagSep: '+'},
	"googlemail.com": {canonical: "gmail.com", ignoresDots: true, tagSep: '+'},

	// Outlook.com (and its older hotmail, live and msn domains) supports plus
	// addressing; dots are significant (d.moore and dmoore are different
	// accounts). Each domain is its own mailbox space.
	"outlook.com":   {tagSep: '+'},
	"hotmail.com":   {tagSep: '+'},
	"live.com":      {tagSep: '+'},
	"msn.com":       {tagSep: '+'},
	"hotmail.co.uk": {tagSep: '+'},
	"hotmail.fr":    {tagSep: '+'},
	"hotmail.de":    {tagSep: '+'},
	"hotmail.it":    {tagSep: '+'},
	"hotmail.es":    {tagSep: '+'},
	"outlook.fr":    {tagSep: '+'},
	"outlook.de":    {tagSep: '+'},
	"outlook.es":    {tagSep: '+'},
	"outlook.it":    {tagSep: '+'},
	"outlook.jp":    {tagSep: '+'},
	"live.co.uk":    {tagSep: '+'},
	"live.fr":       {tagSep: '+'},
	"live.ca":       {tagSep: '+'},
	"live.com.au":   {tagSep: '+'},

	// iCloud Mail delivers user+tag to user. An @me.com or @mac.com account
	// also receives at the same name @icloud.com, so the older domains fold
	// to icloud.com.
	"icloud.com": {canonical: "icloud.com", tagSep: '+'},
	"me.com":     {canonical: "icloud.com", tagSep: '+'},
	"mac.com":    {canonical: "icloud.com", tagSep: '+'},

	// Fastmail supports plus addressing.
	"fastmail.com": {tagSep: '+'},
	"fastmail.fm":  {tagSep: '+'},

	// Proton Mail supports plus addressing, and every account receives at
	// proton.me, protonmail.com and protonmail.ch (pm.me for paid plans)
	// under one name, so the domains fold to proton.me.
	"proton.me":      {canonical: "proton.me", tagSep: '+'},
	"protonmail.com": {canonical: "proton.me", tagSep: '+'},
	"protonmail.ch":  {canonical: "proton.me", tagSep: '+'},
	"pm.me":          {canonical: "proton.me", tagSep: '+'},

	// Yahoo disposable addresses are "basename-keyword": the base name is
	// unique to one account and Yahoo ids cannot contain "-", so everything
	// from the first "-" is a tag. Dots are significant.
	"yahoo.com":      {tagSep: '-'},
	"yahoo.co.uk":    {tagSep: '-'},
	"yahoo.fr":       {tagSep: '-'},
	"yahoo.de":       {tagSep: '-'},
	"yahoo.ca":       {tagSep: '-'},
	"yahoo.com.au":   {tagSep: '-'},
	"yahoo.co.in":    {tagSep: '-'},
	"yahoo.co.jp":    {tagSep: '-'},
	"ymail.com":      {tagSep: '-'},
	"rocketmail.com": {tagSep: '-'},

	// Yandex Mail supports plus addressing.
	"yandex.ru":  {tagSep: '+'},
	"yandex.com": {tagSep: '+'},
	"ya.ru":      {tagSep: '+'},
}

// Errors Email returns.
var (
	ErrNotEmail = errors.New("not an e-mail address")
)

// Email returns the canonical mailbox of an address: lower-cased, with the
// dots and sub-address tags removed for providers that ignore them (see
// mailboxRules for each provider's rule and its reason) and provider alias
// domains folded (googlemail.com to gmail.com). A "mailto:" prefix and
// surrounding angle brackets are accepted. It is an error for a string
// that is not an address.
func Email(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	if len(s) >= 2 && s[0] == '<' && s[len(s)-1] == '>' {
		s = s[1 : len(s)-1]
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return "", inputError("e-mail", s, "no @", ErrNotEmail)
	}
	local, domain := s[:at], strings.ToLower(strings.TrimSuffix(s[at+1:], "."))
	if err := checkLocal(local); err != nil {
		return "", inputError("e-mail", s, err.Error(), ErrNotEmail)
	}
	if !isASCII(domain) {
		// Internationalised domains compare in their ASCII (punycode) form:
		// "bücher.example" is "xn--bcher-kva.example".
		a, err := idna.Lookup.ToASCII(domain)
		if err != nil {
			return "", inputError("e-mail", s, "domain is not a valid internationalised name", ErrNotEmail)
		}
		domain = a
	}
	if err := checkDomain(domain); err != nil {
		return "", inputError("e-mail", s, err.Error(), ErrNotEmail)
	}
	local = strings.ToLower(local)
	if rule, ok := mailboxRules[domain]; ok {
		if rule.tagSep != 0 {
			if i := strings.IndexByte(local, rule.tagSep); i >= 0 {
				local = local[:i]
			}
		}
		if rule.ignoresDots && strings.IndexByte(local, '.') >= 0 {
			local = strings.ReplaceAll(local, ".", "")
		}
		if rule.canonical != "" {
			domain = rule.canonical
		}
		if local == "" {
			return "", inputError("e-mail", s, "empty mailbox", ErrNotEmail)
		}
	}
	return local + "@" + domain, nil
}

// EmailDomain returns the lower-cased domain of an address, "" if it has
// none. Provider aliases are not folded: the domain is what was written.
func EmailDomain(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return ""
	}
	d := strings.TrimSuffix(strings.TrimSpace(s[at+1:]), ">")
	return strings.ToLower(strings.TrimSuffix(d, "."))
}

// net/mail.ParseAddress is passed over: it accepts display names,
// comments and quoted local parts, which no sign-up form produces, and it
// allocates for every address; an identifier wants the strict dot-atom
// form, checked in one pass.

// checkLocal accepts the dot-atom local parts of RFC 5322 (and UTF-8
// letters, RFC 6531). Quoted local parts are refused: no provider a
// person signs up with hands them out.
func checkLocal(l string) error {
	if l == "" {
		return errors.New("empty local part")
	}
	if len(l) > 64 {
		return errors.New("local part longer than 64 bytes")
	}
	if l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
		return errors.New("misplaced dot in local part")
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c >= 0x80:
			// UTF-8 mailbox (RFC 6531); validity of the sequence is checked below.
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", c) >= 0:
		default:
			return fmt.Errorf("character %q not allowed in local part", c)
		}
	}
	if !validUTF8(l) {
		return errors.New("local part is not UTF-8")
	}
	return nil
}

// checkDomain accepts a host name of at least two labels of letters,
// digits and hyphens (UTF-8 letters allowed for internationalised names).
func checkDomain(d string) error {
	if d == "" {
		return errors.New("empty domain")
	}
	if len(d) > 253 {
		return errors.New("domain longer than 253 bytes")
	}
	labels := 0
	start := 0
	for i := 0; i <= len(d); i++ {
		if i < len(d) && d[i] != '.' {
			c := d[i]
			if !(c >= 0x80 || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return fmt.Errorf("character %q not allowed in domain", c)
			}
			continue
		}
		label := d[start:i]
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return errors.New("empty, over-long or hyphen-edged domain label")
		}
		labels++
		start = i + 1
	}
	if labels < 2 {
		return errors.New("domain has no dot")
	}
	tld := d[strings.LastIndexByte(d, '.')+1:]
	for i := 0; i < len(tld); i++ {
		if '0' <= tld[i] && tld[i] <= '9' && !strings.HasPrefix(tld, "xn--") {
			return errors.New("top-level domain has digits")
		}
	}
	if !validUTF8(d) {
		return errors.New("domain is not UTF-8")
	}
	return nil
}
