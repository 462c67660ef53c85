-- Records as the contract JSON (encoding/json of ringer.Record, which keeps
-- unknown fields). Rows hold résumé text, so they stay in a rowid table.
CREATE TABLE records (
	id   TEXT PRIMARY KEY,
	body BLOB NOT NULL
);

-- Events in arrival order; at_us is the event time in microseconds since
-- the Unix epoch (NULL when the event has none) and orders a record's events.
CREATE TABLE events (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	record_id TEXT NOT NULL,
	type      TEXT NOT NULL,
	at_us     INTEGER,
	body      BLOB NOT NULL
);
CREATE INDEX events_by_record ON events (record_id, at_us, seq);

-- Personas: the keyed identifiers (each as a varint byte length and the
-- bytes) and the link package's comparison features. Rows are over a kilobyte, so they stay in a rowid
-- table: WITHOUT ROWID would copy them into interior pages and overflow.
CREATE TABLE personas (
	record_id TEXT PRIMARY KEY,
	keys      BLOB NOT NULL,
	features  BLOB
);

-- The key index: the first 128 bits of SHA-256 of each persona key, as two
-- integers. A lookup is one range scan of the primary key.
CREATE TABLE persona_keys (
	key_hash  INTEGER NOT NULL,
	key_check INTEGER NOT NULL,
	record_id TEXT NOT NULL,
	PRIMARY KEY (key_hash, key_check, record_id)
) WITHOUT ROWID;

-- Links of the identity graph, stored once with a < b.
CREATE TABLE links (
	a        TEXT NOT NULL,
	b        TEXT NOT NULL,
	score    REAL NOT NULL,
	evidence BLOB NOT NULL,
	PRIMARY KEY (a, b),
	CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX links_by_b ON links (b, a);

CREATE TABLE ring_members (
	record_id TEXT PRIMARY KEY,
	ring_id   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ring_members_by_ring ON ring_members (ring_id, record_id);

-- Named counters; "ring" hands out ring ids.
CREATE TABLE sequences (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE assessments (
	record_id TEXT PRIMARY KEY,
	body      BLOB NOT NULL
);

-- Imported reference data: watchlists, intelligence sources, policies.
-- Times are Unix nanoseconds; file_date is NULL when the data carries none.
CREATE TABLE reference_data (
	kind        TEXT NOT NULL,
	name        TEXT NOT NULL,
	format      TEXT NOT NULL,
	data        BLOB NOT NULL,
	source      TEXT NOT NULL,
	entries     INTEGER NOT NULL,
	file_date   INTEGER,
	imported_at INTEGER NOT NULL,
	PRIMARY KEY (kind, name)
);
