// Package driverbench compares the two pure-Go SQLite drivers ringer could
// embed, modernc.org/sqlite (C translated to Go) and
// github.com/ncruces/go-sqlite3 (the C library compiled to WebAssembly and
// run by wazero), on the work the sqlite store does: batched inserts of
// records and their persona keys, point lookups by key hash, and opening a
// database. Run it with
//
//	go test -run=^$ -bench=. -benchtime=3x ./sqlite/internal/driverbench
package driverbench

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	_ "github.com/ncruces/go-sqlite3/driver"
	_ "github.com/ncruces/go-sqlite3/embed"
	_ "modernc.org/sqlite"
)

// drivers lists the candidates: a database/sql driver name and the
// journal mode. ncruces v0.22.0 is measured in rollback-journal mode only:
// in WAL mode its first commit panics with "wasm error: out of bounds
// memory access" on this Go version, so its WAL figures cannot be taken.
var drivers = []struct{ name, driver, journal string }{
	{"modernc-wal", "sqlite", "WAL"},
	{"modernc-delete", "sqlite", "DELETE"},
	{"ncruces-delete", "sqlite3", "DELETE"},
}

const (
	nRecords  = 100_000
	keysPer   = 20
	batchSize = 1000
)

const schema = `
CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS persona_keys (
	key_hash INTEGER NOT NULL, record_id TEXT NOT NULL,
	PRIMARY KEY (key_hash, record_id)) WITHOUT ROWID;`

func open(tb testing.TB, driver, journal, path string) *sql.DB {
	tb.Helper()
	dsn := "file:" + path + "?_pragma=journal_mode(" + journal + ")&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)"
	db, err := sql.Open(driver, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(schema); err != nil {
		tb.Fatal(err)
	}
	return db
}

func keyHash(i, k int) int64 {
	s := sha256.Sum256(fmt.Appendf(nil, "email:%d:%d", i, k))
	return int64(binary.BigEndian.Uint64(s[:8]))
}

func fill(tb testing.TB, db *sql.DB) {
	tb.Helper()
	ctx := context.Background()
	body := make([]byte, 600)
	for start := 0; start < nRecords; start += batchSize {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			tb.Fatal(err)
		}
		rs, err := tx.Prepare(`INSERT INTO records (id, body) VALUES (?, ?)`)
		if err != nil {
			tb.Fatal(err)
		}
		ks, err := tx.Prepare(`INSERT OR IGNORE INTO persona_keys (key_hash, record_id) VALUES (?, ?)`)
		if err != nil {
			tb.Fatal(err)
		}
		for i := start; i < start+batchSize; i++ {
			id := fmt.Sprintf("rec-%07d", i)
			if _, err := rs.Exec(id, body); err != nil {
				tb.Fatal(err)
			}
			for k := range keysPer {
				if _, err := ks.Exec(keyHash(i, k), id); err != nil {
					tb.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkInsert writes 100,000 records with 20 keys each in 1,000-record
// transactions; one op is the whole load.
func BenchmarkInsert(b *testing.B) {
	for _, d := range drivers {
		b.Run(d.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				db := open(b, d.driver, d.journal, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
				fill(b, db)
				db.Close()
			}
		})
	}
}

// BenchmarkLookup looks one key up in a store of 100,000 records; one op
// is one lookup.
func BenchmarkLookup(b *testing.B) {
	for _, d := range drivers {
		b.Run(d.name, func(b *testing.B) {
			db := open(b, d.driver, d.journal, filepath.Join(b.TempDir(), "bench.db"))
			defer db.Close()
			fill(b, db)
			st, err := db.Prepare(`SELECT record_id FROM persona_keys WHERE key_hash = ? LIMIT 100`)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				rows, err := st.Query(keyHash(i%nRecords, i%keysPer))
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					var id string
					if err := rows.Scan(&id); err != nil {
						b.Fatal(err)
					}
					n++
				}
				rows.Close()
				if n != 1 {
					b.Fatalf("lookup found %d records, want 1", n)
				}
			}
		})
	}
}

// BenchmarkOpen opens an existing database and runs its first query.
func BenchmarkOpen(b *testing.B) {
	for _, d := range drivers {
		b.Run(d.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "bench.db")
			db := open(b, d.driver, d.journal, path)
			db.Close()
			for b.Loop() {
				db := open(b, d.driver, d.journal, path)
				var n int
				if err := db.QueryRow(`SELECT count(*) FROM records`).Scan(&n); err != nil {
					b.Fatal(err)
				}
				db.Close()
			}
		})
	}
}
