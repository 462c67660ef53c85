package screening

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ringerhq/ringer"
)

// Re-assessing ring-mates after the screen.
//
// A record that joins a ring changes the ring every member's assessment
// shows, and the ring-size signals it is scored on: each member must be
// re-assessed. A ring of fifteen costs fifteen assessments, where the
// record screened costs one. On a store that keeps stale marks
// (ringer.StaleReader: SQLite and PostgreSQL) Ingest therefore assesses
// the records it was given, or given events of, and marks the other
// records whose ring or links changed stale, in the same transaction.
// Their stored assessments read "stale": true until they are re-assessed,
// which a worker goroutine does right after, on a snapshot of the store
// (ringer.Snapshotter) while the next records are screened: on another
// core, without holding up the writer. Its assessments are stored with
// the next Ingest's, or on their own once no Ingest has come for
// redoFlushDelay. Settle waits until no assessment is stale.
//
// Nothing is lost to a crash: the marks are committed with the change that
// made them, and a screener re-assesses the records an earlier process
// left marked (loadMarks) before it screens anything.
//
// An assessment computed on a snapshot is stored only if nothing has
// marked its record stale since the snapshot was taken (nor assessed it
// afresh): every commit of Ingest counts one generation, a snapshot is
// taken with the lock held, so it sees every generation up to the one it
// is tagged with and none after, and a record's mark is tagged with the
// generation that set it.

// redoChunk is how many stale records the worker re-assesses on one
// snapshot.
const redoChunk = 64

// redoFlushDelay is how long re-assessments wait for an Ingest to store
// them with its own before the worker stores them itself: screens that
// come one after another take them at little cost, where a commit of
// their own makes the next screen wait for it.
const redoFlushDelay = 50 * time.Millisecond

// redoState is the stale records and the worker's progress, guarded by
// Screener.mu.
type redoState struct {
	loaded  bool              // the store's marks have been read
	gen     uint64            // Ingest commits so far
	pending map[string]uint64 // stale record → generation that marked it
	queue   []string          // stale records to re-assess, oldest first; ids no longer pending are skipped
	ready   []redone          // re-assessed, not stored yet
	running bool              // the worker goroutine is at work
	// flushNow asks the worker to store what it has ready without waiting
	// for an Ingest to: Settle is waiting.
	flushNow bool
	err      error // why the worker stopped, for Settle
	// progress is closed, and replaced, whenever the worker stores or
	// computes something or stops: Settle waits on it.
	progress chan struct{}
	// kick wakes a worker waiting to store its assessments: more work came.
	kick chan struct{}
}

// redone is a record re-assessed on the snapshot of generation gen; gone
// when the record was no longer stored.
type redone struct {
	id   string
	a    ringer.Assessment
	gen  uint64
	gone bool
}

// OnStale has fn called, after each Ingest that marks records stale,
// with their ids: the stored records whose ring that Ingest changed,
// which the worker re-assesses (a store without stale marks has Ingest
// re-assess them itself and return their assessments instead). fn runs
// while the screener is locked: it must not call the screener.
func (s *Screener) OnStale(fn func(recordIDs []string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onStale = fn
}

// deferring reports whether ring-mates are re-assessed after the screen:
// the store must keep stale marks.
func (s *Screener) deferring() bool {
	_, ok := s.store.(ringer.StaleReader)
	return ok
}

// loadMarks reads, once, the records an earlier process left marked
// stale. The caller holds s.mu.
func (s *Screener) loadMarks(ctx context.Context) error {
	if s.redo.loaded || !s.deferring() {
		return nil
	}
	ids, err := s.store.(ringer.StaleReader).StaleAssessments(ctx)
	if err != nil {
		return fmt.Errorf("read stale assessments: %w", err)
	}
	s.redo.loaded = true
	s.mark(ids)
	return nil
}

// mark records that ids were marked stale by the current generation. The
// caller holds s.mu.
func (s *Screener) mark(ids []string) {
	if len(ids) == 0 {
		return
	}
	if s.redo.pending == nil {
		s.redo.pending = make(map[string]uint64)
	}
	for _, id := range ids {
		s.redo.pending[id] = s.redo.gen
	}
	s.redo.queue = append(s.redo.queue, ids...)
	select {
	case s.redo.kick <- struct{}{}:
	default:
	}
	s.startRedo()
}

// startRedo starts the worker when there is work and none runs. The
// caller holds s.mu.
func (s *Screener) startRedo() {
	if s.redo.running || s.closed || len(s.redo.queue) == 0 {
		return
	}
	s.redo.running = true
	s.redo.err = nil
	s.workers.Go(func() { s.redoLoop(s.workCtx) })
}

// wake tells Settle that something happened. The caller holds s.mu.
func (s *Screener) wake() {
	if s.redo.progress != nil {
		close(s.redo.progress)
		s.redo.progress = nil
	}
}

// takeReady removes from the re-assessments waiting to be stored those
// still valid and returns them, but for the records in skip, which the
// caller is assessing or marking itself: theirs stay, to be judged again
// after the caller's commit. A re-assessment of a record assessed afresh
// since, or marked stale again (and so queued again), is dropped. The
// caller holds s.mu and stores what it takes, or gives it back with
// giveBack.
func (s *Screener) takeReady(skip map[string]bool) []redone {
	var out, kept []redone
	for _, r := range s.redo.ready {
		g, ok := s.redo.pending[r.id]
		switch {
		case !ok:
		case skip[r.id]:
			kept = append(kept, r)
		case g <= r.gen:
			out = append(out, r)
		}
	}
	s.redo.ready = kept
	return out
}

// giveBack queues again the records of re-assessments that could not be
// stored. The caller holds s.mu.
func (s *Screener) giveBack(rs []redone) {
	for _, r := range rs {
		s.redo.queue = append(s.redo.queue, r.id)
	}
	s.startRedo()
}

// stored records that the assessments of ids were stored: their marks,
// if any, are gone. The caller holds s.mu.
func (s *Screener) stored(ids []string) {
	for _, id := range ids {
		delete(s.redo.pending, id)
	}
	s.wake()
}

// assessments returns the assessments of re-assessed records (not those
// found gone) and all their ids.
func assessments(rs []redone) (as []ringer.Assessment, ids []string) {
	for _, r := range rs {
		if !r.gone {
			as = append(as, r.a)
		}
		ids = append(ids, r.id)
	}
	return as, ids
}

// flushReady stores the valid re-assessments waiting, in a transaction of
// their own. The caller holds s.mu.
func (s *Screener) flushReady(ctx context.Context) error {
	rs := s.takeReady(nil)
	if len(rs) == 0 {
		return nil
	}
	as, ids := assessments(rs)
	err := s.inTx(ctx, func(tx ringer.Tx) error {
		if len(as) == 0 {
			return nil
		}
		return tx.Write(ctx, &ringer.Batch{Assessments: as})
	})
	if err != nil {
		s.giveBack(rs)
		return fmt.Errorf("store re-assessments: %w", err)
	}
	s.stored(ids)
	return nil
}

// nextChunk pops up to redoChunk stale records to re-assess, skipping
// those no longer stale and those re-assessed and waiting to be stored.
// The caller holds s.mu.
func (s *Screener) nextChunk() []string {
	waiting := make(map[string]uint64, len(s.redo.ready))
	for _, r := range s.redo.ready {
		waiting[r.id] = r.gen
	}
	var ids []string
	seen := make(map[string]bool)
	k := 0
	for ; k < len(s.redo.queue) && len(ids) < redoChunk; k++ {
		id := s.redo.queue[k]
		g, ok := s.redo.pending[id]
		if !ok || seen[id] {
			continue
		}
		if w, ok := waiting[id]; ok && g <= w {
			continue
		}
		seen[id] = true
		ids = append(ids, id)
	}
	s.redo.queue = s.redo.queue[k:]
	if len(s.redo.queue) == 0 {
		s.redo.queue = nil
	}
	slices.Sort(ids)
	return ids
}

// redoLoop is the worker: it re-assesses stale records a chunk at a time
// until none is left, and stores what no Ingest stored.
func (s *Screener) redoLoop(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		ids := s.nextChunk()
		if len(ids) == 0 {
			if len(s.redo.ready) == 0 || ctx.Err() != nil {
				s.redo.running = false
				s.wake()
				return
			}
			if s.awaitIngest(ctx) {
				continue // more work came: store it all together
			}
			s.redo.flushNow = false
			if err := s.flushReady(ctx); err != nil {
				s.stop(err)
				return
			}
			continue
		}
		rs, err := s.redoChunk(ctx, ids)
		if err != nil {
			s.redo.queue = append(ids, s.redo.queue...)
			s.stop(err)
			return
		}
		s.redo.ready = append(s.redo.ready, rs...)
		s.wake()
	}
}

// awaitIngest gives an Ingest redoFlushDelay to store what the worker
// has ready with its own, unless Settle is waiting, and reports whether
// more work came meanwhile. It is called with s.mu held and returns with
// it held, releasing it while it waits.
func (s *Screener) awaitIngest(ctx context.Context) (moreWork bool) {
	if s.redo.flushNow {
		return false
	}
	// A kick from before now is for work already taken.
	select {
	case <-s.redo.kick:
	default:
	}
	s.mu.Unlock()
	t := time.NewTimer(redoFlushDelay)
	select {
	case <-t.C:
	case <-s.redo.kick:
	case <-ctx.Done():
	}
	t.Stop()
	s.mu.Lock()
	return len(s.redo.queue) > 0
}

// stop ends the worker on an error, which Settle returns. The caller
// holds s.mu.
func (s *Screener) stop(err error) {
	s.redo.err = err
	s.redo.running = false
	s.wake()
}

// redoChunk re-assesses ids. It is called with s.mu held and returns
// with it held; on a store that takes snapshots it releases the lock
// while it assesses.
func (s *Screener) redoChunk(ctx context.Context, ids []string) ([]redone, error) {
	gen := s.redo.gen
	if sn, ok := s.store.(ringer.Snapshotter); ok {
		snap, err := sn.Snapshot(ctx)
		if err == nil {
			s.mu.Unlock()
			rs, err := s.assessOn(ctx, snap, ids, gen)
			cerr := snap.Close()
			s.mu.Lock()
			if err == nil && cerr != nil {
				err = fmt.Errorf("re-assess: %w", cerr)
			}
			return rs, err
		}
		if !errors.Is(err, errors.ErrUnsupported) {
			return nil, fmt.Errorf("re-assess: %w", err)
		}
	}
	// No snapshot: re-assess in a transaction, holding the lock.
	var rs []redone
	err := s.inTx(ctx, func(tx ringer.Tx) error {
		var err error
		rs, err = s.assessOn(ctx, tx, ids, gen)
		return err
	})
	return rs, err
}

// assessOn assesses ids (sorted) on view, which nothing writes to
// meanwhile, on this goroutine alone: the other core is the screens'.
func (s *Screener) assessOn(ctx context.Context, view storeView, ids []string, gen uint64) ([]redone, error) {
	as, err := s.assess(ctx, view, ids, nil, nil, nil, false)
	if err != nil {
		return nil, fmt.Errorf("re-assess: %w", err)
	}
	out := make([]redone, len(ids))
	for i, id := range ids {
		out[i] = redone{id: id, gen: gen, gone: true} // unless assessed
		if len(as) > 0 && as[0].RecordID == id {
			out[i].a, out[i].gone, as = as[0], false, as[1:]
		}
	}
	return out, nil
}

// Settle waits until no stored assessment is stale: until every record
// whose ring an Ingest changed has been re-assessed and its assessment
// stored. It returns at once on a store without stale marks, where Ingest
// re-assesses them itself, and with the error that stopped the worker if
// one did (the records stay marked; the next Ingest or Settle tries
// again). After Close it fails if anything is left stale.
func (s *Screener) Settle(ctx context.Context) error {
	for {
		s.mu.Lock()
		if err := s.loadMarks(ctx); err != nil {
			s.mu.Unlock()
			return err
		}
		if !s.redo.running {
			if err := s.redo.err; err != nil {
				s.redo.err = nil
				s.mu.Unlock()
				return err
			}
			if err := s.flushReady(ctx); err != nil {
				s.mu.Unlock()
				return err
			}
		}
		if len(s.redo.pending) == 0 {
			s.mu.Unlock()
			return nil
		}
		if s.closed {
			s.mu.Unlock()
			return errors.New("settle: the screener is closed; its stale records are left for the next")
		}
		s.startRedo()
		// A worker waiting to store its assessments stores them now.
		s.redo.flushNow = true
		select {
		case s.redo.kick <- struct{}{}:
		default:
		}
		if s.redo.progress == nil {
			s.redo.progress = make(chan struct{})
		}
		progress := s.redo.progress
		s.mu.Unlock()
		select {
		case <-progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops the worker, leaving what it had not stored marked stale in
// the store for the next screener, and waits for it to return. It does
// not close the store. Call Settle first to have everything re-assessed.
func (s *Screener) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.stopWork()
	s.workers.Wait()
	return nil
}
