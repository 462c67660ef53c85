package screening_test

import (
	"context"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/sqlite"
)

// gatedStore holds each snapshot of the store at its first read of a
// record until the test lets it go, so that a test decides what the
// screener does while its worker re-assesses.
type gatedStore struct {
	*sqlite.Store
	taken chan string   // the record a held snapshot was reading
	gate  chan struct{} // one value lets one snapshot go; closed, all
}

func (g *gatedStore) Snapshot(ctx context.Context) (ringer.Snapshot, error) {
	sn, err := g.Store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return &gatedSnapshot{Snapshot: sn, g: g}, nil
}

type gatedSnapshot struct {
	ringer.Snapshot
	g    *gatedStore
	held bool
}

func (s *gatedSnapshot) Record(ctx context.Context, id string) (ringer.Record, error) {
	if !s.held {
		s.held = true
		s.g.taken <- id
		<-s.g.gate
	}
	return s.Snapshot.Record(ctx, id)
}

// TestOvertakenReassessmentIsNotStored drives the worker through the
// case its generations are for: it re-assesses a ring-mate on a snapshot,
// a screen grows the ring again before that re-assessment is stored, and
// the next screen must not store it (nor forget that the record is still
// stale).
func TestOvertakenReassessmentIsNotStored(t *testing.T) {
	ctx := t.Context()
	st := &gatedStore{Store: openStore(t), taken: make(chan string, 100), gate: make(chan struct{})}
	t.Cleanup(func() {
		select {
		case <-st.gate:
		default:
			close(st.gate)
		}
	})
	sc := newScreener(t, st)
	person := func(id, email string) ringer.Record {
		return ringer.Record{ID: id, Name: ringer.Name{Full: "Person " + id}, Emails: []string{email}}
	}
	ingest := func(r ringer.Record) {
		t.Helper()
		if _, err := sc.Ingest(ctx, []ringer.Record{r}, nil); err != nil {
			t.Fatal(err)
		}
	}
	wait := func() string {
		t.Helper()
		select {
		case id := <-st.taken:
			return id
		case <-time.After(10 * time.Second):
			t.Fatal("the worker took no snapshot")
			return ""
		}
	}
	ingest(person("r1", "shared@example.com"))
	ingest(person("r2", "shared@example.com")) // ring {r1, r2}: r1 stale
	if id := wait(); id != "r1" {              // the worker reads r1 on snapshot 1
		t.Fatalf("worker re-assesses %s, want r1", id)
	}
	ingest(person("r3", "shared@example.com")) // ring {r1, r2, r3}: r1 and r2 stale again
	st.gate <- struct{}{}                      // r1 re-assessed on snapshot 1: a ring of two
	wait()                                     // the worker reads r1 and r2 on snapshot 2
	ingest(person("r4", "other@example.com"))  // a screen that takes what the worker has ready
	close(st.gate)
	if err := sc.Settle(ctx); err != nil {
		t.Fatalf("Settle: %v", err)
	}
	for _, id := range []string{"r1", "r2", "r3"} {
		a, err := st.Assessment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Stale || a.Ring == nil || a.Ring.Size != 3 {
			size := 0
			if a.Ring != nil {
				size = a.Ring.Size
			}
			t.Errorf("%s: stale %v, ring of %d; want a fresh assessment in the ring of 3", id, a.Stale, size)
		}
	}
}
