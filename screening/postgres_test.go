package screening_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/postgres"
)

// openPostgres opens a PostgreSQL store in a schema of its own on the test
// server (RINGER_TEST_POSTGRES, or 127.0.0.1:5432/test as PGUSER), dropped
// when the test ends. The test is skipped when the server cannot be
// reached.
func openPostgres(t *testing.T) *postgres.Store {
	t.Helper()
	dsn := os.Getenv("RINGER_TEST_POSTGRES")
	if dsn == "" {
		user := os.Getenv("PGUSER")
		if user == "" {
			user = "postgres"
		}
		dsn = "postgres://" + url.PathEscape(user) + "@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("PostgreSQL test server unreachable (set RINGER_TEST_POSTGRES): %v", err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "ringer_screening_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Skipf("RINGER_TEST_POSTGRES is not a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(t.Context(), u.String())
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
	ingestAll(t, newScreener(lite), recs, evs, nil)
	ingestAll(t, newScreener(pg), recs, evs, nil)
	ctx := t.Context()
	for _, r := range recs {
		a, err := lite.Assessment(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := pg.Assessment(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAssessment(t, a, b) {
			t.Errorf("assessment of %s differs between the stores:\nSQLite     %+v\nPostgreSQL %+v", r.ID, a, b)
		}
	}
	if _, ok := ringer.Store(pg).(ringer.Transactor); !ok {
		t.Error("the PostgreSQL store is no Transactor")
	}
}
