package postgres

import (
	"testing"

	"github.com/ringerhq/ringer/storetest"
)

// BenchmarkWrite writes 1,000-record batches (each record with an event
// and a 20-key persona) into a growing store; one op is one batch.
func BenchmarkWrite(b *testing.B) {
	s, err := Open(b.Context(), testSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchWrite(b, s)
}

// BenchmarkScreenLookup measures the store's part of screening one new
// record (see storetest.BenchScreenLookup) against 10,000 personas.
func BenchmarkScreenLookup(b *testing.B) {
	s, err := Open(b.Context(), testSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchScreenLookup(b, s, 10_000)
}
