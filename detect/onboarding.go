package detect

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// Onboarding checks where the company laptop goes: an address other than
// home, a late change of address, a mail drop or forwarder, and an address
// that receives laptops for several workers (a laptop farm).
//
// Signals: onboarding.shipping_differs_from_home,
// onboarding.address_change_request, onboarding.freight_forwarder,
// onboarding.shared_shipping_address.
type Onboarding struct{ env *env }

// forwarderWords are phrases of mail-forwarding, reshipping and virtual
// mailbox services and of commercial mail receiving agencies (a "PMB" is a
// private mailbox at one). They are matched as whole words in the folded
// address.
var forwarderWords = []string{
	"pmb", "private mailbox", "freight forwarder", "freight forwarding", "forwarding",
	"reship", "reshipper", "reshipping", "package forwarding", "mail forwarding",
	"virtual mailbox", "virtual address", "shipito", "myus", "stackry", "planet express",
	"ipostal1", "anytime mailbox", "earth class mail", "traveling mailbox", "usgobuy",
	"forward2me", "viabox", "qwintry", "ship7", "borderlinx", "shop and ship", "comgateway",
}

// shipTo is one place a laptop is (to be) sent.
type shipTo struct {
	addr      ringer.Address
	norm      normalize.Address
	key       string
	at        string
	requested bool
	event     *ringer.Event
}

// Detect implements ringer.Detector.
func (d *Onboarding) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	r := &s.Record
	var ships []shipTo
	for _, a := range r.Addresses {
		if strings.EqualFold(strings.TrimSpace(a.Use), "shipping") && !a.IsZero() {
			n := normalize.NormalizeAddress(a)
			ships = append(ships, shipTo{addr: a, norm: n, key: n.Key()})
		}
	}
	changes := 0
	var changeAt []string
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventShipment {
			continue
		}
		if ev.RequestedChange != nil && *ev.RequestedChange {
			changes++
			changeAt = append(changeAt, eventTime(ev))
		}
		if ev.Address == nil || ev.Address.IsZero() {
			continue
		}
		n := normalize.NormalizeAddress(*ev.Address)
		ships = append(ships, shipTo{addr: *ev.Address, norm: n, key: n.Key(), at: eventTime(ev),
			requested: ev.RequestedChange != nil && *ev.RequestedChange, event: ev})
	}
	if len(ships) == 0 && changes == 0 {
		return nil, ctx.Err()
	}
	var homes []normalize.Address
	homeKeys := map[string]bool{}
	for _, a := range homeAddresses(r) {
		n := normalize.NormalizeAddress(a)
		homes = append(homes, n)
		if k := n.Key(); k != "" {
			homeKeys[k] = true
		}
	}

	var out []ringer.Signal
	// Shipping elsewhere than home.
	if len(homes) > 0 {
		var ev []map[string]any
		worst := 0.0
		done := map[string]bool{}
		for _, sh := range ships {
			if sh.key == "" || homeKeys[sh.key] || done[sh.key] {
				continue
			}
			done[sh.key] = true
			w, how := 0.4, "same city"
			switch {
			case !anySameCountry(homes, sh.norm):
				w, how = 1, "other country"
			case !anySameCity(homes, sh.norm):
				w, how = 0.8, "other city"
			}
			worst = max(worst, w)
			m := placeEvidence(sh.norm)
			m["differs"] = how
			if sh.at != "" {
				m["at"] = sh.at
			}
			ev = append(ev, m)
		}
		if len(ev) > 0 {
			out = append(out, signal("onboarding.shipping_differs_from_home", worst,
				fmt.Sprintf("equipment shipping address differs from the home address (%s)", ev[0]["differs"]),
				map[string]any{"addresses": ev}, citePSA2023))
		}
	}
	if changes > 0 {
		// One change is ordinary (people move); repeated changes, or a change
		// to somewhere that is not home, are what the advisories describe.
		w := 0.5 + 0.2*float64(changes-1)
		for _, sh := range ships {
			if sh.requested && sh.key != "" && len(homeKeys) > 0 && !homeKeys[sh.key] {
				w += 0.3
				break
			}
		}
		out = append(out, signal("onboarding.address_change_request", w,
			fmt.Sprintf("asked %d time%s to change where equipment is shipped", changes, plural(changes)),
			map[string]any{"requests": changes, "at": changeAt}, citePSA2023))
	}
	if sig, ok := forwarder(ships); ok {
		out = append(out, sig)
	}
	sig, err := d.shared(ctx, s, ships)
	if err != nil {
		return out, fmt.Errorf("onboarding %s: %w", r.ID, err)
	}
	return append(out, sig...), ctx.Err()
}

func forwarder(ships []shipTo) (ringer.Signal, bool) {
	var ev []map[string]any
	for _, sh := range ships {
		why := ""
		if sh.norm.POBox {
			why = "po_box"
		} else if w := forwarderWord(sh.addr); w != "" {
			why = w
		}
		if why == "" {
			continue
		}
		m := placeEvidence(sh.norm)
		m["why"] = why
		ev = append(ev, m)
	}
	if len(ev) == 0 {
		return ringer.Signal{}, false
	}
	return signal("onboarding.freight_forwarder", 1,
		fmt.Sprintf("equipment is shipped to a PO box or forwarding service (%s)", ev[0]["why"]),
		map[string]any{"addresses": ev}, citePSA2024), true
}

// forwarderWord returns the forwarding phrase an address contains, "" if
// none. Besides the phrases, a suite followed by a customer code
// ("Suite 142 #L2-4071") is how package forwarders address each customer's
// box in their warehouse.
func forwarderWord(a ringer.Address) string {
	if customerCode(strings.Join([]string{a.Line1, a.Line2, a.Raw}, " ")) {
		return "suite_customer_code"
	}
	text := " " + strings.Join(normalize.NameTokens(strings.Join([]string{a.Line1, a.Line2, a.Raw}, " ")), " ") + " "
	for _, w := range forwarderWords {
		if strings.Contains(text, " "+w+" ") {
			return w
		}
	}
	return ""
}

// shared asks who else has laptops sent to the same addresses, leaving out
// people who live there (a couple both working from home).
func (d *Onboarding) shared(ctx context.Context, s *ringer.Subject, ships []shipTo) ([]ringer.Signal, error) {
	cr := newCrossRef(d.env, s)
	if cr == nil {
		return nil, nil
	}
	strangers := map[string]bool{}
	var ev []map[string]any
	done := map[string]bool{}
	for _, sh := range ships {
		var keys []string
		if sh.event != nil {
			keys = cr.eventKey(sh.event, ringer.IDShipping)
		} else {
			probe := ringer.Record{Addresses: []ringer.Address{sh.addr}}
			for _, id := range normalize.Identifiers(cr.keyer, &probe) {
				if id.Kind == ringer.IDShipping {
					keys = append(keys, id.Key)
				}
			}
		}
		for _, k := range keys {
			if done[k] {
				continue
			}
			done[k] = true
			ids, err := cr.others(ctx, k)
			if err != nil {
				return nil, err
			}
			residents, err := cr.residents(ctx, sh.addr)
			if err != nil {
				return nil, err
			}
			var notResident []string
			for _, id := range ids {
				if !slices.Contains(residents, id) {
					notResident = append(notResident, id)
				}
			}
			here, _, err := cr.classify(ctx, &s.Record, notResident)
			if err != nil {
				return nil, err
			}
			for _, id := range here {
				strangers[id] = true
			}
			if len(here) == 0 {
				continue
			}
			m := placeEvidence(sh.norm)
			m["records"] = firstN(here, 20)
			m["count"] = len(here)
			ev = append(ev, m)
		}
	}
	if len(strangers) == 0 {
		return nil, nil
	}
	n := len(strangers)
	return []ringer.Signal{signal("onboarding.shared_shipping_address", countWeight(n),
		fmt.Sprintf("the shipping address also receives equipment for %d other worker%s who %s not live there", n, plural(n), doDoes(n)),
		map[string]any{"addresses": ev, "others": n}, citeChapman)}, nil
}

// placeEvidence describes an address for an analyst without its street
// line: city, region, postcode and country, and whether it is a PO box.
func placeEvidence(n normalize.Address) map[string]any {
	m := map[string]any{}
	for k, v := range map[string]string{"city": n.City, "region": n.Region, "postcode": n.Postcode, "country": n.Country} {
		if v != "" {
			m[k] = v
		}
	}
	if n.POBox {
		m["po_box"] = true
	}
	return m
}

func anySameCountry(homes []normalize.Address, a normalize.Address) bool {
	if a.Country == "" {
		return true
	}
	for _, h := range homes {
		if h.Country == "" || strings.EqualFold(h.Country, a.Country) {
			return true
		}
	}
	return false
}

func anySameCity(homes []normalize.Address, a normalize.Address) bool {
	for _, h := range homes {
		if a.Postcode != "" && h.Postcode != "" && a.Postcode == h.Postcode {
			return true
		}
		if a.City != "" && h.City != "" && foldCity(a.City) == foldCity(h.City) &&
			(a.Region == "" || h.Region == "" || strings.EqualFold(a.Region, h.Region)) {
			return true
		}
	}
	return false
}

// customerCode reports whether an address line has a suite and a "#" code
// of letters and digits of five or more characters, or with a dash.
func customerCode(line string) bool {
	lower := strings.ToLower(line)
	fields := strings.Fields(lower)
	suite := false
	for _, f := range fields {
		f = strings.Trim(f, ".,")
		if f == "suite" || f == "ste" {
			suite = true
		}
	}
	if !suite {
		return false
	}
	for _, f := range fields {
		code, ok := strings.CutPrefix(strings.Trim(f, ".,"), "#")
		if !ok {
			continue
		}
		letter, digit := strings.IndexFunc(code, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0,
			strings.IndexFunc(code, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
		if digit && (strings.Contains(code, "-") || (letter && len(code) >= 5)) {
			return true
		}
	}
	return false
}
