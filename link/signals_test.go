package link_test

import (
	"context"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/link"
)

func TestDetectorSignals(t *testing.T) {
	payout := ringer.Evidence{Kind: string(ringer.IDPayoutAccount), Weight: 1}
	household := ringer.Evidence{Kind: "same_home_address", Weight: 0}
	ring := &ringer.Ring{ID: "ring-3", Size: 3, Members: []string{"a", "b", "c"}}
	tests := []struct {
		name    string
		subject ringer.Subject
		want    map[string]float64 // code -> strength
		notWant []string
	}{
		{
			name: "payout account shared with strangers",
			subject: ringer.Subject{Record: ringer.Record{ID: "a"}, Ring: ring, Links: []ringer.Link{
				{A: "a", B: "b", Score: 1, Evidence: []ringer.Evidence{payout}},
				{A: "a", B: "c", Score: 1, Evidence: []ringer.Evidence{payout}}}},
			want: map[string]float64{"link.shared_payout_account": 1, "link.ring_member": 0.5},
		},
		{
			name: "a household's account counts for less",
			subject: ringer.Subject{Record: ringer.Record{ID: "a"}, Links: []ringer.Link{
				{A: "a", B: "b", Score: 1, Evidence: []ringer.Evidence{payout, household}}}},
			want: map[string]float64{"link.shared_payout_account": 0.25},
		},
		{
			name: "referral inside the ring",
			subject: ringer.Subject{Record: ringer.Record{ID: "c", ReferredBy: "a"}, Ring: ring, Links: []ringer.Link{
				{A: "a", B: "c", Score: 1, Evidence: []ringer.Evidence{{Kind: link.EvidenceResume, Weight: 0.8}}}}},
			want: map[string]float64{"link.referral_in_ring": 1, "link.resume_near_duplicate": 0.8},
		},
		{
			name: "the same person with the same phone is a duplicate, not a signal",
			subject: ringer.Subject{Record: ringer.Record{ID: "a"}, Links: []ringer.Link{
				{A: "a", B: "b", Score: 1, Evidence: []ringer.Evidence{{Kind: "phone", Weight: 1}, {Kind: link.EvidenceSamePerson, Weight: 0.99},
					{Kind: link.EvidencePhoto, Weight: 0.95}, {Kind: link.EvidenceResume, Weight: 0.9}}}}},
			want:    map[string]float64{},
			notWant: []string{"link.same_person_other_contacts", "link.shared_phone", "link.photo_near_duplicate", "link.resume_near_duplicate"},
		},
		{
			name: "a reapplication still shows what it shares with strangers",
			subject: ringer.Subject{Record: ringer.Record{ID: "a"}, Links: []ringer.Link{
				{A: "a", B: "b", Score: 1, Evidence: []ringer.Evidence{{Kind: "email", Weight: 1}, payout, {Kind: link.EvidenceSamePerson, Weight: 0.99}}},
				{A: "a", B: "c", Score: 1, Evidence: []ringer.Evidence{payout}}}},
			want:    map[string]float64{"link.shared_payout_account": 1},
			notWant: []string{"link.shared_email"},
		},
		{
			name:    "no links, no signals",
			subject: ringer.Subject{Record: ringer.Record{ID: "a"}},
			want:    map[string]float64{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sigs, err := link.Detector{}.Detect(context.Background(), &tt.subject)
			if err != nil {
				t.Fatal(err)
			}
			got := make(map[string]float64)
			for _, s := range sigs {
				got[s.Code] = s.Weight
				if s.Indicator == "" || s.Detail == "" {
					t.Errorf("%s: missing indicator or detail", s.Code)
				}
			}
			for code, w := range tt.want {
				if g, ok := got[code]; !ok || g != w {
					t.Errorf("%s = %v (present %v), want %v; all %v", code, g, ok, w, got)
				}
			}
			for _, code := range tt.notWant {
				if _, ok := got[code]; ok {
					t.Errorf("%s raised, want not", code)
				}
			}
			if len(tt.want) == 0 && len(got) > 0 {
				t.Errorf("signals %v, want none", got)
			}
		})
	}
}
