package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"github.com/ringerhq/ringer/internal/migrate"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/storetest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "ringer.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) ringer.Store { return openTemp(t) })
}

func TestConformanceInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) ringer.Store {
		s, err := Open(t.Context(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenCreatesParentDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "ringer.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not created: %v", err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ringer.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: "r1"}}}); err != nil {
		t.Fatal(err)
	}
	id1, err := s.NewRingID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path) // migrations run again: a no-op
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if _, err := s.Record(ctx, "r1"); err != nil {
		t.Errorf("record lost on reopen: %v", err)
	}
	id2, err := s.NewRingID(ctx)
	if err != nil || id2 == id1 {
		t.Errorf("NewRingID after reopen = %q, %v; first was %q", id2, err, id1)
	}
	ms, err := migrate.LoadDir(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Errorf("schema_migrations has %d rows, %v; want %d", n, err, len(ms))
	}
}

// olderDatabase creates a database at path with the first n embedded
// migrations applied, as an older binary left it, and returns it open.
// openAt opens the store at path, closed when the test ends.
func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func olderDatabase(t *testing.T, path string, n int) *sql.DB {
	t.Helper()
	ms, err := migrate.LoadDir(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(t.Context(), db, ms[:n]); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestRecordCount checks the count the triggers of migration 3 keep
// against counting: a database written before them starts from its
// records, and inserts, replacements, erasures and a rolled-back
// transaction move it as they move the records.
func TestRecordCount(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	db := olderDatabase(t, path, 2)
	for _, id := range []string{"a", "b", "c"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO records (id, body) VALUES (?, '{}')`, id); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s := openAt(t, path)
	check := func(when string) {
		t.Helper()
		n, err := s.CountRecords(ctx)
		var want int
		if err2 := s.read.QueryRowContext(ctx, `SELECT count(*) FROM records`).Scan(&want); err2 != nil {
			t.Fatal(err2)
		}
		if err != nil || n != want {
			t.Errorf("%s: CountRecords = %d, %v; %d records", when, n, err, want)
		}
	}
	check("after migrating")
	if err := s.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: "a"}, {ID: "d"}, {ID: "e"}, {ID: "d"}}}); err != nil {
		t.Fatal(err)
	}
	check("after inserts and replacements")
	if err := s.Erase(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	check("after an erasure")
	errStop := errors.New("stop")
	err := s.InTx(ctx, func(tx ringer.Tx) error {
		if err := tx.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: "f"}}}); err != nil {
			return err
		}
		if n, err := tx.CountRecords(ctx); err != nil || n != 5 {
			t.Errorf("in a transaction, CountRecords = %d, %v; want 5", n, err)
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatal(err)
	}
	check("after a rolled-back transaction")
}

// TestMigrateKeyTags opens a database written before the key index had
// tags: its key rows read back untagged, and new ones carry their tags.
func TestMigrateKeyTags(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	db := olderDatabase(t, path, 1)
	h, c := keyHash("phc:old")
	if _, err := db.ExecContext(ctx, `INSERT INTO personas (record_id, keys, features) VALUES ('old', ?, x'')`, encodeKeys([]string{"phc:old"})); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO persona_keys (key_hash, key_check, record_id) VALUES (?, ?, 'old')`, h, c); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := openAt(t, path)
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "new", Keys: []string{"phc:old"}, Tags: map[string]int64{"phc:old": 3}}}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.RecordsWithKeys(ctx, []ringer.KeyLookup{{Key: "phc:old", Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	want := []ringer.KeyHit{{RecordID: "new", Tag: 3, Tagged: true}, {RecordID: "old"}}
	if len(got) != 1 || !slices.Equal(got[0], want) {
		t.Errorf("RecordsWithKeys after migrating = %+v, want %+v", got, want)
	}
	// Replacing the old persona deletes its untagged row.
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "old", Keys: []string{"phc:other"}}}}); err != nil {
		t.Fatal(err)
	}
	if ids, err := s.RecordsWithKey(ctx, "phc:old", 10); err != nil || !slices.Equal(ids, []string{"new"}) {
		t.Errorf("after replacing the old persona, RecordsWithKey = %v, %v; want [new]", ids, err)
	}
}

func TestOpenNewerSchema(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ringer.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open of a newer database: err %v, want ErrSchemaTooNew", err)
	}
	if !strings.Contains(err.Error(), "99") {
		t.Errorf("error %q does not name the database's version", err)
	}
}

func TestApplyMigrationsIdempotent(t *testing.T) {
	ctx := t.Context()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fsys := fstest.MapFS{
		"0001_people.sql": {Data: []byte(`CREATE TABLE people (id INTEGER PRIMARY KEY);`)},
		"0002_pets.sql":   {Data: []byte(`CREATE TABLE pets (id INTEGER PRIMARY KEY); INSERT INTO pets VALUES (1);`)},
	}
	ms, err := migrate.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := applyMigrations(ctx, db, ms); err != nil {
			t.Fatalf("applyMigrations: %v", err)
		}
	}
	var pets, versions int
	db.QueryRow(`SELECT count(*) FROM pets`).Scan(&pets)
	db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&versions)
	if pets != 1 || versions != 2 {
		t.Errorf("after three runs: %d pets, %d versions; want 1 and 2", pets, versions)
	}
	// A binary that knows only the first migration refuses the database.
	if err := applyMigrations(ctx, db, ms[:1]); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("older binary: err %v, want ErrSchemaTooNew", err)
	}
	// A failing migration leaves no trace.
	bad := append(ms, migrate.Migration{Version: 3, Name: "broken", SQL: `CREATE TABLE t3 (x); SELECT * FROM nowhere;`})
	if err := applyMigrations(ctx, db, bad); err == nil || !strings.Contains(err.Error(), "migration 3 (broken)") {
		t.Errorf("broken migration: err %v, want one naming migration 3", err)
	}
	var t3 int
	db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 't3'`).Scan(&t3)
	if t3 != 0 {
		t.Error("failed migration left its table behind")
	}
}

func TestLoadMigrations(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		err   string
	}{
		{"ok", []string{"0001_a.sql", "0002_b.sql"}, ""},
		{"gap", []string{"0001_a.sql", "0003_c.sql"}, "want version 2"},
		{"repeat", []string{"0001_a.sql", "0001_b.sql"}, "want version 2"},
		{"bad name", []string{"0001_a.sql", "notes.txt"}, "must end in .sql"},
		{"starts at two", []string{"0002_a.sql"}, "want version 1"},
	}
	for _, tc := range cases {
		fsys := fstest.MapFS{}
		for _, f := range tc.files {
			fsys[f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		_, err := migrate.Load(fsys)
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: err %v, want %q", tc.name, err, tc.err)
		}
	}
	// The embedded migrations load.
	if err := (&Store{}).checkEmbedded(); err != nil {
		t.Error(err)
	}
}

func TestParseMigrationName(t *testing.T) {
	cases := []struct {
		in      string
		version int
		title   string
		ok      bool
	}{
		{"0001_init.sql", 1, "init", true},
		{"12_add_index.sql", 12, "add_index", true},
		{"0000_zero.sql", 0, "", false},
		{"0001.sql", 0, "", false},
		{"0001_.sql", 0, "", false},
		{"x001_init.sql", 0, "", false},
		{"0001_init.SQL", 0, "", false},
		{"-1_neg.sql", 0, "", false},
		{"1234567890_big.sql", 0, "", false},
	}
	for _, tc := range cases {
		v, title, err := migrate.ParseName(tc.in)
		if (err == nil) != tc.ok || v != tc.version || title != tc.title {
			t.Errorf("migrate.ParseName(%q) = %d, %q, %v; want %d, %q, ok=%v", tc.in, v, title, err, tc.version, tc.title, tc.ok)
		}
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
			if !strings.Contains(err.Error(), "migration") {
				t.Errorf("error %q does not say what it is about", err)
			}
			return
		}
		if v < 1 || title == "" || !strings.HasSuffix(name, "_"+title+".sql") {
			t.Errorf("migrate.ParseName(%q) = %d, %q", name, v, title)
		}
	})
}

func TestWriteSetsNothingOnFailure(t *testing.T) {
	s := openTemp(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	b := &ringer.Batch{Events: []ringer.Event{{Type: "x", RecordID: "r"}}}
	if err := s.Write(ctx, b); err == nil {
		t.Fatal("Write with canceled context succeeded")
	}
	if b.Events[0].Seq != 0 {
		t.Errorf("failed Write set Seq to %d", b.Events[0].Seq)
	}
}

func TestKeysEncoding(t *testing.T) {
	cases := [][]string{
		nil,
		{""},
		{"email:AAA"},
		{"a", "", "bb\n\x00", strings.Repeat("k", 300), "ключ"},
	}
	for _, keys := range cases {
		got, err := decodeKeys(encodeKeys(keys))
		if err != nil {
			t.Fatalf("decodeKeys(encodeKeys(%q)): %v", keys, err)
		}
		if len(got) != len(keys) {
			t.Fatalf("round trip of %q gave %q", keys, got)
		}
		for i := range keys {
			if got[i] != keys[i] {
				t.Errorf("round trip of %q gave %q", keys, got)
			}
		}
	}
	for _, bad := range [][]byte{{5, 'a'}, {0x80}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		if _, err := decodeKeys(bad); err == nil {
			t.Errorf("decodeKeys(%q) accepted a truncated or malformed blob", bad)
		}
	}
}

func FuzzDecodeKeys(f *testing.F) {
	f.Add(encodeKeys([]string{"email:AAA", "blk:x"}))
	f.Add([]byte{5, 'a'})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, err := decodeKeys(b)
		if err != nil {
			return
		}
		// A blob that decodes is exactly what encoding its keys writes back
		// when its varints are minimal; at least the keys must survive.
		again, err := decodeKeys(encodeKeys(keys))
		if err != nil || len(again) != len(keys) {
			t.Fatalf("re-encoding %q: %q, %v", keys, again, err)
		}
		for i := range keys {
			if again[i] != keys[i] {
				t.Fatalf("re-encoding %q gave %q", keys, again)
			}
		}
	})
}

// TestUnchangedPersonaNotRewritten checks that writing a persona again
// with the same keys, features and tags changes no row, and that a row
// written before the tags column is rewritten once.
func TestUnchangedPersonaNotRewritten(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	p := ringer.Persona{RecordID: "r", Keys: []string{"phc:1", "email:x", "phc:2"}, Features: []byte(`{"id":"r"}`),
		Tags: map[string]int64{"phc:1": 11, "phc:2": -2}}
	changes := func() int64 {
		t.Helper()
		var n int64
		if err := s.write.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{p}}); err != nil {
		t.Fatal(err)
	}
	before := changes()
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{p, p}}); err != nil {
		t.Fatal(err)
	}
	if n := changes() - before; n != 0 {
		t.Errorf("writing an unchanged persona changed %d rows, want 0", n)
	}
	// A row from before migration 4 has no tags: rewritten, then left alone.
	if _, err := s.write.ExecContext(ctx, `UPDATE personas SET tags = NULL`); err != nil {
		t.Fatal(err)
	}
	before = changes()
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{p}}); err != nil {
		t.Fatal(err)
	}
	if n := changes() - before; n == 0 {
		t.Error("a persona row without tags was not rewritten")
	}
	before = changes()
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{p}}); err != nil {
		t.Fatal(err)
	}
	if n := changes() - before; n != 0 {
		t.Errorf("writing an unchanged persona after the rewrite changed %d rows, want 0", n)
	}
	got, err := s.RecordsWithKeys(ctx, []ringer.KeyLookup{{Key: "phc:1", Limit: 5}, {Key: "phc:2", Limit: 5}, {Key: "email:x", Limit: 5}})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]ringer.KeyHit{{{RecordID: "r", Tag: 11, Tagged: true}}, {{RecordID: "r", Tag: -2, Tagged: true}}, {{RecordID: "r"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RecordsWithKeys = %+v, want %+v", got, want)
	}
}

// TestPhotoIndexAcrossStores checks that a store's photo index catches up
// with photos another store on the same file (another process) wrote.
func TestPhotoIndexAcrossStores(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ringer.db")
	s1 := openAt(t, path)
	s2 := openAt(t, path)
	const h = uint64(0x0123456789abcdef)
	find := func(s *Store) []string {
		t.Helper()
		got, err := s.NearPhotos(ctx, []uint64{h}, 6)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, hit := range got[0] {
			ids = append(ids, hit.RecordID)
		}
		return ids
	}
	if err := s1.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "a", Photos: []uint64{h}}}}); err != nil {
		t.Fatal(err)
	}
	if got := find(s1); !slices.Equal(got, []string{"a"}) {
		t.Fatalf("s1 finds %v, want [a]", got)
	}
	if err := s2.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "b", Photos: []uint64{h ^ 4}}, {RecordID: "a", Photos: []uint64{^h}}}}); err != nil {
		t.Fatal(err)
	}
	if got := find(s1); !slices.Equal(got, []string{"b"}) {
		t.Errorf("after s2 wrote, s1 finds %v, want [b]", got)
	}
	err := s1.InTx(ctx, func(tx ringer.Tx) error {
		got, err := tx.(ringer.PhotoIndex).NearPhotos(ctx, []uint64{h}, 6)
		if err != nil || len(got[0]) != 1 || got[0][0].RecordID != "b" {
			t.Errorf("in a transaction of s1, NearPhotos = %+v, %v; want b", got, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigratePhotoLog checks that migration 5 logs the photos of personas
// stored before it, from the tags of their photo chunk keys.
func TestMigratePhotoLog(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	db := olderDatabase(t, path, 4)
	h := int64(-7046029254386353131)
	for i, k := range []string{"phc:1", "phc:2", "email:x"} {
		kh, kc := keyHash(k)
		var tag any
		if i < 2 {
			tag = h
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO persona_keys (key_hash, key_check, record_id, tag) VALUES (?, ?, 'old', ?)`, kh, kc, tag); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO personas (record_id, keys, features) VALUES ('old', ?, x'')`, encodeKeys([]string{"email:x", "phc:1", "phc:2"})); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := openAt(t, path)
	got, err := s.NearPhotos(ctx, []uint64{uint64(h) ^ 1}, 3)
	want := []ringer.PhotoHit{{RecordID: "old", Hash: uint64(h), Distance: 1}}
	if err != nil || !reflect.DeepEqual(got[0], want) {
		t.Errorf("after migrating, NearPhotos = %+v, %v; want %+v", got, err, want)
	}
	// Rewritten, the persona's photos are logged again after a NULL row.
	if err := s.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "old", Keys: []string{"email:x"}, Photos: []uint64{uint64(h) ^ 2}}}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.NearPhotos(ctx, []uint64{uint64(h) ^ 1}, 3)
	want = []ringer.PhotoHit{{RecordID: "old", Hash: uint64(h) ^ 2, Distance: 2}}
	if err != nil || !reflect.DeepEqual(got[0], want) {
		t.Errorf("after rewriting, NearPhotos = %+v, %v; want %+v", got, err, want)
	}
}
