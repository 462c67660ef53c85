package link

import (
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/sqlite"
)

var probeKeyer = normalize.NewKeyer([]byte("link-probe-test-secret-0123456789"))

// TestPhotoLookupKeys checks that the keys Update looks photos up under
// are the photo keys PersonaKeys files them under and every one-bit
// variant of their chunks, and that each is labelled with its chunk.
func TestPhotoLookupKeys(t *testing.T) {
	g := NewGraph(nil, probeKeyer, nil, Options{})
	f := &Features{ID: "x", Photos: []uint64{0xc3d4e5f6a7b8c9d0, 0x0123456789abcdef}}
	keys, probes := g.photoLookupKeys(f)
	var exact, variants []string
	for i, k := range keys {
		if probes[i].bits == 0 {
			exact = append(exact, k)
		} else {
			variants = append(variants, k)
		}
		h := f.Photos[probes[i].photo]
		c := photoChunks(h)[probes[i].chunk]
		if probes[i].bits == 0 && k != g.keyer.Key(kindPhotoChunk, fmt.Sprintf("%x", c)) {
			t.Errorf("probe %d labelled exact chunk %d of photo %d, key differs", i, probes[i].chunk, probes[i].photo)
		}
	}
	var filed []string
	for _, k := range g.PersonaKeys(f) {
		if strings.HasPrefix(k, string(kindPhotoChunk)+":") {
			filed = append(filed, k)
		}
	}
	slices.Sort(exact)
	slices.Sort(filed)
	if !slices.Equal(exact, filed) {
		t.Errorf("exact photo lookup keys %v, PersonaKeys files %v", exact, filed)
	}
	var want []string
	for _, h := range f.Photos {
		for _, c := range photoChunks(h) {
			for b := 0; b < photoChunkBits; b++ {
				want = append(want, g.keyer.Key(kindPhotoChunk, fmt.Sprintf("%x", c^1<<b)))
			}
		}
	}
	slices.Sort(want)
	slices.Sort(variants)
	if !slices.Equal(variants, want) {
		t.Errorf("one-bit photo lookup keys differ from the one-bit chunk variants: %d and %d keys", len(variants), len(want))
	}
}

// flip returns h with counts[c] bits flipped in chunk c.
func flip(r *rand.Rand, h uint64, counts [photoChunkCount]int) uint64 {
	for c, n := range counts {
		for _, b := range r.Perm(photoChunkBits)[:n] {
			h ^= 1 << (c*photoChunkBits + b)
		}
	}
	return h
}

// TestPhotoCandidatesPruned checks that leaving out records found by
// photo probes whose distance cannot be within PhotoDistance changes no
// link: for a stored photo at every split of up to 8 differing bits over
// the four chunks, among chance hits on one chunk, Update links exactly
// what it links when it keeps every record the probes find, and links the
// photo when it is within 6 bits. In the "common" case the base's first
// chunk is shared by more records than MaxLooseBlock, so that group is
// not read.
//
// Personas stored with their photo tags are told apart by the tags, those
// stored without (before tags were) by the lower bound of photoHits.
//
// With a store that searches photos itself (ringer.PhotoIndex, indexed)
// no probe is made, and the photo is linked exactly when it is within 6
// bits, common chunk or not.
func TestPhotoCandidatesPruned(t *testing.T) {
	for _, m := range []probeMode{tagged, untagged, indexed} {
		t.Run(fmt.Sprintf("plain/%v", m), func(t *testing.T) { testPhotoCandidatesPruned(t, false, m) })
		t.Run(fmt.Sprintf("common/%v", m), func(t *testing.T) { testPhotoCandidatesPruned(t, true, m) })
	}
}

// probeMode is how probeLinks stores the photos.
type probeMode int

const (
	tagged   probeMode = iota // under chunk keys, tagged with their hash
	untagged                  // under chunk keys alone
	indexed                   // in a store that searches photos itself
)

func (m probeMode) String() string { return [...]string{"tagged", "untagged", "indexed"}[m] }

// keyIndexOnly is a store without a photo index: photos are found
// through its key index.
type keyIndexOnly struct {
	ringer.Store
	ringer.MultiKeyReader
}

func testPhotoCandidatesPruned(t *testing.T, common bool, mode probeMode) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	linkedTotal := 0
	for a := range 5 {
		for b := range 4 {
			for c := range 3 {
				for d := range 3 {
					if a+b+c+d > 8 {
						continue
					}
					base := r.Uint64()
					target := flip(r, base, [4]int{a, b, c, d})
					photos := []uint64{target}
					for range 6 { // chance hits
						photos = append(photos, flip(r, base, [4]int{r.IntN(2), 5, 6, 7}))
					}
					if common {
						for range 20 {
							photos = append(photos, base&0xffff|r.Uint64()&^0xffff)
						}
					}
					pruned, all := probeLinks(ctx, t, base, photos, mode)
					if !slices.Equal(pruned, all) {
						t.Errorf("split %d,%d,%d,%d: links with photo candidates pruned %v, with all %v", a, b, c, d, pruned, all)
					}
					wantTarget := bits.OnesCount64(base^target) <= 6
					if common && mode != indexed && a > 1 && b > 1 && c > 1 && d > 1 {
						wantTarget = false // found by no probe that is read
					}
					if common && mode != indexed && a == 0 && b > 1 && c > 1 && d > 1 {
						wantTarget = false // found by the too common exact chunk only
					}
					if got := slices.Contains(all, "p0000"); got != wantTarget {
						t.Errorf("split %d,%d,%d,%d: target linked %v, want %v", a, b, c, d, got, wantTarget)
					}
					if wantTarget {
						linkedTotal++
					}
				}
			}
		}
	}
	if linkedTotal == 0 {
		t.Error("no target linked")
	}
}

// probeLinks stores a record per photo (p0000, p0001…) and returns the
// records a new record with photo base links to, with the photo
// candidates pruned and with all of them.
func probeLinks(ctx context.Context, t *testing.T, base uint64, photos []uint64, mode probeMode) (pruned, all []string) {
	t.Helper()
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var st ringer.Store = db
	if mode != indexed {
		st = keyIndexOnly{db, db}
	}
	setup := NewGraph(st, probeKeyer, nil, Options{})
	for i, h := range photos {
		rec := ringer.Record{ID: fmt.Sprintf("p%04d", i), Name: ringer.Name{Full: fmt.Sprintf("Person%d Surname%d", i, i*7)},
			Photos: []ringer.Photo{{PHash: fmt.Sprintf("%016x", h)}}}
		p, err := setup.Persona(&rec, nil)
		if err != nil {
			t.Fatal(err)
		}
		if wantTags := photoChunkCount * int(min(1, indexed-mode)); len(p.Tags) != wantTags {
			t.Fatalf("persona filed %d photo tags, want %d", len(p.Tags), wantTags)
		}
		if mode == untagged {
			p.Tags = nil
		}
		if err := st.Write(ctx, &ringer.Batch{Records: []ringer.Record{rec}, Personas: []ringer.Persona{p}}); err != nil {
			t.Fatal(err)
		}
	}
	probe := ringer.Record{ID: "q", Name: ringer.Name{Full: "Nobody Else"}, Photos: []ringer.Photo{{PHash: fmt.Sprintf("%016x", base)}}}
	linked := func(allHits bool) []string {
		g := NewGraph(st, probeKeyer, nil, Options{})
		g.allPhotoHits = allHits
		b, _, err := g.Update(ctx, []Subject{{Record: &probe}})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, l := range b.Links {
			ids = append(ids, l.A) // "p…" < "q"
		}
		slices.Sort(ids)
		return ids
	}
	return linked(false), linked(true)
}

// TestPhotoTags checks the tags a persona files: each photo's hash with
// its chunk keys, none for a chunk two photos share.
func TestPhotoTags(t *testing.T) {
	g := NewGraph(nil, probeKeyer, nil, Options{})
	a, b := uint64(0x1111222233334444), uint64(0x1111999988887777) // share the top chunk
	tags := g.photoTags(&Features{Photos: []uint64{a, b}})
	if len(tags) != 2*photoChunkCount-2 {
		t.Fatalf("%d tags, want %d", len(tags), 2*photoChunkCount-2)
	}
	for i, c := range photoChunks(a) {
		k := g.keyer.Key(kindPhotoChunk, fmt.Sprintf("%x", c))
		tag, ok := tags[k]
		if i == photoChunkCount-1 {
			if ok {
				t.Errorf("shared chunk tagged %x", tag)
			}
		} else if !ok || uint64(tag) != a {
			t.Errorf("chunk %d of a: tag %x, %v", i, tag, ok)
		}
	}
	if g.photoTags(&Features{}) != nil {
		t.Error("tags without photos")
	}
}
