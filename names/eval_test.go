package names

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// labelledPair is one line of testdata/pairs.tsv.
type labelledPair struct {
	a, b  string
	kind  Kind
	match bool
	line  int
}

func readPairs(t testing.TB, path string) []labelledPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledPair
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("%s line %d: want 4 tab-separated fields, got %d", path, n, len(f))
		}
		k, err := ParseKind(f[2])
		if err != nil {
			t.Fatalf("%s line %d: %v", path, n, err)
		}
		out = append(out, labelledPair{f[0], f[1], k, f[3] == "1", n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// confusion counts outcomes at a threshold.
type confusion struct{ tp, fp, fn, tn int }

func (c confusion) precision() float64 { return float64(c.tp) / float64(max(1, c.tp+c.fp)) }
func (c confusion) recall() float64    { return float64(c.tp) / float64(max(1, c.tp+c.fn)) }
func (c confusion) f1() float64 {
	p, r := c.precision(), c.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// TestLabelledPairs measures precision, recall and F1 on the labelled
// pairs at DefaultThreshold. "ringer names score" reproduces it from the
// shell. The floor guards against regressions.
func TestLabelledPairs(t *testing.T) {
	m := NewMatcher()
	pairs := readPairs(t, "testdata/pairs.tsv")
	var c confusion
	var wrong []string
	for _, p := range pairs {
		r := m.Score(p.a, p.b, p.kind)
		got := r.Score >= DefaultThreshold
		switch {
		case got && p.match:
			c.tp++
		case got && !p.match:
			c.fp++
			wrong = append(wrong, fmt.Sprintf("FP line %d: %q ~ %q %s", p.line, p.a, p.b, r.Explain()))
		case !got && p.match:
			c.fn++
			wrong = append(wrong, fmt.Sprintf("FN line %d: %q ~ %q %s", p.line, p.a, p.b, r.Explain()))
		default:
			c.tn++
		}
	}
	for _, w := range wrong {
		t.Log(w)
	}
	t.Logf("pairs %d: tp %d fp %d fn %d tn %d; precision %.3f recall %.3f F1 %.3f at threshold %.2f",
		len(pairs), c.tp, c.fp, c.fn, c.tn, c.precision(), c.recall(), c.f1(), DefaultThreshold)
	if c.f1() < 0.9 {
		t.Errorf("F1 %.3f below 0.9", c.f1())
	}
}
