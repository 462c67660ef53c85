-- Ids sort by bytes (COLLATE "C") so that "a < b" on links and every
-- ORDER BY agree with Go's string order whatever the database's locale.

-- Records as the contract JSON (encoding/json of ringer.Record, which keeps
-- unknown fields). The json type keeps the text as written.
CREATE TABLE records (
	id   text COLLATE "C" PRIMARY KEY,
	body json NOT NULL
);

CREATE SEQUENCE events_seq AS bigint;
CREATE TABLE events (
	seq       bigint PRIMARY KEY DEFAULT nextval('events_seq'),
	record_id text COLLATE "C" NOT NULL,
	type      text NOT NULL,
	at        timestamptz,
	body      json NOT NULL
);
ALTER SEQUENCE events_seq OWNED BY events.seq;
CREATE INDEX events_by_record ON events (record_id, at NULLS FIRST, seq);

-- Personas: the keyed identifiers (a JSON array) and the link package's
-- comparison features.
CREATE TABLE personas (
	record_id text COLLATE "C" PRIMARY KEY,
	keys      json NOT NULL,
	features  bytea NOT NULL
);

-- The key index: the first 128 bits of SHA-256 of each persona key, as two
-- integers. A lookup is one range scan of the primary key.
CREATE TABLE persona_keys (
	key_hash  bigint NOT NULL,
	key_check bigint NOT NULL,
	record_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (key_hash, key_check, record_id)
);

-- Links of the identity graph, stored once with a < b.
CREATE TABLE links (
	a        text COLLATE "C" NOT NULL,
	b        text COLLATE "C" NOT NULL,
	score    double precision NOT NULL,
	evidence json NOT NULL,
	PRIMARY KEY (a, b),
	CHECK (a < b)
);
CREATE INDEX links_by_b ON links (b, a);

CREATE TABLE ring_members (
	record_id text COLLATE "C" PRIMARY KEY,
	ring_id   text COLLATE "C" NOT NULL
);
CREATE INDEX ring_members_by_ring ON ring_members (ring_id, record_id);

CREATE SEQUENCE ring_ids AS bigint;

CREATE TABLE assessments (
	record_id text COLLATE "C" PRIMARY KEY,
	body      json NOT NULL
);

-- Imported reference data: watchlists, intelligence sources, policies.
CREATE TABLE reference_data (
	kind        text COLLATE "C" NOT NULL,
	name        text COLLATE "C" NOT NULL,
	format      text NOT NULL,
	data        bytea NOT NULL,
	source      text NOT NULL,
	entries     integer NOT NULL,
	file_date   timestamptz,
	imported_at timestamptz NOT NULL,
	PRIMARY KEY (kind, name)
);
