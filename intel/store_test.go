package intel

import (
	"context"
	"slices"
	"strings"
	"sync"

	ringer "github.com/ringerhq/ringer"
)

// memRefs is an in-memory ringer.ReferenceStore for tests.
type memRefs struct {
	mu   sync.Mutex
	refs map[string]ringer.Reference
	// failPut makes PutReference fail for names containing it.
	failPut string
}

func newMemRefs() *memRefs { return &memRefs{refs: map[string]ringer.Reference{}} }

func (m *memRefs) PutReference(_ context.Context, ref ringer.Reference) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failPut != "" && strings.Contains(ref.Name, m.failPut) {
		return errTestPut
	}
	ref.Data = slices.Clone(ref.Data)
	m.refs[ref.Kind+"\x00"+ref.Name] = ref
	return nil
}

func (m *memRefs) Reference(_ context.Context, kind, name string) (ringer.Reference, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.refs[kind+"\x00"+name]
	if !ok {
		return ringer.Reference{}, ringer.ErrNotFound
	}
	return r, nil
}

func (m *memRefs) References(_ context.Context, kind string) ([]ringer.Reference, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []ringer.Reference
	for _, r := range m.refs {
		if r.Kind == kind {
			r.Data = nil
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b ringer.Reference) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (m *memRefs) DeleteReference(_ context.Context, kind, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.refs, kind+"\x00"+name)
	return nil
}

type testErr string

func (e testErr) Error() string { return string(e) }

const errTestPut = testErr("put refused")
