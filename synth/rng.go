package synth

import (
	"math/rand/v2"
	"sort"
	"strconv"
)

// table is a weighted list to draw from.
type table struct {
	items []string
	cum   []float64
}

func newTable(items []string, weights []float64) *table {
	if len(items) != len(weights) {
		panic("synth: table of " + strconv.Itoa(len(items)) + " items with " +
			strconv.Itoa(len(weights)) + " weights")
	}
	t := &table{items: items, cum: make([]float64, len(items))}
	sum := 0.0
	for i, w := range weights {
		sum += w
		t.cum[i] = sum
	}
	for i := range t.cum {
		t.cum[i] /= sum
	}
	return t
}

func (t *table) draw(r *rand.Rand) string {
	return t.items[t.index(r)]
}

func (t *table) index(r *rand.Rand) int {
	i := sort.SearchFloat64s(t.cum, r.Float64())
	if i >= len(t.items) {
		i = len(t.items) - 1
	}
	return i
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// between returns an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// hexString returns n random lower-case hex digits.
func hexString(r *rand.Rand, n int) string {
	const hx = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = hx[r.IntN(16)]
	}
	return string(b)
}

// upperAlnum returns n random upper-case letters and digits.
func upperAlnum(r *rand.Rand, n int) string {
	const cs = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = cs[r.IntN(len(cs))]
	}
	return string(b)
}

// permute32 is a bijection on uint32 (an integer hash whose every step is
// invertible), so distinct counters give distinct, unordered ids.
func permute32(x, key uint32) uint32 {
	x ^= key
	x ^= x >> 16
	x *= 0x7feb352d
	x ^= x >> 15
	x *= 0x846ca68b
	x ^= x >> 16
	return x
}
