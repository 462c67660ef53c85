package policy_test

import (
	"context"
	"fmt"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/policy"
)

func ExamplePolicy_Evaluate() {
	p, err := policy.Parse("team.yaml", []byte(`
name: team
version: "1"
bands: {review: 30, high: 60, critical: 85}
groups:
  - {id: hiding, combine: max}
rules:
  - id: vpn
    expr: signal_strength("network.anonymizer")
    weight: 30
    group: hiding
    indicator: "Mandiant UNC5267 (2024)"
  - id: astrill
    expr: has_signal("network.known_vpn_provider")
    weight: 45
    group: hiding
    indicator: "Mandiant UNC5267 (2024)"
  - id: hours
    expr: signal_strength("activity.timezone_mismatch")
    weight: 40
    indicator: "FBI/State/Treasury advisory on DPRK IT workers (2022-05-16)"
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := p.Evaluate(context.Background(), policy.Input{Signals: []ringer.Signal{
		{Code: "network.anonymizer", Weight: 1},
		{Code: "network.known_vpn_provider", Weight: 1},
		{Code: "activity.timezone_mismatch", Weight: 1},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// hiding counts once (max of 30 and 45); 100·(1 − 0.55·0.60) = 67.
	fmt.Println(p.ID(), res.Score, res.Band, res.Rules)
	for _, t := range res.Terms {
		fmt.Printf("%s %.0f\n", t.Name, t.Points)
	}
	// Output:
	// team@1 67 high [vpn astrill hours]
	// hiding 45
	// hours 40
}

func ExampleLint() {
	for _, p := range policy.Lint([]byte(`
name: bad
version: "1"
bands: {review: 30, high: 60, critical: 85}
rules:
  - id: surname
    expr: record.name.family == "Kim"
    weight: 50
    indicator: none
`)) {
		fmt.Println(p)
	}
	// Output:
	// 7: rule surname: reads "family", a protected attribute (name or name origin)
	// 7: rule surname: reads "name", a protected attribute (name or name origin)
}
