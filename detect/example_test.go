package detect_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
	"github.com/ringerhq/ringer/intel"
)

// A worker who claims Chicago but types at Pyongyang office hours, paid
// through a crypto wallet, with AnyDesk on the company laptop.
func ExampleNew() {
	detectors := detect.New(detect.Config{Intel: intel.Default()})
	s := &ringer.Subject{Record: ringer.Record{
		ID:             "hr-emp-0112",
		Claimed:        ringer.Claimed{Country: "US", City: "Chicago", Timezone: "America/Chicago"},
		PayoutAccounts: []ringer.PayoutAccount{{Type: "crypto", Network: "eth", Value: "0x52908400098527886E0F7030069857D2E4169EE7"}},
	}}
	for d := range 10 {
		for _, h := range []int{0, 2, 4, 6, 8} { // 09:00–17:00 in Pyongyang
			s.Events = append(s.Events, ringer.Event{Type: ringer.EventActivity, RecordID: "hr-emp-0112",
				At: time.Date(2026, 2, 2+d, h, 30, 0, 0, time.UTC), Kind: "commit"})
		}
	}
	s.Events = append(s.Events, ringer.Event{Type: ringer.EventEndpointInventory, RecordID: "hr-emp-0112",
		DeviceID: "MBP-7F3K", Software: []ringer.Software{{Name: "AnyDesk"}}})

	signals, err := detect.DetectAll(context.Background(), detectors, s)
	if err != nil {
		panic(err)
	}
	for _, sig := range signals {
		fmt.Printf("%s %.2f: %s [%s]\n", sig.Code, sig.Weight, sig.Detail, sig.Indicator)
	}
	// Output:
	// activity.timezone_mismatch 0.65: works as if at UTC+9:30, but claims America/Chicago (UTC-6), 8.5 hours apart [Mandiant UNC5267 (2024)]
	// endpoint.remote_access_tool 0.60: remote-access software the organisation does not deploy: AnyDesk [Mandiant UNC5267 (2024)]
	// payroll.crypto 1.00: paid into 1 crypto wallet [FBI PSA 2023-10-18]
}
