package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/ringerhq/ringer/internal/migrate"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is a ringer.Store kept in one SQLite database file. It is safe for
// concurrent use by several goroutines; writes are serialised on one
// connection, reads run in parallel on others.
type Store struct {
	view  // the reads, on the read pool
	path  string
	write *sql.DB // one connection; every transaction begins IMMEDIATE
	read  *sql.DB // several read-only connections (the same pool as write for ":memory:")

	// wstmts holds writeConnQueries prepared on the write connection by
	// Open; it is not changed after. Statements cannot be prepared on the
	// write connection while a transaction holds it.
	wstmts map[string]*sql.Stmt

	// ckpt checkpoints the log when the writer is idle; nil for ":memory:".
	ckpt *checkpointer
	// walLimit is the size of the log file, in bytes, past which the
	// writer checkpoints itself (walSizeLimit).
	walLimit int64

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // read statements, prepared once: parsing costs more than a lookup
}

var (
	_ ringer.Store                = (*Store)(nil)
	_ ringer.Transactor           = (*Store)(nil)
	_ ringer.MultiKeyReader       = (*Store)(nil)
	_ ringer.Tx                   = (*tx)(nil)
	_ ringer.MultiKeyReader       = (*tx)(nil)
	_ ringer.PhotoIndex           = (*Store)(nil)
	_ ringer.MultiLinkReader      = (*Store)(nil)
	_ ringer.MultiLinkReader      = (*tx)(nil)
	_ ringer.PhotoIndex           = (*tx)(nil)
	_ ringer.PersonaFeatureReader = (*Store)(nil)
	_ ringer.PersonaFeatureReader = (*tx)(nil)
)

// view holds the store's reads. They run through q: the read pool for
// the Store, the open transaction for the Tx of InTx. multiKey holds the
// texts of the RecordsWithKeys statements by size (multiKeyQueries); it
// is not changed after Open.
type view struct {
	q        querier
	multiKey map[int]string
	// photos is the store's photo index, shared by the Store and its
	// transactions; tx is the transaction's statements in the Tx of InTx,
	// nil for the Store.
	photos *photoIndex
	tx     *stmts
}

// querier runs read statements.
type querier interface {
	query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	queryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// writeMapSize is how much of the database file the write connection maps.
const writeMapSize int64 = 16 << 30

// readConns is how many connections serve reads at once.
const readConns = 4

// busyTimeout is how long a statement waits for a lock held by another
// process before it fails with SQLITE_BUSY.
const busyTimeout = 10 * time.Second

// Open opens the store at path, creating the file and its parent
// directory when they do not exist, and brings its schema up to date.
// The path ":memory:" opens a private in-memory store that lives until
// Close (for tests). Opening a database written by a newer ringer, whose
// schema this one does not know, is an error.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// Options tune how a store is opened.
type Options struct {
	// Synchronous is SQLite's synchronous setting: "full" (the default)
	// syncs the write-ahead log at every commit, so a committed batch
	// survives power loss; "normal" syncs only at checkpoints, so a
	// committed batch survives a crash or kill -9 of the process but the
	// last commits may be lost on power loss, in exchange for commits that
	// do not wait for the disk.
	Synchronous string
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	sync := "FULL"
	switch strings.ToLower(o.Synchronous) {
	case "", "full":
	case "normal":
		sync = "NORMAL"
	default:
		return nil, fmt.Errorf("sqlite: open %s: synchronous %q: want full or normal", path, o.Synchronous)
	}
	if path == "" {
		return nil, errors.New("sqlite: open: empty path")
	}
	s := &Store{path: path, walLimit: walSizeLimit}
	s.view = view{q: s, multiKey: multiKeyQueries(), photos: &photoIndex{}}
	if path == ":memory:" {
		db, err := sql.Open("sqlite", "file::memory:?"+pragmas(sync))
		if err != nil {
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
		db.SetMaxOpenConns(1)
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
		s.write, s.read = db, db
	} else {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
			}
		}
		u := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
		// The write connection checkpoints only when idle or when the log
		// has outgrown its bound (checkpoint.go). It maps the database file
		// (mmap_size, up to 16 GiB): a page that is not in its cache is then
		// read from memory, not with a pread system call and a copy. Against
		// 1,000,000 records that took screening's p99 from 5.5–6.8 ms to
		// 5.0–5.6 (BenchmarkScreenOne, seeds 1–3, one run each). Its page
		// cache is 32 MiB. Every commit walks the cache's hash table
		// (pcache1Truncate): with 64 MiB that walk was 0.5–0.7 ms of each
		// screen's commit at 20,000 records (BenchmarkScreenOne CPU
		// profile), 0.07 ms with 8 MiB. But against 1,000,000 records a
		// screen's key lookups read index pages a small cache cannot hold:
		// its CPU time was 4.5–5.2 ms with 8 MiB, 4.5–4.7 with 16 and
		// 3.8–4.1 with 32, and at 20,000 records 32 MiB cost no more than
		// 8. BenchmarkWrite (1,000-record batches) was no slower with 8 MiB
		// than with 64.
		//
		// Temporary files stay in memory: the statement journal of the
		// savepoint each Write in a transaction opens was a file created,
		// written and deleted at every screen: its open and close alone
		// were 5% of a screen's CPU time at 20,000 records.
		w, err := sql.Open("sqlite", u+"_txlock=immediate&"+pragmas(sync)+"&_pragma=cache_size(-32768)&_pragma=mmap_size("+strconv.FormatInt(writeMapSize, 10)+")&_pragma=temp_store(MEMORY)"+
			"&_pragma=wal_autocheckpoint(0)&_pragma=journal_size_limit("+strconv.Itoa(walSizeLimit)+")")
		if err != nil {
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		// Readers do not map the file. A commit by the write connection
		// makes every reader drop its page cache at its next read and, with
		// the file mapped, unmap and fault it back in: where reads follow
		// writes (BenchmarkScreenOne before screens read in the write
		// transaction), that cost 4.1 ms of CPU per screen against 3.5 ms
		// reading pages with pread. Mapping paid only for reads with no
		// writes between them.
		r, err := sql.Open("sqlite", u+"mode=ro&"+pragmas(sync)+"&_pragma=cache_size(-16384)")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
		r.SetMaxOpenConns(readConns)
		r.SetMaxIdleConns(readConns)
		s.write, s.read = w, r
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if path != ":memory:" {
		s.ckpt = newCheckpointer(s.write, checkpointDelay)
	}
	if err := s.prepareWriteConn(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// prepareWriteConn prepares writeConnQueries on the write connection. A
// transaction then binds them (sql.Tx.StmtContext) without parsing them
// again, where a statement prepared inside the transaction would be
// parsed anew by every Write.
func (s *Store) prepareWriteConn(ctx context.Context) error {
	qs := writeConnQueries(s.multiKey)
	s.wstmts = make(map[string]*sql.Stmt, len(qs))
	for _, q := range qs {
		st, err := s.write.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		s.wstmts[q] = st
	}
	return nil
}

// pragmas returns the DSN parameters every connection is opened with:
// write-ahead logging, the synchronous setting (see Options and the
// package doc for the durability each buys), a busy timeout and foreign
// keys.
func pragmas(sync string) string {
	return strings.Join([]string{
		"_pragma=journal_mode(WAL)",
		"_pragma=synchronous(" + sync + ")",
		"_pragma=busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")",
		"_pragma=foreign_keys(ON)",
	}, "&")
}

// prepared returns the read statement for query, preparing it on first use.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = make(map[string]*sql.Stmt)
	}
	s.stmts[query] = st
	return st, nil
}

// query runs a read query through its prepared statement. Every read is
// an index lookup or a bounded range: it checks ctx before it starts
// instead of having the driver watch ctx while it runs, which costs a
// goroutine per query: BenchmarkScreenLookup used 468 µs of CPU per
// screen with the watch and 326 µs without.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return st.QueryContext(context.WithoutCancel(ctx), args...)
}

// queryRow runs a one-row read query through its prepared statement,
// checking ctx first as query does.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, query)
	if err != nil || ctx.Err() != nil {
		// Let the error surface from Scan, as database/sql does.
		return s.read.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(context.WithoutCancel(ctx), args...)
}

// Close closes the store's connections.
func (s *Store) Close() error {
	var errs []error
	if s.ckpt != nil {
		errs = append(errs, s.ckpt.close())
		s.ckpt = nil
	}
	s.mu.Lock()
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = nil
	s.mu.Unlock()
	for _, st := range s.wstmts {
		errs = append(errs, st.Close())
	}
	s.wstmts = nil
	if s.read != nil && s.read != s.write {
		errs = append(errs, s.read.Close())
	}
	if s.write != nil {
		errs = append(errs, s.write.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// ErrSchemaTooNew is returned by Open for a database whose schema is newer
// than this build of ringer knows.
var ErrSchemaTooNew = errors.New("database schema is newer than this ringer; upgrade ringer")

// migrate applies the embedded migrations the database lacks, each in its
// own transaction together with its row in schema_migrations. Applying
// them again is a no-op.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrate.LoadDir(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	return applyMigrations(ctx, s.write, ms)
}

func applyMigrations(ctx context.Context, db *sql.DB, ms []migrate.Migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if err := applyMigration(ctx, db, m, len(ms)); err != nil {
			return err
		}
	}
	// A database with no migration left to apply may still be newer.
	var cur int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if cur > len(ms) {
		return fmt.Errorf("schema version %d, this ringer knows up to %d: %w", cur, len(ms), ErrSchemaTooNew)
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migrate.Migration, known int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
	}
	defer tx.Rollback()
	var cur int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if cur > known {
		return fmt.Errorf("schema version %d, this ringer knows up to %d: %w", cur, known, ErrSchemaTooNew)
	}
	if cur >= m.Version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("migration %d (%s): record: %w", m.Version, m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %d (%s): commit: %w", m.Version, m.Name, err)
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

// checkEmbedded reports whether the migrations built into the binary load.
func (s *Store) checkEmbedded() error {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	_, err = migrate.Load(sub)
	return err
}
