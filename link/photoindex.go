package link

import (
	"math/bits"
	"strconv"
	"sync"
)

// Photo near-duplicates are found by multi-index hashing: a 64-bit hash is
// cut into four 16-bit chunks, and two hashes within Hamming distance 7
// must have at least one chunk in which they differ by at most one bit
// (seven differing bits cannot touch all four chunks twice). So looking a
// hash's chunks up exactly and with each single bit flipped — 4×17 probes —
// finds every hash within distance 7 of it, the default link distance (6)
// included, while an index holds only the four exact chunks of each hash.
// Splitting into more, shorter chunks would need no probing but make each
// chunk shared by thousands of unrelated photos in a million.
const (
	photoChunkCount = 4
	photoChunkBits  = 16
	// PhotoSearchRadius is the largest photo hash distance the index is
	// guaranteed to find.
	PhotoSearchRadius = 2*photoChunkCount - 1
)

// photoChunks splits a 64-bit photo hash in its four 16-bit chunks, each
// tagged with its position.
func photoChunks(h uint64) [photoChunkCount]uint64 {
	var c [photoChunkCount]uint64
	for i := range c {
		c[i] = uint64(i)<<photoChunkBits | (h>>(photoChunkBits*uint(i)))&(1<<photoChunkBits-1)
	}
	return c
}

// photoProbes returns the tagged chunks to look a hash up under: each
// chunk as it is and with each one of its bits flipped.
func photoProbes(h uint64) []uint64 {
	out := make([]uint64, 0, photoChunkCount*(photoChunkBits+1))
	for _, c := range photoChunks(h) {
		out = append(out, c)
		for b := 0; b < photoChunkBits; b++ {
			out = append(out, c^1<<b)
		}
	}
	return out
}

// photoItem is one photo hash of one record.
type photoItem struct {
	hash  uint64
	owner int32
}

// nearPhotoPairs returns the pairs of records (as pairKey) with photo
// hashes within maxDist bits of each other (maxDist ≤ PhotoSearchRadius),
// with the smallest distance of each pair. Chunk values held by more than
// maxBucket photos — a stock image — are not searched. It works on
// workers goroutines.
func nearPhotoPairs(feats []*Features, maxDist, maxBucket, workers int) map[uint64]int {
	var items []photoItem
	for i, f := range feats {
		for _, h := range f.Photos {
			items = append(items, photoItem{hash: h, owner: int32(i)})
		}
	}
	found := make(map[uint64]int)
	if len(items) < 2 {
		return found
	}
	// One counting-sorted index per chunk position: start[c][v] is where
	// the items whose chunk c is v begin in order[c].
	const buckets = 1 << photoChunkBits
	var start [photoChunkCount][]int32
	var order [photoChunkCount][]int32
	for c := range start {
		st := make([]int32, buckets+1)
		for _, it := range items {
			st[chunkOf(it.hash, c)+1]++
		}
		for v := 1; v <= buckets; v++ {
			st[v] += st[v-1]
		}
		ord := make([]int32, len(items))
		next := make([]int32, buckets)
		copy(next, st[:buckets])
		for i, it := range items {
			v := chunkOf(it.hash, c)
			ord[next[v]] = int32(i)
			next[v]++
		}
		start[c], order[c] = st, ord
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			local := make(map[uint64]int)
			for i := w; i < len(items); i += max(workers, 1) {
				x := items[i]
				for c := 0; c < photoChunkCount; c++ {
					v := chunkOf(x.hash, c)
					for b := -1; b < photoChunkBits; b++ {
						p := v
						if b >= 0 {
							p ^= 1 << b
						}
						lo, hi := start[c][p], start[c][p+1]
						if int(hi-lo) > maxBucket {
							continue
						}
						for _, j := range order[c][lo:hi] {
							// Each unordered pair is probed from both ends;
							// the lower index reports it.
							if int(j) <= i {
								continue
							}
							y := items[j]
							if y.owner == x.owner {
								continue
							}
							d := bits.OnesCount64(x.hash ^ y.hash)
							if d > maxDist {
								continue
							}
							k := pairKey(x.owner, y.owner)
							if old, ok := local[k]; !ok || d < old {
								local[k] = d
							}
						}
					}
				}
			}
			mu.Lock()
			for k, d := range local {
				if old, ok := found[k]; !ok || d < old {
					found[k] = d
				}
			}
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return found
}

// chunkOf returns chunk c of a hash, untagged.
func chunkOf(h uint64, c int) uint64 {
	return (h >> (photoChunkBits * uint(c))) & (1<<photoChunkBits - 1)
}

// photoProbeKeys returns the keys a stored graph is searched under for
// photos near f's beyond the exact chunk keys of PersonaKeys: each chunk
// with one bit flipped.
func (g *Graph) photoProbeKeys(f *Features) []string {
	var keys []string
	for _, h := range f.Photos {
		exact := photoChunks(h)
		for _, p := range photoProbes(h) {
			if p != exact[p>>photoChunkBits] {
				keys = append(keys, g.keyer.Key(kindPhotoChunk, strconv.FormatUint(p, 16)))
			}
		}
	}
	return keys
}
