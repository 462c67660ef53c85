package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

// smallBatch is a batch of a few records, each with a persona of a few
// keys: some ten pages of log per commit.
func smallBatch(n int) *ringer.Batch {
	b := &ringer.Batch{}
	for i := range 5 {
		id := "r" + strconv.Itoa(n) + "-" + strconv.Itoa(i)
		b.Records = append(b.Records, ringer.Record{ID: id, Emails: []string{id + "@example.com"}})
		b.Personas = append(b.Personas, ringer.Persona{RecordID: id, Keys: []string{"email:" + id, "blk:" + strconv.Itoa(n%7)}})
	}
	return b
}

func walSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// openWithCheckpointDelay opens a store at path whose checkpointer
// checkpoints once the writer has been idle for delay; it is closed when
// the test ends.
func openWithCheckpointDelay(t *testing.T, path string, delay time.Duration) *Store {
	t.Helper()
	s := openAt(t, path)
	if err := s.ckpt.close(); err != nil {
		t.Fatal(err)
	}
	s.ckpt = newCheckpointer(s.write, delay)
	return s
}

// TestCheckpointInBackground checks that the checkpointer copies the log
// into the database when the writer pauses between commits, so that the
// log starts over instead of growing with every commit (a commit never
// checkpoints while the log file is within its bound).
func TestCheckpointInBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ringer.db")
	s := openWithCheckpointDelay(t, path, time.Millisecond)
	first := walSize(t, path)
	const commits = 300
	for n := range commits {
		if err := s.Write(t.Context(), smallBatch(n)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * time.Millisecond) // room for the checkpointer
	}
	grown := walSize(t, path) - first
	// Without checkpoints the log would hold every page of every commit:
	// some 300 × 10 pages, 12 MB.
	if grown > 4<<20 {
		t.Errorf("log grew by %d bytes over %d commits: not checkpointed", grown, commits)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestCheckpointBound checks that when the checkpointer does not keep up
// (here it waits an hour), the writer checkpoints itself once the log
// file passes the bound, and the log starts over.
func TestCheckpointBound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ringer.db")
	s := openWithCheckpointDelay(t, path, time.Hour)
	const bound = 400 << 10
	s.walLimit = bound
	if _, err := s.write.ExecContext(t.Context(), `PRAGMA journal_size_limit = `+strconv.Itoa(bound)); err != nil {
		t.Fatal(err)
	}
	biggest := int64(0)
	for n := range 300 {
		if err := s.Write(t.Context(), smallBatch(n)); err != nil {
			t.Fatal(err)
		}
		biggest = max(biggest, walSize(t, path))
	}
	// Without the bound the log would hold every page of every commit:
	// some 300 × 10 pages, 12 MB.
	if biggest > 2*bound {
		t.Errorf("log file reached %d bytes over 300 commits, bound %d", biggest, bound)
	}
	log, _, err := checkpoint(context.Background(), s.write)
	if err != nil {
		t.Fatal(err)
	}
	if log > 2*bound/4096 {
		t.Errorf("log holds %d pages after 300 commits, bound %d bytes", log, bound)
	}
}
