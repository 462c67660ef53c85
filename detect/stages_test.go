package detect_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
)

func TestApplication(t *testing.T) {
	base := func(mod func(*ringer.Record)) []ringer.Record {
		r := person("app-1", "Daniel", "Moore", "Austin", "TX", "78701", "America/Chicago")
		r.Kind = ringer.KindApplicant
		r.ObservedAt = at("2026-03-01T12:00:00Z")
		if mod != nil {
			mod(&r)
		}
		return []ringer.Record{r}
	}
	cases := []stageCase{
		{name: "clean", records: base(func(r *ringer.Record) {
			r.Phones = []ringer.Phone{{Number: "+1 512 555 0199", LineType: "mobile"}}
		}), events: []ringer.Event{signInAt("app-1", "2026-03-01T12:00:05Z", "203.0.113.4")}, subject: "app-1"},
		{name: "carrier voip only number", records: base(func(r *ringer.Record) {
			r.Phones = []ringer.Phone{{Number: "+1 (415) 555-0134", LineType: "voip"}}
		}), subject: "app-1", want: []string{"application.voip_phone"},
			weights: map[string][2]float64{"application.voip_phone": {1, 1}}},
		{name: "google voice beside a mobile", records: base(func(r *ringer.Record) {
			r.Phones = []ringer.Phone{{Number: "+1 512 555 0199", LineType: "voip"}, {Number: "+1 512 555 0123", LineType: "mobile"}}
		}), subject: "app-1", want: []string{"application.voip_phone"},
			weights: map[string][2]float64{"application.voip_phone": {0.7, 0.8}}},
		{name: "toll free", records: base(func(r *ringer.Record) {
			r.Phones = []ringer.Phone{{Number: "+1 800 555 0100", LineType: "toll_free"}}
		}), subject: "app-1", want: []string{"application.non_geographic_phone"}},
		{name: "disposable e-mail", records: base(func(r *ringer.Record) {
			r.Emails = []string{"dmoore@mailinator.com"}
		}), subject: "app-1", want: []string{"application.disposable_email"},
			weights: map[string][2]float64{"application.disposable_email": {1, 1}}},
		{name: "free mail is not suspicious", records: base(func(r *ringer.Record) {
			r.Emails = []string{"dmoore@gmail.com"}
		}), subject: "app-1"},
		{name: "profile back-dated six years", records: base(func(r *ringer.Record) {
			r.Profiles = []ringer.Profile{{Site: "github", Handle: "dmoore-dev", CreatedAt: ringer.Date{Year: 2025, Month: 11, Day: 2}, EarliestActivity: ringer.Date{Year: 2019, Month: 5, Day: 1}}}
		}), subject: "app-1", want: []string{"application.profile_predates_account"},
			weights: map[string][2]float64{"application.profile_predates_account": {1, 1}}},
		{name: "partial activity date within the creation year", records: base(func(r *ringer.Record) {
			r.Profiles = []ringer.Profile{{Site: "github", CreatedAt: ringer.Date{Year: 2019, Month: 3}, EarliestActivity: ringer.Date{Year: 2019}}}
		}), subject: "app-1"},
		{name: "applied from Pyongyang", records: base(nil),
			events: []ringer.Event{signInAt("app-1", "2026-03-01T12:00:05Z", "175.45.176.9")}, subject: "app-1",
			want: []string{"application.ip_country_mismatch"}},
		{name: "applied through Astrill", records: base(nil),
			events: []ringer.Event{signInAt("app-1", "2026-03-01T12:00:05Z", "142.214.202.2")}, subject: "app-1",
			want: []string{"application.anonymizer_ip"}},
		{name: "application ip from an attribute", records: base(func(r *ringer.Record) {
			r.Attributes = map[string]any{"application_ip": "1.2.3.4"}
		}), subject: "app-1", want: []string{"application.ip_country_mismatch"}},
	}
	runStage(t, "application.", cases)
}

func TestInterview(t *testing.T) {
	rec := func() []ringer.Record {
		r := person("cand-1", "Kevin", "Harris", "Seattle", "WA", "98101", "America/Los_Angeles")
		r.Kind = ringer.KindApplicant
		r.Photos = []ringer.Photo{{PHash: "c3d4e5f6a7b8c9d0"}}
		return []ringer.Record{r}
	}
	iv := func(when string, camera *bool, obs []string, ip, phash string) ringer.Event {
		e := ringer.Event{Type: ringer.EventInterview, RecordID: "cand-1", At: at(when), CameraOn: camera, Observations: obs, ParticipantIP: ip}
		if phash != "" {
			e.Photo = &ringer.Photo{PHash: phash}
		}
		return e
	}
	cases := []stageCase{
		{name: "ordinary interviews", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(true), nil, "192.0.2.10", "c3d4e5f6a7b8c9d1"),
			iv("2026-03-12T15:00:00Z", ptr(true), nil, "192.0.2.10", "c3d4e5f6a7b8c9d0")}},
		{name: "camera off in every round", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(false), nil, "", ""),
			iv("2026-03-12T15:00:00Z", ptr(false), nil, "", "")},
			want: []string{"interview.camera_off"}, weights: map[string][2]float64{"interview.camera_off": {1, 1}}},
		{name: "camera off once in three", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(false), nil, "", ""),
			iv("2026-03-10T15:00:00Z", ptr(true), nil, "", ""),
			iv("2026-03-12T15:00:00Z", ptr(true), nil, "", "")},
			want: []string{"interview.camera_off"}, weights: map[string][2]float64{"interview.camera_off": {0.5, 0.6}}},
		{name: "declined checks and changed voice", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(true), []string{"declined_liveness_check", "refused_location_check", "voice_changed"}, "", "")},
			want: []string{"interview.declined_liveness", "interview.refused_location_check", "interview.voice_changed"}},
		{name: "behaviour", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(true), []string{"reading_answers", "face_artifacts", "virtual_background"}, "", "")},
			want: []string{"interview.behaviour"}, weights: map[string][2]float64{"interview.behaviour": {0.75, 0.75}}},
		{name: "another face", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(true), nil, "", "3c2b1a09584736f2")},
			want: []string{"interview.face_changed"}, weights: map[string][2]float64{"interview.face_changed": {0.6, 1}}},
		{name: "face changed between rounds", records: []ringer.Record{person("cand-1", "Kevin", "Harris", "Seattle", "WA", "98101", "America/Los_Angeles")},
			subject: "cand-1", events: []ringer.Event{
				iv("2026-03-09T15:00:00Z", ptr(true), nil, "", "c3d4e5f6a7b8c9d0"),
				iv("2026-03-12T15:00:00Z", ptr(true), nil, "", "3c2b1a09584736f2")},
			want: []string{"interview.face_changed"}},
		{name: "joined through a VPN and from abroad", records: rec(), subject: "cand-1", events: []ringer.Event{
			iv("2026-03-09T15:00:00Z", ptr(true), nil, "155.94.199.59", ""),
			iv("2026-03-10T15:00:00Z", ptr(true), nil, "142.214.202.2", ""),
			iv("2026-03-12T15:00:00Z", ptr(true), nil, "1.2.3.4", "")},
			want: []string{"interview.anonymizer_ip", "interview.ip_country_mismatch"}},
	}
	runStage(t, "interview.", cases)
}

func TestOnboarding(t *testing.T) {
	farm := ringer.Address{Use: "shipping", Line1: "5120 W Tropicana Ave", City: "Las Vegas", Region: "NV", Postcode: "89103", Country: "US"}
	ship := func(id string, a ringer.Address, change bool) ringer.Event {
		return ringer.Event{Type: ringer.EventShipment, RecordID: id, At: at("2026-01-10T00:00:00Z"), Address: &a, RequestedChange: ptr(change)}
	}
	laura := person("emp-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver")
	jason := person("emp-2", "Jason", "Clark", "Boston", "MA", "02108", "America/New_York")
	amy := person("emp-3", "Amy", "Stone", "Miami", "FL", "33101", "America/New_York")
	home := laura.Addresses[0]
	spouse := person("emp-4", "Tom", "Wright", "Denver", "CO", "80202", "America/Denver")
	spouse.Addresses = []ringer.Address{home}
	cases := []stageCase{
		{name: "shipped home", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", home, false)}},
		{name: "shipped to another state after a change request", records: []ringer.Record{laura}, subject: "emp-1",
			events:  []ringer.Event{ship("emp-1", farm, true)},
			want:    []string{"onboarding.address_change_request", "onboarding.shipping_differs_from_home"},
			weights: map[string][2]float64{"onboarding.shipping_differs_from_home": {0.8, 0.8}, "onboarding.address_change_request": {0.8, 0.8}}},
		{name: "PO box", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", ringer.Address{Raw: "PO Box 1234, Denver CO 80202, USA"}, false)},
			want:   []string{"onboarding.freight_forwarder", "onboarding.shipping_differs_from_home"}},
		{name: "reshipper", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", ringer.Address{Line1: "1200 Forwarding Way", Line2: "PMB 4471", City: "Portland", Region: "OR", Postcode: "97201", Country: "US"}, false)},
			want:   []string{"onboarding.freight_forwarder", "onboarding.shipping_differs_from_home"}},
		{name: "package forwarder's customer suite", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", ringer.Address{Line1: "9188 NW 64th Ave", Line2: "Suite 142 #L2-4071", City: "Miami", Region: "FL", Postcode: "33197", Country: "US"}, false)},
			want:   []string{"onboarding.freight_forwarder", "onboarding.shipping_differs_from_home"}},
		{name: "office suite and room number", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", ringer.Address{Line1: "100 Main St", Line2: "Suite 200 #5", City: "Denver", Region: "CO", Postcode: "80202", Country: "US"}, false)},
			want:   []string{"onboarding.shipping_differs_from_home"}},
		{name: "laptop farm", records: []ringer.Record{laura, jason, amy}, subject: "emp-1",
			events:  []ringer.Event{ship("emp-1", farm, true), ship("emp-2", farm, false), ship("emp-3", farm, false)},
			want:    []string{"onboarding.address_change_request", "onboarding.shared_shipping_address", "onboarding.shipping_differs_from_home"},
			weights: map[string][2]float64{"onboarding.shared_shipping_address": {0.75, 0.75}}},
		{name: "married couple at one address", records: []ringer.Record{laura, spouse}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", home, false), ship("emp-4", home, false)}},
		{name: "partner with no home address on file", records: []ringer.Record{laura, homeless(spouse)}, subject: "emp-1",
			events: []ringer.Event{ship("emp-1", home, false), ship("emp-4", home, false)}},
		{name: "laptop farm host", records: []ringer.Record{laura, jason, amy}, subject: "emp-1",
			events:  []ringer.Event{ship("emp-1", home, false), ship("emp-2", home, true), ship("emp-3", home, false)},
			want:    []string{"onboarding.shared_shipping_address"},
			weights: map[string][2]float64{"onboarding.shared_shipping_address": {0.75, 0.75}}},
	}
	runStage(t, "onboarding.", cases)
}

// homeless returns the record without any address.
func homeless(r ringer.Record) ringer.Record {
	r.Addresses = nil
	return r
}

func TestNetwork(t *testing.T) {
	dan := person("emp-1", "Daniel", "Moore", "Austin", "TX", "78701", "America/Chicago")
	var team []ringer.Record
	var teamEvents []ringer.Event
	for i, n := range []string{"Ann", "Bob", "Cid", "Dee", "Eve", "Fay"} {
		id := "team-" + n
		team = append(team, person(id, n, "Team", []string{"Austin", "Denver", "Boston", "Miami", "Austin", "Seattle"}[i], "TX", "78701", "America/Chicago"))
		teamEvents = append(teamEvents, signInsDaily(id, "198.18.0.5", "2026-02-02T00:00:00Z", 10, 15)...)
	}
	var office []ringer.Record
	var officeEvents []ringer.Event
	for _, n := range []string{"Ann", "Bob", "Cid", "Dee", "Eve"} {
		id := "office-" + n
		office = append(office, person(id, n, "Office", "Austin", "TX", "78701", "America/Chicago"))
		officeEvents = append(officeEvents, signInsDaily(id, "203.0.113.9", "2026-02-02T00:00:00Z", 10, 15)...)
	}
	farm := []ringer.Record{
		person("farm-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver"),
		person("farm-2", "Jason", "Clark", "Boston", "MA", "02108", "America/New_York"),
		person("farm-3", "Amy", "Stone", "Miami", "FL", "33101", "America/New_York"),
		person("farm-4", "Raj", "Patel", "Chicago", "IL", "60601", "America/Chicago"),
	}
	var farmEvents []ringer.Event
	for _, r := range farm {
		farmEvents = append(farmEvents, signInsDaily(r.ID, "198.51.100.7", "2026-02-02T00:00:00Z", 10, 15)...)
	}
	travel := append(signInsDaily("emp-1", "203.0.113.4", "2026-02-01T00:00:00Z", 40, 15),
		signInsDaily("emp-1", "81.2.69.142", "2026-03-20T00:00:00Z", 4, 10)...)
	mfa := func(id, dev string) ringer.Event {
		e := signInAt(id, "2026-02-03T15:00:00Z", "203.0.113.4")
		e.MFADeviceID = dev
		return e
	}
	cases := []stageCase{
		{name: "home sign-ins", records: []ringer.Record{dan}, subject: "emp-1",
			events: signInsDaily("emp-1", "203.0.113.4", "2026-02-01T00:00:00Z", 30, 15)},
		{name: "always through Astrill", records: []ringer.Record{dan}, subject: "emp-1",
			events:  signInsDaily("emp-1", "142.214.202.2", "2026-02-01T00:00:00Z", 30, 2),
			want:    []string{"network.known_vpn_provider"},
			weights: map[string][2]float64{"network.known_vpn_provider": {1, 1}}},
		{name: "one hosting sign-in in fifty", records: []ringer.Record{dan}, subject: "emp-1",
			events: append(signInsDaily("emp-1", "203.0.113.4", "2026-02-01T00:00:00Z", 49, 15),
				signInAt("emp-1", "2026-04-01T15:00:00Z", "45.76.10.1")),
			want: []string{"network.anonymizer"}, weights: map[string][2]float64{"network.anonymizer": {0.3, 0.35}}},
		{name: "works from Shenyang", records: []ringer.Record{dan}, subject: "emp-1",
			events: signInsDaily("emp-1", "1.2.3.4", "2026-02-01T00:00:00Z", 30, 2),
			want:   []string{"network.country_mismatch"}, weights: map[string][2]float64{"network.country_mismatch": {1, 1}}},
		{name: "employee travelling abroad", records: []ringer.Record{dan}, subject: "emp-1", events: travel,
			want: []string{"network.country_mismatch"}, weights: map[string][2]float64{"network.country_mismatch": {0.01, 0.1}}},
		{name: "Austin then Pyongyang within the hour", records: []ringer.Record{dan}, subject: "emp-1",
			events: []ringer.Event{signInAt("emp-1", "2026-02-03T15:00:00Z", "203.0.113.4"), signInAt("emp-1", "2026-02-03T16:00:00Z", "175.45.176.9"),
				signInAt("emp-1", "2026-02-03T17:00:00Z", "203.0.113.4")},
			want:    []string{"network.country_mismatch", "network.impossible_travel"},
			weights: map[string][2]float64{"network.impossible_travel": {0.75, 0.75}}},
		{name: "a flight is not impossible travel", records: []ringer.Record{dan}, subject: "emp-1",
			events: []ringer.Event{signInAt("emp-1", "2026-02-03T08:00:00Z", "203.0.113.4"), signInAt("emp-1", "2026-02-03T20:00:00Z", "81.2.69.142")},
			want:   []string{"network.country_mismatch"}},
		{name: "team behind the corporate VPN", records: team, events: teamEvents, subject: "team-Ann"},
		{name: "office in the claimed city", records: office, events: officeEvents, subject: "office-Ann",
			want: []string{"network.shared_ip_workers"}, weights: map[string][2]float64{"network.shared_ip_workers": {0.2, 0.2}}},
		{name: "laptop farm", records: farm, events: farmEvents, subject: "farm-1",
			want:    []string{"network.shared_ip_workers"},
			weights: map[string][2]float64{"network.shared_ip_workers": {1, 1}}},
		{name: "one MFA device, two accounts", records: []ringer.Record{dan, farm[0]}, subject: "emp-1",
			events: []ringer.Event{mfa("emp-1", "yubi-55"), mfa("farm-1", "yubi-55")},
			want:   []string{"network.shared_ip_workers", "network.shared_mfa_device"}},
	}
	runStage(t, "network.", cases)
}

func TestActivity(t *testing.T) {
	rec := []ringer.Record{person("emp-1", "Daniel", "Moore", "Austin", "TX", "78701", "America/Chicago")}
	// hours returns activity at the given UTC hours over n days.
	hours := func(n int, utc ...int) []ringer.Event {
		var out []ringer.Event
		loc := time.FixedZone("", -6*3600)
		for d := range n {
			for _, h := range utc {
				u := time.Date(2026, 2, 2+d, h, 10, 0, 0, time.UTC)
				out = append(out, ringer.Event{Type: ringer.EventActivity, RecordID: "emp-1", At: u.In(loc), Kind: "commit"})
			}
		}
		return out
	}
	cases := []stageCase{
		{name: "Chicago office hours", records: rec, subject: "emp-1", events: hours(10, 15, 17, 19, 21)},
		{name: "Pyongyang office hours", records: rec, subject: "emp-1", events: hours(10, 1, 3, 5, 7, 9),
			want: []string{"activity.timezone_mismatch"}, weights: map[string][2]float64{"activity.timezone_mismatch": {0.7, 0.85}}},
		{name: "too few samples", records: rec, subject: "emp-1", events: hours(2, 1, 3, 5, 7, 9)},
		{name: "round the clock", records: rec, subject: "emp-1", events: hours(5, 0, 3, 6, 9, 12, 15, 18, 21)},
		{name: "an early bird", records: rec, subject: "emp-1", events: hours(10, 12, 13, 15, 17)},
		{name: "machine clock in UTC+9", records: rec, subject: "emp-1", events: stamped(hours(2, 15, 17, 19), 9, 6),
			want: []string{"activity.device_clock_mismatch"}, weights: map[string][2]float64{"activity.device_clock_mismatch": {0.99, 1}}},
		{name: "a trip abroad moves a third of the stamps", records: rec, subject: "emp-1", events: stamped(hours(3, 15, 17, 19), 1, 3)},
		{name: "stamps in UTC say nothing", records: rec, subject: "emp-1", events: stamped(hours(3, 15, 17, 19), 0, 9)},
		{name: "daylight saving time is not another zone", records: rec, subject: "emp-1", events: stamped(hours(3, 15, 17, 19), -5, 9)},
	}
	runStage(t, "activity.", cases)

	w := newWorld(t, rec, hours(10, 1, 3, 5, 7, 9), nil)
	s, _ := find(w.screen(t, "emp-1"), "activity.timezone_mismatch")
	if got := s.Evidence["estimated_utc_offset"]; got != 9.0 {
		t.Errorf("estimated offset = %v, want 9", got)
	}
	if got := s.Evidence["claimed_utc_offset"]; got != -6.0 {
		t.Errorf("claimed offset = %v, want -6 (CST in February)", got)
	}
}

// stamped re-stamps the first n events with the UTC offset off (hours; 0
// means written in UTC, "Z"), as the clock of the machine that made them.
func stamped(evs []ringer.Event, off, n int) []ringer.Event {
	out := slices.Clone(evs)
	loc := time.UTC
	if off != 0 {
		loc = time.FixedZone("", off*3600)
	}
	for i := 0; i < n && i < len(out); i++ {
		out[i].At = out[i].At.In(loc)
	}
	return out
}

func TestEstimateOffset(t *testing.T) {
	cases := []struct {
		name     string
		utcHours []int
		want     float64
		minR     float64
	}{
		// Samples fall at half past each hour.
		{"Pyongyang 9 to 6", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 9, 0.7},
		{"London 9 to 7", []int{9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, -0.5, 0.65},
		{"New York", []int{14, 16, 18, 20, 22}, -4.5, 0.7},
		{"Auckland across midnight UTC", []int{22, 23, 0, 1, 2, 3, 4}, 12.5 - 24, 0.8},
	}
	for _, c := range cases {
		var ts []time.Time
		for d := range 5 {
			for _, h := range c.utcHours {
				ts = append(ts, time.Date(2026, 3, 2+d, h, 30, 0, 0, time.UTC))
			}
		}
		est, ok := detect.EstimateOffset(ts)
		if !ok || est.OffsetHours != c.want || est.Resultant < c.minR {
			t.Errorf("%s: offset %v R %v, want %v R ≥ %v", c.name, est.OffsetHours, est.Resultant, c.want, c.minR)
		}
	}
	if _, ok := detect.EstimateOffset(nil); ok {
		t.Error("EstimateOffset(nil) ok")
	}
}

func TestEndpoint(t *testing.T) {
	laura := person("emp-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver")
	jason := person("emp-2", "Jason", "Clark", "Boston", "MA", "02108", "America/New_York")
	amy := person("emp-3", "Amy", "Stone", "Miami", "FL", "33101", "America/New_York")
	spouse := person("emp-4", "Tom", "Wright", "Denver", "CO", "80202", "America/Denver")
	spouse.Addresses = laura.Addresses
	inv := func(id string, sw []ringer.Software, usb []ringer.USBDevice, bssid, ip string) ringer.Event {
		e := ringer.Event{Type: ringer.EventEndpointInventory, RecordID: id, At: at("2026-01-02T10:00:00Z"), DeviceID: "MBP-" + id,
			Software: sw, USB: usb, PublicIP: ip}
		if bssid != "" {
			e.WiFi = &ringer.WiFi{BSSID: bssid, SSID: "NETGEAR-5G"}
		}
		return e
	}
	anydesk := []ringer.Software{{Name: "Slack"}, {Name: "AnyDesk", Version: "9.0.1"}}
	pikvm := []ringer.USBDevice{{VendorID: "1d6b", ProductID: "0104", Vendor: "PiKVM", Product: "PiKVM Composite Device", Serial: "CAFEBABE"}}
	cases := []stageCase{
		{name: "clean laptop", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", []ringer.Software{{Name: "Slack"}, {Name: "Visual Studio Code"}}, nil, "a4:2b:b0:11:22:33", "203.0.113.4")}},
		{name: "AnyDesk", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", anydesk, nil, "", "")},
			want:   []string{"endpoint.remote_access_tool"}},
		{name: "two tools", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", append(anydesk, ringer.Software{Name: "RustDesk"}), nil, "", "")},
			want:   []string{"endpoint.remote_access_tool", "endpoint.second_remote_access_tool"}},
		{name: "PiKVM", records: []ringer.Record{laura}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", nil, pikvm, "", "")},
			want:   []string{"endpoint.ip_kvm"}, weights: map[string][2]float64{"endpoint.ip_kvm": {1, 1}}},
		{name: "laptop farm Wi-Fi and address", records: []ringer.Record{laura, jason, amy}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", nil, nil, "a4:2b:b0:11:22:33", "198.51.100.7"), inv("emp-2", nil, nil, "a4:2b:b0:11:22:33", "198.51.100.7"),
				inv("emp-3", nil, nil, "a4:2b:b0:11:22:33", "198.51.100.7")},
			want:    []string{"endpoint.shared_public_ip", "endpoint.shared_wifi"},
			weights: map[string][2]float64{"endpoint.shared_wifi": {0.75, 0.75}, "endpoint.shared_public_ip": {0.75, 0.75}}},
		{name: "married couple on the home Wi-Fi", records: []ringer.Record{laura, spouse}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", nil, nil, "a4:2b:b0:11:22:33", "203.0.113.4"), inv("emp-4", nil, nil, "a4:2b:b0:11:22:33", "203.0.113.4")}},
		{name: "partner with no home address on file", records: []ringer.Record{laura, homeless(spouse)}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", nil, nil, "a4:2b:b0:11:22:33", "203.0.113.4"), inv("emp-4", nil, nil, "a4:2b:b0:11:22:33", "203.0.113.4")}},
		{name: "office Wi-Fi behind the corporate range", records: []ringer.Record{laura, jason}, subject: "emp-1",
			events: []ringer.Event{inv("emp-1", nil, nil, "a4:2b:b0:11:22:33", "198.18.0.5"), inv("emp-2", nil, nil, "a4:2b:b0:11:22:33", "198.18.0.5")}},
	}
	runStage(t, "endpoint.", cases)
}

func TestEndpointSanctionedTool(t *testing.T) {
	r := person("emp-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver")
	ev := func(sw ...string) []ringer.Event {
		e := ringer.Event{Type: ringer.EventEndpointInventory, RecordID: "emp-1", DeviceID: "MBP-1"}
		for _, n := range sw {
			e.Software = append(e.Software, ringer.Software{Name: n})
		}
		return []ringer.Event{e}
	}
	sanction := func(c *detect.Config) { c.SanctionedRemoteAccess = []string{"ScreenConnect"} }
	w := newWorld(t, []ringer.Record{r}, ev("ScreenConnect"), sanction)
	if sig := filterCodes(w.screen(t, "emp-1"), "endpoint."); len(sig) != 0 {
		t.Errorf("sanctioned tool alone raised %v", codes(sig))
	}
	w = newWorld(t, []ringer.Record{r}, ev("ScreenConnect", "AnyDesk"), sanction)
	sig := w.screen(t, "emp-1")
	s, ok := find(sig, "endpoint.second_remote_access_tool")
	if !ok || s.Weight != 1 {
		t.Errorf("AnyDesk beside the sanctioned tool: %v", sig)
	}
}

type walletList map[string]string

func (l walletList) WalletListed(_ context.Context, chain, address string) (string, string, bool, error) {
	e, ok := l[address]
	return "us_ofac", e, ok, nil
}

func TestPayroll(t *testing.T) {
	bank := ringer.PayoutAccount{Type: "bank", Country: "US", Routing: "021000021", Number: "000123456789", Holder: "Mark Ellison"}
	own := func(r ringer.Record) ringer.Record {
		a := bank
		a.Holder = r.Name.Given + " " + r.Name.Family
		r.PayoutAccounts = []ringer.PayoutAccount{a}
		return r
	}
	laura := person("emp-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver")
	jason := person("emp-2", "Jason", "Clark", "Boston", "MA", "02108", "America/New_York")
	amy := person("emp-3", "Amy", "Stone", "Miami", "FL", "33101", "America/New_York")
	spouse := person("emp-4", "Tom", "Wright", "Denver", "CO", "80202", "America/Denver")
	spouse.Addresses = laura.Addresses
	kim := person("emp-5", "Min-jun", "Kim", "Seattle", "WA", "98101", "America/Los_Angeles")
	change := func(id, when string, a ringer.PayoutAccount) ringer.Event {
		return ringer.Event{Type: ringer.EventPayrollChange, RecordID: id, At: at(when), Account: &a}
	}
	withBank := func(r ringer.Record, a ringer.PayoutAccount) ringer.Record {
		r.PayoutAccounts = []ringer.PayoutAccount{a}
		return r
	}
	lauraOwn := own(laura)
	liv := withBank(person("emp-6", "Liv", "Jacksno", "Denver", "CO", "80202", "America/Denver"), ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "4411", Holder: "OLIVIA JACKSON"})
	barbara := withBank(person("emp-7", "Barbara", "Williams", "Denver", "CO", "80202", "America/Denver"), ringer.PayoutAccount{Type: "wise", Value: "P58699470", Holder: "Barbara Roberts"})
	doyun := withBank(person("emp-8", "Do-yun", "Kim", "Denver", "CO", "80202", "America/Denver"), ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "4899", Holder: "D Lee"})
	agencyAcct := ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "77788899911", Holder: "Apex Talent Partners LLC"}
	rec1, rec2 := withBank(jason, agencyAcct), withBank(amy, agencyAcct)
	rec1.Emails = []string{"jason.clark@apextalentpartners.com"}
	rec2.Emails = []string{"amy.stone@apextalentpartners.com", "amy.stone@gmail.com"}
	cases := []stageCase{
		{name: "typo and short form of the worker's name", records: []ringer.Record{liv}, subject: "emp-6"},
		{name: "married name, same given name", records: []ringer.Record{barbara}, subject: "emp-7",
			want: []string{"payroll.pass_through_service"}},
		{name: "only an initial in common", records: []ringer.Record{doyun}, subject: "emp-8",
			want: []string{"payroll.holder_mismatch"}, weights: map[string][2]float64{"payroll.holder_mismatch": {0.4, 0.4}}},
		{name: "recruiters paid through their agency", records: []ringer.Record{rec1, rec2}, subject: "emp-2",
			want: []string{"payroll.shared_account"}, weights: map[string][2]float64{"payroll.shared_account": {0.15, 0.15}}},
		{name: "organisation that is not the worker's", records: []ringer.Record{withBank(jason, agencyAcct), withBank(amy, agencyAcct)}, subject: "emp-2",
			want: []string{"payroll.holder_mismatch", "payroll.shared_account"}, weights: map[string][2]float64{"payroll.shared_account": {0.6, 0.6}}},
		{name: "own account", records: []ringer.Record{lauraOwn}, subject: "emp-1"},
		{name: "Korean name in the other order", subject: "emp-5", records: []ringer.Record{withBank(kim, ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "55501234", Holder: "Minjun Kim"})}},
		{name: "someone else's account shared by three", subject: "emp-1",
			records: []ringer.Record{withBank(laura, bank), withBank(jason, bank), withBank(amy, bank)},
			want:    []string{"payroll.holder_mismatch", "payroll.shared_account"},
			weights: map[string][2]float64{"payroll.shared_account": {0.85, 0.85}, "payroll.holder_mismatch": {1, 1}}},
		{name: "family account", subject: "emp-1",
			records: []ringer.Record{withBank(laura, ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "000999", Holder: "Tom Wright"}),
				withBank(spouse, ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "000999", Holder: "Tom Wright"})},
			want:    []string{"payroll.shared_account"},
			weights: map[string][2]float64{"payroll.shared_account": {0.1, 0.3}}},
		{name: "family account in a spouse's other family name", subject: "emp-1",
			records: []ringer.Record{withBank(laura, ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "000999", Holder: "Tom Baker"}),
				withBank(spouse, ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "000999", Holder: "Tom Baker"})},
			want:    []string{"payroll.holder_mismatch", "payroll.shared_account"},
			weights: map[string][2]float64{"payroll.shared_account": {0.1, 0.3}, "payroll.holder_mismatch": {0.3, 0.3}}},
		{name: "crypto and pass-through", subject: "emp-1", records: []ringer.Record{lauraOwn},
			events: []ringer.Event{
				change("emp-1", "2026-02-01T00:00:00Z", ringer.PayoutAccount{Type: "crypto", Network: "eth", Value: "0x52908400098527886E0F7030069857D2E4169EE7"}),
				change("emp-1", "2026-02-15T00:00:00Z", ringer.PayoutAccount{Type: "payoneer", Value: "pay-88120931"}),
			},
			want: []string{"payroll.crypto", "payroll.frequent_changes", "payroll.pass_through_service"}},
		{name: "one change is ordinary", subject: "emp-1", records: []ringer.Record{lauraOwn},
			events: []ringer.Event{change("emp-1", "2026-02-01T00:00:00Z", ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "777", Holder: "Laura Wright"})}},
	}
	runStage(t, "payroll.", cases)

	wallet := "0x52908400098527886e0f7030069857d2e4169ee7"
	w := newWorld(t, []ringer.Record{withBank(laura, ringer.PayoutAccount{Type: "crypto", Network: "eth", Value: "0x52908400098527886E0F7030069857D2E4169EE7"})}, nil,
		func(c *detect.Config) { c.Wallets = walletList{wallet: "SDN entry 12345"} })
	if s, ok := find(w.screen(t, "emp-1"), "payroll.wallet_on_watchlist"); !ok || s.Evidence["wallets"] == nil {
		t.Errorf("listed wallet not reported: %+v", s)
	}
}

func TestKeystrokeAndDocument(t *testing.T) {
	rec := []ringer.Record{person("emp-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver")}
	ks := func(p50 float64, n int) ringer.Event {
		return ringer.Event{Type: ringer.EventKeystrokeLatency, RecordID: "emp-1", At: at("2026-02-01T15:00:00Z"), P50Ms: p50, Samples: n}
	}
	dc := func(result string, face *bool) ringer.Event {
		e := ringer.Event{Type: ringer.EventDocumentCheck, RecordID: "emp-1", Provider: "acme-idv", Result: result}
		if face != nil {
			e.FaceMatch = &ringer.Result{Pass: face}
		}
		return e
	}
	runStage(t, "keystroke.", []stageCase{
		{name: "typing locally", records: rec, subject: "emp-1", events: []ringer.Event{ks(35, 500), ks(42, 800)}},
		{name: "driven from abroad", records: rec, subject: "emp-1", events: []ringer.Event{ks(190, 500), ks(210, 800)},
			want: []string{"keystroke.latency_high"}, weights: map[string][2]float64{"keystroke.latency_high": {0.6, 0.75}}},
		{name: "too few keystrokes", records: rec, subject: "emp-1", events: []ringer.Event{ks(300, 20)}},
	})
	runStage(t, "document.", []stageCase{
		{name: "passed", records: rec, subject: "emp-1", events: []ringer.Event{dc("pass", ptr(true))}},
		{name: "failed", records: rec, subject: "emp-1", events: []ringer.Event{dc("fail", nil)},
			want: []string{"document.check_failed"}, weights: map[string][2]float64{"document.check_failed": {1, 1}}},
		{name: "face did not match", records: rec, subject: "emp-1", events: []ringer.Event{dc("pass", ptr(false))},
			want: []string{"document.check_failed"}, weights: map[string][2]float64{"document.check_failed": {0.9, 0.9}}},
	})

	w := newWorld(t, rec, []ringer.Event{ks(150, 500)}, func(c *detect.Config) { c.KeystrokeBaselineMs = 80 })
	if sig := filterCodes(w.screen(t, "emp-1"), "keystroke."); len(sig) != 0 {
		t.Errorf("150 ms against an 80 ms population baseline fired: %v", sig)
	}
}
