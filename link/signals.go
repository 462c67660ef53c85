package link

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ringerhq/ringer"
)

// Indicator citations of the identity-graph signals.
const (
	indicatorShared = "FBI/State/Treasury advisory on DPRK IT workers (2022-05-16) and FBI PSA 2024-05-16: the same contact details, accounts and devices recur across personas"
	indicatorPayout = "FBI PSA 2024-05-16: payment accounts shared by several workers"
	indicatorResume = "Mandiant UNC5267 (2024): personas built from reused résumé templates"
	indicatorPhoto  = "FBI PSA 2025-01-23: the same or altered photos across profiles"
	indicatorPerson = "DOJ indictment of 14 DPRK nationals (2024-12-12): stolen and borrowed identities under several contacts"
	indicatorRing   = "FBI PSA 2023-10-18: one operator behind several remote-worker personas"
	indicatorRefer  = "Security Alliance insider-threat framework: referrals among related personas"
)

// Detector raises the identity-graph signals of a subject from its links
// and ring: shared strong identifiers, near-duplicate résumés and photos,
// the same person under other contacts, referrals inside the ring, and
// ring membership.
type Detector struct{}

// Detect implements ringer.Detector.
func (Detector) Detect(_ context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	id := s.Record.ID
	byKind := make(map[string][]string) // evidence kind -> other records
	best := make(map[string]float64)    // evidence kind -> strongest weight
	household := make(map[string]bool)  // other records at the same home
	for _, l := range s.Links {
		other := l.B
		if other == id {
			other = l.A
		}
		for _, e := range l.Evidence {
			if e.Kind == evidenceHousehold {
				household[other] = true
				continue
			}
			if !slices.Contains(byKind[e.Kind], other) {
				byKind[e.Kind] = append(byKind[e.Kind], other)
			}
			if e.Weight > best[e.Kind] {
				best[e.Kind] = e.Weight
			}
		}
	}
	// A record linked to this one as the same person and sharing its
	// e-mail or phone is the same applicant again (a reapplication, an
	// export from a second system): what else the two share is one
	// person's, not identity reuse, so they are left out of the other
	// signals. The link itself stays in the ring with its evidence.
	again := reapplications(s.Links, id)
	for k, others := range byKind {
		if k == EvidenceSamePerson {
			continue
		}
		byKind[k] = slices.DeleteFunc(others, func(o string) bool { return again[o] })
		if len(byKind[k]) == 0 {
			delete(byKind, k)
		}
	}
	var out []ringer.Signal
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		others := byKind[k]
		sort.Strings(others)
		ev := map[string]any{"records": others}
		switch k {
		case EvidenceResume:
			out = append(out, ringer.Signal{Code: "link.resume_near_duplicate", Weight: best[k],
				Detail:    fmt.Sprintf("résumé nearly identical to %s", countRecords(others)),
				Evidence:  withSimilarity(ev, best[k]),
				Indicator: indicatorResume})
		case EvidencePhoto:
			out = append(out, ringer.Signal{Code: "link.photo_near_duplicate", Weight: best[k],
				Detail:    fmt.Sprintf("photo nearly identical to that of %s", countRecords(others)),
				Evidence:  withSimilarity(ev, best[k]),
				Indicator: indicatorPhoto})
		case EvidenceSamePerson:
			if sharesContact(s.Links, id) {
				continue // the same person with the same contacts: a duplicate, not a signal
			}
			out = append(out, ringer.Signal{Code: "link.same_person_other_contacts", Weight: best[k],
				Detail:    fmt.Sprintf("same name and birth details as %s, with other contact details", countRecords(others)),
				Evidence:  ev,
				Indicator: indicatorPerson})
		default:
			strength := 1.0
			at := 0
			for _, o := range others {
				if household[o] {
					at++
				}
			}
			detail := fmt.Sprintf("%s shared with %s", strings.ReplaceAll(k, "_", " "), countRecords(others))
			if at == len(others) {
				// Everyone sharing it lives at this record's home address:
				// a household (a couple, a family account), far weaker.
				strength = 0.25
				detail += " at the same home address"
				ev["same_home_address"] = true
			}
			ind := indicatorShared
			if k == string(ringer.IDPayoutAccount) || k == string(ringer.IDWallet) {
				ind = indicatorPayout
			}
			out = append(out, ringer.Signal{Code: "link.shared_" + k, Weight: strength,
				Detail: detail, Evidence: ev, Indicator: ind})
		}
	}
	if s.Ring != nil && s.Ring.Size >= 2 {
		others := make([]string, 0, len(s.Ring.Members))
		for _, m := range s.Ring.Members {
			if m != id {
				others = append(others, m)
			}
		}
		strength := min(1, float64(s.Ring.Size-1)/4)
		out = append(out, ringer.Signal{Code: "link.ring_member", Weight: round3(strength),
			Detail:    fmt.Sprintf("in ring %s of %d records", s.Ring.ID, s.Ring.Size),
			Evidence:  map[string]any{"ring": s.Ring.ID, "size": s.Ring.Size, "members": others},
			Indicator: indicatorRing})
		if r := s.Record.ReferredBy; r != "" && slices.Contains(s.Ring.Members, r) {
			out = append(out, ringer.Signal{Code: "link.referral_in_ring", Weight: 1,
				Detail:    fmt.Sprintf("referred by %s, a member of the same ring", r),
				Evidence:  map[string]any{"referred_by": r, "ring": s.Ring.ID},
				Indicator: indicatorRefer})
		}
	}
	return out, nil
}

// reapplications returns the records linked to id as the same person on a
// link that also carries a shared e-mail or phone.
func reapplications(links []ringer.Link, id string) map[string]bool {
	out := make(map[string]bool)
	for _, l := range links {
		same, contact := false, false
		for _, e := range l.Evidence {
			switch e.Kind {
			case EvidenceSamePerson:
				same = true
			case string(ringer.IDEmail), string(ringer.IDPhone):
				contact = true
			}
		}
		if same && contact {
			other := l.B
			if other == id {
				other = l.A
			}
			out[other] = true
		}
	}
	return out
}

// sharesContact reports whether any link of id carries a shared e-mail or
// phone.
func sharesContact(links []ringer.Link, id string) bool {
	for _, l := range links {
		for _, e := range l.Evidence {
			if e.Kind == string(ringer.IDEmail) || e.Kind == string(ringer.IDPhone) {
				return true
			}
		}
	}
	return false
}

func withSimilarity(ev map[string]any, s float64) map[string]any {
	ev["similarity"] = s
	return ev
}

func countRecords(ids []string) string {
	if len(ids) == 1 {
		return "1 other record (" + ids[0] + ")"
	}
	return fmt.Sprintf("%d other records", len(ids))
}
