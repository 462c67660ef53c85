package screening_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/screening"
	"github.com/ringerhq/ringer/sqlite"
	"github.com/ringerhq/ringer/synth"
)

var testKeyer = normalize.NewKeyer([]byte("screening-test-secret-0123456789"))

// fixedNow is the clock of the screeners under test, so that assessments
// made at different times compare equal.
func fixedNow() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

// population returns synthetic records with planted rings, and their
// events.
func population(t *testing.T, n int) ([]ringer.Record, []ringer.Event) {
	t.Helper()
	var recs []ringer.Record
	var evs []ringer.Event
	err := synth.Generate(t.Context(), synth.Options{N: n, Rings: n / 40, Seed: 11, Events: true},
		func(r *ringer.Record) error { recs = append(recs, *r); return nil },
		func(e *ringer.Event) error { evs = append(evs, *e); return nil },
		func(synth.Label) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return recs, evs
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ringer.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newScreener returns a screener over st, closed when the test ends
// (before st, opened earlier, is).
func newScreener(t *testing.T, st ringer.Store, dets ...ringer.Detector) *screening.Screener {
	sc := screening.New(screening.Config{
		Store:     st,
		Graph:     link.NewGraph(st, testKeyer, nil, link.Options{}),
		Detectors: dets,
		Now:       fixedNow,
	})
	t.Cleanup(func() { sc.Close() })
	return sc
}

// ingestAll screens recs one at a time, then in batches, then the events
// in batches. After each Ingest, check (when not nil) is called with the
// assessments it returned.
func ingestAll(t *testing.T, sc *screening.Screener, recs []ringer.Record, evs []ringer.Event, check func([]ringer.Assessment)) {
	t.Helper()
	ctx := t.Context()
	ingest := func(recs []ringer.Record, evs []ringer.Event) {
		t.Helper()
		as, err := sc.Ingest(ctx, recs, evs)
		if err != nil {
			t.Fatalf("Ingest: %v", err)
		}
		if check != nil {
			check(as)
		}
	}
	one := len(recs) / 4
	for i := range one {
		ingest(recs[i:i+1], nil)
	}
	for i := one; i < len(recs); i += 37 {
		ingest(recs[i:min(i+37, len(recs))], nil)
	}
	for i := 0; i < len(evs); i += 101 {
		ingest(nil, evs[i:min(i+101, len(evs))])
	}
	// A record given again with its events replaces the stored one.
	ingest(recs[:3], evs[:2])
	if err := sc.Settle(ctx); err != nil {
		t.Fatalf("Settle: %v", err)
	}
}

// TestIngestMatchesStoredState checks that what Ingest returns and stores
// is what assessing the records afresh from the committed store gives:
// Ingest's one transaction, its reads of its own writes and the records
// it does not read back change nothing.
func TestIngestMatchesStoredState(t *testing.T) {
	recs, evs := population(t, 400)
	st := openStore(t)
	sc := newScreener(t, st)
	ctx := t.Context()
	rings := 0
	ingestAll(t, sc, recs, evs, func(as []ringer.Assessment) {
		for _, a := range as {
			stored, err := st.Assessment(ctx, a.RecordID)
			if err != nil {
				t.Fatalf("Assessment(%s): %v", a.RecordID, err)
			}
			fresh, err := sc.Assess(ctx, a.RecordID)
			if err != nil {
				t.Fatalf("Assess(%s): %v", a.RecordID, err)
			}
			if !sameAssessment(t, a, fresh) || !sameAssessment(t, stored, fresh) {
				t.Errorf("assessment of %s that Ingest returned or stored differs from a fresh one:\nreturned %+v\nstored   %+v\nfresh    %+v", a.RecordID, a, stored, fresh)
			}
			if a.Ring != nil {
				rings++
			}
		}
	})
	if rings == 0 {
		t.Error("no record is in a ring: the test population exercises no linking")
	}
}

// TestIngestWithoutTransactions checks that a store that is no
// ringer.Transactor (two transactions per Ingest) ends with the same
// assessments as one that is.
func TestIngestWithoutTransactions(t *testing.T) {
	recs, evs := population(t, 200)
	tx := openStore(t)
	plain := openStore(t)
	// The wrapper hides InTx and RecordsWithKeys.
	hidden := struct{ ringer.Store }{plain}
	if _, ok := ringer.Store(hidden).(ringer.Transactor); ok {
		t.Fatal("wrapper still a Transactor")
	}
	ingestAll(t, newScreener(t, tx), recs, evs, nil)
	ingestAll(t, newScreener(t, hidden), recs, evs, nil)
	compareAssessments(t, recs, tx, "in transactions", plain, "without")
}

// compareAssessments fails t for each record whose assessments in stores
// a and b (called nameA and nameB in messages) differ.
func compareAssessments(t *testing.T, recs []ringer.Record, a ringer.Store, nameA string, b ringer.Store, nameB string) {
	t.Helper()
	ctx := t.Context()
	for _, r := range recs {
		x, err := a.Assessment(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		y, err := b.Assessment(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAssessment(t, x, y) {
			t.Errorf("assessment of %s differs between the stores:\n%s: %+v\n%s: %+v", r.ID, nameA, x, nameB, y)
		}
	}
}

// failing is a detector that fails on one record.
type failing struct{ id string }

func (f failing) Detect(_ context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	if s.Record.ID == f.id {
		return nil, errors.New("detector failed")
	}
	return nil, nil
}

// TestIngestAtomic checks that on a Transactor store an Ingest that fails
// while assessing stores nothing of its input.
func TestIngestAtomic(t *testing.T) {
	recs, _ := population(t, 20)
	st := openStore(t)
	sc := newScreener(t, st, failing{id: recs[5].ID})
	ctx := t.Context()
	if _, err := sc.Ingest(ctx, recs[:5], nil); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.Ingest(ctx, recs[5:10], nil); err == nil {
		t.Fatal("Ingest with a failing detector: no error")
	}
	n, err := st.CountRecords(ctx)
	if err != nil || n != 5 {
		t.Errorf("after a failed Ingest, CountRecords = %d, %v; want the 5 of the first", n, err)
	}
	for _, r := range recs[5:10] {
		if ids, err := st.Personas(ctx, []string{r.ID}); err != nil || len(ids) != 0 {
			t.Errorf("after a failed Ingest, persona of %s = %v, %v; want none", r.ID, ids, err)
		}
	}
}

// sameAssessment compares assessments as the store keeps them: as JSON.
func sameAssessment(t *testing.T, a, b ringer.Assessment) bool {
	t.Helper()
	var va, vb any
	for _, p := range []struct {
		in  ringer.Assessment
		out *any
	}{{a, &va}, {b, &vb}} {
		raw, err := json.Marshal(p.in)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, p.out); err != nil {
			t.Fatal(err)
		}
	}
	return reflect.DeepEqual(va, vb)
}

// TestNoStaleAssessments checks that after every Ingest each stored
// assessment is what assessing its record afresh gives or is marked
// stale, and that after Settle none is stale: a record whose links or
// ring changed because of another record is re-assessed too. It runs on
// a store file, where the worker re-assesses on snapshots, and in memory,
// where it re-assesses holding the lock.
func TestNoStaleAssessments(t *testing.T) {
	for _, inMemory := range []bool{false, true} {
		t.Run(fmt.Sprintf("in-memory=%v", inMemory), func(t *testing.T) {
			var st *sqlite.Store
			if inMemory {
				var err error
				if st, err = sqlite.Open(t.Context(), ":memory:"); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
			} else {
				st = openStore(t)
			}
			testNoStaleAssessments(t, st)
		})
	}
}

func testNoStaleAssessments(t *testing.T, st *sqlite.Store) {
	recs, evs := population(t, 240)
	sc := newScreener(t, st)
	ctx := t.Context()
	var stored []string
	marked := 0
	checkAll := func(as []ringer.Assessment) {
		for _, a := range as {
			if !slices.Contains(stored, a.RecordID) {
				stored = append(stored, a.RecordID)
			}
		}
		// Before Settle: fresh or marked stale.
		for _, id := range stored {
			kept, err := st.Assessment(ctx, id)
			if err != nil {
				t.Fatalf("Assessment(%s): %v", id, err)
			}
			if kept.Stale {
				marked++
				continue
			}
			fresh, err := sc.Assess(ctx, id)
			if err != nil {
				t.Fatalf("Assess(%s): %v", id, err)
			}
			if !sameAssessment(t, kept, fresh) {
				t.Fatalf("stored assessment of %s is out of date and not marked stale:\nstored %+v\nfresh  %+v", id, kept, fresh)
			}
		}
		for i, fresh := range settledFresh(t, st, sc, stored) {
			id := stored[i]
			// Assessing takes a ring member's links from its ring: they
			// must be all the links the store has of it.
			links, err := st.Links(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			inRing := 0
			if fresh.Ring != nil {
				for _, l := range fresh.Ring.Links {
					if l.A == id || l.B == id {
						inRing++
					}
				}
			}
			if inRing != len(links) {
				t.Fatalf("%s has %d links, %d of them in its ring", id, len(links), inRing)
			}
		}
	}
	ingestAll(t, sc, recs, evs, checkAll)
	if marked == 0 {
		t.Error("no assessment was ever marked stale: the rings did not grow, or nothing was deferred")
	}
}

// TestStaleLeftByAnEarlierScreener checks that records an earlier process
// marked stale and did not re-assess (it crashed after the commit) are
// re-assessed by the next screener: the marks are in the store.
func TestStaleLeftByAnEarlierScreener(t *testing.T) {
	recs, evs := population(t, 120)
	st := openStore(t)
	ctx := t.Context()
	ingestAll(t, newScreener(t, st), recs, evs, nil)
	var ringed []string
	for _, r := range recs {
		a, err := st.Assessment(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Ring != nil {
			ringed = append(ringed, r.ID)
		}
	}
	if len(ringed) == 0 {
		t.Fatal("no record is in a ring")
	}
	// What a crash leaves: marks, and assessments that are not what the
	// records would be assessed on now.
	var old []ringer.Assessment
	for _, id := range ringed {
		old = append(old, ringer.Assessment{RecordID: id, Band: ringer.BandClear, Policy: "before", Signals: []ringer.Signal{}})
	}
	if err := st.Write(ctx, &ringer.Batch{Assessments: old, Stale: ringed}); err != nil {
		t.Fatal(err)
	}
	sc := newScreener(t, st)
	settledFresh(t, st, sc, ringed)
}

// TestReassessedWhileScreening screens records one at a time, back to
// back, so that the worker re-assesses ring-mates on snapshots while
// later screens change their rings again, and checks that once settled
// every stored assessment is what assessing its record afresh gives: a
// re-assessment made on a snapshot that a later screen overtook is never
// stored.
func TestReassessedWhileScreening(t *testing.T) {
	recs, evs := population(t, 400)
	st := openStore(t)
	sc := newScreener(t, st)
	ctx := t.Context()
	for i := range recs {
		if _, err := sc.Ingest(ctx, recs[i:i+1], nil); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < len(evs); i += 7 {
		if _, err := sc.Ingest(ctx, nil, evs[i:min(i+7, len(evs))]); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	rings := 0
	for _, a := range settledFresh(t, st, sc, ids) {
		if a.Ring != nil && a.Ring.Size > 2 {
			rings++
		}
	}
	if rings == 0 {
		t.Error("no ring of more than two: nothing was re-assessed")
	}
}

// settledFresh settles sc and checks that no stored assessment is stale
// and that the stored assessment of each of ids is what assessing the
// record afresh gives. It returns the fresh assessments, in the order of
// ids.
func settledFresh(t *testing.T, st interface {
	ringer.AssessmentReader
	ringer.StaleReader
}, sc *screening.Screener, ids []string) []ringer.Assessment {
	t.Helper()
	ctx := t.Context()
	if err := sc.Settle(ctx); err != nil {
		t.Fatalf("Settle: %v", err)
	}
	if stale, err := st.StaleAssessments(ctx); err != nil || len(stale) != 0 {
		t.Fatalf("after Settle, StaleAssessments = %v, %v; want none", stale, err)
	}
	out := make([]ringer.Assessment, len(ids))
	for i, id := range ids {
		kept, err := st.Assessment(ctx, id)
		if err != nil {
			t.Fatalf("Assessment(%s): %v", id, err)
		}
		fresh, err := sc.Assess(ctx, id)
		if err != nil {
			t.Fatalf("Assess(%s): %v", id, err)
		}
		if kept.Stale || !sameAssessment(t, kept, fresh) {
			t.Fatalf("after Settle, the stored assessment of %s is out of date:\nstored %+v\nfresh  %+v", id, kept, fresh)
		}
		out[i] = fresh
	}
	return out
}
