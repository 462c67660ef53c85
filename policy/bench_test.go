package policy

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

// benchInput is a record with 1,000 events and 30 signals in a ring of 6.
func benchInput() Input {
	codes := SignalCodes()
	sigs := make([]ringer.Signal, 30)
	for i := range sigs {
		sigs[i] = ringer.Signal{Code: codes[(i*7)%len(codes)], Weight: float64(i%10+1) / 10,
			Detail: "bench", Evidence: map[string]any{"records": []string{"a", "b"}, "count": 3}}
	}
	evs := make([]ringer.Event, 1000)
	t0 := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := range evs {
		evs[i] = ringer.Event{Type: ringer.EventSignIn, RecordID: "r1", At: t0.Add(time.Duration(i) * time.Hour),
			IP: fmt.Sprintf("198.51.100.%d", i%250), DeviceID: "MBP-1"}
	}
	return Input{
		Record:  &ringer.Record{ID: "r1", Kind: ringer.KindEmployee, Claimed: ringer.Claimed{Country: "US"}},
		Signals: sigs,
		Ring:    &ringer.Ring{ID: "ring-1", Size: 6, Members: []string{"r1", "r2", "r3", "r4", "r5", "r6"}},
		Events:  evs,
	}
}

// BenchmarkEvaluateDefault scores one record (1,000 events, 30 signals)
// with the default policy.
func BenchmarkEvaluateDefault(b *testing.B) {
	p := Default()
	in := benchInput()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Evaluate(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateEventsRule scores the same record with a policy whose
// rule walks all 1,000 events, the costliest kind of rule.
func BenchmarkEvaluateEventsRule(b *testing.B) {
	p, err := Parse("bench.yaml", []byte(`name: bench
version: "1"
bands: {review: 30, high: 60, critical: 85}
rules:
  - id: night_sign_ins
    expr: double(size(events.filter(e, e.event == "sign_in" && e.at.getHours() < 6))) / 1000.0
    weight: 30
    indicator: x
  - id: vpn
    expr: signal_strength("network.anonymizer")
    weight: 30
    indicator: x
`))
	if err != nil {
		b.Fatal(err)
	}
	in := benchInput()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Evaluate(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDefault compiles the default policy.
func BenchmarkParseDefault(b *testing.B) {
	data := DefaultYAML()
	for b.Loop() {
		if _, err := Parse("default.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
