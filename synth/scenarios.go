package synth

import (
	"context"
	"math/rand/v2"
	"sort"

	"github.com/ringerhq/ringer"
)

// ScenarioSize is the number of records in the scenario suite.
const ScenarioSize = 3000

// Scenarios returns the labelled scenario suite: ScenarioSize records with
// their events, covering every scenario — operator rings of each size from
// 3 to 15 (twice, plus a few drawn at random), lone fraudulent personas,
// and a dozen or more units of each honest look-alike — among ordinary
// honest people. It is deterministic for a seed.
func Scenarios(seed int64) (recs []ringer.Record, evs []ringer.Event, labels []Label) {
	opts := Options{N: ScenarioSize, Seed: seed, Events: true}
	g := newGen(opts,
		func(r *ringer.Record) error { recs = append(recs, *r); return nil },
		func(e *ringer.Event) error { evs = append(evs, *e); return nil },
		func(l Label) error { labels = append(labels, l); return nil })
	p := scenarioPlan(g.r)
	// Generation into memory cannot fail and is not cancelled.
	if err := g.run(context.Background(), p); err != nil {
		panic("synth: scenario suite: " + err.Error())
	}
	return recs, evs, labels
}

func scenarioPlan(r *rand.Rand) plan {
	var p plan
	for rep := 0; rep < 2; rep++ {
		for s := 3; s <= 15; s++ {
			p.ringSizes = append(p.ringSizes, s)
		}
	}
	for i := 0; i < 6; i++ {
		p.ringSizes = append(p.ringSizes, between(r, 3, 8))
	}
	r.Shuffle(len(p.ringSizes), func(i, j int) { p.ringSizes[i], p.ringSizes[j] = p.ringSizes[j], p.ringSizes[i] })
	ring := 0
	for _, s := range p.ringSizes {
		ring += s
	}
	p.lone = 60
	p.honest = ScenarioSize - ring - p.lone
	units := map[string]int{
		ScenarioMarriedCouple:     25,
		ScenarioFamilyBankAccount: 15,
		ScenarioCorporateVPNTeam:  5,
		ScenarioAgencyRecruiters:  12,
		ScenarioTraveller:         30,
		ScenarioGoogleVoice:       30,
		ScenarioKoreanAmericanKim: 30,
		ScenarioReapplicant:       12,
	}
	names := make([]string, 0, len(units))
	for k := range units {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for i := 0; i < units[k]; i++ {
			p.forced = append(p.forced, k)
		}
	}
	r.Shuffle(len(p.forced), func(i, j int) { p.forced[i], p.forced[j] = p.forced[j], p.forced[i] })
	return p
}
