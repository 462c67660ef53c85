package policy

import (
	"fmt"
	"math"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"
	"cel.dev/cel-go/interpreter"

	"github.com/ringerhq/ringer"
)

// The variables a rule sees.
const (
	varSignals = "signals"
	varRing    = "ring"
	varRecord  = "record"
	varEvents  = "events"
)

// The helper functions a rule may call. Each takes a signal pattern: a
// signal code ("network.anonymizer") or a stage prefix ending in a dot
// ("endpoint.") that matches every code of the stage.
const (
	fnHasSignal      = "has_signal"      // (pattern) bool: a matching signal has strength > 0
	fnSignalStrength = "signal_strength" // (pattern) double: the largest strength of the matching signals
	fnMaxStrength    = "max_strength"    // (list of patterns) double: the largest strength over all of them
	fnCountSignals   = "count_signals"   // (pattern) int: how many matching signals have strength > 0
	fnEvidenceNumber = "evidence_number" // (pattern, key) double: a number from the strongest match's evidence
	fnEvidenceString = "evidence_string" // (pattern, key) string: a string from the strongest match's evidence
	fnEvidenceCount  = "evidence_count"  // (pattern, key) int: the length of a list in the evidence, or the number
	// (pattern, other, key) bool: a matching signal carries a value in its
	// evidence list key that no signal matching other carries.
	fnEvidenceBeyond = "evidence_beyond"
	// () int: the size of the record's ring, 0 when it is in none.
	fnRingSize = "ring_size"
	// (pattern, key) int: how many distinct values the evidence lists key
	// of the matching signals hold together, e.g. how many other records
	// the link.* signals point at.
	fnEvidenceDistinct = "evidence_distinct"
)

// Limits that keep a hostile or mistaken policy file from costing much to
// compile.
const (
	maxExprBytes     = 8 << 10
	maxExprRecursion = 64
)

// helperNames lists the helper functions; the linter uses it to find the
// signal patterns a rule reads.
var helperNames = [...]string{fnHasSignal, fnSignalStrength, fnMaxStrength,
	fnCountSignals, fnEvidenceNumber, fnEvidenceString, fnEvidenceCount, fnEvidenceBeyond, fnRingSize, fnEvidenceDistinct}

// newEnv returns the CEL environment rules compile in. It is built once per
// policy; the helper functions are bound late, per evaluation, to the
// signals of the record being scored.
func newEnv() (*cel.Env, error) {
	dynMap := cel.MapType(cel.StringType, cel.DynType)
	late := cel.LateFunctionBinding()
	return cel.NewEnv(
		cel.Variable(varSignals, cel.ListType(dynMap)),
		cel.Variable(varRing, cel.DynType),
		cel.Variable(varRecord, dynMap),
		cel.Variable(varEvents, cel.ListType(dynMap)),
		cel.Function(fnHasSignal, cel.Overload("has_signal_string", []*cel.Type{cel.StringType}, cel.BoolType, late)),
		cel.Function(fnSignalStrength, cel.Overload("signal_strength_string", []*cel.Type{cel.StringType}, cel.DoubleType, late)),
		cel.Function(fnMaxStrength, cel.Overload("max_strength_list", []*cel.Type{cel.ListType(cel.StringType)}, cel.DoubleType, late)),
		cel.Function(fnCountSignals, cel.Overload("count_signals_string", []*cel.Type{cel.StringType}, cel.IntType, late)),
		cel.Function(fnEvidenceNumber, cel.Overload("evidence_number_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.DoubleType, late)),
		cel.Function(fnEvidenceString, cel.Overload("evidence_string_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.StringType, late)),
		cel.Function(fnEvidenceCount, cel.Overload("evidence_count_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.IntType, late)),
		cel.Function(fnRingSize, cel.Overload("ring_size", nil, cel.IntType, late)),
		cel.Function(fnEvidenceDistinct, cel.Overload("evidence_distinct_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.IntType, late)),
		cel.Function(fnEvidenceBeyond, cel.Overload("evidence_beyond_string_string_string", []*cel.Type{cel.StringType, cel.StringType, cel.StringType}, cel.BoolType, late)),
		ext.Strings(),
		ext.Math(),
		cel.ParserExpressionSizeLimit(maxExprBytes),
		cel.ParserRecursionLimit(maxExprRecursion),
	)
}

// matches reports whether a signal code matches a pattern: the code itself,
// or a stage prefix ending in a dot.
func matches(code, pattern string) bool {
	if strings.HasSuffix(pattern, ".") {
		return strings.HasPrefix(code, pattern)
	}
	return code == pattern
}

// strength returns a signal's weight clamped to 0..1; NaN counts as 0.
func strength(s ringer.Signal) float64 {
	w := s.Weight
	switch {
	case math.IsNaN(w) || w <= 0:
		return 0
	case w >= 1:
		return 1
	}
	return w
}

// evalState is what one evaluation of a policy works on. It is the CEL
// activation: variables are built on first use, and the helper functions
// are closures over the record's signals.
type evalState struct {
	in        *Input
	strengths []float64 // strength of in.Signals[i]
	signals   any       // CEL value of the signals list, built on first use
	record    any
	events    any
	defs      []definition // the policy's definitions
	defVals   []any        // values of the definitions evaluated so far
	funcs     [len(helperNames)]functions.LateBoundOp
}

func newEvalState(in *Input) *evalState {
	st := &evalState{in: in, strengths: make([]float64, len(in.Signals))}
	for i, s := range in.Signals {
		st.strengths[i] = strength(s)
	}
	st.funcs = [len(helperNames)]functions.LateBoundOp{
		st.hasSignal, st.signalStrength, st.maxStrength, st.countSignals,
		st.evidenceNumber, st.evidenceString, st.evidenceCount, st.evidenceBeyond, st.ringSize, st.evidenceDistinct,
	}
	return st
}

// ResolveName implements interpreter.Activation.
func (st *evalState) ResolveName(name string) (any, bool) {
	switch name {
	case varSignals:
		if st.signals == nil {
			st.signals = signalsValue(st.in.Signals)
		}
		return st.signals, true
	case varRing:
		if st.in.Ring == nil {
			return types.NullValue, true
		}
		return ringValue(st.in.Ring), true
	case varRecord:
		if st.record == nil {
			st.record = recordValue(st.in.Record)
		}
		return st.record, true
	case varEvents:
		if st.events == nil {
			st.events = eventsValue(st.in.Events)
		}
		return st.events, true
	}
	for i, v := range st.defVals {
		if st.defs[i].ID == name {
			return v, true
		}
	}
	return nil, false
}

// Parent implements interpreter.Activation.
func (st *evalState) Parent() interpreter.Activation { return nil }

// ResolveFunction implements interpreter.FunctionActivation.
func (st *evalState) ResolveFunction(name string) (functions.LateBoundOp, bool) {
	for i, n := range helperNames {
		if n == name {
			return st.funcs[i], true
		}
	}
	return nil, false
}

// strongest returns the index of the strongest signal matching pattern
// with strength > 0, or -1.
func (st *evalState) strongest(pattern string) int {
	best, bestW := -1, 0.0
	for i, s := range st.in.Signals {
		if w := st.strengths[i]; w > bestW && matches(s.Code, pattern) {
			best, bestW = i, w
		}
	}
	return best
}

func (st *evalState) hasSignal(_ string, args ...ref.Val) ref.Val {
	p, ok := stringArg(args, 0)
	if !ok {
		return types.NewErr("%s: want a string", fnHasSignal)
	}
	return types.Bool(st.strongest(p) >= 0)
}

func (st *evalState) signalStrength(_ string, args ...ref.Val) ref.Val {
	p, ok := stringArg(args, 0)
	if !ok {
		return types.NewErr("%s: want a string", fnSignalStrength)
	}
	if i := st.strongest(p); i >= 0 {
		return types.Double(st.strengths[i])
	}
	return types.Double(0)
}

func (st *evalState) maxStrength(_ string, args ...ref.Val) ref.Val {
	if len(args) != 1 {
		return types.NewErr("%s: want one list of signal codes", fnMaxStrength)
	}
	l, ok := args[0].(interface {
		Size() ref.Val
		Get(ref.Val) ref.Val
	})
	if !ok {
		return types.NewErr("%s: want a list of signal codes", fnMaxStrength)
	}
	n, _ := l.Size().(types.Int)
	best := 0.0
	for j := types.Int(0); j < n; j++ {
		p, ok := l.Get(j).(types.String)
		if !ok {
			return types.NewErr("%s: want a list of strings", fnMaxStrength)
		}
		if i := st.strongest(string(p)); i >= 0 && st.strengths[i] > best {
			best = st.strengths[i]
		}
	}
	return types.Double(best)
}

func (st *evalState) countSignals(_ string, args ...ref.Val) ref.Val {
	p, ok := stringArg(args, 0)
	if !ok {
		return types.NewErr("%s: want a string", fnCountSignals)
	}
	n := 0
	for i, s := range st.in.Signals {
		if st.strengths[i] > 0 && matches(s.Code, p) {
			n++
		}
	}
	return types.Int(n)
}

// evidence returns the evidence value under key of the strongest signal
// matching the pattern in args[0].
func (st *evalState) evidence(fn string, args []ref.Val) (any, ref.Val) {
	p, ok1 := stringArg(args, 0)
	k, ok2 := stringArg(args, 1)
	if !ok1 || !ok2 {
		return nil, types.NewErr("%s: want a signal code and an evidence key", fn)
	}
	i := st.strongest(p)
	if i < 0 {
		return nil, nil
	}
	return st.in.Signals[i].Evidence[k], nil
}

func (st *evalState) evidenceNumber(_ string, args ...ref.Val) ref.Val {
	v, errVal := st.evidence(fnEvidenceNumber, args)
	if errVal != nil {
		return errVal
	}
	f, _ := number(v)
	return types.Double(f)
}

func (st *evalState) evidenceString(_ string, args ...ref.Val) ref.Val {
	v, errVal := st.evidence(fnEvidenceString, args)
	if errVal != nil {
		return errVal
	}
	switch x := v.(type) {
	case string:
		return types.String(x)
	case nil:
		return types.String("")
	}
	return types.String(fmt.Sprint(v))
}

func (st *evalState) evidenceCount(_ string, args ...ref.Val) ref.Val {
	v, errVal := st.evidence(fnEvidenceCount, args)
	if errVal != nil {
		return errVal
	}
	switch x := v.(type) {
	case []string:
		return types.Int(len(x))
	case []any:
		return types.Int(len(x))
	case map[string]any:
		return types.Int(len(x))
	}
	if f, ok := number(v); ok && f >= 0 && f < math.MaxInt32 {
		return types.Int(int64(f))
	}
	return types.Int(0)
}

func (st *evalState) ringSize(_ string, _ ...ref.Val) ref.Val {
	r := st.in.Ring
	switch {
	case r == nil:
		return types.Int(0)
	case r.Size > 0:
		return types.Int(r.Size)
	}
	return types.Int(len(r.Members))
}

func (st *evalState) evidenceDistinct(_ string, args ...ref.Val) ref.Val {
	p, ok1 := stringArg(args, 0)
	key, ok2 := stringArg(args, 1)
	if !ok1 || !ok2 {
		return types.NewErr("%s: want a signal code and an evidence key", fnEvidenceDistinct)
	}
	var seen map[string]bool
	for i, s := range st.in.Signals {
		if st.strengths[i] <= 0 || !matches(s.Code, p) {
			continue
		}
		for _, v := range evidenceList(s.Evidence[key]) {
			if seen == nil {
				seen = make(map[string]bool)
			}
			seen[v] = true
		}
	}
	return types.Int(len(seen))
}

// evidenceBeyond reports whether a signal matching args[0] carries, in its
// evidence list args[2], a value that no signal matching args[1] carries
// in its own list args[2]. A matching signal without such a list counts as
// carrying something beyond. It lets a rule discount evidence that another
// signal already explains: résumé duplicates that are all the same
// person's other applications.
func (st *evalState) evidenceBeyond(_ string, args ...ref.Val) ref.Val {
	p, ok1 := stringArg(args, 0)
	other, ok2 := stringArg(args, 1)
	key, ok3 := stringArg(args, 2)
	if !ok1 || !ok2 || !ok3 {
		return types.NewErr("%s: want a signal code, another signal code and an evidence key", fnEvidenceBeyond)
	}
	var explained map[string]bool
	for i, s := range st.in.Signals {
		if st.strengths[i] > 0 && matches(s.Code, other) {
			if explained == nil {
				explained = make(map[string]bool)
			}
			for _, v := range evidenceList(s.Evidence[key]) {
				explained[v] = true
			}
		}
	}
	for i, s := range st.in.Signals {
		if st.strengths[i] <= 0 || !matches(s.Code, p) {
			continue
		}
		v, ok := s.Evidence[key]
		if !ok {
			return types.True
		}
		for _, x := range evidenceList(v) {
			if !explained[x] {
				return types.True
			}
		}
	}
	return types.False
}

// evidenceList reads an evidence value as a list of strings.
func evidenceList(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = fmt.Sprint(e)
		}
		return out
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}

func stringArg(args []ref.Val, i int) (string, bool) {
	if i >= len(args) {
		return "", false
	}
	s, ok := args[i].(types.String)
	return string(s), ok
}

// number converts a numeric evidence value to float64.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint32:
		return float64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// signalsValue is the signals list as rules see it.
func signalsValue(sigs []ringer.Signal) []any {
	out := make([]any, len(sigs))
	for i, s := range sigs {
		ev := s.Evidence
		if ev == nil {
			ev = map[string]any{}
		}
		out[i] = map[string]any{
			"code":      s.Code,
			"weight":    strength(s),
			"detail":    s.Detail,
			"evidence":  ev,
			"indicator": s.Indicator,
		}
	}
	return out
}

// ringValue is the ring as rules see it: id, size and members. The links
// are left out; their evidence reaches rules as link.* signals.
func ringValue(r *ringer.Ring) map[string]any {
	size := r.Size
	if size == 0 {
		size = len(r.Members)
	}
	return map[string]any{"id": r.ID, "size": int64(size), "members": r.Members}
}

// recordValue is the record as rules see it: the contract fields a policy
// may read. Names, aliases, birth date and place, photos, résumé text,
// document numbers and countries and account holders are left out: they
// identify a person or stand for protected attributes, and detectors
// compare them where consistency needs it.
func recordValue(r *ringer.Record) map[string]any {
	if r == nil {
		r = &ringer.Record{}
	}
	phones := make([]any, len(r.Phones))
	for i, p := range r.Phones {
		phones[i] = map[string]any{"number": p.Number, "line_type": p.LineType}
	}
	addrs := make([]any, len(r.Addresses))
	for i, a := range r.Addresses {
		addrs[i] = map[string]any{"use": a.Use, "city": a.City, "region": a.Region,
			"postcode": a.Postcode, "country": a.Country}
	}
	docs := make([]any, len(r.Documents))
	for i, d := range r.Documents {
		docs[i] = map[string]any{"type": d.Type}
	}
	payouts := make([]any, len(r.PayoutAccounts))
	for i, p := range r.PayoutAccounts {
		payouts[i] = map[string]any{"type": p.Type, "network": p.Network, "country": p.Country}
	}
	profiles := make([]any, len(r.Profiles))
	for i, p := range r.Profiles {
		profiles[i] = map[string]any{"site": p.Site, "created_at": p.CreatedAt.String(),
			"earliest_activity": p.EarliestActivity.String(), "followers": int64(p.Followers)}
	}
	emails := r.Emails
	if emails == nil {
		emails = []string{}
	}
	attrs := r.Attributes
	if attrs == nil {
		attrs = map[string]any{}
	}
	return map[string]any{
		"id":              r.ID,
		"source":          r.Source,
		"kind":            r.Kind,
		"observed_at":     r.ObservedAt,
		"emails":          emails,
		"phones":          phones,
		"addresses":       addrs,
		"documents":       docs,
		"payout_accounts": payouts,
		"profiles":        profiles,
		"claimed": map[string]any{"country": r.Claimed.Country, "city": r.Claimed.City,
			"timezone": r.Claimed.Timezone},
		"referred_by": r.ReferredBy,
		"attributes":  attrs,
	}
}

// eventsValue is the events list as rules see it: the contract fields of
// each event that carry behaviour, not identity.
func eventsValue(evs []ringer.Event) []any {
	out := make([]any, len(evs))
	for i := range evs {
		e := &evs[i]
		m := map[string]any{
			"event":     e.Type,
			"record_id": e.RecordID,
			"at":        e.At,
		}
		put := func(k, v string) {
			if v != "" {
				m[k] = v
			}
		}
		put("ip", e.IP)
		put("device_id", e.DeviceID)
		put("mfa_device_id", e.MFADeviceID)
		put("app", e.App)
		put("participant_ip", e.ParticipantIP)
		put("public_ip", e.PublicIP)
		put("kind", e.Kind)
		put("provider", e.Provider)
		put("result", e.Result)
		if e.Success != nil {
			m["success"] = *e.Success
		}
		if e.CameraOn != nil {
			m["camera_on"] = *e.CameraOn
		}
		if e.Observations != nil {
			m["observations"] = e.Observations
		}
		if e.RequestedChange != nil {
			m["requested_change"] = *e.RequestedChange
		}
		if e.Type == ringer.EventKeystrokeLatency {
			m["p50_ms"] = e.P50Ms
			m["samples"] = int64(e.Samples)
		}
		if len(e.Software) > 0 {
			names := make([]string, len(e.Software))
			for j, s := range e.Software {
				names[j] = s.Name
			}
			m["software"] = names
		}
		out[i] = m
	}
	return out
}
