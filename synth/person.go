package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// persona is one identity as it will be written: the person (or the
// operator's invented person) and the behaviour its events show.
type persona struct {
	label    Label
	id       string
	kind     string
	source   string
	observed time.Time

	cult                  *culture
	given, middle, family string
	alias                 string // an English given name the person also goes by
	birth                 ringer.Date
	birthPlace            string

	live  *place // where the person really is
	claim *place // where the person says they are
	home  home   // the home address they give
	// noHome: the record gives no home address.
	noHome bool

	phones     []phone
	emails     []string
	docs       []ringer.Document
	payout     []ringer.PayoutAccount
	profiles   []ringer.Profile
	photo      uint64
	noPhoto    bool
	resume     *resumeDoc
	referredBy string
	extra      []ringer.Address // shipping, work addresses
	// tidy writes the record without the usual noise (typos, missing
	// fields); operators fill forms carefully.
	tidy bool
	// keepContacts writes every e-mail and phone (nothing goes missing).
	keepContacts bool
	// lookup is the chance that the source holds a carrier lookup's line
	// type for each phone.
	lookup float64

	b behaviour
}

// behaviour is what a persona's events show.
type behaviour struct {
	homeIP, mobileIP string
	device, mfa      string
	bssid, ssid      string
	workLoc          *time.Location // the clock the person works by
	centre           float64        // local hour of the middle of the working day
	spread           float64        // hours
	claimClock       bool           // activity timestamps carry the claimed zone's offset

	anonShare   float64
	anonBlocks  []netBlock
	farmIP      string
	farmShare   float64
	originIP    string
	originShare float64
	corpIPs     []string
	corpShare   float64
	officeIP    string
	officeShare float64
	trip        *trip
	opDevice    string // an operator's own device, signing in to several accounts
	opMFA       string
	opShare     float64

	cameraOff    float64
	observations []string
	faceChanged  bool
	voiceChanged bool

	ship          *ringer.Address
	shipVariants  *home // laptop shipped to this address, written differently each time
	requestChange bool
	noShipment    bool

	tools      []ringer.Software
	usb        []ringer.USBDevice
	endpointIP string
	inOffice   bool // endpoint inventory taken in the office

	payrollChanges []ringer.PayoutAccount
	keystroke      float64
	docResult      string
	docFace        float64
	docLiveness    bool
}

// trip is a stretch of days spent in another place.
type trip struct {
	place    *place
	ip       string
	from, to time.Time
}

func (g *gen) culture(group string) *culture { return g.cult[group] }

// newName draws a name from a culture.
func (g *gen) newName(p *persona, c *culture) {
	r := g.r
	p.cult = c
	p.label.NameGroup = c.group
	p.given = c.givenT.draw(r)
	p.family = c.family.draw(r)
	if c.doubleSurname > 0 && chance(r, c.doubleSurname) {
		p.family += " " + c.family.draw(r)
	}
	if c.female[p.given] && c.feminine != nil {
		p.family = c.feminine(p.family)
	}
	if len(c.middle) > 0 {
		p.middle = pick(r, c.middle)
	} else if c.group == GroupEnglish && chance(r, 0.3) {
		p.middle = pick(r, c.given)
	}
	if c.englishAlias > 0 && chance(r, c.englishAlias) {
		p.alias = pick(r, englishAliases)
	}
}

// newBirth draws a birth date for a working-age adult.
func (g *gen) newBirth() ringer.Date {
	r := g.r
	y := g.start.Year() - between(r, 21, 62)
	m := between(r, 1, 12)
	d := between(r, 1, 28)
	return ringer.Date{Year: y, Month: m, Day: d}
}

// kinds of records and the sources that hold them.
var sourcesByKind = map[string][][2]string{
	ringer.KindApplicant:  {{"greenhouse", "gh-app"}, {"lever", "lv-app"}, {"workable", "wk-app"}, {"ashby", "ab-app"}},
	ringer.KindEmployee:   {{"workday", "wd-emp"}, {"bamboohr", "bh-emp"}},
	ringer.KindContractor: {{"deel", "dl-ctr"}, {"workday", "wd-ctr"}},
	ringer.KindFreelancer: {{"upwork", "up-fl"}, {"toptal", "tt-fl"}},
}

func (g *gen) setKind(p *persona, kind string) {
	s := pick(g.r, sourcesByKind[kind])
	p.kind, p.source = kind, s[0]
	p.id = g.newID(s[1])
	p.label.RecordID = p.id
}

func (g *gen) drawKind() string {
	x := g.r.Float64()
	switch {
	case x < 0.5:
		return ringer.KindApplicant
	case x < 0.8:
		return ringer.KindEmployee
	case x < 0.92:
		return ringer.KindContractor
	}
	return ringer.KindFreelancer
}

func hired(kind string) bool { return kind != ringer.KindApplicant }

// newHonest returns an honest person living at pl with a name from group
// (drawn from the place's residents when group is "").
func (g *gen) newHonest(pl *place, group, kind string) *persona {
	r := g.r
	if group == "" {
		group = pl.Cultures.draw(r)
	}
	p := &persona{live: pl, claim: pl, label: Label{Scenario: ScenarioHonest, PersonID: g.newPersonID()}}
	g.setKind(p, kind)
	g.newName(p, g.culture(group))
	p.birth = g.newBirth()
	p.observed = g.start.Add(time.Duration(r.Int64N(int64(180 * 24 * time.Hour)))).Truncate(time.Second)
	p.home = g.newHome(pl)
	p.noHome = chance(r, 0.12)
	ph := g.newPhone(pl)
	if chance(r, 0.04) && pl.Country == "US" {
		ph = g.usVoIP(pl) // VoIP numbers on honest people too
	}
	p.phones = []phone{ph}
	if chance(r, 0.06) {
		p.phones = append(p.phones, g.newPhone(pl))
	}
	p.emails = []string{g.email(p, "")}
	if chance(r, 0.1) {
		p.emails = append(p.emails, g.email(p, ""))
	}
	p.photo = r.Uint64()
	p.noPhoto = chance(r, 0.25)
	if kind == ringer.KindApplicant && chance(r, 0.9) || chance(r, 0.35) {
		d := newResume(r)
		p.resume = &d
	}
	if hired(kind) && chance(r, 0.85) {
		p.payout = []ringer.PayoutAccount{ownAccount(r, p, personHolder(r, p))}
	}
	if hired(kind) && chance(r, 0.5) || chance(r, 0.08) {
		p.docs = []ringer.Document{g.document(p)}
	}
	if chance(r, 0.55) {
		p.profiles = g.profiles(p, false)
	}
	if chance(r, 0.04) {
		if id := g.recentEmployee(); id != "" {
			p.referredBy = id
		}
	}
	g.honestBehaviour(p)
	if kind == ringer.KindEmployee {
		g.employees = append(g.employees, p.id)
		if len(g.employees) > 512 {
			g.employees = g.employees[256:]
		}
	}
	return p
}

func (g *gen) recentEmployee() string {
	if len(g.employees) == 0 {
		return ""
	}
	return pick(g.r, g.employees)
}

// honestBehaviour sets the events of an honest person: a home connection,
// working hours in their own zone, and the small oddities honest people
// have (a personal VPN now and then, a remote-desktop tool, camera off once).
func (g *gen) honestBehaviour(p *persona) {
	if !g.opts.Events {
		return
	}
	r := g.re
	b := &p.b
	b.homeIP = g.residentialIP(p.live)
	b.mobileIP = g.residentialIP(p.live)
	b.device = deviceID(r)
	b.mfa = mfaID(r)
	b.bssid = bssid(r)
	b.ssid = pick(r, []string{"NETGEAR", "TP-Link_", "xfinitywifi-", "BTHub6-", "FRITZ!Box 7590 ", "Livebox-", "HUAWEI-", "ASUS_", "Verizon_"}) + upperAlnum(r, 4)
	b.workLoc = g.loc(p.live)
	b.centre = 13 + r.NormFloat64()*1.2
	if chance(r, 0.05) {
		b.centre = 18 + r.Float64()*3 // night owls
	}
	b.spread = 2 + r.Float64()
	b.claimClock = false
	if chance(r, 0.03) {
		b.anonShare = 0.05 + r.Float64()*0.25
		b.anonBlocks = g.blocks(LabelVPN)
	}
	b.cameraOff = 0.01
	if chance(r, 0.08) {
		b.observations = append(b.observations, ringer.ObsVirtualBackground)
	}
	if chance(r, 0.02) {
		b.observations = append(b.observations, ringer.ObsReadingAnswers)
	}
	b.tools = standardSoftware(r)
	if chance(r, 0.06) {
		b.tools = append(b.tools, pick(r, personalRemoteTools))
	}
	b.usb = standardUSB(r)
	// Keystrokes on a local machine reach the server in tens of
	// milliseconds; through a remote-control chain from far away they take
	// over 100 (Amazon CSO S. Schmidt via Bloomberg (2025-12): 110 ms).
	b.keystroke = 45 + r.NormFloat64()*12
	b.docResult, b.docFace, b.docLiveness = "pass", 0.8+r.Float64()*0.19, true
	switch x := r.Float64(); {
	case x < 0.01:
		b.docResult, b.docFace = "fail", 0.3+r.Float64()*0.2
	case x < 0.05:
		b.docResult, b.docFace = "review", 0.5+r.Float64()*0.2
	}
	if chance(r, 0.03) {
		b.requestChange = true
	}
	if chance(r, 0.1) && hired(p.kind) {
		// Own-name changes carry no holder: the name lives in the record,
		// so that a name swap (SwapNames) leaves events consistent.
		acct := ownAccount(r, p, "")
		b.payrollChanges = append(b.payrollChanges, acct)
	}
}

// residentialIP hands out the next unused home address of a place.
func (g *gen) residentialIP(pl *place) string {
	n := g.ipNext[pl.idx]
	g.ipNext[pl.idx]++
	return residentialIP(pl, n)
}

// blocks returns the special ranges with a label; callers must not
// modify the slice.
func (g *gen) blocks(label string) []netBlock { return g.byLabel[label] }

func (g *gen) block(what string) netBlock {
	b, ok := g.byWhat[what]
	if !ok {
		panic("synth: no block " + what)
	}
	return b
}

func deviceID(r *rand.Rand) string {
	return pick(r, []string{"MBP-", "LT-", "DESKTOP-", "WIN-", "MAC-"}) + upperAlnum(r, 8)
}

func mfaID(r *rand.Rand) string {
	return pick(r, []string{"yubi-", "okv-", "authy-", "msauth-"}) + hexString(r, 12)
}

func bssid(r *rand.Rand) string {
	b := make([]string, 6)
	for i := range b {
		b[i] = hexString(r, 2)
	}
	return strings.Join(b, ":")
}

var personalRemoteTools = []ringer.Software{
	{Name: "TeamViewer", Version: "15.49.2"}, {Name: "AnyDesk", Version: "8.0.8"},
	{Name: "Chrome Remote Desktop Host", Version: "119.0"},
}

func standardSoftware(r *rand.Rand) []ringer.Software {
	sw := []ringer.Software{{Name: "Slack", Version: "4.36.140"}, {Name: "Zoom", Version: "5.17.5"},
		{Name: "Google Chrome", Version: "120.0.6099"}, {Name: "CrowdStrike Falcon Sensor", Version: "7.10"}}
	extra := []ringer.Software{{Name: "Visual Studio Code", Version: "1.85.1"}, {Name: "Docker Desktop", Version: "4.26.1"},
		{Name: "Firefox", Version: "121.0"}, {Name: "Microsoft Teams", Version: "1.6.00"}, {Name: "1Password", Version: "8.10.20"},
		{Name: "JetBrains Toolbox", Version: "2.1.3"}, {Name: "Spotify", Version: "1.2.26"}, {Name: "Postman", Version: "10.21"},
		{Name: "iTerm2", Version: "3.4.23"}, {Name: "Microsoft Office", Version: "16.80"}}
	for _, i := range r.Perm(len(extra))[:between(r, 2, 6)] {
		sw = append(sw, extra[i])
	}
	return sw
}

func standardUSB(r *rand.Rand) []ringer.USBDevice {
	all := []ringer.USBDevice{
		{VendorID: "046d", ProductID: "c52b", Vendor: "Logitech", Product: "USB Receiver"},
		{VendorID: "05ac", ProductID: "024f", Vendor: "Apple Inc.", Product: "Magic Keyboard"},
		{VendorID: "1050", ProductID: "0407", Vendor: "Yubico", Product: "YubiKey OTP+FIDO+CCID"},
		{VendorID: "046d", ProductID: "085e", Vendor: "Logitech", Product: "BRIO Ultra HD Webcam"},
		{VendorID: "0bda", ProductID: "8153", Vendor: "Realtek", Product: "USB 10/100/1000 LAN"},
		{VendorID: "2109", ProductID: "2817", Vendor: "VIA Labs, Inc.", Product: "USB2.0 Hub"},
	}
	var out []ringer.USBDevice
	for _, i := range r.Perm(len(all))[:between(r, 0, 3)] {
		d := all[i]
		d.Serial = upperAlnum(r, 10)
		out = append(out, d)
	}
	return out
}

// fold strips accents for e-mail local parts and handles.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if c < 0x80 {
			b.WriteRune(c)
			continue
		}
		switch c {
		case 'á', 'à', 'â', 'ä', 'ã', 'ą', 'å':
			b.WriteByte('a')
		case 'Á', 'À', 'Â', 'Ä', 'Ã', 'Ą', 'Å':
			b.WriteByte('A')
		case 'é', 'è', 'ê', 'ë', 'ę':
			b.WriteByte('e')
		case 'É', 'È', 'Ê', 'Ë', 'Ę':
			b.WriteByte('E')
		case 'í', 'ì', 'î', 'ï':
			b.WriteByte('i')
		case 'Í', 'Ì', 'Î', 'Ï':
			b.WriteByte('I')
		case 'ó', 'ò', 'ô', 'ö', 'õ', 'ø':
			b.WriteByte('o')
		case 'Ó', 'Ò', 'Ô', 'Ö', 'Õ', 'Ø':
			b.WriteByte('O')
		case 'ú', 'ù', 'û', 'ü':
			b.WriteByte('u')
		case 'Ú', 'Ù', 'Û', 'Ü':
			b.WriteByte('U')
		case 'ñ', 'ń':
			b.WriteByte('n')
		case 'Ñ', 'Ń':
			b.WriteByte('N')
		case 'ç', 'ć':
			b.WriteByte('c')
		case 'Ç', 'Ć':
			b.WriteByte('C')
		case 'ł':
			b.WriteByte('l')
		case 'Ł':
			b.WriteByte('L')
		case 'ś', 'š':
			b.WriteByte('s')
		case 'Ś', 'Š':
			b.WriteByte('S')
		case 'ż', 'ź', 'ž':
			b.WriteByte('z')
		case 'Ż', 'Ź', 'Ž':
			b.WriteByte('Z')
		case 'ß':
			b.WriteString("ss")
		case 'º':
			b.WriteByte('o')
		default:
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

// handle is a lower-case ASCII token of a name part.
func handle(s string) string {
	s = strings.ToLower(fold(s))
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, s)
}

var (
	freeMail = []string{"gmail.com", "gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com",
		"yahoo.com", "icloud.com", "proton.me", "aol.com"}
	freeMailByCC = map[string][]string{
		"DE": {"gmx.de", "web.de", "t-online.de"}, "KR": {"naver.com", "daum.net"}, "IN": {"yahoo.co.in", "rediffmail.com"},
		"GB": {"btinternet.com", "yahoo.co.uk"}, "FR": {"orange.fr", "free.fr", "laposte.net"}, "PL": {"wp.pl", "onet.pl", "o2.pl"},
		"BR": {"uol.com.br", "bol.com.br"}, "UA": {"ukr.net", "i.ua"}, "JP": {"yahoo.co.jp"}, "MX": {"prodigy.net.mx"},
		"RU": {"mail.ru", "yandex.ru"}, "CN": {"qq.com", "163.com"},
	}
)

// email returns an e-mail address for the person at domain (a free-mail
// domain when "").
func (g *gen) email(p *persona, domain string) string {
	r := g.r
	gv, fm := handle(p.given), handle(strings.Fields(p.family + " x")[0])
	if gv == "" {
		gv = "user"
	}
	if fm == "" {
		fm = "mail"
	}
	if p.alias != "" && chance(r, 0.5) {
		gv = handle(p.alias)
	}
	if domain == "" {
		domain = pick(r, freeMail)
		if ds, ok := freeMailByCC[p.claim.Country]; ok && chance(r, 0.35) {
			domain = pick(r, ds)
		}
	}
	yy := itoa(p.birth.Year % 100)
	if len(yy) == 1 {
		yy = "0" + yy
	}
	var local string
	switch r.IntN(12) {
	case 0, 1:
		local = gv + "." + fm
	case 2:
		local = gv + fm
	case 3:
		local = gv[:1] + fm
	case 4:
		local = fm + "." + gv
	case 5:
		local = gv + "_" + fm
	case 6:
		local = gv + "." + fm + yy
	case 7:
		local = gv + fm + itoa(between(r, 1, 999))
	case 8:
		local = gv[:1] + "." + fm + itoa(between(r, 1, 99))
	case 9:
		local = fm + gv[:1] + yy
	case 10:
		local = gv + "." + fm + "." + pick(r, []string{"dev", "work", "jobs", "pro", "tech"})
	default:
		local = gv + itoa(between(r, 10, 9999))
	}
	// Add a random tail often enough that common names do not collide,
	// and always when the address is taken.
	if chance(r, 0.5) {
		local += itoa(between(r, 1, 999))
	}
	for g.used.add("mail:" + mailboxKey(local+"@"+domain)) {
		local += itoa(between(r, 0, 9))
	}
	return local + "@" + domain
}

// mailboxKey is the mailbox an address delivers to, as the linker sees it
// ("jorge.reyes@gmail.com" and "jorgereyes@gmail.com" are one mailbox), so
// that two people are never handed one mailbox under two spellings.
func mailboxKey(addr string) string {
	if n, err := normalize.Email(addr); err == nil {
		return n
	}
	return addr
}

func personHolder(r *rand.Rand, p *persona) string {
	n := p.given + " " + p.family
	switch r.IntN(5) {
	case 0:
		return strings.ToUpper(fold(n))
	case 1:
		return string([]rune(p.given)[0]) + " " + p.family
	}
	return n
}

// ownAccount opens a payout account for the person in their country.
func ownAccount(r *rand.Rand, p *persona, holder string) ringer.PayoutAccount {
	cc := p.claim.Country
	switch {
	case cc == "US":
		return ringer.PayoutAccount{Type: ringer.PayoutBank, Country: "US", Routing: abaRouting(r),
			Number: digits(r, between(r, 9, 12)), Holder: holder}
	case ibanLength[cc] > 0:
		return ringer.PayoutAccount{Type: ringer.PayoutIBAN, Country: cc, Number: iban(r, cc), Holder: holder}
	case chance(r, 0.25):
		// Payoneer and Wise are how many freelancers outside the US and the
		// IBAN area are paid.
		return ringer.PayoutAccount{Type: ringer.PayoutPayoneer, Value: strings.ToLower(fold(p.emails0())), Holder: holder}
	case chance(r, 0.2):
		return ringer.PayoutAccount{Type: ringer.PayoutWise, Value: "P" + digits(r, 8), Holder: holder}
	}
	return ringer.PayoutAccount{Type: ringer.PayoutBank, Country: cc, Number: digits(r, between(r, 10, 14)), Holder: holder}
}

func (p *persona) emails0() string {
	if len(p.emails) > 0 {
		return p.emails[0]
	}
	return handle(p.given) + "." + handle(p.family) + "@gmail.com"
}

// abaRouting returns a routing number with a valid ABA check digit.
func abaRouting(r *rand.Rand) string {
	d := make([]int, 9)
	d[0] = pick(r, []int{0, 1, 2, 3})
	if d[0] == 0 {
		d[1] = between(r, 1, 9)
	} else if d[0] == 1 {
		d[1] = between(r, 0, 2)
	} else if d[0] == 2 {
		d[1] = between(r, 1, 9)
	} else {
		d[1] = between(r, 0, 2)
	}
	for i := 2; i < 8; i++ {
		d[i] = r.IntN(10)
	}
	s := 3*(d[0]+d[3]+d[6]) + 7*(d[1]+d[4]+d[7]) + (d[2] + d[5])
	d[8] = (10 - s%10) % 10
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

// ibanLength is the IBAN length by country (SWIFT IBAN registry).
var ibanLength = map[string]int{"GB": 22, "IE": 22, "DE": 22, "FR": 27, "ES": 24, "PT": 25, "PL": 28,
	"NL": 18, "UA": 29, "BR": 29}

// iban returns an IBAN with valid ISO 7064 mod-97 check digits. The bank
// part is digits (letters where the format puts a bank code: GB, IE, NL).
func iban(r *rand.Rand, cc string) string {
	n := ibanLength[cc]
	bban := ""
	switch cc {
	case "GB", "IE":
		bban = pick(r, []string{"NWBK", "BARC", "LOYD", "HSBC", "AIBK", "BOFI"}) + digits(r, n-8)
	case "NL":
		bban = pick(r, []string{"ABNA", "INGB", "RABO"}) + digits(r, n-8)
	case "BR":
		bban = digits(r, n-6) + "C1"
	default:
		bban = digits(r, n-4)
	}
	// Check digits: move country and "00" to the end, letters to numbers, mod 97.
	s := bban + cc + "00"
	rem := 0
	for _, c := range s {
		var v int
		if c >= '0' && c <= '9' {
			v = int(c - '0')
			rem = (rem*10 + v) % 97
			continue
		}
		v = int(c-'A') + 10
		rem = (rem*100 + v) % 97
	}
	check := 98 - rem
	return fmt.Sprintf("%s%02d%s", cc, check, bban)
}

func (g *gen) document(p *persona) ringer.Document {
	r := g.r
	if p.claim.Country == "US" && chance(r, 0.8) {
		return ringer.Document{Type: "ssn", Country: "US", Number: g.ssn()}
	}
	return ringer.Document{Type: "passport", Country: p.claim.Country, Number: upperAlnum(r, 2) + digits(r, 7)}
}

// ssn returns a number in the SSN format avoiding the never-issued areas
// (000, 666, 900–999), group 00 and serial 0000.
func ssn(r *rand.Rand) string {
	area := between(r, 1, 899)
	if area == 666 {
		area = 665
	}
	return fmt.Sprintf("%03d-%02d-%04d", area, between(r, 1, 99), between(r, 1, 9999))
}

func (g *gen) profiles(p *persona, fresh bool) []ringer.Profile {
	r := g.r
	h := handle(p.given) + "-" + handle(p.family)
	if chance(r, 0.5) {
		h = handle(p.given)[:1] + handle(p.family) + pick(r, []string{"", "-dev", "dev", itoa(between(r, 1, 99)), "-codes"})
	}
	for g.used.add("handle:" + h) {
		h += itoa(between(r, 0, 9))
	}
	var out []ringer.Profile
	created := ringer.Date{Year: p.observed.Year() - between(r, 1, 12), Month: between(r, 1, 12), Day: between(r, 1, 28)}
	earliest := created
	earliest.Year += between(r, 0, 1)
	if fresh {
		// A new account whose history predates it: repositories imported or
		// commits back-dated (Mandiant UNC5267 (2024)).
		c := p.observed.AddDate(0, -between(r, 1, 5), -between(r, 0, 27))
		created = ringer.Date{Year: c.Year(), Month: int(c.Month()), Day: c.Day()}
		earliest = ringer.Date{Year: c.Year() - between(r, 2, 7), Month: between(r, 1, 12), Day: between(r, 1, 28)}
	}
	if chance(r, 0.7) || fresh {
		out = append(out, ringer.Profile{Site: "github", Handle: h, CreatedAt: created, EarliestActivity: earliest,
			Followers: between(r, 0, 300)})
	}
	if chance(r, 0.6) {
		out = append(out, ringer.Profile{Site: "linkedin", Handle: h, URL: "https://www.linkedin.com/in/" + h})
	}
	return out
}
