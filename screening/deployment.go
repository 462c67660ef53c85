package screening

import (
	"context"
	"fmt"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
	"github.com/ringerhq/ringer/intel"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/policy"
	"github.com/ringerhq/ringer/watchlist"
)

// Open wires the screener of a deployment over its store: the
// intelligence and watchlists imported into the store, every stage's
// detector, the
// identity graph keyed with the deployment's keyer, and the policy
// (the built-in default when nil). It starts re-assessing the records
// an earlier screener left stale; Close stops that.
func Open(ctx context.Context, st ringer.Store, keyer *normalize.Keyer, pol *policy.Policy) (*Screener, error) {
	intl, err := intel.Load(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("load intelligence: %w", err)
	}
	lists, err := watchlist.Load(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("load watchlists: %w", err)
	}
	dets := detect.New(detect.Config{Intel: intl, Keyer: keyer})
	dets = append(dets, watchlist.NewDetector(lists, watchlist.Options{}))
	s := New(Config{
		Store:     st,
		Graph:     link.NewGraph(st, keyer, nil, link.Options{}),
		Detectors: dets,
		Policy:    pol,
	})
	// Records an earlier process left stale are re-assessed from now on.
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadMarks(ctx); err != nil {
		return nil, err
	}
	return s, nil
}
