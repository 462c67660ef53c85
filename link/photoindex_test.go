package link

import (
	"math/bits"
	"math/rand/v2"
	"testing"
)

// TestNearPhotoPairs plants pairs of photo hashes at every distance up to
// 9, with the differing bits spread so that all four chunks are touched
// where the distance allows, among random hashes, and checks the index
// against comparing every pair.
func TestNearPhotoPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	var feats []*Features
	for d := 0; d <= 9; d++ {
		for rep := 0; rep < 20; rep++ {
			h := r.Uint64()
			// Spread the d flipped bits round-robin over the chunks.
			g := h
			perm := r.Perm(16)
			for k := 0; k < d; k++ {
				g ^= 1 << (16*(k%4) + perm[k/4])
			}
			feats = append(feats, &Features{Photos: []uint64{h}}, &Features{Photos: []uint64{r.Uint64(), g}})
		}
	}
	for range 2000 {
		feats = append(feats, &Features{Photos: []uint64{r.Uint64()}})
	}
	for _, maxDist := range []int{3, 6, PhotoSearchRadius} {
		got := nearPhotoPairs(feats, maxDist, 1000, 3)
		want := make(map[uint64]int)
		for i := range feats {
			for j := i + 1; j < len(feats); j++ {
				if d := minPhotoDistance(feats[i].Photos, feats[j].Photos); d <= maxDist {
					want[pairKey(int32(i), int32(j))] = d
				}
			}
		}
		if len(got) != len(want) {
			t.Errorf("maxDist %d: %d pairs found, want %d", maxDist, len(got), len(want))
		}
		for k, d := range want {
			if got[k] != d {
				t.Errorf("maxDist %d: pair %d/%d at distance %d: found %v", maxDist, k>>32, uint32(k), d, got[k])
			}
		}
	}
}

func TestPhotoProbes(t *testing.T) {
	h := uint64(0x0123456789abcdef)
	probes := photoProbes(h)
	if len(probes) != 4*17 {
		t.Fatalf("%d probes, want 68", len(probes))
	}
	// A hash one bit away in each chunk shares a probe with every chunk.
	g := h ^ 1<<3 ^ 1<<20 ^ 1<<37 ^ 1<<63
	for i, c := range photoChunks(g) {
		hit := false
		for _, p := range probes {
			if p == c {
				hit = true
			}
		}
		if !hit {
			t.Errorf("chunk %d of a hash 4 bits away (one per chunk) is not probed", i)
		}
	}
	if d := bits.OnesCount64(h ^ g); d != 4 {
		t.Fatalf("test hash distance %d", d)
	}
}

// BenchmarkNearPhotoPairs searches 850,000 random photo hashes (a million
// records' worth) for pairs within the link distance.
func BenchmarkNearPhotoPairs(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 9))
	feats := make([]*Features, 850_000)
	for i := range feats {
		feats[i] = &Features{Photos: []uint64{r.Uint64()}}
	}
	b.ResetTimer()
	for range b.N {
		nearPhotoPairs(feats, 6, 1024, 2)
	}
}
