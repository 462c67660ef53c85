package policy

import (
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

	"github.com/ringerhq/ringer"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the text of the default policy, for a team to read,
// copy and change.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

// Default returns the default policy that ships in the binary
// (policy/default.yaml). It is compiled once and shared; a Policy is
// immutable. It panics if the embedded file does not compile, which the
// package's tests rule out.
func Default() *Policy { return defaultPolicy() }

var defaultPolicy = sync.OnceValue(func() *Policy {
	p, err := Parse("default.yaml", defaultYAML)
	if err != nil {
		panic(fmt.Sprintf("policy: embedded default policy: %v", err))
	}
	return p
})

// Combine modes of a rule group.
const (
	// CombineMax counts only the group's strongest rule.
	CombineMax = "max"
	// CombineNoisyOr combines the group's rules as the score does,
	// 100·(1 − Π(1 − pᵢ/100)), and caps the result at the group's cap.
	CombineNoisyOr = "noisy_or"
)

// Bands are the score thresholds of the bands above clear: a score at or
// above Critical is critical, at or above High is high, at or above Review
// is review.
type Bands struct {
	Review   float64 `json:"review"`
	High     float64 `json:"high"`
	Critical float64 `json:"critical"`
}

// Band returns the band of a score.
func (b Bands) Band(score int) ringer.Band {
	s := float64(score)
	switch {
	case s >= b.Critical:
		return ringer.BandCritical
	case s >= b.High:
		return ringer.BandHigh
	case s >= b.Review:
		return ringer.BandReview
	}
	return ringer.BandClear
}

// Rule is one rule of a policy as written in its file.
type Rule struct {
	ID          string
	Description string
	// Expr is a CEL expression over signals, ring, record and events; it
	// yields a bool (true counts as strength 1) or a double in 0..1.
	Expr string
	// Weight is the points the rule gives at full strength, 0..100.
	Weight float64
	// Indicator cites the public source the rule rests on.
	Indicator string
	// Group names the group of correlated rules this rule belongs to, ""
	// when it counts alone.
	Group string
	// Line is the rule's line in the policy file.
	Line int
}

// Group is a set of correlated rules that count once in the score: their
// points are combined by Combine and capped at Cap.
type Group struct {
	ID          string
	Description string
	Combine     string
	Cap         float64
	// MaxWhen names a boolean definition; for a record where it is true,
	// the group counts only its strongest rule whatever Combine says.
	MaxWhen string
	Line    int
}

// Policy is a compiled set of rules and band thresholds. It is safe for
// concurrent use.
type Policy struct {
	name, version string
	description   string
	bands         Bands
	groups        []Group
	defs          []definition
	rules         []compiledRule
}

type compiledRule struct {
	Rule
	prg      cel.Program
	patterns []string // signal patterns the rule reads, for attributing its points
	needs    varSet   // variables the rule reads
	group    int      // index into Policy.groups, -1 when alone
}

// Definition is a named value computed once per record, before the
// rules, which later definitions and rules read as a variable.
type Definition struct {
	ID          string
	Description string
	Expr        string
	// Line is the definition's line in the policy file.
	Line int
}

type definition struct {
	Definition
	prg   cel.Program
	typ   *cel.Type
	needs varSet
}

// Definitions returns the policy's definitions in file order.
func (p *Policy) Definitions() []Definition {
	out := make([]Definition, len(p.defs))
	for i, d := range p.defs {
		out[i] = d.Definition
	}
	return out
}

// definition returns the index of the definition named id, or -1.
func (p *Policy) definition(id string) int {
	for i := range p.defs {
		if p.defs[i].ID == id {
			return i
		}
	}
	return -1
}

// varSet records which of the rule variables a rule reads.
type varSet struct{ signals, ring, record, events bool }

// ID returns the policy's name and version, "name@version", as recorded in
// every assessment.
func (p *Policy) ID() string { return p.name + "@" + p.version }

// Name returns the policy's name.
func (p *Policy) Name() string { return p.name }

// Description returns the policy's description.
func (p *Policy) Description() string { return p.description }

// Bands returns the band thresholds.
func (p *Policy) Bands() Bands { return p.bands }

// Rules returns the policy's rules in file order.
func (p *Policy) Rules() []Rule {
	out := make([]Rule, len(p.rules))
	for i, r := range p.rules {
		out[i] = r.Rule
	}
	return out
}

// Groups returns the policy's rule groups in file order.
func (p *Policy) Groups() []Group { return append([]Group(nil), p.groups...) }

// Load reads and compiles the policy file at path.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load policy: %w", err)
	}
	return Parse(path, data)
}

// Parse compiles a policy from its YAML text. name names the source in
// errors (a file name). A policy with any problem Lint reports is refused:
// rules that do not compile, read protected attributes, lack an indicator,
// or band thresholds out of order. The error lists every problem with its
// line and rule id.
func Parse(name string, yamlData []byte) (*Policy, error) {
	p, problems := compile(yamlData)
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, pr := range problems {
			msgs[i] = name + ":" + pr.String()
		}
		return nil, fmt.Errorf("policy %s: %d problem(s):\n%s", name, len(problems), strings.Join(msgs, "\n"))
	}
	return p, nil
}

// Input is what rules see.
type Input struct {
	Record *ringer.Record
	// Signals come from detectors, the identity graph and watchlists;
	// Weight 0..1 is the strength of the instance.
	Signals []ringer.Signal
	Ring    *ringer.Ring
	Events  []ringer.Event
}

// Result is the policy's verdict: points per signal, the fired rules,
// score 0..100 and band.
type Result struct {
	Score int
	Band  ringer.Band
	// Rules lists the ids of the rules that fired, in policy order.
	Rules []string
	// Signals are the input signals with Weight replaced by the points the
	// rules that read them gave (0 for signals no rule used; they stay as
	// context), sorted by points, largest first.
	Signals []ringer.Signal
	// Fired details each rule that fired.
	Fired []FiredRule
	// Terms are the factors of the score: one per group with a fired rule
	// and one per fired rule outside groups. Score = 100·(1 − Π(1 − Points/100)).
	Terms []Term
}

// FiredRule is one rule that fired: its strength (the value of its
// expression) and the points it gave, Weight × Strength.
type FiredRule struct {
	ID        string  `json:"id"`
	Group     string  `json:"group,omitempty"`
	Strength  float64 `json:"strength"`
	Points    float64 `json:"points"`
	Indicator string  `json:"indicator,omitempty"`
}

// Term is one factor of the score: a group of correlated rules or one rule
// that counts alone, with the points it brings after group combination.
type Term struct {
	Name   string   `json:"name"`
	Rules  []string `json:"rules"`
	Points float64  `json:"points"`
}

// Evaluate scores one record. Rules run in file order; a rule whose
// expression fails at run time makes Evaluate fail with the rule's id.
func (p *Policy) Evaluate(ctx context.Context, in Input) (Result, error) {
	st := newEvalState(&in)
	st.defs = p.defs
	st.defVals = make([]any, 0, len(p.defs))
	for i := range p.defs {
		d := &p.defs[i]
		out, _, err := d.prg.Eval(st)
		if err != nil {
			return Result{}, fmt.Errorf("policy %s: definition %s: %w", p.ID(), d.ID, err)
		}
		st.defVals = append(st.defVals, out)
	}
	var fired []FiredRule
	var firedIdx []int
	for i := range p.rules {
		if err := ctx.Err(); err != nil {
			return Result{}, fmt.Errorf("policy %s: %w", p.ID(), err)
		}
		r := &p.rules[i]
		out, _, err := r.prg.Eval(st)
		if err != nil {
			return Result{}, fmt.Errorf("policy %s: rule %s: %w", p.ID(), r.ID, err)
		}
		s, err := strengthOf(out)
		if err != nil {
			return Result{}, fmt.Errorf("policy %s: rule %s: %w", p.ID(), r.ID, err)
		}
		if s <= 0 {
			continue
		}
		fired = append(fired, FiredRule{ID: r.ID, Group: r.Group, Strength: s,
			Points: r.Weight * s, Indicator: r.Indicator})
		firedIdx = append(firedIdx, i)
	}

	res := Result{Fired: fired, Rules: make([]string, len(fired))}
	for i, f := range fired {
		res.Rules[i] = f.ID
	}
	res.Terms = p.terms(fired, firedIdx, st)
	keep := 1.0
	for _, t := range res.Terms {
		keep *= 1 - t.Points/100
	}
	res.Score = int(math.Round(100 * (1 - keep)))
	res.Band = p.bands.Band(res.Score)
	res.Signals = p.attribute(&in, st.strengths, fired, firedIdx)
	return res, nil
}

// strengthOf converts a rule's value to a strength in 0..1.
func strengthOf(v any) (float64, error) {
	switch x := v.(type) {
	case types.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case types.Double:
		f := float64(x)
		switch {
		case math.IsNaN(f) || f <= 0:
			return 0, nil
		case f >= 1:
			return 1, nil
		}
		return f, nil
	}
	return 0, fmt.Errorf("expression yielded %v (%T), want a bool or a double in 0..1", v, v)
}

// terms combines the fired rules into the factors of the score.
func (p *Policy) terms(fired []FiredRule, idx []int, st *evalState) []Term {
	var terms []Term
	groupTerm := make(map[int]int) // group index → term index
	var groupPts [][]float64
	for k, f := range fired {
		r := &p.rules[idx[k]]
		if r.group < 0 {
			terms = append(terms, Term{Name: r.ID, Rules: []string{r.ID}, Points: f.Points})
			groupPts = append(groupPts, nil)
			continue
		}
		t, ok := groupTerm[r.group]
		if !ok {
			t = len(terms)
			groupTerm[r.group] = t
			terms = append(terms, Term{Name: p.groups[r.group].ID})
			groupPts = append(groupPts, nil)
		}
		terms[t].Rules = append(terms[t].Rules, r.ID)
		groupPts[t] = append(groupPts[t], f.Points)
	}
	for gi, t := range groupTerm {
		g := p.groups[gi]
		var pts float64
		combine := g.Combine
		if g.MaxWhen != "" {
			if v, ok := st.ResolveName(g.MaxWhen); ok && v == types.True {
				combine = CombineMax
			}
		}
		switch combine {
		case CombineNoisyOr:
			keep := 1.0
			for _, x := range groupPts[t] {
				keep *= 1 - x/100
			}
			pts = 100 * (1 - keep)
		default: // CombineMax
			for _, x := range groupPts[t] {
				pts = max(pts, x)
			}
		}
		terms[t].Points = min(pts, g.Cap)
	}
	for i := range terms {
		terms[i].Points = math.Round(terms[i].Points*100) / 100
	}
	return terms
}

// ringMemberCode is the identity graph's signal that a record is in a
// ring; rules that read the ring variable are credited to it.
const ringMemberCode = "link.ring_member"

// attribute gives each input signal the points of the fired rules that
// read it: the present signals whose code the rule names, or, when it
// names none of them, those matching a stage prefix it names ("link."),
// or, for a rule that reads the ring and names no present signal,
// link.ring_member. A rule that read
// several present signals shares its points among them in proportion to
// their strengths.
func (p *Policy) attribute(in *Input, strengths []float64, fired []FiredRule, idx []int) []ringer.Signal {
	points := make([]float64, len(in.Signals))
	var used []int
	for k, f := range fired {
		r := &p.rules[idx[k]]
		used = used[:0]
		total := 0.0
		// Exact codes first: a rule that names link.shared_phone and
		// reads "link." only to weigh it gives its points to the phone.
		for _, exact := range []bool{true, false} {
			for i, s := range in.Signals {
				if strengths[i] <= 0 {
					continue
				}
				for _, pat := range r.patterns {
					if strings.HasSuffix(pat, ".") != exact && matches(s.Code, pat) {
						used = append(used, i)
						total += strengths[i]
						break
					}
				}
			}
			if len(used) > 0 {
				break
			}
		}
		if len(used) == 0 && r.needs.ring {
			for i, s := range in.Signals {
				if strengths[i] > 0 && s.Code == ringMemberCode {
					used = append(used, i)
					total += strengths[i]
				}
			}
		}
		for _, i := range used {
			points[i] += f.Points * strengths[i] / total
		}
	}
	// Sort an index rather than the signals: they are large to move.
	order := make([]int, len(points))
	for i := range order {
		order[i] = i
		points[i] = math.Round(points[i]*10) / 10
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(points[b], points[a]) })
	out := make([]ringer.Signal, len(order))
	for k, i := range order {
		out[k] = in.Signals[i]
		out[k].Weight = points[i]
	}
	return out
}

// errNoRules is returned for a policy without rules.
var errNoRules = errors.New("policy has no rules")
