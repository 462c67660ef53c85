package detect_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
)

// FuzzDetect feeds the detectors arbitrary records and events in the data
// contract (a record line then event lines) and requires that they never
// panic and that every signal they raise keeps the contract: a weight in
// (0, 1], a detail, an indicator and evidence that marshals to JSON.
func FuzzDetect(f *testing.F) {
	f.Add([]byte(`{"id":"a","claimed":{"country":"US","timezone":"America/Chicago"},"phones":[{"number":"+1 415 555 0134","line_type":"voip"}],"payout_accounts":[{"type":"crypto","network":"eth","value":"0x52908400098527886E0F7030069857D2E4169EE7","holder":"X Y"}],"name":{"full":"Kim Min-jun"},"photos":[{"phash":"c3d4e5f6a7b8c9d0"}]}
{"event":"sign_in","record_id":"a","at":"2026-02-01T01:00:00Z","ip":"142.214.202.2","mfa_device_id":"y"}
{"event":"sign_in","record_id":"a","at":"2026-02-01T01:05:00Z","ip":"175.45.176.9"}
{"event":"interview","record_id":"a","camera_on":false,"observations":["reading_answers","voice_changed"],"participant_ip":"::ffff:1.2.3.4","photo":{"phash":"3c2b1a09584736f2"}}
{"event":"shipment","record_id":"a","address":{"raw":"PO Box 12, Las Vegas NV 89103"},"requested_change":true}
{"event":"endpoint_inventory","record_id":"a","software":[{"name":"AnyDesk"}],"usb":[{"vendor_id":"1d6b","product_id":"0104"}],"wifi":{"bssid":"a4:2b:b0:11:22:33"},"public_ip":"198.51.100.7"}
{"event":"payroll_change","record_id":"a","at":"2026-02-02T00:00:00Z","account":{"type":"payoneer","value":"p-1"}}
{"event":"activity","record_id":"a","at":"2026-02-03T19:40:00-07:00","kind":"commit"}
{"event":"keystroke_latency","record_id":"a","p50_ms":300,"samples":500}
{"event":"document_check","record_id":"a","result":"fail","face_match":0.1,"liveness":"fail"}`))
	f.Add([]byte(`{"id":"b","claimed":{"timezone":"Not/AZone"},"profiles":[{"site":"github","created_at":"2025","earliest_activity":"1999-02"}]}
{"event":"sign_in","record_id":"b","ip":"not an ip"}
{"event":"activity","record_id":"b","at":"0001-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"id":"c"}`))
	w := newWorld(f, nil, nil, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		s := &ringer.Subject{Graph: w.graph}
		first := true
		for sc.Scan() {
			if first {
				first = false
				if json.Unmarshal(sc.Bytes(), &s.Record) != nil {
					return
				}
				continue
			}
			var e ringer.Event
			if json.Unmarshal(sc.Bytes(), &e) == nil {
				s.Events = append(s.Events, e)
			}
		}
		sig, err := detect.DetectAll(context.Background(), w.dets, s)
		if err != nil {
			t.Fatalf("detect: %v", err)
		}
		for _, x := range sig {
			if x.Weight <= 0 || x.Weight > 1 || x.Detail == "" || x.Indicator == "" {
				t.Fatalf("signal breaks the contract: %+v", x)
			}
			if _, err := json.Marshal(x); err != nil {
				t.Fatalf("%s evidence does not marshal: %v", x.Code, err)
			}
		}
	})
}

// FuzzEstimateOffset checks the circular statistics on arbitrary instants.
func FuzzEstimateOffset(f *testing.F) {
	f.Add(int64(0), int64(3600), int64(7200), uint8(10))
	f.Add(int64(-62135596800), int64(253402300799), int64(1), uint8(3))
	f.Fuzz(func(t *testing.T, a, b, c int64, n uint8) {
		var ts []time.Time
		for i := range int(n) {
			ts = append(ts, time.Unix([]int64{a, b, c}[i%3]+int64(i)*97, 0))
		}
		est, ok := detect.EstimateOffset(ts)
		if ok != (n > 0) {
			t.Fatalf("ok = %v for %d instants", ok, n)
		}
		if !ok {
			return
		}
		if est.OffsetHours < -12 || est.OffsetHours > 12 || est.Resultant < 0 || est.Resultant > 1.0005 ||
			est.MeanUTCHour < 0 || est.MeanUTCHour > 24 || est.Samples != int(n) {
			t.Fatalf("estimate out of range: %+v", est)
		}
	})
}
