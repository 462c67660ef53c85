-- The perceptual hashes of personas' photos, as a log the store replays
-- into an index searched by distance in memory (photoindex.go): a row with
-- a hash adds a photo of the record, a row without one (NULL) drops the
-- record's photos logged before it. A store reads only the rows after the
-- last it replayed, so a log written by another process is caught up with
-- at the next lookup.
CREATE TABLE photo_log (
	seq       INTEGER PRIMARY KEY,
	record_id TEXT NOT NULL,
	hash      INTEGER
);

-- A persona's photo hashes as its last log rows say (8 bytes each,
-- big-endian, ascending), so that rewriting a persona whose photos did not
-- change logs nothing. NULL in rows written before this column: rewriting
-- such a persona logs its photos again after a NULL row.
ALTER TABLE personas ADD COLUMN photos BLOB;

-- Personas stored before the log: their photo hashes are the tags of
-- their photo chunk keys.
INSERT INTO photo_log (record_id, hash)
	SELECT DISTINCT record_id, tag FROM persona_keys WHERE tag IS NOT NULL
	ORDER BY record_id, tag;
