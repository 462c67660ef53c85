package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/contractjson"
)

// Record returns the stored record with the given id, or an error wrapping
// ringer.ErrNotFound.
func (v view) Record(ctx context.Context, id string) (ringer.Record, error) {
	var body []byte
	err := v.q.QueryRow(ctx, `SELECT body FROM records WHERE id = $1`, id).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return ringer.Record{}, fmt.Errorf("postgres: record %q: %w", id, ringer.ErrNotFound)
	}
	if err != nil {
		return ringer.Record{}, fmt.Errorf("postgres: record %q: %w", id, err)
	}
	var r ringer.Record
	if err := contractjson.UnmarshalRecord(body, &r); err != nil {
		return ringer.Record{}, fmt.Errorf("postgres: record %q: decode: %w", id, err)
	}
	return r, nil
}

// EachRecord calls fn with every stored record in id order and stops at
// the first error fn returns, which EachRecord returns. Records are read
// in pages, so fn may write to the store.
func (v view) EachRecord(ctx context.Context, fn func(ringer.Record) error) error {
	const page = 500
	after := "" // ids are never empty, so every id sorts after ""
	for {
		rows, err := v.q.Query(ctx,
			`SELECT id, body FROM records WHERE id > $1 ORDER BY id LIMIT $2`, after, page)
		if err != nil {
			return fmt.Errorf("postgres: each record: %w", err)
		}
		var batch []ringer.Record
		for rows.Next() {
			var id string
			var body []byte
			if err := rows.Scan(&id, &body); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: each record: %w", err)
			}
			var r ringer.Record
			if err := contractjson.UnmarshalRecord(body, &r); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: record %q: decode: %w", id, err)
			}
			batch = append(batch, r)
			after = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: each record: %w", err)
		}
		for _, r := range batch {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
	}
}

// CountRecords returns how many records are stored.
func (v view) CountRecords(ctx context.Context) (int, error) {
	var n int
	if err := v.q.QueryRow(ctx, `SELECT count(*) FROM records`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count records: %w", err)
	}
	return n, nil
}

// Events returns a record's events ordered by time, events without a time
// first, and by sequence number among equal times. Each carries its Seq.
func (v view) Events(ctx context.Context, recordID string) ([]ringer.Event, error) {
	rows, err := v.q.Query(ctx,
		`SELECT seq, body FROM events WHERE record_id = $1 ORDER BY at NULLS FIRST, seq`, recordID)
	if err != nil {
		return nil, fmt.Errorf("postgres: events of %q: %w", recordID, err)
	}
	defer rows.Close()
	var out []ringer.Event
	for rows.Next() {
		var seq int64
		var body []byte
		if err := rows.Scan(&seq, &body); err != nil {
			return nil, fmt.Errorf("postgres: events of %q: %w", recordID, err)
		}
		var e ringer.Event
		if err := contractjson.UnmarshalEvent(body, &e); err != nil {
			return nil, fmt.Errorf("postgres: event %d: decode: %w", seq, err)
		}
		e.Seq = seq
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: events of %q: %w", recordID, err)
	}
	return out, nil
}

// Personas returns the stored personas of the given records in the order
// asked; records without one are left out.
func (v view) Personas(ctx context.Context, recordIDs []string) ([]ringer.Persona, error) {
	if len(recordIDs) == 0 {
		return nil, nil
	}
	rows, err := v.q.Query(ctx, `SELECT p.record_id, p.keys, p.features
		FROM unnest($1::text[]) WITH ORDINALITY AS q(id, n) JOIN personas AS p ON p.record_id = q.id
		ORDER BY q.n`, recordIDs)
	if err != nil {
		return nil, fmt.Errorf("postgres: personas: %w", err)
	}
	defer rows.Close()
	var out []ringer.Persona
	seen := make(map[string]bool, len(recordIDs))
	for rows.Next() {
		var p ringer.Persona
		var kb []byte
		if err := rows.Scan(&p.RecordID, &kb, &p.Features); err != nil {
			return nil, fmt.Errorf("postgres: personas: %w", err)
		}
		if seen[p.RecordID] {
			continue
		}
		seen[p.RecordID] = true
		if err := json.Unmarshal(kb, &p.Keys); err != nil {
			return nil, fmt.Errorf("postgres: persona %q: decode keys: %w", p.RecordID, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: personas: %w", err)
	}
	return out, nil
}

// PersonaFeatures calls fn with the features of each stored persona among
// recordIDs; see ringer.PersonaFeatureReader.
func (v view) PersonaFeatures(ctx context.Context, recordIDs []string, fn func(recordID string, features []byte) error) error {
	if len(recordIDs) == 0 {
		return nil
	}
	rows, err := v.q.Query(ctx, `SELECT record_id, features FROM personas WHERE record_id = ANY($1::text[])`, recordIDs)
	if err != nil {
		return fmt.Errorf("postgres: persona features: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var f []byte
		if err := rows.Scan(&id, &f); err != nil {
			return fmt.Errorf("postgres: persona features: %w", err)
		}
		if err := fn(id, f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: persona features: %w", err)
	}
	return nil
}

// RecordsWithKey returns up to limit ids of records whose persona has key,
// in id order; a limit of zero or less means no limit.
func (v view) RecordsWithKey(ctx context.Context, key string, limit int) ([]string, error) {
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	h, c := keyHash(key)
	rows, err := v.q.Query(ctx, `SELECT record_id FROM persona_keys
		WHERE key_hash = $1 AND key_check = $2 ORDER BY record_id LIMIT $3`, h, c, lim)
	if err != nil {
		return nil, fmt.Errorf("postgres: records with key: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: records with key: %w", err)
	}
	return ids, nil
}

// RecordsWithKeys answers each lookup as RecordsWithKey would, in one
// round trip: a lateral range scan of the key index per lookup.
func (v view) RecordsWithKeys(ctx context.Context, lookups []ringer.KeyLookup) ([][]ringer.KeyHit, error) {
	out := make([][]ringer.KeyHit, len(lookups))
	if len(lookups) == 0 {
		return out, nil
	}
	hs := make([]int64, len(lookups))
	cs := make([]int64, len(lookups))
	lims := make([]int64, len(lookups))
	for i, l := range lookups {
		hs[i], cs[i] = keyHash(l.Key)
		lims[i] = int64(l.Limit)
	}
	rows, err := v.q.Query(ctx, `SELECT q.n, k.record_id, k.tag
		FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS q(h, c, lim, n)
		CROSS JOIN LATERAL (SELECT record_id, tag FROM persona_keys
			WHERE key_hash = q.h AND key_check = q.c
			ORDER BY record_id LIMIT CASE WHEN q.lim > 0 THEN q.lim END) AS k
		ORDER BY q.n, k.record_id`, hs, cs, lims)
	if err != nil {
		return nil, fmt.Errorf("postgres: records with keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int64
		var h ringer.KeyHit
		var tag pgtype.Int8
		if err := rows.Scan(&n, &h.RecordID, &tag); err != nil {
			return nil, fmt.Errorf("postgres: records with keys: %w", err)
		}
		if n < 1 || n > int64(len(out)) {
			return nil, fmt.Errorf("postgres: records with keys: lookup %d of %d", n, len(out))
		}
		h.Tag, h.Tagged = tag.Int64, tag.Valid
		out[n-1] = append(out[n-1], h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: records with keys: %w", err)
	}
	return out, nil
}

// Links returns the links touching a record, each with A < B, ordered by
// the other end's id.
func (v view) Links(ctx context.Context, recordID string) ([]ringer.Link, error) {
	ls, err := v.LinksOfRecords(ctx, []string{recordID})
	if err != nil {
		return nil, err
	}
	return ls[0], nil
}

// LinksOfRecords returns, for each record, its links as Links does, in
// one query; see ringer.MultiLinkReader.
func (v view) LinksOfRecords(ctx context.Context, recordIDs []string) ([][]ringer.Link, error) {
	out := make([][]ringer.Link, len(recordIDs))
	if len(recordIDs) == 0 {
		return out, nil
	}
	rows, err := v.q.Query(ctx, `
		SELECT n, a, b, score, evidence FROM (
			SELECT r.n, l.a, l.b, l.score, l.evidence, l.b AS other
				FROM unnest($1::text[]) WITH ORDINALITY AS r(id, n) JOIN links AS l ON l.a = r.id
			UNION ALL
			SELECT r.n, l.a, l.b, l.score, l.evidence, l.a AS other
				FROM unnest($1::text[]) WITH ORDINALITY AS r(id, n) JOIN links AS l ON l.b = r.id) AS x
		ORDER BY n, other`, recordIDs)
	if err != nil {
		return nil, fmt.Errorf("postgres: links of records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int64
		var l ringer.Link
		var ev []byte
		if err := rows.Scan(&n, &l.A, &l.B, &l.Score, &ev); err != nil {
			return nil, fmt.Errorf("postgres: links of records: %w", err)
		}
		if n < 1 || n > int64(len(out)) {
			return nil, fmt.Errorf("postgres: links of records: record %d of %d", n, len(out))
		}
		if err := json.Unmarshal(ev, &l.Evidence); err != nil {
			return nil, fmt.Errorf("postgres: link %q–%q: decode evidence: %w", l.A, l.B, err)
		}
		out[n-1] = append(out[n-1], l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: links of records: %w", err)
	}
	return out, nil
}

// RingOf returns the ring id of a record, "" when it is in none.
func (v view) RingOf(ctx context.Context, recordID string) (string, error) {
	var ring string
	err := v.q.QueryRow(ctx, `SELECT ring_id FROM ring_members WHERE record_id = $1`, recordID).Scan(&ring)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("postgres: ring of %q: %w", recordID, err)
	}
	return ring, nil
}

// RingMembers returns the record ids of a ring in id order, or an error
// wrapping ringer.ErrNotFound when the ring has no members.
func (v view) RingMembers(ctx context.Context, ringID string) ([]string, error) {
	rows, err := v.q.Query(ctx, `SELECT record_id FROM ring_members WHERE ring_id = $1 ORDER BY record_id`, ringID)
	if err != nil {
		return nil, fmt.Errorf("postgres: ring %q: %w", ringID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: ring %q: %w", ringID, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("postgres: ring %q: %w", ringID, ringer.ErrNotFound)
	}
	return ids, nil
}

// NewRingID returns a ring id never handed out before by this database:
// "ring-1", "ring-2"…
func (v view) NewRingID(ctx context.Context) (string, error) {
	var n int64
	if err := v.q.QueryRow(ctx, `SELECT nextval('ring_ids')`).Scan(&n); err != nil {
		return "", fmt.Errorf("postgres: new ring id: %w", err)
	}
	return "ring-" + strconv.FormatInt(n, 10), nil
}

// Assessment returns the stored assessment of a record, with Stale set
// when it is marked stale (ringer.Batch.Stale), or an error wrapping
// ringer.ErrNotFound.
func (v view) Assessment(ctx context.Context, recordID string) (ringer.Assessment, error) {
	var body []byte
	var stale bool
	err := v.q.QueryRow(ctx, `SELECT body, stale FROM assessments WHERE record_id = $1`, recordID).Scan(&body, &stale)
	if errors.Is(err, pgx.ErrNoRows) {
		return ringer.Assessment{}, fmt.Errorf("postgres: assessment of %q: %w", recordID, ringer.ErrNotFound)
	}
	if err != nil {
		return ringer.Assessment{}, fmt.Errorf("postgres: assessment of %q: %w", recordID, err)
	}
	var a ringer.Assessment
	if err := json.Unmarshal(body, &a); err != nil {
		return ringer.Assessment{}, fmt.Errorf("postgres: assessment of %q: decode: %w", recordID, err)
	}
	a.Stale = stale
	return a, nil
}

// StaleAssessments returns the records whose stored assessment is stale,
// in id order, from the partial index of them; see ringer.StaleReader.
func (v view) StaleAssessments(ctx context.Context) ([]string, error) {
	rows, err := v.q.Query(ctx, `SELECT record_id FROM assessments WHERE stale ORDER BY record_id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: stale assessments: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: stale assessments: %w", err)
	}
	return ids, nil
}

// PutReference stores a reference, replacing one of the same kind and
// name. A zero ImportedAt is stored as the current time. Times are kept
// to the microsecond.
func (s *Store) PutReference(ctx context.Context, ref ringer.Reference) error {
	if ref.Kind == "" || ref.Name == "" {
		return fmt.Errorf("postgres: put reference %q/%q: kind and name are required", ref.Kind, ref.Name)
	}
	if ref.ImportedAt.IsZero() {
		ref.ImportedAt = time.Now()
	}
	data := ref.Data
	if data == nil {
		data = []byte{}
	}
	fileDate := pgtype.Timestamptz{Time: ref.FileDate, Valid: !ref.FileDate.IsZero()}
	_, err := s.pool.Exec(ctx, `INSERT INTO reference_data
		(kind, name, format, data, source, entries, file_date, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (kind, name) DO UPDATE SET format = excluded.format, data = excluded.data,
			source = excluded.source, entries = excluded.entries, file_date = excluded.file_date,
			imported_at = excluded.imported_at`,
		ref.Kind, ref.Name, ref.Format, data, ref.Source, ref.Entries, fileDate, ref.ImportedAt)
	if err != nil {
		return fmt.Errorf("postgres: put reference %s/%s: %w", ref.Kind, ref.Name, err)
	}
	return nil
}

// Reference returns one reference with its data, or an error wrapping
// ringer.ErrNotFound.
func (v view) Reference(ctx context.Context, kind, name string) (ringer.Reference, error) {
	row := v.q.QueryRow(ctx, `SELECT kind, name, format, source, entries, file_date, imported_at, data
		FROM reference_data WHERE kind = $1 AND name = $2`, kind, name)
	ref, err := scanReference(row, true)
	if errors.Is(err, pgx.ErrNoRows) {
		return ringer.Reference{}, fmt.Errorf("postgres: reference %s/%s: %w", kind, name, ringer.ErrNotFound)
	}
	if err != nil {
		return ringer.Reference{}, fmt.Errorf("postgres: reference %s/%s: %w", kind, name, err)
	}
	return ref, nil
}

// References lists the references of a kind by name, without their data.
func (v view) References(ctx context.Context, kind string) ([]ringer.Reference, error) {
	rows, err := v.q.Query(ctx, `SELECT kind, name, format, source, entries, file_date, imported_at
		FROM reference_data WHERE kind = $1 ORDER BY name`, kind)
	if err != nil {
		return nil, fmt.Errorf("postgres: references %s: %w", kind, err)
	}
	defer rows.Close()
	var out []ringer.Reference
	for rows.Next() {
		ref, err := scanReference(rows, false)
		if err != nil {
			return nil, fmt.Errorf("postgres: references %s: %w", kind, err)
		}
		out = append(out, ref)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: references %s: %w", kind, err)
	}
	return out, nil
}

// DeleteReference removes a reference, or returns an error wrapping
// ringer.ErrNotFound when there is none.
func (s *Store) DeleteReference(ctx context.Context, kind, name string) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM reference_data WHERE kind = $1 AND name = $2`, kind, name)
	if err != nil {
		return fmt.Errorf("postgres: delete reference %s/%s: %w", kind, name, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: delete reference %s/%s: %w", kind, name, ringer.ErrNotFound)
	}
	return nil
}

func scanReference(row pgx.Row, withData bool) (ringer.Reference, error) {
	var ref ringer.Reference
	var fileDate pgtype.Timestamptz
	dest := []any{&ref.Kind, &ref.Name, &ref.Format, &ref.Source, &ref.Entries, &fileDate, &ref.ImportedAt}
	if withData {
		dest = append(dest, &ref.Data)
	}
	if err := row.Scan(dest...); err != nil {
		return ringer.Reference{}, err
	}
	if fileDate.Valid {
		ref.FileDate = fileDate.Time.UTC()
	}
	ref.ImportedAt = ref.ImportedAt.UTC()
	return ref, nil
}
