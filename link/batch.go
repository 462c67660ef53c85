package link

import (
	"context"
	"fmt"
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ringerhq/ringer"
)

// Options tune a batch linking run. The zero value means the defaults.
type Options struct {
	// Threshold is the match probability at or above which a same-person
	// pair links (DefaultThreshold when 0).
	Threshold float64
	// MaxBlock is the largest blocking group compared pair by pair; larger
	// groups ("john smith") are too common to say anything and are skipped
	// (default 64). Strong identifiers are never skipped.
	MaxBlock int
	// MaxLooseBlock is the largest group under a single-attribute key
	// (a surname, a birth date, a full name) compared pair by pair
	// (default 16): such a key only helps while it is rare.
	MaxLooseBlock int
	// ResumeSimilarity is the estimated Jaccard similarity of résumé word
	// shingles at or above which two résumés are near-duplicates
	// (default 0.6).
	ResumeSimilarity float64
	// PhotoDistance is the largest Hamming distance between two 64-bit
	// perceptual hashes that counts as the same photo (default 6; at most
	// PhotoSearchRadius, the distance within which the photo index finds
	// every pair).
	PhotoDistance int
	// Workers compare pairs in parallel (default GOMAXPROCS).
	Workers int
	// NoTraining keeps the model as given instead of estimating u from
	// random pairs and m by EM on the candidate pairs.
	NoTraining bool
	// NameFrequency weighs exact name agreement by how common the name is
	// in the batch. It is off by default in a batch whose model EM could
	// fit (a dedupe job, where duplicates of one person inflate their own
	// name's count and EM already calibrates the name weights) and turned
	// on when EM finds too few duplicates to fit (a screening population);
	// the store-backed Graph, whose records are mostly distinct people,
	// always uses it.
	NameFrequency bool
	// Seed makes training's random pair sample repeatable.
	Seed uint64
}

func (o *Options) defaults() {
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MaxBlock == 0 {
		o.MaxBlock = 64
	}
	if o.MaxLooseBlock == 0 {
		o.MaxLooseBlock = 16
	}
	if o.ResumeSimilarity == 0 {
		o.ResumeSimilarity = 0.6
	}
	if o.PhotoDistance == 0 {
		o.PhotoDistance = 6
	}
	o.PhotoDistance = min(o.PhotoDistance, PhotoSearchRadius)
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// Batch links a set of records all at once: it files them under blocking
// keys, compares the candidate pairs, and groups the linked records into
// rings (connected components). Add records, then Run.
type Batch struct {
	seed  maphash.Seed
	opts  Options
	model *Model
	feats []*Features
	byID  map[string]int
}

// NewBatch returns an empty batch that scores pairs with model (DefaultModel
// when nil).
func NewBatch(model *Model, opts Options) *Batch {
	opts.defaults()
	if model == nil {
		model = DefaultModel()
	}
	m := *model
	m.Threshold = opts.Threshold
	return &Batch{seed: maphash.MakeSeed(), opts: opts, model: &m, byID: make(map[string]int)}
}

// Add adds a record's features. A record whose id was added before
// replaces the earlier one (the later line updates the record).
func (b *Batch) Add(f *Features) {
	// In memory the strong identifiers are kept as tagged hashes and the
	// weak ones are dropped: a batch links on the former only, and this
	// halves what a million records take.
	f.packed = f.packed[:0]
	for _, k := range f.Strong {
		f.packed = append(f.packed, packStrong(b.seed, k))
	}
	f.Strong, f.Weak = nil, nil
	if i, ok := b.byID[f.ID]; ok {
		b.feats[i] = f
		return
	}
	b.byID[f.ID] = len(b.feats)
	b.feats = append(b.feats, f)
}

// Len returns the number of distinct records added.
func (b *Batch) Len() int { return len(b.feats) }

// Model returns the model the batch scores with (trained after Run).
func (b *Batch) Model() *Model { return b.model }

// Pair is a scored candidate pair of a batch.
type Pair struct {
	A, B int32 // indexes in the order records were first added
	// Probability is the same-person match probability.
	Probability float64
	// NameFrequency is the share of records with the pair's common given
	// and family name (0 when the names differ or it is unknown).
	NameFrequency float64
	Vector        Vector
	// Shared lists the kinds of strong identifiers the two share.
	Shared []ringer.IdentifierKind
	// ResumeSimilarity is the estimated résumé similarity (0 when not a
	// near-duplicate), or the exact one when ResumeExact; PhotoDistance
	// the smallest photo hash distance (-1 when not near).
	ResumeSimilarity float64
	ResumeExact      bool
	PhotoDistance    int
	// Household reports whether the two give the same home address.
	Household bool
	// Linked reports whether the pair is a link of the identity graph.
	Linked bool
}

// Score is the pair's link score in 0..1: 1 for a shared strong
// identifier, otherwise the highest of the match probability and the
// near-duplicate similarities.
func (p *Pair) Score() float64 {
	if len(p.Shared) > 0 {
		return 1
	}
	s := p.Probability
	if p.ResumeSimilarity > s {
		s = p.ResumeSimilarity
	}
	if p.PhotoDistance >= 0 {
		if ps := 1 - float64(p.PhotoDistance)/64; ps > s {
			s = ps
		}
	}
	return s
}

// ScoredPair is a candidate pair and its link score (see Pair.Score).
type ScoredPair struct {
	A, B  int32
	Score float32
}

// Result is the outcome of a batch run.
type Result struct {
	// IDs are the record ids in the order first added.
	IDs []string
	// Ring gives each record's ring number; records in no link are alone
	// in their ring. Ring numbers count from 0 in order of first member.
	Ring []int32
	// Size gives each ring's size.
	Size []int32
	// Scores has every scored candidate pair, compactly.
	Scores []ScoredPair
	// Links are the linked pairs, with their comparison and evidence.
	Links []Pair
}

// entry is a record filed under a key: the key's top 40 bits and the
// record's index in the low 24, so that a million records' keys take 8
// bytes each and sort as plain integers. Two keys that agree on their top
// 40 bits meet by accident about once in a trillion pairs of keys, which
// only adds a candidate pair to score.
type entry uint64

const idxBits = 24

// MaxBatch is the most records one batch can link.
const MaxBatch = 1<<idxBits - 1

func newEntry(key uint64, idx int32) entry {
	return entry(key&^(1<<idxBits-1) | uint64(idx))
}

func (e entry) key() uint64 { return uint64(e) &^ (1<<idxBits - 1) }
func (e entry) idx() int32  { return int32(uint64(e) & (1<<idxBits - 1)) }

// Run links the batch.
func (b *Batch) Run(ctx context.Context) (*Result, error) {
	n := len(b.feats)
	if n > MaxBatch {
		return nil, fmt.Errorf("link: %d records in one batch, at most %d", n, MaxBatch)
	}
	seed := b.seed

	// 1. File every record under its keys, in parallel.
	type filed struct {
		block, names, loose, strong, resume []entry
	}
	parts := make([]filed, b.opts.Workers)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			p := &parts[w]
			for i := w; i < n; i += b.opts.Workers {
				f := b.feats[i]
				for _, k := range BlockingKeys(f) {
					e := newEntry(maphash.String(seed, k), int32(i))
					switch {
					case isLooseKey(k):
						p.loose = append(p.loose, e)
					case strings.HasPrefix(k, "gf:"):
						p.names = append(p.names, e)
					default:
						p.block = append(p.block, e)
					}
				}
				for _, h := range f.packed {
					p.strong = append(p.strong, newEntry(h, int32(i)))
				}
				if f.Resume != nil {
					for bi, k := range f.Resume.BandKeys() {
						p.resume = append(p.resume, newEntry(k^uint64(bi)<<40, int32(i)))
					}
				}
			}
		}(w)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Join the workers' parts kind by kind, freeing each part as it is
	// copied, so the peak is one kind's worth more than the entries.
	join := func(get func(p *filed) *[]entry) []entry {
		total := 0
		for i := range parts {
			total += len(*get(&parts[i]))
		}
		out := make([]entry, 0, total)
		for i := range parts {
			s := get(&parts[i])
			out = append(out, *s...)
			*s = nil
		}
		return out
	}
	block := join(func(p *filed) *[]entry { return &p.block })
	names := join(func(p *filed) *[]entry { return &p.names })
	loose := join(func(p *filed) *[]entry { return &p.loose })
	strong := join(func(p *filed) *[]entry { return &p.strong })
	resume := join(func(p *filed) *[]entry { return &p.resume })
	parts = nil

	// 2. Candidate pairs from each kind of key.
	// Pairs from two-attribute keys train the model; pairs from rare
	// single attributes are scored too but kept out of training, where
	// their many non-matches would pull EM towards a degenerate fit.
	// A full name alone is a tight group too: a common name shared by
	// dozens says little until a birth date or address joins it.
	// The groups are sorted and paired on two goroutines.
	var strict, loosePairs []uint64
	var pg sync.WaitGroup
	pg.Add(1)
	go func() {
		defer pg.Done()
		loosePairs = pairsFromRuns(loose, b.opts.MaxLooseBlock, nil)
	}()
	strict = pairsFromRuns(block, b.opts.MaxBlock, nil)
	strict = pairsFromRuns(names, b.opts.MaxLooseBlock, strict)
	slices.Sort(strict)
	strict = slices.Compact(strict)
	pg.Wait()
	block, names, loose = nil, nil, nil
	cands := append(slices.Clone(strict), loosePairs...)
	loosePairs = nil
	shared := make(map[uint64][]ringer.IdentifierKind)
	forRuns(strong, func(run []entry) {
		// An entry keeps 40 bits of the key; a shared identifier is
		// decisive, so members are regrouped by their full 64-bit keys.
		full := make(map[uint64][]int32)
		for _, e := range run {
			for _, h := range b.feats[e.idx()].packed {
				if h&^(1<<idxBits-1) == e.key() {
					full[h] = append(full[h], e.idx())
				}
			}
		}
		for h, members := range full {
			kind := packedKind(h)
			// A large group (a laptop-farm address, a payout account
			// shared by dozens) is linked as a star: connectivity is the
			// same and the pair count stays linear.
			star := len(members) > 32
			for i := range members {
				for j := i + 1; j < len(members); j++ {
					if star && i > 0 {
						break
					}
					k := pairKey(members[i], members[j])
					if !slices.Contains(shared[k], kind) {
						shared[k] = append(shared[k], kind)
					}
				}
			}
		}
	})
	strong = nil
	resumeSim := make(map[uint64]float64)
	forRuns(resume, func(run []entry) {
		if len(run) > 4*b.opts.MaxBlock {
			return // a stock template shared by many: not one operator
		}
		for i := range run {
			for j := i + 1; j < len(run); j++ {
				s := b.feats[run[i].idx()].Resume.Similarity(b.feats[run[j].idx()].Resume)
				if s >= b.opts.ResumeSimilarity {
					resumeSim[pairKey(run[i].idx(), run[j].idx())] = s
				}
			}
		}
	})
	resume = nil
	photoDist := nearPhotoPairs(b.feats, min(b.opts.PhotoDistance, PhotoSearchRadius), 16*b.opts.MaxBlock, b.opts.Workers)
	for k := range shared {
		cands = append(cands, k)
	}
	for k := range resumeSim {
		cands = append(cands, k)
	}
	for k := range photoDist {
		cands = append(cands, k)
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// How common is each record's name? (for the term-frequency weight)
	nameHash := make([]uint64, n)
	nameCount := make(map[uint64]int32)
	for i, f := range b.feats {
		if k := NameKey(f); k != "" {
			h := maphash.String(seed, k)
			nameHash[i] = h
			nameCount[h]++
		}
	}
	nameFreq := func(a, c int32) float64 {
		if !b.opts.NameFrequency || nameHash[a] == 0 || nameHash[a] != nameHash[c] {
			return 0
		}
		return float64(nameCount[nameHash[a]]) / float64(n)
	}

	// 3. Compare every candidate pair, counting the comparison patterns
	// of the training pairs on the way.
	vecs := make([]Vector, len(cands))
	patterns := make(map[Vector]int)
	var pmu sync.Mutex
	b.parallel(len(cands), func(lo, hi int) {
		local := make(map[Vector]int)
		for i := lo; i < hi; i++ {
			a, c := unpair(cands[i])
			vecs[i] = Compare(b.feats[a], b.feats[c])
			if _, ok := slices.BinarySearch(strict, cands[i]); ok {
				local[vecs[i]]++
			}
		}
		pmu.Lock()
		for v, c := range local {
			patterns[v] += c
		}
		pmu.Unlock()
	})

	// 4. Train: u from random pairs, m and λ by EM on the candidates.
	if !b.opts.NoTraining && n >= 50 {
		rng := rand.New(rand.NewPCG(b.opts.Seed, 0x5eed))
		samples := min(200_000, n*(n-1)/2)
		b.model.EstimateU(b.feats, samples, rng)
		trained := 0
		for _, c := range patterns {
			trained += c
		}
		all := float64(n) * float64(n-1) / 2
		if b.model.EM(patterns, 25) {
			// EM's prior is the share of matches among the training
			// pairs. Scored pairs come from looser keys too, so the prior
			// that fits them is the chance that two records of the whole
			// batch match: the expected matching pairs over all pairs.
			b.model.Lambda = clamp(b.model.Lambda*float64(trained)/all, 1e-9, 0.5)
		} else {
			// A screening population: nearly everyone is one record, so
			// names are counted without duplicates inflating them.
			b.model.Lambda = priorForPopulation(n)
			b.opts.NameFrequency = true
		}
	}

	// 5. Score and link. Every candidate keeps a compact score; only the
	// linked pairs keep their comparison, which bounds memory on large
	// batches.
	res := &Result{IDs: make([]string, n), Scores: make([]ScoredPair, len(cands))}
	for i, f := range b.feats {
		res.IDs[i] = f.ID
	}
	var mu sync.Mutex
	b.parallel(len(cands), func(lo, hi int) {
		var linked []Pair
		for i := lo; i < hi; i++ {
			a, c := unpair(cands[i])
			k := cands[i]
			nf := nameFreq(a, c)
			p := Pair{A: a, B: c, Vector: vecs[i], Probability: b.model.Probability(vecs[i], nf), NameFrequency: nf,
				Shared: shared[k], ResumeSimilarity: resumeSim[k], PhotoDistance: -1}
			if d, ok := photoDist[k]; ok {
				p.PhotoDistance = d
			}
			p.Linked = len(p.Shared) > 0 || p.ResumeSimilarity > 0 || p.PhotoDistance >= 0 ||
				p.Probability >= b.model.Threshold
			res.Scores[i] = ScoredPair{A: a, B: c, Score: float32(p.Score())}
			if p.Linked {
				linked = append(linked, p)
			}
		}
		mu.Lock()
		res.Links = append(res.Links, linked...)
		mu.Unlock()
	})
	vecs = nil
	slices.SortFunc(res.Links, func(x, y Pair) int {
		if x.A != y.A {
			return int(x.A - y.A)
		}
		return int(x.B - y.B)
	})

	// 6. Rings: connected components of the links.
	uf := newUnionFind(n)
	for i := range res.Links {
		uf.union(res.Links[i].A, res.Links[i].B)
	}
	res.Ring = make([]int32, n)
	number := make(map[int32]int32)
	for i := 0; i < n; i++ {
		root := uf.find(int32(i))
		r, ok := number[root]
		if !ok {
			r = int32(len(res.Size))
			number[root] = r
			res.Size = append(res.Size, 0)
		}
		res.Ring[i] = r
		res.Size[r]++
	}
	return res, nil
}

// parallel runs fn over [0,n) split in contiguous chunks across workers.
func (b *Batch) parallel(n int, fn func(lo, hi int)) {
	w := b.opts.Workers
	if n < 4096 || w == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + w - 1) / w
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

func pairKey(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(uint32(b))
}

func unpair(k uint64) (int32, int32) { return int32(k >> 32), int32(uint32(k)) }

// forRuns sorts entries by key and calls fn with each run of two or more
// entries that share a key, duplicates of one record removed.
func forRuns(es []entry, fn func(run []entry)) {
	slices.Sort(es)
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].key() == es[i].key() {
			j++
		}
		if j-i >= 2 {
			run := slices.CompactFunc(es[i:j], func(a, b entry) bool { return a.idx() == b.idx() })
			if len(run) >= 2 {
				fn(run)
			}
		}
		i = j
	}
}

// pairsFromRuns appends to out every pair within each run of at most max
// entries.
func pairsFromRuns(es []entry, max int, out []uint64) []uint64 {
	forRuns(es, func(run []entry) {
		if len(run) > max {
			return
		}
		for i := range run {
			for j := i + 1; j < len(run); j++ {
				out = append(out, pairKey(run[i].idx(), run[j].idx()))
			}
		}
	})
	return out
}

func minPhotoDistance(a, b []uint64) int {
	best := 65
	for _, x := range a {
		for _, y := range b {
			if d := bits.OnesCount64(x ^ y); d < best {
				best = d
			}
		}
	}
	return best
}

// unionFind is a disjoint-set forest with path halving and union by size.
type unionFind struct {
	parent []int32
	size   []int32
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
}

// AddIdentifiers adds identifiers observed in events to a record already
// added: strong ones link, weak ones are kept for context. Identifiers of
// a record not in the batch are ignored.
func (b *Batch) AddIdentifiers(recordID string, ids []ringer.Identifier) {
	i, ok := b.byID[recordID]
	if !ok {
		return
	}
	f := b.feats[i]
	for _, id := range ids {
		if IsStrong(id.Kind) {
			if h := packStrong(b.seed, id.Key); !slices.Contains(f.packed, h) {
				f.packed = append(f.packed, h)
			}
		}
	}
}

// packedKinds numbers the strong identifier kinds for packStrong.
var packedKinds = []ringer.IdentifierKind{"", ringer.IDEmail, ringer.IDPhone, ringer.IDDocument,
	ringer.IDPayoutAccount, ringer.IDWallet, ringer.IDDevice, ringer.IDMFADevice, ringer.IDShipping,
	ringer.IDPhoto, ringer.IDProfile}

// packStrong hashes a strong key ("kind:…") to 56 bits and puts the
// kind's number in the top byte.
func packStrong(seed maphash.Seed, key string) uint64 {
	kind, _, _ := strings.Cut(key, ":")
	n := slices.Index(packedKinds, ringer.IdentifierKind(kind))
	if n < 0 {
		n = 0
	}
	return maphash.String(seed, key)&(1<<56-1) | uint64(n)<<56
}

// packedKind returns the kind of a packed strong key.
func packedKind(h uint64) ringer.IdentifierKind { return packedKinds[h>>56] }
