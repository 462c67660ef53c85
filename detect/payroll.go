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

// Payroll checks where a worker's pay goes: accounts shared with other
// workers, accounts held in someone else's name, frequent changes, crypto
// wallets and pass-through payment services, and wallets on a watchlist.
//
// Signals: payroll.shared_account, payroll.holder_mismatch,
// payroll.frequent_changes, payroll.crypto, payroll.pass_through_service,
// payroll.wallet_on_watchlist.
type Payroll struct{ env *env }

// passThrough are the payout types that move money through a payment
// service rather than to a bank account in the worker's name.
var passThrough = map[string]bool{ringer.PayoutPayoneer: true, ringer.PayoutWise: true, ringer.PayoutPayPal: true}

// companyWords mark an account holder that is an organisation.
var companyWords = []string{"llc", "inc", "ltd", "limited", "corp", "corporation", "gmbh", "co", "company", "pte", "plc", "sa", "bv", "trading"}

// payout is one account the worker is paid into, from the record or a
// payroll change.
type payout struct {
	acct  ringer.PayoutAccount
	at    string
	event *ringer.Event
}

// Detect implements ringer.Detector.
func (d *Payroll) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	r := &s.Record
	var pays []payout
	for _, a := range r.PayoutAccounts {
		pays = append(pays, payout{acct: a})
	}
	var changes []time.Time
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventPayrollChange {
			continue
		}
		if !ev.At.IsZero() {
			changes = append(changes, ev.At)
		}
		if ev.Account != nil {
			pays = append(pays, payout{acct: *ev.Account, at: eventTime(ev), event: ev})
		}
	}
	if len(pays) == 0 && len(changes) == 0 {
		return nil, ctx.Err()
	}
	sh, family, err := d.shared(ctx, s, pays)
	if err != nil {
		return nil, fmt.Errorf("payroll %s: %w", r.ID, err)
	}
	var out []ringer.Signal
	if sig, ok := holderMismatch(r, pays, family); ok {
		out = append(out, sig)
	}
	if sig, ok := frequentChanges(changes); ok {
		out = append(out, sig)
	}
	out = append(out, d.kinds(r, pays)...)
	wl, err := d.watchlisted(ctx, pays)
	if err != nil {
		return out, fmt.Errorf("payroll %s: %w", r.ID, err)
	}
	out = append(out, wl...)
	return append(out, sh...), ctx.Err()
}

// holderMismatch fires when an account's holder is not the worker by any
// name the record gives (its name and aliases). Names are compared
// leniently, the same way for every culture's names: token order is free,
// joined and split forms are one ("Min-jun", "Minjun"), a typo or a short
// form ("Jacksno", "Liv" for "Olivia") still matches, and a family account
// in a relative's name shares a family name and does not fire. A holder
// who shares only an initial with the worker (a married name, "A Hussein"
// for "Ahmed Khan") is a weak instance; an organisation whose name is the
// worker's own e-mail domain (a recruiter paid through their agency) is
// the worker's employer and does not fire. An account that other members
// of the worker's household are also paid into (family[i] for pays[i]) is
// a family account, often in a spouse's name, and weighs far less.
func holderMismatch(r *ringer.Record, pays []payout, family map[int]bool) (ringer.Signal, bool) {
	own := ownNameTokens(r)
	if len(own) == 0 {
		return ringer.Signal{}, false
	}
	var ev []map[string]any
	w := 0.0
	for i, p := range pays {
		if p.acct.Holder == "" {
			continue
		}
		toks := normalize.NameTokens(p.acct.Holder)
		if len(toks) == 0 {
			continue
		}
		if isOrganisation(toks) && ownOrganisation(toks, r) {
			continue
		}
		level := nameMatch(own, toks)
		if level == matchName {
			continue
		}
		kind := "person"
		if isOrganisation(toks) {
			kind = "organisation"
		}
		m := map[string]any{"type": p.acct.Type, "account": maskAccount(p.acct), "holder": maskName(toks), "holder_kind": kind}
		cw := 1.0
		if level == matchInitial {
			m["shares_initial"] = true
			cw = 0.4
		}
		if family[i] {
			m["family_account"] = true
			cw = min(cw, 0.3)
		}
		w = max(w, cw)
		if p.at != "" {
			m["at"] = p.at
		}
		ev = append(ev, m)
	}
	if len(ev) == 0 {
		return ringer.Signal{}, false
	}
	return signal("payroll.holder_mismatch", w,
		fmt.Sprintf("%d payout account%s held in a name that is not the worker's", len(ev), plural(len(ev))),
		map[string]any{"accounts": ev}, citeAdvisory2022), true
}

// ownNameTokens folds every name a record gives, with adjacent tokens also
// joined ("min", "jun" and "minjun").
func ownNameTokens(r *ringer.Record) []string {
	var own []string
	add := func(s string) {
		toks := normalize.NameTokens(s)
		for i, t := range toks {
			own = appendUnique(own, t)
			if i+1 < len(toks) {
				own = appendUnique(own, t+toks[i+1])
			}
		}
	}
	add(r.Name.Display())
	add(r.Name.Given)
	add(r.Name.Middle)
	add(r.Name.Family)
	for _, a := range r.Aliases {
		add(a)
	}
	return own
}

// How well a holder's name matches the worker's.
const (
	matchNone    = iota
	matchInitial // only an initial agrees
	matchName    // a name agrees
)

func nameMatch(own, holder []string) int {
	level := matchNone
	for i, h := range holder {
		for _, o := range own {
			switch {
			case len(h) >= 2 && len(o) >= 2 && tokensClose(h, o):
				return matchName
			case i+1 < len(holder) && tokensClose(h+holder[i+1], o):
				return matchName
			case len(h) == 1 && len(o) >= 1 && o[0] == h[0], len(o) == 1 && h[0] == o[0]:
				level = matchInitial
			}
		}
	}
	return level
}

// tokensClose reports whether two name tokens are one name: equal, one a
// short form inside the other ("liv", "olivia"), or one typo apart
// (an insertion, deletion, substitution or swap of neighbours).
func tokensClose(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) >= 3 && len(b) >= 3 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return true
	}
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	return oneEditApart(a, b)
}

// oneEditApart reports whether a and b differ by one insertion, deletion,
// substitution or transposition of adjacent bytes.
func oneEditApart(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

func isOrganisation(toks []string) bool {
	for _, t := range toks {
		if slices.Contains(companyWords, t) {
			return true
		}
	}
	return false
}

// ownOrganisation reports whether an organisation's name is the domain of
// one of the worker's e-mail addresses ("Apex Talent Partners LLC" and
// jane@apextalentpartners.com).
func ownOrganisation(toks []string, r *ringer.Record) bool {
	var b strings.Builder
	for _, t := range toks {
		if !slices.Contains(companyWords, t) {
			b.WriteString(t)
		}
	}
	org := b.String()
	if len(org) < 4 {
		return false
	}
	for _, e := range r.Emails {
		label, _, _ := strings.Cut(normalize.EmailDomain(e), ".")
		label = strings.ReplaceAll(label, "-", "")
		if len(label) >= 4 && (label == org || strings.Contains(org, label) || strings.Contains(label, org)) {
			return true
		}
	}
	return false
}

// frequentChanges fires for three or more payout changes within 180 days,
// or two within 30.
func frequentChanges(at []time.Time) (ringer.Signal, bool) {
	if len(at) < 2 {
		return ringer.Signal{}, false
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	most, in30 := 0, 0
	j, k := 0, 0
	for i := range at {
		for at[i].Sub(at[j]) > 180*24*time.Hour {
			j++
		}
		for at[i].Sub(at[k]) > 30*24*time.Hour {
			k++
		}
		most = max(most, i-j+1)
		in30 = max(in30, i-k+1)
	}
	if most < 3 && in30 < 2 {
		return ringer.Signal{}, false
	}
	w := 0.4 + 0.2*float64(max(most, in30+1)-2)
	return signal("payroll.frequent_changes", w,
		fmt.Sprintf("payout account changed %d times within 180 days (%d within 30)", most, in30),
		map[string]any{"changes": len(at), "max_in_180_days": most, "max_in_30_days": in30,
			"first": at[0].UTC().Format(time.DateOnly), "last": at[len(at)-1].UTC().Format(time.DateOnly)}, citeAdvisory2022), true
}

// kinds raises payroll.crypto and payroll.pass_through_service.
func (d *Payroll) kinds(r *ringer.Record, pays []payout) []ringer.Signal {
	var crypto, pass []map[string]any
	for _, p := range pays {
		t := strings.ToLower(p.acct.Type)
		m := map[string]any{"type": t, "account": maskAccount(p.acct)}
		if p.at != "" {
			m["at"] = p.at
		}
		switch {
		case t == ringer.PayoutCrypto || (p.acct.Network != "" && t != ringer.PayoutBank && t != ringer.PayoutIBAN):
			if p.acct.Network != "" {
				m["network"] = strings.ToLower(p.acct.Network)
			}
			crypto = append(crypto, m)
		case passThrough[t]:
			pass = append(pass, m)
		}
	}
	var out []ringer.Signal
	if len(crypto) > 0 {
		w := 0.6 + 0.4*float64(len(crypto))/float64(len(pays))
		out = append(out, signal("payroll.crypto", w,
			fmt.Sprintf("paid into %d crypto wallet%s", len(crypto), plural(len(crypto))),
			map[string]any{"accounts": crypto, "payouts": len(pays)}, citePSA2023))
	}
	if len(pass) > 0 {
		// Freelancers are commonly paid through these services, so for them
		// the instance is weaker.
		w := 0.3 + 0.2*float64(len(pass))/float64(len(pays))
		if r.Kind == ringer.KindFreelancer {
			w -= 0.15
		}
		out = append(out, signal("payroll.pass_through_service", w,
			fmt.Sprintf("paid through a payment service (%d of %d payouts)", len(pass), len(pays)),
			map[string]any{"accounts": pass, "payouts": len(pays)}, citeAdvisory2022))
	}
	return out
}

// watchlisted checks wallets against the configured watchlist.
func (d *Payroll) watchlisted(ctx context.Context, pays []payout) ([]ringer.Signal, error) {
	if d.env.wallets == nil {
		return nil, nil
	}
	var ev []map[string]any
	for _, p := range pays {
		val := p.acct.Value
		if val == "" {
			val = p.acct.Number
		}
		if val == "" || (p.acct.Type != ringer.PayoutCrypto && p.acct.Network == "") {
			continue
		}
		canon, chain, err := normalize.Wallet(p.acct.Network, val)
		if err != nil {
			continue
		}
		list, entry, ok, err := d.env.wallets.WalletListed(ctx, chain, canon)
		if err != nil {
			return nil, fmt.Errorf("wallet watchlist: %w", err)
		}
		if ok {
			// A listed wallet is public: it is shown whole so the analyst can
			// check the list entry.
			ev = append(ev, map[string]any{"chain": chain, "wallet": canon, "list": list, "entry": entry})
		}
	}
	if len(ev) == 0 {
		return nil, nil
	}
	return []ringer.Signal{signal("payroll.wallet_on_watchlist", 1,
		fmt.Sprintf("a payout wallet is on %v", ev[0]["list"]),
		map[string]any{"wallets": ev}, "OFAC SDN list (digital currency addresses)")}, nil
}

// shared asks which other workers are paid into the same accounts. People
// who share the worker's home (a family account) weigh far less than
// strangers.
//
// family reports the accounts (by index in pays) shared with members of
// the household and with no stranger.
func (d *Payroll) shared(ctx context.Context, s *ringer.Subject, pays []payout) (sig []ringer.Signal, family map[int]bool, err error) {
	cr := newCrossRef(d.env, s)
	if cr == nil {
		return nil, nil, nil
	}
	family = map[int]bool{}
	strangers, housemates := map[string]bool{}, map[string]bool{}
	var ev []map[string]any
	done := map[string]bool{}
	colleagues := 0
	for i, p := range pays {
		toks := normalize.NameTokens(p.acct.Holder)
		employer := isOrganisation(toks) && ownOrganisation(toks, &s.Record)
		var keys []string
		if p.event != nil {
			keys = append(cr.eventKey(p.event, ringer.IDPayoutAccount), cr.eventKey(p.event, ringer.IDWallet)...)
		} else {
			probe := ringer.Record{PayoutAccounts: []ringer.PayoutAccount{p.acct}}
			for _, id := range normalize.Identifiers(cr.keyer, &probe) {
				if id.Kind == ringer.IDPayoutAccount || id.Kind == ringer.IDWallet {
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
				return nil, nil, err
			}
			st, hm, err := cr.classify(ctx, &s.Record, ids)
			if err != nil {
				return nil, nil, err
			}
			if len(ids) == 0 {
				continue
			}
			if len(st) == 0 {
				family[i] = true
			}
			if employer {
				// The worker's own agency or employer pays its staff from one
				// account: the others are colleagues, not strangers.
				colleagues += len(st)
				hm, st = append(hm, st...), nil
			}
			for _, id := range st {
				strangers[id] = true
			}
			for _, id := range hm {
				housemates[id] = true
			}
			ev = append(ev, map[string]any{"type": p.acct.Type, "account": maskAccount(p.acct),
				"records": firstN(ids, 20), "strangers": len(st), "household": len(hm)})
		}
	}
	ns, nh := len(strangers), len(housemates)
	if ns+nh == 0 {
		return nil, family, nil
	}
	var w float64
	switch {
	case ns >= 3:
		w = 1
	case ns == 2:
		w = 0.85
	case ns == 1:
		w = 0.6
	default:
		w = min(0.3, 0.15*float64(nh))
	}
	detail := fmt.Sprintf("payout account shared with %d other worker%s", ns+nh, plural(ns+nh))
	switch {
	case colleagues > 0:
		detail += fmt.Sprintf(" (held by the worker's own organisation; %d colleague%s)", colleagues, plural(colleagues))
	case nh > 0:
		detail += fmt.Sprintf(" (%d at the same home address)", nh)
	}
	return []ringer.Signal{signal("payroll.shared_account", w, detail,
		map[string]any{"accounts": ev, "strangers": ns, "household_or_colleagues": nh}, citePSA2024)}, family, nil
}

// maskAccount shows an account's type-specific tail only: the last four
// characters of its number, IBAN, wallet or service id.
func maskAccount(a ringer.PayoutAccount) string {
	v := a.Number
	if v == "" {
		v = a.Value
	}
	v = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, v)
	if v == "" {
		return ""
	}
	rs := []rune(v)
	if len(rs) <= 4 {
		return strings.Repeat("•", len(rs))
	}
	return "…" + string(rs[len(rs)-4:])
}

// maskName shows the initials of a folded name: "m. e.".
func maskName(toks []string) string {
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		r := []rune(t)
		if len(r) > 0 {
			parts = append(parts, string(r[0])+".")
		}
	}
	return strings.Join(parts, " ")
}
