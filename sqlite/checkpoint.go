package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"time"
)

// Checkpointing: in WAL mode a commit appends pages to the log, and a
// checkpoint copies them into the database file so that the log can
// start over. SQLite checkpoints by default inside the commit that takes
// the log past 1,000 pages, and that commit then waits for a few
// megabytes of copying and, with synchronous=FULL or NORMAL, a sync of the
// database file: the slow tail of screening. The store turns that off on
// its write connection and checkpoints when the writer has been idle for
// checkpointDelay, or, when commits come without such a pause, inside the
// commit that takes the log file past walSizeLimit.
//
// Both run on the write connection, so that no commit runs beside a
// checkpoint. A checkpoint on a connection of its own, in the background,
// was tried first: its sync of the database file, a few megabytes of
// scattered pages written out every 50 ms, made the disk flush that every
// commit waits for slow. Against a million records the 99th percentile of
// screening was 9–10 ms with it and 5.1–5.5 ms with commits that did not
// sync at all. And it never let the log start over while screens came
// back to back (the writer restarts the log only when a transaction begins
// with the whole log copied), so the log grew until the writer
// checkpointed itself anyway. On the write connection a checkpoint copies
// the whole log, the next transaction starts the log over, and
// journal_size_limit truncates the log file to walSizeLimit when it does.
const (
	// checkpointDelay is how long the writer must be idle before the
	// checkpointer copies the log.
	checkpointDelay = 50 * time.Millisecond
	// walSizeLimit is the journal_size_limit, and the size of the log
	// file past which the writer checkpoints itself.
	walSizeLimit = 64 << 20
)

// checkpointer checkpoints one database when its writer is idle.
type checkpointer struct {
	db    *sql.DB       // the store's write connection
	delay time.Duration // checkpointDelay
	kick  chan struct{} // something was committed (capacity 1)
	stop  chan struct{} // closed by close
	done  chan struct{} // closed when run returns

	mu  sync.Mutex
	err error // the first checkpoint error, returned by close
}

// newCheckpointer starts a checkpointer of the write connection db; it
// checkpoints once no commit has come for delay.
func newCheckpointer(db *sql.DB, delay time.Duration) *checkpointer {
	c := &checkpointer{db: db, delay: delay,
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

// fail keeps the first error the checkpointer met.
func (c *checkpointer) fail(err error) {
	c.mu.Lock()
	if c.err == nil {
		c.err = err
	}
	c.mu.Unlock()
}

// committed tells the checkpointer that the writer committed.
func (c *checkpointer) committed() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTimer(c.delay)
	t.Stop()
	for {
		select {
		case <-c.stop:
			t.Stop()
			return
		case <-c.kick:
			// Each commit puts the checkpoint off again.
			t.Reset(c.delay)
		case <-t.C:
			if _, _, err := checkpoint(context.Background(), c.db); err != nil {
				c.fail(err)
			}
		}
	}
}

// close stops the checkpointer. It returns the first error a checkpoint
// met, if any.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// checkpoint runs a PASSIVE checkpoint on db and returns the pages in the
// log and the pages of it now copied into the database.
func checkpoint(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (log, copied int, err error) {
	var busy int
	if err := db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied); err != nil {
		return 0, 0, fmt.Errorf("checkpoint: %w", err)
	}
	return log, copied, nil
}

// afterCommit is called by the writer after each commit: it wakes the
// checkpointer and, when the log file has outgrown walLimit, checkpoints
// on the write connection itself. The commit has happened: an error here
// is kept for Close, not returned to the writer.
func (s *Store) afterCommit(ctx context.Context) {
	if s.ckpt == nil {
		return
	}
	s.ckpt.committed()
	fi, err := os.Stat(s.path + "-wal")
	if err != nil || fi.Size() <= s.walLimit {
		return // no log file: nothing to copy
	}
	if _, _, err := checkpoint(context.WithoutCancel(ctx), s.write); err != nil {
		s.ckpt.fail(err)
	}
}
