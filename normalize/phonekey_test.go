package normalize

import "testing"

// TestPhoneKeyAgreesWithPhone checks that the keying shortcut gives the
// E.164 form and validity that Phone gives.
func TestPhoneKeyAgreesWithPhone(t *testing.T) {
	for _, tt := range []struct{ number, region string }{
		{"+1 (415) 555-0134", ""}, {"(415) 555-0134", "US"}, {"0044 20 7946 0958", "GB"},
		{"tel:+44-20-7946-0958", ""}, {"+82 10-1234-5678", ""}, {"010-1234-5678", "KR"},
		{"+86 138 0013 8000", ""}, {"0000000000", "US"}, {"1234567890", "US"}, {"+1 800 555 0199", ""},
		{"+850 2 381 8111", ""}, {"12", "US"}, {"abc", ""}, {"", "US"},
	} {
		p, perr := Phone(tt.number, tt.region)
		e, valid, kerr := phoneKey(tt.number, tt.region)
		if (perr != nil) != (kerr != nil) {
			t.Errorf("%q: Phone error %v, phoneKey error %v", tt.number, perr, kerr)
			continue
		}
		if perr == nil && (p.E164 != e || p.Valid != valid) {
			t.Errorf("%q: Phone %s valid %v, phoneKey %s valid %v", tt.number, p.E164, p.Valid, e, valid)
		}
	}
}

// phoneKeyBench are numbers as the synthetic data and applicants write
// them, with the region each is read in.
var phoneKeyBench = []struct{ number, region string }{
	{"+18575656824", "US"}, {"+1 (415) 555-0134", "US"}, {"(972) 618-7468", "US"}, {"1-972-618-7468", "US"},
	{"+61 4305 75902", "AU"}, {"0049 15203274707", "DE"}, {"07700 900123", "GB"}, {"+44 7911 123456", "GB"},
}

// BenchmarkPhoneKey is keying's parse: the fast path where it applies.
func BenchmarkPhoneKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := phoneKeyBench[i%len(phoneKeyBench)]
		_, _, _ = phoneKey(p.number, p.region)
	}
}

// BenchmarkPhoneKeyLibrary is the same numbers through libphonenumber
// alone, for comparison.
func BenchmarkPhoneKeyLibrary(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := phoneKeyBench[i%len(phoneKeyBench)]
		_, _, _ = libraryPhoneKey(p.number, p.region)
	}
}
