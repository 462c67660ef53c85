package synth

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/ringerhq/ringer"
)

func ptr[T any](v T) *T { return &v }

// workInstant returns a moment on the given day when the persona is at
// work, by the clock they work by.
func (g *gen) workInstant(p *persona, day time.Time) time.Time {
	r := g.re
	b := &p.b
	h := b.centre + r.NormFloat64()*b.spread
	h = math.Mod(h+48, 24)
	loc := b.workLoc
	if b.trip != nil && !day.Before(b.trip.from) && day.Before(b.trip.to) {
		loc = g.loc(b.trip.place)
	}
	d := day.In(loc)
	base := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	return base.Add(time.Duration(h * float64(time.Hour))).Add(time.Duration(r.IntN(60)) * time.Second).Truncate(time.Second).UTC()
}

// workDays returns n days from from, working days mostly.
func (g *gen) workDays(from time.Time, span, n int) []time.Time {
	out := make([]time.Time, 0, n)
	for len(out) < n {
		d := from.AddDate(0, 0, g.re.IntN(span))
		if wd := d.Weekday(); (wd == time.Saturday || wd == time.Sunday) && chance(g.re, 0.8) {
			continue
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// signInIP says where a sign-in at t comes from.
func (g *gen) signInIP(p *persona, t time.Time) string {
	r := g.re
	b := &p.b
	if b.trip != nil && !t.Before(b.trip.from) && t.Before(b.trip.to) {
		return b.trip.ip
	}
	x := r.Float64()
	if x < b.anonShare && len(b.anonBlocks) > 0 {
		return blockIP(pick(r, b.anonBlocks), r.IntN(60))
	}
	x -= b.anonShare
	if x < b.farmShare && b.farmIP != "" {
		return b.farmIP
	}
	x -= b.farmShare
	if x < b.originShare && b.originIP != "" {
		return b.originIP
	}
	x -= b.originShare
	if x < b.corpShare && len(b.corpIPs) > 0 {
		return pick(r, b.corpIPs)
	}
	x -= b.corpShare
	if x < b.officeShare && b.officeIP != "" {
		return b.officeIP
	}
	if chance(r, 0.2) {
		return b.mobileIP
	}
	return b.homeIP
}

var userAgents = []string{
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
}

// events returns the persona's events in time order.
func (g *gen) events(p *persona) []ringer.Event {
	if !g.opts.Events {
		return nil
	}
	r := g.re
	b := &p.b
	var evs []ringer.Event
	t0 := p.observed
	ua := pick(r, userAgents)
	app := "okta"
	switch p.kind {
	case ringer.KindApplicant:
		app = "careers-portal"
	case ringer.KindFreelancer:
		app = p.source
	}

	// Sign-ins.
	nSign := between(r, 2, 6)
	span := 25
	if hired(p.kind) {
		nSign, span = between(r, 10, 30), 60
	}
	for _, d := range g.workDays(t0, span, nSign) {
		at := g.workInstant(p, d)
		e := ringer.Event{Type: ringer.EventSignIn, RecordID: p.id, At: at, IP: g.signInIP(p, at), UserAgent: ua,
			App: app, Success: ptr(!chance(r, 0.03))}
		if hired(p.kind) {
			e.DeviceID, e.MFADeviceID = b.device, b.mfa
			if b.opDevice != "" && chance(r, b.opShare) {
				e.DeviceID = b.opDevice
			}
			if b.opMFA != "" && chance(r, math.Max(b.opShare, 0.5)) {
				e.MFADeviceID = b.opMFA
			}
		}
		evs = append(evs, e)
	}

	// Interviews: applicants, and the hiring rounds of some workers.
	rounds := 0
	if p.kind == ringer.KindApplicant {
		rounds = between(r, 1, 3)
	} else if chance(r, 0.4) {
		rounds = 1
	}
	for i := 0; i < rounds; i++ {
		d := t0.AddDate(0, 0, 3+i*5+r.IntN(4))
		if hired(p.kind) {
			d = t0.AddDate(0, 0, -30+i*5)
		}
		at := g.workInstant(p, d).Truncate(15 * time.Minute)
		cam := !chance(r, b.cameraOff)
		e := ringer.Event{Type: ringer.EventInterview, RecordID: p.id, At: at, CameraOn: ptr(cam),
			ParticipantIP: g.signInIP(p, at), Interviewer: "hm-" + itoa(between(r, 1, 80))}
		for _, o := range b.observations {
			if chance(r, 0.7) || len(b.observations) == 1 {
				e.Observations = append(e.Observations, o)
			}
		}
		if cam && !p.noPhoto {
			ph := flipBits(r, p.photo, between(r, 2, 8))
			if b.faceChanged && i > 0 || b.faceChanged && rounds == 1 {
				ph = r.Uint64()
			}
			e.Photo = &ringer.Photo{PHash: phashHex(ph)}
		}
		if b.voiceChanged && i > 0 {
			e.Observations = append(e.Observations, ringer.ObsVoiceChanged)
		}
		evs = append(evs, e)
	}

	// Document check.
	if chance(r, 0.6) || b.docResult != "pass" {
		at := t0.AddDate(0, 0, between(r, 1, 20))
		if hired(p.kind) {
			at = t0.AddDate(0, 0, -between(r, 5, 20))
		}
		e := ringer.Event{Type: ringer.EventDocumentCheck, RecordID: p.id, At: g.workInstant(p, at),
			Provider: pick(r, []string{"onfido", "veriff", "persona", "jumio"}), Result: b.docResult,
			FaceMatch: &ringer.Result{Score: ptr(math.Round(b.docFace*100) / 100)},
			Liveness:  &ringer.Result{Pass: ptr(b.docLiveness)}}
		evs = append(evs, e)
	}

	if !hired(p.kind) {
		return evs
	}

	// Laptop shipment for employees and contractors.
	if p.kind != ringer.KindFreelancer && !b.noShipment {
		var addr *ringer.Address
		if b.ship != nil {
			a := *b.ship
			addr = &a
		}
		if b.shipVariants != nil {
			a := b.shipVariants.write(r, "shipping", true)
			addr = &a
		}
		if addr == nil && !p.noHome {
			a := p.home.write(r, "shipping", chance(r, 0.5))
			addr = &a
		}
		if addr == nil {
			a := p.home.write(r, "shipping", false)
			addr = &a
		}
		at := t0.AddDate(0, 0, -between(r, 2, 9)).Add(time.Duration(between(r, 9, 17)) * time.Hour)
		evs = append(evs, ringer.Event{Type: ringer.EventShipment, RecordID: p.id, At: at, Address: addr,
			RequestedChange: ptr(b.requestChange)})
	}

	// Endpoint inventories.
	if p.kind != ringer.KindFreelancer || chance(r, 0.3) {
		n := between(r, 1, 2)
		for i := 0; i < n; i++ {
			at := g.workInstant(p, t0.AddDate(0, 0, 3+i*20+r.IntN(10)))
			ip := b.endpointIP
			if ip == "" {
				ip = b.homeIP
			}
			e := ringer.Event{Type: ringer.EventEndpointInventory, RecordID: p.id, At: at, DeviceID: b.device,
				Software: slices.Clone(b.tools), USB: slices.Clone(b.usb), WiFi: &ringer.WiFi{BSSID: b.bssid, SSID: b.ssid}, PublicIP: ip}
			evs = append(evs, e)
		}
	}

	// Payroll changes.
	for i, acct := range b.payrollChanges {
		a := acct
		at := t0.AddDate(0, 0, 10+i*between(r, 4, 20)).Add(time.Duration(between(r, 8, 20)) * time.Hour)
		evs = append(evs, ringer.Event{Type: ringer.EventPayrollChange, RecordID: p.id, At: at, Account: &a})
	}

	// Work activity, stamped with the offset of the clock the machine keeps.
	nAct := between(r, 12, 35)
	for _, d := range g.workDays(t0, 60, nAct) {
		at := g.workInstant(p, d)
		loc := b.workLoc
		if b.claimClock {
			loc = g.loc(p.claim)
		} else if b.trip != nil && !at.Before(b.trip.from) && at.Before(b.trip.to) {
			loc = g.loc(b.trip.place)
		}
		evs = append(evs, ringer.Event{Type: ringer.EventActivity, RecordID: p.id, At: at.In(loc),
			Kind: pick(r, []string{"commit", "commit", "chat", "chat", "ticket", "review"})})
	}

	// Keystroke timing.
	if b.keystroke > 0 {
		at := g.workInstant(p, t0.AddDate(0, 0, between(r, 10, 40)))
		p50 := math.Round(math.Max(40, b.keystroke+r.NormFloat64()*8)*10) / 10
		evs = append(evs, ringer.Event{Type: ringer.EventKeystrokeLatency, RecordID: p.id, At: at,
			P50Ms: p50, Samples: between(r, 800, 20000)})
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
	return evs
}
