package policy

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"cel.dev/cel-go/cel"
	"gopkg.in/yaml.v3"
)

// Problem is one thing wrong with a policy file: a rule that does not
// compile or reads a protected attribute, a bad threshold, a missing field.
type Problem struct {
	// Rule is the id of the rule or group at fault, "" for the file as a whole.
	Rule string `json:"rule,omitempty"`
	// Line is the line in the policy file, 0 when unknown.
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// String formats the problem as "line N: rule ID: message".
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "%d: ", p.Line)
	}
	if p.Rule != "" {
		fmt.Fprintf(&b, "rule %s: ", p.Rule)
	}
	b.WriteString(p.Message)
	return b.String()
}

// Lint checks a policy file and returns every problem it finds: YAML that
// does not follow the policy format, band thresholds out of order, weights
// outside 0..100, duplicate or malformed ids, rules without an indicator,
// rules whose expression does not compile or yields neither a bool nor a
// double, rules that read a protected attribute (see the package doc),
// rules that compare a country to a constant, and signal codes of a known
// stage that the catalogue does not name. A policy with no problems
// compiles with Parse.
func Lint(data []byte) []Problem {
	_, problems := compile(data)
	return problems
}

// Limits on a policy file.
const (
	maxPolicyBytes = 1 << 20
	maxRules       = 2000
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,79}$`)

// compile reads a policy file into a Policy, collecting every problem.
// The Policy is nil when there are problems.
func compile(data []byte) (*Policy, []Problem) {
	var probs []Problem
	add := func(rule string, line int, format string, args ...any) {
		probs = append(probs, Problem{Rule: rule, Line: line, Message: fmt.Sprintf(format, args...)})
	}
	if len(data) > maxPolicyBytes {
		add("", 0, "policy file is %d bytes, more than the %d allowed", len(data), maxPolicyBytes)
		return nil, probs
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		add("", 0, "not valid YAML: %v", err)
		return nil, probs
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		add("", doc.Line, "want a YAML mapping with name, version, bands and rules")
		return nil, probs
	}
	root := doc.Content[0]
	p := &Policy{}
	var bandsNode, groupsNode, defsNode, rulesNode *yaml.Node
	each(root, func(k, v *yaml.Node) {
		switch k.Value {
		case "name":
			p.name = scalar(v, "name", "", add)
		case "version":
			p.version = scalar(v, "version", "", add)
		case "description":
			p.description = scalar(v, "description", "", add)
		case "bands":
			bandsNode = v
		case "groups":
			groupsNode = v
		case "definitions":
			defsNode = v
		case "rules":
			rulesNode = v
		default:
			add("", k.Line, "unknown field %q (want name, version, description, bands, groups, definitions, rules)", k.Value)
		}
	})
	if p.name == "" {
		add("", root.Line, "missing name")
	} else if !idPattern.MatchString(p.name) {
		add("", root.Line, "name %q: use lower-case letters, digits, '_', '.', '-'", p.name)
	}
	if p.version == "" {
		add("", root.Line, "missing version")
	} else if strings.ContainsAny(p.version, "@ \t\n") {
		add("", root.Line, "version %q must not contain '@' or spaces", p.version)
	}

	// Bands.
	if bandsNode == nil {
		add("", root.Line, "missing bands {review, high, critical}")
	} else if bandsNode.Kind != yaml.MappingNode {
		add("", bandsNode.Line, "bands: want a mapping {review, high, critical}")
	} else {
		seen := map[string]bool{}
		each(bandsNode, func(k, v *yaml.Node) {
			f := number64(v, "bands."+k.Value, "", add)
			seen[k.Value] = true
			switch k.Value {
			case "review":
				p.bands.Review = f
			case "high":
				p.bands.High = f
			case "critical":
				p.bands.Critical = f
			default:
				add("", k.Line, "bands: unknown band %q (want review, high, critical)", k.Value)
			}
		})
		for _, b := range []string{"review", "high", "critical"} {
			if !seen[b] {
				add("", bandsNode.Line, "bands: missing %s", b)
			}
		}
		b := p.bands
		if !(b.Review > 0 && b.Review < b.High && b.High < b.Critical && b.Critical <= 100) {
			add("", bandsNode.Line, "bands: want 0 < review < high < critical ≤ 100, got review %g, high %g, critical %g",
				b.Review, b.High, b.Critical)
		}
	}

	// Groups.
	groupIdx := map[string]int{}
	if groupsNode != nil {
		if groupsNode.Kind != yaml.SequenceNode {
			add("", groupsNode.Line, "groups: want a list")
		} else {
			for _, gn := range groupsNode.Content {
				g := Group{Line: gn.Line, Combine: CombineMax, Cap: 100}
				if gn.Kind != yaml.MappingNode {
					add("", gn.Line, "groups: each group is a mapping {id, description, combine, cap}")
					continue
				}
				each(gn, func(k, v *yaml.Node) {
					switch k.Value {
					case "id":
						g.ID = scalar(v, "id", "", add)
					case "description":
						g.Description = scalar(v, "description", g.ID, add)
					case "combine":
						g.Combine = scalar(v, "combine", g.ID, add)
					case "cap":
						g.Cap = number64(v, "cap", g.ID, add)
					case "max_when":
						g.MaxWhen = scalar(v, "max_when", g.ID, add)
					default:
						add(g.ID, k.Line, "group: unknown field %q (want id, description, combine, cap, max_when)", k.Value)
					}
				})
				switch {
				case g.ID == "":
					add("", gn.Line, "group without an id")
					continue
				case !idPattern.MatchString(g.ID):
					add(g.ID, gn.Line, "group id: use lower-case letters, digits, '_', '.', '-'")
				case groupIdx[g.ID] > 0:
					add(g.ID, gn.Line, "duplicate group id (first on line %d)", p.groups[groupIdx[g.ID]-1].Line)
					continue
				}
				if g.Combine != CombineMax && g.Combine != CombineNoisyOr {
					add(g.ID, gn.Line, "combine %q: want %s or %s", g.Combine, CombineMax, CombineNoisyOr)
				}
				if !(g.Cap > 0 && g.Cap <= 100) {
					add(g.ID, gn.Line, "cap %g: want 0 < cap ≤ 100", g.Cap)
				}
				p.groups = append(p.groups, g)
				groupIdx[g.ID] = len(p.groups) // 1-based so that 0 means absent
			}
		}
	}

	// Definitions, then rules.
	env, err := newEnv()
	if err != nil {
		add("", 0, "build the rule environment: %v", err)
		return nil, probs
	}
	if defsNode != nil {
		env = compileDefinitions(env, defsNode, p, add)
	}
	for _, g := range p.groups {
		if g.MaxWhen == "" {
			continue
		}
		if i := p.definition(g.MaxWhen); i < 0 {
			add(g.ID, g.Line, "max_when %q is not a definition", g.MaxWhen)
		} else if !p.defs[i].typ.IsExactType(cel.BoolType) {
			add(g.ID, g.Line, "max_when %q: the definition yields %s, want a bool", g.MaxWhen, p.defs[i].typ)
		}
	}
	switch {
	case rulesNode == nil:
		add("", root.Line, "missing rules")
	case rulesNode.Kind != yaml.SequenceNode:
		add("", rulesNode.Line, "rules: want a list")
	case len(rulesNode.Content) == 0:
		add("", rulesNode.Line, "%v", errNoRules)
	case len(rulesNode.Content) > maxRules:
		add("", rulesNode.Line, "%d rules, more than the %d allowed", len(rulesNode.Content), maxRules)
	default:
		ruleLine := map[string]int{}
		for _, rn := range rulesNode.Content {
			r, ok := compileRule(env, rn, groupIdx, add)
			if !ok {
				continue
			}
			if first, dup := ruleLine[r.ID]; dup {
				add(r.ID, r.Line, "duplicate rule id (first on line %d)", first)
				continue
			}
			ruleLine[r.ID] = r.Line
			p.rules = append(p.rules, r)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return p, nil
}

// reservedNames cannot name a definition: they are the rule variables,
// helper functions and CEL's own words.
func reservedName(id string) bool {
	switch id {
	case varSignals, varRing, varRecord, varEvents, "true", "false", "null", "in", "as",
		"break", "const", "continue", "else", "for", "function", "if", "import", "let",
		"loop", "package", "namespace", "return", "var", "void", "while", "math", "strings",
		"has", "all", "exists", "exists_one", "map", "filter", "size", "int", "uint",
		"double", "string", "bytes", "bool", "list", "type", "dyn", "duration", "timestamp":
		return true
	}
	for _, h := range helperNames {
		if h == id {
			return true
		}
	}
	return false
}

var defIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// compileDefinitions compiles the policy's definitions in order: named
// values computed once per record that later definitions and rules read
// as variables. It returns the environment rules compile in.
func compileDefinitions(env *cel.Env, defsNode *yaml.Node, p *Policy, add func(string, int, string, ...any)) *cel.Env {
	if defsNode.Kind != yaml.SequenceNode {
		add("", defsNode.Line, "definitions: want a list")
		return env
	}
	for _, dn := range defsNode.Content {
		d := definition{Definition: Definition{Line: dn.Line}}
		if dn.Kind != yaml.MappingNode {
			add("", dn.Line, "definitions: each definition is a mapping {id, description, expr}")
			continue
		}
		var exprNode *yaml.Node
		each(dn, func(k, v *yaml.Node) {
			switch k.Value {
			case "id":
				d.ID = scalar(v, "id", "", add)
			case "description":
				d.Description = scalar(v, "description", d.ID, add)
			case "expr":
				d.Expr = scalar(v, "expr", d.ID, add)
				exprNode = v
			default:
				add(d.ID, k.Line, "definition: unknown field %q (want id, description, expr)", k.Value)
			}
		})
		switch {
		case d.ID == "":
			add("", dn.Line, "definition without an id")
			continue
		case !defIDPattern.MatchString(d.ID):
			add(d.ID, dn.Line, "definition id: a lower-case identifier (letters, digits, '_')")
			continue
		case reservedName(d.ID):
			add(d.ID, dn.Line, "definition id %q is a reserved name", d.ID)
			continue
		case p.definition(d.ID) >= 0:
			add(d.ID, dn.Line, "duplicate definition id")
			continue
		case strings.TrimSpace(d.Expr) == "":
			add(d.ID, dn.Line, "missing expr")
			continue
		}
		line := exprLine(dn, exprNode)
		parsed, iss := env.Parse(d.Expr)
		if iss != nil && iss.Err() != nil {
			add(d.ID, line, "expr does not parse: %s", oneLine(iss.Err().Error()))
			continue
		}
		facts := inspect(parsed.NativeRep().Expr())
		bad := false
		for _, f := range facts.findings(d.ID) {
			add(d.ID, line, "%s", f)
			bad = true
		}
		checked, iss := env.Check(parsed)
		if iss != nil && iss.Err() != nil {
			add(d.ID, line, "expr does not compile: %s", oneLine(iss.Err().Error()))
			continue
		}
		if bad {
			continue
		}
		prg, err := env.Program(checked, cel.EvalOptions(cel.OptOptimize))
		if err != nil {
			add(d.ID, line, "expr: %v", err)
			continue
		}
		d.prg = prg
		d.typ = checked.OutputType()
		d.needs = facts.vars
		next, err := env.Extend(cel.Variable(d.ID, d.typ))
		if err != nil {
			add(d.ID, line, "declare: %v", err)
			continue
		}
		env = next
		p.defs = append(p.defs, d)
	}
	return env
}

// exprLine is the file line of an expression: the line of its value, or
// the next one for a block scalar (| or >).
func exprLine(parent, exprNode *yaml.Node) int {
	if exprNode == nil {
		return parent.Line
	}
	if exprNode.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return exprNode.Line + 1
	}
	return exprNode.Line
}

func compileRule(env *cel.Env, rn *yaml.Node, groupIdx map[string]int, add func(string, int, string, ...any)) (compiledRule, bool) {
	r := compiledRule{Rule: Rule{Line: rn.Line}, group: -1}
	if rn.Kind != yaml.MappingNode {
		add("", rn.Line, "rules: each rule is a mapping {id, description, expr, weight, indicator, group}")
		return r, false
	}
	var exprNode *yaml.Node
	hasWeight := false
	each(rn, func(k, v *yaml.Node) {
		switch k.Value {
		case "id":
			r.ID = scalar(v, "id", "", add)
		case "description":
			r.Description = scalar(v, "description", r.ID, add)
		case "expr":
			r.Expr = scalar(v, "expr", r.ID, add)
			exprNode = v
		case "weight":
			r.Weight = number64(v, "weight", r.ID, add)
			hasWeight = true
		case "indicator":
			r.Indicator = scalar(v, "indicator", r.ID, add)
		case "group":
			r.Group = scalar(v, "group", r.ID, add)
		default:
			add(r.ID, k.Line, "unknown field %q (want id, description, expr, weight, indicator, group)", k.Value)
		}
	})
	ok := true
	bad := func(line int, format string, args ...any) {
		add(r.ID, line, format, args...)
		ok = false
	}
	switch {
	case r.ID == "":
		bad(rn.Line, "rule without an id")
	case !idPattern.MatchString(r.ID):
		bad(rn.Line, "id: use lower-case letters, digits, '_', '.', '-' (at most 80)")
	}
	if !hasWeight {
		bad(rn.Line, "missing weight (points at full strength, 0 < weight ≤ 100)")
	} else if !(r.Weight > 0 && r.Weight <= 100) {
		bad(rn.Line, "weight %g: want 0 < weight ≤ 100", r.Weight)
	}
	if strings.TrimSpace(r.Indicator) == "" {
		bad(rn.Line, "missing indicator: cite the public source the rule rests on")
	}
	if r.Group != "" {
		if gi, found := groupIdx[r.Group]; found {
			r.group = gi - 1
		} else {
			bad(rn.Line, "group %q is not declared under groups", r.Group)
		}
	}
	if strings.TrimSpace(r.Expr) == "" {
		bad(rn.Line, "missing expr")
		return r, false
	}
	exprLine := exprLine(rn, exprNode)

	parsed, iss := env.Parse(r.Expr)
	if iss != nil && iss.Err() != nil {
		bad(exprLine, "expr does not parse: %s", oneLine(iss.Err().Error()))
		return r, false
	}
	facts := inspect(parsed.NativeRep().Expr())
	r.patterns = facts.patterns
	r.needs = facts.vars
	for _, f := range facts.findings(r.ID) {
		bad(exprLine, "%s", f)
	}
	checked, iss := env.Check(parsed)
	if iss != nil && iss.Err() != nil {
		bad(exprLine, "expr does not compile: %s", oneLine(iss.Err().Error()))
		return r, false
	}
	switch t := checked.OutputType(); {
	case t.IsExactType(cel.BoolType), t.IsExactType(cel.DoubleType), t.IsExactType(cel.DynType):
	default:
		bad(exprLine, "expr yields %s; want a bool, or a double in 0..1 for a strength", t)
		return r, false
	}
	if !ok {
		return r, false
	}
	prg, err := env.Program(checked, cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		bad(exprLine, "expr: %v", err)
		return r, false
	}
	r.prg = prg
	return r, true
}

// each calls fn for every key/value pair of a mapping node.
func each(m *yaml.Node, fn func(k, v *yaml.Node)) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		fn(m.Content[i], m.Content[i+1])
	}
}

func scalar(v *yaml.Node, field, rule string, add func(string, int, string, ...any)) string {
	if v.Kind != yaml.ScalarNode {
		add(rule, v.Line, "%s: want a single value", field)
		return ""
	}
	return v.Value
}

func number64(v *yaml.Node, field, rule string, add func(string, int, string, ...any)) float64 {
	if v.Kind != yaml.ScalarNode {
		add(rule, v.Line, "%s: want a number", field)
		return math.NaN()
	}
	f, err := strconv.ParseFloat(v.Value, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		add(rule, v.Line, "%s: %q is not a number", field, v.Value)
		return math.NaN()
	}
	return f
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
