package link_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/sqlite"
)

// update links subjects against the store and writes the result, as the
// screening pipeline does.
func update(t *testing.T, g *link.Graph, st ringer.Store, recs ...ringer.Record) []string {
	t.Helper()
	ctx := context.Background()
	var subs []link.Subject
	for i := range recs {
		subs = append(subs, link.Subject{Record: &recs[i]})
	}
	b, affected, err := g.Update(ctx, subs)
	if err != nil {
		t.Fatal(err)
	}
	b.Records = recs
	if err := st.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	return affected
}

func ringOf(t *testing.T, st ringer.Store, id string) string {
	t.Helper()
	r, err := st.RingOf(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// newTestGraph returns a graph over a new SQLite store, closed when the
// test ends.
func newTestGraph(t *testing.T) (*link.Graph, ringer.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return link.NewGraph(st, testKeyer, nil, link.Options{}), st
}

// TestGraphIncremental adds records one at a time: rings form, merge when
// a record bridges them, keep their id as they grow, and split when the
// bridging record changes.
func TestGraphIncremental(t *testing.T) {
	ctx := context.Background()
	g, st := newTestGraph(t)
	acct := func(n string) []ringer.PayoutAccount {
		return []ringer.PayoutAccount{{Type: "bank", Country: "US", Routing: "021000021", Number: n}}
	}
	phone := func(n string) []ringer.Phone { return []ringer.Phone{{Number: n}} }

	update(t, g, st, ringer.Record{ID: "p1", Name: ringer.Name{Full: "Ana Silva"}, PayoutAccounts: acct("111111111")})
	if r := ringOf(t, st, "p1"); r != "" {
		t.Fatalf("a lone record is in ring %q", r)
	}
	update(t, g, st, ringer.Record{ID: "p2", Name: ringer.Name{Full: "Li Wei"}, PayoutAccounts: acct("111111111")})
	r12 := ringOf(t, st, "p1")
	if r12 == "" || ringOf(t, st, "p2") != r12 {
		t.Fatalf("p1 and p2 share an account but rings are %q and %q", r12, ringOf(t, st, "p2"))
	}
	update(t, g, st, ringer.Record{ID: "p3", Name: ringer.Name{Full: "Sam Okoro"}, Phones: phone("+14155550134")})
	update(t, g, st, ringer.Record{ID: "p4", Name: ringer.Name{Full: "Ravi Iyer"}, Phones: phone("+1 415 555 0134")})
	r34 := ringOf(t, st, "p3")
	if r34 == "" || r34 == r12 {
		t.Fatalf("p3/p4 ring %q, p1/p2 ring %q: want a second ring", r34, r12)
	}
	// A bridge: shares p2's account and p3's phone.
	affected := update(t, g, st, ringer.Record{ID: "p5", Name: ringer.Name{Full: "Jo Park"},
		PayoutAccounts: acct("111111111"), Phones: phone("+14155550134")})
	merged := ringOf(t, st, "p1")
	for _, id := range []string{"p2", "p3", "p4", "p5"} {
		if ringOf(t, st, id) != merged {
			t.Errorf("%s in ring %q after the bridge, want %q", id, ringOf(t, st, id), merged)
		}
	}
	if len(affected) < 3 {
		t.Errorf("affected = %v, want the records whose ring changed", affected)
	}
	members, err := st.RingMembers(ctx, merged)
	if err != nil || len(members) != 5 {
		t.Fatalf("ring %s members %v (%v), want 5", merged, members, err)
	}
	// The bridge drops the phone: the rings split again.
	update(t, g, st, ringer.Record{ID: "p5", Name: ringer.Name{Full: "Jo Park"}, PayoutAccounts: acct("111111111")})
	a, b := ringOf(t, st, "p1"), ringOf(t, st, "p3")
	if a == "" || b == "" || a == b {
		t.Fatalf("after the split p1 is in %q and p3 in %q, want two rings", a, b)
	}
	if ringOf(t, st, "p5") != a || ringOf(t, st, "p4") != b {
		t.Errorf("after the split p5 in %q (want %q), p4 in %q (want %q)", ringOf(t, st, "p5"), a, ringOf(t, st, "p4"), b)
	}
}
