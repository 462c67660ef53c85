// Package postgres is the ringer.Store for deployments that run several
// stateless ringer nodes on one PostgreSQL database (or a Postgres-wire
// distributed SQL engine). It uses github.com/jackc/pgx/v5 through a
// connection pool.
//
// # Schema
//
// The schema mirrors package sqlite's: records and assessments as the
// contract JSON (the json type, which keeps the text as written), events
// with a sequence number, personas with their keys, and persona_keys, the
// key index, holding the first 128 bits of SHA-256 of each key as two
// bigints in the primary key, so that a key lookup is one index range scan
// and the index holds no key text, with the tag a persona filed with a key
// (ringer.Persona.Tags), if any. Links are stored once with a < b; ids
// use COLLATE "C" so that the database's order is Go's. Ring ids come from
// a sequence. An assessment's stale mark (ringer.Batch.Stale) is a column
// beside its JSON, with a partial index of the marked ones. Times are
// kept to the microsecond (timestamptz).
//
// Migrations are numbered SQL files embedded in the binary
// (migrations/NNNN_name.sql). Open applies the ones a database lacks, each
// in a transaction holding an advisory lock, so nodes starting together
// apply each once; schema_migrations records them. A database whose schema
// is newer than the binary is refused with ErrSchemaTooNew.
//
// The tables live in the connection's current schema: put search_path in
// the DSN (postgres://…/db?search_path=ringer) to keep a deployment in its
// own schema.
//
// # Concurrency and durability
//
// A Write is one transaction, and InTx (ringer.Transactor) runs reads and
// writes in one, each Write of it under a savepoint: screening a record is
// one transaction. Batches from several nodes may run at once:
// replacing a persona takes a transaction-scoped advisory lock on its
// record id, so two batches that replace the same persona apply one after
// the other and the key index stays in step with the persona. Rows are
// written in id order so that overlapping batches do not deadlock. A
// committed batch is as durable as the server's settings make it
// (synchronous_commit=on, the default, survives a server crash).
// Snapshot (ringer.Snapshotter) reads the store as it stood at one moment
// in a read-only REPEATABLE READ transaction while writers go on.
//
// # Speed
//
// Against PostgreSQL 15 on the same 2-core VM (shared with other work,
// load average 13–20 while measuring, so wall times carry queueing):
//
//	go test -run=^$ -bench=Write -benchtime=5x ./postgres
//	go test -run=^$ -bench=ScreenLookup -benchtime=3000x ./postgres
//
// writing a 1,000-record batch (records, events, 20-key personas) took
// 865 ms (1,156 records/s), 83 ms of it client CPU; the lookups of one
// screen against 10,000 personas (20 RecordsWithKey calls, then Personas
// of the 10 candidates) took 1.06 ms at the median and 4.8 ms at p99, with
// 647 µs of client CPU. Each call is a round trip, so a screen costs 21.
package postgres

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/ringerhq/ringer/internal/migrate"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/ringerhq/ringer"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is a ringer.Store in a PostgreSQL database. It is safe for
// concurrent use, and several processes may use one database at once.
type Store struct {
	view // the reads, on the pool
	pool *pgxpool.Pool
}

var (
	_ ringer.Store                = (*Store)(nil)
	_ ringer.Transactor           = (*Store)(nil)
	_ ringer.MultiKeyReader       = (*Store)(nil)
	_ ringer.Tx                   = (*tx)(nil)
	_ ringer.MultiKeyReader       = (*tx)(nil)
	_ ringer.MultiLinkReader      = (*Store)(nil)
	_ ringer.MultiLinkReader      = (*tx)(nil)
	_ ringer.PersonaFeatureReader = (*Store)(nil)
	_ ringer.PersonaFeatureReader = (*tx)(nil)
	_ ringer.StaleReader          = (*Store)(nil)
	_ ringer.StaleReader          = (*tx)(nil)
)

// view holds the store's reads. They run through q: the pool for the
// Store, the open transaction for the Tx of InTx.
type view struct{ q querier }

// querier runs queries: *pgxpool.Pool and pgx.Tx are both one.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Open connects to the database named by dsn (a postgres:// URL or a
// key=value string, as pgx reads them) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The DSN may hold a password: do not repeat it.
		return nil, fmt.Errorf("postgres: open: parse DSN: %w", errors.Unwrap(err))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", cfg.ConnConfig.Host, err)
	}
	s := &Store{view: view{q: pool}, pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	return s, nil
}

// Close closes the store's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// ErrSchemaTooNew is returned by Open for a database whose schema is newer
// than this build of ringer knows.
var ErrSchemaTooNew = errors.New("database schema is newer than this ringer; upgrade ringer")

// migrationLock is the advisory lock key migrations hold.
const migrationLock = 0x72696e676572 // "ringer"

func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrate.LoadDir(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	return applyMigrations(ctx, s.pool, ms)
}

func applyMigrations(ctx context.Context, pool *pgxpool.Pool, ms []migrate.Migration) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range ms {
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
				return err
			}
			var cur int
			if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
				return fmt.Errorf("read schema version: %w", err)
			}
			if cur > len(ms) {
				return fmt.Errorf("schema version %d, this ringer knows up to %d: %w", cur, len(ms), ErrSchemaTooNew)
			}
			if cur >= m.Version {
				return nil
			}
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())`, m.Version, m.Name)
			return err
		})
		if err != nil {
			if errors.Is(err, ErrSchemaTooNew) {
				return err
			}
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
	}
	var cur int
	if err := pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if cur > len(ms) {
		return fmt.Errorf("schema version %d, this ringer knows up to %d: %w", cur, len(ms), ErrSchemaTooNew)
	}
	return nil
}

// keyHash returns the first 128 bits of SHA-256 of a persona key as the
// two integers persona_keys is indexed on. Two different keys share both
// with probability 2⁻¹²⁸, so lookups are exact in practice.
func keyHash(key string) (hash, check int64) {
	sum := sha256.Sum256([]byte(key))
	return int64(binary.BigEndian.Uint64(sum[:8])), int64(binary.BigEndian.Uint64(sum[8:16]))
}
