package screening_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/synth"
)

// BenchmarkRescreen re-assesses every record of a store of 3,000
// synthetic records with planted rings: what screening pays for each
// record whose ring changed.
func BenchmarkRescreen(b *testing.B) {
	ctx := context.Background()
	var recs []ringer.Record
	err := synth.Generate(ctx, synth.Options{N: 3000, Rings: 60, Seed: 5},
		func(r *ringer.Record) error { recs = append(recs, *r); return nil },
		nil, func(synth.Label) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	sc := openScreener(b, filepath.Join(b.TempDir(), "rescreen.db"))
	for i := 0; i < len(recs); i += 500 {
		if _, err := sc.Ingest(ctx, recs[i:min(i+500, len(recs))], nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		n, err := sc.Rescreen(ctx)
		if err != nil || n != len(recs) {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(recs)), "µs/record")
}
