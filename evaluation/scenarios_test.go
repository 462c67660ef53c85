package evaluation

import (
	"context"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/synth"
)

// TestScenarioSuite screens the labelled scenario suite through the whole
// pipeline (store, link, detectors, default policy) and holds it to the
// bars: fraudulent records found at review or above ≥ 95%, honest records
// at high or above ≤ 1%, every planted ring recovered whole. The honest
// look-alikes' bands are logged.
func TestScenarioSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("the scenario suite takes a minute or two; skipped with -short")
	}
	recs, evs, labels := synth.Scenarios(1)
	res, err := ScreenScenarios(context.Background(), t.TempDir(), recs, evs, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recall %.4f (%d/%d), honest at high+ %.4f (%d/%d), rings whole %d/%d (pure %d), flag rate KC %.4f others %.4f",
		res.Recall(), res.FraudFound, res.Fraud, res.FalsePositiveRate(), res.HonestHigh, res.Honest,
		res.RingsWhole, res.Rings, res.RingsPure, res.FlagRate["korean_chinese"], res.FlagRate["others"])
	if res.Recall() < 0.95 {
		t.Errorf("recall %.4f < 0.95; missed: %v", res.Recall(), res.Missed)
	}
	if res.FalsePositiveRate() > 0.01 {
		t.Errorf("honest at high or above %.4f > 0.01: %v", res.FalsePositiveRate(), res.FalseHigh)
	}
	// Every ring is planted connected through ties a careless operator
	// leaves (a shared identifier, a lightly edited résumé, a photo a few
	// bits away); each must come back whole.
	if res.RingsWhole < res.Rings {
		t.Errorf("%d of %d planted rings recovered whole; split: %v", res.RingsWhole, res.Rings, res.Split)
	}
	for _, s := range synth.HonestScenarios() {
		b := res.ByScenario[s]
		t.Logf("%-22s clear %4d review %4d high %3d critical %3d", s,
			b[ringer.BandClear], b[ringer.BandReview], b[ringer.BandHigh], b[ringer.BandCritical])
	}
}

// TestScenarioFairness swaps the names of honest people between cultures
// (Korean and Chinese names for others' and the reverse), everything else
// equal, and requires that at most 1% of them change band; and that the
// rate of honest people with Korean or Chinese names at review or above
// stays within the four-fifths rule of everyone else's.
func TestScenarioFairness(t *testing.T) {
	if testing.Short() {
		t.Skip("the scenario suite takes a minute or two; skipped with -short")
	}
	recs, evs, labels := synth.Scenarios(2)
	ctx := context.Background()
	base, err := ScreenScenarios(ctx, t.TempDir(), recs, evs, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	swapped, err := ScreenScenarios(ctx, t.TempDir(), synth.SwapNames(recs, labels, 2), evs, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	changed, honest := 0, 0
	for _, l := range labels {
		if l.Fraud {
			continue
		}
		honest++
		if base.Bands[l.RecordID] != swapped.Bands[l.RecordID] {
			changed++
		}
	}
	share := float64(changed) / float64(honest)
	t.Logf("names swapped: %d of %d honest records changed band (%.4f)", changed, honest, share)
	if share > 0.01 {
		t.Errorf("%.4f of honest records changed band when names were swapped, want ≤ 0.01", share)
	}
	for _, r := range []*ScenarioResult{base, swapped} {
		kc, others := r.FlagRate["korean_chinese"], r.FlagRate["others"]
		t.Logf("flag rate at review or above: Korean or Chinese names %.4f, others %.4f", kc, others)
		// Four-fifths rule on the favourable outcome (not flagged).
		if (1-kc)/(1-others) < 0.8 {
			t.Errorf("not-flagged rate of Korean or Chinese names %.4f is under four fifths of others' %.4f", 1-kc, 1-others)
		}
		if others > 0 && kc > others*1.25 {
			t.Errorf("flag rate of Korean or Chinese names %.4f exceeds others' %.4f by more than a quarter", kc, others)
		}
	}
}
