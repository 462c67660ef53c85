package sqlite

// The statements a screen runs, named so that the store can prepare them
// once on its write connection (see Store.prepareWriteConn): a statement
// prepared inside a transaction is thrown away when it ends.
const (
	qRecord       = `SELECT body FROM records WHERE id = ?`
	qCountRecords = `SELECT value FROM sequences WHERE name = 'records'`
	qEvents       = `SELECT seq, body FROM events WHERE record_id = ? ORDER BY at_us, seq`
	qPersonas     = `SELECT j.key, p.record_id, p.keys, p.features
		FROM json_each(?) AS j JOIN personas AS p ON p.record_id = j.value
		ORDER BY j.key`
	qPersonaFeatures = `SELECT p.record_id, p.features
		FROM json_each(?) AS j JOIN personas AS p ON p.record_id = j.value`
	qRecordsWithKey = `SELECT record_id FROM persona_keys WHERE key_hash = ? AND key_check = ? ORDER BY record_id LIMIT +?`
	qLinksOfRecords = `SELECT j.key, a, b, score, evidence, b AS other FROM json_each(?1) AS j JOIN links ON a = j.value
		UNION ALL
		SELECT j.key, a, b, score, evidence, a AS other FROM json_each(?1) AS j JOIN links ON b = j.value
		ORDER BY 1, 6`
	qRingOf      = `SELECT ring_id FROM ring_members WHERE record_id = ?`
	qRingMembers = `SELECT record_id FROM ring_members WHERE ring_id = ? ORDER BY record_id`
	qAssessment  = `SELECT body, stale FROM assessments WHERE record_id = ?`
	qStale       = `SELECT record_id FROM assessments WHERE stale = 1 ORDER BY record_id`
	qNewRingID   = `INSERT INTO sequences (name, value) VALUES ('ring', 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`
	qPutRecord = `INSERT INTO records (id, body) VALUES (?, ?)
		ON CONFLICT (id) DO UPDATE SET body = excluded.body`
	qPutEvent = `INSERT INTO events (record_id, type, at_us, body) VALUES (?, ?, ?, ?)`
	qPutLink  = `INSERT INTO links (a, b, score, evidence) VALUES (?, ?, ?, ?)
		ON CONFLICT (a, b) DO UPDATE SET score = excluded.score, evidence = excluded.evidence`
	qDeleteRingMember = `DELETE FROM ring_members WHERE record_id = ?`
	qPutRingMember    = `INSERT INTO ring_members (record_id, ring_id) VALUES (?, ?)
		ON CONFLICT (record_id) DO UPDATE SET ring_id = excluded.ring_id`
	qPutAssessment = `INSERT INTO assessments (record_id, body, stale) VALUES (?, ?, 0)
		ON CONFLICT (record_id) DO UPDATE SET body = excluded.body, stale = 0`
	qMarkStale        = `UPDATE assessments SET stale = 1 WHERE record_id = ?`
	qDeleteLinksA     = `DELETE FROM links WHERE a = ?`
	qDeleteLinksB     = `DELETE FROM links WHERE b = ?`
	qPutPersona       = `INSERT INTO personas (record_id, keys, features, tags, photos) VALUES (?, ?, ?, ?, ?)`
	qStoredPersona    = `SELECT keys, features, tags, photos FROM personas WHERE record_id = ?`
	qLogPhoto         = `INSERT INTO photo_log (record_id, hash) VALUES (?, ?)`
	qPhotoLogAfter    = `SELECT seq, record_id, hash FROM photo_log WHERE seq > ? ORDER BY seq`
	qDeletePersonaKey = `DELETE FROM persona_keys WHERE key_hash = ? AND key_check = ? AND record_id = ?`
	qDeletePersona    = `DELETE FROM personas WHERE record_id = ?`

	qSavepoint        = `SAVEPOINT batch`
	qReleaseSavepoint = `RELEASE batch`
	qRollbackToSave   = `ROLLBACK TO batch`
)

// keyRowChunks are the sizes of the multi-row inserts into the key index
// that are prepared once: a batch's key rows go in chunks of these sizes,
// largest first.
func keyRowChunks() []int { return []int{keyRowsPerInsert, 64, 16, 4, 1} }

// writeConnQueries returns the statements prepared once on the write
// connection, for Write and for the reads and writes of InTx; multiKey
// holds the texts of multiKeyQueries.
func writeConnQueries(multiKey map[int]string) []string {
	qs := []string{
		qRecord, qCountRecords, qEvents, qPersonas, qPersonaFeatures, qRecordsWithKey, qLinksOfRecords,
		qRingOf, qRingMembers, qAssessment, qNewRingID,
		qPutRecord, qPutEvent, qPutLink, qDeleteRingMember, qPutRingMember,
		qPutAssessment, qMarkStale, qDeleteLinksA, qDeleteLinksB, qPutPersona,
		qStoredPersona, qLogPhoto, qPhotoLogAfter, qDeletePersonaKey, qDeletePersona,
		qSavepoint, qReleaseSavepoint, qRollbackToSave,
	}
	for _, q := range multiKey {
		qs = append(qs, q)
	}
	for _, n := range keyRowChunks() {
		qs = append(qs, insertKeyRows(n))
	}
	return qs
}
