package policy

import (
	"context"
	"strings"
	"testing"
)

// TestBuiltinScenarios runs the signal-level scenario suite against the
// default policy: every scenario within its expected bands.
func TestBuiltinScenarios(t *testing.T) {
	sc, err := BuiltinScenarios()
	if err != nil {
		t.Fatal(err)
	}
	fromDir, err := LoadScenarios("testdata/scenarios")
	if err != nil {
		t.Fatal(err)
	}
	if len(sc) != len(fromDir) || len(sc) < 40 {
		t.Fatalf("embedded suite has %d scenarios, directory %d", len(sc), len(fromDir))
	}
	out, sum, err := Default().Test(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		if !o.Pass {
			t.Errorf("%s (%s line %d): %s %d, want %s..%s; terms %+v", o.Scenario.Name, o.Scenario.File,
				o.Scenario.Line, o.Result.Band, o.Result.Score, o.Scenario.Min, o.Scenario.Max, o.Result.Terms)
		}
	}
	if sum.Recall() < 0.95 || sum.FalsePositiveRate() > 0.01 {
		t.Errorf("recall %.3f, false-positive rate %.3f", sum.Recall(), sum.FalsePositiveRate())
	}
	if sum.Fraud == 0 || sum.Honest == 0 {
		t.Errorf("suite lacks fraud (%d) or honest (%d) scenarios", sum.Fraud, sum.Honest)
	}
}

// TestScenarioCatchesMiscalibration checks that the suite can fail: a
// policy that puts a single VoIP number at high fails the Google Voice
// look-alike.
func TestScenarioCatchesMiscalibration(t *testing.T) {
	p := mustParse(t, `name: harsh
version: "1"
bands: {review: 30, high: 60, critical: 85}
rules:
  - id: voip
    expr: has_signal("application.voip_phone")
    weight: 70
    indicator: x
`)
	sc, err := BuiltinScenarios()
	if err != nil {
		t.Fatal(err)
	}
	_, sum, err := p.Test(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if sum.HonestAtHigh == 0 || sum.Failed == 0 {
		t.Errorf("harsh policy passed: %+v", sum)
	}
}

func TestParseScenariosErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", "empty file"},
		{"scenarios:\n  - label: honest\n", "line 2: missing name"},
		{"scenarios:\n  - name: a\n    label: maybe\n", `label "maybe"`},
		{"scenarios:\n  - name: a\n    label: fraud\n    expect: [high, review]\n", "bands in order"},
		{"scenarios:\n  - name: a\n    label: fraud\n    expect: [high]\n", "want two bands"},
		{"scenarios:\n  - name: a\n    label: fraud\n    ring: 0\n", "ring 0"},
		{"scenarios:\n  - name: a\n    label: fraud\n    signals: [{strength: 1}]\n", "missing code"},
		{"scenarios:\n  - name: a\n    label: fraud\n    signals: [{code: x.y, strength: 2}]\n", "strength 2"},
		{"scenarios:\n  - name: a\n    label: fraud\n    colour: red\n", "field colour not found"},
		{"scenarios: [", "did not find"},
	}
	for _, tt := range tests {
		_, err := ParseScenarios("f.yaml", []byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "f.yaml") {
			t.Errorf("ParseScenarios(%q) = %v, want an error naming f.yaml and saying %q", tt.text, err, tt.want)
		}
	}
}
