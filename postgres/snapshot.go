package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/ringerhq/ringer"
)

var (
	_ ringer.Snapshotter          = (*Store)(nil)
	_ ringer.Snapshot             = (*snapshot)(nil)
	_ ringer.StaleReader          = (*snapshot)(nil)
	_ ringer.MultiKeyReader       = (*snapshot)(nil)
	_ ringer.MultiLinkReader      = (*snapshot)(nil)
	_ ringer.PersonaFeatureReader = (*snapshot)(nil)
)

// Snapshot returns a view of the store as it stands now, read in one
// read-only REPEATABLE READ transaction on a connection of the pool,
// which it holds until Close; see ringer.Snapshotter. Such a transaction
// sees the database as it was at its first statement, which Snapshot
// runs before it returns, so nothing committed after Snapshot returns,
// by this node or another, is seen through it. Like the Tx of InTx, a
// snapshot reads through one connection: use it from one goroutine at a
// time.
func (s *Store) Snapshot(ctx context.Context) (ringer.Snapshot, error) {
	t, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: snapshot: %w", err)
	}
	// The transaction's snapshot is taken at its first statement.
	if _, err := t.Exec(ctx, `SELECT 1`); err != nil {
		t.Rollback(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("postgres: snapshot: %w", err)
	}
	return &snapshot{view: view{q: t}, tx: t}, nil
}

// snapshot is the ringer.Snapshot of Store.Snapshot.
type snapshot struct {
	view
	tx pgx.Tx
}

// NewRingID fails: a snapshot only reads, and a ring id it handed out
// would be taken from the live sequence, not the snapshot.
func (sn *snapshot) NewRingID(context.Context) (string, error) {
	return "", errors.New("postgres: a snapshot hands out no ring ids: it only reads")
}

// Close ends the snapshot's transaction and gives its connection back to
// the pool. Closing a snapshot again does nothing.
func (sn *snapshot) Close() error {
	if err := sn.tx.Rollback(context.Background()); err != nil && !errors.Is(err, pgx.ErrTxClosed) {
		return fmt.Errorf("postgres: close snapshot: %w", err)
	}
	return nil
}
