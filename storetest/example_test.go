package storetest_test

import (
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/sqlite"
	"github.com/ringerhq/ringer/storetest"
)

// TestSQLite runs the suite against the embedded store, as every Store
// implementation's tests do.
func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) ringer.Store {
		s, err := sqlite.Open(t.Context(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func ExampleRun() {
	// In a store implementation's _test.go file:
	//
	//	func TestConformance(t *testing.T) {
	//		storetest.Run(t, func(t *testing.T) ringer.Store {
	//			s, err := mystore.Open(t.Context(), dsn)
	//			if err != nil {
	//				t.Fatal(err)
	//			}
	//			t.Cleanup(func() { s.Close() })
	//			return s
	//		})
	//	}
}
