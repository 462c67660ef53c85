package link

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/photo"
)

// GraphStore is what the incremental linker needs of a store: to read the
// identity graph. Writes go back to the caller as a ringer.Batch so that a
// record, its persona, its links and its ring change in one transaction.
type GraphStore interface {
	ringer.GraphReader
	CountRecords(ctx context.Context) (int, error)
}

// expectedDuplicateShare is the share of a deployment's records that are
// expected to have a same-person duplicate. With the number of stored
// records it sets the prior of the same-person model for a stored pair:
// the chance that two records picked at random are one person.
const expectedDuplicateShare = 0.1

// priorForPopulation is the chance that two records drawn from n are one
// person, when a share expectedDuplicateShare of them has a duplicate.
func priorForPopulation(n int) float64 {
	return clamp(expectedDuplicateShare/float64(max(n, 1000)), 1e-9, 0.5)
}

// Graph links records one batch at a time against the identity graph kept
// in a store: adding records updates the graph incrementally, without a
// rebuild. It is safe for concurrent use only if callers serialise
// Update calls that touch the same records.
type Graph struct {
	store GraphStore
	keyer *normalize.Keyer
	model *Model
	opts  Options
	// strongLimit caps how many records sharing one strong identifier are
	// read back.
	strongLimit int
	// allPhotoHits keeps every record photo probes find as a candidate
	// (tests compare against it).
	allPhotoHits bool

	// The number of stored records sizes the same-person prior; counting
	// a large table is slow, so the count is refreshed once a minute and
	// kept up to date in between by what this graph adds.
	countMu   sync.Mutex
	count     int
	countedAt time.Time
}

// storedRecords returns the (approximate) number of stored records.
func (g *Graph) storedRecords(ctx context.Context, st GraphStore, adding int) (int, error) {
	g.countMu.Lock()
	defer g.countMu.Unlock()
	if g.countedAt.IsZero() || time.Since(g.countedAt) > time.Minute {
		n, err := st.CountRecords(ctx)
		if err != nil {
			return 0, fmt.Errorf("count records: %w", err)
		}
		g.count, g.countedAt = n, time.Now()
	}
	n := g.count
	g.count += adding
	return n, nil
}

// NewGraph returns an incremental linker over store. model nil means
// DefaultModel.
func NewGraph(store GraphStore, keyer *normalize.Keyer, model *Model, opts Options) *Graph {
	opts.defaults()
	if model == nil {
		model = DefaultModel()
	}
	m := *model
	m.Threshold = opts.Threshold
	return &Graph{store: store, keyer: keyer, model: &m, opts: opts, strongLimit: 1000}
}

// Subject is one record to (re)link, with every event known for it.
type Subject struct {
	Record *ringer.Record
	Events []ringer.Event
}

// Update links subjects (new or changed records) against the stored graph
// and each other. It returns the personas, links and ring memberships to
// write, and the ids of every record whose links or ring changed (their
// assessments are stale).
func (g *Graph) Update(ctx context.Context, subjects []Subject) (*ringer.Batch, []string, error) {
	return g.UpdateIn(ctx, g.store, subjects)
}

// UpdateIn is Update reading the graph from st instead of the graph's
// store: a transaction of that store (ringer.Tx), so that the links are
// computed from, and written into, one transaction.
func (g *Graph) UpdateIn(ctx context.Context, st GraphStore, subjects []Subject) (*ringer.Batch, []string, error) {
	out := &ringer.Batch{RingMembers: make(map[string]string)}
	feats := make(map[string]*Features, len(subjects))
	keysOf := make(map[string][]string, len(subjects))
	local := make(map[string][]string) // key -> ids in this update
	order := make([]string, 0, len(subjects))
	for _, s := range subjects {
		f := Extract(g.keyer, s.Record, s.Events, false)
		if _, dup := feats[f.ID]; !dup {
			order = append(order, f.ID)
		}
		feats[f.ID] = f
	}
	photoIndex, indexed := st.(ringer.PhotoIndex)
	// The photos of this update, searched beside the store's.
	localPhotos := photo.NewIndex()
	for _, id := range order {
		p, err := g.persona(feats[id], indexed)
		if err != nil {
			return nil, nil, err
		}
		keysOf[id] = p.Keys
		out.Personas = append(out.Personas, p)
		for _, k := range p.Keys {
			local[k] = append(local[k], id)
		}
		if indexed {
			for _, h := range feats[id].Photos {
				localPhotos.Add(id, h)
			}
		}
	}
	out.DeleteLinks = slices.Clone(order)

	stored, err := g.storedRecords(ctx, st, len(order))
	if err != nil {
		return nil, nil, err
	}
	total := stored + len(order)
	model := *g.model
	model.Lambda = priorForPopulation(total)

	// Candidates: stored records and records of this update sharing a key.
	newLinks := make(map[[2]string]ringer.Link)
	texts := newResumeTexts(st, subjects)
	cache := make(map[string]*Features)
	for _, id := range order {
		f := feats[id]
		cands := make(map[string]bool)
		nameKey := ""
		if nk := NameKey(f); nk != "" {
			nameKey = g.keyer.Key(kindBlock, nk)
		}
		nameCount := 0
		// Photo hashes are stored under their exact chunks and looked up
		// under those and their one-bit variants (see photoProbes). In a
		// million records a chunk value is shared by a dozen unrelated
		// photos, so the 68 probes of a photo find hundreds of records:
		// those found only by photo probes are kept as candidates only
		// when what the probes tell of their distance allows a link (see
		// photoHits).
		//
		// A store that searches photos itself (ringer.PhotoIndex) is asked
		// for the photos near the record's instead, after the keys.
		var photoKeys []string
		var probes []photoProbe
		if !indexed {
			photoKeys, probes = g.photoLookupKeys(f)
		}
		// The photo chunk keys among the persona's are in photoKeys too.
		keys := slices.DeleteFunc(slices.Clone(keysOf[id]), isPhotoChunkKey)
		nonPhoto := len(keys)
		keys = append(keys, photoKeys...)
		hits := newPhotoHits(len(f.Photos))
		// A stored graph answers one record at a time, so a blocking group
		// is read only while it is small (MaxLooseBlock): a new record is
		// compared with a handful of look-alikes, never with every
		// namesake of a million. Strong identifiers are read in full, up
		// to strongLimit. All of a record's keys are looked up at once.
		lookups := make([]ringer.KeyLookup, len(keys))
		for i, k := range keys {
			lookups[i] = ringer.KeyLookup{Key: k, Limit: g.opts.MaxLooseBlock + 1}
			if isStrongKey(k) {
				lookups[i].Limit = g.strongLimit
			}
		}
		found, err := ringer.RecordsWithKeys(ctx, st, lookups)
		if err != nil {
			return nil, nil, fmt.Errorf("link %s: %w", id, err)
		}
		for i, k := range keys {
			limit, hs := lookups[i].Limit, found[i]
			ids := make([]string, len(hs))
			for j, h := range hs {
				ids[j] = h.RecordID
			}
			if k == nameKey {
				nameCount = len(ids) + len(local[k])
				if !slices.Contains(ids, id) {
					nameCount-- // this record is counted in local
				}
			}
			if !isStrongKey(k) && len(ids)+len(local[k]) > limit {
				if i >= nonPhoto {
					hits.skip(probes[i-nonPhoto])
				}
				continue // too common a key to say anything
			}
			if i >= nonPhoto {
				hits.add(hs, probes[i-nonPhoto], f.Photos, g.opts.PhotoDistance)
			} else {
				for _, c := range ids {
					cands[c] = true
				}
			}
			for _, c := range local[k] {
				cands[c] = true // in memory: comparing costs no read
			}
		}
		for _, c := range hits.near(cands, g.opts.PhotoDistance, g.allPhotoHits) {
			cands[c] = true
		}
		if indexed && len(f.Photos) > 0 {
			near, err := photoIndex.NearPhotos(ctx, f.Photos, g.opts.PhotoDistance)
			if err != nil {
				return nil, nil, fmt.Errorf("link %s: %w", id, err)
			}
			for _, hs := range near {
				for _, h := range hs {
					cands[h.RecordID] = true
				}
			}
			for _, h := range f.Photos {
				localPhotos.Near(h, g.opts.PhotoDistance, func(hit photo.Hit) { cands[hit.Owner] = true })
			}
		}
		delete(cands, id)
		var missing []string
		for c := range cands {
			if feats[c] == nil && cache[c] == nil {
				missing = append(missing, c)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			err := ringer.PersonaFeatures(ctx, st, missing, func(rid string, b []byte) error {
				cf := new(Features)
				if err := decodeFeatures(b, cf); err != nil {
					return fmt.Errorf("decode persona %s: %w", rid, err)
				}
				cache[rid] = cf
				return nil
			})
			if err != nil {
				return nil, nil, fmt.Errorf("link %s: read personas: %w", id, err)
			}
		}
		for c := range cands {
			cf := feats[c]
			if cf == nil {
				cf = cache[c]
			}
			if cf == nil {
				continue
			}
			nf := 0.0
			if nameKey != "" && NameKey(cf) == NameKey(f) {
				nf = float64(max(nameCount, 1)) / float64(total)
			}
			p := comparePair(f, cf, &model, &g.opts, nf)
			// A résumé estimate near the threshold is settled on the texts.
			if err := texts.settleResume(ctx, &p, id, c, f, cf, &g.opts, &model); err != nil {
				return nil, nil, fmt.Errorf("link %s: %w", id, err)
			}
			if !p.Linked {
				continue
			}
			l := p.Link(id, c, &model)
			newLinks[[2]string{l.A, l.B}] = l
		}
	}
	for _, l := range newLinks {
		out.Links = append(out.Links, l)
	}
	sort.Slice(out.Links, func(i, j int) bool {
		if out.Links[i].A != out.Links[j].A {
			return out.Links[i].A < out.Links[j].A
		}
		return out.Links[i].B < out.Links[j].B
	})

	affected, err := g.rings(ctx, st, order, out)
	if err != nil {
		return nil, nil, err
	}
	return out, affected, nil
}

// photoProbe is what one photo lookup key probes: chunk position chunk
// of the record's photo number photo, as it is (bits 0) or with one bit
// flipped (bits 1).
type photoProbe struct {
	photo, chunk, bits int
}

// isPhotoChunkKey reports whether a persona key files a photo hash chunk.
func isPhotoChunkKey(k string) bool {
	return strings.HasPrefix(k, string(kindPhotoChunk)+":")
}

// photoLookupKeys returns the keys a record's photo hashes are looked up
// under, each with what it probes: the exact chunks, which PersonaKeys
// files the photos under, and their one-bit variants.
func (g *Graph) photoLookupKeys(f *Features) ([]string, []photoProbe) {
	var keys []string
	var probes []photoProbe
	for j, h := range f.Photos {
		exact := photoChunks(h)
		for _, p := range photoProbes(h) {
			pr := photoProbe{photo: j, chunk: int(p >> photoChunkBits), bits: 1}
			if p == exact[pr.chunk] {
				pr.bits = 0
			}
			keys = append(keys, g.keyer.Key(kindPhotoChunk, strconv.FormatUint(p, 16)))
			probes = append(probes, pr)
		}
	}
	return keys, probes
}

// photoHits sorts the records photo probes find. A record whose persona
// filed its photo's hash with the chunk key (ringer.Persona.Tags) is kept
// when that photo is within the link distance, and needs no other
// reading. For a record without tags (a persona stored before tags were),
// it gathers the fewest bits by which each chunk of each of the subject's
// photos differs from the record's (0 or 1; chunks no probe found differ
// by 2 or more), for a lower bound of the distance.
type photoHits struct {
	photos int
	close  map[string]bool   // a tagged photo within the link distance
	far    map[string]bool   // tagged photos, none of them close
	found  map[string][]int8 // untagged: the bits per chunk
	// skipped holds, per chunk of each photo, the fewest bits of a probe
	// whose group was too common to read: records in it are not found,
	// though their chunk may differ by that little.
	skipped []int8
}

func newPhotoHits(photos int) *photoHits {
	h := &photoHits{photos: photos, close: make(map[string]bool), far: make(map[string]bool),
		found: make(map[string][]int8), skipped: make([]int8, photos*photoChunkCount)}
	for i := range h.skipped {
		h.skipped[i] = 2
	}
	return h
}

// add takes the records found by probe p of the subject's photos.
func (h *photoHits) add(hits []ringer.KeyHit, p photoProbe, photos []uint64, maxDist int) {
	for _, hit := range hits {
		c := hit.RecordID
		if hit.Tagged {
			if bits.OnesCount64(uint64(hit.Tag)^photos[p.photo]) <= maxDist {
				h.close[c] = true
			} else {
				h.far[c] = true
			}
			continue
		}
		d := h.found[c]
		if d == nil {
			d = make([]int8, h.photos*photoChunkCount)
			for i := range d {
				d[i] = 2
			}
			h.found[c] = d
		}
		d[p.photo*photoChunkCount+p.chunk] = min(d[p.photo*photoChunkCount+p.chunk], int8(p.bits))
	}
}

func (h *photoHits) skip(p photoProbe) {
	h.skipped[p.photo*photoChunkCount+p.chunk] = min(h.skipped[p.photo*photoChunkCount+p.chunk], int8(p.bits))
}

// near returns the records photo probes found, not in cands already, whose
// photo distance to the subject may be within maxDist (all of them when
// all is set). A tagged record is kept when one of its photo hashes is
// within maxDist. An untagged one is kept when, for some photo of the
// subject, the bits its chunks are known to differ by plus two for each
// chunk not found (or what a skipped probe of the chunk could have found)
// is at most maxDist: a lower bound of the distance (chunks found may
// belong to different photos of the record, which only lowers it), so no
// record within maxDist is left out. With maxDist 6 that leaves out a
// record found by one one-bit probe alone, though at a million records,
// where a third of the probes are skipped, it keeps most.
//
// A record with several photos whose tagged photos are all far is left
// out even when another of its photos, whose probes were all skipped,
// might be near: without tags it was read only when a far photo happened
// to share a chunk.
func (h *photoHits) near(cands map[string]bool, maxDist int, all bool) []string {
	var out []string
	for c := range h.close {
		if !cands[c] {
			out = append(out, c)
		}
	}
	if all {
		for c := range h.far {
			if !cands[c] && !h.close[c] {
				out = append(out, c)
			}
		}
	}
	for c, d := range h.found {
		if cands[c] || h.close[c] || all && h.far[c] {
			continue
		}
		for j := 0; j < len(d); j += photoChunkCount {
			low := 0
			for i, v := range d[j : j+photoChunkCount] {
				low += int(min(v, h.skipped[j+i]))
			}
			if low <= maxDist || all {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// photoTags returns the tags a persona files with its photo chunk keys:
// the hash of the photo each chunk belongs to. A chunk two photos of the
// record share gets no tag (a tag holds one hash).
func (g *Graph) photoTags(f *Features) map[string]int64 {
	if len(f.Photos) == 0 {
		return nil
	}
	tags := make(map[string]int64)
	shared := make(map[string]bool)
	for _, h := range f.Photos {
		for _, c := range photoChunks(h) {
			k := g.keyer.Key(kindPhotoChunk, strconv.FormatUint(c, 16))
			if t, ok := tags[k]; ok && t != int64(h) {
				shared[k] = true
			}
			tags[k] = int64(h)
		}
	}
	for k := range shared {
		delete(tags, k)
	}
	return tags
}

// rings recomputes the rings touched by an update: the components that
// contain an updated record, its new neighbours, or a member of a ring an
// updated record was in (a record that lost links may split its old ring).
func (g *Graph) rings(ctx context.Context, st GraphStore, updated []string, out *ringer.Batch) ([]string, error) {
	isUpdated := make(map[string]bool, len(updated))
	for _, id := range updated {
		isUpdated[id] = true
	}
	adjNew := make(map[string][]string)
	for _, l := range out.Links {
		adjNew[l.A] = append(adjNew[l.A], l.B)
		adjNew[l.B] = append(adjNew[l.B], l.A)
	}
	oldRing := make(map[string]string)
	oldMembers := make(map[string][]string) // stored rings, read whole
	// ringOf returns a record's stored ring. The first member of a ring
	// met reads the whole ring, so that its other members need no query.
	ringOf := func(id string) (string, error) {
		if r, ok := oldRing[id]; ok {
			return r, nil
		}
		r, err := st.RingOf(ctx, id)
		if err != nil {
			return "", fmt.Errorf("ring of %s: %w", id, err)
		}
		oldRing[id] = r
		if _, done := oldMembers[r]; r != "" && !done {
			members, err := st.RingMembers(ctx, r)
			if err != nil {
				return "", fmt.Errorf("ring %s: %w", r, err)
			}
			oldMembers[r] = members
			for _, m := range members {
				oldRing[m] = r
			}
		}
		return r, nil
	}
	var seeds []string
	seeds = append(seeds, updated...)
	for _, id := range updated {
		if _, known := oldRing[id]; known {
			continue // a member of an updated record's ring, seeded with it
		}
		r, err := ringOf(id)
		if err != nil {
			return nil, err
		}
		if r == "" {
			continue
		}
		seeds = append(seeds, oldMembers[r]...)
	}
	// The links an update added or removed: their ends' assessments, and
	// the rings they are in, changed.
	relinked, err := g.relinked(ctx, st, updated, out.Links)
	if err != nil {
		return nil, err
	}
	// neighbours returns the neighbours of each record: the stored links
	// of the records not updated, read in one query, and the new links.
	neighbours := func(ids []string) ([][]string, error) {
		var stored []string
		for _, id := range ids {
			if !isUpdated[id] { // an updated record's stored links are replaced
				stored = append(stored, id)
			}
		}
		links, err := ringer.LinksOfRecords(ctx, st, stored)
		if err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
		out := make([][]string, len(ids))
		j := 0
		for i, id := range ids {
			out[i] = slices.Clone(adjNew[id])
			if isUpdated[id] {
				continue
			}
			for _, l := range links[j] {
				o := l.A
				if o == id {
					o = l.B
				}
				if !isUpdated[o] {
					out[i] = append(out[i], o)
				}
			}
			j++
		}
		return out, nil
	}
	seen := make(map[string]bool)
	var affected []string
	usedIDs := make(map[string]bool)
	for _, s := range seeds {
		if seen[s] {
			continue
		}
		comp := []string{s}
		seen[s] = true
		// Breadth first, a whole layer of records per query.
		for done := 0; done < len(comp); {
			layer := comp[done:]
			done = len(comp)
			nss, err := neighbours(layer)
			if err != nil {
				return nil, err
			}
			for _, ns := range nss {
				for _, n := range ns {
					if !seen[n] {
						seen[n] = true
						comp = append(comp, n)
					}
				}
			}
		}
		sort.Strings(comp)
		// Keep the ring id most members already had, so an analyst's ring
		// keeps its name as it grows.
		ringID := ""
		if len(comp) >= 2 {
			votes := make(map[string]int)
			for _, id := range comp {
				r, err := ringOf(id)
				if err != nil {
					return nil, err
				}
				if r != "" && !usedIDs[r] {
					votes[r]++
				}
			}
			best := 0
			for r, v := range votes {
				if v > best || (v == best && ringLess(r, ringID)) {
					ringID, best = r, v
				}
			}
			if ringID == "" {
				var err error
				if ringID, err = st.NewRingID(ctx); err != nil {
					return nil, fmt.Errorf("new ring id: %w", err)
				}
			}
			usedIDs[ringID] = true
		}
		// A record's assessment shows its ring with the ring's links: when
		// a ring gains or loses a member or a link, every member's is
		// stale, not only those of the records updated.
		changed := false
		for _, id := range comp {
			r, err := ringOf(id)
			if err != nil {
				return nil, err
			}
			if r != ringID || relinked[id] || r != "" && len(oldMembers[r]) != len(comp) {
				changed = true
			}
			out.RingMembers[id] = ringID
		}
		for _, id := range comp {
			if changed || isUpdated[id] {
				affected = append(affected, id)
			}
		}
	}
	sort.Strings(affected)
	affected = slices.Compact(affected)
	return affected, nil
}

// relinked returns the records at either end of a link that the update
// adds, removes or changes (its score or evidence): the updated records'
// stored links against their new ones (links among records not updated do
// not change).
func (g *Graph) relinked(ctx context.Context, st GraphStore, updated []string, links []ringer.Link) (map[string]bool, error) {
	stored, err := ringer.LinksOfRecords(ctx, st, updated)
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	before := make(map[[2]string]ringer.Link)
	for _, ls := range stored {
		for _, l := range ls {
			before[[2]string{l.A, l.B}] = l
		}
	}
	out := make(map[string]bool)
	for _, l := range links {
		k := [2]string{l.A, l.B}
		if b, ok := before[k]; ok {
			delete(before, k)
			if b.Score == l.Score && slices.Equal(b.Evidence, l.Evidence) {
				continue // kept as it was
			}
		}
		out[l.A], out[l.B] = true, true
	}
	for k := range before {
		out[k[0]], out[k[1]] = true, true
	}
	return out, nil
}

// ringLess orders ring ids "ring-2" < "ring-10"; any id beats "".
func ringLess(a, b string) bool {
	if b == "" {
		return true
	}
	na, ea := strconv.Atoi(trimPrefix(a))
	nb, eb := strconv.Atoi(trimPrefix(b))
	if ea == nil && eb == nil {
		return na < nb
	}
	return a < b
}

func trimPrefix(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < '0' || s[i] > '9' {
			return s[i+1:]
		}
	}
	return s
}

// Persona returns what the graph stores of a record: its keys and its
// comparison features, keyed so that they hold no raw contact details.
func (g *Graph) Persona(r *ringer.Record, events []ringer.Event) (ringer.Persona, error) {
	_, indexed := g.store.(ringer.PhotoIndex)
	return g.persona(Extract(g.keyer, r, events, false), indexed)
}

// persona returns the persona of f. For a store that searches photos
// itself (indexed) the photos are given as hashes; for others they are
// filed under their chunk keys as well, each tagged with its hash.
func (g *Graph) persona(f *Features, indexed bool) (ringer.Persona, error) {
	p := ringer.Persona{RecordID: f.ID, Keys: g.PersonaKeys(f), Features: encodeFeatures(f), Photos: f.Photos}
	if indexed {
		p.Keys = slices.DeleteFunc(p.Keys, isPhotoChunkKey)
	} else {
		p.Tags = g.photoTags(f)
	}
	return p, nil
}

// PersonaKeys returns the keys a stored persona is found by: its strong
// identifiers, its keyed blocking keys, its résumé LSH bands and its photo
// hash chunks (which a store that searches photos itself does not need).
// None holds a raw value.
func (g *Graph) PersonaKeys(f *Features) []string {
	keys := slices.Concat(f.Strong, f.Weak)
	for _, b := range BlockingKeys(f) {
		// Single-attribute keys are for batch dedupe of sparse files; in a
		// store they would pull in every namesake as a candidate.
		if isLooseKey(b) && NameKey(f) != "" {
			continue
		}
		keys = append(keys, g.keyer.Key(kindBlock, b))
	}
	if f.Resume != nil {
		for i, b := range f.Resume.BandKeys() {
			keys = append(keys, g.keyer.Key(kindResumeBand, strconv.Itoa(i)+":"+strconv.FormatUint(b, 16)))
		}
	}
	for _, h := range f.Photos {
		for _, c := range photoChunks(h) {
			keys = append(keys, g.keyer.Key(kindPhotoChunk, strconv.FormatUint(c, 16)))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Key kinds of the persona keys that are not identifiers.
const (
	kindBlock      ringer.IdentifierKind = "blk"
	kindResumeBand ringer.IdentifierKind = "rsm"
	kindPhotoChunk ringer.IdentifierKind = "phc"
)

func isStrongKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] == ':' {
			return IsStrong(ringer.IdentifierKind(k[:i]))
		}
	}
	return false
}
