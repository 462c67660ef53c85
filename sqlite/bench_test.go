package sqlite

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

// Benchmark data: each persona has 20 keys shaped like the link package's
// (a kind prefix and a base64 HMAC): 15 keys of its own and 5 blocking
// keys, each shared by about 10 personas.
const (
	benchKeysOwn   = 15
	benchKeysBlock = 5
	benchBlockSize = 10
	benchBatch     = 1000
)

var benchSecret = []byte("benchmark secret, not a deployment's")

func benchKey(kind string, v int) string {
	m := hmac.New(sha256.New, benchSecret)
	m.Write([]byte(kind))
	m.Write([]byte(strconv.Itoa(v)))
	return kind + ":" + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func benchPersona(i int) ringer.Persona {
	p := ringer.Persona{RecordID: fmt.Sprintf("rec-%08d", i), Features: make([]byte, 200)}
	for k := range benchKeysOwn {
		p.Keys = append(p.Keys, benchKey("own"+strconv.Itoa(k), i))
	}
	for k := range benchKeysBlock {
		// Records i/10 share their blocks.
		p.Keys = append(p.Keys, benchKey("blk"+strconv.Itoa(k), i/benchBlockSize))
	}
	return p
}

func benchRecordBatch(start, n int) *ringer.Batch {
	b := &ringer.Batch{}
	for i := start; i < start+n; i++ {
		p := benchPersona(i)
		b.Records = append(b.Records, ringer.Record{ID: p.RecordID, Source: "bench", Kind: ringer.KindApplicant,
			Name:   ringer.Name{Full: "Persona " + strconv.Itoa(i)},
			Emails: []string{p.RecordID + "@example.com"}, Phones: []ringer.Phone{{Number: "+1 415 555 " + strconv.Itoa(i%10000)}}})
		b.Events = append(b.Events, ringer.Event{Type: ringer.EventSignIn, RecordID: p.RecordID, At: time.Unix(int64(i), 0), IP: "192.0.2.1"})
		b.Personas = append(b.Personas, p)
	}
	return b
}

// BenchmarkWrite writes 1,000-record batches (each record with an event
// and a 20-key persona) into a growing store; one op is one batch.
func BenchmarkWrite(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := 0
	for b.Loop() {
		b.StopTimer()
		batch := benchRecordBatch(n, benchBatch)
		b.StartTimer()
		if err := s.Write(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
		n += benchBatch
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkScreenLookup measures the store's part of screening one new
// record: RecordsWithKey for each of its 20 keys, then Personas of every
// candidate found. The store holds 10,000 personas, or 1,000,000 when
// RINGER_BENCH_LARGE=1 (built once into RINGER_BENCH_DB when that names a
// file, otherwise into a temporary directory). One op is one screen; p50
// and p99 are reported in microseconds.
func BenchmarkScreenLookup(b *testing.B) {
	size := 10_000
	path := filepath.Join(b.TempDir(), "bench.db")
	if os.Getenv("RINGER_BENCH_LARGE") == "1" {
		size = 1_000_000
		if p := os.Getenv("RINGER_BENCH_DB"); p != "" {
			path = p
		}
	}
	ctx := b.Context()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	have, err := s.CountRecords(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have != 0 && have != size {
		b.Fatalf("%s holds %d records, want 0 or %d", path, have, size)
	}
	if have == 0 {
		start := time.Now()
		for i := 0; i < size; i += benchBatch {
			if err := s.Write(ctx, benchRecordBatch(i, benchBatch)); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("built %d personas in %v", size, time.Since(start).Round(time.Second))
	}
	var lat []time.Duration
	candidates := 0
	i := 0
	for b.Loop() {
		// A new record: its own keys are new; its blocking keys are those
		// of a stored persona, so each finds a block of about 10.
		probe := benchPersona(size + i)
		known := benchPersona((i * 104729) % size)
		copy(probe.Keys[benchKeysOwn:], known.Keys[benchKeysOwn:])
		probe.Keys[0] = known.Keys[0] // and one shared identifier
		i++
		t0 := time.Now()
		n, err := screenLookup(ctx, s, probe.Keys)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		candidates += n
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(candidates)/float64(len(lat)), "candidates/op")
}

func screenLookup(ctx context.Context, s *Store, keys []string) (int, error) {
	seen := map[string]bool{}
	var ids []string
	for _, k := range keys {
		got, err := s.RecordsWithKey(ctx, k, 100)
		if err != nil {
			return 0, err
		}
		for _, id := range got {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	ps, err := s.Personas(ctx, ids)
	if err != nil {
		return 0, err
	}
	if len(ps) != len(ids) {
		return 0, fmt.Errorf("found %d candidates but %d personas", len(ids), len(ps))
	}
	return len(ps), nil
}
