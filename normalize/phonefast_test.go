package normalize

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// libraryPhoneKey is phoneKey by libphonenumber alone, what fastPhoneKey
// must agree with.
func libraryPhoneKey(number, region string) (string, bool, error) {
	n, err := phonenumbers.Parse(number, region)
	if err != nil {
		return "", false, err
	}
	n.Extension = nil
	return phonenumbers.Format(n, phonenumbers.E164), phonenumbers.IsValidNumber(n), nil
}

// checkFastPhoneKey fails t when fastPhoneKey takes number and answers
// otherwise than the library. It reports whether the fast path took it.
func checkFastPhoneKey(t *testing.T, number, region string) bool {
	t.Helper()
	e164, valid, ok := fastPhoneKey(number, region)
	if !ok {
		return false
	}
	want, wantValid, err := libraryPhoneKey(number, region)
	if err != nil {
		t.Errorf("fastPhoneKey(%q, %q) = %q, %v; the library fails: %v", number, region, e164, valid, err)
		return true
	}
	if e164 != want || valid != wantValid {
		t.Errorf("fastPhoneKey(%q, %q) = %q, %v; the library says %q, %v", number, region, e164, valid, want, wantValid)
	}
	return true
}

// phoneForms writes a number the ways people do: E.164, international and
// national format, national digits alone, after 00 and 011, the calling
// code without '+', with other separators.
func phoneForms(n *phonenumbers.PhoneNumber) []string {
	cc := strconv.Itoa(int(n.GetCountryCode()))
	nsn := phonenumbers.GetNationalSignificantNumber(n)
	intl := phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
	nat := phonenumbers.Format(n, phonenumbers.NATIONAL)
	forms := []string{
		phonenumbers.Format(n, phonenumbers.E164), intl, nat, nsn, "00" + cc + nsn, "011" + cc + nsn,
		"00 " + cc + " " + nsn, cc + nsn, cc + " " + nsn, "0" + nsn, "(" + nsn[:min(3, len(nsn))] + ") " + nsn[min(3, len(nsn)):],
		"+" + cc + " (" + nsn[:min(3, len(nsn))] + ") " + nsn[min(3, len(nsn)):], "+(" + cc + ") " + nsn,
	}
	for _, f := range []string{intl, nat} {
		forms = append(forms, strings.ReplaceAll(f, " ", "-"), strings.ReplaceAll(f, " ", "."), strings.ReplaceAll(f, " ", ""))
	}
	return forms
}

// phoneTestRegions are the default regions each test number is read in
// besides its own: none, a region sharing +1, one with several national
// prefixes, one that keeps the national 0.
var phoneTestRegions = []string{"ZZ", "CA", "DE", "IT"}

func TestFastPhoneKey(t *testing.T) {
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER,
		phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL}
	var examples []*phonenumbers.PhoneNumber
	var regions []string
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	for _, r := range regions {
		for _, typ := range types {
			if n := phonenumbers.GetExampleNumberForType(r, typ); n != nil {
				examples = append(examples, n)
			}
		}
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			examples = append(examples, n)
		}
	}
	took, all := 0, 0
	try := func(number string, own string) {
		for _, r := range append([]string{own}, phoneTestRegions...) {
			all++
			if checkFastPhoneKey(t, number, r) {
				took++
			}
		}
	}
	for _, n := range examples {
		own := phonenumbers.GetRegionCodeForNumber(n)
		for i, f := range phoneForms(n) {
			try(f, own)
			// Numbers one digit off their plan, or one digit short or long.
			if last := f[len(f)-1]; i < 6 && '0' <= last && last <= '9' {
				try(f[:len(f)-1]+string('0'+(last-'0'+3)%10), own)
				try(f[:len(f)-1], own)
				try(f+"7", own)
			}
		}
	}
	if took < all/2 {
		t.Errorf("the fast path took %d of %d example numbers, want most", took, all)
	}
	t.Logf("the fast path took %d of %d example numbers", took, all)
}

// TestFastPhoneKeyRandom reads random digit strings, written with random
// separators, in random regions.
func TestFastPhoneKeyRandom(t *testing.T) {
	var regions []string
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	regions = append(regions, "ZZ")
	rng := rand.New(rand.NewPCG(1, 2))
	seps := []string{"", "", "", " ", "-", ".", "(", ")"}
	n := 50_000
	if testing.Short() {
		n = 5_000
	}
	for range n {
		var b strings.Builder
		switch rng.IntN(4) {
		case 0:
			b.WriteByte('+')
		case 1:
			b.WriteString("00")
		case 2:
			b.WriteByte('(')
		}
		for range 3 + rng.IntN(15) {
			b.WriteString(seps[rng.IntN(len(seps))])
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		checkFastPhoneKey(t, b.String(), regions[rng.IntN(len(regions))])
	}
}

// TestFastPhoneKeyFile checks every phone number of a JSON Lines file of
// records (RINGER_PHONE_FILE, such as `ringer synth` output) read as
// phoneKey reads it; it is skipped without one.
func TestFastPhoneKeyFile(t *testing.T) {
	path := os.Getenv("RINGER_PHONE_FILE")
	if path == "" {
		t.Skip("RINGER_PHONE_FILE names no file")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	took, all := 0, 0
	for sc.Scan() {
		var r struct {
			Phones []struct {
				Number string `json:"number"`
			} `json:"phones"`
			Claimed struct {
				Country string `json:"country"`
			} `json:"claimed"`
		}
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		region := "ZZ"
		if c := Country(r.Claimed.Country); c != "" {
			region = c
		}
		for _, p := range r.Phones {
			if s := strings.TrimSpace(p.Number); s != "" && len(s) <= 64 {
				all++
				if checkFastPhoneKey(t, s, region) {
					took++
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("the fast path took %d of %d numbers", took, all)
}

// FuzzFastPhoneKey holds fastPhoneKey to the library on any input.
func FuzzFastPhoneKey(f *testing.F) {
	for _, s := range []string{"+1 (415) 555-0134", "+18575656824", "9726187468", "1-972-618-7468", "(972) 618-7468",
		"+61 4305 75902", "0049 15203274707", "0044 7978016997", "07700 900123", "08997 389784", "+44 7911 123456",
		"+800 1234 5678", "+882 1234 5678", "020 7946 0958", "011 44 20 7946 0958", "+7 701 123 4567", "8 701 123 4567",
		"+39 06 1234 5678", "06 1234 5678", "+54 9 11 1234 5678", "011 15 1234 5678", "+52 1 55 1234 5678", "000", "+0"} {
		for _, r := range []string{"US", "", "GB", "DE", "AR", "IT", "KZ", "MX"} {
			f.Add(s, r)
		}
	}
	f.Fuzz(func(t *testing.T, s, regionIn string) {
		number := strings.TrimSpace(s)
		if number == "" || len(number) > 64 {
			return
		}
		region := "ZZ"
		if c := Country(regionIn); c != "" {
			region = c
		}
		checkFastPhoneKey(t, number, region)
	})
}

// TestDigitDFA holds the DFA of every libphonenumber number pattern to
// package regexp on random digit strings and on each description's
// example number with one digit changed, dropped or added.
func TestDigitDFA(t *testing.T) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	patterns, noDFA := 0, 0
	for _, m := range coll.GetMetadata() {
		for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetGeneralDesc(), m.GetFixedLine(), m.GetMobile(), m.GetTollFree(),
			m.GetPremiumRate(), m.GetSharedCost(), m.GetVoip(), m.GetPersonalNumber(), m.GetPager(), m.GetUan(), m.GetVoicemail()} {
			desc := newPhoneDesc(d)
			patterns++
			if desc.dfa == nil {
				noDFA++
				continue
			}
			var tries []string
			if ex := d.GetExampleNumber(); ex != "" {
				tries = append(tries, ex, ex[:len(ex)-1], ex+"5")
				for i := range ex {
					for _, c := range "09" {
						tries = append(tries, ex[:i]+string(c)+ex[i+1:])
					}
				}
			}
			for range 200 {
				b := make([]byte, rng.IntN(18))
				for i := range b {
					b[i] = byte('0' + rng.IntN(10))
				}
				tries = append(tries, string(b))
			}
			for _, s := range tries {
				got, ok := desc.dfa.match(s)
				if want := desc.re.MatchString(s); !ok || got != want {
					t.Errorf("%s pattern %q on %q: DFA %v (%v), regexp %v", m.GetId(), d.GetNationalNumberPattern(), s, got, ok, want)
				}
			}
		}
	}
	if noDFA > patterns/20 {
		t.Errorf("%d of %d patterns have no DFA", noDFA, patterns)
	}
	t.Logf("%d patterns, %d without a DFA", patterns, noDFA)
}
