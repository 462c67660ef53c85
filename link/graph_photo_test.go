package link_test

import (
	"fmt"
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

// TestGraphPhotoNearDuplicateInOneUpdate adds records whose photos are 5
// bits apart in one update, among a few others and among a hundred (an
// update that large indexes its photos): they are linked without either
// being stored first.
func TestGraphPhotoNearDuplicateInOneUpdate(t *testing.T) {
	for _, others := range []int{2, 100} {
		g, st := newTestGraph(t)
		photo := func(h uint64) []ringer.Photo { return []ringer.Photo{{PHash: fmt.Sprintf("%016x", h)}} }
		recs := []ringer.Record{
			{ID: "f1", Name: ringer.Name{Full: "Min-jun Kim"}, Photos: photo(0xc3d4e5f6a7b8c9d0)},
			{ID: "f3", Name: ringer.Name{Full: "Ana Silva"}, Photos: photo(0xc3d5e5f7a7b9c9d3)},
		}
		for i := range others {
			recs = append(recs, ringer.Record{ID: fmt.Sprintf("o%03d", i), Name: ringer.Name{Full: fmt.Sprintf("Other%d Person%d", i, i*3)},
				Photos: photo(0x0123456789abcdef * uint64(i+3))})
		}
		update(t, g, st, recs...)
		r := ringOf(t, st, "f1")
		if r == "" || ringOf(t, st, "f3") != r {
			t.Errorf("%d others: photos 5 bits apart in one update: rings %q and %q, want one", others, r, ringOf(t, st, "f3"))
		}
		if r := ringOf(t, st, "o000"); r != "" {
			t.Errorf("%d others: an unrelated photo joined ring %q", others, r)
		}
	}
}
