package normalize

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// FuzzPhoneValid checks that Phone's Valid, read from the number type,
// agrees with libphonenumber's IsValidNumber.
func FuzzPhoneValid(f *testing.F) {
	for _, s := range []string{"+1 (415) 555-0134", "+1 415 555 013", "07700 900123", "+44 7911 123456", "+800 1234 5678", "+882 1234 5678"} {
		f.Add(s, "GB")
	}
	f.Fuzz(func(t *testing.T, s, region string) {
		p, err := Phone(s, region)
		if err != nil {
			return
		}
		n, err := phonenumbers.Parse(p.E164, "ZZ")
		if err != nil {
			t.Fatalf("Phone(%q) = %+v, but its E.164 does not parse: %v", s, p, err)
		}
		if want := phonenumbers.IsValidNumber(n); p.Valid != want {
			t.Fatalf("Phone(%q).Valid = %v, IsValidNumber = %v", s, p.Valid, want)
		}
	})
}
