package synth_test

import (
	"context"
	"fmt"
	"os"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/synth"
)

// Generate streams records and their labels; the same seed always gives
// the same output.
func ExampleGenerate() {
	fraud, rings := 0, map[string]int{}
	err := synth.Generate(context.Background(), synth.Options{N: 1000, Seed: 42},
		func(r *ringer.Record) error { return nil }, nil,
		func(l synth.Label) error {
			if l.Fraud {
				fraud++
			}
			if l.RingID != "" {
				rings[l.RingID]++
			}
			return nil
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d operator rings, %d fraudulent records\n", len(rings), fraud)
	// Output:
	// 5 operator rings, 44 fraudulent records
}

// Labels are written as CSV for evaluation tools.
func ExampleLabelWriter() {
	w := synth.NewLabelWriter(os.Stdout)
	w.Write(synth.Label{RecordID: "gh-app-1a2b3c4d", RingID: "ring-0001", Fraud: true,
		Scenario: synth.ScenarioOperatorRing, PersonID: "p-0000001", NameGroup: synth.GroupEnglish})
	w.Write(synth.Label{RecordID: "wd-emp-5e6f7a8b", Scenario: synth.ScenarioKoreanAmericanKim,
		PersonID: "p-0000002", NameGroup: synth.GroupKorean})
	w.Flush()
	// Output:
	// record_id,ring_id,fraud,scenario,person_id,name_group
	// gh-app-1a2b3c4d,ring-0001,true,operator_ring,p-0000001,english
	// wd-emp-5e6f7a8b,,false,korean_american_kim,p-0000002,korean
}
