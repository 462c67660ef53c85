package synth_test

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/ringerhq/ringer/synth"
)

// TestPhonesValid checks that generated numbers are valid numbers of
// their country as libphonenumber knows them, read with the record's
// claimed country as the default region, and that VoIP lines exist.
func TestPhonesValid(t *testing.T) {
	recs, _, _ := run(t, synth.Options{N: 3000, Seed: 21})
	total, valid := 0, 0
	var bad []string
	for _, r := range recs {
		// The default region is where the record says the person is; a
		// national number in a record that says nothing cannot be read.
		region := r.Claimed.Country
		for _, a := range r.Addresses {
			if region == "" && len(a.Country) == 2 {
				region = a.Country
			}
		}
		for _, p := range r.Phones {
			if region == "" && p.Number[0] != '+' {
				continue
			}
			total++
			num, err := phonenumbers.Parse(p.Number, region)
			if err == nil && phonenumbers.IsValidNumber(num) {
				valid++
			} else if len(bad) < 10 {
				bad = append(bad, p.Number+" ("+region+")")
			}
		}
	}
	if total == 0 || float64(valid) < 0.97*float64(total) {
		t.Errorf("%d of %d numbers valid, want ≥ 97%%; e.g. %v", valid, total, bad)
	}
}
