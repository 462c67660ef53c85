package detect

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// Application checks what an applicant presents: the phone line, the
// e-mail domain, public profiles, and where the application came from.
//
// Signals: application.voip_phone, application.non_geographic_phone,
// application.disposable_email, application.profile_predates_account,
// application.ip_country_mismatch, application.anonymizer_ip.
type Application struct{ env *env }

// nonGeographic are the libphonenumber types of numbers tied to no place.
var nonGeographic = map[string]bool{
	"toll_free": true, "premium_rate": true, "shared_cost": true,
	"personal_number": true, "uan": true, "pager": true, "voicemail": true,
}

// Detect implements ringer.Detector.
func (d *Application) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	r := &s.Record
	var out []ringer.Signal
	out = append(out, d.phones(r)...)
	out = append(out, d.emails(r)...)
	out = append(out, profilesPredate(r)...)
	out = append(out, d.applicationIPs(s)...)
	return out, ctx.Err()
}

func (d *Application) phones(r *ringer.Record) []ringer.Signal {
	region := claimedCountry(r)
	var voip, nonGeo []map[string]any
	parsed := 0
	for i, p := range r.Phones {
		carrier := strings.ToLower(strings.TrimSpace(p.LineType))
		n, err := d.env.phones.parse(p.Number, region)
		if err != nil && carrier == "" {
			continue
		}
		parsed++
		field := fmt.Sprintf("phones[%d]", i)
		masked := maskPhone(n.E164, p.Number)
		switch {
		case carrier == ringer.LineVoIP:
			voip = append(voip, map[string]any{"field": field, "number": masked, "source": "carrier", "type": "voip"})
		case err == nil && n.Type == "voip":
			voip = append(voip, map[string]any{"field": field, "number": masked, "source": "libphonenumber", "type": "voip"})
		case carrier == ringer.LineTollFree:
			nonGeo = append(nonGeo, map[string]any{"field": field, "number": masked, "source": "carrier", "type": "toll_free"})
		case err == nil && nonGeographic[n.Type]:
			nonGeo = append(nonGeo, map[string]any{"field": field, "number": masked, "source": "libphonenumber", "type": n.Type})
		}
	}
	var out []ringer.Signal
	if len(voip) > 0 {
		// A VoIP line is common among honest people (Google Voice); the
		// instance is strongest when the carrier says so and it is the only
		// number given.
		w := 0.5 + 0.5*float64(len(voip))/float64(parsed)
		if !slices.ContainsFunc(voip, func(m map[string]any) bool { return m["source"] == "carrier" }) {
			w -= 0.2 // libphonenumber's number ranges alone are less sure
		}
		out = append(out, signal("application.voip_phone", w,
			fmt.Sprintf("%d of %d phone number%s %s VoIP", len(voip), parsed, plural(parsed), isAre(len(voip))),
			map[string]any{"phones": voip}, citeMandiant))
	}
	if len(nonGeo) > 0 {
		w := 0.5 + 0.5*float64(len(nonGeo))/float64(parsed)
		out = append(out, signal("application.non_geographic_phone", w,
			fmt.Sprintf("%d of %d phone number%s %s tied to no place (toll-free, personal or premium)", len(nonGeo), parsed, plural(parsed), isAre(len(nonGeo))),
			map[string]any{"phones": nonGeo}, citeMandiant))
	}
	return out
}

func (d *Application) emails(r *ringer.Record) []ringer.Signal {
	var disposable []string
	n := 0
	for _, e := range r.Emails {
		dom := normalize.EmailDomain(e)
		if dom == "" {
			continue
		}
		n++
		if d.env.intel.EmailDomain(dom).Disposable && !slices.Contains(disposable, dom) {
			disposable = append(disposable, dom)
		}
	}
	if len(disposable) == 0 {
		return nil
	}
	w := 0.6 + 0.4*float64(len(disposable))/float64(n)
	return []ringer.Signal{signal("application.disposable_email", w,
		fmt.Sprintf("e-mail at a disposable-mail service (%s)", strings.Join(disposable, ", ")),
		map[string]any{"domains": disposable, "emails": n}, citeSEAL)}
}

// profilesPredate fires for public profiles whose earliest activity is
// older than the account itself, as when a fresh GitHub account is filled
// with back-dated commits. Partial dates are compared at their precision:
// the activity must end before the account could have begun.
func profilesPredate(r *ringer.Record) []ringer.Signal {
	var ev []map[string]any
	maxGap := 0.0
	for _, p := range r.Profiles {
		if p.CreatedAt.IsZero() || p.EarliestActivity.IsZero() {
			continue
		}
		created := p.CreatedAt.Time()
		activityEnd := dateEnd(p.EarliestActivity)
		if !activityEnd.Before(created.AddDate(0, 0, -30)) {
			continue
		}
		gapDays := created.Sub(p.EarliestActivity.Time()).Hours() / 24
		maxGap = max(maxGap, gapDays)
		ev = append(ev, map[string]any{"site": p.Site, "handle": p.Handle,
			"created_at": p.CreatedAt.String(), "earliest_activity": p.EarliestActivity.String(),
			"gap_days": int(gapDays)})
	}
	if len(ev) == 0 {
		return nil
	}
	// A month of back-dating is weak (imports of old repositories do it); two
	// years or more is what a manufactured history looks like.
	w := 0.3 + 0.7*clamp01(maxGap/730)
	return []ringer.Signal{signal("application.profile_predates_account", w,
		fmt.Sprintf("%d public profile%s show%s activity %d days older than the account", len(ev), plural(len(ev)), verbS(len(ev)), int(maxGap)),
		map[string]any{"profiles": ev}, citeSEAL)}
}

// dateEnd returns the last instant a partial date can mean.
func dateEnd(d ringer.Date) time.Time {
	t := d.Time()
	switch {
	case d.Month == 0:
		return t.AddDate(1, 0, 0).Add(-time.Nanosecond)
	case d.Day == 0:
		return t.AddDate(0, 1, 0).Add(-time.Nanosecond)
	}
	return t.AddDate(0, 0, 1).Add(-time.Nanosecond)
}

// applicationAttrIPs are the record attributes an ATS export may carry the
// applicant's IP in.
var applicationAttrIPs = []string{"application_ip", "ip", "source_ip"}

// isApplicationSignIn reports whether a sign-in belongs to the application
// rather than to work: every sign-in of an applicant, and otherwise those
// within a day of the record's creation.
func isApplicationSignIn(r *ringer.Record, ev *ringer.Event) bool {
	if ev.Type != ringer.EventSignIn {
		return false
	}
	if r.Kind == ringer.KindApplicant {
		return true
	}
	return !r.ObservedAt.IsZero() && !ev.At.IsZero() && !ev.At.After(r.ObservedAt.Add(24*time.Hour))
}

// applicationIPs compares where the application came from with where the
// applicant says they are.
func (d *Application) applicationIPs(s *ringer.Subject) []ringer.Signal {
	r := &s.Record
	var ips []string
	for _, k := range applicationAttrIPs {
		if v, ok := r.Attributes[k].(string); ok && v != "" {
			ips = append(ips, v)
		}
	}
	for i := range s.Events {
		if ev := &s.Events[i]; isApplicationSignIn(r, ev) && ev.IP != "" {
			ips = append(ips, ev.IP)
		}
	}
	return ipSignals(d.env, r, ips, "application", "the application", citeMandiant)
}

// ipSignals raises <stage>.anonymizer_ip and <stage>.ip_country_mismatch
// for the addresses a person used at one stage (application, interview).
func ipSignals(e *env, r *ringer.Record, ips []string, stage, what, indicator string) []ringer.Signal {
	claimed := claimedCountry(r)
	type seen struct {
		kinds    []string
		provider string
		country  string
	}
	byIP := map[string]*seen{}
	var order []string
	total, anon, mismatch := 0, 0, 0
	for _, raw := range ips {
		addr, info, ok := e.ipInfo(raw)
		if !ok || hasLabel(info, "corporate") {
			// The organisation's own network says where its office or VPN
			// exit is, not where the person is.
			continue
		}
		total++
		key := addr.String()
		sn, dup := byIP[key]
		if !dup {
			kinds, provider := anonymity(info)
			sn = &seen{kinds: kinds, provider: provider, country: info.Country}
			byIP[key] = sn
			order = append(order, key)
		}
		switch {
		case len(sn.kinds) > 0:
			anon++
		case claimed != "" && sn.country != "" && !strings.EqualFold(sn.country, claimed):
			mismatch++
		}
	}
	var out []ringer.Signal
	if anon > 0 {
		var ev []map[string]any
		for _, ip := range order {
			if sn := byIP[ip]; len(sn.kinds) > 0 {
				m := map[string]any{"ip": ip, "kinds": sn.kinds}
				if sn.provider != "" {
					m["provider"] = sn.provider
				}
				ev = append(ev, m)
			}
		}
		out = append(out, signal(stage+".anonymizer_ip", 0.4+0.6*float64(anon)/float64(total),
			fmt.Sprintf("%s came through an anonymising service (%d of %d connections)", upperFirst(what), anon, total),
			map[string]any{"ips": ev, "connections": total}, indicator))
	}
	if mismatch > 0 {
		var ev []map[string]any
		for _, ip := range order {
			if sn := byIP[ip]; len(sn.kinds) == 0 && sn.country != "" && !strings.EqualFold(sn.country, claimed) {
				ev = append(ev, map[string]any{"ip": ip, "country": sn.country})
			}
		}
		out = append(out, signal(stage+".ip_country_mismatch", 0.4+0.6*float64(mismatch)/float64(total),
			fmt.Sprintf("%s came from outside the claimed country %s (%d of %d connections)", upperFirst(what), claimed, mismatch, total),
			map[string]any{"ips": ev, "claimed_country": claimed, "connections": total}, indicator))
	}
	return out
}

// maskPhone keeps the country code and the last two digits of a number.
func maskPhone(e164, raw string) string {
	s := e164
	if s == "" {
		s = raw
	}
	var digits []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
		}
	}
	if len(digits) <= 4 {
		return strings.Repeat("•", len(digits))
	}
	keepHead := 0
	if strings.HasPrefix(s, "+") {
		keepHead = min(2, len(digits)-4)
		if digits[0] == '1' || digits[0] == '7' {
			keepHead = 1
		}
	}
	var b strings.Builder
	if keepHead > 0 {
		b.WriteByte('+')
		b.Write(digits[:keepHead])
		b.WriteByte(' ')
	}
	b.WriteString(strings.Repeat("•", len(digits)-keepHead-2))
	b.Write(digits[len(digits)-2:])
	return b.String()
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func verbS(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
