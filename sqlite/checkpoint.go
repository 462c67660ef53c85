package sqlite

import (
	"context"
	"database/sql"
	"errors"
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
// its write connection and checkpoints on a connection of its own, in a
// goroutine, a moment after commits. A PASSIVE checkpoint copies what it
// can without waiting for readers or the writer; the goroutine repeats it
// until the log is copied whole, so that the next transaction starts the
// log over, and journal_size_limit truncates the log file to walSizeLimit
// when it does. The log file is thus larger than walSizeLimit only while
// the log itself is: when the writer finds it so after a commit (readers
// holding old snapshots, or commits faster than the copying), it
// checkpoints itself, as SQLite would have. The log stays bounded.
const (
	// checkpointDelay is how long the checkpointer waits after a commit,
	// so that one checkpoint covers the commits of a burst.
	checkpointDelay = 50 * time.Millisecond
	// walSizeLimit is the journal_size_limit, and the size of the log
	// file past which the writer checkpoints itself.
	walSizeLimit = 64 << 20
	// checkpointPasses bounds the passes of one round: a round stops when
	// the log is copied whole or after this many passes.
	checkpointPasses = 8
)

// checkpointer runs PASSIVE checkpoints of one database in the background.
type checkpointer struct {
	db    *sql.DB       // a read-write connection of its own
	delay time.Duration // checkpointDelay
	kick  chan struct{} // something was committed (capacity 1)
	stop  chan struct{} // closed by close
	done  chan struct{} // closed when run returns

	mu  sync.Mutex
	err error // the first checkpoint error, returned by close
}

// newCheckpointer starts a checkpointer; dsn opens a read-write
// connection to the database. It checkpoints delay after a commit.
func newCheckpointer(dsn string, delay time.Duration) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, delay: delay,
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
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
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		select {
		case <-c.stop:
			return
		case <-time.After(c.delay):
		}
		if err := c.round(); err != nil {
			c.fail(err)
		}
	}
}

// round checkpoints until the log is copied whole, for at most
// checkpointPasses passes: each pass copies what the writer appended
// during the one before.
func (c *checkpointer) round() error {
	for range checkpointPasses {
		log, copied, err := checkpoint(context.Background(), c.db)
		if err != nil {
			return err
		}
		if copied >= log {
			return nil
		}
	}
	return nil
}

// close stops the checkpointer and closes its connection. It returns the
// first error a checkpoint met, if any.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	return errors.Join(err, c.db.Close())
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
