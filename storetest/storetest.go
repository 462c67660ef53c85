// Package storetest is the conformance suite every ringer.Store must pass.
// An implementation's test calls Run with a function that opens a fresh,
// empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) ringer.Store {
//			s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ringer.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// The suite checks round trips of records (partial dates, unknown fields,
// attributes), upserts, event order and sequence numbers, personas and key
// lookups, links, rings, assessments and their stale marks, reference
// data, erasure, ErrNotFound, context cancellation, concurrent writers,
// and, for stores that have them, transactions and snapshots.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

// Run runs the conformance suite. open must return a new, empty store for
// each call; Run closes nothing itself, so open should register the
// store's Close with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) ringer.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s ringer.Store)
	}{
		{"RecordRoundTrip", testRecordRoundTrip},
		{"RecordUpsert", testRecordUpsert},
		{"EachRecordAndCount", testEachRecordAndCount},
		{"Events", testEvents},
		{"Personas", testPersonas},
		{"RecordsWithKey", testRecordsWithKey},
		{"RecordsWithKeys", testRecordsWithKeys},
		{"KeyTags", testKeyTags},
		{"PersonaReplace", testPersonaReplace},
		{"PhotoIndex", testPhotoIndex},
		{"Links", testLinks},
		{"DeleteLinks", testDeleteLinks},
		{"Rings", testRings},
		{"NewRingID", testNewRingID},
		{"Assessments", testAssessments},
		{"StaleAssessments", testStaleAssessments},
		{"Snapshot", testSnapshot},
		{"References", testReferences},
		{"Erase", testErase},
		{"NotFound", testNotFound},
		{"InvalidBatch", testInvalidBatch},
		{"AtomicBatch", testAtomicBatch},
		{"Canceled", testCanceled},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Transaction", testTransaction},
		{"TransactionRollback", testTransactionRollback},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

func ptr[T any](v T) *T { return &v }

// mustJSON decodes a record line as the ingest path does, so that unknown
// fields land in Record.Unknown.
func mustRecord(t *testing.T, line string) ringer.Record {
	t.Helper()
	var r ringer.Record
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		t.Fatalf("decode fixture record: %v", err)
	}
	return r
}

func write(t *testing.T, s ringer.Store, b *ringer.Batch) {
	t.Helper()
	if err := s.Write(t.Context(), b); err != nil {
		t.Fatalf("Write: %v", err)
	}
}

// sameJSON reports whether a and b encode to the same JSON object,
// comparing decoded values so that member order does not matter.
func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	var va, vb any
	for _, p := range []struct {
		in  any
		out *any
	}{{a, &va}, {b, &vb}} {
		raw, err := json.Marshal(p.in)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if err := json.Unmarshal(raw, p.out); err != nil {
			t.Fatalf("decode: %v", err)
		}
	}
	return reflect.DeepEqual(va, vb)
}

func testRecordRoundTrip(t *testing.T, s ringer.Store) {
	cases := []struct {
		name string
		line string
	}{
		{"id only", `{"id":"r-min"}`},
		{"full", `{"id":"gh-app-1042","source":"greenhouse","kind":"applicant",
			"observed_at":"2026-03-01T12:00:00+02:00",
			"name":{"full":"Daniel J. Moore","given":"Daniel","family":"Moore"},
			"aliases":["Dan Moore"],"birth_date":"1991-04-12",
			"emails":["dan.moore.dev@gmail.com"],
			"phones":[{"number":"+1 (415) 555-0134","line_type":"voip"}],
			"addresses":[{"use":"home","line1":"12 Oak St","city":"Austin","region":"TX","postcode":"78701","country":"US"},
				{"use":"shipping","raw":"88 Pine Rd, Apt 2, Hillsboro OR 97124, USA"}],
			"documents":[{"type":"ssn","country":"US","number":"123-45-6789"}],
			"payout_accounts":[{"type":"bank","country":"US","routing":"021000021","number":"000123456789","holder":"Daniel Moore"},
				{"type":"crypto","network":"eth","value":"0x52908400098527886E0F7030069857D2E4169EE7"}],
			"profiles":[{"site":"github","handle":"dmoore-dev","created_at":"2024-11-02","earliest_activity":"2019-05","followers":240}],
			"photos":[{"phash":"c3d4e5f6a7b8c9d0"}],
			"resume":{"text":"Senior full-stack engineer with 9 years…"},
			"claimed":{"country":"US","city":"Austin","timezone":"America/Chicago"},
			"referred_by":"hr-emp-0077"}`},
		{"partial dates", `{"id":"r-partial","birth_date":"1991","profiles":[{"site":"github","created_at":"2024-11"}]}`},
		{"unknown fields", `{"id":"r-unknown","x_vendor_score":0.7,"x_tags":["a","b"],"x_obj":{"k":null}}`},
		{"attributes", `{"id":"r-attrs","attributes":{"team":"platform","level":3,"flags":[true,false],"nested":{"a":"b"}}}`},
		{"unicode", `{"id":"r-ユニコード","name":{"full":"Zoë Ñúñez 李"}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := mustRecord(t, tc.line)
			write(t, s, &ringer.Batch{Records: []ringer.Record{want}})
			got, err := s.Record(t.Context(), want.ID)
			if err != nil {
				t.Fatalf("Record(%q): %v", want.ID, err)
			}
			if !sameJSON(t, got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("Record(%q) round trip:\n got %s\nwant %s", want.ID, g, w)
			}
			if !got.ObservedAt.Equal(want.ObservedAt) {
				t.Errorf("ObservedAt = %v, want %v", got.ObservedAt, want.ObservedAt)
			}
			if got.BirthDate != want.BirthDate {
				t.Errorf("BirthDate = %#v, want %#v", got.BirthDate, want.BirthDate)
			}
			if !reflect.DeepEqual(got.Unknown, want.Unknown) && !sameJSON(t, got.Unknown, want.Unknown) {
				t.Errorf("Unknown = %v, want %v", got.Unknown, want.Unknown)
			}
		})
	}
}

func testRecordUpsert(t *testing.T, s ringer.Store) {
	write(t, s, &ringer.Batch{Records: []ringer.Record{{ID: "r1", Emails: []string{"old@example.com"}}}})
	write(t, s, &ringer.Batch{Records: []ringer.Record{{ID: "r1", Emails: []string{"new@example.com"}}}})
	got, err := s.Record(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Emails, []string{"new@example.com"}) {
		t.Errorf("after upsert Emails = %v, want [new@example.com]", got.Emails)
	}
	// Within one batch the later record wins too.
	write(t, s, &ringer.Batch{Records: []ringer.Record{{ID: "r2", Source: "a"}, {ID: "r2", Source: "b"}}})
	if got, err := s.Record(t.Context(), "r2"); err != nil || got.Source != "b" {
		t.Errorf("Record(r2) = %q, %v; want source b", got.Source, err)
	}
	if n, err := s.CountRecords(t.Context()); err != nil || n != 2 {
		t.Errorf("CountRecords = %d, %v; want 2", n, err)
	}
}

func testEachRecordAndCount(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	if n, err := s.CountRecords(ctx); err != nil || n != 0 {
		t.Fatalf("empty store: CountRecords = %d, %v", n, err)
	}
	const total = 1234 // more than one page in paging implementations
	var want []string
	for start := 0; start < total; start += 500 {
		var b ringer.Batch
		for i := start; i < min(start+500, total); i++ {
			id := fmt.Sprintf("rec-%05d", i)
			want = append(want, id)
			b.Records = append(b.Records, ringer.Record{ID: id})
		}
		write(t, s, &b)
	}
	if n, err := s.CountRecords(ctx); err != nil || n != total {
		t.Fatalf("CountRecords = %d, %v; want %d", n, err, total)
	}
	var got []string
	if err := s.EachRecord(ctx, func(r ringer.Record) error {
		got = append(got, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("EachRecord saw %d records, want %d (or different ids)", len(got), len(want))
	}
	stop := errors.New("stop")
	calls := 0
	err := s.EachRecord(ctx, func(ringer.Record) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("EachRecord with fn error: err %v after %d calls; want stop after 3", err, calls)
	}
}

func testEvents(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	t0 := time.Date(2026, 5, 3, 1, 12, 9, 0, time.UTC)
	local := time.FixedZone("", -5*3600)
	var unknown ringer.Event
	if err := json.Unmarshal([]byte(`{"event":"badge_swipe","record_id":"e1","at":"2026-05-03T09:00:00Z","door":"3F"}`), &unknown); err != nil {
		t.Fatal(err)
	}
	b1 := &ringer.Batch{Events: []ringer.Event{
		{Type: ringer.EventSignIn, RecordID: "e1", At: t0.Add(2 * time.Hour), IP: "142.214.202.2", DeviceID: "MBP-7F3K", Success: ptr(true)},
		{Type: ringer.EventSignIn, RecordID: "e1", At: t0, IP: "198.51.100.7"},
		{Type: ringer.EventActivity, RecordID: "e2", At: t0.In(local), Kind: "commit"},
	}}
	write(t, s, b1)
	for i, e := range b1.Events {
		if e.Seq <= 0 {
			t.Errorf("after Write, event %d has Seq %d; want > 0", i, e.Seq)
		}
	}
	if b1.Events[0].Seq >= b1.Events[1].Seq || b1.Events[1].Seq >= b1.Events[2].Seq {
		t.Errorf("Seqs %d, %d, %d do not increase in batch order", b1.Events[0].Seq, b1.Events[1].Seq, b1.Events[2].Seq)
	}
	b2 := &ringer.Batch{Events: []ringer.Event{
		{Type: ringer.EventInterview, RecordID: "e1", At: t0.Add(time.Hour), CameraOn: ptr(false),
			Observations: []string{ringer.ObsDeclinedLiveness}},
		{Type: ringer.EventSignIn, RecordID: "e1", At: t0, IP: "203.0.113.9"}, // same time as an earlier one
		unknown,
	}}
	write(t, s, b2)
	if b2.Events[0].Seq <= b1.Events[2].Seq {
		t.Errorf("later batch Seq %d not above earlier %d", b2.Events[0].Seq, b1.Events[2].Seq)
	}
	got, err := s.Events(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	want := []ringer.Event{b1.Events[1], b2.Events[1], b2.Events[0], b1.Events[0], b2.Events[2]}
	if len(got) != len(want) {
		t.Fatalf("Events(e1) returned %d events, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Seq != want[i].Seq || !got[i].At.Equal(want[i].At) || got[i].Type != want[i].Type {
			t.Errorf("Events(e1)[%d] = %s seq %d at %v; want %s seq %d at %v", i,
				got[i].Type, got[i].Seq, got[i].At, want[i].Type, want[i].Seq, want[i].At)
		}
		if !sameJSON(t, got[i], want[i]) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(want[i])
			t.Errorf("Events(e1)[%d] round trip:\n got %s\nwant %s", i, g, w)
		}
	}
	if u := got[4].Unknown; string(u["door"]) != `"3F"` {
		t.Errorf("unknown field of unknown event type not kept: %v", u)
	}
	e2, err := s.Events(ctx, "e2")
	if err != nil || len(e2) != 1 {
		t.Fatalf("Events(e2) = %v, %v", e2, err)
	}
	if _, off := e2[0].At.Zone(); off != -5*3600 {
		t.Errorf("activity event lost its local offset: %v", e2[0].At)
	}
	none, err := s.Events(ctx, "nobody")
	if err != nil || len(none) != 0 {
		t.Errorf("Events(nobody) = %v, %v; want none, nil", none, err)
	}
}

func testPersonas(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	ps := []ringer.Persona{
		{RecordID: "p1", Keys: []string{"email:AAA", "phone:BBB", "blk:name1"}, Features: []byte{1, 2, 3, 0, 255}},
		{RecordID: "p2", Keys: []string{"email:AAA"}, Features: []byte("f2")},
		{RecordID: "p3", Keys: nil, Features: nil},
	}
	write(t, s, &ringer.Batch{Personas: ps})
	got, err := s.Personas(ctx, []string{"p3", "missing", "p1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("Personas(p3, missing, p1) returned %d, want 2", len(got))
	}
	byID := map[string]ringer.Persona{}
	for _, p := range got {
		byID[p.RecordID] = p
	}
	p1 := byID["p1"]
	keys := slices.Clone(p1.Keys)
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"blk:name1", "email:AAA", "phone:BBB"}) {
		t.Errorf("p1 keys = %v", p1.Keys)
	}
	if string(p1.Features) != string(ps[0].Features) {
		t.Errorf("p1 features = %v, want %v", p1.Features, ps[0].Features)
	}
	if p3, ok := byID["p3"]; !ok || len(p3.Keys) != 0 || len(p3.Features) != 0 {
		t.Errorf("p3 = %+v, %v; want empty persona", p3, ok)
	}
	if got, err := s.Personas(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("Personas(nil) = %v, %v", got, err)
	}

	// The features alone, through the store's PersonaFeatureReader when
	// it has one: each persona once, however often it is asked for.
	feats := map[string]string{}
	err = ringer.PersonaFeatures(ctx, s, []string{"p1", "missing", "p2", "p1", "p3"}, func(id string, f []byte) error {
		if _, dup := feats[id]; dup {
			t.Errorf("PersonaFeatures gave %s twice", id)
		}
		feats[id] = string(f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"p1": string(ps[0].Features), "p2": "f2", "p3": ""}
	if !maps.Equal(feats, want) {
		t.Errorf("PersonaFeatures = %q, want %q", feats, want)
	}
	stop := errors.New("stop")
	calls := 0
	err = ringer.PersonaFeatures(ctx, s, []string{"p1", "p2"}, func(string, []byte) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("PersonaFeatures with fn failing = %v after %d calls, want stop after 1", err, calls)
	}
}

func testRecordsWithKey(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	var b ringer.Batch
	for i := range 30 {
		b.Personas = append(b.Personas, ringer.Persona{
			RecordID: fmt.Sprintf("k%02d", i),
			Keys:     []string{"blk:common", fmt.Sprintf("email:%02d", i), fmt.Sprintf("mod3:%d", i%3)},
		})
	}
	write(t, s, &b)
	cases := []struct {
		key   string
		limit int
		n     int
		want  []string // nil: only the count is checked
	}{
		{"email:07", 10, 1, []string{"k07"}},
		{"email:99", 10, 0, nil},
		{"blk:common", 100, 30, nil},
		{"blk:common", 5, 5, nil},
		{"blk:common", 0, 30, nil}, // no limit
		{"mod3:1", 100, 10, nil},
		{"email:0", 10, 0, nil}, // a prefix of a key is not the key
		{"", 10, 0, nil},
	}
	for _, tc := range cases {
		got, err := s.RecordsWithKey(ctx, tc.key, tc.limit)
		if err != nil {
			t.Fatalf("RecordsWithKey(%q, %d): %v", tc.key, tc.limit, err)
		}
		if len(got) != tc.n {
			t.Errorf("RecordsWithKey(%q, %d) returned %d ids, want %d", tc.key, tc.limit, len(got), tc.n)
		}
		if tc.want != nil && !slices.Equal(got, tc.want) {
			t.Errorf("RecordsWithKey(%q, %d) = %v, want %v", tc.key, tc.limit, got, tc.want)
		}
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("RecordsWithKey(%q) returned %q twice", tc.key, id)
			}
			seen[id] = true
			if tc.key == "mod3:1" {
				var i int
				fmt.Sscanf(id, "k%d", &i)
				if i%3 != 1 {
					t.Errorf("RecordsWithKey(mod3:1) returned %q", id)
				}
			}
		}
	}
	// Duplicate keys in one persona index the record once.
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "dup", Keys: []string{"x:1", "x:1"}}}})
	if got, err := s.RecordsWithKey(ctx, "x:1", 10); err != nil || !slices.Equal(got, []string{"dup"}) {
		t.Errorf("RecordsWithKey(x:1) = %v, %v; want [dup]", got, err)
	}
}

// testRecordsWithKeys checks that looking many keys up at once
// (ringer.RecordsWithKeys, through the store's MultiKeyReader when it has
// one) answers each lookup as RecordsWithKey does, in lists longer than
// one query takes, with repeated keys and mixed limits.
func testRecordsWithKeys(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	var b ringer.Batch
	for i := range 60 {
		b.Personas = append(b.Personas, ringer.Persona{
			RecordID: fmt.Sprintf("m%02d", 59-i), // written out of id order
			Keys:     []string{"blk:all", fmt.Sprintf("email:%02d", 59-i), fmt.Sprintf("mod7:%d", (59-i)%7)},
		})
	}
	write(t, s, &b)
	var lookups []ringer.KeyLookup
	for i := range 75 {
		switch i % 5 {
		case 0:
			lookups = append(lookups, ringer.KeyLookup{Key: fmt.Sprintf("email:%02d", i), Limit: 10})
		case 1:
			lookups = append(lookups, ringer.KeyLookup{Key: fmt.Sprintf("mod7:%d", i%7), Limit: i % 4})
		case 2:
			lookups = append(lookups, ringer.KeyLookup{Key: "blk:all", Limit: i})
		case 3:
			lookups = append(lookups, ringer.KeyLookup{Key: "nobody:" + fmt.Sprint(i), Limit: 5})
		case 4:
			lookups = append(lookups, ringer.KeyLookup{Key: "blk:all"}) // no limit
		}
	}
	// The store itself, and the store seen only as a GraphReader, which
	// takes the one-key-at-a-time fallback.
	readers := []ringer.GraphReader{s, struct{ ringer.GraphReader }{s}}
	for r, g := range readers {
		for _, n := range []int{0, 1, 3, 8, 9, 33, len(lookups)} {
			got, err := ringer.RecordsWithKeys(ctx, g, lookups[:n])
			if err != nil {
				t.Fatalf("reader %d: RecordsWithKeys(%d lookups): %v", r, n, err)
			}
			if len(got) != n {
				t.Fatalf("reader %d: RecordsWithKeys(%d lookups) returned %d results", r, n, len(got))
			}
			for i, l := range lookups[:n] {
				want, err := s.RecordsWithKey(ctx, l.Key, l.Limit)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 && len(got[i]) == 0 {
					continue
				}
				if ids := hitIDs(got[i]); !slices.Equal(ids, want) {
					t.Errorf("reader %d: RecordsWithKeys(%d lookups)[%d] (%q, limit %d) = %v, want %v", r, n, i, l.Key, l.Limit, ids, want)
				}
			}
		}
	}
	if _, ok := s.(ringer.MultiKeyReader); !ok {
		t.Log("store has no RecordsWithKeys: checked the one-key-at-a-time fallback only")
	}
}

func hitIDs(hits []ringer.KeyHit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.RecordID)
	}
	return ids
}

// testKeyTags checks that a tag filed with a key comes back with lookups
// of that key, negative and large values included, that keys without one
// come back untagged, and that replacing a persona replaces its tags.
func testKeyTags(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	m, ok := s.(ringer.MultiKeyReader)
	if !ok {
		t.Skip("store is no MultiKeyReader")
	}
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{
		{RecordID: "t1", Keys: []string{"phc:a", "phc:b", "email:x"}, Tags: map[string]int64{"phc:a": -7046029254386353131, "phc:b": 42}},
		{RecordID: "t2", Keys: []string{"phc:a", "email:x"}, Tags: map[string]int64{"phc:a": 9}},
		{RecordID: "t3", Keys: []string{"phc:a"}, Tags: map[string]int64{"not:a:key": 1}},
	}})
	got, err := m.RecordsWithKeys(ctx, []ringer.KeyLookup{{Key: "phc:a", Limit: 10}, {Key: "phc:b", Limit: 10}, {Key: "email:x", Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]ringer.KeyHit{
		{{RecordID: "t1", Tag: -7046029254386353131, Tagged: true}, {RecordID: "t2", Tag: 9, Tagged: true}, {RecordID: "t3"}},
		{{RecordID: "t1", Tag: 42, Tagged: true}},
		{{RecordID: "t1"}, {RecordID: "t2"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RecordsWithKeys with tags = %+v, want %+v", got, want)
	}
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "t1", Keys: []string{"phc:a"}, Tags: map[string]int64{"phc:a": 5}}}})
	got, err = m.RecordsWithKeys(ctx, []ringer.KeyLookup{{Key: "phc:a", Limit: 1}, {Key: "phc:b", Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	want = [][]ringer.KeyHit{{{RecordID: "t1", Tag: 5, Tagged: true}}, nil}
	if len(got) != 2 || !reflect.DeepEqual(got[0], want[0]) || len(got[1]) != 0 {
		t.Errorf("after replacing t1, RecordsWithKeys = %+v, want %+v", got, want)
	}
	// The same keys and features with only the tags changed are a change
	// too: a store that leaves unchanged personas alone must notice it.
	for _, tc := range []struct {
		tags map[string]int64
		want []ringer.KeyHit
	}{
		{map[string]int64{"phc:a": 5}, []ringer.KeyHit{{RecordID: "t1", Tag: 5, Tagged: true}}},
		{map[string]int64{"phc:a": 6}, []ringer.KeyHit{{RecordID: "t1", Tag: 6, Tagged: true}}},
		{nil, []ringer.KeyHit{{RecordID: "t1"}}},
		{map[string]int64{"phc:a": 0}, []ringer.KeyHit{{RecordID: "t1", Tag: 0, Tagged: true}}},
		{map[string]int64{"phc:a": 0}, []ringer.KeyHit{{RecordID: "t1", Tag: 0, Tagged: true}}},
	} {
		write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "t1", Keys: []string{"phc:a"}, Tags: tc.tags}}})
		got, err = m.RecordsWithKeys(ctx, []ringer.KeyLookup{{Key: "phc:a", Limit: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !reflect.DeepEqual(got[0], tc.want) {
			t.Errorf("after writing t1 with tags %v, RecordsWithKeys = %+v, want %+v", tc.tags, got, tc.want)
		}
	}
}

func testPersonaReplace(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "r", Keys: []string{"a:1", "b:1"}, Features: []byte("old")}}})
	// Written again unchanged, then with the same keys and new features.
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "r", Keys: []string{"b:1", "a:1"}, Features: []byte("old")}}})
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "r", Keys: []string{"a:1", "b:1"}, Features: []byte("mid")}}})
	if ps, err := s.Personas(ctx, []string{"r"}); err != nil || len(ps) != 1 || string(ps[0].Features) != "mid" {
		t.Errorf("after new features, Personas(r) = %+v, %v", ps, err)
	}
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "r", Keys: []string{"b:1", "c:1"}, Features: []byte("new")}}})
	for key, want := range map[string]int{"a:1": 0, "b:1": 1, "c:1": 1} {
		got, err := s.RecordsWithKey(ctx, key, 10)
		if err != nil || len(got) != want {
			t.Errorf("after replace, RecordsWithKey(%q) = %v, %v; want %d ids", key, got, err, want)
		}
	}
	ps, err := s.Personas(ctx, []string{"r"})
	if err != nil || len(ps) != 1 || string(ps[0].Features) != "new" {
		t.Errorf("after replace, Personas(r) = %+v, %v", ps, err)
	}
}

func linkKey(l ringer.Link) string {
	a, b := l.A, l.B
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}

func testLinks(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	ev := []ringer.Evidence{{Kind: "payout_account", Weight: 1}, {Kind: "photo", Weight: 0.4, Detail: "phash distance 3"}}
	write(t, s, &ringer.Batch{Links: []ringer.Link{
		{A: "m", B: "c", Score: 0.9, Evidence: ev}, // stored whichever way round it is given
		{A: "m", B: "x", Score: 0.7, Evidence: ev[:1]},
		{A: "c", B: "x", Score: 0.5, Evidence: ev[1:]},
	}})
	cases := []struct {
		id   string
		want []string
	}{
		{"m", []string{"c|m", "m|x"}},
		{"c", []string{"c|m", "c|x"}},
		{"x", []string{"c|x", "m|x"}},
		{"nobody", nil},
	}
	for _, tc := range cases {
		got, err := s.Links(ctx, tc.id)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, l := range got {
			if l.A != tc.id && l.B != tc.id {
				t.Errorf("Links(%q) returned %s–%s", tc.id, l.A, l.B)
			}
			keys = append(keys, linkKey(l))
		}
		slices.Sort(keys)
		if !slices.Equal(keys, tc.want) {
			t.Errorf("Links(%q) = %v, want %v", tc.id, keys, tc.want)
		}
	}
	// Many records at once, one of them twice, give what Links gives each.
	ids := []string{"x", "nobody", "m", "c", "m"}
	many, err := ringer.LinksOfRecords(ctx, s, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(many) != len(ids) {
		t.Fatalf("LinksOfRecords gave %d lists for %d records", len(many), len(ids))
	}
	for i, id := range ids {
		one, err := s.Links(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(many[i], one) {
			t.Errorf("LinksOfRecords for %q = %+v, Links = %+v", id, many[i], one)
		}
	}
	got, _ := s.Links(ctx, "m")
	for _, l := range got {
		if linkKey(l) == "c|m" {
			if l.Score != 0.9 || !reflect.DeepEqual(l.Evidence, ev) {
				t.Errorf("link c–m = %+v, want score 0.9 evidence %+v", l, ev)
			}
		}
	}
	// Upsert: the same pair given the other way round replaces the link.
	write(t, s, &ringer.Batch{Links: []ringer.Link{{A: "c", B: "m", Score: 0.95, Evidence: ev[:1]}}})
	got, _ = s.Links(ctx, "c")
	n := 0
	for _, l := range got {
		if linkKey(l) == "c|m" {
			n++
			if l.Score != 0.95 || len(l.Evidence) != 1 {
				t.Errorf("after upsert, link c–m = %+v", l)
			}
		}
	}
	if n != 1 {
		t.Errorf("after upsert, %d links c–m, want 1", n)
	}
}

func testDeleteLinks(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	write(t, s, &ringer.Batch{Links: []ringer.Link{
		{A: "a", B: "b", Score: 1}, {A: "b", B: "c", Score: 1}, {A: "c", B: "d", Score: 1}, {A: "a", B: "z", Score: 1},
	}})
	// DeleteLinks runs before Links in the same batch: b keeps only its new link.
	write(t, s, &ringer.Batch{DeleteLinks: []string{"b"}, Links: []ringer.Link{{A: "b", B: "d", Score: 0.8}}})
	want := map[string][]string{
		"a": {"a|z"},
		"b": {"b|d"},
		"c": {"c|d"},
		"d": {"b|d", "c|d"},
	}
	for id, w := range want {
		ls, err := s.Links(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, l := range ls {
			keys = append(keys, linkKey(l))
		}
		slices.Sort(keys)
		if !slices.Equal(keys, w) {
			t.Errorf("after DeleteLinks(b), Links(%q) = %v, want %v", id, keys, w)
		}
	}
}

func testRings(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	write(t, s, &ringer.Batch{RingMembers: map[string]string{"a": "ring-x", "b": "ring-x", "c": "ring-y"}})
	if r, err := s.RingOf(ctx, "a"); err != nil || r != "ring-x" {
		t.Errorf("RingOf(a) = %q, %v", r, err)
	}
	if r, err := s.RingOf(ctx, "nobody"); err != nil || r != "" {
		t.Errorf("RingOf(nobody) = %q, %v; want \"\", nil", r, err)
	}
	m, err := s.RingMembers(ctx, "ring-x")
	slices.Sort(m)
	if err != nil || !slices.Equal(m, []string{"a", "b"}) {
		t.Errorf("RingMembers(ring-x) = %v, %v", m, err)
	}
	// Move b to ring-y, take a out of every ring.
	write(t, s, &ringer.Batch{RingMembers: map[string]string{"a": "", "b": "ring-y"}})
	if r, err := s.RingOf(ctx, "a"); err != nil || r != "" {
		t.Errorf("after removal RingOf(a) = %q, %v", r, err)
	}
	m, err = s.RingMembers(ctx, "ring-y")
	slices.Sort(m)
	if err != nil || !slices.Equal(m, []string{"b", "c"}) {
		t.Errorf("RingMembers(ring-y) = %v, %v", m, err)
	}
	if _, err := s.RingMembers(ctx, "ring-x"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("RingMembers of emptied ring: err %v, want ErrNotFound", err)
	}
}

func testNewRingID(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	seen := map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Go(func() {
			for range 25 {
				id, err := s.NewRingID(ctx)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				if id == "" || seen[id] {
					errs <- fmt.Errorf("NewRingID returned %q twice or empty", id)
				}
				seen[id] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != 100 {
		t.Errorf("NewRingID gave %d distinct ids in 100 calls", len(seen))
	}
}

func testAssessments(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	a := ringer.Assessment{
		RecordID: "gh-app-1042", Score: 87, Band: ringer.BandHigh,
		Signals: []ringer.Signal{{Code: "link.shared_payout_account", Weight: 35,
			Detail:    "bank account shared with 4 other records",
			Evidence:  map[string]any{"records": []any{"hr-emp-0112"}, "count": 4.0},
			Indicator: "FBI PSA 2024-05-16: compare payment accounts"}},
		Ring: &ringer.Ring{ID: "ring-7", Size: 2, Members: []string{"gh-app-1042", "hr-emp-0112"},
			Links: []ringer.Link{{A: "gh-app-1042", B: "hr-emp-0112", Score: 1, Evidence: []ringer.Evidence{{Kind: "payout_account", Weight: 1}}}}},
		Watchlist:  []ringer.WatchlistHit{{List: "us_ofac", Entry: "SDN-1", Score: 0.93, Why: "name and birth date"}},
		Rules:      []string{"shared_payout"},
		Policy:     "default@3",
		AssessedAt: at,
	}
	write(t, s, &ringer.Batch{Assessments: []ringer.Assessment{a}})
	got, err := s.Assessment(ctx, a.RecordID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("Assessment round trip:\n got %+v\nwant %+v", got, a)
	}
	a.Score, a.Band = 12, ringer.BandClear
	write(t, s, &ringer.Batch{Assessments: []ringer.Assessment{a}})
	if got, err := s.Assessment(ctx, a.RecordID); err != nil || got.Score != 12 || got.Band != ringer.BandClear {
		t.Errorf("after upsert Assessment = %d %s, %v", got.Score, got.Band, err)
	}
}

// testStaleAssessments checks Batch.Stale: it marks the stored
// assessments of the records listed, after the batch's assessments are
// stored, and marks nothing for a record without one; storing an
// assessment clears the mark, whatever the Stale of the assessment given;
// StaleAssessments (when the store is a StaleReader) lists the marked
// records in id order; a rejected batch marks nothing; marks made in a
// transaction are seen in it and kept once it commits, and not when it
// rolls back; erasing a record drops its mark.
func testStaleAssessments(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	_, isStaleReader := s.(ringer.StaleReader)
	if !isStaleReader {
		t.Log("store is no StaleReader: StaleAssessments not checked")
	}
	// check compares the stored assessments of a, b and c with want (id →
	// score and stale mark; no entry: none stored), and the store's list
	// of stale ones with what want marks.
	type stored struct {
		score int
		stale bool
	}
	check := func(t *testing.T, v ringer.View, when string, want map[string]stored) {
		t.Helper()
		var wantList []string
		for _, id := range []string{"a", "b", "c", "no-assessment"} {
			w, ok := want[id]
			got, err := v.Assessment(ctx, id)
			switch {
			case !ok:
				if !errors.Is(err, ringer.ErrNotFound) {
					t.Errorf("%s: Assessment(%s) = %+v, %v; want ErrNotFound", when, id, got, err)
				}
				continue
			case err != nil:
				t.Errorf("%s: Assessment(%s): %v", when, id, err)
			case got.Score != w.score || got.Stale != w.stale:
				t.Errorf("%s: Assessment(%s) has score %d, stale %v; want %d, %v", when, id, got.Score, got.Stale, w.score, w.stale)
			}
			if w.stale {
				wantList = append(wantList, id)
			}
		}
		r, ok := v.(ringer.StaleReader)
		if !ok {
			if isStaleReader {
				t.Errorf("%s: the store is a StaleReader, %T is not", when, v)
			}
			return
		}
		if got, err := r.StaleAssessments(ctx); err != nil || !slices.Equal(got, wantList) {
			t.Errorf("%s: StaleAssessments = %q, %v; want %q", when, got, err, wantList)
		}
	}
	check(t, s, "empty store", nil)
	write(t, s, &ringer.Batch{Assessments: []ringer.Assessment{
		{RecordID: "b", Score: 20, Band: ringer.BandClear},
		{RecordID: "a", Score: 10, Band: ringer.BandClear},
	}})
	check(t, s, "assessed", map[string]stored{"a": {10, false}, "b": {20, false}})
	steps := []struct {
		name string
		b    ringer.Batch
		want map[string]stored
	}{
		{"mark a and a record without an assessment",
			ringer.Batch{Stale: []string{"a", "no-assessment"}},
			map[string]stored{"a": {10, true}, "b": {20, false}}},
		{"mark a again, twice in one batch",
			ringer.Batch{Stale: []string{"a", "a"}},
			map[string]stored{"a": {10, true}, "b": {20, false}}},
		{"assess a",
			ringer.Batch{Assessments: []ringer.Assessment{{RecordID: "a", Score: 11}}},
			map[string]stored{"a": {11, false}, "b": {20, false}}},
		{"assess a and mark it in one batch",
			ringer.Batch{Assessments: []ringer.Assessment{{RecordID: "a", Score: 12}}, Stale: []string{"a"}},
			map[string]stored{"a": {12, true}, "b": {20, false}}},
		{"assess b given as stale",
			ringer.Batch{Assessments: []ringer.Assessment{{RecordID: "b", Score: 21, Stale: true}}},
			map[string]stored{"a": {12, true}, "b": {21, false}}},
		{"assess c given as stale, mark b",
			ringer.Batch{Assessments: []ringer.Assessment{{RecordID: "c", Score: 30, Stale: true}}, Stale: []string{"b"}},
			map[string]stored{"a": {12, true}, "b": {21, true}, "c": {30, false}}},
		{"assess b given as stale",
			ringer.Batch{Assessments: []ringer.Assessment{{RecordID: "b", Score: 22, Stale: true}}},
			map[string]stored{"a": {12, true}, "b": {22, false}, "c": {30, false}}},
	}
	for _, st := range steps {
		write(t, s, &st.b)
		check(t, s, "after "+st.name, st.want)
	}
	want := steps[len(steps)-1].want
	// A batch the store rejects marks nothing.
	if err := s.Write(ctx, &ringer.Batch{Stale: []string{"c", ""}}); err == nil {
		t.Error("Write of a batch with an empty id in Stale: no error")
	}
	check(t, s, "after a rejected batch", want)

	if tr, ok := s.(ringer.Transactor); ok {
		errUndo := errors.New("undo")
		err := tr.InTx(ctx, func(tx ringer.Tx) error {
			if err := tx.Write(ctx, &ringer.Batch{Stale: []string{"c"}}); err != nil {
				return err
			}
			check(t, tx, "in a transaction to roll back", map[string]stored{"a": {12, true}, "b": {22, false}, "c": {30, true}})
			return errUndo
		})
		if !errors.Is(err, errUndo) {
			t.Fatalf("InTx = %v, want %v", err, errUndo)
		}
		check(t, s, "after a rolled back transaction", want)
		err = tr.InTx(ctx, func(tx ringer.Tx) error {
			if err := tx.Write(ctx, &ringer.Batch{Stale: []string{"c", "b"}}); err != nil {
				return err
			}
			if err := tx.Write(ctx, &ringer.Batch{Assessments: []ringer.Assessment{{RecordID: "b", Score: 23}}}); err != nil {
				return err
			}
			check(t, tx, "in a transaction", map[string]stored{"a": {12, true}, "b": {23, false}, "c": {30, true}})
			return nil
		})
		if err != nil {
			t.Fatalf("InTx: %v", err)
		}
		want = map[string]stored{"a": {12, true}, "b": {23, false}, "c": {30, true}}
		check(t, s, "after a committed transaction", want)
	}

	if err := s.Erase(ctx, "a"); err != nil {
		t.Fatalf("Erase(a): %v", err)
	}
	delete(want, "a")
	check(t, s, "after erasing a", want)
}

// testSnapshot checks a Snapshotter: a snapshot reads the store as it
// was when taken, whatever is written after, while the store reads the
// new state; it hands out no ring ids; it closes; and a snapshot taken
// after the writes sees them.
func testSnapshot(t *testing.T, s ringer.Store) {
	sn, ok := s.(ringer.Snapshotter)
	if !ok {
		t.Skip("store is no Snapshotter")
	}
	ctx := t.Context()
	write(t, s, &ringer.Batch{
		Records:     []ringer.Record{{ID: "old"}},
		Events:      []ringer.Event{{Type: ringer.EventSignIn, RecordID: "old", IP: "192.0.2.1"}},
		Personas:    []ringer.Persona{{RecordID: "old", Keys: []string{"email:shared"}, Features: []byte("old")}},
		Assessments: []ringer.Assessment{{RecordID: "old", Score: 10, Band: ringer.BandClear}},
	})
	snap, err := sn.Snapshot(ctx)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("Snapshot: %v", err)
	}
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	closed := false
	t.Cleanup(func() {
		if !closed {
			snap.Close()
		}
	})
	ringID, err := s.NewRingID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, &ringer.Batch{
		Records:     []ringer.Record{{ID: "new"}},
		Events:      []ringer.Event{{Type: ringer.EventSignIn, RecordID: "old", IP: "192.0.2.2"}},
		Personas:    []ringer.Persona{{RecordID: "new", Keys: []string{"email:shared"}, Features: []byte("new")}},
		Links:       []ringer.Link{{A: "old", B: "new", Score: 1}},
		RingMembers: map[string]string{"old": ringID, "new": ringID},
		Assessments: []ringer.Assessment{{RecordID: "old", Score: 90, Band: ringer.BandHigh}},
		Stale:       []string{"old"},
	})

	type state struct {
		records   []string // EachRecord, in id order
		events    int      // of old
		withKey   []string // RecordsWithKey(email:shared)
		links     int      // of old
		ring      string   // of old
		score     int      // of old's assessment
		stale     []string
		newExists bool
	}
	before := state{records: []string{"old"}, events: 1, withKey: []string{"old"}, score: 10}
	after := state{records: []string{"new", "old"}, events: 2, withKey: []string{"new", "old"}, links: 1, ring: ringID,
		score: 90, stale: []string{"old"}, newExists: true}
	check := func(t *testing.T, name string, v ringer.View, want state) {
		t.Helper()
		var ids []string
		if err := v.EachRecord(ctx, func(r ringer.Record) error { ids = append(ids, r.ID); return nil }); err != nil || !slices.Equal(ids, want.records) {
			t.Errorf("%s: EachRecord saw %v, %v; want %v", name, ids, err, want.records)
		}
		if n, err := v.CountRecords(ctx); err != nil || n != len(want.records) {
			t.Errorf("%s: CountRecords = %d, %v; want %d", name, n, err, len(want.records))
		}
		if _, err := v.Record(ctx, "new"); want.newExists != (err == nil) || err != nil && !errors.Is(err, ringer.ErrNotFound) {
			t.Errorf("%s: Record(new): err %v; want it found: %v", name, err, want.newExists)
		}
		if evs, err := v.Events(ctx, "old"); err != nil || len(evs) != want.events {
			t.Errorf("%s: Events(old) = %d events, %v; want %d", name, len(evs), err, want.events)
		}
		if ps, err := v.Personas(ctx, []string{"new", "old"}); err != nil || len(ps) != len(want.records) {
			t.Errorf("%s: Personas(new, old) = %d personas, %v; want %d", name, len(ps), err, len(want.records))
		}
		if ids, err := v.RecordsWithKey(ctx, "email:shared", 10); err != nil || !slices.Equal(ids, want.withKey) {
			t.Errorf("%s: RecordsWithKey(email:shared) = %v, %v; want %v", name, ids, err, want.withKey)
		}
		if hits, err := ringer.RecordsWithKeys(ctx, v, []ringer.KeyLookup{{Key: "email:shared", Limit: 10}}); err != nil || len(hits) != 1 || !slices.Equal(hitIDs(hits[0]), want.withKey) {
			t.Errorf("%s: RecordsWithKeys(email:shared) = %v, %v; want %v", name, hits, err, want.withKey)
		}
		if ls, err := v.Links(ctx, "old"); err != nil || len(ls) != want.links {
			t.Errorf("%s: Links(old) = %v, %v; want %d links", name, ls, err, want.links)
		}
		if r, err := v.RingOf(ctx, "old"); err != nil || r != want.ring {
			t.Errorf("%s: RingOf(old) = %q, %v; want %q", name, r, err, want.ring)
		}
		if m, err := v.RingMembers(ctx, ringID); want.ring == "" && !errors.Is(err, ringer.ErrNotFound) ||
			want.ring != "" && (err != nil || !slices.Equal(m, []string{"new", "old"})) {
			t.Errorf("%s: RingMembers(%s) = %v, %v", name, ringID, m, err)
		}
		if a, err := v.Assessment(ctx, "old"); err != nil || a.Score != want.score || a.Stale != (len(want.stale) > 0) {
			t.Errorf("%s: Assessment(old) = score %d, stale %v, %v; want %d, %v", name, a.Score, a.Stale, err, want.score, len(want.stale) > 0)
		}
		if r, ok := v.(ringer.StaleReader); ok {
			if ids, err := r.StaleAssessments(ctx); err != nil || !slices.Equal(ids, want.stale) {
				t.Errorf("%s: StaleAssessments = %v, %v; want %v", name, ids, err, want.stale)
			}
		}
	}
	check(t, "snapshot taken before the write", snap, before)
	check(t, "store", s, after)
	if id, err := snap.NewRingID(ctx); err == nil {
		t.Errorf("a snapshot's NewRingID = %q, want an error", id)
	}
	// Read again after the store was read: still the old state.
	check(t, "snapshot, read again", snap, before)
	closed = true
	if err := snap.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	snap2, err := sn.Snapshot(ctx)
	if err != nil {
		t.Fatalf("Snapshot after Close: %v", err)
	}
	check(t, "snapshot taken after the write", snap2, after)
	if err := snap2.Close(); err != nil {
		t.Errorf("Close of the second snapshot: %v", err)
	}
}

func testReferences(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	fileDate := time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	// Stores keep times at least to the microsecond.
	imported := time.Date(2026, 5, 2, 8, 30, 15, 123456000, time.UTC)
	refs := []ringer.Reference{
		{Kind: "watchlist", Name: "us_ofac", Format: "ofac-csv", Data: []byte("sdn,data\n"), Source: "sdn.csv",
			Entries: 2, FileDate: fileDate, ImportedAt: imported},
		{Kind: "watchlist", Name: "un_1718", Format: "un-xml", Data: []byte("<x/>"), Source: "https://example.org/un.xml",
			Entries: 1, ImportedAt: imported},
		{Kind: "intel", Name: "asn", Format: "mmdb", Data: []byte{0, 1, 2, 3, 0xff}, Source: "asn.mmdb", Entries: 9, ImportedAt: imported},
	}
	for _, r := range refs {
		if err := s.PutReference(ctx, r); err != nil {
			t.Fatalf("PutReference(%s/%s): %v", r.Kind, r.Name, err)
		}
	}
	for _, want := range refs {
		got, err := s.Reference(ctx, want.Kind, want.Name)
		if err != nil {
			t.Fatalf("Reference(%s/%s): %v", want.Kind, want.Name, err)
		}
		if got.Format != want.Format || string(got.Data) != string(want.Data) || got.Source != want.Source ||
			got.Entries != want.Entries || !got.FileDate.Equal(want.FileDate) || !got.ImportedAt.Equal(want.ImportedAt) {
			t.Errorf("Reference(%s/%s) = %+v, want %+v", want.Kind, want.Name, got, want)
		}
	}
	list, err := s.References(ctx, "watchlist")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range list {
		names = append(names, r.Name)
		if r.Data != nil {
			t.Errorf("References listed %s with its data", r.Name)
		}
		if r.Entries == 0 || r.Format == "" || r.ImportedAt.IsZero() {
			t.Errorf("References listed %s without its metadata: %+v", r.Name, r)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"un_1718", "us_ofac"}) {
		t.Errorf("References(watchlist) = %v", names)
	}
	// Replace.
	repl := refs[0]
	repl.Data, repl.Entries, repl.FileDate = []byte("new"), 7, time.Time{}
	if err := s.PutReference(ctx, repl); err != nil {
		t.Fatal(err)
	}
	got, err := s.Reference(ctx, repl.Kind, repl.Name)
	if err != nil || string(got.Data) != "new" || got.Entries != 7 || !got.FileDate.IsZero() {
		t.Errorf("after replace Reference = %+v, %v", got, err)
	}
	if list, _ := s.References(ctx, "watchlist"); len(list) != 2 {
		t.Errorf("after replace %d watchlists, want 2", len(list))
	}
	// Zero ImportedAt is filled in.
	if err := s.PutReference(ctx, ringer.Reference{Kind: "policy", Name: "default", Format: "cel", Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Reference(ctx, "policy", "default"); err != nil || got.ImportedAt.IsZero() {
		t.Errorf("Reference(policy/default) ImportedAt = %v, %v; want the time of import", got.ImportedAt, err)
	}
	// Delete.
	if err := s.DeleteReference(ctx, "watchlist", "us_ofac"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reference(ctx, "watchlist", "us_ofac"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("Reference after delete: %v, want ErrNotFound", err)
	}
	if err := s.DeleteReference(ctx, "watchlist", "us_ofac"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("second DeleteReference: %v, want ErrNotFound", err)
	}
	if list, _ := s.References(ctx, "nothing"); len(list) != 0 {
		t.Errorf("References(nothing) = %v", list)
	}
}

func testErase(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	b := &ringer.Batch{
		Records: []ringer.Record{{ID: "gone", Emails: []string{"x@example.com"}}, {ID: "kept"}},
		Events: []ringer.Event{{Type: ringer.EventSignIn, RecordID: "gone", IP: "192.0.2.1"},
			{Type: ringer.EventSignIn, RecordID: "kept", IP: "192.0.2.2"}},
		Personas: []ringer.Persona{{RecordID: "gone", Keys: []string{"email:X", "shared:1"}},
			{RecordID: "kept", Keys: []string{"shared:1"}}},
		Links:       []ringer.Link{{A: "gone", B: "kept", Score: 1}, {A: "kept", B: "other", Score: 1}},
		RingMembers: map[string]string{"gone": "ring-1", "kept": "ring-1"},
		Assessments: []ringer.Assessment{{RecordID: "gone", Score: 50, Band: ringer.BandReview}, {RecordID: "kept"}},
	}
	write(t, s, b)
	if err := s.Erase(ctx, "gone"); err != nil {
		t.Fatalf("Erase: %v", err)
	}
	if _, err := s.Record(ctx, "gone"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("record after Erase: %v", err)
	}
	if ev, err := s.Events(ctx, "gone"); err != nil || len(ev) != 0 {
		t.Errorf("events after Erase: %v, %v", ev, err)
	}
	if ps, err := s.Personas(ctx, []string{"gone"}); err != nil || len(ps) != 0 {
		t.Errorf("persona after Erase: %v, %v", ps, err)
	}
	for key, want := range map[string][]string{"email:X": nil, "shared:1": {"kept"}} {
		if ids, err := s.RecordsWithKey(ctx, key, 10); err != nil || !slices.Equal(ids, want) {
			t.Errorf("RecordsWithKey(%q) after Erase = %v, %v; want %v", key, ids, err, want)
		}
	}
	if ls, err := s.Links(ctx, "gone"); err != nil || len(ls) != 0 {
		t.Errorf("links after Erase: %v, %v", ls, err)
	}
	if ls, err := s.Links(ctx, "kept"); err != nil || len(ls) != 1 {
		t.Errorf("links of kept after Erase: %v, %v; want the kept–other link", ls, err)
	}
	if r, err := s.RingOf(ctx, "gone"); err != nil || r != "" {
		t.Errorf("ring after Erase: %q, %v", r, err)
	}
	if m, err := s.RingMembers(ctx, "ring-1"); err != nil || !slices.Equal(m, []string{"kept"}) {
		t.Errorf("ring members after Erase: %v, %v", m, err)
	}
	if _, err := s.Assessment(ctx, "gone"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("assessment after Erase: %v", err)
	}
	for _, check := range []func() error{
		func() error { _, err := s.Record(ctx, "kept"); return err },
		func() error { _, err := s.Assessment(ctx, "kept"); return err },
	} {
		if err := check(); err != nil {
			t.Errorf("other record damaged by Erase: %v", err)
		}
	}
	if ev, _ := s.Events(ctx, "kept"); len(ev) != 1 {
		t.Errorf("events of kept after Erase: %d, want 1", len(ev))
	}
	if err := s.Erase(ctx, "gone"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("second Erase: %v, want ErrNotFound", err)
	}
	// A record known only by its events is erased too.
	write(t, s, &ringer.Batch{Events: []ringer.Event{{Type: ringer.EventSignIn, RecordID: "orphan"}}})
	if err := s.Erase(ctx, "orphan"); err != nil {
		t.Errorf("Erase(orphan): %v", err)
	}
	if ev, _ := s.Events(ctx, "orphan"); len(ev) != 0 {
		t.Errorf("events of orphan after Erase: %d", len(ev))
	}
}

func testNotFound(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	cases := []struct {
		name string
		call func() error
	}{
		{"Record", func() error { _, err := s.Record(ctx, "none"); return err }},
		{"Assessment", func() error { _, err := s.Assessment(ctx, "none"); return err }},
		{"RingMembers", func() error { _, err := s.RingMembers(ctx, "ring-none"); return err }},
		{"Reference", func() error { _, err := s.Reference(ctx, "watchlist", "none"); return err }},
		{"DeleteReference", func() error { return s.DeleteReference(ctx, "watchlist", "none") }},
		{"Erase", func() error { return s.Erase(ctx, "none") }},
	}
	for _, tc := range cases {
		if err := tc.call(); !errors.Is(err, ringer.ErrNotFound) {
			t.Errorf("%s of a missing thing: err %v, want ErrNotFound", tc.name, err)
		}
	}
}

func testInvalidBatch(t *testing.T, s ringer.Store) {
	cases := []struct {
		name string
		b    ringer.Batch
	}{
		{"record without id", ringer.Batch{Records: []ringer.Record{{Source: "x"}}}},
		{"event without record", ringer.Batch{Events: []ringer.Event{{Type: ringer.EventSignIn}}}},
		{"persona without record", ringer.Batch{Personas: []ringer.Persona{{Keys: []string{"k"}}}}},
		{"self link", ringer.Batch{Links: []ringer.Link{{A: "a", B: "a", Score: 1}}}},
		{"link without end", ringer.Batch{Links: []ringer.Link{{A: "a", Score: 1}}}},
		{"ring member without id", ringer.Batch{RingMembers: map[string]string{"": "ring-1"}}},
		{"assessment without record", ringer.Batch{Assessments: []ringer.Assessment{{Score: 1}}}},
		{"stale without record", ringer.Batch{Stale: []string{"x", ""}}},
	}
	for _, tc := range cases {
		b := tc.b
		b.Records = append([]ringer.Record{{ID: "valid-" + tc.name}}, b.Records...)
		if err := s.Write(t.Context(), &b); err == nil {
			t.Errorf("Write(%s) succeeded, want an error", tc.name)
		}
		if _, err := s.Record(t.Context(), "valid-"+tc.name); !errors.Is(err, ringer.ErrNotFound) {
			t.Errorf("Write(%s) failed but stored part of the batch (err %v)", tc.name, err)
		}
	}
	if err := s.Write(t.Context(), &ringer.Batch{}); err != nil {
		t.Errorf("Write(empty batch): %v", err)
	}
}

func testAtomicBatch(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	// A batch canceled mid-way leaves nothing behind; the next one applies.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	b := &ringer.Batch{Records: []ringer.Record{{ID: "atomic"}}, Events: []ringer.Event{{Type: "x", RecordID: "atomic"}}}
	if err := s.Write(cctx, b); err == nil {
		t.Fatal("Write with a canceled context succeeded")
	}
	if _, err := s.Record(ctx, "atomic"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("canceled Write left the record: %v", err)
	}
	if ev, _ := s.Events(ctx, "atomic"); len(ev) != 0 {
		t.Errorf("canceled Write left %d events", len(ev))
	}
	write(t, s, b)
	if _, err := s.Record(ctx, "atomic"); err != nil {
		t.Errorf("Write after a canceled one: %v", err)
	}
}

func testCanceled(t *testing.T, s ringer.Store) {
	write(t, s, &ringer.Batch{Records: []ringer.Record{{ID: "r"}}, Personas: []ringer.Persona{{RecordID: "r", Keys: []string{"k"}}}})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	cases := []struct {
		name string
		call func() error
	}{
		{"Record", func() error { _, err := s.Record(ctx, "r"); return err }},
		{"EachRecord", func() error { return s.EachRecord(ctx, func(ringer.Record) error { return nil }) }},
		{"CountRecords", func() error { _, err := s.CountRecords(ctx); return err }},
		{"Events", func() error { _, err := s.Events(ctx, "r"); return err }},
		{"Personas", func() error { _, err := s.Personas(ctx, []string{"r"}); return err }},
		{"RecordsWithKey", func() error { _, err := s.RecordsWithKey(ctx, "k", 10); return err }},
		{"RecordsWithKeys", func() error {
			_, err := ringer.RecordsWithKeys(ctx, s, []ringer.KeyLookup{{Key: "k", Limit: 10}})
			return err
		}},
		{"Links", func() error { _, err := s.Links(ctx, "r"); return err }},
		{"RingOf", func() error { _, err := s.RingOf(ctx, "r"); return err }},
		{"NewRingID", func() error { _, err := s.NewRingID(ctx); return err }},
		{"Assessment", func() error { _, err := s.Assessment(ctx, "r"); return err }},
		{"PutReference", func() error {
			return s.PutReference(ctx, ringer.Reference{Kind: "k", Name: "n", Format: "f"})
		}},
		{"References", func() error { _, err := s.References(ctx, "k"); return err }},
		{"Write", func() error { return s.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: "r2"}}}) }},
		{"Erase", func() error { return s.Erase(ctx, "r") }},
	}
	if tr, ok := s.(ringer.Transactor); ok {
		cases = append(cases, struct {
			name string
			call func() error
		}{"InTx", func() error {
			return tr.InTx(ctx, func(tx ringer.Tx) error {
				return tx.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: "r3"}}})
			})
		}})
	}
	for _, tc := range cases {
		if err := tc.call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a canceled context: err %v, want context.Canceled", tc.name, err)
		}
	}
	if _, err := s.Record(t.Context(), "r"); err != nil {
		t.Errorf("canceled Erase removed the record: %v", err)
	}
}

func testConcurrentWriters(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	const writers, batches, perBatch = 4, 10, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for bi := range batches {
				var b ringer.Batch
				for i := range perBatch {
					id := fmt.Sprintf("w%d-b%02d-%02d", w, bi, i)
					b.Records = append(b.Records, ringer.Record{ID: id})
					b.Events = append(b.Events, ringer.Event{Type: ringer.EventSignIn, RecordID: id})
					b.Personas = append(b.Personas, ringer.Persona{RecordID: id, Keys: []string{"all", fmt.Sprintf("w:%d", w)}})
				}
				if err := s.Write(ctx, &b); err != nil {
					errs <- fmt.Errorf("writer %d batch %d: %w", w, bi, err)
					return
				}
				// Readers run alongside the writers.
				if _, err := s.RecordsWithKey(ctx, "all", 5); err != nil {
					errs <- fmt.Errorf("reader %d: %w", w, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, err := s.CountRecords(ctx); err != nil || n != writers*batches*perBatch {
		t.Errorf("CountRecords = %d, %v; want %d", n, err, writers*batches*perBatch)
	}
	for w := range writers {
		ids, err := s.RecordsWithKey(ctx, fmt.Sprintf("w:%d", w), 0)
		if err != nil || len(ids) != batches*perBatch {
			t.Errorf("RecordsWithKey(w:%d) = %d ids, %v; want %d", w, len(ids), err, batches*perBatch)
		}
	}
	if ids, err := s.RecordsWithKey(ctx, "all", 0); err != nil || len(ids) != writers*batches*perBatch {
		t.Errorf("RecordsWithKey(all) = %d ids, %v", len(ids), err)
	}
}

// testTransaction checks a Transactor's InTx: reads in the transaction
// see its writes, batches in it get their sequence numbers, and
// everything is stored once it commits.
func testTransaction(t *testing.T, s ringer.Store) {
	tr, ok := s.(ringer.Transactor)
	if !ok {
		t.Skip("store is no Transactor")
	}
	ctx := t.Context()
	write(t, s, &ringer.Batch{
		Records:  []ringer.Record{{ID: "old", Name: ringer.Name{Full: "Old Record"}}},
		Personas: []ringer.Persona{{RecordID: "old", Keys: []string{"email:shared"}}},
	})
	var ringID string
	err := tr.InTx(ctx, func(tx ringer.Tx) error {
		if n, err := tx.CountRecords(ctx); err != nil || n != 1 {
			return fmt.Errorf("CountRecords before writing = %d, %v; want 1", n, err)
		}
		ev := ringer.Event{Type: ringer.EventSignIn, RecordID: "new", At: time.Unix(100, 0).UTC(), IP: "192.0.2.7"}
		b := &ringer.Batch{
			Records:  []ringer.Record{{ID: "new", Name: ringer.Name{Full: "New Record"}}},
			Events:   []ringer.Event{ev},
			Personas: []ringer.Persona{{RecordID: "new", Keys: []string{"email:shared", "phone:own"}, Features: []byte("f")}},
		}
		if err := tx.Write(ctx, b); err != nil {
			return err
		}
		if b.Events[0].Seq == 0 {
			return errors.New("in the transaction, Write left the event's Seq unset")
		}
		r, err := tx.Record(ctx, "new")
		if err != nil || r.Name.Full != "New Record" {
			return fmt.Errorf("Record(new) in the transaction = %+v, %v", r, err)
		}
		evs, err := tx.Events(ctx, "new")
		if err != nil || len(evs) != 1 || evs[0].Seq != b.Events[0].Seq {
			return fmt.Errorf("Events(new) in the transaction = %+v, %v", evs, err)
		}
		ids, err := tx.RecordsWithKey(ctx, "email:shared", 10)
		if err != nil || !slices.Equal(ids, []string{"new", "old"}) {
			return fmt.Errorf("RecordsWithKey(email:shared) in the transaction = %v, %v; want [new old]", ids, err)
		}
		many, err := ringer.RecordsWithKeys(ctx, tx, []ringer.KeyLookup{{Key: "phone:own", Limit: 5}, {Key: "email:shared", Limit: 1}})
		if err != nil || len(many) != 2 || !slices.Equal(hitIDs(many[0]), []string{"new"}) || !slices.Equal(hitIDs(many[1]), []string{"new"}) {
			return fmt.Errorf("RecordsWithKeys in the transaction = %v, %v", many, err)
		}
		ps, err := tx.Personas(ctx, []string{"new"})
		if err != nil || len(ps) != 1 || string(ps[0].Features) != "f" {
			return fmt.Errorf("Personas(new) in the transaction = %+v, %v", ps, err)
		}
		if ringID, err = tx.NewRingID(ctx); err != nil {
			return err
		}
		b2 := &ringer.Batch{
			Links:       []ringer.Link{{A: "old", B: "new", Score: 1, Evidence: []ringer.Evidence{{Kind: "email", Weight: 1}}}},
			RingMembers: map[string]string{"old": ringID, "new": ringID},
			Assessments: []ringer.Assessment{{RecordID: "new", Score: 40, Band: ringer.BandReview}},
		}
		if err := tx.Write(ctx, b2); err != nil {
			return err
		}
		if ls, err := tx.Links(ctx, "new"); err != nil || len(ls) != 1 {
			return fmt.Errorf("Links(new) in the transaction = %v, %v", ls, err)
		}
		if r, err := tx.RingOf(ctx, "old"); err != nil || r != ringID {
			return fmt.Errorf("RingOf(old) in the transaction = %q, %v; want %q", r, err, ringID)
		}
		if m, err := tx.RingMembers(ctx, ringID); err != nil || !slices.Equal(m, []string{"new", "old"}) {
			return fmt.Errorf("RingMembers in the transaction = %v, %v", m, err)
		}
		if a, err := tx.Assessment(ctx, "new"); err != nil || a.Score != 40 {
			return fmt.Errorf("Assessment(new) in the transaction = %+v, %v", a, err)
		}
		// A batch the store rejects leaves the transaction usable.
		if err := tx.Write(ctx, &ringer.Batch{Records: []ringer.Record{{ID: ""}}}); err == nil {
			return errors.New("in the transaction, Write of an invalid batch: no error")
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	if n, err := s.CountRecords(ctx); err != nil || n != 2 {
		t.Errorf("after commit, CountRecords = %d, %v; want 2", n, err)
	}
	if r, err := s.RingOf(ctx, "new"); err != nil || r != ringID {
		t.Errorf("after commit, RingOf(new) = %q, %v; want %q", r, err, ringID)
	}
	if a, err := s.Assessment(ctx, "new"); err != nil || a.Band != ringer.BandReview {
		t.Errorf("after commit, Assessment(new) = %+v, %v", a, err)
	}
	if next, err := s.NewRingID(ctx); err != nil || next == ringID {
		t.Errorf("after commit, NewRingID = %q, %v; want a new id", next, err)
	}
}

// testTransactionRollback checks that a transaction whose function fails
// keeps nothing and returns the function's error.
func testTransactionRollback(t *testing.T, s ringer.Store) {
	tr, ok := s.(ringer.Transactor)
	if !ok {
		t.Skip("store is no Transactor")
	}
	ctx := t.Context()
	write(t, s, &ringer.Batch{Records: []ringer.Record{{ID: "kept"}}, Personas: []ringer.Persona{{RecordID: "kept", Keys: []string{"k:1"}}}})
	errStop := errors.New("stop")
	err := tr.InTx(ctx, func(tx ringer.Tx) error {
		if err := tx.Write(ctx, &ringer.Batch{
			Records:     []ringer.Record{{ID: "gone"}},
			Events:      []ringer.Event{{Type: ringer.EventSignIn, RecordID: "gone"}},
			Personas:    []ringer.Persona{{RecordID: "gone", Keys: []string{"k:1"}}, {RecordID: "kept", Keys: []string{"k:2"}}},
			RingMembers: map[string]string{"kept": "ring-x"},
		}); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	if _, err := s.Record(ctx, "gone"); !errors.Is(err, ringer.ErrNotFound) {
		t.Errorf("after rollback, Record(gone) = %v, want ErrNotFound", err)
	}
	if evs, err := s.Events(ctx, "gone"); err != nil || len(evs) != 0 {
		t.Errorf("after rollback, Events(gone) = %v, %v", evs, err)
	}
	if ids, err := s.RecordsWithKey(ctx, "k:1", 10); err != nil || !slices.Equal(ids, []string{"kept"}) {
		t.Errorf("after rollback, RecordsWithKey(k:1) = %v, %v; want [kept]", ids, err)
	}
	if r, err := s.RingOf(ctx, "kept"); err != nil || r != "" {
		t.Errorf("after rollback, RingOf(kept) = %q, %v", r, err)
	}
}

// testPhotoIndex checks a store that searches photos itself: photos are
// found within the distance asked and not beyond, in record id then hash
// order; replacing a persona replaces its photos, writing it unchanged
// keeps them, erasing the record drops them; and in a transaction the
// search sees what the transaction wrote, and nothing once it rolled back.
func testPhotoIndex(t *testing.T, s ringer.Store) {
	ctx := t.Context()
	pi, ok := s.(ringer.PhotoIndex)
	if !ok {
		t.Skip("store is no PhotoIndex")
	}
	const base = uint64(0xc3d4e5f6a7b8c9d0)
	near := func(t *testing.T, pi ringer.PhotoIndex, maxDist int) []ringer.PhotoHit {
		t.Helper()
		got, err := pi.NearPhotos(ctx, []uint64{base}, maxDist)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("NearPhotos gave %d lists for 1 hash", len(got))
		}
		return got[0]
	}
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{
		{RecordID: "b", Photos: []uint64{base ^ 0x0101_0101_0000_0000, base ^ 1}}, // 4 and 1 bits
		{RecordID: "a", Photos: []uint64{base ^ 0x0001_0001_0001_0101}},           // 5 bits
		{RecordID: "c", Photos: []uint64{^base}},                                  // 64 bits
		{RecordID: "d"},
	}})
	a5 := ringer.PhotoHit{RecordID: "a", Hash: base ^ 0x0001_0001_0001_0101, Distance: 5}
	b4 := ringer.PhotoHit{RecordID: "b", Hash: base ^ 0x0101_0101_0000_0000, Distance: 4} // below b1: c2d5… < c3d4…
	b1 := ringer.PhotoHit{RecordID: "b", Hash: base ^ 1, Distance: 1}
	for _, tc := range []struct {
		maxDist int
		want    []ringer.PhotoHit
	}{{6, []ringer.PhotoHit{a5, b4, b1}}, {4, []ringer.PhotoHit{b4, b1}}, {1, []ringer.PhotoHit{b1}}, {0, nil}} {
		if got := near(t, pi, tc.maxDist); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("NearPhotos within %d = %+v, want %+v", tc.maxDist, got, tc.want)
		}
	}
	if got := near(t, pi, 64); len(got) != 4 {
		t.Errorf("NearPhotos within 64 found %d photos, want 4", len(got))
	}
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{
		{RecordID: "b", Photos: []uint64{base ^ 1}, Features: []byte("new")},
		{RecordID: "a", Photos: []uint64{base ^ 0x0001_0001_0001_0101}},
	}})
	if got, want := near(t, pi, 6), []ringer.PhotoHit{a5, b1}; !reflect.DeepEqual(got, want) {
		t.Errorf("after replacing b, NearPhotos = %+v, want %+v", got, want)
	}
	if err := s.Erase(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if got, want := near(t, pi, 6), []ringer.PhotoHit{b1}; !reflect.DeepEqual(got, want) {
		t.Errorf("after erasing a, NearPhotos = %+v, want %+v", got, want)
	}
	tr, ok := s.(ringer.Transactor)
	if !ok {
		return
	}
	errUndo := errors.New("undo")
	err := tr.InTx(ctx, func(tx ringer.Tx) error {
		if err := tx.Write(ctx, &ringer.Batch{Personas: []ringer.Persona{
			{RecordID: "e", Photos: []uint64{base}},
			{RecordID: "b", Photos: []uint64{^base}},
		}}); err != nil {
			return err
		}
		tpi, ok := tx.(ringer.PhotoIndex)
		if !ok {
			t.Fatal("the store is a PhotoIndex, its transaction is not")
		}
		w := []ringer.PhotoHit{{RecordID: "e", Hash: base}}
		if got := near(t, tpi, 6); !reflect.DeepEqual(got, w) {
			t.Errorf("in the transaction, NearPhotos = %+v, want %+v", got, w)
		}
		return errUndo
	})
	if !errors.Is(err, errUndo) {
		t.Fatalf("InTx = %v, want %v", err, errUndo)
	}
	if got, want := near(t, pi, 6), []ringer.PhotoHit{b1}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a rolled back transaction, NearPhotos = %+v, want %+v", got, want)
	}
	write(t, s, &ringer.Batch{Personas: []ringer.Persona{{RecordID: "f", Photos: []uint64{base ^ 2}}}})
	w := []ringer.PhotoHit{b1, {RecordID: "f", Hash: base ^ 2, Distance: 1}}
	if got := near(t, pi, 6); !reflect.DeepEqual(got, w) {
		t.Errorf("after the rollback and a write, NearPhotos = %+v, want %+v", got, w)
	}
}
