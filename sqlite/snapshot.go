package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ringerhq/ringer"
)

var _ ringer.Snapshotter = (*Store)(nil)

// Snapshot returns a view of the store as it stands now, read in one read
// transaction on one of the read connections, which it holds until Close;
// see ringer.Snapshotter. The writer goes on meanwhile: in WAL mode a
// reader sees the database as it was at its transaction's first read,
// which Snapshot makes before it returns. An in-memory store has one
// connection, which its writer holds: its Snapshot fails with an error
// wrapping errors.ErrUnsupported.
func (s *Store) Snapshot(ctx context.Context) (ringer.Snapshot, error) {
	if s.path == ":memory:" {
		return nil, fmt.Errorf("sqlite: snapshot of an in-memory store: %w", errors.ErrUnsupported)
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: snapshot: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, qSnapshotStart).Scan(&n); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("sqlite: snapshot: %w", err)
	}
	return &snapshot{view: view{q: readTx{s: s, tx: tx}, multiKey: s.multiKey, photos: s.photos}, tx: tx}, nil
}

// qSnapshotStart is the first read of a snapshot, which fixes what it
// sees.
const qSnapshotStart = `SELECT count(*) FROM sequences`

// snapshot is the ringer.Snapshot of Store.Snapshot.
type snapshot struct {
	view
	tx *sql.Tx
}

// NewRingID fails: a snapshot only reads.
func (sn *snapshot) NewRingID(context.Context) (string, error) {
	return "", errors.New("sqlite: a snapshot hands out no ring ids: it only reads")
}

// Close ends the snapshot's read transaction and gives its connection
// back.
func (sn *snapshot) Close() error {
	if err := sn.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("sqlite: close snapshot: %w", err)
	}
	return nil
}

// readTx runs a snapshot's reads in its transaction, through the
// statements the read pool prepared once.
type readTx struct {
	s  *Store
	tx *sql.Tx
}

func (r readTx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := r.s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r.tx.StmtContext(ctx, st).QueryContext(context.WithoutCancel(ctx), args...)
}

func (r readTx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := r.s.prepared(ctx, query)
	if err != nil || ctx.Err() != nil {
		// Let the error surface from Scan, as database/sql does.
		return r.tx.QueryRowContext(ctx, query, args...)
	}
	return r.tx.StmtContext(ctx, st).QueryRowContext(context.WithoutCancel(ctx), args...)
}
