package link_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/ingest"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/normalize"
)

var testKeyer = normalize.NewKeyer([]byte("link-test-secret-0123456789abcdef"))

func readPeople(t *testing.T) []ringer.Record {
	t.Helper()
	var recs []ringer.Record
	_, err := ingest.Read(context.Background(), []string{"testdata/people.jsonl"}, ingest.Options{},
		func(items []ingest.Item) error {
			for _, it := range items {
				recs = append(recs, *it.Record)
			}
			return nil
		}, func(p ingest.Problem) { t.Errorf("testdata: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestBatchRings checks who ends up together: a shared payout account, the
// same person under another e-mail, a near-duplicate résumé and a
// near-duplicate photo link; a couple at one address does not.
func TestBatchRings(t *testing.T) {
	b := link.NewBatch(nil, link.Options{})
	for _, r := range readPeople(t) {
		b.Add(link.Extract(testKeyer, &r, nil, true))
	}
	res, err := b.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ring := make(map[string]int32)
	for i, id := range res.IDs {
		ring[id] = res.Ring[i]
	}
	together := []struct {
		a, b string
		why  string
	}{
		{"a1", "a2", "shared payout account"},
		{"a1", "a5", "same name, birth date and address under another e-mail"},
		{"a6", "a7", "near-duplicate résumé"},
		{"a8", "a9", "near-duplicate photo"},
	}
	for _, tt := range together {
		if ring[tt.a] != ring[tt.b] {
			t.Errorf("%s and %s apart, want one ring (%s)", tt.a, tt.b, tt.why)
		}
	}
	apart := [][2]string{{"a3", "a4"}, {"a1", "a3"}, {"a6", "a8"}}
	for _, p := range apart {
		if ring[p[0]] == ring[p[1]] {
			t.Errorf("%s and %s in one ring, want apart", p[0], p[1])
		}
	}
	for _, p := range res.Links {
		l := p.Link(res.IDs[p.A], res.IDs[p.B], b.Model())
		if len(l.Evidence) == 0 || l.Score <= 0 || l.Score > 1 {
			t.Errorf("link %s–%s: score %v, evidence %v", l.A, l.B, l.Score, l.Evidence)
		}
	}
}

// TestBatchUpdate checks that a later record with the same id replaces
// the earlier one.
func TestBatchUpdate(t *testing.T) {
	b := link.NewBatch(nil, link.Options{})
	recs := readPeople(t)
	for _, r := range recs {
		b.Add(link.Extract(testKeyer, &r, nil, true))
	}
	changed := recs[1]
	changed.PayoutAccounts = nil
	b.Add(link.Extract(testKeyer, &changed, nil, true))
	if b.Len() != len(recs) {
		t.Fatalf("Len = %d after an update, want %d", b.Len(), len(recs))
	}
	res, err := b.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Ring[0] == res.Ring[1] {
		t.Error("a1 and a2 still linked after a2 dropped the shared account")
	}
}

func ExampleBatch() {
	keyer := normalize.NewKeyer([]byte("an example secret, 32 bytes long"))
	b := link.NewBatch(nil, link.Options{})
	for _, r := range []ringer.Record{
		{ID: "x", Name: ringer.Name{Full: "Ana Silva"}, PayoutAccounts: []ringer.PayoutAccount{{Type: "iban", Number: "DE89 3704 0044 0532 0130 00"}}},
		{ID: "y", Name: ringer.Name{Full: "Li Wei"}, PayoutAccounts: []ringer.PayoutAccount{{Type: "iban", Number: "DE89370400440532013000"}}},
		{ID: "z", Name: ringer.Name{Full: "Sam Okoro"}},
	} {
		b.Add(link.Extract(keyer, &r, nil, true))
	}
	res, _ := b.Run(context.Background())
	for i, id := range res.IDs {
		fmt.Println(id, "ring", res.Ring[i])
	}
	// Output:
	// x ring 0
	// y ring 0
	// z ring 1
}
