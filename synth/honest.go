package synth

import (
	"strings"
	"time"

	"github.com/ringerhq/ringer"
)

// honestUnitTable draws the kind of the next honest unit: a person alone,
// or one of the look-alike groups.
func honestUnitTable() *table {
	return newTable(
		[]string{ScenarioHonest, ScenarioMarriedCouple, ScenarioFamilyBankAccount, ScenarioCorporateVPNTeam,
			ScenarioAgencyRecruiters, ScenarioTraveller, ScenarioGoogleVoice, ScenarioKoreanAmericanKim,
			ScenarioReapplicant},
		[]float64{0.87, 0.035, 0.01, 0.0015, 0.004, 0.025, 0.025, 0.01, 0.01})
}

// honestUnit generates one honest unit of the given kind ("" draws one),
// at most left records.
func (g *gen) honestUnit(kind string, left int) []item {
	if kind == "" {
		kind = g.unitT.draw(g.r)
	}
	var ps []*persona
	switch kind {
	case ScenarioMarriedCouple:
		ps = g.couple()
	case ScenarioFamilyBankAccount:
		ps = g.familyBank()
	case ScenarioCorporateVPNTeam:
		ps = g.corporateTeam(min(left, between(g.r, 8, 30)))
	case ScenarioAgencyRecruiters:
		ps = g.agency()
	case ScenarioTraveller:
		ps = []*persona{g.traveller()}
	case ScenarioGoogleVoice:
		ps = []*persona{g.googleVoice()}
	case ScenarioKoreanAmericanKim:
		ps = []*persona{g.kim()}
	case ScenarioReapplicant:
		return g.reapplicant(left)
	}
	if len(ps) == 0 || len(ps) > left {
		ps = []*persona{g.newHonest(g.placeFrom(g.resT), "", g.drawKind())}
	}
	out := make([]item, len(ps))
	for i, p := range ps {
		out[i] = g.item(p)
	}
	return out
}

func (g *gen) item(p *persona) item {
	return item{rec: g.record(p), events: g.events(p), label: p.label}
}

func (g *gen) scenario(ps []*persona, s string) {
	for _, p := range ps {
		p.label.Scenario = s
	}
}

// couple is a married couple at one address: one home connection, one
// Wi-Fi network, laptops shipped to the same door.
func (g *gen) couple() []*persona {
	r := g.r
	pl := g.placeFrom(g.resT)
	a := g.newHonest(pl, "", g.drawKind())
	group := a.cult.group
	if chance(r, 0.15) {
		group = pl.Cultures.draw(r)
	}
	b := g.newHonest(pl, group, g.drawKind())
	if !b.cult.spousesKeepNames && !a.cult.spousesKeepNames && a.cult.feminine == nil &&
		b.cult.feminine == nil && chance(r, 0.7) {
		b.family = a.family
		b.emails = []string{g.email(b, "")}
	}
	b.birth.Year = a.birth.Year + between(r, -4, 4)
	b.home = a.home
	b.noHome = chance(r, 0.1)
	b.b.homeIP, b.b.bssid, b.b.ssid = a.b.homeIP, a.b.bssid, a.b.ssid
	ps := []*persona{a, b}
	g.scenario(ps, ScenarioMarriedCouple)
	return ps
}

// familyBank is a family at one address paid into one bank account held
// by one of them (or jointly).
func (g *gen) familyBank() []*persona {
	r := g.r
	pl := g.placeFrom(g.resT)
	n := between(r, 2, 3)
	first := g.newHonest(pl, "", ringer.KindFreelancer)
	ps := []*persona{first}
	for i := 1; i < n; i++ {
		p := g.newHonest(pl, first.cult.group, pick(r, []string{ringer.KindFreelancer, ringer.KindContractor, ringer.KindEmployee}))
		if !first.cult.spousesKeepNames || i > 1 {
			p.family = first.family
		}
		p.home = first.home
		p.b.homeIP, p.b.bssid, p.b.ssid = first.b.homeIP, first.b.bssid, first.b.ssid
		ps = append(ps, p)
	}
	holder := first.given + " " + first.family
	if chance(r, 0.3) {
		holder = first.given + " and " + ps[1].given + " " + first.family
	}
	acct := ownAccount(r, first, holder)
	for _, p := range ps {
		a := acct
		if chance(r, 0.3) {
			a.Holder = strings.ToUpper(fold(a.Holder))
		}
		p.payout = []ringer.PayoutAccount{a}
		p.b.payrollChanges = nil
	}
	g.scenario(ps, ScenarioFamilyBankAccount)
	return ps
}

// corporateTeam is a team whose every sign-in leaves through the
// employer's VPN egress, with laptops inventoried on the office network.
func (g *gen) corporateTeam(n int) []*persona {
	r := g.r
	if n < 2 {
		return nil
	}
	var pl *place
	egress := g.block("employer VPN egress")
	office := egress
	if chance(r, 0.75) {
		pl = g.byCC["US"][4] // Austin, where the employer's egress sits
	} else {
		pl = g.byCC["GB"][0]
		office = g.block("employer office")
	}
	corp := []string{blockIP(egress, between(r, 1, 20)), blockIP(egress, between(r, 21, 40))}
	officeIP := blockIP(office, between(r, 41, 60))
	officeBSSID, officeSSID := bssid(r), "CORP-"+upperAlnum(r, 3)
	sanctioned := ringer.Software{Name: "ConnectWise ScreenConnect", Version: "23.9.8"}
	var ps []*persona
	for i := 0; i < n; i++ {
		p := g.newHonest(pl, "", ringer.KindEmployee)
		p.b.corpIPs, p.b.corpShare = corp, 0.85
		if chance(r, 0.6) {
			p.b.inOffice = true
			p.b.bssid, p.b.ssid, p.b.endpointIP = officeBSSID, officeSSID, officeIP
		}
		p.b.tools = append(p.b.tools, sanctioned)
		ps = append(ps, p)
	}
	g.scenario(ps, ScenarioCorporateVPNTeam)
	return ps
}

// agency is two or three recruiters of one staffing agency: the agency's
// office address, main line, network and bank account, different homes.
func (g *gen) agency() []*persona {
	r := g.r
	pl := g.byCC["US"][2] // Chicago, where the agency's office network sits
	name := pick(r, []string{"Apex Talent Partners", "BrightPath Staffing", "Keystone Recruiting", "Summit Search Group", "NorthStar Talent"})
	domain := handle(name) + ".com"
	office := g.newHome(pl)
	office.unit = "Suite " + itoa(between(r, 100, 1900))
	mainLine := g.unique(func() phone {
		return phone{cc: "1", nsn: nanpNumber(r, pick(r, pl.Area)), line: ringer.LineLandline}
	})
	officeIP := blockIP(g.block("staffing agency office"), between(r, 1, 28))
	acct := ringer.PayoutAccount{Type: ringer.PayoutBank, Country: "US", Routing: abaRouting(r),
		Number: digits(r, 11), Holder: name + " LLC"}
	n := between(r, 2, 3)
	var ps []*persona
	for i := 0; i < n; i++ {
		p := g.newHonest(pl, "", ringer.KindContractor)
		p.emails = []string{g.email(p, domain)}
		if chance(r, 0.5) {
			p.emails = append(p.emails, g.email(p, ""))
		}
		if chance(r, 0.7) {
			p.phones = append(p.phones, mainLine)
		}
		p.extra = append(p.extra, office.write(r, "work", chance(r, 0.5)))
		p.payout = []ringer.PayoutAccount{acct}
		p.b.payrollChanges = nil
		p.b.officeIP, p.b.officeShare = officeIP, 0.7
		p.resume = nil
		if i > 0 && chance(r, 0.5) {
			p.referredBy = ps[0].id
		}
		ps = append(ps, p)
	}
	g.scenario(ps, ScenarioAgencyRecruiters)
	return ps
}

// traveller is an employee who spends a week or two abroad, signing in
// from there at normal hours of the local day.
func (g *gen) traveller() *persona {
	r := g.r
	p := g.newHonest(g.placeFrom(g.resT), "", ringer.KindEmployee)
	var dest *place
	for dest == nil || dest.Country == p.live.Country {
		dest = g.places[r.IntN(len(g.places))]
		if dest.Operator {
			dest = nil
		}
	}
	from := p.observed.AddDate(0, 0, between(r, 10, 35))
	tr := &trip{place: dest, from: from, to: from.AddDate(0, 0, between(r, 5, 14))}
	switch dest.Country {
	case "FR":
		tr.ip = blockIP(g.block("hotel network"), between(r, 1, 28))
	default:
		tr.ip = g.residentialIP(dest)
	}
	p.b.trip = tr
	p.label.Scenario = ScenarioTraveller
	return p
}

// googleVoice is a US resident whose only number is a Google Voice line,
// which a carrier lookup reports as VoIP.
func (g *gen) googleVoice() *persona {
	p := g.newHonest(g.placeFrom(g.usT), "", g.drawKind())
	p.phones = []phone{g.usVoIP(p.live)}
	p.lookup = 1 // the scenario is a number a carrier lookup reports as VoIP
	p.keepContacts = true
	p.label.Scenario = ScenarioGoogleVoice
	return p
}

// kim is a Korean-American applicant named Kim with clean signals.
func (g *gen) kim() *persona {
	r := g.r
	p := g.newHonest(g.placeFrom(g.usT), GroupKorean, g.drawKind())
	p.family = "Kim"
	p.emails = []string{g.email(p, "")}
	if chance(r, 0.4) {
		p.birthPlace = pick(r, []string{"Seoul, South Korea", "Busan, South Korea", "Los Angeles, CA"})
	}
	p.label.Scenario = ScenarioKoreanAmericanKim
	return p
}

// reapplicant is one person applying twice, months apart, through
// different sources: one PersonID, two records.
func (g *gen) reapplicant(left int) []item {
	r := g.r
	if left < 2 {
		return []item{g.item(g.newHonest(g.placeFrom(g.resT), "", g.drawKind()))}
	}
	a := g.newHonest(g.placeFrom(g.resT), "", ringer.KindApplicant)
	a.label.Scenario = ScenarioReapplicant
	first := g.item(a)
	b := *a
	g.setKind(&b, ringer.KindApplicant)
	b.observed = a.observed.Add(time.Duration(between(r, 60, 200))*24*time.Hour + time.Duration(r.IntN(86400))*time.Second)
	if chance(r, 0.5) {
		b.emails = []string{g.email(&b, "")}
	}
	if chance(r, 0.3) {
		b.phones = []phone{g.newPhone(b.live)}
	}
	if chance(r, 0.2) {
		b.home = g.newHome(b.live)
	}
	if b.resume != nil {
		d := b.resume.edit(r)
		b.resume = &d
	}
	b.b.homeIP = a.b.homeIP
	return []item{first, g.item(&b)}
}
