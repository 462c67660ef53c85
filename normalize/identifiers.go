package normalize

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/photo"
)

// FieldProblem is an identifier of a record that could not be normalised:
// the field path ("emails[1]", "phones[0].number") and why.
type FieldProblem struct {
	Field  string
	Reason string
}

// visitor receives each normalised identifier of a record, or the problem
// that kept a field from being one.
type visitor interface {
	ident(kind ringer.IdentifierKind, value string)
	problem(field fieldRef, reason string)
}

// fieldRef names a field of a record: name[i].sub, or name alone when i
// is negative. It is a value so that walking a record for its identifiers
// builds no strings for problems nobody reads.
type fieldRef struct {
	name string
	i    int
	sub  string
}

func (f fieldRef) String() string {
	s := f.name
	if f.i >= 0 {
		s += "[" + strconv.Itoa(f.i) + "]"
	}
	if f.sub != "" {
		s += "." + f.sub
	}
	return s
}

// Identifiers returns the keyed strong identifiers of a record, each
// normalised first: e-mails (IDEmail), phones (IDPhone, E.164, read in the
// claimed country, else the country of the record's address; only numbers
// that fit their region's number plan, so placeholders link no one),
// documents (IDDocument), payout accounts (IDPayoutAccount: bank, IBAN, PayPal,
// Payoneer, Wise by their canonical value), wallets (IDWallet), shipping
// addresses (IDShipping: addresses whose use is "shipping"), home and
// mailing addresses (IDAddress; work addresses are shared by colleagues and
// left out), photo SHA-256 digests (IDPhoto) and profile handles
// (IDProfile, "site/handle"). Values that fail to normalise are skipped;
// Problems reports them. Each identifier appears once.
func Identifiers(k *Keyer, r *ringer.Record) []ringer.Identifier {
	c := collector{k: k, out: make([]ringer.Identifier, 0, 8)}
	walkRecord(&c, r, nil)
	return c.out
}

// Normalized is a record's identifiers (as Identifiers gives them) with
// the normalised values a linker compares besides: found on the way, they
// are not worked out twice.
type Normalized struct {
	Identifiers []ringer.Identifier
	// Emails are the canonical forms (Email) of the record's e-mails that
	// have one, in order, placeholders included.
	Emails []string
	// HomeIndex is the index in the record's Addresses of the first
	// address whose use is "" or "home" (as written), -1 when there is
	// none; Home is that address normalised.
	HomeIndex int
	Home      Address
}

// Normalize returns what Identifiers returns and the values of Normalized
// besides.
func Normalize(k *Keyer, r *ringer.Record) Normalized {
	c := collector{k: k, out: make([]ringer.Identifier, 0, 8)}
	n := Normalized{}
	home := -1
	for i, a := range r.Addresses {
		if a.Use == "" || a.Use == "home" {
			home = i
			break
		}
	}
	walkRecord(&c, r, &walkExtras{emails: &n.Emails, home: home, homeAddr: &n.Home})
	n.Identifiers = c.out
	n.HomeIndex = home
	return n
}

// walkExtras asks walkRecord for values it normalises on the way: the
// canonical e-mails, and address number home normalised.
type walkExtras struct {
	emails   *[]string
	home     int
	homeAddr *Address
}

// Problems lists, per field path, the identifiers of a record that could
// not be normalised and why, so the caller can report them.
func Problems(r *ringer.Record) []FieldProblem {
	var p problems
	walkRecord(&p, r, nil)
	return p.list
}

// EventIdentifiers returns the keyed identifiers an event carries:
// device_id (IDDevice), mfa_device_id (IDMFADevice), a shipment's address
// (IDShipping), a payroll change's account (IDPayoutAccount or IDWallet),
// the public IPs of sign_in.ip, interview.participant_ip and
// endpoint_inventory.public_ip (IDPublicIP, weak; an IPv6 address keys as
// its /64; private, loopback and shared ranges are left out), the Wi-Fi
// BSSID (IDWiFi, weak) and an interview photo's SHA-256 (IDPhoto).
func EventIdentifiers(k *Keyer, e *ringer.Event) []ringer.Identifier {
	c := collector{k: k}
	if v := deviceID(e.DeviceID); v != "" {
		c.ident(ringer.IDDevice, v)
	}
	if v := deviceID(e.MFADeviceID); v != "" {
		c.ident(ringer.IDMFADevice, v)
	}
	if e.Address != nil {
		for _, key := range NormalizeAddress(*e.Address).Keys() {
			c.ident(ringer.IDShipping, key)
		}
	}
	if e.Account != nil {
		walkPayout(&c, fieldRef{"account", -1, ""}, e.Account)
	}
	for _, ip := range [...]string{e.IP, e.PublicIP, e.ParticipantIP} {
		if v, ok := PublicIP(ip); ok {
			c.ident(ringer.IDPublicIP, ipLine(v))
		}
	}
	if e.WiFi != nil {
		if v, ok := BSSID(e.WiFi.BSSID); ok {
			c.ident(ringer.IDWiFi, v)
		}
	}
	if e.Photo != nil {
		if v, ok := sha256Hex(e.Photo.SHA256); ok {
			c.ident(ringer.IDPhoto, v)
		}
	}
	return c.out
}

type collector struct {
	k   *Keyer
	out []ringer.Identifier
}

func (c *collector) ident(kind ringer.IdentifierKind, value string) {
	key := c.k.Key(kind, value)
	for _, id := range c.out {
		if id.Key == key {
			return
		}
	}
	c.out = append(c.out, ringer.Identifier{Kind: kind, Key: key})
}

func (c *collector) problem(fieldRef, string) {}

type problems struct{ list []FieldProblem }

func (p *problems) ident(ringer.IdentifierKind, string) {}

func (p *problems) problem(field fieldRef, reason string) {
	p.list = append(p.list, FieldProblem{Field: field.String(), Reason: reason})
}

// walkRecord passes each identifier of r, or the problem with it, to v,
// and fills x (when not nil) on the way.
func walkRecord(v visitor, r *ringer.Record, x *walkExtras) {
	for i, e := range r.Emails {
		c, err := Email(e)
		if err == nil && x != nil {
			*x.emails = append(*x.emails, c)
		}
		if err != nil {
			v.problem(fieldRef{"emails", i, ""}, reason(err))
		} else if placeholderEmail(c) {
			v.problem(fieldRef{"emails", i, ""}, "e-mail: a placeholder address, not keyed")
		} else {
			v.ident(ringer.IDEmail, c)
		}
	}
	region, regionKnown := r.Claimed.Country, r.Claimed.Country != ""
	for i, p := range r.Phones {
		if !regionKnown && !strings.HasPrefix(strings.TrimSpace(p.Number), "+") {
			region, regionKnown = addressCountry(r), true
		}
		if e164, valid, err := phoneKey(p.Number, region); err != nil {
			v.problem(fieldRef{"phones", i, "number"}, reason(err))
		} else if !valid {
			// Not keyed: placeholders such as "0000000000" or "1234567890"
			// are typed by many honest applicants and would link them all.
			v.problem(fieldRef{"phones", i, "number"}, "phone number fits no number plan of its region")
		} else {
			v.ident(ringer.IDPhone, e164)
		}
	}
	for i, a := range r.Addresses {
		use := strings.ToLower(strings.TrimSpace(a.Use))
		kind := ringer.IDAddress
		switch use {
		case "shipping", "delivery":
			kind = ringer.IDShipping
		case "", "home", "mailing", "residential", "billing":
		default:
			continue
		}
		na := NormalizeAddress(a)
		if x != nil && i == x.home {
			// Its use is "" or "home", so it is always walked.
			*x.homeAddr = na
		}
		keys := na.Keys()
		if len(keys) == 0 {
			// A locality alone ("Austin, TX") is where someone lives, not a
			// delivery point; only a street that cannot be placed is a problem.
			if na.Street != "" {
				v.problem(fieldRef{"addresses", i, ""}, "address: a street without house number, or without postcode or city")
			}
			continue
		}
		for _, key := range keys {
			v.ident(kind, key)
		}
	}
	for i, d := range r.Documents {
		if c := Document(d.Type, d.Country, d.Number); c == "" {
			v.problem(fieldRef{"documents", i, "number"}, "empty document number")
		} else if placeholderNumber(c[strings.LastIndexByte(c, ':')+1:]) {
			v.problem(fieldRef{"documents", i, "number"}, "document: a placeholder number, not keyed")
		} else {
			if strings.HasPrefix(c, DocSSN+":") && len(c) != len("ssn:US:")+9 {
				v.problem(fieldRef{"documents", i, "number"}, "an SSN has 9 digits")
				continue
			}
			v.ident(ringer.IDDocument, c)
		}
	}
	for i := range r.PayoutAccounts {
		walkPayout(v, fieldRef{"payout_accounts", i, ""}, &r.PayoutAccounts[i])
	}
	for i, p := range r.Profiles {
		if id, why := profileID(p); why == "" {
			v.ident(ringer.IDProfile, id)
		} else {
			v.problem(fieldRef{"profiles", i, ""}, why)
		}
	}
	for i, p := range r.Photos {
		if p.SHA256 != "" {
			if h, ok := sha256Hex(p.SHA256); ok {
				v.ident(ringer.IDPhoto, h)
			} else {
				v.problem(fieldRef{"photos", i, "sha256"}, "want 64 hex digits")
			}
		}
		if p.PHash != "" {
			if _, err := photo.ParseHex(p.PHash); err != nil {
				_ = err
				v.problem(fieldRef{"photos", i, "phash"}, "want 16 hex digits")
			}
		}
	}
}

// addressCountry returns the country of a record's first address that has
// one, to read phone numbers written without a country code when the
// record claims no country.
func addressCountry(r *ringer.Record) string {
	for _, a := range r.Addresses {
		if c := Country(strings.TrimSpace(a.Country)); c != "" {
			return c
		}
		if a.Country == "" && !a.IsZero() {
			if c := NormalizeAddress(a).Country; len(c) == 2 {
				return c
			}
		}
	}
	return ""
}

// profileID returns "site/handle" for a profile, or a reason it has none.
// The site comes from Site, else from the URL's host; a handle without a
// site is not keyed (the same handle on two unknown sites says nothing).
func profileID(p ringer.Profile) (string, string) {
	site := Site(p.Site)
	if site == "" && p.URL != "" {
		host := p.URL
		if i := strings.Index(host, "://"); i >= 0 {
			host = host[i+3:]
		}
		if j := strings.IndexAny(host, "/?#"); j >= 0 {
			host = host[:j]
		}
		site = Site(host)
	}
	if site == "" {
		return "", "profile: no site"
	}
	src := p.Handle
	if src == "" {
		src = p.URL
	}
	h := Handle(site, src)
	if h == "" {
		return "", "profile: no handle in handle or url"
	}
	return site + "/" + h, ""
}

func walkPayout(v visitor, field fieldRef, a *ringer.PayoutAccount) {
	typ := strings.ToLower(strings.TrimSpace(a.Type))
	value := a.Value
	if value == "" {
		value = a.Number
	}
	switch typ {
	case ringer.PayoutBank:
		// A "bank" account given as an IBAN links with the same IBAN typed
		// as one; the IBAN names the account whatever the routing (often a
		// BIC) says.
		if iban, err := IBAN(value); err == nil {
			v.ident(ringer.IDPayoutAccount, "iban:"+iban)
			return
		}
		c, err := BankAccount(a.Country, a.Routing, a.Number)
		if err != nil {
			v.problem(field, reason(err))
			return
		}
		v.ident(ringer.IDPayoutAccount, "bank:"+c)
	case ringer.PayoutIBAN:
		c, err := IBAN(value)
		if err != nil {
			v.problem(field, reason(err))
			return
		}
		v.ident(ringer.IDPayoutAccount, "iban:"+c)
	case ringer.PayoutCrypto:
		c, chain, err := Wallet(a.Network, value)
		if err != nil {
			v.problem(field, reason(err))
			return
		}
		v.ident(ringer.IDWallet, chain+":"+c)
	case ringer.PayoutPayPal, ringer.PayoutPayoneer, ringer.PayoutWise:
		id := strings.TrimSpace(value)
		if id == "" {
			v.problem(field, "empty account value")
			return
		}
		if strings.IndexByte(id, '@') >= 0 {
			c, err := Email(id)
			if err != nil {
				v.problem(field, reason(err))
				return
			}
			id = c
		} else {
			id = strings.ToLower(id)
		}
		v.ident(ringer.IDPayoutAccount, typ+":"+id)
	default:
		id := strings.TrimSpace(value)
		if id == "" {
			v.problem(field, "empty account value")
			return
		}
		if typ == "" {
			typ = ringer.PayoutOther
		}
		v.ident(ringer.IDPayoutAccount, foldString(typ)+":"+strings.ToLower(id))
	}
}

// deviceID canonicalises a device or MFA device identifier: trimmed, a
// GUID's braces removed, a MAC address in BSSID's form (inventories write
// "AA-BB-…", "aa:bb:…" or "aabb.ccdd.…"), anything else upper-cased, as
// serial numbers and hardware ids are case-insensitive.
func deviceID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' {
		s = s[1 : len(s)-1]
	}
	if mac, ok := BSSID(s); ok && len(s) >= 12 && len(s) <= 17 {
		return mac
	}
	return strings.ToUpper(s)
}

// ipLine returns what a public IP identifies as a line: an IPv4 address
// itself, an IPv6 address's /64 network, since one home or phone line
// holds a /64 and rotates privacy addresses within it (RFC 8981).
func ipLine(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Is4() {
		return ip
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// PublicIP returns the canonical text of a public IP address; ok is false
// for unparseable, private (RFC 1918, ULA), loopback, link-local, CGNAT
// (100.64.0.0/10), multicast and unspecified addresses, which say nothing
// about where a person is. IPv4-mapped IPv6 addresses are unmapped.
func PublicIP(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, err2 := netip.ParseAddrPort(s)
		if err2 != nil {
			return "", false
		}
		a = ap.Addr()
	}
	a = a.Unmap().WithZone("")
	if !a.IsGlobalUnicast() || a.IsPrivate() || cgnat.Contains(a) {
		return "", false
	}
	return a.String(), true
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// BSSID returns a Wi-Fi access point's MAC address as lower-case hex pairs
// joined by colons; "aa-bb-cc-dd-ee-ff", "AABB.CCDD.EEFF" and
// "aabbccddeeff" are accepted. ok is false for anything else and for the
// all-zero and broadcast addresses.
func BSSID(s string) (string, bool) {
	var hexd [12]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c), 'a' <= c && c <= 'f':
		case 'A' <= c && c <= 'F':
			c += 'a' - 'A'
		case c == ':' || c == '-' || c == '.' || c == ' ':
			continue
		default:
			return "", false
		}
		if n == 12 {
			return "", false
		}
		hexd[n] = c
		n++
	}
	if n != 12 {
		return "", false
	}
	h := string(hexd[:])
	if h == "000000000000" || h == "ffffffffffff" {
		return "", false
	}
	out := make([]byte, 0, 17)
	for i := 0; i < 12; i += 2 {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, hexd[i], hexd[i+1])
	}
	return string(out), true
}

// sha256Hex returns a SHA-256 digest as 64 lower-case hex digits.
func sha256Hex(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 64 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return "", false
		}
	}
	return strings.ToLower(s), true
}

// placeholderLocals are mailbox names people type when they will not give
// an address. Many honest applicants type the same ones, so keying them
// would link strangers.
var placeholderLocals = map[string]bool{
	"none": true, "noemail": true, "no-email": true, "no.email": true, "nomail": true,
	"noreply": true, "no-reply": true, "donotreply": true, "do-not-reply": true,
	"na": true, "n-a": true, "null": true, "nil": true, "test": true, "unknown": true,
	"nobody": true, "noone": true, "xxx": true, "asdf": true,
}

// placeholderEmail reports a canonical address that stands for "no
// address": a placeholder mailbox name ("none@gmail.com").
func placeholderEmail(c string) bool {
	return placeholderLocals[c[:strings.LastIndexByte(c, '@')]]
}

// placeholderNumber reports a document number typed to fill a field:
// shorter than four characters, or one character repeated ("000000000",
// "XXXXXXXX").
func placeholderNumber(n string) bool {
	if len(n) < 4 {
		return true
	}
	for i := 1; i < len(n); i++ {
		if n[i] != n[0] {
			return false
		}
	}
	return true
}
