package watchlist

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/names"
	"github.com/ringerhq/ringer/watchlist/entity"
)

// ListInfo describes one loaded list.
type ListInfo struct {
	Name     string    `json:"name"`
	Title    string    `json:"title"`
	Format   string    `json:"format"`
	Source   string    `json:"source,omitempty"`
	Entries  int       `json:"entries"`
	FileDate time.Time `json:"file_date,omitzero"`
	Imported time.Time `json:"imported_at,omitzero"`
}

// nameRef is one searchable name of an entity: its primary name or an
// alias, prepared for matching.
type nameRef struct {
	entity int32
	weak   bool
	name   names.Name
}

// Index answers name and identifier queries over loaded lists. Name
// queries are answered from candidates found through the romanization keys
// of the query's tokens, their known spelling variants and their
// one-edit neighbours, never by scanning the lists. An Index is read-only
// once built and safe for concurrent use.
type Index struct {
	matcher  *names.Matcher
	lists    []ListInfo
	entities []entity.Entity
	refs     []nameRef
	// vocab numbers the token keys; postings[v] lists the name refs
	// holding key v.
	vocab    map[string]int32
	postings [][]int32
	// deletes maps a single-token key with one letter removed to the keys
	// it came from, for misspelled queries.
	deletes map[string][]int32
	// idents maps "kind:canonical value" to the entities carrying it.
	idents map[string][]int32
	// scratch pools per-search accumulators.
	scratch sync.Pool
}

// fuzzyMinLen and fuzzyMaxLen bound the keys whose one-edit neighbours
// are searched.
const (
	fuzzyMinLen = 4
	fuzzyMaxLen = 16
)

// maxPosting is the longest posting list read for a query token when the
// query has rarer tokens to find candidates by.
const maxPosting = 3000

// candidates is how many best-scoring candidates are fully compared.
const candidates = 16

// NewIndex builds an index over lists.
func NewIndex(lists []*entity.List, infos []ListInfo) *Index {
	ix := &Index{
		matcher: names.NewMatcher(),
		vocab:   make(map[string]int32, 1<<16),
		deletes: make(map[string][]int32, 1<<18),
		idents:  make(map[string][]int32),
		lists:   infos,
	}
	n := 0
	for _, l := range lists {
		n += len(l.Entities)
	}
	ix.entities = make([]entity.Entity, 0, n)
	for _, l := range lists {
		ix.entities = append(ix.entities, l.Entities...)
	}
	prepared := ix.prepareAll()
	for i := range ix.entities {
		e := &ix.entities[i]
		if e.Type != entity.Indicator {
			for _, nr := range prepared[i] {
				nm := nr.name
				ref := int32(len(ix.refs))
				ix.refs = append(ix.refs, nr)
				for u, k := range nm.Units() {
					v, ok := ix.vocab[k]
					if !ok {
						v = int32(len(ix.postings))
						ix.vocab[k] = v
						ix.postings = append(ix.postings, nil)
						if nm.UnitSpan(u) == 1 && len(k) >= fuzzyMinLen && len(k) <= fuzzyMaxLen {
							for _, d := range deletes1(k) {
								ix.deletes[d] = append(ix.deletes[d], v)
							}
						}
					}
					if p := ix.postings[v]; len(p) == 0 || p[len(p)-1] != ref {
						ix.postings[v] = append(p, ref)
					}
				}
			}
		}
		for _, id := range identifiers(e) {
			ix.idents[id] = append(ix.idents[id], int32(i))
		}
	}
	ix.scratch.New = func() any { return &accumulator{score: make([]float32, len(ix.refs))} }
	return ix
}

// prepareAll prepares every entity's names, spread over the cores: it is
// most of the work of building an index.
func (ix *Index) prepareAll() [][]nameRef {
	out := make([][]nameRef, len(ix.entities))
	workers := min(runtime.GOMAXPROCS(0), 8)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(ix.entities); i += workers {
				e := &ix.entities[i]
				if e.Type == entity.Indicator {
					continue
				}
				kind := kindOf(e.Type)
				add := func(s string, weak bool) {
					nm := ix.matcher.Prepare(s, kind)
					if len(nm.Tokens) > 0 {
						out[i] = append(out[i], nameRef{entity: int32(i), weak: weak, name: nm})
					}
				}
				add(e.Name, false)
				for _, a := range e.Aliases {
					add(a.Name, a.Strength == entity.Weak)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

func kindOf(t entity.Type) names.Kind {
	switch t {
	case entity.Organization:
		return names.Organization
	case entity.Vessel, entity.Aircraft:
		return names.Vessel
	}
	return names.Person
}

// deletes1 returns s with each one of its letters removed.
func deletes1(s string) []string {
	out := make([]string, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

// Lists describes the loaded lists.
func (ix *Index) Lists() []ListInfo { return slices.Clone(ix.lists) }

// Len returns the number of entries.
func (ix *Index) Len() int { return len(ix.entities) }

// Names returns the number of searchable names (primary names and aliases).
func (ix *Index) Names() int { return len(ix.refs) }

// Matcher returns the index's name matcher.
func (ix *Index) Matcher() *names.Matcher { return ix.matcher }

// Query is a name search.
type Query struct {
	Name string
	// Kind restricts and shapes the match: person, organization or vessel.
	// Empty searches every kind, comparing as a person name.
	Kind string
	// BirthDate and Country qualify a person match up or down.
	BirthDate ringer.Date
	Country   string
	// Limit bounds the hits; 0 means 10.
	Limit int
	// MinScore drops weaker hits; 0 means the index's review floor.
	MinScore float64
}

// Hit is one list entry a query matched.
type Hit struct {
	Entity *entity.Entity `json:"entity"`
	// Matched is the entry's name or alias that matched best.
	Matched string `json:"matched_name"`
	// Score in 0..1 combines the name score with the qualifiers.
	Score float64 `json:"score"`
	// NameScore is the name similarity alone.
	NameScore float64 `json:"name_score"`
	// Specificity is how much identity the matched name carries (low for
	// common names).
	Specificity float64 `json:"specificity"`
	// Why explains the score in one line.
	Why string `json:"why"`
	// Qualifiers lists what moved the score: birth date, country.
	Qualifiers []string `json:"qualifiers,omitempty"`

	match names.Match
	weak  bool
}

// ReviewFloor is the lowest score a search returns by default: hits
// between it and names.DefaultThreshold are possible matches worth a look.
const ReviewFloor = 0.6

type accumulator struct {
	score   []float32
	touched []int32
}

// Search finds the entries whose names match q.Name, best first.
func (ix *Index) Search(q Query) []Hit {
	kind, kindSet := names.Person, false
	if q.Kind != "" {
		if k, err := names.ParseKind(q.Kind); err == nil {
			kind, kindSet = k, true
		}
	}
	qn := ix.matcher.Prepare(q.Name, kind)
	if len(qn.Tokens) == 0 || len(ix.refs) == 0 {
		return nil
	}
	acc := ix.scratch.Get().(*accumulator)
	defer func() {
		for _, r := range acc.touched {
			acc.score[r] = 0
		}
		acc.touched = acc.touched[:0]
		ix.scratch.Put(acc)
	}()
	ix.collect(&qn, acc)
	// Best candidates by accumulated token weight.
	cands := acc.touched
	if len(cands) > candidates {
		cands = slices.Clone(cands)
		slices.SortFunc(cands, func(a, b int32) int {
			sa, sb := acc.score[a], acc.score[b]
			if sa > sb {
				return -1
			} else if sa < sb {
				return 1
			}
			return int(a - b)
		})
		cands = cands[:candidates]
	}
	minScore := q.MinScore
	if minScore == 0 {
		minScore = ReviewFloor
	}
	best := make(map[int32]Hit)
	var byKind [3]*names.Name
	// Candidates that share much less of the query's weight than the best
	// one cannot reach the floor.
	var top float32
	for _, r := range cands {
		top = max(top, acc.score[r])
	}
	floor := top * 0.35
	for _, r := range cands {
		ref := &ix.refs[r]
		e := &ix.entities[ref.entity]
		if kindSet && kindOf(e.Type) != kind {
			continue
		}
		nm := &ref.name
		if acc.score[r] < floor {
			continue
		}
		qk := &qn
		if !kindSet && nm.Kind != kind {
			// An untyped query is compared as a name of the entry's kind.
			if byKind[nm.Kind] == nil {
				p := ix.matcher.Prepare(q.Name, nm.Kind)
				byKind[nm.Kind] = &p
			}
			qk = byKind[nm.Kind]
		}
		m := ix.matcher.Compare(qk, nm)
		ix.consider(best, ref, e, m, q)
	}
	hits := make([]Hit, 0, len(best))
	for _, h := range best {
		if h.Score >= minScore {
			hits = append(hits, h)
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Entity.ID < hits[j].Entity.ID
	})
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	for i := range hits {
		h := &hits[i]
		h.Why = why(h.Matched, h.match, h.Qualifiers, h.weak)
	}
	return hits
}

// collect accumulates, for every name ref sharing a token key (exact, a
// spelling variant, or one edit away) with the query, the query tokens'
// weight.
func (ix *Index) collect(qn *names.Name, acc *accumulator) {
	keys := qn.Units()
	type look struct {
		v int32
		w float32
	}
	var lb [64]look
	looks := lb[:0]
	addKey := func(k string, w float32) {
		if v, ok := ix.vocab[k]; ok {
			looks = append(looks, look{v, w})
		}
	}
	for i, k := range keys {
		w := float32(qn.UnitWeight(i))
		addKey(k, w)
		for _, v := range ix.matcher.VariantKeys(qn.UnitText(i)) {
			if v != k {
				addKey(v, w*0.95)
			}
		}
		if qn.UnitSpan(i) == 1 && len(k) >= fuzzyMinLen && len(k) <= fuzzyMaxLen {
			// Keys one edit away: k with a letter removed, keys that give
			// k or k-with-one-removed when a letter is removed.
			for _, v := range ix.deletes[k] {
				looks = append(looks, look{v, w * 0.8})
			}
			for _, d := range deletes1(k) {
				addKey(d, w*0.8)
				for _, v := range ix.deletes[d] {
					looks = append(looks, look{v, w * 0.8})
				}
			}
		}
	}
	// Rare keys first; very long postings are read only when nothing
	// rarer found candidates.
	slices.SortFunc(looks, func(a, b look) int {
		if d := len(ix.postings[a.v]) - len(ix.postings[b.v]); d != 0 {
			return d
		}
		if a.w > b.w {
			return -1
		} else if a.w < b.w {
			return 1
		}
		return 0
	})
	for i, l := range looks {
		dup := false
		for _, x := range looks[:i] {
			if x.v == l.v {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		p := ix.postings[l.v]
		if len(p) > maxPosting && len(acc.touched) > 0 {
			// Boost candidates already found; add none.
			for _, r := range p {
				if acc.score[r] > 0 {
					acc.score[r] += l.w
				}
			}
			continue
		}
		for _, r := range p {
			if acc.score[r] == 0 {
				acc.touched = append(acc.touched, r)
			}
			acc.score[r] += l.w
		}
	}
}

// consider scores a compared name against the query's qualifiers and
// keeps the best hit per entity.
func (ix *Index) consider(best map[int32]Hit, ref *nameRef, e *entity.Entity, m names.Match, q Query) {
	if m.Score < 0.5 {
		return
	}
	h := Hit{Entity: e, Matched: ref.name.Original, NameScore: m.Score, Specificity: m.Specificity, match: m, weak: ref.weak}
	score, quals := qualify(m, ref.weak, e, q.BirthDate, q.Country)
	h.Score = score
	h.Qualifiers = quals
	if old, ok := best[ref.entity]; !ok || h.Score > old.Score {
		best[ref.entity] = h
	}
}

// qualify turns a name match into a hit score. A name alone counts in full
// only when it carries identity (a rare token matched); a name made of
// common tokens ("Kim Yong Chol", "John Smith") is held below the match
// threshold unless a birth date or country confirms it. A weak alias
// counts less. A birth date that contradicts every listed one, when both
// are known, lowers the score.
func qualify(m names.Match, weak bool, e *entity.Entity, dob ringer.Date, country string) (float64, []string) {
	score := m.Score * (0.55 + 0.45*m.Specificity)
	if weak {
		score *= 0.8
	}
	var quals []string
	if !dob.IsZero() && len(e.BirthDates) > 0 {
		switch dateAgreement(dob, e.BirthDates, e.BirthCirca) {
		case 1:
			// A confirmed birth date restores the full name score.
			score = min(1, m.Score+0.05)
			quals = append(quals, "birth date "+dob.String()+" matches")
		case -1:
			score *= 0.75
			quals = append(quals, "birth date "+dob.String()+" differs from the listed ones")
		}
	}
	if country != "" {
		c := normalizeCountry(country)
		if c != "" && slices.Contains(e.Countries(), c) {
			score = min(1, score+0.05)
			quals = append(quals, "country "+c+" matches")
		}
	}
	return round3(score), quals
}

// dateAgreement is 1 when the date agrees with one of the listed dates at
// the precision both have, -1 when it agrees with none, 0 when unknown.
// Circa dates agree within a year.
func dateAgreement(d ringer.Date, listed []ringer.Date, circa bool) int {
	for _, l := range listed {
		if l.Year == 0 {
			continue
		}
		dy := d.Year - l.Year
		if dy < 0 {
			dy = -dy
		}
		if dy == 0 || circa && dy <= 1 {
			if d.Month == 0 || l.Month == 0 || d.Month == l.Month && (d.Day == 0 || l.Day == 0 || d.Day == l.Day) {
				return 1
			}
		}
	}
	return -1
}

func why(matched string, m names.Match, quals []string, weak bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name %q %s", matched, m.Explain())
	if weak {
		b.WriteString("; weak alias")
	}
	for _, q := range quals {
		b.WriteString("; ")
		b.WriteString(q)
	}
	return b.String()
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
