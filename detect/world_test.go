package detect_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
	"github.com/ringerhq/ringer/intel"
	"github.com/ringerhq/ringer/normalize"
)

// place is one network of the test world: where its addresses are.
type place struct {
	cidr     string
	country  string
	city     string
	lat, lon float64
	accKM    int
}

// The test world's geography. 175.45.176.0/22 is the block registered to
// North Korea; the others are documentation and test ranges placed where
// the tests need them.
var places = []place{
	{"203.0.113.0/24", "US", "Austin", 30.27, -97.74, 20},
	{"198.51.100.0/24", "US", "Las Vegas", 36.17, -115.14, 20},
	{"192.0.2.0/24", "US", "Boston", 42.36, -71.06, 20},
	{"198.18.0.0/24", "US", "Austin", 30.27, -97.74, 20},
	{"175.45.176.0/22", "KP", "Pyongyang", 39.03, 125.75, 50},
	{"1.2.3.0/24", "CN", "Shenyang", 41.80, 123.43, 50},
	{"81.2.69.0/24", "GB", "London", 51.51, -0.13, 10},
	{"142.214.202.0/24", "US", "Los Angeles", 34.05, -118.24, 100},
	{"2001:db8::/32", "US", "Austin", 30.27, -97.74, 20},
}

// lists are the labelled CIDR lists of the test world.
var lists = map[string][]string{
	"vpn:astrill": {"142.214.202.0/24"},
	"hosting":     {"45.76.0.0/16"},
	"tor":         {"185.220.101.0/24"},
	"corporate":   {"198.18.0.0/24"},
}

// refs is an in-memory ringer.ReferenceStore.
type refs struct {
	mu sync.Mutex
	m  map[string]ringer.Reference
}

func (r *refs) PutReference(_ context.Context, ref ringer.Reference) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[string]ringer.Reference{}
	}
	r.m[ref.Kind+"\x00"+ref.Name] = ref
	return nil
}

func (r *refs) Reference(_ context.Context, kind, name string) (ringer.Reference, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, ok := r.m[kind+"\x00"+name]
	if !ok {
		return ringer.Reference{}, ringer.ErrNotFound
	}
	return ref, nil
}

func (r *refs) References(_ context.Context, kind string) ([]ringer.Reference, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []ringer.Reference
	for _, ref := range r.m {
		if ref.Kind == kind {
			ref.Data = nil
			out = append(out, ref)
		}
	}
	return out, nil
}

func (r *refs) DeleteReference(_ context.Context, kind, name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.m, kind+"\x00"+name)
	return nil
}

var (
	worldOnce  sync.Once
	worldIntel *intel.Set
	worldErr   error
)

// testIntel returns the test world's intelligence, imported through
// intel.Import as a user would: a City MMDB written with mmdbwriter and
// the labelled CIDR lists.
func testIntel(t testing.TB) *intel.Set {
	t.Helper()
	worldOnce.Do(func() {
		dir, err := os.MkdirTemp("", "detect-intel")
		if err != nil {
			worldErr = err
			return
		}
		defer os.RemoveAll(dir)
		worldIntel, worldErr = buildIntel(dir)
	})
	if worldErr != nil {
		t.Fatalf("build test intelligence: %v", worldErr)
	}
	return worldIntel
}

func buildIntel(dir string) (*intel.Set, error) {
	ctx := context.Background()
	w, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: "GeoIP2-City", RecordSize: 28, IPVersion: 6, IncludeReservedNetworks: true,
		Description: map[string]string{"en": "ringer detect test world"}, Languages: []string{"en"}})
	if err != nil {
		return nil, err
	}
	for _, p := range places {
		_, n, err := net.ParseCIDR(p.cidr)
		if err != nil {
			return nil, err
		}
		rec := mmdbtype.Map{
			"country": mmdbtype.Map{"iso_code": mmdbtype.String(p.country)},
			"city":    mmdbtype.Map{"names": mmdbtype.Map{"en": mmdbtype.String(p.city)}},
			"location": mmdbtype.Map{"latitude": mmdbtype.Float64(p.lat), "longitude": mmdbtype.Float64(p.lon),
				"accuracy_radius": mmdbtype.Uint16(p.accKM)},
		}
		if err := w.Insert(n, rec); err != nil {
			return nil, err
		}
	}
	city := filepath.Join(dir, "GeoIP2-City-Test.mmdb")
	f, err := os.Create(city)
	if err != nil {
		return nil, err
	}
	if _, err := w.WriteTo(f); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	store := &refs{}
	if _, err := intel.Import(ctx, store, []string{city}, ""); err != nil {
		return nil, err
	}
	for label, cidrs := range lists {
		p := filepath.Join(dir, strings.ReplaceAll(label, ":", "-")+".txt")
		if err := os.WriteFile(p, []byte("# test list\n"+strings.Join(cidrs, "\n")+"\n"), 0o600); err != nil {
			return nil, err
		}
		if _, err := intel.Import(ctx, store, []string{p}, label); err != nil {
			return nil, err
		}
	}
	return intel.Load(ctx, store)
}

// graph is an in-memory ringer.GraphReader indexing records the way the
// screening pipeline does: the keys of normalize.Identifiers of every
// record and of normalize.EventIdentifiers of every event.
type graph struct {
	byKey    map[string][]string
	personas map[string]*ringer.Persona
}

func newGraph(k *normalize.Keyer, records []ringer.Record, events []ringer.Event) *graph {
	g := &graph{byKey: map[string][]string{}, personas: map[string]*ringer.Persona{}}
	add := func(id string, ids []ringer.Identifier) {
		p := g.personas[id]
		if p == nil {
			p = &ringer.Persona{RecordID: id}
			g.personas[id] = p
		}
		for _, x := range ids {
			if !slices.Contains(g.byKey[x.Key], id) {
				g.byKey[x.Key] = append(g.byKey[x.Key], id)
				p.Keys = append(p.Keys, x.Key)
			}
		}
	}
	for i := range records {
		add(records[i].ID, normalize.Identifiers(k, &records[i]))
	}
	for i := range events {
		add(events[i].RecordID, normalize.EventIdentifiers(k, &events[i]))
	}
	return g
}

func (g *graph) Personas(_ context.Context, ids []string) ([]ringer.Persona, error) {
	var out []ringer.Persona
	for _, id := range ids {
		if p, ok := g.personas[id]; ok {
			out = append(out, *p)
		}
	}
	return out, nil
}

func (g *graph) RecordsWithKey(_ context.Context, key string, limit int) ([]string, error) {
	ids := g.byKey[key]
	if len(ids) > limit {
		ids = ids[:limit]
	}
	return slices.Clone(ids), nil
}

func (g *graph) Links(context.Context, string) ([]ringer.Link, error)  { return nil, nil }
func (g *graph) RingOf(context.Context, string) (string, error)        { return "", nil }
func (g *graph) RingMembers(context.Context, string) ([]string, error) { return nil, nil }
func (g *graph) NewRingID(context.Context) (string, error)             { return "ring-1", nil }

// world is a population of records and events screened together.
type world struct {
	keyer   *normalize.Keyer
	records []ringer.Record
	events  []ringer.Event
	graph   *graph
	dets    []ringer.Detector
}

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func newWorld(t testing.TB, records []ringer.Record, events []ringer.Event, tune func(*detect.Config)) *world {
	t.Helper()
	k := normalize.NewKeyer([]byte("test-secret"))
	cfg := detect.Config{Intel: testIntel(t), Keyer: k, Now: func() time.Time { return testNow }}
	if tune != nil {
		tune(&cfg)
	}
	return &world{keyer: k, records: records, events: events, graph: newGraph(k, records, events), dets: detect.New(cfg)}
}

// subject returns a record of the world with its events.
func (w *world) subject(t testing.TB, id string) *ringer.Subject {
	t.Helper()
	s := &ringer.Subject{Graph: w.graph}
	found := false
	for _, r := range w.records {
		if r.ID == id {
			s.Record, found = r, true
		}
	}
	if !found {
		t.Fatalf("no record %s in the world", id)
	}
	for _, e := range w.events {
		if e.RecordID == id {
			s.Events = append(s.Events, e)
		}
	}
	return s
}

// screen runs every detector on one record of the world.
func (w *world) screen(t testing.TB, id string) []ringer.Signal {
	t.Helper()
	sig, err := detect.DetectAll(context.Background(), w.dets, w.subject(t, id))
	if err != nil {
		t.Fatalf("detect %s: %v", id, err)
	}
	return sig
}

// codes returns the signal codes in order.
func codes(sig []ringer.Signal) []string {
	out := make([]string, 0, len(sig))
	for _, s := range sig {
		out = append(out, s.Code)
	}
	slices.Sort(out)
	return out
}

// find returns the signal with the code.
func find(sig []ringer.Signal, code string) (ringer.Signal, bool) {
	for _, s := range sig {
		if s.Code == code {
			return s, true
		}
	}
	return ringer.Signal{}, false
}
