package detect

import (
	"context"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/intel"
)

// Network checks a worker's sign-ins: anonymising services and named VPN
// providers, countries other than the claimed one, travel faster than an
// airliner, and addresses or MFA devices shared with other workers.
//
// Sign-ins that belong to the application (see Application) are left to
// application.anonymizer_ip and application.ip_country_mismatch; the rest
// are the worker's.
//
// Signals: network.anonymizer, network.known_vpn_provider,
// network.country_mismatch, network.impossible_travel,
// network.shared_ip_workers, network.shared_mfa_device.
type Network struct{ env *env }

// MaxTravelKMH is the speed above which two consecutive sign-ins are
// impossible travel: faster than a commercial flight, after both
// geolocations' accuracy radii are taken off the distance.
const MaxTravelKMH = 1000

// minTravelKM is the distance below which two sign-ins are one place
// whatever the time between them: geolocation of one city's networks
// scatters this far.
const minTravelKM = 300

// signIn is a successful sign-in with what is known of its address.
type signIn struct {
	ev          *ringer.Event
	addr        netip.Addr
	info        intel.IPInfo
	kinds       []string
	provider    string
	corporate   bool
	application bool
}

// signIns returns the subject's successful sign-ins with a parseable IP in
// time order, each address looked up once.
func signIns(e *env, s *ringer.Subject) []signIn {
	type looked struct {
		addr      netip.Addr
		info      intel.IPInfo
		kinds     []string
		provider  string
		corporate bool
		ok        bool
	}
	cache := map[string]looked{}
	var out []signIn
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventSignIn || ev.IP == "" || (ev.Success != nil && !*ev.Success) {
			continue
		}
		l, hit := cache[ev.IP]
		if !hit {
			l.addr, l.info, l.ok = e.ipInfo(ev.IP)
			if l.ok {
				l.kinds, l.provider = anonymity(l.info)
				l.corporate = hasLabel(l.info, "corporate")
			}
			cache[ev.IP] = l
		}
		if !l.ok {
			continue
		}
		out = append(out, signIn{ev: ev, addr: l.addr, info: l.info, kinds: l.kinds, provider: l.provider,
			corporate: l.corporate, application: isApplicationSignIn(&s.Record, ev)})
	}
	slices.SortStableFunc(out, func(a, b signIn) int { return a.ev.At.Compare(b.ev.At) })
	return out
}

// Detect implements ringer.Detector.
func (d *Network) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	all := signIns(d.env, s)
	if len(all) == 0 {
		return nil, ctx.Err()
	}
	var work []signIn
	for _, si := range all {
		if !si.application {
			work = append(work, si)
		}
	}
	var out []ringer.Signal
	out = append(out, anonymizerSignals(work)...)
	if sig, ok := countryMismatch(&s.Record, work); ok {
		out = append(out, sig)
	}
	if sig, ok := impossibleTravel(all); ok {
		out = append(out, sig)
	}
	shared, err := d.shared(ctx, s, all)
	if err != nil {
		return out, fmt.Errorf("network %s: %w", s.Record.ID, err)
	}
	return append(out, shared...), ctx.Err()
}

// anonymizerSignals raises network.known_vpn_provider for sign-ins through
// a named VPN service and network.anonymizer for the other anonymised ones;
// each sign-in counts once.
func anonymizerSignals(work []signIn) []ringer.Signal {
	if len(work) == 0 {
		return nil
	}
	providers := map[string]int{}
	kinds := map[string]int{}
	var provIPs, anonIPs []string
	known, anon := 0, 0
	for _, si := range work {
		switch {
		case si.provider != "":
			known++
			providers[si.provider]++
			provIPs = appendUnique(provIPs, si.addr.String())
		case len(si.kinds) > 0:
			anon++
			for _, k := range si.kinds {
				kinds[k]++
			}
			anonIPs = appendUnique(anonIPs, si.addr.String())
		}
	}
	n := float64(len(work))
	var out []ringer.Signal
	if known > 0 {
		names := mapKeys(providers)
		out = append(out, signal("network.known_vpn_provider", 0.5+0.5*float64(known)/n,
			fmt.Sprintf("%d of %d sign-ins came through %s", known, len(work), strings.Join(names, ", ")),
			map[string]any{"providers": providers, "sign_ins": len(work), "matched": known, "ips": firstN(provIPs, 20)},
			citeMandiant))
	}
	if anon > 0 {
		// One anonymised sign-in among many is a hotel Wi-Fi or a privacy
		// habit; all of them is a worker who never shows where they are.
		out = append(out, signal("network.anonymizer", 0.3+0.7*float64(anon)/n,
			fmt.Sprintf("%d of %d sign-ins came through anonymising services (%s)", anon, len(work), strings.Join(mapKeys(kinds), ", ")),
			map[string]any{"kinds": kinds, "sign_ins": len(work), "matched": anon, "ips": firstN(anonIPs, 20)},
			citePSA2025))
	}
	return out
}

// countryMismatch compares the countries of the worker's own sign-ins
// (anonymised and corporate addresses left out) with the claimed country.
// A short burst abroad among many sign-ins at home is a trip and weighs
// half as much as the same share spread over months.
func countryMismatch(r *ringer.Record, work []signIn) (ringer.Signal, bool) {
	claimed := claimedCountry(r)
	if claimed == "" {
		return ringer.Signal{}, false
	}
	located, mism := 0, 0
	countries := map[string]int{}
	var first, last time.Time
	var ips []string
	for _, si := range work {
		if len(si.kinds) > 0 || si.corporate || si.info.Country == "" {
			continue
		}
		located++
		if strings.EqualFold(si.info.Country, claimed) {
			continue
		}
		mism++
		countries[strings.ToUpper(si.info.Country)]++
		ips = appendUnique(ips, si.addr.String())
		if first.IsZero() || si.ev.At.Before(first) {
			first = si.ev.At
		}
		if si.ev.At.After(last) {
			last = si.ev.At
		}
	}
	if mism == 0 {
		return ringer.Signal{}, false
	}
	share := float64(mism) / float64(located)
	w := share
	pattern := "spread"
	if share < 0.5 && !first.IsZero() && last.Sub(first) <= 30*24*time.Hour {
		w /= 2
		pattern = "one trip"
	}
	return signal("network.country_mismatch", w,
		fmt.Sprintf("%d of %d located sign-ins came from outside the claimed country %s (%s)", mism, located, claimed, strings.Join(mapKeys(countries), ", ")),
		map[string]any{"claimed_country": claimed, "countries": countries, "sign_ins": located, "mismatched": mism,
			"pattern": pattern, "ips": firstN(ips, 20)}, citeAdvisory2022), true
}

// impossibleTravel finds consecutive located sign-ins that no traveller
// could make. Anonymised and corporate addresses are left out: they say
// where the service is, not the person.
func impossibleTravel(all []signIn) (ringer.Signal, bool) {
	var prev *signIn
	var pairs []map[string]any
	count := 0
	for i := range all {
		si := &all[i]
		if len(si.kinds) > 0 || si.corporate || !si.info.Located || si.ev.At.IsZero() {
			continue
		}
		if prev != nil && prev.addr != si.addr {
			km := haversineKM(prev.info.Latitude, prev.info.Longitude, si.info.Latitude, si.info.Longitude)
			km -= float64(prev.info.AccuracyKM + si.info.AccuracyKM)
			hours := si.ev.At.Sub(prev.ev.At).Hours()
			if km > minTravelKM && (hours <= 0 || km/hours > MaxTravelKMH) {
				count++
				if len(pairs) < 10 {
					speed := math.Inf(1)
					if hours > 0 {
						speed = km / hours
					}
					p := map[string]any{
						"from_ip": prev.addr.String(), "from_country": prev.info.Country, "from_at": eventTime(prev.ev),
						"to_ip": si.addr.String(), "to_country": si.info.Country, "to_at": eventTime(si.ev),
						"km": int(km), "minutes": int(hours * 60),
					}
					if !math.IsInf(speed, 1) {
						p["kmh"] = int(speed)
					}
					pairs = append(pairs, p)
				}
			}
		}
		prev = si
	}
	if count == 0 {
		return ringer.Signal{}, false
	}
	return signal("network.impossible_travel", 0.5+0.5*clamp01(float64(count-1)/2),
		fmt.Sprintf("%d pair%s of consecutive sign-ins imply travel faster than %d km/h", count, plural(count), MaxTravelKMH),
		map[string]any{"pairs": pairs, "count": count, "max_kmh": MaxTravelKMH}, citeAdvisory2022), true
}

// haversineKM is the great-circle distance between two points in km.
func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// shared asks who else signs in from the worker's addresses and with the
// worker's MFA devices.
func (d *Network) shared(ctx context.Context, s *ringer.Subject, all []signIn) ([]ringer.Signal, error) {
	cr := newCrossRef(d.env, s)
	if cr == nil {
		return nil, nil
	}
	household, err := cr.household(ctx, &s.Record)
	if err != nil {
		return nil, err
	}
	var out []ringer.Signal
	// Addresses.
	var ipEv []map[string]any
	strangers := map[string]bool{}
	best := 0.0
	doneIP := map[netip.Addr]bool{}
	for _, si := range all {
		if si.corporate || doneIP[si.addr] {
			continue
		}
		doneIP[si.addr] = true
		var others []string
		for _, k := range cr.eventKey(si.ev, ringer.IDPublicIP) {
			ids, err := cr.others(ctx, k)
			if err != nil {
				return nil, err
			}
			others = append(others, ids...)
		}
		st, _, err := cr.classify(ctx, &s.Record, others)
		if err != nil {
			return nil, err
		}
		if len(st) == 0 {
			continue
		}
		w, where := sharedIPWeight(len(st), si, &s.Record)
		best = max(best, w)
		for _, id := range st {
			strangers[id] = true
		}
		ipEv = append(ipEv, map[string]any{"ip": si.addr.String(), "others": len(st), "records": firstN(st, 20), "location": where})
	}
	if len(strangers) > 0 && best > 0 {
		out = append(out, signal("network.shared_ip_workers", best,
			fmt.Sprintf("%d other worker%s sign%s in from the same address%s", len(strangers), plural(len(strangers)), verbS(len(strangers)), esPlural(len(ipEv))),
			map[string]any{"ips": ipEv, "others": len(strangers)}, citeAdvisory2022))
	}
	// MFA devices.
	var mfaEv []map[string]any
	mfaStrangers, mfaHouse := map[string]bool{}, map[string]bool{}
	doneMFA := map[string]bool{}
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventSignIn || ev.MFADeviceID == "" || doneMFA[ev.MFADeviceID] {
			continue
		}
		doneMFA[ev.MFADeviceID] = true
		var others []string
		for _, k := range cr.eventKey(ev, ringer.IDMFADevice) {
			ids, err := cr.others(ctx, k)
			if err != nil {
				return nil, err
			}
			others = append(others, ids...)
		}
		st, hm := split(others, household)
		for _, id := range st {
			mfaStrangers[id] = true
		}
		for _, id := range hm {
			mfaHouse[id] = true
		}
		if len(others) > 0 {
			mfaEv = append(mfaEv, map[string]any{"mfa_device_id": ev.MFADeviceID, "records": firstN(others, 20), "others": len(others)})
		}
	}
	if n := len(mfaStrangers) + len(mfaHouse); n > 0 {
		// One second factor proves one person; shared with a stranger it
		// means one hand holds several accounts. Within a household it is
		// odd but not that.
		w := 0.3
		if len(mfaStrangers) > 0 {
			w = 0.8 + 0.2*clamp01(float64(len(mfaStrangers)-1))
		}
		out = append(out, signal("network.shared_mfa_device", w,
			fmt.Sprintf("the MFA device is also used by %d other account%s", n, plural(n)),
			map[string]any{"devices": mfaEv, "strangers": len(mfaStrangers), "household": len(mfaHouse)}, citeAdvisory2022))
	}
	return out, nil
}

// sharedIPWeight weighs other workers behind one address. Many people
// behind an office's address are normal when the address is where the
// worker says they are; the same crowd behind an address in another city
// is a laptop farm. Anonymising services are shared by strangers by
// design and weigh half.
func sharedIPWeight(n int, si signIn, r *ringer.Record) (float64, string) {
	w := countWeight(n)
	where := "unknown"
	if consistent, known := placeConsistent(si.info, r); known {
		if consistent {
			// A spouse, a flatmate, a coworking space or an office in the
			// worker's own city.
			where = "where the worker claims to be"
			w *= 0.2
		} else {
			where = "away from where the worker claims to be"
		}
	} else {
		w *= 0.7
	}
	if len(si.kinds) > 0 {
		where = "anonymising service"
		w *= 0.5
	}
	return w, where
}

func doDoes(n int) string {
	if n == 1 {
		return "does"
	}
	return "do"
}

func esPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}

// appendUnique appends v unless s holds it or already holds 50 values
// (enough for evidence, and it keeps a long sign-in history linear).
func appendUnique(s []string, v string) []string {
	if len(s) >= 50 || slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
