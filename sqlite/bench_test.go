package sqlite

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer/storetest"
)

// BenchmarkWrite writes 1,000-record batches (each record with an event
// and a 20-key persona) into a growing store; one op is one batch.
func BenchmarkWrite(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchWrite(b, s)
}

// BenchmarkScreenLookup measures the store's part of screening one new
// record (see storetest.BenchScreenLookup) against 10,000 personas, or
// 1,000,000 when RINGER_BENCH_LARGE=1. The large store is built once into
// RINGER_BENCH_DB when that names a file, otherwise into a temporary
// directory.
func BenchmarkScreenLookup(b *testing.B) {
	size := 10_000
	path := filepath.Join(b.TempDir(), "bench.db")
	if os.Getenv("RINGER_BENCH_LARGE") == "1" {
		size = 1_000_000
		if p := os.Getenv("RINGER_BENCH_DB"); p != "" {
			path = p
		}
	}
	s, err := Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchScreenLookup(b, s, size)
}
