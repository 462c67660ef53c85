package link

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"

	"github.com/ringerhq/ringer"
)

// Model is a Fellegi–Sunter model of whether two records describe the same
// person. For each field and comparison level it holds m, the probability
// of the level among true matches, and u, its probability among non-matches.
// A pair's match weight is the sum over fields of log2(m/u) for the level
// observed (missing fields add nothing), plus the prior log-odds; its match
// probability is the logistic of that weight. Every figure is explainable
// field by field (Explain).
type Model struct {
	M, U [NumFields][5]float64
	// Lambda is the prior probability that a candidate pair is a match.
	Lambda float64
	// Threshold is the match probability at or above which two records
	// are linked.
	Threshold float64
}

// DefaultThreshold is the match probability at or above which a pair of
// records is linked unless the user says otherwise.
const DefaultThreshold = 0.5

// DefaultModel returns a model with prior m and u values that hold for
// person data in general: exact agreement on a birth date or a street is
// rare among strangers, common among duplicates. Batch linking re-estimates
// u from random pairs and m from the candidate pairs (EM) of the data at
// hand; screening single records uses these values.
func DefaultModel() *Model {
	m := &Model{Lambda: 0.01, Threshold: DefaultThreshold}
	set := func(f Field, mm, uu []float64) {
		copy(m.M[f][1:], mm)
		copy(m.U[f][1:], uu)
	}
	set(FieldGiven, []float64{0.06, 0.06, 0.10, 0.78}, []float64{0.95, 0.035, 0.01, 0.005})
	set(FieldFamily, []float64{0.06, 0.06, 0.10, 0.78}, []float64{0.96, 0.03, 0.007, 0.003})
	set(FieldBirth, []float64{0.03, 0.05, 0.12, 0.80}, []float64{0.97, 0.026, 0.0035, 0.0001})
	set(FieldStreet, []float64{0.12, 0.05, 0.13, 0.70}, []float64{0.998, 0.0015, 0.0003, 0.0002})
	set(FieldLine2, []float64{0.25, 0.10, 0.65}, []float64{0.99, 0.008, 0.002})
	set(FieldCity, []float64{0.12, 0.10, 0.78}, []float64{0.90, 0.02, 0.08})
	set(FieldPostcode, []float64{0.07, 0.10, 0.83}, []float64{0.99, 0.008, 0.002})
	set(FieldRegion, []float64{0.06, 0.94}, []float64{0.75, 0.25})
	set(FieldEmail, []float64{0.35, 0.20, 0.45}, []float64{0.999, 0.0009, 0.0001})
	set(FieldPhone, []float64{0.45, 0.55}, []float64{0.9999, 0.0001})
	set(FieldDocument, []float64{0.06, 0.10, 0.84}, []float64{0.9999, 0.00009, 0.00001})
	return m
}

// weight returns log2(m/u) of a field at a level; 0 for a missing field.
func (m *Model) weight(f Field, level uint8) float64 {
	if level == levelNull {
		return 0
	}
	return math.Log2(m.M[f][level] / m.U[f][level])
}

// fieldWeights returns each field's log2(m/u) at its level. When both
// names agree exactly and nameFreq (the share of records that carry this
// given and family name together) is known, the two name weights are
// replaced by one that measures how rare the name is: agreeing on "Wang
// Wei" or "Maria Garcia" says less than agreeing on a rare name.
func (m *Model) fieldWeights(v Vector, nameFreq float64) [NumFields]float64 {
	var w [NumFields]float64
	for f := Field(0); f < NumFields; f++ {
		w[f] = m.weight(f, v[f])
	}
	if nameFreq > 0 && v[FieldGiven] == 4 && v[FieldFamily] == 4 {
		mm := m.M[FieldGiven][4] * m.M[FieldFamily][4]
		u := math.Max(nameFreq, m.U[FieldGiven][4]*m.U[FieldFamily][4])
		tf := math.Log2(mm / u)
		share := w[FieldGiven] / (w[FieldGiven] + w[FieldFamily])
		w[FieldGiven], w[FieldFamily] = tf*share, tf*(1-share)
	}
	return w
}

// namesDisagree reports whether two records clearly name different
// people: given or family names both present and different, with neither
// the birth date nor an e-mail, phone or document in common to say
// otherwise. Household members
// share an address and often a family name; without this rule the
// address alone would make them one person.
func namesDisagree(v Vector) bool {
	if v[FieldEmail] == 3 || v[FieldPhone] == 2 || v[FieldDocument] == 3 {
		return false
	}
	if v[FieldBirth] >= 3 {
		return false // the same birth date: a typo in a name, not another person
	}
	return v[FieldGiven] == levelDisagree || v[FieldFamily] == levelDisagree && v[FieldGiven] != 4
}

// Weight returns the match weight (log2 odds) of a comparison vector,
// prior included; nameFreq as for Probability.
func (m *Model) Weight(v Vector, nameFreq float64) float64 {
	w := math.Log2(m.Lambda / (1 - m.Lambda))
	for _, x := range m.fieldWeights(v, nameFreq) {
		w += x
	}
	return w
}

// Probability returns the match probability of a comparison vector.
// nameFreq is the share of records with the pair's given and family name
// (0 when unknown). Records whose names clearly disagree get 0.
func (m *Model) Probability(v Vector, nameFreq float64) float64 {
	if namesDisagree(v) {
		return 0
	}
	return 1 / (1 + math.Exp2(-m.Weight(v, nameFreq)))
}

// emProbability is the plain model probability used while training.
func (m *Model) emProbability(v Vector) float64 {
	return 1 / (1 + math.Exp2(-m.Weight(v, 0)))
}

// Explain returns one piece of evidence per field that spoke for the
// match, each weighted by its share of the positive match weight, most
// telling first.
func (m *Model) Explain(v Vector, nameFreq float64) []ringer.Evidence {
	var ev []ringer.Evidence
	ws := m.fieldWeights(v, nameFreq)
	total := 0.0
	for _, w := range ws {
		if w > 0 {
			total += w
		}
	}
	for f := Field(0); f < NumFields; f++ {
		w := ws[f]
		if w <= 0 {
			continue
		}
		ev = append(ev, ringer.Evidence{Kind: f.String(), Weight: round3(w / total),
			Detail: fmt.Sprintf("%s %s (%+.1f bits)", strings.ReplaceAll(f.String(), "_", " "), levelNames[f][v[f]], w)})
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Weight > ev[j].Weight })
	return ev
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// EstimateU sets u from random pairs of records, nearly all of which are
// non-matches. Levels never seen keep a floor of half an observation.
func (m *Model) EstimateU(feats []*Features, pairs int, rng *rand.Rand) {
	n := len(feats)
	if n < 2 {
		return
	}
	// The pairs are drawn up front (repeatable for a seed) and compared
	// on two goroutines.
	draws := make([][2]int32, pairs)
	for i := range draws {
		a, b := rng.IntN(n), rng.IntN(n-1)
		if b >= a {
			b++
		}
		draws[i] = [2]int32{int32(a), int32(b)}
	}
	var halves [2][NumFields][5]float64
	var wg sync.WaitGroup
	for h := range halves {
		wg.Add(1)
		go func(h int) {
			defer wg.Done()
			for i := h; i < len(draws); i += 2 {
				v := Compare(feats[draws[i][0]], feats[draws[i][1]])
				for f := range v {
					if v[f] != levelNull {
						halves[h][f][v[f]]++
					}
				}
			}
		}(h)
	}
	wg.Wait()
	var counts [NumFields][5]float64
	for h := range halves {
		for f := range counts {
			for l := range counts[f] {
				counts[f][l] += halves[h][f][l]
			}
		}
	}
	for f := Field(0); f < NumFields; f++ {
		total := 0.0
		for l := 1; l < levels[f]; l++ {
			total += counts[f][l]
		}
		if total < 100 {
			continue // too few observations: keep the prior
		}
		for l := 1; l < levels[f]; l++ {
			m.U[f][l] = math.Max(counts[f][l], 0.5) / (total + 0.5*float64(levels[f]-1))
		}
	}
}

// emPrior is how many pseudo-pairs the prior m values count for in EM: a
// batch with few true duplicates (a screening population, where nearly
// everyone is one record) keeps the prior; a batch full of duplicates
// (a dedupe job) overrides it.
const emPrior = 200

// EM re-estimates m and the prior λ from the comparison vectors of
// candidate pairs by expectation–maximisation, u held fixed and m drawn
// towards its prior values by emPrior pseudo-pairs. patterns maps each
// distinct vector to how many candidate pairs have it. It reports whether
// the fit is sane — agreeing on a name or a birth date is likelier among
// matches than disagreeing — and leaves the model unchanged when it is not:
// without enough true duplicates EM finds some other structure (people
// sharing a common given name, say) and calls it a match.
func (m *Model) EM(patterns map[Vector]int, iterations int) bool {
	if len(patterns) == 0 {
		return false
	}
	fit := *m
	prior := m.M
	for it := 0; it < iterations; it++ {
		var num [NumFields][5]float64
		var den [NumFields]float64
		matches, total := 0.0, 0.0
		for v, c := range patterns {
			p := fit.emProbability(v) * float64(c)
			matches += p
			total += float64(c)
			for f := range v {
				if v[f] == levelNull {
					continue
				}
				num[f][v[f]] += p
				den[f] += p
			}
		}
		if matches < 1 {
			return false
		}
		fit.Lambda = clamp(matches/total, 1e-6, 0.5)
		for f := Field(0); f < NumFields; f++ {
			for l := 1; l < levels[f]; l++ {
				fit.M[f][l] = clamp((num[f][l]+emPrior*prior[f][l])/(den[f]+emPrior), 1e-4, 0.9999)
			}
		}
	}
	for _, f := range []Field{FieldGiven, FieldFamily, FieldBirth} {
		top := levels[f] - 1
		if fit.M[f][top] <= fit.M[f][levelDisagree] {
			return false
		}
	}
	*m = fit
	return true
}

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
