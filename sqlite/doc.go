// Package sqlite is the embedded ringer.Store: one SQLite database file,
// no server. It is what ringer runs on by default.
//
// # Driver
//
// The store uses modernc.org/sqlite, SQLite translated to Go, chosen over
// github.com/ncruces/go-sqlite3 (SQLite compiled to WebAssembly, v0.22.0,
// the newest version whose WebAssembly module is embedded) by measurement.
// The benchmark in internal/driverbench loads 100,000 records with 20 key
// rows each in 1,000-record transactions, then looks keys up and reopens
// the database (go test -run=^$ -bench=. -benchtime=1x for the load,
// 20000x for lookups and opens; 2-core VM shared with other work, so
// absolute times are noisy):
//
//	                      load 100k    lookup    open
//	modernc, WAL            23.8 s     6.4 µs   254 µs
//	modernc, rollback       21.8 s     8.6 µs   101 µs
//	ncruces, rollback       29.8 s    10.7 µs   876 µs
//	ncruces, WAL            panics: "wasm error: out of bounds memory access"
//
// modernc was faster on every measure, and ncruces v0.22.0 could not run
// in WAL mode at all on this Go version, which the store needs for readers
// that do not block the writer.
//
// # Schema
//
// Migrations are numbered SQL files embedded in the binary
// (migrations/NNNN_name.sql), applied in order by Open, each in its own
// transaction with its row in schema_migrations, so opening a database
// twice applies nothing the second time. A database whose schema is newer
// than the binary is refused with ErrSchemaTooNew.
//
//   - records (id, body): the record as the contract JSON, as encoding/json
//     writes ringer.Record, so unknown fields and partial dates survive.
//   - events (seq, record_id, type, at_us, body): seq is an AUTOINCREMENT
//     key, never reused; a record's events are read by (at, seq).
//   - personas (record_id, keys, features, tags, photos): the persona's
//     keys, each as a varint length and its bytes (cheaper to decode than
//     JSON), the link package's feature blob, the tags filed with its keys
//     (NULL in rows written before migration 4) and its photo hashes (NULL
//     before migration 5). A persona written again with the same keys,
//     features, tags and photos is left as it is.
//   - persona_keys (key_hash, key_check, record_id, tag), WITHOUT ROWID:
//     the key index. It holds the first 128 bits of SHA-256 of each key as
//     two integers, not the key text, so a row is about 30 bytes and a
//     lookup is one range scan of the primary key; two different keys
//     collide with probability 2⁻¹²⁸. tag is the value the persona filed
//     with the key (ringer.Persona.Tags: a photo chunk key's photo hash),
//     NULL for none and in rows written before migration 2. Replacing a
//     changed persona deletes the rows of the keys it had (read back from
//     personas) and inserts the new ones; the rows of a batch are inserted
//     in index order.
//   - photo_log (seq, record_id, hash): the perceptual hashes of the
//     personas' photos (ringer.Persona.Photos) as a log, a NULL hash
//     dropping the record's earlier ones. The store replays it into a
//     photo.Index in memory, built at the first search and caught up at
//     each later one, and answers ringer.PhotoIndex searches from it
//     (photoindex.go). personas.photos holds each persona's hashes as
//     last logged, so that an unchanged persona logs nothing. The log is
//     never compacted: it grows by a row per photo of each persona whose
//     photos change.
//   - links (a, b, score, evidence), a < b, WITHOUT ROWID, with an index
//     on (b, a) so both ends are found by an index seek.
//   - ring_members (record_id, ring_id) with an index on ring_id;
//     sequences (name, value) hands out ring ids ("ring") and holds the
//     number of records ("records"), kept by triggers on records, so that
//     CountRecords reads one row.
//   - assessments (record_id, body, stale): the assessment as JSON, and
//     whether it is marked stale (ringer.Batch.Stale; migration 6), with a
//     partial index listing the stale ones. Storing an assessment clears
//     the mark.
//   - reference_data (kind, name, format, data, source, entries,
//     file_date, imported_at): imported lists and sources.
//
// No table holds raw identifiers other than records (what an analyst
// must see) and events; persona_keys and personas hold the HMAC keys the
// link package computed, hashed once more.
//
// # Durability and concurrency
//
// The database runs in WAL mode with synchronous=FULL, a 10 s busy
// timeout and foreign keys on. Each Write and Erase is one transaction
// begun IMMEDIATE. The promise: once Write returns nil, the batch is
// stored whole and stays stored across a crash of the process (kill -9;
// TestDurabilityKill checks it by killing a writing child process) and,
// because FULL syncs the WAL at every commit, across an operating-system
// crash or power loss on storage that honours fsync. A batch whose Write
// did not return nil is either whole or absent, never in part.
// synchronous=NORMAL would survive the process crash but could lose the
// last commits on power loss, which the promise rules out.
//
// Writes go through one connection; reads use a pool of read-only
// connections that see the last committed state and do not wait for the
// writer. Several processes may open the same file; their writes queue on
// SQLite's lock for up to the busy timeout.
//
// InTx (ringer.Transactor) runs reads and writes in one transaction on
// the write connection: screening a record reads the graph, writes the
// record, reads it back and writes its assessment there, with one commit.
// Reading there is also faster: a reader drops its page cache whenever
// another connection has committed, the write connection keeps its own.
// The statements a screen runs are prepared once on the write connection
// when the store opens (queries.go), and bound to each transaction.
//
// The write connection never checkpoints inside an ordinary commit
// (wal_autocheckpoint is off): a goroutine of the store copies the log
// into the database on the write connection once it has been idle for
// 50 ms, so that no commit's sync waits behind a checkpoint's, and the
// writer checkpoints itself after a commit that takes the log file past
// 64 MiB (checkpoint.go). Checkpoints sync the database file, so the
// durability promise is unchanged. The write connection maps the database
// file: pages not in its cache are read from memory.
//
// # Speed
//
// Measured on the same 2-core VM while other work kept its load average
// between 5 and 7, with
//
//	go test -run=^$ -bench=Write -benchtime=50x ./sqlite
//	go test -run=^$ -bench=ScreenLookup -benchtime=3000x ./sqlite
//	RINGER_BENCH_LARGE=1 RINGER_BENCH_DB=/tmp/1m.db \
//	    go test -run=^$ -bench=ScreenLookup -benchtime=5000x -count=3 ./sqlite
//
// Writing a batch of 1,000 records, each with an event and a 20-key
// persona, took 192 ms (5,203 records/s) while the store grew from 0 to
// 50,000 records. Building the 1,000,000-persona store (20 million key
// rows, a 2.4 GiB file) took 30 min 29 s, with an earlier build that
// inserted key rows one at a time. The key index grows by random inserts:
// each batch dirties pages all over it, so the write rate falls as the
// store grows.
//
// The store's part of screening one new record is 20 RecordsWithKey calls
// and one Personas call for the 10 candidates they find (see
// storetest.BenchScreenLookup). Against 1,000,000 personas, in three runs
// of 5,000 screens:
//
//	                          p50        p99
//	wall time               242 µs   4.4–5.0 ms
//	CPU time of the thread  242 µs   556–664 µs
//
// and against 10,000 personas 157 µs and 2.7 ms wall, 157 µs and 498 µs
// CPU. The median screen runs without waiting; the slow wall-clock tail
// is the thread waiting for one of two cores the other work kept busy,
// not work the store does: its own CPU time stays under 0.7 ms at p99.
// (Readers then mapped the file; at 10,000 personas, re-measured without
// mapping, p50 is 210–218 µs wall and CPU against 218–237 mapped.)
//
// Screening a whole record (BenchmarkScreenOne in package screening:
// link, detect, score, store, in one InTx) is measured there.
package sqlite
