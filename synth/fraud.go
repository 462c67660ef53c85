package synth

import (
	"fmt"
	"time"

	"github.com/ringerhq/ringer"
)

// ringAssets are what one operator ring shares among its personas: the
// indicators in FBI PSA 2024-05-16, Mandiant UNC5267 (2024), Microsoft
// Threat Intelligence, Jasper Sleet (2025-06-30) and DOJ, US v. Chapman
// (2024) — a pool of VoIP numbers, payout accounts held by a facilitator,
// a résumé template, a face, a laptop farm, an operator's own devices.
type ringAssets struct {
	id          string
	origin      *place
	farm        bool
	farmHome    home
	farmIP      string
	farmBSSID   string
	farmSSID    string
	forwarder   *ringer.Address
	vpn         []netBlock
	phones      []phone
	accounts    []ringer.PayoutAccount
	facilitator string
	wallet      string
	resume      resumeDoc
	photo       uint64
	opDevice    string
	opMFA       string
	ssn         string
	tools       []ringer.Software
	kvm         ringer.USBDevice
	// emailDomain and emailTail are the operator's habit in making
	// e-mail addresses: given.family + tail @ domain.
	emailDomain string
	emailTail   string
}

var remoteTools = []ringer.Software{
	{Name: "AnyDesk", Version: "8.0.9", Path: `C:\Program Files (x86)\AnyDesk\AnyDesk.exe`},
	{Name: "TeamViewer", Version: "15.50.5", Path: `C:\Program Files\TeamViewer\TeamViewer.exe`},
	{Name: "RustDesk", Version: "1.2.3", Path: `C:\Program Files\RustDesk\rustdesk.exe`},
	{Name: "Chrome Remote Desktop Host", Version: "120.0.6099.12"},
	{Name: "Splashtop Streamer", Version: "3.6.2.0"},
	{Name: "RemotePC", Version: "7.6.79"},
	{Name: "Parsec", Version: "150-93"},
}

// ipKVMs are USB identities of IP-KVM devices as their makers and the
// ipkvm-watch project (LivingInSyn/ipkvm-watch) document them.
var ipKVMs = []ringer.USBDevice{
	{VendorID: "1d6b", ProductID: "0104", Vendor: "PiKVM", Product: "PiKVM Composite Device", Serial: "CAFEBABE"},
	{VendorID: "1d6b", ProductID: "0104", Vendor: "tinypilot", Product: "Multifunction Composite Gadget", Serial: "6b65796d696d6570690"},
	{VendorID: "1d6b", ProductID: "0104", Vendor: "JetKVM", Product: "JetKVM USB Emulation Device"},
	{VendorID: "3346", ProductID: "1009", Vendor: "Sipeed", Product: "NanoKVM"},
	{VendorID: "1493", ProductID: "1572", Vendor: "BliKVM", Product: "BliKVM"},
	{VendorID: "1d6b", ProductID: "0104", Vendor: "Linux Foundation", Product: "Multifunction Composite Gadget"},
}

func (g *gen) operatorPlace() *place {
	var ops []*place
	for _, p := range g.places {
		if p.Operator {
			ops = append(ops, p)
		}
	}
	return pick(g.r, ops)
}

// forwarderAddress is a reshipper's warehouse or a PO box.
func (g *gen) forwarderAddress() *ringer.Address {
	r := g.r
	if chance(r, 0.4) {
		pl := g.placeFrom(g.usT)
		return &ringer.Address{Use: "shipping", Line1: "PO Box " + itoa(between(r, 100, 99999)), City: pl.City,
			Region: pl.Region, Postcode: fillPattern(r, pl.PostFmt), Country: "US"}
	}
	pl := g.byCC["US"][10] // Miami, where reshippers cluster near the port
	return &ringer.Address{Use: "shipping", Line1: itoa(between(r, 1000, 9999)) + " NW " + ordinal(between(r, 20, 99)) + " Ave",
		Line2: "Suite " + itoa(between(r, 100, 999)) + " #" + upperAlnum(r, 2) + "-" + digits(r, 4), City: pl.City, Region: pl.Region,
		Postcode: fillPattern(r, pl.PostFmt), Country: "US", Raw: ""}
}

func (g *gen) newRingAssets() *ringAssets {
	r := g.r
	g.rings++
	a := &ringAssets{id: fmt.Sprintf("ring-%04d", g.rings), origin: g.operatorPlace(), farm: chance(r, 0.65)}
	farmPlace := g.placeFrom(g.usT)
	a.farmHome = g.newHome(farmPlace)
	a.farmIP = g.residentialIP(farmPlace)
	a.farmBSSID, a.farmSSID = bssid(r), pick(r, []string{"NETGEAR", "TP-Link_", "xfinitywifi-", "ATT"})+upperAlnum(r, 4)
	a.forwarder = g.forwarderAddress()
	if chance(r, 0.75) {
		a.vpn = g.blocks(LabelAstrill)
	} else {
		a.vpn = append(append([]netBlock(nil), g.blocks(LabelHosting)...), g.blocks(LabelVPN)...)
	}
	claim := g.placeFrom(g.usT)
	for i := between(r, 1, 3); i > 0; i-- {
		a.phones = append(a.phones, g.usVoIP(claim))
	}
	fac := &persona{live: claim, claim: claim}
	g.newName(fac, g.culture(claim.Cultures.draw(r)))
	a.facilitator = fac.given + " " + fac.family
	for i := between(r, 1, 2); i > 0; i-- {
		if chance(r, 0.6) {
			a.accounts = append(a.accounts, ringer.PayoutAccount{Type: ringer.PayoutBank, Country: "US",
				Routing: abaRouting(r), Number: digits(r, 10), Holder: a.facilitator})
		} else {
			a.accounts = append(a.accounts, ringer.PayoutAccount{Type: pick(r, []string{ringer.PayoutPayoneer, ringer.PayoutWise}),
				Value: handle(fac.given) + "." + handle(fac.family) + itoa(between(r, 1, 99)) + "@gmail.com", Holder: a.facilitator})
		}
	}
	a.wallet = "0x" + hexString(r, 40)
	a.resume = newResume(r)
	a.photo = r.Uint64()
	a.opDevice = deviceID(r)
	a.opMFA = mfaID(r)
	a.ssn = g.ssn()
	for _, i := range r.Perm(len(remoteTools))[:2] {
		a.tools = append(a.tools, remoteTools[i])
	}
	a.kvm = pick(r, ipKVMs)
	a.emailDomain = pick(r, []string{"gmail.com", "outlook.com", "hotmail.com", "proton.me", "yahoo.com"})
	a.emailTail = pick(r, []string{".dev", ".codes", ".work", ".tech", "", "0"})
	return a
}

// ring generates an operator ring of size personas.
func (g *gen) ring(size int) []item {
	r := g.r
	a := g.newRingAssets()
	ps := make([]*persona, size)
	for k := range ps {
		kind := ringer.KindApplicant
		if a.farm {
			if chance(r, 0.8) {
				kind = pick(r, []string{ringer.KindEmployee, ringer.KindEmployee, ringer.KindContractor})
			}
		} else {
			kind = pick(r, []string{ringer.KindApplicant, ringer.KindApplicant, ringer.KindFreelancer, ringer.KindContractor})
		}
		claim := g.placeFrom(g.claimT)
		if a.farm {
			claim = g.placeFrom(g.usT) // laptop farms serve personas claiming the US
		}
		p := g.newFraud(claim, a.origin, kind)
		p.label.RingID = a.id
		p.label.Scenario = ScenarioOperatorRing
		if chance(r, 0.6) {
			// The operator's e-mail habit: one pattern across personas.
			p.emails[0] = handle(p.given) + "." + handle(p.family) + a.emailTail + itoa(between(r, 1, 999)) + "@" + a.emailDomain
		}
		quiet := chance(r, 0.15)
		g.fraudBehaviour(p, a, quiet, 0)
		ps[k] = p
	}
	// Overlaps where operators were careless: a pooled phone or account, the
	// résumé template, the face. Then a spanning tree of record-level
	// overlaps keeps the ring connected (drawn last, so nothing overwrites
	// a tree edge).
	for _, p := range ps {
		if chance(r, 0.25) {
			p.phones = append(p.phones, pick(r, a.phones))
		}
		if hired(p.kind) && chance(r, 0.25) {
			p.payout = append(p.payout, pick(r, a.accounts))
		}
		if chance(r, 0.3) {
			d := a.resume.edit(r)
			p.resume = &d
		}
		if chance(r, 0.2) {
			p.photo, p.noPhoto = flipBits(r, a.photo, between(r, 1, 5)), false
		}
	}
	for k := 1; k < size; k++ {
		g.overlap(ps[k], ps[r.IntN(k)], a)
	}
	// Referral chains inside the ring.
	for k := 1; k < size; k++ {
		if chance(r, 0.25) {
			ps[k].referredBy = ps[r.IntN(k)].id
		}
	}
	out := make([]item, size)
	for i, p := range ps {
		out[i] = g.item(p)
	}
	return out
}

// overlap gives p one record-level identifier or near-duplicate it shares
// with q.
func (g *gen) overlap(p, q *persona, a *ringAssets) {
	r := g.r
	// A referral is a relation, not a shared identifier: it joins the tree
	// only on top (see ring), never as the one tie of a member.
	kinds := []string{"phone", "phone", "email", "payout", "payout", "shipping", "shipping", "photo", "photo",
		"resume", "resume", "document"}
	for {
		switch pick(r, kinds) {
		case "phone":
			if len(q.phones) == 0 {
				q.phones = append(q.phones, pick(r, a.phones))
			}
			p.phones = append(p.phones, q.phones[0])
			return
		case "email":
			if len(q.emails) == 0 {
				continue
			}
			p.emails = append(p.emails, q.emails[0])
			return
		case "payout":
			if !hired(p.kind) || !hired(q.kind) {
				continue
			}
			if len(q.payout) == 0 {
				q.payout = append(q.payout, pick(r, a.accounts))
			}
			p.payout = append(p.payout, q.payout[0])
			return
		case "shipping":
			if a.farm {
				q.extra = append(q.extra, a.farmHome.write(r, "shipping", true))
				p.extra = append(p.extra, a.farmHome.write(r, "shipping", true))
			} else {
				q.extra = append(q.extra, *a.forwarder)
				p.extra = append(p.extra, *a.forwarder)
			}
			return
		case "photo":
			q.noPhoto, p.noPhoto = false, false
			p.photo = flipBits(r, q.photo, between(r, 1, 5))
			return
		case "resume":
			if q.resume == nil {
				d := a.resume.edit(r)
				q.resume = &d
			}
			d := q.resume.edit(r)
			p.resume = &d
			return
		case "document":
			if len(q.docs) == 0 {
				q.docs = []ringer.Document{{Type: "ssn", Country: "US", Number: a.ssn}}
			}
			p.docs = append(p.docs, q.docs[0])
			return
		}
	}
}

// newFraud returns a persona claiming to live at claim, run from origin.
func (g *gen) newFraud(claim, origin *place, kind string) *persona {
	r := g.r
	p := &persona{live: origin, claim: claim, label: Label{Fraud: true, PersonID: g.newPersonID()}}
	g.setKind(p, kind)
	// Names come from the claimed place's residents, like honest people's:
	// a name's culture says nothing about fraud.
	g.newName(p, g.culture(claim.Cultures.draw(r)))
	p.birth = g.newBirth()
	p.observed = g.start.Add(g.randDuration(180)).Truncate(time.Second)
	p.home = g.newHome(claim)
	p.noHome = chance(r, 0.2)
	p.phones = []phone{g.newPhone(claim)}
	p.emails = []string{g.email(p, "")}
	p.photo = r.Uint64()
	p.noPhoto = chance(r, 0.15)
	if kind == ringer.KindApplicant && chance(r, 0.95) || chance(r, 0.6) {
		d := newResume(r)
		p.resume = &d
	}
	if hired(kind) && chance(r, 0.85) {
		p.payout = []ringer.PayoutAccount{ownAccount(r, p, personHolder(r, p))}
	}
	if hired(kind) && chance(r, 0.5) {
		p.docs = []ringer.Document{g.document(p)}
	}
	if chance(r, 0.6) {
		p.profiles = g.profiles(p, false)
	}
	return p
}

// behaviours a fraudulent persona may show, with the chance each shows in
// a ring member that is not quiet.
var fraudBehaviours = []struct {
	name   string
	chance float64
	hired  bool // needs a hired worker
	farm   float64
}{
	{"vpn", 0.7, false, 0},
	{"timezone", 0.75, false, 0},
	{"camera", 0.45, false, 0},
	{"interview_behaviour", 0.4, false, 0},
	{"face_changed", 0.15, false, 0},
	{"voip", 0.55, false, 0},
	{"disposable_email", 0.05, false, 0},
	{"fresh_profile", 0.3, false, 0},
	{"document", 0.2, false, 0},
	{"origin_ip", 0.25, false, 0},
	{"remote_tools", 0.3, true, 0.75},
	{"ip_kvm", 0, true, 0.35},
	{"shipping", 0.3, true, 0.85},
	{"payroll", 0.55, true, 0},
	{"keystroke", 0.1, true, 0.5},
}

// fraudBehaviour sets what the persona's events show. Ring members draw
// each behaviour with its chance (quiet ones draw none and are reachable
// only through the ring); lone personas (a == nil) show exactly lone of
// the behaviours that fit their kind.
func (g *gen) fraudBehaviour(p *persona, a *ringAssets, quiet bool, lone int) {
	r := g.r
	// The baseline looks honest: a residential address at the claimed
	// place (a rented residential proxy or a facilitator's line), normal
	// hours by the claimed clock.
	b := &p.b
	b.homeIP = g.residentialIP(p.claim)
	b.mobileIP = b.homeIP
	b.device, b.mfa = deviceID(r), mfaID(r)
	b.bssid, b.ssid = bssid(r), "NETGEAR"+upperAlnum(r, 2)
	b.workLoc = g.loc(p.claim)
	b.centre, b.spread = 13+r.NormFloat64(), 2.5
	b.claimClock = true
	b.cameraOff = 0.02
	b.tools = standardSoftware(r)
	b.usb = standardUSB(r)
	b.keystroke = 45 + r.NormFloat64()*12
	b.docResult, b.docFace, b.docLiveness = "pass", 0.8+r.Float64()*0.15, true
	p.keepContacts = true
	if quiet {
		return
	}
	farm := a != nil && a.farm
	var chosen []string
	if a == nil {
		var fit []string
		for _, fb := range fraudBehaviours {
			if fb.hired && !hired(p.kind) || fb.name == "ip_kvm" && !hired(p.kind) {
				continue
			}
			fit = append(fit, fb.name)
		}
		for _, i := range r.Perm(len(fit))[:min(lone, len(fit))] {
			chosen = append(chosen, fit[i])
		}
	} else {
		for _, fb := range fraudBehaviours {
			if fb.hired && !hired(p.kind) {
				continue
			}
			c := fb.chance
			if farm && fb.farm > 0 {
				c = fb.farm
			}
			if chance(r, c) {
				chosen = append(chosen, fb.name)
			}
		}
	}
	for _, name := range chosen {
		g.applyBehaviour(p, a, name)
	}
	if farm && hired(p.kind) {
		g.atFarm(p, a)
	}
}

func (g *gen) applyBehaviour(p *persona, a *ringAssets, name string) {
	r := g.r
	b := &p.b
	farm := a != nil && a.farm
	switch name {
	case "vpn":
		b.anonShare = 0.3 + 0.7*r.Float64()
		if a != nil {
			b.anonBlocks = a.vpn
		} else if chance(r, 0.7) {
			b.anonBlocks = g.blocks(LabelAstrill)
		} else {
			b.anonBlocks = append(append([]netBlock(nil), g.blocks(LabelHosting)...), g.blocks(LabelTor)...)
		}
	case "timezone":
		// Working hours of the operator's own day, stamped mostly with the
		// claimed zone's offset (the laptop's clock is set to it).
		b.workLoc = g.loc(p.live)
		b.centre = 14 + r.NormFloat64()
		b.spread = 2.5
		b.claimClock = chance(r, 0.75)
	case "camera":
		b.cameraOff = 0.5 + 0.5*r.Float64()
		if chance(r, 0.5) {
			b.observations = append(b.observations, ringer.ObsDeclinedLiveness)
		}
		if chance(r, 0.3) {
			b.observations = append(b.observations, ringer.ObsRefusedLocationChk)
		}
	case "interview_behaviour":
		for _, o := range []string{ringer.ObsReadingAnswers, ringer.ObsOtherVoices, ringer.ObsFaceArtifacts,
			ringer.ObsAudioVideoDesync, ringer.ObsVirtualBackground} {
			if chance(r, 0.35) {
				b.observations = append(b.observations, o)
			}
		}
		if len(b.observations) == 0 {
			b.observations = append(b.observations, ringer.ObsReadingAnswers)
		}
	case "face_changed":
		b.faceChanged = true
		b.voiceChanged = chance(r, 0.4)
		p.noPhoto = false
	case "voip":
		ph := g.usVoIP(p.claim)
		if p.claim.Country != "US" {
			ph = g.ukVoIP()
		}
		if a != nil && chance(r, 0.5) {
			ph = pick(r, a.phones)
		}
		p.phones = append([]phone{ph}, p.phones[1:]...)
		p.lookup = 0.7
	case "disposable_email":
		dom := pick(r, []string{"mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "sharklasers.com"})
		p.emails = append(p.emails, g.email(p, dom))
	case "fresh_profile":
		p.profiles = g.profiles(p, true)
	case "document":
		b.docResult = pick(r, []string{"fail", "review"})
		b.docFace = 0.1 + 0.4*r.Float64()
		b.docLiveness = chance(r, 0.3)
	case "origin_ip":
		b.originIP = g.residentialIP(p.live)
		b.originShare = 0.1 + 0.3*r.Float64()
	case "remote_tools":
		tools := remoteTools
		if a != nil {
			tools = a.tools
		}
		b.tools = append(b.tools, pick(r, tools))
		if chance(r, 0.35) {
			b.tools = append(b.tools, pick(r, remoteTools))
		}
	case "ip_kvm":
		k := pick(r, ipKVMs)
		if a != nil {
			k = a.kvm
		}
		b.usb = append(b.usb, k)
	case "shipping":
		if p.kind == ringer.KindFreelancer {
			return
		}
		switch {
		case farm:
			b.shipVariants = &a.farmHome
		case a != nil:
			b.ship = a.forwarder
		default:
			b.ship = g.forwarderAddress()
		}
		b.requestChange = chance(r, 0.4)
	case "payroll":
		var acct ringer.PayoutAccount
		switch x := r.Float64(); {
		case x < 0.3:
			acct = ringer.PayoutAccount{Type: ringer.PayoutCrypto, Network: "eth", Value: "0x" + hexString(r, 40)}
			if a != nil && chance(r, 0.6) {
				acct.Value = a.wallet
			}
		case x < 0.6 && a != nil:
			acct = pick(r, a.accounts)
		case x < 0.8:
			acct = ringer.PayoutAccount{Type: pick(r, []string{ringer.PayoutPayoneer, ringer.PayoutWise}),
				Value: "P" + digits(r, 9), Holder: p.given + " " + p.family}
		default:
			acct = ownAccount(r, p, personHolder(r, p))
			acct.Holder = "Li Jie Trading Co"
			if a != nil {
				acct.Holder = a.facilitator
			}
		}
		b.payrollChanges = append(b.payrollChanges, acct)
		if chance(r, 0.3) {
			for i := between(r, 2, 3); i > 0; i-- {
				b.payrollChanges = append(b.payrollChanges, ringer.PayoutAccount{Type: pick(r, []string{ringer.PayoutPayoneer, ringer.PayoutWise, ringer.PayoutCrypto}),
					Network: "", Value: "P" + digits(r, 9)})
			}
		}
	case "keystroke":
		b.keystroke = 120 + 200*r.Float64()
	}
}

// atFarm puts a hired persona's laptop in the ring's laptop farm: its
// sign-ins and inventories come from the farm's connection and Wi-Fi, and
// the operator's own device and MFA token sign in now and then (DOJ, US v.
// Chapman (2024)).
func (g *gen) atFarm(p *persona, a *ringAssets) {
	r := g.r
	b := &p.b
	b.farmIP = a.farmIP
	b.farmShare = 0.5 + 0.4*r.Float64()
	b.endpointIP = a.farmIP
	b.bssid, b.ssid = a.farmBSSID, a.farmSSID
	if chance(r, 0.3) {
		b.opDevice, b.opShare = a.opDevice, 0.1+0.3*r.Float64()
	}
	if chance(r, 0.25) {
		b.opMFA = a.opMFA
	}
}

// loneFraud is one fraudulent persona acting alone with three to six of
// the behaviours.
func (g *gen) loneFraud() []item {
	r := g.r
	kind := pick(r, []string{ringer.KindApplicant, ringer.KindApplicant, ringer.KindEmployee, ringer.KindContractor, ringer.KindFreelancer})
	p := g.newFraud(g.placeFrom(g.claimT), g.operatorPlace(), kind)
	p.label.Scenario = ScenarioLoneFraud
	g.fraudBehaviour(p, nil, false, between(r, 3, 6))
	return []item{g.item(p)}
}

func (g *gen) randDuration(days int) time.Duration {
	return time.Duration(g.r.Int64N(int64(days) * int64(24*time.Hour)))
}
