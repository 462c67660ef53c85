package watchlist

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/names"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/watchlist/entity"
)

// Signal codes the detector raises.
const (
	CodeNameMatch       = "watchlist.name_match"
	CodeIdentifierMatch = "watchlist.identifier_match"
)

// Options tune the detector.
type Options struct {
	// Threshold is the hit score at or above which a name match becomes a
	// signal; 0 means names.DefaultThreshold.
	Threshold float64
	// Current, when set, returns the index to screen against at each call,
	// so that a list update takes effect without a new detector.
	Current func() *Index
}

// Detector screens a subject's record and events against the lists.
type Detector struct {
	ix   *Index
	opts Options
}

// NewDetector returns a detector over ix.
func NewDetector(ix *Index, opts Options) ringer.Detector {
	if opts.Threshold == 0 {
		opts.Threshold = names.DefaultThreshold
	}
	return &Detector{ix: ix, opts: opts}
}

func (d *Detector) index() *Index {
	if d.opts.Current != nil {
		if ix := d.opts.Current(); ix != nil {
			return ix
		}
	}
	return d.ix
}

// identifierRef is one identifier of the subject to look up: its key in
// the index and how to name it in evidence without the raw value.
type identifierRef struct {
	key   string
	kind  string
	field string
}

// Detect screens the record's names (with birth date and place as
// qualifiers) and its decisive identifiers — documents, e-mails and their
// domains, phones in E.164, wallets in payout accounts and payroll
// changes, profile handles, websites, sign-in IPs — against the lists.
func (d *Detector) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	ix := d.index()
	if ix == nil || ix.Len() == 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &s.Record
	var out []ringer.Signal
	seen := map[string]bool{}

	// Identifiers.
	for _, id := range subjectIdentifiers(r, s.Events) {
		for _, ei := range ix.idents[id.key] {
			e := &ix.entities[ei]
			dedup := CodeIdentifierMatch + "|" + e.List + "|" + e.ID + "|" + id.key
			if seen[dedup] {
				continue
			}
			seen[dedup] = true
			why := fmt.Sprintf("%s %s equals one listed for %s", id.kind, id.field, entryLabel(e))
			out = append(out, ringer.Signal{
				Code:   CodeIdentifierMatch,
				Weight: 1,
				Detail: fmt.Sprintf("%s of the record is on the %s (entry %s)", id.kind, entity.ListTitle(e.List), e.ID),
				Evidence: map[string]any{
					"list": e.List, "entry": entryLabel(e), "score": 1.0, "why": why,
					"identifier": id.kind, "field": id.field,
				},
				Indicator: e.Citation(),
			})
		}
	}

	// Names.
	country := ""
	if r.BirthPlace != "" {
		country = placeCountry(r.BirthPlace)
	}
	best := map[string]Hit{}
	for _, n := range recordNames(r) {
		for _, h := range ix.Search(Query{Name: n, BirthDate: r.BirthDate, Country: country, Kind: "person", Limit: 5, MinScore: d.opts.Threshold}) {
			k := h.Entity.List + "|" + h.Entity.ID
			if old, ok := best[k]; !ok || h.Score > old.Score {
				best[k] = h
			}
		}
	}
	keys := make([]string, 0, len(best))
	for k := range best {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		h := best[k]
		e := h.Entity
		out = append(out, ringer.Signal{
			Code:   CodeNameMatch,
			Weight: h.Score,
			Detail: fmt.Sprintf("name matches %s on the %s (score %.2f)", entryLabel(e), entity.ListTitle(e.List), h.Score),
			Evidence: map[string]any{
				"list": e.List, "entry": entryLabel(e), "score": h.Score, "why": h.Why,
				"name_score": h.NameScore, "specificity": h.Specificity,
			},
			Indicator: e.Citation(),
		})
	}
	return out, nil
}

// entryLabel names an entry in evidence: its id and primary name.
func entryLabel(e *entity.Entity) string {
	if e.Name == "" {
		return e.ID
	}
	return e.ID + " " + e.Name
}

// recordNames returns the names to screen: the full name, the parts
// joined, and the aliases.
func recordNames(r *ringer.Record) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(r.Name.Full)
	add(strings.Join(nonEmpty(r.Name.Given, r.Name.Middle, r.Name.Family), " "))
	for _, a := range r.Aliases {
		add(a)
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func placeCountry(s string) string {
	if c := normalize.Country(s); c != "" {
		return c
	}
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		return normalize.Country(strings.TrimSpace(s[i+1:]))
	}
	return ""
}

// subjectIdentifiers lists the record's and events' decisive identifiers
// as index keys.
func subjectIdentifiers(r *ringer.Record, events []ringer.Event) []identifierRef {
	var out []identifierRef
	add := func(kind, field, value string) {
		if value == "" {
			return
		}
		k := kind + ":" + value
		for _, x := range out {
			if x.key == k {
				return
			}
		}
		out = append(out, identifierRef{key: k, kind: kindLabel(kind), field: field})
	}
	region := r.Claimed.Country
	for i, e := range r.Emails {
		add(idEmail, fmt.Sprintf("emails[%d]", i), canonicalEmail(e))
		add(idDomain, fmt.Sprintf("emails[%d] domain", i), canonicalDomain(e))
	}
	for i, p := range r.Phones {
		add(idPhone, fmt.Sprintf("phones[%d]", i), canonicalPhone(p.Number, region))
	}
	for i, d := range r.Documents {
		add(idDocument, fmt.Sprintf("documents[%d]", i), canonicalDocument(d.Number))
	}
	for i, a := range r.PayoutAccounts {
		if a.Type == ringer.PayoutCrypto || a.Network != "" {
			add(idWallet, fmt.Sprintf("payout_accounts[%d]", i), canonicalWallet(a.Network, a.Value))
		}
	}
	for i, p := range r.Profiles {
		h := p.Handle
		if h == "" {
			h = p.URL
		}
		if h != "" {
			if c := normalize.Handle(normalize.Site(p.Site), h); c != "" {
				add(idHandle, fmt.Sprintf("profiles[%d]", i), c)
			}
		}
		if p.URL != "" {
			add(idDomain, fmt.Sprintf("profiles[%d] url", i), canonicalDomain(p.URL))
		}
	}
	for i, ev := range events {
		switch ev.Type {
		case ringer.EventPayrollChange:
			if ev.Account != nil && (ev.Account.Type == ringer.PayoutCrypto || ev.Account.Network != "") {
				add(idWallet, fmt.Sprintf("events[%d] payroll_change account", i), canonicalWallet(ev.Account.Network, ev.Account.Value))
			}
		case ringer.EventSignIn:
			add(idIP, fmt.Sprintf("events[%d] sign_in ip", i), canonicalIP(ev.IP))
		case ringer.EventInterview:
			add(idIP, fmt.Sprintf("events[%d] interview participant_ip", i), canonicalIP(ev.ParticipantIP))
		case ringer.EventEndpointInventory:
			add(idIP, fmt.Sprintf("events[%d] endpoint public_ip", i), canonicalIP(ev.PublicIP))
		}
	}
	return out
}

func kindLabel(kind string) string {
	switch kind {
	case idEmail:
		return "e-mail address"
	case idDomain:
		return "domain"
	case idPhone:
		return "phone number"
	case idDocument:
		return "document number"
	case idWallet:
		return "wallet"
	case idHandle:
		return "handle"
	case idIP:
		return "IP address"
	}
	return kind
}

// WalletListed reports the list and entry naming a wallet address on a
// chain. It lets the payroll detector ask the lists.
func (ix *Index) WalletListed(ctx context.Context, chain, address string) (list, entry string, ok bool, err error) {
	for _, ei := range ix.idents[idWallet+":"+canonicalWallet(chain, address)] {
		e := &ix.entities[ei]
		return e.List, entryLabel(e), true, nil
	}
	return "", "", false, nil
}

// Identifier returns the entries listing an identifier. kind is one of
// email, phone, wallet, document, domain, handle, ip; value is taken as
// written and put in canonical form.
func (ix *Index) Identifier(kind, value string) []*entity.Entity {
	var key string
	switch kind {
	case idEmail:
		key = canonicalEmail(value)
	case idPhone:
		key = canonicalPhone(value, "")
	case idWallet:
		key = canonicalWallet("", value)
	case idDocument:
		key = canonicalDocument(value)
	case idDomain:
		key = canonicalDomain(value)
	case idHandle:
		key = canonicalHandle(value)
	case idIP:
		key = canonicalIP(value)
	}
	var out []*entity.Entity
	for _, ei := range ix.idents[kind+":"+key] {
		out = append(out, &ix.entities[ei])
	}
	return out
}
