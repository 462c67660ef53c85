package evaluation

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/intel"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/policy"
	"github.com/ringerhq/ringer/screening"
	"github.com/ringerhq/ringer/sqlite"
	"github.com/ringerhq/ringer/synth"
)

// ScenarioResult is how the whole pipeline did on the labelled scenario
// suite.
type ScenarioResult struct {
	Records, Fraud, Honest int
	// FraudFound counts fraudulent records at band review or above.
	FraudFound int
	// HonestHigh counts honest records at band high or above.
	HonestHigh int
	// Rings counts planted rings; RingsWhole those whose members all ended
	// in one ring; RingsPure those whose ring holds nobody else.
	Rings, RingsWhole, RingsPure int
	// ByScenario counts records per scenario and band.
	ByScenario map[string]map[ringer.Band]int
	// Bands per record id, for fairness comparisons.
	Bands map[string]ringer.Band
	// FlagRate is the share at band review or above of honest people by
	// name group: "korean_chinese" and "others".
	FlagRate map[string]float64
	// Missed lists fraudulent records left clear; FalseHigh honest records
	// at high or above (with their top signals); Split the planted rings
	// not recovered whole, with where their members ended up; all for
	// diagnosis.
	Missed, FalseHigh, Split []string
}

// Recall is the share of fraudulent records found at review or above.
func (r *ScenarioResult) Recall() float64 { return ratio(r.FraudFound, r.Fraud) }

// FalsePositiveRate is the share of honest records at high or above.
func (r *ScenarioResult) FalsePositiveRate() float64 { return ratio(r.HonestHigh, r.Honest) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ScreenScenarios screens records and events in a fresh embedded store
// under dir, with the scenario plan's intelligence imported, and measures
// the outcome against the labels.
func ScreenScenarios(ctx context.Context, dir string, recs []ringer.Record, evs []ringer.Event, labels []synth.Label, pol *policy.Policy) (*ScenarioResult, error) {
	st, err := sqlite.Open(ctx, filepath.Join(dir, "scenarios.db"))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := ImportScenarioIntel(ctx, st, filepath.Join(dir, "intel")); err != nil {
		return nil, err
	}
	keyer := normalize.NewKeyer([]byte("scenario-evaluation-secret-000000"))
	sc, err := screening.Open(ctx, st, keyer, pol)
	if err != nil {
		return nil, err
	}
	defer sc.Close()
	const chunk = 500
	for i := 0; i < len(recs); i += chunk {
		if _, err := sc.Ingest(ctx, recs[i:min(i+chunk, len(recs))], nil); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(evs); i += 4 * chunk {
		if _, err := sc.Ingest(ctx, nil, evs[i:min(i+4*chunk, len(evs))]); err != nil {
			return nil, err
		}
	}
	if err := sc.Settle(ctx); err != nil {
		return nil, err
	}
	res := &ScenarioResult{Records: len(recs), ByScenario: make(map[string]map[ringer.Band]int),
		Bands: make(map[string]ringer.Band), FlagRate: make(map[string]float64)}
	planted := make(map[string][]string)
	labelRing := make(map[string]string)
	ringOf := make(map[string]string)
	flagged := make(map[string]int)
	group := make(map[string]int)
	for _, l := range labels {
		a, err := st.Assessment(ctx, l.RecordID)
		if err != nil {
			return nil, fmt.Errorf("assessment of %s: %w", l.RecordID, err)
		}
		res.Bands[l.RecordID] = a.Band
		if res.ByScenario[l.Scenario] == nil {
			res.ByScenario[l.Scenario] = make(map[ringer.Band]int)
		}
		res.ByScenario[l.Scenario][a.Band]++
		if a.Ring != nil {
			ringOf[l.RecordID] = a.Ring.ID
		}
		if l.RingID != "" {
			planted[l.RingID] = append(planted[l.RingID], l.RecordID)
			labelRing[l.RecordID] = l.RingID
		}
		if l.Fraud {
			res.Fraud++
			if a.Band.Rank() >= ringer.BandReview.Rank() {
				res.FraudFound++
			} else {
				res.Missed = append(res.Missed, fmt.Sprintf("%s (%s, score %d): %s", l.RecordID, l.Scenario, a.Score, topSignals(a)))
			}
			continue
		}
		res.Honest++
		g := "others"
		if l.NameGroup == synth.GroupKorean || l.NameGroup == synth.GroupChinese {
			g = "korean_chinese"
		}
		group[g]++
		if a.Band.Rank() >= ringer.BandReview.Rank() {
			flagged[g]++
		}
		if a.Band.Rank() >= ringer.BandHigh.Rank() {
			res.HonestHigh++
			res.FalseHigh = append(res.FalseHigh, fmt.Sprintf("%s (%s, score %d): %s", l.RecordID, l.Scenario, a.Score, topSignals(a)))
		}
	}
	for g, n := range group {
		res.FlagRate[g] = ratio(flagged[g], n)
	}
	members := make(map[string]int)
	for _, r := range ringOf {
		members[r]++
	}
	for _, ids := range planted {
		res.Rings++
		r := ringOf[ids[0]]
		whole := r != ""
		for _, id := range ids {
			if ringOf[id] != r {
				whole = false
			}
		}
		if whole {
			res.RingsWhole++
			if members[r] == len(ids) {
				res.RingsPure++
			}
			continue
		}
		parts := make(map[string][]string)
		for _, id := range ids {
			found := ringOf[id]
			if found == "" {
				found = "no ring"
			}
			parts[found] = append(parts[found], id)
		}
		var desc []string
		for found, ms := range parts {
			sort.Strings(ms)
			desc = append(desc, fmt.Sprintf("%s: %s", found, strings.Join(ms, " ")))
		}
		sort.Strings(desc)
		res.Split = append(res.Split, fmt.Sprintf("%s (%d personas) → %s", labelRing[ids[0]], len(ids), strings.Join(desc, "; ")))
	}
	sort.Strings(res.Split)
	return res, nil
}

// ImportScenarioIntel writes the scenario plan's CIDR lists and MMDB into
// dir and imports them into the store, each list with its label.
func ImportScenarioIntel(ctx context.Context, refs ringer.ReferenceStore, dir string) error {
	paths, err := synth.WriteIntel(ctx, dir)
	if err != nil {
		return err
	}
	labels := map[string]string{"vpn-astrill.txt": synth.LabelAstrill, "hosting.txt": synth.LabelHosting,
		"vpn.txt": synth.LabelVPN, "tor.txt": synth.LabelTor, "corporate.txt": synth.LabelCorporate}
	for _, p := range paths {
		if _, err := intel.Import(ctx, refs, []string{p}, labels[filepath.Base(p)]); err != nil {
			return err
		}
	}
	return nil
}

func topSignals(a ringer.Assessment) string {
	var parts []string
	for _, s := range a.Signals {
		if s.Weight > 0 && len(parts) < 5 {
			parts = append(parts, fmt.Sprintf("%s %.0f", s.Code, s.Weight))
		}
	}
	return strings.Join(parts, ", ")
}

// Print writes the result for a person.
func (r *ScenarioResult) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "records %d: %d fraudulent, %d honest\n", r.Records, r.Fraud, r.Honest)
	fmt.Fprintf(w, "recall of fraudulent records at review or above: %.4f (%d of %d)\n", r.Recall(), r.FraudFound, r.Fraud)
	fmt.Fprintf(w, "honest records at high or above: %.4f (%d of %d)\n", r.FalsePositiveRate(), r.HonestHigh, r.Honest)
	fmt.Fprintf(w, "planted rings recovered whole: %d of %d (%d with no outsider)\n", r.RingsWhole, r.Rings, r.RingsPure)
	fmt.Fprintf(w, "honest flag rate (review or above): Korean or Chinese names %.4f, others %.4f\n",
		r.FlagRate["korean_chinese"], r.FlagRate["others"])
	names := make([]string, 0, len(r.ByScenario))
	for s := range r.ByScenario {
		names = append(names, s)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "by scenario (clear/review/high/critical):")
	for _, s := range names {
		b := r.ByScenario[s]
		fmt.Fprintf(w, "  %-22s %4d %4d %4d %4d\n", s, b[ringer.BandClear], b[ringer.BandReview], b[ringer.BandHigh], b[ringer.BandCritical])
	}
	if verbose {
		for _, m := range r.Missed {
			fmt.Fprintln(w, "missed:", m)
		}
		for _, m := range r.FalseHigh {
			fmt.Fprintln(w, "false high:", m)
		}
		for _, m := range r.Split {
			fmt.Fprintln(w, "split ring:", m)
		}
	}
}
