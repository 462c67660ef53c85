package policy

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/ringerhq/ringer"
)

// people differ only in what a policy must never score: name, aliases,
// birth date and place, and protected attributes a source may carry.
var people = []struct {
	name       ringer.Name
	aliases    []string
	birth      ringer.Date
	birthPlace string
	attrs      map[string]any
}{
	{ringer.Name{Given: "Min-jun", Family: "Kim"}, []string{"Kim Minjun"}, ringer.Date{Year: 1994, Month: 3, Day: 2}, "Seoul",
		map[string]any{"nationality": "KR"}},
	{ringer.Name{Full: "Wang Wei"}, nil, ringer.Date{Year: 1988}, "Shenyang", map[string]any{"citizenship": "CN"}},
	{ringer.Name{Given: "Daniel", Family: "Moore"}, []string{"Dan Moore"}, ringer.Date{Year: 1991, Month: 4, Day: 12}, "Austin",
		map[string]any{"nationality": "US"}},
	{ringer.Name{Given: "María", Family: "García"}, nil, ringer.Date{Year: 1975}, "Monterrey", map[string]any{"gender": "f"}},
	{ringer.Name{Given: "Oluwaseun", Family: "Adeyemi"}, nil, ringer.Date{Year: 2001, Month: 11}, "Lagos",
		map[string]any{"ethnicity": "yoruba", "religion": "x"}},
	{ringer.Name{Full: "Ri Chol"}, []string{"Lee Chul", "Rhee Cheol"}, ringer.Date{Year: 1990}, "Pyongyang",
		map[string]any{"nationality": "KP"}},
}

// TestFairnessNameBlind scores the same signals, ring and events under
// different people and checks that the result does not change at all.
func TestFairnessNameBlind(t *testing.T) {
	p := Default()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 200; i++ {
		sigs := randomSignals(rng)
		var ring *ringer.Ring
		if rng.IntN(3) == 0 {
			ring = &ringer.Ring{ID: "ring-1", Size: 2 + rng.IntN(10)}
		}
		var first Result
		for j, who := range people {
			rec := &ringer.Record{ID: "r1", Kind: ringer.KindApplicant, Name: who.name, Aliases: who.aliases,
				BirthDate: who.birth, BirthPlace: who.birthPlace, Attributes: who.attrs,
				Claimed: ringer.Claimed{Country: "US", Timezone: "America/Chicago"}}
			res, err := p.Evaluate(ctx, Input{Record: rec, Signals: sigs, Ring: ring})
			if err != nil {
				t.Fatal(err)
			}
			if j == 0 {
				first = res
				continue
			}
			if !reflect.DeepEqual(res, first) {
				t.Fatalf("%s and %s with the same signals: %d %s vs %d %s", who.name.Display(),
					people[0].name.Display(), res.Score, res.Band, first.Score, first.Band)
			}
		}
	}
}

// TestFairnessProtectedRulesRefused checks that a policy cannot be loaded
// when a rule reads a protected attribute, whatever the spelling.
func TestFairnessProtectedRulesRefused(t *testing.T) {
	exprs := []string{
		`record.name.family == "Kim"`,
		`record["name"]["family"] == "Kim"`,
		`has(record.aliases)`,
		`record.birth_date < "1990"`,
		`record.attributes.nationality == "KP"`,
		`record.attributes["Citizenship"] == "KP"`,
		`record.attributes.country_of_birth == "KP"`,
		`record.attributes.ethnicity == "korean"`,
		`record.attributes.religion == "x"`,
		`record.attributes.gender == "m"`,
		`int(record.attributes.age) < 25`,
		`record.attributes.exists(k, k == "race")`,
		`record.attributes.name_origin == "korean"`,
		`record.attributes.appearance == "x"`,
		`record.claimed.country == "KP"`,
		`record.addresses.exists(a, a.country in ["KP", "CN"])`,
		`evidence_string("link.shared_phone", "nationality") == "KP"`,
	}
	for _, e := range exprs {
		text := "name: x\nversion: \"1\"\nbands: {review: 30, high: 60, critical: 85}\nrules:\n" +
			"  - id: r\n    expr: '" + e + "'\n    weight: 10\n    indicator: x\n"
		if _, err := Parse("x.yaml", []byte(text)); err == nil {
			t.Errorf("accepted %s", e)
		}
	}
}
