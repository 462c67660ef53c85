package link_test

import (
	"testing"

	"github.com/ringerhq/ringer"
)

// TestGraphPhotoNearDuplicate adds a record whose photo hash is five bits
// from a stored one, with a differing bit in every 16-bit chunk: the
// stored graph finds it through the one-bit chunk probes.
func TestGraphPhotoNearDuplicate(t *testing.T) {
	g, st := newTestGraph(t)
	photo := func(h string) []ringer.Photo { return []ringer.Photo{{PHash: h}} }
	update(t, g, st, ringer.Record{ID: "f1", Name: ringer.Name{Full: "Min-jun Kim"}, Photos: photo("c3d4e5f6a7b8c9d0")})
	update(t, g, st, ringer.Record{ID: "f2", Name: ringer.Name{Full: "Ji-woo Park"}, Photos: photo("0123456789abcdef")})
	update(t, g, st, ringer.Record{ID: "f3", Name: ringer.Name{Full: "Ana Silva"}, Photos: photo("c3d5e5f7a7b9c9d3")})
	r := ringOf(t, st, "f1")
	if r == "" || ringOf(t, st, "f3") != r {
		t.Errorf("photos 5 bits apart: rings %q and %q, want one", r, ringOf(t, st, "f3"))
	}
	if ringOf(t, st, "f2") != "" {
		t.Errorf("an unrelated photo joined ring %q", ringOf(t, st, "f2"))
	}
}
