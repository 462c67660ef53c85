// Package screening runs ringer's pipeline on records and events as they
// arrive: store them, link them into the identity graph, run the
// detectors, score the signals with the policy and keep an Assessment per
// record. The CLI's screen command and the HTTP API both go through it.
package screening

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/policy"
)

// Screener screens records against everything a deployment knows.
type Screener struct {
	store     ringer.Store
	graph     *link.Graph
	detectors []ringer.Detector
	policy    *policy.Policy
	now       func() time.Time
	// mu serialises updates: linking reads the graph and writes it back.
	// It guards redo and closed too.
	mu      sync.Mutex
	redo    redoState
	onStale func([]string)
	closed  bool
	// The re-assessment worker (redo.go) runs with workCtx, which Close
	// cancels with stopWork, and in workers.
	workCtx  context.Context
	stopWork context.CancelFunc
	workers  sync.WaitGroup
}

// Config is what a Screener is built from.
type Config struct {
	Store ringer.Store
	Graph *link.Graph
	// Detectors run after linking; the identity graph's own detector
	// (link.Detector) is always added first. They must be safe for
	// concurrent use: the records of a ring are assessed in parallel.
	Detectors []ringer.Detector
	Policy    *policy.Policy // policy.Default() when nil
	Now       func() time.Time
}

// New returns a Screener.
func New(cfg Config) *Screener {
	s := &Screener{store: cfg.Store, graph: cfg.Graph, policy: cfg.Policy, now: cfg.Now}
	s.workCtx, s.stopWork = context.WithCancel(context.Background())
	s.redo.kick = make(chan struct{}, 1)
	if s.policy == nil {
		s.policy = policy.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.detectors = append([]ringer.Detector{link.Detector{}}, cfg.Detectors...)
	return s
}

// Policy returns the policy the screener scores with.
func (s *Screener) Policy() *policy.Policy { return s.policy }

// Ingest stores records and events, links them, and assesses the records
// given and the stored records given new events. It returns their
// assessments, ordered by record id.
//
// Other records whose ring gained or lost a member or a link are
// re-assessed too. On a store that keeps stale marks (ringer.StaleReader:
// SQLite and PostgreSQL) they are marked stale in the same transaction
// and re-assessed right after, in the background, while Ingest returns
// (see redo.go and Settle). On other stores Ingest re-assesses them
// itself and returns their assessments with the others.
//
// On a store that is a ringer.Transactor (SQLite and PostgreSQL are) all
// of it is one transaction: the graph is read, the records, events,
// links and rings written, read back and assessed, and the assessments
// and marks written before one commit, so an error anywhere stores
// nothing. On other stores records and events are written in one
// transaction and the assessments in a second one, so a crash between the
// two leaves stale assessments that Rescreen mends, never lost input.
func (s *Screener) Ingest(ctx context.Context, recs []ringer.Record, evs []ringer.Event) ([]ringer.Assessment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadMarks(ctx); err != nil {
		return nil, err
	}
	var out []ringer.Assessment
	var w *ringer.Batch
	var redone []redone
	err := s.inTx(ctx, func(tx ringer.Tx) error {
		var err error
		out, w, redone, err = s.ingest(ctx, tx, recs, evs)
		return err
	})
	if err != nil {
		s.giveBack(redone)
		return nil, err
	}
	if w != nil {
		s.redo.gen++
		_, ids := assessments(redone)
		for _, a := range out {
			ids = append(ids, a.RecordID)
		}
		s.stored(ids)
		s.mark(w.Stale)
		if s.onStale != nil && len(w.Stale) > 0 {
			s.onStale(w.Stale)
		}
	}
	return out, nil
}

// inTx runs fn in one transaction of the store when it is a
// ringer.Transactor, and on the store itself, each Write its own
// transaction, when it is not.
func (s *Screener) inTx(ctx context.Context, fn func(tx ringer.Tx) error) error {
	if tr, ok := s.store.(ringer.Transactor); ok {
		return tr.InTx(ctx, fn)
	}
	return fn(s.store)
}

// ingest is Ingest in tx. It returns the assessments of the records
// screened, the batch of assessments and marks it wrote, and the
// re-assessments of the worker it stored with them.
func (s *Screener) ingest(ctx context.Context, tx ringer.Tx, recs []ringer.Record, evs []ringer.Event) ([]ringer.Assessment, *ringer.Batch, []redone, error) {
	// Who needs relinking: the records given, and the stored records that
	// new events are about (devices, shipping addresses and payout
	// accounts in events are identifiers too).
	touched := make(map[string]*ringer.Record)
	given := make(map[string]bool)
	var order []string
	for i := range recs {
		r := &recs[i]
		if _, ok := touched[r.ID]; !ok {
			order = append(order, r.ID)
		}
		touched[r.ID] = r // a later line updates the record
		given[r.ID] = true
	}
	newEvents := make(map[string][]ringer.Event)
	for _, e := range evs {
		newEvents[e.RecordID] = append(newEvents[e.RecordID], e)
	}
	for id := range newEvents {
		if _, ok := touched[id]; ok {
			continue
		}
		r, err := tx.Record(ctx, id)
		if errors.Is(err, ringer.ErrNotFound) {
			continue // events ahead of their record are kept; linked when it comes
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("read record %s: %w", id, err)
		}
		touched[id] = &r
		order = append(order, id)
	}
	sort.Strings(order)

	subjects := make([]link.Subject, 0, len(order))
	storedEvents := make(map[string][]ringer.Event, len(order))
	for _, id := range order {
		stored, err := tx.Events(ctx, id)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("read events of %s: %w", id, err)
		}
		storedEvents[id] = stored
		subjects = append(subjects, link.Subject{Record: touched[id], Events: append(slices.Clip(stored), newEvents[id]...)})
	}
	batch, affected, err := s.graph.UpdateIn(ctx, tx, subjects)
	if err != nil {
		return nil, nil, nil, err
	}
	batch.Records = make([]ringer.Record, 0, len(order))
	for _, id := range order {
		if given[id] {
			batch.Records = append(batch.Records, *touched[id])
		}
	}
	batch.Events = evs
	if err := tx.Write(ctx, batch); err != nil {
		return nil, nil, nil, fmt.Errorf("write batch: %w", err)
	}

	// The records' events as now stored, the new ones with the sequence
	// numbers Write gave them, so that assessing need not read them back.
	for _, e := range batch.Events {
		if stored, ok := storedEvents[e.RecordID]; ok {
			storedEvents[e.RecordID] = append(stored, e)
		}
	}

	// The other records affected are marked stale for the worker, or,
	// on a store without marks, assessed here too.
	skip := make(map[string]bool, len(order)+len(affected))
	for _, id := range order {
		skip[id] = true
	}
	var others []string
	for _, id := range affected {
		if !skip[id] {
			skip[id] = true
			others = append(others, id)
		}
	}
	ids, stale := order, others
	if !s.deferring() {
		ids, stale = slices.Concat(order, others), nil
		sort.Strings(ids)
	}
	out, err := s.assess(ctx, tx, ids, touched, storedEvents, batch.RingMembers, true)
	if err != nil {
		return nil, nil, nil, err
	}
	// Re-assessments the worker has ready go in with this screen's, but
	// for the records this screen assesses or marks itself.
	redone := s.takeReady(skip)
	w := &ringer.Batch{Assessments: out, Stale: stale}
	if len(redone) > 0 {
		as, _ := assessments(redone)
		w.Assessments = append(slices.Clip(out), as...)
	}
	if err := tx.Write(ctx, w); err != nil {
		return nil, nil, redone, fmt.Errorf("write assessments: %w", err)
	}
	return out, w, redone, nil
}

// Rescreen re-assesses every stored record, for example after a watchlist
// or policy changed. It returns how many records it assessed.
func (s *Screener) Rescreen(ctx context.Context) (int, error) {
	var ids []string
	err := s.store.EachRecord(ctx, func(r ringer.Record) error {
		ids = append(ids, r.ID)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("list records: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for len(ids) > 0 {
		chunk := ids[:min(500, len(ids))]
		ids = ids[len(chunk):]
		err := s.inTx(ctx, func(tx ringer.Tx) error {
			as, err := s.assess(ctx, tx, chunk, nil, nil, nil, true)
			if err != nil {
				return err
			}
			if err := tx.Write(ctx, &ringer.Batch{Assessments: as}); err != nil {
				return fmt.Errorf("write assessments: %w", err)
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		s.stored(chunk)
		n += len(chunk)
	}
	return n, nil
}

// assess assesses the records that view holds, without storing the
// assessments, on a second goroutine too when parallel is set. known,
// knownEvents and ringOf hold records, their events and their ring ids
// ("" for none) that the caller has at hand, as they were just stored, so
// that they need not be read back.
func (s *Screener) assess(ctx context.Context, view storeView, ids []string, known map[string]*ringer.Record, knownEvents map[string][]ringer.Event, ringOf map[string]string, parallel bool) ([]ringer.Assessment, error) {
	rings := make(map[string]*storedRing)
	graph := newMemoGraph(view)
	// What each record is assessed on is read in order, through graph;
	// the detectors and the policy run on each record as soon as it is
	// read, on a second goroutine while this one reads the next, and on
	// both once all are read. Every read, theirs and this one's, goes to
	// the transaction one at a time through graph. Re-assessing a ring of
	// fifteen thus uses both cores.
	subjects := make([]*ringer.Subject, len(ids))
	out := make([]ringer.Assessment, len(ids))
	errs := make([]error, len(ids))
	jobs := make(chan int, len(ids))
	var wg sync.WaitGroup
	work := func() {
		for i := range jobs {
			out[i], errs[i] = s.evaluate(ctx, subjects[i])
		}
	}
	if parallel && len(ids) >= parallelFrom && runtime.GOMAXPROCS(0) > 1 {
		wg.Go(work)
	}
	var readErr error
	for i, id := range ids {
		subj, err := s.subject(ctx, graph, id, known, knownEvents, ringOf, rings)
		if errors.Is(err, ringer.ErrNotFound) {
			continue
		}
		if err != nil {
			readErr = err
			break
		}
		subjects[i] = subj
		jobs <- i
	}
	close(jobs)
	work() // what is left, beside the other goroutine
	wg.Wait()
	if err := errors.Join(append(errs, readErr)...); err != nil {
		return nil, err
	}
	done := make([]ringer.Assessment, 0, len(ids))
	for i := range ids {
		if subjects[i] != nil {
			done = append(done, out[i])
		}
	}
	return done, nil
}

// parallelFrom is how many records a batch needs to be assessed on two
// goroutines: a single record is assessed where it is, since waking
// another goroutine costs more than it saves.
const parallelFrom = 4

// Assess computes a record's assessment from what is stored now, without
// storing it.
func (s *Screener) Assess(ctx context.Context, id string) (ringer.Assessment, error) {
	subj, err := s.subject(ctx, s.store, id, nil, nil, nil, make(map[string]*storedRing))
	if err != nil {
		return ringer.Assessment{}, err
	}
	return s.evaluate(ctx, subj)
}

// subject reads what record id is assessed on from view, which the
// detectors then ask about other records. known, knownEvents and ringOf
// hold what the caller has at hand (nil maps when nothing), rings the
// rings read so far.
func (s *Screener) subject(ctx context.Context, view storeView, id string, known map[string]*ringer.Record, knownEvents map[string][]ringer.Event, ringOf map[string]string, rings map[string]*storedRing) (*ringer.Subject, error) {
	var r ringer.Record
	if k := known[id]; k != nil {
		r = *k
	} else {
		var err error
		if r, err = view.Record(ctx, id); err != nil {
			return nil, fmt.Errorf("read record %s: %w", id, err)
		}
	}
	evs, ok := knownEvents[id]
	if !ok {
		var err error
		if evs, err = view.Events(ctx, id); err != nil {
			return nil, fmt.Errorf("read events of %s: %w", id, err)
		}
	}
	ringID, ok := ringOf[id]
	if !ok {
		var err error
		if ringID, err = view.RingOf(ctx, id); err != nil {
			return nil, fmt.Errorf("read ring of %s: %w", id, err)
		}
	}
	subj := &ringer.Subject{Record: r, Events: evs, Graph: view}
	if ringID == "" {
		var err error
		if subj.Links, err = view.Links(ctx, id); err != nil {
			return nil, fmt.Errorf("read links of %s: %w", id, err)
		}
		return subj, nil
	}
	rg := rings[ringID]
	if rg == nil {
		var err error
		if rg, err = readRing(ctx, view, ringID); err != nil {
			return nil, err
		}
		rings[ringID] = rg
	}
	subj.Ring, subj.Links = &rg.Ring, rg.linksOf[id]
	return subj, nil
}

// evaluate runs the detectors and the policy on a subject. It is safe to
// call on several subjects at once when their Graph is.
func (s *Screener) evaluate(ctx context.Context, subj *ringer.Subject) (ringer.Assessment, error) {
	id, ring, r := subj.Record.ID, subj.Ring, &subj.Record
	var signals []ringer.Signal
	for _, d := range s.detectors {
		sig, err := d.Detect(ctx, subj)
		if err != nil {
			return ringer.Assessment{}, fmt.Errorf("detect %s: %w", id, err)
		}
		signals = append(signals, sig...)
	}
	res, err := s.policy.Evaluate(ctx, policy.Input{Record: r, Signals: signals, Ring: ring, Events: subj.Events})
	if err != nil {
		return ringer.Assessment{}, fmt.Errorf("policy %s on %s: %w", s.policy.ID(), id, err)
	}
	a := ringer.Assessment{RecordID: id, Score: res.Score, Band: res.Band, Signals: res.Signals,
		Ring: ring, Rules: res.Rules, Policy: s.policy.ID(), AssessedAt: s.now().UTC()}
	if a.Signals == nil {
		a.Signals = []ringer.Signal{}
	}
	a.Watchlist = watchlistHits(res.Signals)
	return a, nil
}

// watchlistHits copies the watchlist signals' evidence into the
// assessment's watchlist section.
func watchlistHits(signals []ringer.Signal) []ringer.WatchlistHit {
	var hits []ringer.WatchlistHit
	for _, sg := range signals {
		if len(sg.Code) < 10 || sg.Code[:10] != "watchlist." {
			continue
		}
		h := ringer.WatchlistHit{}
		h.List, _ = sg.Evidence["list"].(string)
		h.Entry, _ = sg.Evidence["entry"].(string)
		h.Why, _ = sg.Evidence["why"].(string)
		switch v := sg.Evidence["score"].(type) {
		case float64:
			h.Score = v
		case float32:
			h.Score = float64(v)
		}
		if h.Why == "" {
			h.Why = sg.Detail
		}
		hits = append(hits, h)
	}
	return hits
}

// Ring returns a ring with its members and the links among them.
func (s *Screener) Ring(ctx context.Context, ringID string) (ringer.Ring, error) {
	rg, err := readRing(ctx, s.store, ringID)
	if err != nil {
		return ringer.Ring{}, err
	}
	return rg.Ring, nil
}

// storedRing is a ring as read, with each member's links as
// ringer.GraphReader.Links returns them. A ring is a connected component
// of links, so its members' links are all among the ring's.
type storedRing struct {
	ringer.Ring
	linksOf map[string][]ringer.Link
}

func readRing(ctx context.Context, view ringer.GraphReader, ringID string) (*storedRing, error) {
	members, err := view.RingMembers(ctx, ringID)
	if err != nil {
		return nil, fmt.Errorf("read ring %s: %w", ringID, err)
	}
	if len(members) == 0 {
		return nil, fmt.Errorf("ring %s: %w", ringID, ringer.ErrNotFound)
	}
	sort.Strings(members)
	rg := &storedRing{Ring: ringer.Ring{ID: ringID, Size: len(members), Members: members, Links: []ringer.Link{}},
		linksOf: make(map[string][]ringer.Link, len(members))}
	links, err := ringer.LinksOfRecords(ctx, view, members)
	if err != nil {
		return nil, fmt.Errorf("read links of ring %s: %w", ringID, err)
	}
	for i, m := range members {
		rg.linksOf[m] = links[i]
		for _, l := range links[i] {
			if l.A == m { // each link once, from its first end
				rg.Links = append(rg.Links, l)
			}
		}
	}
	return rg, nil
}
