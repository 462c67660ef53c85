package postgres

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/migrate"
	"github.com/ringerhq/ringer/postgres/pgtest"
	"github.com/ringerhq/ringer/storetest"
)

// testSchema is pgtest.Schema.
func testSchema(t testing.TB) string { return pgtest.Schema(t) }

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), testSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	testSchema(t) // skips the whole suite at once when the server is unreachable
	storetest.Run(t, func(t *testing.T) ringer.Store { return openTest(t) })
}

func TestReopenAndNewerSchema(t *testing.T) {
	ctx := t.Context()
	dsn := testSchema(t)
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: "r1"}}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, dsn) // migrations again: a no-op
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if _, err := s.Record(ctx, "r1"); err != nil {
		t.Errorf("record lost on reopen: %v", err)
	}
	ms, err := migrate.LoadDir(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Errorf("schema_migrations has %d rows, %v; want %d", n, err, len(ms))
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO schema_migrations VALUES (99, 'future', now())`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, dsn); !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), "99") {
		t.Errorf("Open of a newer database: err %v, want ErrSchemaTooNew naming version 99", err)
	}
}

func TestConcurrentOpen(t *testing.T) {
	dsn := testSchema(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := Open(t.Context(), dsn)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent Open: %v", err)
		}
	}
}

func TestApplyMigrations(t *testing.T) {
	ctx := t.Context()
	pool, err := pgxpool.New(ctx, testSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	ms, err := migrate.Load(fstest.MapFS{
		"0001_people.sql": {Data: []byte(`CREATE TABLE people (id integer PRIMARY KEY);`)},
		"0002_pets.sql":   {Data: []byte(`CREATE TABLE pets (id integer PRIMARY KEY); INSERT INTO pets VALUES (1);`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := applyMigrations(ctx, pool, ms); err != nil {
			t.Fatalf("applyMigrations: %v", err)
		}
	}
	var pets int
	pool.QueryRow(ctx, `SELECT count(*) FROM pets`).Scan(&pets)
	if pets != 1 {
		t.Errorf("after three runs: %d pets, want 1", pets)
	}
	bad := append(ms, migrate.Migration{Version: 3, Name: "broken", SQL: `CREATE TABLE t3 (x integer); SELECT * FROM nowhere;`})
	if err := applyMigrations(ctx, pool, bad); err == nil || !strings.Contains(err.Error(), "migration 3 (broken)") {
		t.Errorf("broken migration: err %v, want one naming migration 3", err)
	}
	var t3 int
	pool.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE tablename = 't3' AND schemaname = current_schema()`).Scan(&t3)
	if t3 != 0 {
		t.Error("failed migration left its table behind")
	}
	if err := applyMigrations(ctx, pool, ms[:1]); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("older binary: err %v, want ErrSchemaTooNew", err)
	}
}

func TestParseMigrationName(t *testing.T) {
	cases := []struct {
		in      string
		version int
		ok      bool
	}{
		{"0001_init.sql", 1, true},
		{"12_add_index.sql", 12, true},
		{"0000_zero.sql", 0, false},
		{"0001.sql", 0, false},
		{"0001_init.txt", 0, false},
		{"+1_x.sql", 0, false},
	}
	for _, tc := range cases {
		v, _, err := migrate.ParseName(tc.in)
		if (err == nil) != tc.ok || v != tc.version {
			t.Errorf("migrate.ParseName(%q) = %d, %v; want %d, ok=%v", tc.in, v, err, tc.version, tc.ok)
		}
	}
	if _, err := migrate.Load(fstest.MapFS{"0001_a.sql": {}, "0003_b.sql": {}}); err == nil {
		t.Error("loadMigrations accepted a gap in versions")
	}
}

func FuzzParseMigrationName(f *testing.F) {
	for _, s := range []string{"0001_init.sql", "1_a.sql", "0001.sql", "_x.sql", "9999999999_x.sql", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		v, title, err := migrate.ParseName(name)
		if err != nil {
			if v != 0 || title != "" {
				t.Errorf("error with results %d, %q", v, title)
			}
			return
		}
		if v < 1 || title == "" || !strings.HasSuffix(name, "_"+title+".sql") {
			t.Errorf("migrate.ParseName(%q) = %d, %q", name, v, title)
		}
	})
}

func TestOpenBadDSN(t *testing.T) {
	_, err := Open(t.Context(), "postgres://user:s3cret@127.0.0.1:notaport/db")
	if err == nil {
		t.Fatal("Open accepted a bad DSN")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error repeats the password: %v", err)
	}
}
