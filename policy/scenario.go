package policy

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/ringerhq/ringer"
)

// Scenario labels.
const (
	LabelHonest = "honest"
	LabelFraud  = "fraud"
)

// Scenario is one labelled case of the signal-level scenario suite: the
// signals detectors would raise about a record, its ring, and the bands a
// policy must put it in. Honest look-alikes (a couple at one address, a
// team behind a corporate VPN) must stay clear or review; fraudulent
// personas must reach review or more.
type Scenario struct {
	Name  string
	Label string // LabelHonest or LabelFraud
	// Min and Max bound the band the policy must give, inclusive.
	Min, Max ringer.Band
	Signals  []ringer.Signal
	Ring     *ringer.Ring
	// File and Line locate the scenario in its file.
	File string
	Line int
}

// scenarioFile is the YAML form of a scenario file.
type scenarioFile struct {
	Scenarios []struct {
		Name    string   `yaml:"name"`
		Label   string   `yaml:"label"`
		Expect  []string `yaml:"expect"`
		Ring    *int     `yaml:"ring"`
		Signals []struct {
			Code     string         `yaml:"code"`
			Strength *float64       `yaml:"strength"`
			Evidence map[string]any `yaml:"evidence"`
		} `yaml:"signals"`
	} `yaml:"scenarios"`
}

// ParseScenarios reads a scenario file:
//
//	scenarios:
//	  - name: married couple at one address
//	    label: honest            # honest or fraud
//	    expect: [clear, review]  # optional; honest defaults to clear..review, fraud to review..critical
//	    ring: 2                  # optional ring size
//	    signals:
//	      - {code: link.shared_shipping_address, strength: 1}
//
// name names the file in errors.
func ParseScenarios(name string, data []byte) ([]Scenario, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("scenarios %s: %w", name, err)
	}
	var f scenarioFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("scenarios %s: empty file", name)
		}
		return nil, fmt.Errorf("scenarios %s: %w", name, err)
	}
	lines := scenarioLines(&doc)
	out := make([]Scenario, 0, len(f.Scenarios))
	for i, s := range f.Scenarios {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		where := fmt.Sprintf("scenarios %s line %d", name, line)
		sc := Scenario{Name: s.Name, Label: s.Label, File: name, Line: line}
		if sc.Name == "" {
			return nil, fmt.Errorf("%s: missing name", where)
		}
		switch s.Label {
		case LabelHonest:
			sc.Min, sc.Max = ringer.BandClear, ringer.BandReview
		case LabelFraud:
			sc.Min, sc.Max = ringer.BandReview, ringer.BandCritical
		default:
			return nil, fmt.Errorf("%s: scenario %q: label %q: want %s or %s", where, sc.Name, s.Label, LabelHonest, LabelFraud)
		}
		switch len(s.Expect) {
		case 0:
		case 2:
			sc.Min, sc.Max = ringer.Band(s.Expect[0]), ringer.Band(s.Expect[1])
			if sc.Min.Rank() < 0 || sc.Max.Rank() < 0 || sc.Min.Rank() > sc.Max.Rank() {
				return nil, fmt.Errorf("%s: scenario %q: expect %v: want [lowest, highest] bands in order", where, sc.Name, s.Expect)
			}
		default:
			return nil, fmt.Errorf("%s: scenario %q: expect: want two bands [lowest, highest]", where, sc.Name)
		}
		if s.Ring != nil {
			if *s.Ring < 1 || *s.Ring > 100000 {
				return nil, fmt.Errorf("%s: scenario %q: ring %d: want a size from 1", where, sc.Name, *s.Ring)
			}
			sc.Ring = &ringer.Ring{ID: "ring-" + strconv.Itoa(i+1), Size: *s.Ring}
		}
		for j, sg := range s.Signals {
			if sg.Code == "" {
				return nil, fmt.Errorf("%s: scenario %q: signal %d: missing code", where, sc.Name, j+1)
			}
			w := 1.0
			if sg.Strength != nil {
				w = *sg.Strength
			}
			if !(w >= 0 && w <= 1) {
				return nil, fmt.Errorf("%s: scenario %q: signal %s: strength %g: want 0..1", where, sc.Name, sg.Code, w)
			}
			sc.Signals = append(sc.Signals, ringer.Signal{Code: sg.Code, Weight: w, Evidence: sg.Evidence,
				Detail: "scenario " + sc.Name})
		}
		out = append(out, sc)
	}
	return out, nil
}

// scenarioLines returns the line of each item of the scenarios list.
func scenarioLines(doc *yaml.Node) []int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	var lines []int
	each(doc.Content[0], func(k, v *yaml.Node) {
		if k.Value == "scenarios" && v.Kind == yaml.SequenceNode {
			for _, it := range v.Content {
				lines = append(lines, it.Line)
			}
		}
	})
	return lines
}

// LoadScenarios reads every *.yaml scenario file of a directory, in name
// order.
func LoadScenarios(dir string) ([]Scenario, error) {
	return loadScenarios(os.DirFS(dir), ".", dir)
}

//go:embed testdata/scenarios/*.yaml
var builtinScenarios embed.FS

// BuiltinScenarios returns the scenario suite that ships in the binary
// (policy/testdata/scenarios).
func BuiltinScenarios() ([]Scenario, error) {
	return loadScenarios(builtinScenarios, "testdata/scenarios", "testdata/scenarios")
}

func loadScenarios(fsys fs.FS, dir, display string) ([]Scenario, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("scenarios %s: %w", display, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("scenarios %s: no *.yaml files", display)
	}
	sort.Strings(names)
	var all []Scenario
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("scenarios %s: %w", display, err)
		}
		sc, err := ParseScenarios(filepath.Join(display, path.Base(n)), data)
		if err != nil {
			return nil, err
		}
		all = append(all, sc...)
	}
	return all, nil
}

// Outcome is a policy's verdict on one scenario.
type Outcome struct {
	Scenario Scenario
	Result   Result
	// Pass reports whether the band is within the scenario's expected range.
	Pass bool
}

// Summary gives the figures a policy is judged by on a scenario suite.
type Summary struct {
	Scenarios, Failed int
	Fraud, Honest     int
	// FraudAtReview counts fraudulent scenarios at band review or more.
	FraudAtReview int
	// HonestAtHigh counts honest scenarios at band high or more.
	HonestAtHigh int
}

// Recall is the share of fraudulent scenarios at band review or more.
func (s Summary) Recall() float64 { return ratio(s.FraudAtReview, s.Fraud) }

// FalsePositiveRate is the share of honest scenarios at band high or more.
func (s Summary) FalsePositiveRate() float64 { return ratio(s.HonestAtHigh, s.Honest) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Test runs a policy over scenarios and reports each outcome and the
// summary figures.
func (p *Policy) Test(ctx context.Context, scenarios []Scenario) ([]Outcome, Summary, error) {
	var sum Summary
	out := make([]Outcome, 0, len(scenarios))
	for _, sc := range scenarios {
		res, err := p.Evaluate(ctx, Input{Record: &ringer.Record{ID: sc.Name}, Signals: sc.Signals, Ring: sc.Ring})
		if err != nil {
			return nil, sum, fmt.Errorf("scenario %q (%s line %d): %w", sc.Name, sc.File, sc.Line, err)
		}
		rank := res.Band.Rank()
		o := Outcome{Scenario: sc, Result: res, Pass: rank >= sc.Min.Rank() && rank <= sc.Max.Rank()}
		out = append(out, o)
		sum.Scenarios++
		if !o.Pass {
			sum.Failed++
		}
		switch sc.Label {
		case LabelFraud:
			sum.Fraud++
			if rank >= ringer.BandReview.Rank() {
				sum.FraudAtReview++
			}
		case LabelHonest:
			sum.Honest++
			if rank >= ringer.BandHigh.Rank() {
				sum.HonestAtHigh++
			}
		}
	}
	return out, sum, nil
}
