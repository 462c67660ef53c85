package photo

import (
	"fmt"
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// near returns what a scan of want finds within maxDist of h, as
// "owner/hash/distance" strings in order.
func scanNear(want map[string][]uint64, h uint64, maxDist int) []string {
	var out []string
	for o, hs := range want {
		for _, x := range hs {
			if d := bits.OnesCount64(x ^ h); d <= maxDist {
				out = append(out, fmt.Sprintf("%s/%x/%d", o, x, d))
			}
		}
	}
	slices.Sort(out)
	return out
}

func indexNear(x *Index, h uint64, maxDist int) []string {
	var out []string
	x.Near(h, maxDist, func(hit Hit) {
		out = append(out, fmt.Sprintf("%s/%x/%d", hit.Owner, hit.Hash, hit.Distance))
	})
	slices.Sort(out)
	return out
}

// flip returns h with k distinct random bits flipped.
func flip(r *rand.Rand, h uint64, k int) uint64 {
	for _, b := range r.Perm(64)[:k] {
		h ^= 1 << b
	}
	return h
}

// TestIndexNear holds Near to a scan of every hash, for hashes at every
// distance from 0 to 12 of the ones searched, after additions, repeated
// additions, removals and the compaction removals bring.
func TestIndexNear(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := NewIndex()
	want := make(map[string][]uint64)
	var bases []uint64
	add := func(owner string, h uint64) {
		x.Add(owner, h)
		if !slices.Contains(want[owner], h) {
			want[owner] = append(want[owner], h)
		}
	}
	for i := range 3000 {
		base := r.Uint64()
		bases = append(bases, base)
		owner := fmt.Sprintf("r%d", i)
		add(owner, base)
		for k := range 3 {
			add(fmt.Sprintf("%s-%d", owner, k), flip(r, base, r.IntN(13)))
		}
		if i%7 == 0 {
			add(owner, base) // held once
		}
	}
	check := func(stage string) {
		t.Helper()
		if n := 0; true {
			for _, hs := range want {
				n += len(hs)
			}
			if x.Len() != n {
				t.Fatalf("%s: Len = %d, want %d", stage, x.Len(), n)
			}
		}
		for i, base := range bases[:300] {
			h := flip(r, base, i%4)
			for _, d := range []int{0, 3, 6, 7, 8} {
				if got, w := indexNear(x, h, d), scanNear(want, h, d); !slices.Equal(got, w) {
					t.Fatalf("%s: Near(%x, %d) = %v, want %v", stage, h, d, got, w)
				}
			}
		}
	}
	check("added")
	for i := 0; i < 3000; i += 2 {
		owner := fmt.Sprintf("r%d-1", i)
		x.Remove(owner)
		delete(want, owner)
	}
	x.Remove("nobody")
	check("some removed")
	for i := range 3000 {
		for _, o := range []string{fmt.Sprintf("r%d-0", i), fmt.Sprintf("r%d-2", i)} {
			x.Remove(o)
			delete(want, o)
		}
	}
	check("compacted")
	x.Remove("r1")
	delete(want, "r1")
	add("r1", bases[1]^3)
	check("re-added")
}

func TestIndexNegativeDistance(t *testing.T) {
	x := NewIndex()
	x.Add("a", 1)
	x.Near(1, -1, func(Hit) { t.Error("found a hash at a negative distance") })
}

func BenchmarkIndexNear(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	x := NewIndex()
	for i := range 850_000 {
		x.Add(fmt.Sprint(i), r.Uint64())
	}
	qs := make([]uint64, 1024)
	for i := range qs {
		qs[i] = r.Uint64()
	}
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		x.Near(qs[i%len(qs)], 6, func(Hit) { n++ })
	}
	_ = n
}

func TestIndexEmpty(t *testing.T) {
	x := NewIndex()
	x.Near(1, 3, func(Hit) { t.Error("found a hash in an empty index") })
	x.Remove("a")
	if x.Len() != 0 {
		t.Errorf("Len = %d", x.Len())
	}
}

// BenchmarkIndexAdd builds an index of 850,000 hashes, as a store of a
// million records does at its first photo search.
func BenchmarkIndexAdd(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	owners := make([]string, 850_000)
	hashes := make([]uint64, len(owners))
	for i := range owners {
		owners[i] = fmt.Sprintf("rec-%07d", i)
		hashes[i] = r.Uint64()
	}
	for b.Loop() {
		x := NewIndex()
		for i, o := range owners {
			x.Add(o, hashes[i])
		}
	}
}

// TestIndexNameCollision files an owner whose name hashes as an earlier
// owner's (forced: the hashes are 64 bits) and checks that both are kept
// apart.
func TestIndexNameCollision(t *testing.T) {
	x := NewIndex()
	x.Add("a", 0xff)
	x.number[maphash.String(x.seed, "b")] = 0 // "b" now hashes as "a"
	x.Add("b", 0xf0)
	x.Add("b", 0xf0)
	if x.Len() != 2 {
		t.Fatalf("Len = %d, want 2", x.Len())
	}
	if got := indexNear(x, 0xff, 8); !slices.Equal(got, []string{"a/ff/0", "b/f0/4"}) {
		t.Errorf("Near = %v", got)
	}
	x.Remove("b")
	if got := indexNear(x, 0xff, 8); !slices.Equal(got, []string{"a/ff/0"}) {
		t.Errorf("after removing b, Near = %v", got)
	}
}

// TestIndexSmall holds Near to a scan in an index small enough to keep its
// lists in maps, and across the move to arrays.
func TestIndexSmall(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	x := NewIndex()
	want := make(map[string][]uint64)
	base := r.Uint64()
	for i := range smallIndex + 100 {
		owner := fmt.Sprintf("s%d", i)
		h := flip(r, base, r.IntN(10))
		x.Add(owner, h)
		want[owner] = append(want[owner], h)
		if i == 100 || i == smallIndex+99 {
			if x.lists[0] != nil != (i > smallIndex) {
				t.Fatalf("after %d hashes: lists in arrays %v", i+1, x.lists[0] != nil)
			}
			for _, d := range []int{0, 4, 7} {
				if got, w := indexNear(x, base, d), scanNear(want, base, d); !slices.Equal(got, w) {
					t.Fatalf("after %d hashes: Near(%x, %d) = %d hashes, want %d", i+1, base, d, len(got), len(w))
				}
			}
		}
	}
}
