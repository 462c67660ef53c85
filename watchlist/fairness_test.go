package watchlist

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/names"
)

// familyFirst lists the groups whose names are written family name first.
var familyFirst = map[string]bool{"korean": true, "chinese": true, "vietnamese": true}

// fairnessNames reads testdata/fairness: every given name of a group
// combined with every family name.
func fairnessNames(t testing.TB) map[string][]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "fairness", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fairness name lists: %v", err)
	}
	out := map[string][]string{}
	for _, p := range paths {
		group := strings.TrimSuffix(filepath.Base(p), ".txt")
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		var given, family []string
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if !ok {
				continue
			}
			var list []string
			for _, n := range strings.Split(v, ",") {
				if n = strings.TrimSpace(n); n != "" {
					list = append(list, n)
				}
			}
			switch strings.TrimSpace(k) {
			case "given":
				given = list
			case "family":
				family = list
			}
		}
		f.Close()
		for _, g := range given {
			for _, fam := range family {
				if familyFirst[group] {
					out[group] = append(out[group], fam+" "+g)
				} else {
					out[group] = append(out[group], g+" "+fam)
				}
			}
		}
	}
	return out
}

// TestFairness screens a few thousand common names from many cultures
// against the full OFAC SDN and UN lists with the name alone, as an
// applicant record would carry it. None may raise a name-match signal (so
// no band can leave clear on a name alone), and the score distributions
// must be alike across groups. Names that are exactly a listed name are
// left out: they are on a list.
func TestFairness(t *testing.T) {
	ix := fullIndex(t)
	// A name is listed when its tokens, in any order, are a listed name's.
	sortedTokens := func(n *names.Name) string {
		f := strings.Fields(n.Normalized())
		slices.Sort(f)
		return strings.Join(f, " ")
	}
	listed := map[string]bool{}
	for i := range ix.refs {
		listed[sortedTokens(&ix.refs[i].name)] = true
	}
	d := NewDetector(ix, Options{})
	groups := fairnessNames(t)
	keys := make([]string, 0, len(groups))
	for g := range groups {
		keys = append(keys, g)
	}
	slices.Sort(keys)
	type stats struct {
		n, skipped, signals, review int
		sum                         float64
		scores                      []float64
	}
	var all []stats
	total := 0
	for _, g := range keys {
		var s stats
		for _, name := range groups[g] {
			if pn := ix.matcher.Prepare(name, names.Person); listed[sortedTokens(&pn)] {
				s.skipped++
				continue
			}
			s.n++
			sigs, err := d.Detect(context.Background(), &ringer.Subject{Record: ringer.Record{ID: "f", Name: ringer.Name{Full: name}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, sg := range sigs {
				s.signals++
				t.Errorf("%s: %q raised %s: %v", g, name, sg.Code, sg.Evidence["why"])
			}
			best := 0.0
			for _, h := range ix.Search(Query{Name: name, Kind: "person", MinScore: 0.01, Limit: 1}) {
				best = h.Score
			}
			if best >= ReviewFloor {
				s.review++
			}
			s.sum += best
			s.scores = append(s.scores, best)
		}
		slices.Sort(s.scores)
		total += s.n
		all = append(all, s)
		t.Logf("%-16s names %4d (exactly listed, left out: %2d)  name-match signals %d  best-hit score mean %.3f p50 %.3f p95 %.3f max %.3f  possible matches ≥ %.2f: %.1f%%",
			g, s.n, s.skipped, s.signals, s.sum/float64(s.n), s.scores[len(s.scores)/2], s.scores[len(s.scores)*95/100], s.scores[len(s.scores)-1],
			ReviewFloor, 100*float64(s.review)/float64(s.n))
	}
	if total < 2000 {
		t.Fatalf("only %d names screened, want a few thousand", total)
	}
	// Similar distributions. The best-hit similarity itself follows the
	// lists' make-up (they hold many Arabic and Korean names), so what is
	// held alike is the outcome: no group's names raise a signal (checked
	// above), and the share of names that even show as possible matches
	// in a search differs by at most five points between groups.
	lo, hi := 1.0, 0.0
	loR, hiR := 1.0, 0.0
	for _, s := range all {
		m := s.sum / float64(s.n)
		lo, hi = min(lo, m), max(hi, m)
		r := float64(s.review) / float64(s.n)
		loR, hiR = min(loR, r), max(hiR, r)
	}
	t.Logf("screened %d names in %d groups; group means of the best-hit score %.3f..%.3f; possible-match share %.1f%%..%.1f%%",
		total, len(all), lo, hi, 100*loR, 100*hiR)
	if hiR-loR > 0.05 {
		t.Errorf("possible-match share ranges from %.1f%% to %.1f%% across groups; want within 5 points", 100*loR, 100*hiR)
	}
}
