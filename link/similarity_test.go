package link

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
)

func TestJaroWinkler(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961},
		{"dwayne", "duane", 0.840},
		{"dixon", "dicksonx", 0.813},
		{"", "", 0},
		{"abc", "", 0},
		{"same", "same", 1},
		{"józef", "jozef", 0.88},
	}
	for _, tt := range tests {
		got := JaroWinkler(tt.a, tt.b)
		if math.Abs(got-tt.want) > 0.005 {
			t.Errorf("JaroWinkler(%q, %q) = %.3f, want %.3f", tt.a, tt.b, got, tt.want)
		}
		if back := JaroWinkler(tt.b, tt.a); math.Abs(back-got) > 1e-9 {
			t.Errorf("JaroWinkler not symmetric on %q, %q: %v vs %v", tt.a, tt.b, got, back)
		}
	}
}

func TestEditDistanceAtMost(t *testing.T) {
	tests := []struct {
		a, b string
		k    int
		want bool
	}{
		{"1804974", "1804974", 0, true},
		{"1804974", "1809474", 1, true}, // transposition
		{"1804974", "1804979", 1, true},
		{"1804974", "1894979", 1, false},
		{"1804974", "1894979", 2, true},
		{"2119", "21190", 1, true},
		{"abc", "xyzabc", 2, false},
	}
	for _, tt := range tests {
		if got := EditDistanceAtMost(tt.a, tt.b, tt.k); got != tt.want {
			t.Errorf("EditDistanceAtMost(%q, %q, %d) = %v, want %v", tt.a, tt.b, tt.k, got, tt.want)
		}
	}
}

func TestMinHash(t *testing.T) {
	base := "Senior full-stack engineer with 9 years of experience. Led the migration of a monolithic Rails application to Go microservices. Built real-time dashboards in React serving 40k daily users."
	edited := "Senior full-stack engineer with 8 years of experience. Led the migration of a monolithic Rails application to Go microservices. Built real-time dashboards in React serving 45k daily users."
	other := "Data analyst experienced in SQL, Tableau and Python. Prepared quarterly revenue forecasts for a retail chain and automated reporting pipelines."
	a, b, c := MinHash(base), MinHash(edited), MinHash(other)
	if s := a.Similarity(b); s < 0.6 {
		t.Errorf("lightly edited résumé similarity %.2f, want ≥ 0.6", s)
	}
	if s := a.Similarity(c); s > 0.2 {
		t.Errorf("unrelated résumé similarity %.2f, want ≤ 0.2", s)
	}
	if MinHash("  ...  ") != nil {
		t.Error("MinHash of no words is not nil")
	}
	if s := MinHash("Go developer").Similarity(MinHash("go  DEVELOPER!")); s != 1 {
		t.Errorf("short texts differing in case and punctuation: similarity %.2f, want 1", s)
	}
	ka, kb := a.BandKeys(), b.BandKeys()
	shared := 0
	for i := range ka {
		if ka[i] == kb[i] {
			shared++
		}
	}
	if shared == 0 {
		t.Error("near-duplicate résumés share no LSH band")
	}
}

func TestPairwiseQuality(t *testing.T) {
	truth := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}
	pred := map[string]string{"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
	q := PairwiseQuality(truth, pred)
	// true pairs: ab ac bc = 3; predicted: ab, cd = 2; correct: ab = 1.
	if q.TruePairs != 3 || q.PredictedPairs != 2 || q.CorrectPairs != 1 {
		t.Fatalf("counts = %+v", q)
	}
	if math.Abs(q.Precision-0.5) > 1e-9 || math.Abs(q.Recall-1.0/3) > 1e-9 {
		t.Errorf("precision %.3f recall %.3f", q.Precision, q.Recall)
	}
}

func TestUnionFind(t *testing.T) {
	u := newUnionFind(6)
	u.union(0, 1)
	u.union(2, 3)
	u.union(1, 3)
	if u.find(0) != u.find(2) {
		t.Error("0 and 2 should be joined")
	}
	if u.find(4) == u.find(0) || u.find(5) == u.find(4) {
		t.Error("4 and 5 should stay alone")
	}
}

func TestEditDistanceAgreesWithDP(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "acb", "robert255", "roberta25", "smith.net", "smiht.net",
		"angelica_garcia981", "angelicagarciawork", "1804974", "1809474", "xyz", "gutierrez-bennett.com", "gutierez-bennett.com"}
	for _, a := range words {
		for _, b := range words {
			d := osa(a, b)
			for k := 0; k <= 3; k++ {
				if got := EditDistanceAtMost(a, b, k); got != (d <= k) {
					t.Errorf("EditDistanceAtMost(%q, %q, %d) = %v, distance %d", a, b, k, got, d)
				}
			}
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	x := &Features{Given: "angelica", Family: "garcia", Emails: []string{"angelica_garcia981@gmail.com"},
		Street: "bonifacio street", Number: "12", City: "manila", Postcode: "1000", Birth: ringer.Date{Year: 2001, Month: 11, Day: 1}}
	y := &Features{Given: "angelina", Family: "garcia", Emails: []string{"angelicagarciawork@gmail.com"},
		Street: "burgos street", Number: "7", City: "manila", Postcode: "1000", Birth: ringer.Date{Year: 1999, Month: 3, Day: 14}}
	for i := 0; i < b.N; i++ {
		Compare(x, y)
	}
}

// TestMinHashEstimate checks the similarity estimate against the exact
// Jaccard similarity of word 3-shingles on texts with known edits: it is
// unbiased and its error small enough that a pair 0.15 under the
// near-duplicate threshold crosses it rarely.
func TestMinHashEstimate(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	word := func() string {
		b := make([]byte, 6)
		for i := range b {
			b[i] = byte('a' + r.IntN(26))
		}
		return string(b)
	}
	shingles := func(words []string) map[string]bool {
		s := make(map[string]bool)
		for i := 0; i+3 <= len(words); i++ {
			s[strings.Join(words[i:i+3], " ")] = true
		}
		return s
	}
	for _, tt := range []struct {
		words int
		edit  float64
	}{{40, 0.1}, {150, 0.1}, {150, 0.2}, {400, 0.1}} {
		const trials = 300
		var bias, sq float64
		for range trials {
			a := make([]string, tt.words)
			for i := range a {
				a[i] = word()
			}
			b := slices.Clone(a)
			for i := range b {
				if r.Float64() < tt.edit {
					b[i] = word()
				}
			}
			sa, sb := shingles(a), shingles(b)
			in := 0
			for k := range sa {
				if sb[k] {
					in++
				}
			}
			exact := float64(in) / float64(len(sa)+len(sb)-in)
			ta, tb := strings.Join(a, " "), strings.Join(b, " ")
			if rj := ResumeJaccard(ta, tb); math.Abs(rj-exact) > 1e-9 {
				t.Fatalf("ResumeJaccard %.4f, exact %.4f", rj, exact)
			}
			est := MinHash(ta).Similarity(MinHash(tb))
			bias += est - exact
			sq += (est - exact) * (est - exact)
		}
		bias /= trials
		rmse := math.Sqrt(sq / trials)
		if math.Abs(bias) > 0.01 || rmse > 0.05 {
			t.Errorf("%d words, %.0f%% edited: bias %+.3f, rmse %.3f; want |bias| ≤ 0.01, rmse ≤ 0.05",
				tt.words, 100*tt.edit, bias, rmse)
		}
	}
}

func TestSignatureJSON(t *testing.T) {
	s := MinHash("Designed and built a Go service handling 40k requests per second.")
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Signature
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back != *s {
		t.Errorf("round trip changed the signature: %s", data)
	}
	for _, bad := range []string{`[1,2,3]`, `"AAAA"`, `"` + strings.Repeat("A", 400) + `"`, `"!!"`, `12`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
}

// TestSimilarityCountsBins holds the word-at-a-time bin count to the plain
// one on signatures that agree in chosen bins.
func TestSimilarityCountsBins(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 200 {
		var a, b Signature
		for i := range a {
			a[i] = uint8(r.IntN(256))
			b[i] = a[i]
			if r.IntN(3) == 0 {
				b[i] ^= uint8(1 + r.IntN(255))
			}
		}
		eq := 0
		for i := range a {
			if a[i] == b[i] {
				eq++
			}
		}
		want := max((float64(eq)/SigSize-chance)/(1-chance), 0)
		if got := a.Similarity(&b); math.Abs(got-want) > 1e-12 {
			t.Fatalf("Similarity %.4f, bin by bin %.4f", got, want)
		}
	}
}
