package screening_test

import (
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/postgres"
	"github.com/ringerhq/ringer/postgres/pgtest"
)

// openPostgres opens a PostgreSQL store in a schema of its own on the test
// server (see pgtest.Schema), dropped when the test ends. The test is
// skipped when the server cannot be reached.
func openPostgres(t *testing.T) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(t.Context(), pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestIngestPostgres checks that screening on PostgreSQL, in one
// transaction per Ingest there too, stores what the SQLite store does.
func TestIngestPostgres(t *testing.T) {
	pg := openPostgres(t)
	recs, evs := population(t, 120)
	lite := openStore(t)
	ingestAll(t, newScreener(t, lite), recs, evs, nil)
	ingestAll(t, newScreener(t, pg), recs, evs, nil)
	compareAssessments(t, recs, lite, "SQLite", pg, "PostgreSQL")
	if _, ok := ringer.Store(pg).(ringer.Transactor); !ok {
		t.Error("the PostgreSQL store is no Transactor")
	}
}
