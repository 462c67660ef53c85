package watchlist

import (
	"strings"
	"testing"

	"github.com/ringerhq/ringer/names"
	"github.com/ringerhq/ringer/watchlist/entity"
)

// TestListPairs measures the name matcher on pairs taken from the full
// lists at test time: every DPRK entry's primary name against each of its
// strong aliases (true pairs: the lists' own record of romanization and
// spelling variants, translations included), and primary names of
// different DPRK entries of the same type that share a token (hard false
// pairs: KIM Yong Chol against KIM Yong Nam).
func TestListPairs(t *testing.T) {
	ix := fullIndex(t)
	m := ix.Matcher()
	var dprk []*entity.Entity
	for i := range ix.entities {
		if e := &ix.entities[i]; isDPRK(e) && e.Type != entity.Indicator {
			dprk = append(dprk, e)
		}
	}
	var tp, fn, fp, tn int
	for _, e := range dprk {
		for _, a := range e.Aliases {
			if a.Strength != entity.Strong || a.Name == e.Name {
				continue
			}
			if r := m.Score(e.Name, a.Name, kindOf(e.Type)); r.Score >= names.DefaultThreshold {
				tp++
			} else {
				fn++
				if testing.Verbose() && fn%12 == 0 {
					t.Logf("FN %s %q ~ %q %s", e.Type, e.Name, a.Name, r.Explain())
				}
			}
		}
	}
	for i, a := range dprk {
		ta := strings.Fields(strings.ToLower(strings.ReplaceAll(a.Name, ",", " ")))
		for _, b := range dprk[i+1:] {
			if a.Type != b.Type || a.List != b.List || a.Name == b.Name {
				continue
			}
			shared := false
			for _, tok := range strings.Fields(strings.ToLower(strings.ReplaceAll(b.Name, ",", " "))) {
				for _, x := range ta {
					shared = shared || x == tok
				}
			}
			na, nb := m.Prepare(a.Name, kindOf(a.Type)), m.Prepare(b.Name, kindOf(b.Type))
			if !shared || na.Normalized() == nb.Normalized() {
				continue // the same name on two entries is not a false pair
			}
			if r := m.Score(a.Name, b.Name, kindOf(a.Type)); r.Score >= names.DefaultThreshold {
				fp++
				if testing.Verbose() {
					t.Logf("FP %s %q ~ %q %s", a.Type, a.Name, b.Name, r.Explain())
				}
			} else {
				tn++
			}
		}
	}
	c := confusion{tp, fp, fn, tn}
	t.Logf("list pairs: %d true (primary name ~ alias), %d hard false (different entries sharing a token): tp %d fp %d fn %d tn %d; precision %.3f recall %.3f F1 %.3f",
		tp+fn, fp+tn, tp, fp, fn, tn, c.precision(), c.recall(), c.f1())
	// Many aliases are translations or other names altogether ("BANK OF
	// EAST LAND" a.k.a. "TONGBANG BANK"), which no name matcher can find;
	// the floors guard against regressions.
	if c.precision() < 0.9 || c.recall() < 0.5 {
		t.Errorf("precision %.3f recall %.3f below 0.9 / 0.5", c.precision(), c.recall())
	}
}

// TestMisspelledSearch searches for every DPRK entry's primary name with
// one letter dropped from its longest word and counts how often the entry
// comes back among the top three hits: the index must answer misspelled
// queries from its candidates.
func TestMisspelledSearch(t *testing.T) {
	ix := fullIndex(t)
	var n, found int
	var misses []string
	for i := range ix.entities {
		e := &ix.entities[i]
		if !isDPRK(e) || e.Type == entity.Indicator {
			continue
		}
		q := misspell(e.Name)
		if q == e.Name {
			continue
		}
		n++
		ok := false
		for _, h := range ix.Search(Query{Name: q, Kind: string(e.Type), Limit: 3, MinScore: 0.01}) {
			ok = ok || h.Entity == e
		}
		if ok {
			found++
		} else if len(misses) < 10 {
			misses = append(misses, q+" → "+e.ID+" "+e.Name)
		}
	}
	for _, m := range misses {
		t.Log("miss:", m)
	}
	t.Logf("misspelled DPRK names searched %d: entry among top 3 hits %d (%.1f%%)", n, found, 100*float64(found)/float64(n))
	if float64(found)/float64(n) < 0.9 {
		t.Errorf("misspelled-query recall %.3f below 0.9", float64(found)/float64(n))
	}
}

// misspell drops the middle letter of the longest word without digits.
func misspell(s string) string {
	words := strings.Fields(s)
	best := -1
	for i, w := range words {
		if len(w) >= 5 && !strings.ContainsAny(w, "0123456789") && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return s
	}
	w := words[best]
	words[best] = w[:len(w)/2] + w[len(w)/2+1:]
	return strings.Join(words, " ")
}

func isDPRK(e *entity.Entity) bool {
	for _, p := range e.Programs {
		if strings.HasPrefix(p, "DPRK") {
			return true
		}
	}
	return false
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
