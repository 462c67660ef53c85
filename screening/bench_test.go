package screening_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/screening"
	"github.com/ringerhq/ringer/sqlite"
	"github.com/ringerhq/ringer/synth"
)

var benchKeyer = normalize.NewKeyer([]byte("benchmark-secret-0123456789abcdef"))

// buildStore fills a store with n synthetic records and their personas,
// written in bulk (the personas are what a new record is linked against).
func buildStore(b *testing.B, path string, n int) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.CountRecords(ctx); c >= n {
		return
	}
	g := link.NewGraph(st, benchKeyer, nil, link.Options{})
	var batch []ringer.Record
	flush := func() {
		ps := make([]ringer.Persona, len(batch))
		var wg sync.WaitGroup
		w := runtime.GOMAXPROCS(0)
		for k := 0; k < w; k++ {
			wg.Add(1)
			go func(k int) {
				defer wg.Done()
				for i := k; i < len(batch); i += w {
					ps[i], _ = g.Persona(&batch[i], nil)
				}
			}(k)
		}
		wg.Wait()
		if err := st.Write(ctx, &ringer.Batch{Records: batch, Personas: ps}); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	start := time.Now()
	err = synth.Generate(ctx, synth.Options{N: n, Seed: 7}, func(r *ringer.Record) error {
		batch = append(batch, *r)
		if len(batch) == 2000 {
			flush()
		}
		return nil
	}, nil, func(synth.Label) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	flush()
	b.Logf("built a store of %d records in %v", n, time.Since(start))
}

// BenchmarkScreenOne screens one new record at a time (link, detect,
// score, store) against a store of 20,000 records, or 1,000,000 with
// RINGER_BENCH_LARGE=1 (built once into $TMPDIR/ringer-bench-screen-N.db;
// RINGER_SQLITE_SYNC=normal opens it without a sync per commit).
// It reports the median and 99th-percentile latency.
func BenchmarkScreenOne(b *testing.B) {
	n := 20_000
	if os.Getenv("RINGER_BENCH_LARGE") == "1" {
		n = 1_000_000
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("ringer-bench-screen-%d.db", n))
	buildStore(b, path, n)
	ctx := context.Background()
	// RINGER_SQLITE_SYNC=normal measures the store without a disk sync
	// per commit (see sqlite.Options).
	st, err := sqlite.OpenWith(ctx, path, sqlite.Options{Synchronous: os.Getenv("RINGER_SQLITE_SYNC")})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sc, err := screening.Open(ctx, st, benchKeyer, nil)
	if err != nil {
		b.Fatal(err)
	}
	// New applicants: another seed's people, some of them sharing names,
	// birth dates and accounts with stored ones through the rings.
	var fresh []ringer.Record
	_ = synth.Generate(ctx, synth.Options{N: 5000, Seed: time.Now().UnixNano()}, func(r *ringer.Record) error {
		r.ID = "new-" + r.ID
		fresh = append(fresh, *r)
		return nil
	}, nil, func(synth.Label) error { return nil })
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := fresh[i%len(fresh)]
		r.ID = fmt.Sprintf("%s-%d", r.ID, i)
		t0 := time.Now()
		if _, err := sc.Ingest(ctx, []ringer.Record{r}, nil); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
