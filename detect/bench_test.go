package detect_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
)

// benchWorld is a deployment of 200 workers, 40 of them in a laptop farm
// sharing a shipping address, Wi-Fi, public address and payout account,
// and one worker with 1,000 events of every type.
func benchWorld(b *testing.B) (*world, *ringer.Subject) {
	var recs []ringer.Record
	var evs []ringer.Event
	farm := ringer.Address{Use: "shipping", Line1: "5120 W Tropicana Ave", City: "Las Vegas", Region: "NV", Postcode: "89103", Country: "US"}
	for i := range 200 {
		id := fmt.Sprintf("w-%03d", i)
		r := person(id, "Given"+id, "Family"+id, "Austin", "TX", "78701", "America/Chicago")
		r.PayoutAccounts = []ringer.PayoutAccount{{Type: "bank", Routing: "021000021", Number: fmt.Sprintf("%09d", i), Holder: r.Name.Given + " " + r.Name.Family}}
		if i < 40 {
			r.PayoutAccounts[0] = ringer.PayoutAccount{Type: "bank", Routing: "021000021", Number: "000123456789", Holder: "Mark Ellison"}
			a := farm
			evs = append(evs, ringer.Event{Type: ringer.EventShipment, RecordID: id, At: at("2026-01-10T00:00:00Z"), Address: &a},
				ringer.Event{Type: ringer.EventEndpointInventory, RecordID: id, DeviceID: "MBP-" + id,
					WiFi: &ringer.WiFi{BSSID: "a4:2b:b0:11:22:33"}, PublicIP: "198.51.100.7"},
				signInAt(id, "2026-02-01T03:00:00Z", "198.51.100.8"))
		}
		recs = append(recs, r)
	}
	subject := "w-000"
	t0 := at("2026-02-01T00:00:00Z")
	ips := []string{"142.214.202.2", "198.51.100.8", "203.0.113.4", "175.45.176.9", "1.2.3.4", "45.76.1.1", "81.2.69.142"}
	for i := range 1000 {
		when := t0.Add(time.Duration(i) * 47 * time.Minute)
		var e ringer.Event
		switch i % 10 {
		case 0, 1, 2, 3:
			e = ringer.Event{Type: ringer.EventSignIn, IP: ips[i%len(ips)], DeviceID: "MBP-" + subject, MFADeviceID: fmt.Sprintf("yubi-%d", i%3), Success: ptr(true)}
		case 4, 5, 6:
			e = ringer.Event{Type: ringer.EventActivity, Kind: "commit"}
		case 7:
			e = ringer.Event{Type: ringer.EventEndpointInventory, DeviceID: "MBP-" + subject,
				Software: []ringer.Software{{Name: "Slack"}, {Name: "AnyDesk"}, {Name: "zoom.us"}, {Name: "RustDesk"}},
				USB:      []ringer.USBDevice{{VendorID: "1d6b", ProductID: "0104", Vendor: "PiKVM", Product: "PiKVM Composite Device"}},
				WiFi:     &ringer.WiFi{BSSID: "a4:2b:b0:11:22:33"}, PublicIP: "198.51.100.7"}
		case 8:
			e = ringer.Event{Type: ringer.EventKeystrokeLatency, P50Ms: 180, Samples: 200}
		case 9:
			if i%20 == 9 {
				e = ringer.Event{Type: ringer.EventPayrollChange, Account: &ringer.PayoutAccount{Type: "payoneer", Value: fmt.Sprintf("pay-%d", i)}}
			} else {
				e = ringer.Event{Type: ringer.EventInterview, CameraOn: ptr(false), Observations: []string{"reading_answers"}, ParticipantIP: "142.214.202.2"}
			}
		}
		e.RecordID, e.At = subject, when
		evs = append(evs, e)
	}
	w := newWorld(b, recs, evs, nil)
	return w, w.subject(b, subject)
}

// BenchmarkDetectAll1000Events screens one worker with 1,000 events through
// every detector, cross-record questions included.
func BenchmarkDetectAll1000Events(b *testing.B) {
	w, s := benchWorld(b)
	ctx := context.Background()
	sig, err := detect.DetectAll(ctx, w.dets, s)
	if err != nil || len(sig) < 15 {
		b.Fatalf("bench subject raised %d signals (%v)", len(sig), err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := detect.DetectAll(ctx, w.dets, s); err != nil {
			b.Fatal(err)
		}
	}
}
