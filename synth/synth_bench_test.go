package synth_test

import (
	"context"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/synth"
)

// BenchmarkGenerate measures records generated per second, without events.
func BenchmarkGenerate(b *testing.B) {
	ctx := context.Background()
	n := 0
	for b.Loop() {
		err := synth.Generate(ctx, synth.Options{N: 10000, Seed: 1},
			func(*ringer.Record) error { n++; return nil }, nil,
			func(synth.Label) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkGenerateEvents measures records generated per second with their
// events.
func BenchmarkGenerateEvents(b *testing.B) {
	ctx := context.Background()
	n, ne := 0, 0
	for b.Loop() {
		err := synth.Generate(ctx, synth.Options{N: 10000, Seed: 1, Events: true},
			func(*ringer.Record) error { n++; return nil },
			func(*ringer.Event) error { ne++; return nil },
			func(synth.Label) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(ne)/b.Elapsed().Seconds(), "events/s")
}
