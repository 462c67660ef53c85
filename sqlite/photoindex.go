package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/photo"
)

// photoIndex holds the photo hashes of the stored personas in memory, in
// a photo.Index, as the photo log (migration 5) says: searching a million
// photos there takes microseconds, where probing the key index with each
// hash's 68 chunk variants read a page from disk for most of them (key
// lookups were a third of a screen against a million records, and most
// of them were these probes).
//
// The index is built from the whole log at the first search (1.4–1.8 s
// for the 850,000 photos of a million synthetic records, the first screen
// of BenchmarkScreenOne) and, at each later search, catches up with
// the rows logged since, whichever process wrote them. It replays only
// committed rows: in a transaction that has appended to the log itself,
// the rows after the index's last are read and searched without being
// replayed, since a rollback would take them back.
type photoIndex struct {
	mu  sync.Mutex
	idx *photo.Index
	seq int64 // the last log row replayed
}

// logRow is one row of the photo log.
type logRow struct {
	seq    int64
	record string
	hash   sql.NullInt64
}

// NearPhotos returns, for each hash, the stored personas' photos within
// maxDist bits of it, in record id then hash order; see
// ringer.PhotoIndex. In a transaction it sees what the transaction wrote.
func (v view) NearPhotos(ctx context.Context, hashes []uint64, maxDist int) ([][]ringer.PhotoHit, error) {
	x := v.photos
	x.mu.Lock()
	defer x.mu.Unlock()
	rows, err := v.logAfter(ctx, x.seq)
	if err != nil {
		return nil, fmt.Errorf("sqlite: near photos: %w", err)
	}
	if x.idx == nil {
		x.idx = photo.NewIndex()
		// Room for the log and a quarter more, so that the additions of
		// the next screens copy nothing.
		x.idx.Grow(len(rows) + len(rows)/4)
	}
	if v.tx == nil || !v.tx.loggedPhotos {
		for _, r := range rows {
			replay(x.idx, r)
			x.seq = r.seq
		}
		rows = nil
	}
	// Rows not replayed are searched apart. A record with a NULL row
	// among them is searched in them alone; other records have no photo
	// in the index (logPhotos drops a record's photos before it logs new
	// ones for a stored persona).
	pending := photo.NewIndex()
	dropped := make(map[string]bool)
	for _, r := range rows {
		if !r.hash.Valid {
			dropped[r.record] = true
		}
		replay(pending, r)
	}
	out := make([][]ringer.PhotoHit, len(hashes))
	for i, h := range hashes {
		add := func(hit photo.Hit) {
			out[i] = append(out[i], ringer.PhotoHit{RecordID: hit.Owner, Hash: hit.Hash, Distance: hit.Distance})
		}
		x.idx.Near(h, maxDist, func(hit photo.Hit) {
			if !dropped[hit.Owner] {
				add(hit)
			}
		})
		pending.Near(h, maxDist, add)
		slices.SortFunc(out[i], func(a, b ringer.PhotoHit) int {
			return cmp.Or(strings.Compare(a.RecordID, b.RecordID), cmp.Compare(a.Hash, b.Hash))
		})
	}
	return out, nil
}

// replay applies a log row to the index.
func replay(idx *photo.Index, r logRow) {
	if !r.hash.Valid {
		idx.Remove(r.record)
		return
	}
	idx.Add(r.record, uint64(r.hash.Int64))
}

// logAfter reads the photo log rows after seq, in order.
func (v view) logAfter(ctx context.Context, seq int64) ([]logRow, error) {
	rows, err := v.q.query(ctx, qPhotoLogAfter, seq)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []logRow
	for rows.Next() {
		var r logRow
		if err := rows.Scan(&r.seq, &r.record, &r.hash); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
