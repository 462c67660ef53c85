package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/contractjson"
)

// Record returns the stored record with the given id, or an error wrapping
// ringer.ErrNotFound.
func (v view) Record(ctx context.Context, id string) (ringer.Record, error) {
	var body []byte
	err := v.q.queryRow(ctx, qRecord, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return ringer.Record{}, fmt.Errorf("sqlite: record %q: %w", id, ringer.ErrNotFound)
	}
	if err != nil {
		return ringer.Record{}, fmt.Errorf("sqlite: record %q: %w", id, err)
	}
	var r ringer.Record
	if err := contractjson.UnmarshalRecord(body, &r); err != nil {
		return ringer.Record{}, fmt.Errorf("sqlite: record %q: decode: %w", id, err)
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
		rows, err := v.q.query(ctx,
			`SELECT id, body FROM records WHERE id > ? ORDER BY id LIMIT ?`, after, page)
		if err != nil {
			return fmt.Errorf("sqlite: each record: %w", err)
		}
		var batch []ringer.Record
		for rows.Next() {
			var id string
			var body []byte
			if err := rows.Scan(&id, &body); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: each record: %w", err)
			}
			var r ringer.Record
			if err := contractjson.UnmarshalRecord(body, &r); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: record %q: decode: %w", id, err)
			}
			batch = append(batch, r)
			after = id
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("sqlite: each record: %w", err)
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

// CountRecords returns how many records are stored. Triggers keep the
// count (migration 3), so this reads one row.
func (v view) CountRecords(ctx context.Context) (int, error) {
	var n int
	if err := v.q.queryRow(ctx, qCountRecords).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count records: %w", err)
	}
	return n, nil
}

// Events returns a record's events ordered by time, events without a time
// first, and by arrival among equal times. Each carries its Seq.
func (v view) Events(ctx context.Context, recordID string) ([]ringer.Event, error) {
	rows, err := v.q.query(ctx,
		qEvents, recordID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events of %q: %w", recordID, err)
	}
	defer rows.Close()
	var seqs []int64
	var bodies [][]byte
	for rows.Next() {
		var seq int64
		var body []byte
		if err := rows.Scan(&seq, &body); err != nil {
			return nil, fmt.Errorf("sqlite: events of %q: %w", recordID, err)
		}
		seqs, bodies = append(seqs, seq), append(bodies, body)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: events of %q: %w", recordID, err)
	}
	if len(bodies) == 0 {
		return nil, nil
	}
	out := make([]ringer.Event, len(bodies))
	if err := decodeEvents(out, seqs, bodies); err != nil {
		return nil, fmt.Errorf("sqlite: events of %q: %w", recordID, err)
	}
	return out, nil
}

// decodeEvents decodes event bodies into out, each by the fast path for
// plainly written JSON (contractjson) when it can. Decoding is a large part
// of the time a worker with a long history takes to screen, so above a few
// hundred events it is spread over the available cores.
func decodeEvents(out []ringer.Event, seqs []int64, bodies [][]byte) error {
	const perWorker = 256
	workers := min(runtime.GOMAXPROCS(0), (len(bodies)+perWorker-1)/perWorker)
	if workers <= 1 {
		return decodeEventRange(out, seqs, bodies, 0, len(bodies))
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	chunk := (len(bodies) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(bodies))
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = decodeEventRange(out, seqs, bodies, lo, hi)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func decodeEventRange(out []ringer.Event, seqs []int64, bodies [][]byte, lo, hi int) error {
	for i := lo; i < hi; i++ {
		if err := contractjson.UnmarshalEvent(bodies[i], &out[i]); err != nil {
			return fmt.Errorf("event %d: decode: %w", seqs[i], err)
		}
		out[i].Seq = seqs[i]
	}
	return nil
}

// Personas returns the stored personas of the given records in the order
// asked; records without one are left out.
func (v view) Personas(ctx context.Context, recordIDs []string) ([]ringer.Persona, error) {
	if len(recordIDs) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(recordIDs)
	if err != nil {
		return nil, fmt.Errorf("sqlite: personas: %w", err)
	}
	rows, err := v.q.query(ctx, qPersonas, ids)
	if err != nil {
		return nil, fmt.Errorf("sqlite: personas: %w", err)
	}
	defer rows.Close()
	var out []ringer.Persona
	seen := make(map[string]bool, len(recordIDs))
	for rows.Next() {
		var i int
		var p ringer.Persona
		var kb []byte
		if err := rows.Scan(&i, &p.RecordID, &kb, &p.Features); err != nil {
			return nil, fmt.Errorf("sqlite: personas: %w", err)
		}
		if seen[p.RecordID] {
			continue
		}
		seen[p.RecordID] = true
		if p.Keys, err = decodeKeys(kb); err != nil {
			return nil, fmt.Errorf("sqlite: persona %q: decode keys: %w", p.RecordID, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: personas: %w", err)
	}
	return out, nil
}

// PersonaFeatures calls fn with the features of each stored persona among
// recordIDs; see ringer.PersonaFeatureReader.
func (v view) PersonaFeatures(ctx context.Context, recordIDs []string, fn func(recordID string, features []byte) error) error {
	if len(recordIDs) == 0 {
		return nil
	}
	ids := slices.Clone(recordIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	arg, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("sqlite: persona features: %w", err)
	}
	rows, err := v.q.query(ctx, qPersonaFeatures, arg)
	if err != nil {
		return fmt.Errorf("sqlite: persona features: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var f sql.RawBytes
		if err := rows.Scan(&id, &f); err != nil {
			return fmt.Errorf("sqlite: persona features: %w", err)
		}
		if err := fn(id, f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: persona features: %w", err)
	}
	return nil
}

// RecordsWithKey returns up to limit ids of records whose persona has key,
// in id order; a limit of zero or less means no limit.
//
// The limit is bound as "LIMIT +?", not "LIMIT ?": SQLite treats a bare
// parameter in LIMIT as a constant of the plan and prepares the statement
// again whenever the value bound to it changes (callers alternate between
// a few limits); the unary plus keeps it an expression. The same holds
// for RecordsWithKeys.
func (v view) RecordsWithKey(ctx context.Context, key string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	h, c := keyHash(key)
	out, err := v.ids(ctx, qRecordsWithKey, h, c, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: records with key: %w", err)
	}
	return out, nil
}

// keysPerQuery is the most lookups one RecordsWithKeys query answers;
// longer lists take several queries.
const keysPerQuery = 128

// RecordsWithKeys answers each lookup as RecordsWithKey would, in one
// query for up to keysPerQuery lookups: one statement and one read
// transaction instead of one per key. (A record has some thirty keys and,
// with a photo, 68 photo probes.)
func (v view) RecordsWithKeys(ctx context.Context, lookups []ringer.KeyLookup) ([][]ringer.KeyHit, error) {
	out := make([][]ringer.KeyHit, len(lookups))
	for start := 0; start < len(lookups); start += keysPerQuery {
		chunk := lookups[start:min(start+keysPerQuery, len(lookups))]
		arms := multiKeyArms(len(chunk))
		args := make([]any, 0, 3*arms)
		for _, l := range chunk {
			h, c := keyHash(l.Key)
			limit := l.Limit
			if limit <= 0 {
				limit = -1 // SQLite: no limit
			}
			args = append(args, h, c, limit)
		}
		for range arms - len(chunk) {
			args = append(args, 0, 0, 0) // padding: LIMIT 0 reads nothing
		}
		if err := v.recordsWithKeys(ctx, arms, args, out[start:start+len(chunk)]); err != nil {
			return nil, fmt.Errorf("sqlite: records with keys: %w", err)
		}
	}
	return out, nil
}

func (v view) recordsWithKeys(ctx context.Context, arms int, args []any, out [][]ringer.KeyHit) error {
	q, ok := v.multiKey[arms]
	if !ok {
		q = multiKeyQuery(arms)
	}
	rows, err := v.q.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var h ringer.KeyHit
		var tag sql.NullInt64
		if err := rows.Scan(&i, &h.RecordID, &tag); err != nil {
			return err
		}
		if i < 0 || i >= len(out) {
			return fmt.Errorf("lookup %d of %d", i, len(out))
		}
		h.Tag, h.Tagged = tag.Int64, tag.Valid
		out[i] = append(out[i], h)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, hits := range out {
		// Each arm is in id order already; the union promises no order.
		slices.SortFunc(hits, func(a, b ringer.KeyHit) int { return strings.Compare(a.RecordID, b.RecordID) })
	}
	return nil
}

// multiKeyArms rounds a number of lookups up to the sizes of the
// statements RecordsWithKeys prepares (8, 16, 32, 64 or 128 lookups), so
// that a handful of statements serve every call.
func multiKeyArms(n int) int {
	arms := 8
	for arms < n {
		arms *= 2
	}
	return arms
}

// multiKeyQueries returns multiKeyQuery(arms) for each size multiKeyArms
// returns. The store builds them once: building the text each time cost
// 50 µs a screen.
func multiKeyQueries() map[int]string {
	m := make(map[int]string)
	for arms := multiKeyArms(1); arms <= keysPerQuery; arms *= 2 {
		m[arms] = multiKeyQuery(arms)
	}
	return m
}

// multiKeyQuery returns the statement that looks up arms keys: a UNION
// ALL of one bounded range scan of the key index per key, each tagged with
// its position. Each key takes three parameters: its two hash integers
// and its limit.
//
// An arm has no ORDER BY: it scans the primary key of persona_keys from
// (key_hash, key_check), so its rows come in record_id order and LIMIT
// keeps the first ids, as RecordsWithKey's ORDER BY does (the conformance
// suite compares the two on truncated lists). With an ORDER BY in the
// arms, SQLite prepared the statement again whenever a bound key changed:
// a 64-key lookup took 1.1 ms instead of 0.12 ms.
func multiKeyQuery(arms int) string {
	var b strings.Builder
	for i := range arms {
		if i > 0 {
			b.WriteString("\nUNION ALL ")
		}
		fmt.Fprintf(&b, `SELECT %d, record_id, tag FROM (SELECT record_id, tag FROM persona_keys WHERE key_hash = ? AND key_check = ? LIMIT +?)`, i)
	}
	return b.String()
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
	ids, err := json.Marshal(recordIDs)
	if err != nil {
		return nil, fmt.Errorf("sqlite: links of records: %w", err)
	}
	rows, err := v.q.query(ctx, qLinksOfRecords, ids)
	if err != nil {
		return nil, fmt.Errorf("sqlite: links of records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var l ringer.Link
		var ev []byte
		var other string
		if err := rows.Scan(&i, &l.A, &l.B, &l.Score, &ev, &other); err != nil {
			return nil, fmt.Errorf("sqlite: links of records: %w", err)
		}
		if i < 0 || i >= len(out) {
			return nil, fmt.Errorf("sqlite: links of records: record %d of %d", i, len(out))
		}
		if err := json.Unmarshal(ev, &l.Evidence); err != nil {
			return nil, fmt.Errorf("sqlite: link %q–%q: decode evidence: %w", l.A, l.B, err)
		}
		out[i] = append(out[i], l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: links of records: %w", err)
	}
	return out, nil
}

// RingOf returns the ring id of a record, "" when it is in none.
func (v view) RingOf(ctx context.Context, recordID string) (string, error) {
	var ring string
	err := v.q.queryRow(ctx, qRingOf, recordID).Scan(&ring)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: ring of %q: %w", recordID, err)
	}
	return ring, nil
}

// RingMembers returns the record ids of a ring in id order, or an error
// wrapping ringer.ErrNotFound when the ring has no members.
func (v view) RingMembers(ctx context.Context, ringID string) ([]string, error) {
	out, err := v.ids(ctx, qRingMembers, ringID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: ring %q: %w", ringID, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sqlite: ring %q: %w", ringID, ringer.ErrNotFound)
	}
	return out, nil
}

// NewRingID returns a ring id never handed out before by this store:
// "ring-1", "ring-2"…
func (s *Store) NewRingID(ctx context.Context) (string, error) {
	id, err := newRingID(s.write.QueryRowContext(ctx, qNewRingID))
	if err == nil {
		s.afterCommit(ctx)
	}
	return id, err
}

func newRingID(row *sql.Row) (string, error) {
	var n int64
	if err := row.Scan(&n); err != nil {
		return "", fmt.Errorf("sqlite: new ring id: %w", err)
	}
	return "ring-" + strconv.FormatInt(n, 10), nil
}

// Assessment returns the stored assessment of a record, or an error
// wrapping ringer.ErrNotFound.
func (v view) Assessment(ctx context.Context, recordID string) (ringer.Assessment, error) {
	var body []byte
	var stale bool
	err := v.q.queryRow(ctx, qAssessment, recordID).Scan(&body, &stale)
	if errors.Is(err, sql.ErrNoRows) {
		return ringer.Assessment{}, fmt.Errorf("sqlite: assessment of %q: %w", recordID, ringer.ErrNotFound)
	}
	if err != nil {
		return ringer.Assessment{}, fmt.Errorf("sqlite: assessment of %q: %w", recordID, err)
	}
	var a ringer.Assessment
	if err := json.Unmarshal(body, &a); err != nil {
		return ringer.Assessment{}, fmt.Errorf("sqlite: assessment of %q: decode: %w", recordID, err)
	}
	a.Stale = stale
	return a, nil
}

// StaleAssessments returns the records whose stored assessment is stale,
// in id order; see ringer.StaleReader.
func (v view) StaleAssessments(ctx context.Context) ([]string, error) {
	out, err := v.ids(ctx, qStale)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stale assessments: %w", err)
	}
	return out, nil
}

// ids runs a query whose rows are one record id each and returns them.
func (v view) ids(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := v.q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// PutReference stores a reference, replacing one of the same kind and
// name. A zero ImportedAt is stored as the current time.
func (s *Store) PutReference(ctx context.Context, ref ringer.Reference) error {
	if ref.Kind == "" || ref.Name == "" {
		return fmt.Errorf("sqlite: put reference %q/%q: kind and name are required", ref.Kind, ref.Name)
	}
	if ref.ImportedAt.IsZero() {
		ref.ImportedAt = time.Now()
	}
	data := ref.Data
	if data == nil {
		data = []byte{}
	}
	var fileDate any
	if !ref.FileDate.IsZero() {
		fileDate = ref.FileDate.UnixNano()
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO reference_data
		(kind, name, format, data, source, entries, file_date, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, name) DO UPDATE SET format = excluded.format, data = excluded.data,
			source = excluded.source, entries = excluded.entries, file_date = excluded.file_date,
			imported_at = excluded.imported_at`,
		ref.Kind, ref.Name, ref.Format, data, ref.Source, ref.Entries, fileDate, ref.ImportedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("sqlite: put reference %s/%s: %w", ref.Kind, ref.Name, err)
	}
	s.afterCommit(ctx)
	return nil
}

// Reference returns one reference with its data, or an error wrapping
// ringer.ErrNotFound.
func (v view) Reference(ctx context.Context, kind, name string) (ringer.Reference, error) {
	row := v.q.queryRow(ctx, `SELECT kind, name, format, source, entries, file_date, imported_at, data
		FROM reference_data WHERE kind = ? AND name = ?`, kind, name)
	ref, err := scanReference(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return ringer.Reference{}, fmt.Errorf("sqlite: reference %s/%s: %w", kind, name, ringer.ErrNotFound)
	}
	if err != nil {
		return ringer.Reference{}, fmt.Errorf("sqlite: reference %s/%s: %w", kind, name, err)
	}
	return ref, nil
}

// References lists the references of a kind by name, without their data.
func (v view) References(ctx context.Context, kind string) ([]ringer.Reference, error) {
	rows, err := v.q.query(ctx, `SELECT kind, name, format, source, entries, file_date, imported_at
		FROM reference_data WHERE kind = ? ORDER BY name`, kind)
	if err != nil {
		return nil, fmt.Errorf("sqlite: references %s: %w", kind, err)
	}
	defer rows.Close()
	var out []ringer.Reference
	for rows.Next() {
		ref, err := scanReference(rows, false)
		if err != nil {
			return nil, fmt.Errorf("sqlite: references %s: %w", kind, err)
		}
		out = append(out, ref)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: references %s: %w", kind, err)
	}
	return out, nil
}

// DeleteReference removes a reference, or returns an error wrapping
// ringer.ErrNotFound when there is none.
func (s *Store) DeleteReference(ctx context.Context, kind, name string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM reference_data WHERE kind = ? AND name = ?`, kind, name)
	if err != nil {
		return fmt.Errorf("sqlite: delete reference %s/%s: %w", kind, name, err)
	}
	s.afterCommit(ctx)
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: delete reference %s/%s: %w", kind, name, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: delete reference %s/%s: %w", kind, name, ringer.ErrNotFound)
	}
	return nil
}

func scanReference(row interface{ Scan(...any) error }, withData bool) (ringer.Reference, error) {
	var ref ringer.Reference
	var fileDate sql.NullInt64
	var imported int64
	dest := []any{&ref.Kind, &ref.Name, &ref.Format, &ref.Source, &ref.Entries, &fileDate, &imported}
	if withData {
		dest = append(dest, &ref.Data)
	}
	if err := row.Scan(dest...); err != nil {
		return ringer.Reference{}, err
	}
	if fileDate.Valid {
		ref.FileDate = time.Unix(0, fileDate.Int64).UTC()
	}
	ref.ImportedAt = time.Unix(0, imported).UTC()
	return ref, nil
}
