package watchlist

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/ringerhq/ringer"
)

// memRefs is an in-memory ringer.ReferenceStore for tests.
type memRefs struct {
	mu   sync.Mutex
	refs map[string]ringer.Reference
}

func newMemRefs() *memRefs { return &memRefs{refs: map[string]ringer.Reference{}} }

func (m *memRefs) PutReference(ctx context.Context, r ringer.Reference) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refs[r.Kind+"/"+r.Name] = r
	return nil
}

func (m *memRefs) Reference(ctx context.Context, kind, name string) (ringer.Reference, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.refs[kind+"/"+name]
	if !ok {
		return r, ringer.ErrNotFound
	}
	return r, nil
}

func (m *memRefs) References(ctx context.Context, kind string) ([]ringer.Reference, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []ringer.Reference
	for _, r := range m.refs {
		if r.Kind == kind {
			r.Data = nil
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b ringer.Reference) int {
		if a.Name < b.Name {
			return -1
		}
		return 1
	})
	return out, nil
}

func (m *memRefs) DeleteReference(ctx context.Context, kind, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.refs, kind+"/"+name)
	return nil
}

// dataDir returns the shared data directory (RINGER_DATA, default
// ../shared/data from the module root) or skips the test.
func dataDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("RINGER_DATA")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "watchlists")); err != nil {
		if os.Getenv("RINGER_REQUIRE_DATA") == "1" {
			tb.Fatalf("RINGER_REQUIRE_DATA=1 but the watchlists are not under %s: %v", dir, err)
		}
		tb.Skipf("public lists not found under %s (set RINGER_DATA): %v", dir, err)
	}
	return dir
}

// fullListFiles returns the OFAC 2021 SDN file set and the UN list.
func fullListFiles(tb testing.TB) []File {
	dir := filepath.Join(dataDir(tb), "watchlists")
	var paths []string
	for _, n := range ofacSDNFiles {
		paths = append(paths, filepath.Join(dir, "ofac-2021", n))
	}
	paths = append(paths, filepath.Join(dir, "un", "UN_consolidated.xml"))
	files, err := ReadFiles(paths)
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// fullIndex imports the full lists into a memory store and loads them.
func fullIndex(tb testing.TB) *Index {
	tb.Helper()
	ctx := context.Background()
	rs := newMemRefs()
	if _, err := Import(ctx, rs, fullListFiles(tb)); err != nil {
		tb.Fatal(err)
	}
	ix, err := Load(ctx, rs)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}
