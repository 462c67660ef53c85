package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/ringerhq/ringer"
)

// Write applies a batch in one transaction: links of DeleteLinks are
// removed first, then records are upserted, events appended, personas
// replaced with their keys, links upserted, ring membership set,
// assessments upserted (not stale, whatever their Stale says) and the
// stored assessments of the records in Stale marked stale. Each kind of
// row is written with one statement.
// On success the Seq of every event in b is set to the sequence number
// the store gave it; sequence numbers increase in batch order.
func (s *Store) Write(ctx context.Context, b *ringer.Batch) error {
	return writeIn(ctx, s.pool, b)
}

// writeIn applies a batch in a transaction begun on db: a transaction of
// its own on the pool, a savepoint in a transaction.
func writeIn(ctx context.Context, db interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}, b *ringer.Batch) error {
	if b == nil {
		return nil
	}
	if err := b.Validate(); err != nil {
		return fmt.Errorf("postgres: write: %w", err)
	}
	var seqs []int64
	err := pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		var err error
		seqs, err = writeBatch(ctx, tx, b)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: write: %w", err)
	}
	for i, seq := range seqs {
		b.Events[i].Seq = seq
	}
	return nil
}

// InTx runs fn in one transaction and commits it when fn returns nil;
// see ringer.Transactor. Reads through tx see what tx wrote. Errors of fn
// are returned as they are.
func (s *Store) InTx(ctx context.Context, fn func(tx ringer.Tx) error) error {
	var fnErr error
	err := pgx.BeginFunc(ctx, s.pool, func(t pgx.Tx) error {
		fnErr = fn(&tx{view: view{q: t}, tx: t})
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("postgres: transaction: %w", err)
	}
	return nil
}

// tx is the ringer.Tx of InTx.
type tx struct {
	view
	tx pgx.Tx
}

// Write applies a batch within the transaction, as Store.Write does in a
// transaction of its own: under a savepoint, so that a batch that fails
// half-way leaves nothing behind in the transaction.
func (t *tx) Write(ctx context.Context, b *ringer.Batch) error {
	return writeIn(ctx, t.tx, b)
}

// lastByKey keeps the last of the items sharing a key, in key order: one
// statement may not upsert a row twice, and a fixed order keeps
// overlapping batches from deadlocking.
func lastByKey[T any](items []T, key func(T) string) []T {
	idx := make(map[string]int, len(items))
	var out []T
	for _, it := range items {
		k := key(it)
		if i, ok := idx[k]; ok {
			out[i] = it
			continue
		}
		idx[k] = len(out)
		out = append(out, it)
	}
	slices.SortFunc(out, func(x, y T) int { return strings.Compare(key(x), key(y)) })
	return out
}

func writeBatch(ctx context.Context, tx pgx.Tx, b *ringer.Batch) ([]int64, error) {
	if len(b.DeleteLinks) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM links WHERE a = ANY($1) OR b = ANY($1)`, b.DeleteLinks); err != nil {
			return nil, fmt.Errorf("delete links: %w", err)
		}
	}
	if recs := lastByKey(b.Records, func(r ringer.Record) string { return r.ID }); len(recs) > 0 {
		ids := make([]string, len(recs))
		bodies := make([]string, len(recs))
		for i, r := range recs {
			body, err := json.Marshal(r)
			if err != nil {
				return nil, fmt.Errorf("record %q: encode: %w", r.ID, err)
			}
			ids[i], bodies[i] = r.ID, string(body)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO records (id, body)
			SELECT * FROM unnest($1::text[], $2::json[])
			ON CONFLICT (id) DO UPDATE SET body = excluded.body`, ids, bodies); err != nil {
			return nil, fmt.Errorf("records: %w", err)
		}
	}
	seqs, err := writeEvents(ctx, tx, b.Events)
	if err != nil {
		return nil, err
	}
	if err := writePersonas(ctx, tx, b.Personas); err != nil {
		return nil, err
	}
	if len(b.Links) > 0 {
		norm := make([]ringer.Link, len(b.Links))
		for i, l := range b.Links {
			if l.A > l.B {
				l.A, l.B = l.B, l.A
			}
			norm[i] = l
		}
		links := lastByKey(norm, func(l ringer.Link) string { return l.A + "\x00" + l.B })
		as, bs := make([]string, len(links)), make([]string, len(links))
		scores, evs := make([]float64, len(links)), make([]string, len(links))
		for i, l := range links {
			ev, err := json.Marshal(l.Evidence)
			if err != nil {
				return nil, fmt.Errorf("link %q–%q: encode evidence: %w", l.A, l.B, err)
			}
			as[i], bs[i], scores[i], evs[i] = l.A, l.B, l.Score, string(ev)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO links (a, b, score, evidence)
			SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::json[])
			ON CONFLICT (a, b) DO UPDATE SET score = excluded.score, evidence = excluded.evidence`,
			as, bs, scores, evs); err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
	}
	if len(b.RingMembers) > 0 {
		var out, ids, rings []string
		for id, ring := range b.RingMembers {
			if ring == "" {
				out = append(out, id)
			} else {
				ids = append(ids, id)
			}
		}
		slices.Sort(out)
		slices.Sort(ids)
		for _, id := range ids {
			rings = append(rings, b.RingMembers[id])
		}
		if _, err := tx.Exec(ctx, `DELETE FROM ring_members WHERE record_id = ANY($1)`, out); err != nil {
			return nil, fmt.Errorf("ring members: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO ring_members (record_id, ring_id)
			SELECT * FROM unnest($1::text[], $2::text[])
			ON CONFLICT (record_id) DO UPDATE SET ring_id = excluded.ring_id`, ids, rings); err != nil {
			return nil, fmt.Errorf("ring members: %w", err)
		}
	}
	if as := lastByKey(b.Assessments, func(a ringer.Assessment) string { return a.RecordID }); len(as) > 0 {
		ids, bodies := make([]string, len(as)), make([]string, len(as))
		for i, a := range as {
			a.Stale = false // the column holds the mark, and storing clears it
			body, err := json.Marshal(a)
			if err != nil {
				return nil, fmt.Errorf("assessment of %q: encode: %w", a.RecordID, err)
			}
			ids[i], bodies[i] = a.RecordID, string(body)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO assessments (record_id, body, stale)
			SELECT id, body, false FROM unnest($1::text[], $2::json[]) AS a(id, body)
			ON CONFLICT (record_id) DO UPDATE SET body = excluded.body, stale = false`, ids, bodies); err != nil {
			return nil, fmt.Errorf("assessments: %w", err)
		}
	}
	// After the assessments, so that a record both assessed and listed in
	// Stale is left stale. Records without a stored assessment match no
	// row and are left alone.
	if stale := lastByKey(b.Stale, func(id string) string { return id }); len(stale) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE assessments SET stale = true
			WHERE record_id = ANY($1::text[]) AND NOT stale`, stale); err != nil {
			return nil, fmt.Errorf("mark assessments stale: %w", err)
		}
	}
	return seqs, nil
}

// writeEvents appends events, taking their sequence numbers first so that
// they increase in batch order.
func writeEvents(ctx context.Context, tx pgx.Tx, events []ringer.Event) ([]int64, error) {
	if len(events) == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `SELECT nextval('events_seq') FROM generate_series(1, $1) ORDER BY 1`, len(events))
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	ids, types, bodies := make([]string, len(events)), make([]string, len(events)), make([]string, len(events))
	ats := make([]pgtype.Timestamptz, len(events))
	for i, e := range events {
		e.Seq = 0
		body, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("event %d of record %q: encode: %w", i, e.RecordID, err)
		}
		ids[i], types[i], bodies[i] = e.RecordID, e.Type, string(body)
		ats[i] = pgtype.Timestamptz{Time: e.At, Valid: !e.At.IsZero()}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO events (seq, record_id, type, at, body)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::json[])`,
		seqs, ids, types, ats, bodies); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return seqs, nil
}

// writePersonas replaces personas and their rows in the key index. It
// first takes an advisory lock on each record id, in a fixed order, so
// that a concurrent batch replacing the same persona waits for this one
// and then reads the keys it wrote.
func writePersonas(ctx context.Context, tx pgx.Tx, ps []ringer.Persona) error {
	ps = lastByKey(ps, func(p ringer.Persona) string { return p.RecordID })
	if len(ps) == 0 {
		return nil
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.RecordID
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(h)
		FROM (SELECT DISTINCT hashtextextended(id, 0) AS h FROM unnest($1::text[]) AS id ORDER BY 1) AS locks`, ids); err != nil {
		return fmt.Errorf("personas: lock: %w", err)
	}
	// Remove the key rows of the personas being replaced.
	rows, err := tx.Query(ctx, `SELECT record_id, keys FROM personas WHERE record_id = ANY($1)`, ids)
	if err != nil {
		return fmt.Errorf("personas: read old keys: %w", err)
	}
	var old keyRows
	for rows.Next() {
		var id string
		var kb []byte
		if err := rows.Scan(&id, &kb); err != nil {
			rows.Close()
			return fmt.Errorf("personas: read old keys: %w", err)
		}
		var keys []string
		if err := json.Unmarshal(kb, &keys); err != nil {
			rows.Close()
			return fmt.Errorf("persona %q: decode stored keys: %w", id, err)
		}
		old.add(id, keys, nil)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("personas: read old keys: %w", err)
	}
	if len(old.hash) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM persona_keys WHERE (key_hash, key_check, record_id) IN
			(SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[]))`, old.hash, old.check, old.id); err != nil {
			return fmt.Errorf("personas: delete old keys: %w", err)
		}
	}
	keysJSON := make([]string, len(ps))
	features := make([][]byte, len(ps))
	var rowsNew keyRows
	for i, p := range ps {
		keys := slices.Clone(p.Keys)
		slices.Sort(keys)
		keys = slices.Compact(keys)
		if keys == nil {
			keys = []string{}
		}
		kb, err := json.Marshal(keys)
		if err != nil {
			return fmt.Errorf("persona %q: encode keys: %w", p.RecordID, err)
		}
		keysJSON[i] = string(kb)
		features[i] = p.Features
		if features[i] == nil {
			features[i] = []byte{}
		}
		rowsNew.add(p.RecordID, keys, p.Tags)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO personas (record_id, keys, features)
		SELECT * FROM unnest($1::text[], $2::json[], $3::bytea[])
		ON CONFLICT (record_id) DO UPDATE SET keys = excluded.keys, features = excluded.features`,
		ids, keysJSON, features); err != nil {
		return fmt.Errorf("personas: %w", err)
	}
	rowsNew.sort()
	if _, err := tx.Exec(ctx, `INSERT INTO persona_keys (key_hash, key_check, record_id, tag)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[]) ON CONFLICT DO NOTHING`,
		rowsNew.hash, rowsNew.check, rowsNew.id, rowsNew.tag); err != nil {
		return fmt.Errorf("personas: keys: %w", err)
	}
	return nil
}

// keyRows are rows of the key index as parallel arrays, for unnest.
type keyRows struct {
	hash, check []int64
	id          []string
	tag         []*int64 // nil: no tag
}

// add adds the rows of a persona's keys, each with its tag in tags.
func (k *keyRows) add(id string, keys []string, tags map[string]int64) {
	for _, key := range keys {
		h, c := keyHash(key)
		k.hash = append(k.hash, h)
		k.check = append(k.check, c)
		k.id = append(k.id, id)
		var tag *int64
		if t, ok := tags[key]; ok {
			tag = &t
		}
		k.tag = append(k.tag, tag)
	}
}

// sort orders the rows as the index does, so the insert walks it once.
func (k *keyRows) sort() {
	idx := make([]int, len(k.id))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int {
		return cmp.Or(cmp.Compare(k.hash[x], k.hash[y]), cmp.Compare(k.check[x], k.check[y]), strings.Compare(k.id[x], k.id[y]))
	})
	var out keyRows
	for _, i := range idx {
		out.hash = append(out.hash, k.hash[i])
		out.check = append(out.check, k.check[i])
		out.id = append(out.id, k.id[i])
		out.tag = append(out.tag, k.tag[i])
	}
	*k = out
}

// Erase removes a record everywhere in one transaction: the record, its
// events, persona and keys, links, ring membership and assessment. It
// returns an error wrapping ringer.ErrNotFound when the store held nothing
// under the id.
func (s *Store) Erase(ctx context.Context, recordID string) error {
	var n int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, recordID); err != nil {
			return err
		}
		for _, q := range []string{
			`DELETE FROM persona_keys WHERE (key_hash, key_check, record_id) IN
				(SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[])) AND record_id = $1`,
			`DELETE FROM personas WHERE record_id = $1`,
			`DELETE FROM records WHERE id = $1`,
			`DELETE FROM events WHERE record_id = $1`,
			`DELETE FROM links WHERE a = $1 OR b = $1`,
			`DELETE FROM ring_members WHERE record_id = $1`,
			`DELETE FROM assessments WHERE record_id = $1`,
		} {
			args := []any{recordID}
			if strings.Contains(q, "$2") {
				var kb []byte
				err := tx.QueryRow(ctx, `SELECT keys FROM personas WHERE record_id = $1`, recordID).Scan(&kb)
				if errors.Is(err, pgx.ErrNoRows) {
					continue
				}
				if err != nil {
					return err
				}
				var keys []string
				if err := json.Unmarshal(kb, &keys); err != nil {
					return fmt.Errorf("decode stored keys: %w", err)
				}
				var rows keyRows
				rows.add(recordID, keys, nil)
				args = append(args, rows.hash, rows.check, rows.id)
			}
			tag, err := tx.Exec(ctx, q, args...)
			if err != nil {
				return err
			}
			n += tag.RowsAffected()
		}
		if n == 0 {
			return ringer.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: erase %q: %w", recordID, err)
	}
	return nil
}
