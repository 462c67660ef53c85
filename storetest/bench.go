package storetest

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

// Benchmark data: each persona has 20 keys shaped like the link package's
// (a kind prefix and a base64 HMAC): 15 keys of its own and 5 blocking
// keys, each shared by the 10 personas i/10 groups together.
const (
	benchKeysOwn   = 15
	benchKeysBlock = 5
	benchBlockSize = 10
	// BenchBatch is the number of records in each batch the benchmarks write.
	BenchBatch = 1000
)

var benchSecret = []byte("benchmark secret, not a deployment's")

func benchKey(kind string, v int) string {
	m := hmac.New(sha256.New, benchSecret)
	m.Write([]byte(kind))
	m.Write([]byte(strconv.Itoa(v)))
	return kind + ":" + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// BenchPersona returns the i-th persona of the benchmark data: record id
// rec-%08d, 20 keys and a 200-byte feature blob.
func BenchPersona(i int) ringer.Persona {
	p := ringer.Persona{RecordID: fmt.Sprintf("rec-%08d", i), Features: make([]byte, 200)}
	for k := range benchKeysOwn {
		p.Keys = append(p.Keys, benchKey("own"+strconv.Itoa(k), i))
	}
	for k := range benchKeysBlock {
		p.Keys = append(p.Keys, benchKey("blk"+strconv.Itoa(k), i/benchBlockSize))
	}
	return p
}

// BenchBatchAt returns n benchmark records from the start-th on, each with
// a sign-in event and its persona.
func BenchBatchAt(start, n int) *ringer.Batch {
	b := &ringer.Batch{}
	for i := start; i < start+n; i++ {
		p := BenchPersona(i)
		b.Records = append(b.Records, ringer.Record{ID: p.RecordID, Source: "bench", Kind: ringer.KindApplicant,
			Name:   ringer.Name{Full: "Persona " + strconv.Itoa(i)},
			Emails: []string{p.RecordID + "@example.com"}, Phones: []ringer.Phone{{Number: "+1 415 555 " + strconv.Itoa(i%10000)}}})
		b.Events = append(b.Events, ringer.Event{Type: ringer.EventSignIn, RecordID: p.RecordID, At: time.Unix(int64(i), 0), IP: "192.0.2.1"})
		b.Personas = append(b.Personas, p)
	}
	return b
}

// BenchWrite writes 1,000-record batches (each record with an event and a
// 20-key persona) into s, which grows as the benchmark runs; one op is one
// batch. It reports records/s.
func BenchWrite(b *testing.B, s ringer.Store) {
	n := 0
	cpu0, cpuOK := processCPU()
	for b.Loop() {
		b.StopTimer()
		batch := BenchBatchAt(n, BenchBatch)
		b.StartTimer()
		if err := s.Write(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
		n += BenchBatch
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
	if cpu1, ok := processCPU(); ok && cpuOK {
		// Includes building the batches, which the timer leaves out.
		b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(n/BenchBatch), "cpu-ms/op")
	}
}

// BenchScreenLookup measures a store's part of screening one new record:
// RecordsWithKey (limit 100) for each of its 20 keys, then Personas of the
// candidates found. It first fills s with size benchmark personas unless
// s already holds exactly that many. One op is one screen; p50 and p99 are
// reported in microseconds, wall time and the screen's own CPU time on its
// thread (Linux), with the process CPU time per op and the candidates
// found per screen (10: the
// block, one member of which also shares an identifier).
func BenchScreenLookup(b *testing.B, s ringer.Store, size int) {
	ctx := b.Context()
	have, err := s.CountRecords(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have != 0 && have != size {
		b.Fatalf("store holds %d records, want 0 or %d", have, size)
	}
	if have == 0 {
		start := time.Now()
		for i := 0; i < size; i += BenchBatch {
			if err := s.Write(ctx, BenchBatchAt(i, min(BenchBatch, size-i))); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("built %d personas in %v", size, time.Since(start).Round(time.Second))
	}
	var lat, cpu []time.Duration
	candidates := 0
	i := 0
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0, cpuOK := processCPU()
	for b.Loop() {
		// A new record: its own keys are new, its blocking keys are a stored
		// persona's, and it shares one identifier with that persona.
		probe := BenchPersona(size + i)
		known := BenchPersona((i * 104729) % size)
		copy(probe.Keys[benchKeysOwn:], known.Keys[benchKeysOwn:])
		probe.Keys[0] = known.Keys[0]
		i++
		c0, cOK := ThreadCPU()
		t0 := time.Now()
		n, err := screenLookup(ctx, s, probe.Keys)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		if c1, ok := ThreadCPU(); ok && cOK {
			cpu = append(cpu, c1-c0)
		}
		candidates += n
	}
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/float64(len(lat)), "cpu-µs/op")
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	if len(cpu) == len(lat) {
		// The screen's own CPU time on its thread: the latency it would have
		// with a core to itself (but for waits on the disk).
		slices.Sort(cpu)
		b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds()), "p50-thread-cpu-µs")
		b.ReportMetric(float64(cpu[len(cpu)*99/100].Microseconds()), "p99-thread-cpu-µs")
	}
	b.ReportMetric(float64(candidates)/float64(len(lat)), "candidates/op")
}

func screenLookup(ctx context.Context, s ringer.Store, keys []string) (int, error) {
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
