package detect_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ringerhq/ringer"
)

// honestPopulation builds honest workers with ordinary, varied telemetry,
// each named from names, with payout accounts in their own names.
func honestPopulation(names [][2]string) ([]ringer.Record, []ringer.Event) {
	cities := []struct{ city, region, zip, tz, ip string }{
		{"Austin", "TX", "78701", "America/Chicago", "203.0.113."},
		{"Boston", "MA", "02108", "America/New_York", "192.0.2."},
		{"Las Vegas", "NV", "89103", "America/Los_Angeles", "198.51.100."},
	}
	var recs []ringer.Record
	var evs []ringer.Event
	for i, n := range names {
		c := cities[i%len(cities)]
		id := fmt.Sprintf("honest-%03d", i)
		r := person(id, n[0], n[1], c.city, c.region, c.zip, c.tz)
		r.Phones = []ringer.Phone{{Number: fmt.Sprintf("+1 512 555 %04d", 100+i), LineType: []string{"mobile", "voip", "landline"}[i%3]}}
		r.PayoutAccounts = []ringer.PayoutAccount{{Type: "bank", Country: "US", Routing: "021000021",
			Number: fmt.Sprintf("%012d", 1000+i), Holder: n[0] + " " + n[1]}}
		recs = append(recs, r)
		ip := fmt.Sprintf("%s%d", c.ip, 10+i)
		// Local office hours in the claimed zone, expressed in UTC.
		offset := map[string]int{"America/Chicago": 6, "America/New_York": 5, "America/Los_Angeles": 8}[c.tz]
		for _, h := range []int{9, 11, 14, 16} {
			evs = append(evs, signInsDaily(id, ip, "2026-02-02T00:00:00Z", 6, (h+offset)%24)...)
		}
		evs = append(evs, ringer.Event{Type: ringer.EventEndpointInventory, RecordID: id, DeviceID: "MBP-" + id,
			Software: []ringer.Software{{Name: "Slack"}}, WiFi: &ringer.WiFi{BSSID: fmt.Sprintf("a4:2b:b0:00:00:%02x", i)}, PublicIP: ip})
	}
	return recs, evs
}

// TestNameSwapFairness swaps the names of honest people between cultures
// (Korean and Chinese names for others' and the reverse), everything else
// equal, and requires identical signals: the detectors never read a name
// as a risk factor.
func TestNameSwapFairness(t *testing.T) {
	names := [][2]string{
		{"Min-jun", "Kim"}, {"Emily", "Clark"}, {"Wei", "Zhang"}, {"Daniel", "Moore"},
		{"Ji-woo", "Park"}, {"Laura", "Wright"}, {"Xiu Ying", "Wang"}, {"Jason", "Miller"},
		{"Seo-yeon", "Lee"}, {"Maria", "Garcia"}, {"Hao", "Li"}, {"Kevin", "Harris"},
	}
	swapped := make([][2]string, len(names))
	for i := range names {
		swapped[i] = names[i^1] // Korean/Chinese ↔ the neighbour's name
	}
	recA, evA := honestPopulation(names)
	recB, evB := honestPopulation(swapped)
	wa := newWorld(t, recA, evA, nil)
	wb := newWorld(t, recB, evB, nil)
	raised := 0
	for _, r := range recA {
		raised += len(wa.screen(t, r.ID))
		a, _ := json.Marshal(wa.screen(t, r.ID))
		b, _ := json.Marshal(wb.screen(t, r.ID))
		if string(a) != string(b) {
			t.Errorf("%s: signals change with the name:\n%s\n%s", r.ID, a, b)
		}
	}
	if raised == 0 {
		t.Fatal("the population raised no signal at all; the comparison shows nothing")
	}
}

// TestHonestLookAlikes screens the honest look-alikes of the scenario
// suite and bounds what they may raise: nothing strong.
func TestHonestLookAlikes(t *testing.T) {
	// A Korean-American applicant named Kim with clean signals.
	kim := person("kim", "Min-jun", "Kim", "Seattle", "WA", "98101", "America/Los_Angeles")
	kim.Kind = ringer.KindApplicant
	kim.BirthPlace = "Seoul"
	kim.Emails = []string{"minjun.kim@gmail.com"}
	kim.Phones = []ringer.Phone{{Number: "+1 206 555 0142", LineType: "mobile"}}
	kim.Attributes = map[string]any{"citizenship": "KR", "nationality": "KR"}
	// Two recruiters from one agency: one office address, phone line and
	// network.
	agency := ringer.Address{Use: "work", Line1: "100 Congress Ave", City: "Austin", Region: "TX", Postcode: "78701", Country: "US"}
	rec1 := person("recruiter-1", "Ann", "Lowe", "Austin", "TX", "78701", "America/Chicago")
	rec2 := person("recruiter-2", "Ben", "Ortiz", "Austin", "TX", "78701", "America/Chicago")
	rec1.Kind, rec2.Kind = ringer.KindContractor, ringer.KindContractor
	rec1.Addresses = append(rec1.Addresses, agency)
	rec2.Addresses = append(rec2.Addresses, agency)
	rec1.Phones = []ringer.Phone{{Number: "+1 512 555 0100", LineType: "landline"}}
	rec2.Phones = rec1.Phones
	var evs []ringer.Event
	evs = append(evs, signInsDaily("recruiter-1", "203.0.113.50", "2026-02-02T00:00:00Z", 25, 16)...)
	evs = append(evs, signInsDaily("recruiter-2", "203.0.113.50", "2026-02-02T00:00:00Z", 25, 17)...)
	evs = append(evs, signInAt("kim", "2026-02-01T18:00:00Z", "2001:db8::42"))
	w := newWorld(t, []ringer.Record{kim, rec1, rec2}, evs, nil)
	for _, id := range []string{"kim", "recruiter-1", "recruiter-2"} {
		sig := w.screen(t, id)
		for _, s := range sig {
			if s.Weight > 0.3 {
				t.Errorf("%s: %s weight %v (%s)", id, s.Code, s.Weight, s.Detail)
			}
		}
		if id == "kim" && len(sig) != 0 {
			t.Errorf("kim: clean applicant raised %v", codes(sig))
		}
	}
}
