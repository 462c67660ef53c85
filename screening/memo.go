package screening

import (
	"context"
	"strconv"
	"sync"

	"github.com/ringerhq/ringer"
)

// memoGraph is the cross-record view the detectors get while one batch
// of records is assessed: the view of the transaction, with the answers to
// "who else has this key" and the personas read remembered. Several
// detectors ask the same questions of a record, and the members of a
// ring, assessed together when the ring changes, share most of their
// identifiers. Nothing is written between the first assessment of a
// batch and the last, so the answers cannot change under it. It is safe
// for concurrent use: the records of a batch are assessed in parallel, and
// the view is asked one question at a time.
type memoGraph struct {
	mu sync.Mutex
	storeView
	keys     map[string][]string
	personas map[string]ringer.Persona
	absent   map[string]bool // ids known to have no persona
}

func newMemoGraph(v storeView) *memoGraph {
	return &memoGraph{storeView: v, keys: make(map[string][]string),
		personas: make(map[string]ringer.Persona), absent: make(map[string]bool)}
}

// RecordsWithKey returns what the view returns, once per key and limit.
func (m *memoGraph) RecordsWithKey(ctx context.Context, key string, limit int) ([]string, error) {
	k := strconv.Itoa(limit) + "\x00" + key
	m.mu.Lock()
	defer m.mu.Unlock()
	if ids, ok := m.keys[k]; ok {
		return ids, nil
	}
	ids, err := m.storeView.RecordsWithKey(ctx, key, limit)
	if err != nil {
		return nil, err
	}
	m.keys[k] = ids
	return ids, nil
}

// Personas returns what the view returns, reading each persona once.
func (m *memoGraph) Personas(ctx context.Context, recordIDs []string) ([]ringer.Persona, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var missing []string
	for _, id := range recordIDs {
		if _, ok := m.personas[id]; !ok && !m.absent[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		ps, err := m.storeView.Personas(ctx, missing)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			m.personas[p.RecordID] = p
		}
		for _, id := range missing {
			if _, ok := m.personas[id]; !ok {
				m.absent[id] = true
			}
		}
	}
	out := make([]ringer.Persona, 0, len(recordIDs))
	seen := make(map[string]bool, len(recordIDs))
	for _, id := range recordIDs {
		if p, ok := m.personas[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// storeView is what assessing reads of a store or transaction.
type storeView interface {
	ringer.GraphReader
	Record(ctx context.Context, id string) (ringer.Record, error)
	Events(ctx context.Context, recordID string) ([]ringer.Event, error)
}

// The other reads of the view, one at a time.

// Record returns the view's answer.
func (m *memoGraph) Record(ctx context.Context, id string) (ringer.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storeView.Record(ctx, id)
}

// Events returns the view's answer.
func (m *memoGraph) Events(ctx context.Context, recordID string) ([]ringer.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storeView.Events(ctx, recordID)
}

// LinksOfRecords returns the view's answer, in one query when the view
// can (ringer.MultiLinkReader).
func (m *memoGraph) LinksOfRecords(ctx context.Context, recordIDs []string) ([][]ringer.Link, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return ringer.LinksOfRecords(ctx, m.storeView, recordIDs)
}

// Links returns the view's answer.
func (m *memoGraph) Links(ctx context.Context, recordID string) ([]ringer.Link, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storeView.Links(ctx, recordID)
}

// RingOf returns the view's answer.
func (m *memoGraph) RingOf(ctx context.Context, recordID string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storeView.RingOf(ctx, recordID)
}

// RingMembers returns the view's answer.
func (m *memoGraph) RingMembers(ctx context.Context, ringID string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storeView.RingMembers(ctx, ringID)
}

// NewRingID returns the view's answer.
func (m *memoGraph) NewRingID(ctx context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storeView.NewRingID(ctx)
}
