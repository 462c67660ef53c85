package policy

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

const testPolicy = `name: test
version: "7"
bands: {review: 30, high: 60, critical: 85}
groups:
  - {id: net, combine: max}
  - {id: link, combine: noisy_or, cap: 50}
rules:
  - id: vpn
    expr: signal_strength("network.anonymizer")
    weight: 30
    group: net
    indicator: a
  - id: astrill
    expr: has_signal("network.known_vpn_provider")
    weight: 40
    group: net
    indicator: b
  - id: device
    expr: signal_strength("link.shared_device")
    weight: 40
    group: link
    indicator: c
  - id: photo
    expr: signal_strength("link.shared_photo")
    weight: 40
    group: link
    indicator: d
  - id: kvm
    expr: signal_strength("endpoint.ip_kvm")
    weight: 50
    indicator: e
  - id: any_endpoint
    expr: count_signals("endpoint.") >= 2
    weight: 10
    indicator: f
`

func mustParse(t testing.TB, text string) *Policy {
	t.Helper()
	p, err := Parse("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func sig(code string, w float64) ringer.Signal { return ringer.Signal{Code: code, Weight: w} }

func TestEvaluateCombination(t *testing.T) {
	p := mustParse(t, testPolicy)
	if p.ID() != "test@7" {
		t.Errorf("ID() = %q", p.ID())
	}
	tests := []struct {
		name    string
		signals []ringer.Signal
		score   int
		band    ringer.Band
		rules   []string
	}{
		{"nothing", nil, 0, ringer.BandClear, nil},
		{"half-strength VPN", []ringer.Signal{sig("network.anonymizer", 0.5)}, 15, ringer.BandClear, []string{"vpn"}},
		{"max group counts the strongest", []ringer.Signal{sig("network.anonymizer", 1), sig("network.known_vpn_provider", 0.2)},
			40, ringer.BandReview, []string{"vpn", "astrill"}},
		{"noisy-or group is capped", []ringer.Signal{sig("link.shared_device", 1), sig("link.shared_photo", 1)},
			50, ringer.BandReview, []string{"device", "photo"}}, // 64 capped at 50
		{"noisy-or group below its cap", []ringer.Signal{sig("link.shared_device", 0.5), sig("link.shared_photo", 0.5)},
			36, ringer.BandReview, []string{"device", "photo"}}, // 1-(0.8·0.8)
		{"independent terms", []ringer.Signal{sig("network.known_vpn_provider", 1), sig("endpoint.ip_kvm", 1)},
			70, ringer.BandHigh, []string{"astrill", "kvm"}}, // 1-(0.6·0.5)
		{"prefix count", []ringer.Signal{sig("endpoint.ip_kvm", 1), sig("endpoint.shared_wifi", 0.3)},
			55, ringer.BandReview, []string{"kvm", "any_endpoint"}}, // 1-(0.5·0.9)
		{"strength is clamped", []ringer.Signal{sig("endpoint.ip_kvm", 7), sig("network.anonymizer", math.NaN())},
			50, ringer.BandReview, []string{"kvm"}},
		{"zero strength does not fire", []ringer.Signal{sig("network.known_vpn_provider", 0)}, 0, ringer.BandClear, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Evaluate(context.Background(), Input{Signals: tt.signals})
			if err != nil {
				t.Fatal(err)
			}
			if res.Score != tt.score || res.Band != tt.band || !slices.Equal(res.Rules, tt.rules) {
				t.Errorf("got score %d band %s rules %v; want %d %s %v (terms %+v)",
					res.Score, res.Band, res.Rules, tt.score, tt.band, tt.rules, res.Terms)
			}
		})
	}
}

func TestEvaluateAttributesPoints(t *testing.T) {
	p := mustParse(t, testPolicy)
	in := Input{Signals: []ringer.Signal{
		sig("team.own_signal", 1),
		sig("network.anonymizer", 0.5),
		sig("endpoint.ip_kvm", 1),
		sig("endpoint.shared_wifi", 1),
	}}
	res, err := p.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	var order []string
	for _, s := range res.Signals {
		got[s.Code] = s.Weight
		order = append(order, s.Code)
	}
	// kvm gives 50 to ip_kvm; any_endpoint's 10 is shared by the two
	// endpoint signals in proportion to their strengths (5 each); vpn gives
	// 15; the unread signal keeps 0.
	want := map[string]float64{"endpoint.ip_kvm": 55, "network.anonymizer": 15,
		"endpoint.shared_wifi": 5, "team.own_signal": 0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %g points, want %g", k, got[k], v)
		}
	}
	if order[0] != "endpoint.ip_kvm" || order[len(order)-1] != "team.own_signal" {
		t.Errorf("signals not sorted by points: %v", order)
	}
	if in.Signals[1].Weight != 0.5 {
		t.Errorf("Evaluate changed its input")
	}
}

func TestEvaluateReadsRecordRingEvents(t *testing.T) {
	p := mustParse(t, `name: ctx
version: "1"
bands: {review: 30, high: 60, critical: 85}
rules:
  - id: big_ring
    expr: ring != null && int(ring.size) >= 4 && size(ring.members) == int(ring.size)
    weight: 20
    indicator: x
  - id: many_night_sign_ins
    expr: size(events.filter(e, e.event == "sign_in" && e.at.getHours() < 6)) >= 2
    weight: 20
    indicator: x
  - id: contractor_claims_chicago
    expr: record.kind == "contractor" && record.claimed.timezone == "America/Chicago"
    weight: 20
    indicator: x
  - id: team_attribute
    expr: has(record.attributes.team) && record.attributes.team == "payments"
    weight: 20
    indicator: x
`)
	night := time.Date(2026, 5, 3, 1, 12, 0, 0, time.UTC)
	in := Input{
		Record: &ringer.Record{ID: "r1", Kind: ringer.KindContractor,
			Claimed:    ringer.Claimed{Timezone: "America/Chicago"},
			Attributes: map[string]any{"team": "payments"}},
		Ring: &ringer.Ring{ID: "ring-1", Size: 4, Members: []string{"r1", "r2", "r3", "r4"}},
		Events: []ringer.Event{
			{Type: ringer.EventSignIn, RecordID: "r1", At: night, IP: "192.0.2.1"},
			{Type: ringer.EventSignIn, RecordID: "r1", At: night.Add(time.Hour)},
			{Type: ringer.EventActivity, RecordID: "r1", At: night},
		},
	}
	res, err := p.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"big_ring", "many_night_sign_ins", "contractor_claims_chicago", "team_attribute"}
	if !slices.Equal(res.Rules, want) {
		t.Errorf("fired %v, want %v", res.Rules, want)
	}
	// Without a ring, record or events, the rules see null, an empty record
	// and an empty list.
	res, err = p.Evaluate(context.Background(), Input{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rules) != 0 {
		t.Errorf("empty input fired %v", res.Rules)
	}
}

func TestEvaluateRuntimeErrorNamesRule(t *testing.T) {
	p := mustParse(t, `name: x
version: "1"
bands: {review: 30, high: 60, critical: 85}
rules:
  - id: missing_key
    expr: record.attributes.team == "payments"
    weight: 20
    indicator: x
`)
	_, err := p.Evaluate(context.Background(), Input{Record: &ringer.Record{ID: "r"}})
	if err == nil || !strings.Contains(err.Error(), "rule missing_key") {
		t.Fatalf("want an error naming rule missing_key, got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Default().Evaluate(ctx, Input{}); err == nil {
		t.Error("Evaluate ignored a cancelled context")
	}
}

// TestDefaultCoversCatalogue checks that the default policy has a rule for
// every signal of the catalogue, with an indicator.
func TestDefaultCoversCatalogue(t *testing.T) {
	p := Default()
	if p.ID() != "default@1" {
		t.Errorf("ID() = %q", p.ID())
	}
	read := map[string]bool{}
	for _, r := range p.rules {
		for _, pat := range r.patterns {
			read[pat] = true
		}
		if r.needs.ring {
			read[ringMemberCode] = true
		}
		if r.Indicator == "" || r.Description == "" {
			t.Errorf("rule %s lacks an indicator or description", r.ID)
		}
	}
	for _, code := range SignalCodes() {
		if !read[code] {
			t.Errorf("no rule of the default policy reads %s", code)
		}
	}
}

// randomSignals draws a set of catalogue signals with random strengths;
// identity-graph signals point at one to three of four other records.
func randomSignals(rng *rand.Rand) []ringer.Signal {
	codes := SignalCodes()
	n := rng.IntN(12)
	out := make([]ringer.Signal, n)
	for i := range out {
		out[i] = randomSignal(rng, codes)
	}
	return out
}

func randomSignal(rng *rand.Rand, codes []string) ringer.Signal {
	s := sig(codes[rng.IntN(len(codes))], rng.Float64())
	if strings.HasPrefix(s.Code, "link.") && s.Code != "link.ring_member" && s.Code != "link.referral_in_ring" {
		others := []string{"a", "b", "c", "d"}
		rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
		s.Evidence = map[string]any{"records": others[:1+rng.IntN(3)]}
	}
	return s
}

// TestDefaultMonotone checks that raising a signal's strength or adding a
// signal never lowers the score — with the one exception the default
// policy makes on purpose: a same-person link explains away the shared or
// near-duplicate photo and résumé of the records it covers (a person
// applying twice is not a ring), so adding or raising
// link.same_person_other_contacts may lower it.
func TestDefaultMonotone(t *testing.T) {
	p := Default()
	rng := rand.New(rand.NewPCG(1, 2))
	codes := SignalCodes()
	ctx := context.Background()
	for i := 0; i < 3000; i++ {
		sigs := randomSignals(rng)
		var ring *ringer.Ring
		if rng.IntN(2) == 0 {
			ring = &ringer.Ring{Size: 1 + rng.IntN(15)}
		}
		base, err := p.Evaluate(ctx, Input{Signals: sigs, Ring: ring})
		if err != nil {
			t.Fatal(err)
		}
		more := slices.Clone(sigs)
		explains := false
		if len(more) > 0 {
			j := rng.IntN(len(more))
			more[j].Weight = more[j].Weight + (1-more[j].Weight)*rng.Float64()
			explains = more[j].Code == "link.same_person_other_contacts"
		}
		more = append(more, randomSignal(rng, codes))
		explains = explains || more[len(more)-1].Code == "link.same_person_other_contacts"
		bigger := ring
		if ring != nil {
			bigger = &ringer.Ring{Size: ring.Size + 1}
		}
		after, err := p.Evaluate(ctx, Input{Signals: more, Ring: bigger})
		if err != nil {
			t.Fatal(err)
		}
		if after.Score < base.Score && !explains {
			t.Fatalf("score fell from %d to %d:\n%v\n%v", base.Score, after.Score, sigs, more)
		}
	}
}

// TestDefaultSaturating checks that no single signal but an exact
// sanctions or wallet match reaches high, that everything at once stays
// within 100, and that the exact sanctions match is critical.
func TestDefaultSaturating(t *testing.T) {
	p := Default()
	ctx := context.Background()
	var all []ringer.Signal
	for _, code := range SignalCodes() {
		all = append(all, sig(code, 1))
		res, err := p.Evaluate(ctx, Input{Signals: []ringer.Signal{sig(code, 1)}})
		if err != nil {
			t.Fatal(err)
		}
		exact := code == "watchlist.identifier_match" || code == "payroll.wallet_on_watchlist"
		if !exact && res.Band.Rank() >= ringer.BandHigh.Rank() {
			t.Errorf("%s alone reaches %s (%d)", code, res.Band, res.Score)
		}
		if exact && res.Band != ringer.BandCritical {
			t.Errorf("%s alone is %s (%d), want critical", code, res.Band, res.Score)
		}
	}
	res, err := p.Evaluate(ctx, Input{Signals: all, Ring: &ringer.Ring{Size: 15}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Score != 100 || res.Band != ringer.BandCritical {
		t.Errorf("all signals: %d %s", res.Score, res.Band)
	}
}

func TestBandsBand(t *testing.T) {
	b := Bands{Review: 30, High: 60, Critical: 85}
	for score, want := range map[int]ringer.Band{0: "clear", 29: "clear", 30: "review", 59: "review",
		60: "high", 84: "high", 85: "critical", 100: "critical"} {
		if got := b.Band(score); got != want {
			t.Errorf("Band(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	p, err := Load("testdata/lint/clean_custom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID() != "team@2025-11" || len(p.Rules()) != 3 || len(p.Groups()) != 1 {
		t.Errorf("got %s with %d rules, %d groups", p.ID(), len(p.Rules()), len(p.Groups()))
	}
	if _, err := Load("testdata/lint/reads_name.yaml"); err == nil || !strings.Contains(err.Error(), "reads_name.yaml:") {
		t.Errorf("want an error naming the file, got %v", err)
	}
	if _, err := Load("testdata/missing.yaml"); err == nil {
		t.Error("loaded a missing file")
	}
}

func TestDefinitions(t *testing.T) {
	p, err := Load("testdata/lint/definitions_ok.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Definitions(); len(d) != 2 || d[0].ID != "hidden" || d[1].Line != 9 {
		t.Errorf("Definitions() = %+v", d)
	}
	tests := []struct {
		signals []ringer.Signal
		score   int
	}{
		{[]ringer.Signal{sig("network.anonymizer", 0.8)}, 0},
		{[]ringer.Signal{sig("network.anonymizer", 0.8), sig("activity.timezone_mismatch", 1)}, 40},
		{[]ringer.Signal{sig("network.anonymizer", 0.4), sig("activity.timezone_mismatch", 1)}, 0},
		{[]ringer.Signal{sig("network.anonymizer", 0.4), sig("network.known_vpn_provider", 1), sig("activity.timezone_mismatch", 1)}, 50},
	}
	for _, tt := range tests {
		res, err := p.Evaluate(context.Background(), Input{Signals: tt.signals})
		if err != nil {
			t.Fatal(err)
		}
		if res.Score != tt.score {
			t.Errorf("%v: score %d, want %d", tt.signals, res.Score, tt.score)
		}
	}
}

// TestHelpers checks each helper function on one set of signals.
func TestHelpers(t *testing.T) {
	in := Input{
		Ring: &ringer.Ring{ID: "ring-1", Members: []string{"a", "b", "c", "d"}},
		Signals: []ringer.Signal{
			{Code: "link.shared_phone", Weight: 1, Evidence: map[string]any{"records": []string{"b", "c"}}},
			{Code: "link.shared_email", Weight: 0.5, Evidence: map[string]any{"records": []any{"c"}}},
			{Code: "link.same_person_other_contacts", Weight: 0.7, Evidence: map[string]any{"records": []string{"b"}}},
			{Code: "network.anonymizer", Weight: 0.4, Evidence: map[string]any{"kinds": []string{"vpn", "tor"}, "share": 0.4, "provider": "x"}},
			{Code: "network.anonymizer", Weight: 0.9, Evidence: map[string]any{"kinds": []string{"hosting"}, "share": 0.9, "sign_ins": 12}},
			{Code: "endpoint.ip_kvm", Weight: 0},
		},
	}
	tests := []struct {
		expr string
		want float64 // strength the expression must yield
	}{
		{`has_signal("network.anonymizer")`, 1},
		{`has_signal("endpoint.ip_kvm")`, 0}, // zero strength is absent
		{`has_signal("endpoint.")`, 0},
		{`signal_strength("network.anonymizer")`, 0.9},
		{`signal_strength("link.")`, 1},
		{`signal_strength("payroll.crypto")`, 0},
		{`max_strength(["payroll.crypto", "link.shared_email"])`, 0.5},
		{`count_signals("network.anonymizer") == 2`, 1},
		{`count_signals("link.") == 3`, 1},
		{`evidence_number("network.anonymizer", "share")`, 0.9},
		{`evidence_number("network.anonymizer", "missing") == 0.0`, 1},
		{`evidence_string("network.anonymizer", "provider") == ""`, 1}, // strongest has none
		{`evidence_count("network.anonymizer", "kinds") == 1`, 1},
		{`evidence_count("network.anonymizer", "sign_ins") == 12`, 1},
		{`evidence_distinct("link.", "records") == 2`, 1},
		{`evidence_distinct("network.", "kinds") == 3`, 1},
		{`evidence_beyond("link.shared_phone", "link.same_person_other_contacts", "records")`, 1},
		{`evidence_beyond("link.same_person_other_contacts", "link.shared_phone", "records")`, 0},
		{`evidence_beyond("link.shared_email", "link.shared_phone", "records")`, 0},
		{`evidence_beyond("network.anonymizer", "link.", "records")`, 1}, // no such list: counts as beyond
		{`ring_size() == 4`, 1},
		{`signals.exists(s, s.code == "endpoint.ip_kvm" && s.weight == 0.0)`, 1},
		{`math.least(1.0, 2.5)`, 1},
		{`"x".upperAscii() == "X"`, 1},
	}
	for _, tt := range tests {
		text := "name: h\nversion: \"1\"\nbands: {review: 30, high: 60, critical: 85}\nrules:\n" +
			"  - id: r\n    expr: " + quoteYAML(tt.expr) + "\n    weight: 100\n    indicator: x\n"
		p, err := Parse("h.yaml", []byte(text))
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		res, err := p.Evaluate(context.Background(), in)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		got := 0.0
		if len(res.Fired) == 1 {
			got = res.Fired[0].Strength
		}
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s = %g, want %g", tt.expr, got, tt.want)
		}
	}
}
