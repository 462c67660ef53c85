package link

import (
	"math/bits"
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

// nearPhotoPairs returns the pairs of records (as pairKey) with photo
// hashes within maxDist bits of each other (maxDist ≤ PhotoSearchRadius),
// with the smallest distance of each pair. Chunk values held by more than
// maxBucket photos — a stock image — are not searched. It works on
// workers goroutines.
//
// For each chunk position the hashes are counting-sorted by that chunk, so
// that the hashes sharing a chunk value (a bucket) lie side by side; then
// every bucket is compared within itself and with each bucket one bit
// away. Scanning buckets pairwise reads memory in order, where probing
// bucket by bucket for each hash would jump about the arrays once for
// every probe.
func nearPhotoPairs(feats []*Features, maxDist, maxBucket, workers int) map[uint64]int {
	var hashes []uint64
	var owners []int32
	for i, f := range feats {
		for _, h := range f.Photos {
			hashes = append(hashes, h)
			owners = append(owners, int32(i))
		}
	}
	found := make(map[uint64]int)
	if len(hashes) < 2 {
		return found
	}
	workers = max(workers, 1)
	const buckets = 1 << photoChunkBits
	start := make([]int32, buckets+1)
	next := make([]int32, buckets)
	hs := make([]uint64, len(hashes))
	ow := make([]int32, len(hashes))
	locals := make([]map[uint64]int, workers)
	for w := range locals {
		locals[w] = make(map[uint64]int)
	}
	for c := 0; c < photoChunkCount; c++ {
		clear(start)
		for _, h := range hashes {
			start[chunkOf(h, c)+1]++
		}
		for v := 1; v <= buckets; v++ {
			start[v] += start[v-1]
		}
		copy(next, start[:buckets])
		for i, h := range hashes {
			v := chunkOf(h, c)
			hs[next[v]], ow[next[v]] = h, owners[i]
			next[v]++
		}
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				local := locals[w]
				note := func(x, y uint64, ox, oy int32) {
					if ox == oy {
						return
					}
					if d := bits.OnesCount64(x ^ y); d <= maxDist {
						k := pairKey(ox, oy)
						if old, ok := local[k]; !ok || d < old {
							local[k] = d
						}
					}
				}
				for v := w; v < buckets; v += workers {
					lo, hi := start[v], start[v+1]
					if hi-lo == 0 || int(hi-lo) > maxBucket {
						continue
					}
					for a := lo; a < hi; a++ {
						for b := a + 1; b < hi; b++ {
							note(hs[a], hs[b], ow[a], ow[b])
						}
					}
					for bit := 0; bit < photoChunkBits; bit++ {
						u := v ^ 1<<bit
						if u < v {
							continue // that pair of buckets is scanned from u
						}
						ulo, uhi := start[u], start[u+1]
						if uhi-ulo == 0 || int(uhi-ulo) > maxBucket {
							continue
						}
						for a := lo; a < hi; a++ {
							x, ox := hs[a], ow[a]
							for b := ulo; b < uhi; b++ {
								note(x, hs[b], ox, ow[b])
							}
						}
					}
				}
			}(w)
		}
		wg.Wait()
	}
	for _, local := range locals {
		for k, d := range local {
			if old, ok := found[k]; !ok || d < old {
				found[k] = d
			}
		}
	}
	return found
}

// chunkOf returns chunk c of a hash, untagged.
func chunkOf(h uint64, c int) uint64 {
	return (h >> (photoChunkBits * uint(c))) & (1<<photoChunkBits - 1)
}
