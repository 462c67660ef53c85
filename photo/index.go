package photo

import (
	"hash/maphash"
	"math/bits"
	"slices"
)

// Index holds perceptual hashes, each filed under an owner (a record id),
// and finds those within a Hamming distance of a hash. It is a
// multi-index: a hash is cut into four 16-bit chunks, and two hashes
// within distance 7 agree to within one bit in at least one chunk (seven
// differing bits cannot touch all four chunks twice), so looking each
// chunk up as it is and with each one bit flipped — 68 lists — finds every
// hash within 7. Farther searches scan every hash.
//
// In a million photos a chunk value is shared by a dozen hashes, so a
// search compares some 900 hashes: about 25 µs (BenchmarkIndexNear),
// where the same probes against a key index on disk cost a page read
// each.
//
// It holds no pointer per owner or per hash, so that the garbage
// collector, which scans every pointer of the heap at each cycle, has
// next to nothing to scan in an index of a million photos: owners' names
// are kept end to end in one array and found by a hash of the name.
//
// An Index is not safe for concurrent use.
type Index struct {
	names    []byte           // the owners' names, end to end
	nameEnd  []int            // owner number → end of its name in names
	number   map[uint64]int32 // hash of a name → the first owner with that hash
	collided map[string]int32 // owners whose name hashed as an earlier one's
	seed     maphash.Seed
	first    []int32  // owner number → its latest entry, -1 for none
	next     []int32  // entry → the owner's entry before it, -1 for none
	hashes   []uint64 // entry → hash
	ownerOf  []int32  // entry → owner number, -1 once removed
	// lists holds, for each chunk position and value, the hashes with
	// that chunk and their entries, side by side so that a search reads
	// each list in order: in an array of all 65,536 values (6 MB for the
	// four positions) once the index holds more than smallIndex hashes,
	// in small until then, so that a small index is small.
	lists   [indexChunks][][]posting
	small   [indexChunks]map[uint16][]posting
	removed int
}

// posting is a hash in a chunk list, with its entry.
type posting struct {
	hash  uint64
	entry int32
}

const (
	// smallIndex is the most hashes an index keeps its lists in maps for.
	smallIndex     = 4096
	indexChunks    = 4
	indexChunkBits = 16
	// IndexRadius is the largest distance Near finds without scanning
	// every hash.
	IndexRadius = 2*indexChunks - 1
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{number: make(map[uint64]int32), seed: maphash.MakeSeed()}
}

// Len returns the number of hashes held.
func (x *Index) Len() int { return len(x.hashes) - x.removed }

// Grow makes room for n more hashes, so that adding them copies nothing:
// building a large index, and the additions after it, then cost no
// doubling of its arrays (a copy of some 30 MB at a million hashes).
func (x *Index) Grow(n int) {
	x.hashes = slices.Grow(x.hashes, n)
	x.ownerOf = slices.Grow(x.ownerOf, n)
	x.next = slices.Grow(x.next, n)
	x.nameEnd = slices.Grow(x.nameEnd, n)
	x.first = slices.Grow(x.first, n)
}

// Add files h under owner. A hash filed twice under one owner is held
// once.
func (x *Index) Add(owner string, h uint64) {
	n, ok := x.lookup(owner)
	if !ok {
		n = x.file(owner)
	}
	for e := x.first[n]; e >= 0; e = x.next[e] {
		if x.hashes[e] == h {
			return
		}
	}
	e := int32(len(x.hashes))
	x.hashes = append(x.hashes, h)
	x.ownerOf = append(x.ownerOf, n)
	x.next = append(x.next, x.first[n])
	x.first[n] = e
	for i := range indexChunks {
		x.fileUnder(i, chunk(h, i), posting{h, e})
	}
}

// Remove drops every hash filed under owner. The space is reclaimed
// when removed hashes outnumber the others.
func (x *Index) Remove(owner string) {
	n, ok := x.lookup(owner)
	if !ok {
		return
	}
	for e := x.first[n]; e >= 0; e = x.next[e] {
		x.ownerOf[e] = -1
		x.removed++
	}
	x.first[n] = -1
	if x.removed > 1024 && x.removed > len(x.hashes)/2 {
		x.compact()
	}
}

// fileUnder adds p to list c of chunk position i.
func (x *Index) fileUnder(i int, c uint16, p posting) {
	if x.lists[i] == nil && len(x.hashes) > smallIndex {
		x.lists[i] = make([][]posting, 1<<indexChunkBits)
		for v, l := range x.small[i] {
			x.lists[i][v] = l
		}
		x.small[i] = nil
	}
	if x.lists[i] != nil {
		x.lists[i][c] = append(x.lists[i][c], p)
		return
	}
	if x.small[i] == nil {
		x.small[i] = make(map[uint16][]posting)
	}
	x.small[i][c] = append(x.small[i][c], p)
}

// list returns list c of chunk position i.
func (x *Index) list(i int, c uint16) []posting {
	if x.lists[i] != nil {
		return x.lists[i][c]
	}
	return x.small[i][c]
}

// name returns the name of owner number n.
func (x *Index) name(n int32) string {
	start := 0
	if n > 0 {
		start = x.nameEnd[n-1]
	}
	return string(x.names[start:x.nameEnd[n]])
}

// nameIs reports whether owner number n is named owner, without copying.
func (x *Index) nameIs(n int32, owner string) bool {
	start := 0
	if n > 0 {
		start = x.nameEnd[n-1]
	}
	return string(x.names[start:x.nameEnd[n]]) == owner
}

// lookup returns the number of owner.
func (x *Index) lookup(owner string) (int32, bool) {
	n, ok := x.number[maphash.String(x.seed, owner)]
	if !ok {
		return 0, false
	}
	if x.nameIs(n, owner) {
		return n, true
	}
	n, ok = x.collided[owner]
	return n, ok
}

// file gives owner, which has none, a number.
func (x *Index) file(owner string) int32 {
	n := int32(len(x.nameEnd))
	x.names = append(x.names, owner...)
	x.nameEnd = append(x.nameEnd, len(x.names))
	x.first = append(x.first, -1)
	h := maphash.String(x.seed, owner)
	if _, taken := x.number[h]; !taken {
		x.number[h] = n
	} else {
		if x.collided == nil {
			x.collided = make(map[string]int32)
		}
		x.collided[owner] = n
	}
	return n
}

// compact rebuilds the index from the hashes still held.
func (x *Index) compact() {
	type held struct {
		owner string
		hash  uint64
	}
	var keep []held
	for e, n := range x.ownerOf {
		if n >= 0 {
			keep = append(keep, held{x.name(n), x.hashes[e]})
		}
	}
	*x = *NewIndex()
	for _, k := range keep {
		x.Add(k.owner, k.hash)
	}
}

// Hit is a hash found by Near: its owner, the hash and its distance.
type Hit struct {
	Owner    string
	Hash     uint64
	Distance int
}

// Near calls fn for every hash held within maxDist of h, once each, in no
// particular order.
func (x *Index) Near(h uint64, maxDist int, fn func(Hit)) {
	if maxDist < 0 || len(x.hashes) == 0 {
		return
	}
	if maxDist > IndexRadius {
		for e, n := range x.ownerOf {
			if d := bits.OnesCount64(x.hashes[e] ^ h); n >= 0 && d <= maxDist {
				fn(Hit{Owner: x.name(n), Hash: x.hashes[e], Distance: d})
			}
		}
		return
	}
	// An entry can be found through several chunks: it is reported from
	// the first chunk, in position order, that is within one bit of h's.
	for i := range indexChunks {
		c := chunk(h, i)
		for b := -1; b < indexChunkBits; b++ {
			p := c
			if b >= 0 {
				p ^= 1 << b
			}
			for _, q := range x.list(i, p) {
				d := bits.OnesCount64(q.hash ^ h)
				if d > maxDist || foundEarlier(q.hash, h, i) {
					continue
				}
				if n := x.ownerOf[q.entry]; n >= 0 {
					fn(Hit{Owner: x.name(n), Hash: q.hash, Distance: d})
				}
			}
		}
	}
}

// foundEarlier reports whether a hash a search for h reaches through
// chunk i was reached through a chunk before i already: one within a bit
// of h's.
func foundEarlier(he, h uint64, i int) bool {
	for j := range i {
		if bits.OnesCount16(chunk(he, j)^chunk(h, j)) <= 1 {
			return true
		}
	}
	return false
}

// chunk returns chunk i of h.
func chunk(h uint64, i int) uint16 {
	return uint16(h >> (indexChunkBits * uint(i)))
}
