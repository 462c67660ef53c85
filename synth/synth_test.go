package synth_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/bits"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/synth"
)

// run generates into memory.
func run(t testing.TB, opts synth.Options) ([]ringer.Record, []ringer.Event, []synth.Label) {
	t.Helper()
	var recs []ringer.Record
	var evs []ringer.Event
	var labs []synth.Label
	var evf func(*ringer.Event) error
	if opts.Events {
		evf = func(e *ringer.Event) error { evs = append(evs, *e); return nil }
	}
	err := synth.Generate(context.Background(), opts,
		func(r *ringer.Record) error { recs = append(recs, *r); return nil }, evf,
		func(l synth.Label) error { labs = append(labs, l); return nil })
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return recs, evs, labs
}

func jsonLines(t testing.TB, vs ...any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, v := range vs {
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestGenerateDeterministic(t *testing.T) {
	opts := synth.Options{N: 600, Seed: 7, Events: true}
	r1, e1, l1 := run(t, opts)
	r2, e2, l2 := run(t, opts)
	if !bytes.Equal(jsonLines(t, r1, e1, l1), jsonLines(t, r2, e2, l2)) {
		t.Fatal("two runs with one seed differ")
	}
	r3, _, _ := run(t, synth.Options{N: 600, Seed: 8, Events: true})
	if bytes.Equal(jsonLines(t, r1), jsonLines(t, r3)) {
		t.Fatal("seeds 7 and 8 give the same records")
	}
	// Records are the same whether or not events are generated.
	r4, _, l4 := run(t, synth.Options{N: 600, Seed: 7})
	if !bytes.Equal(jsonLines(t, r1, l1), jsonLines(t, r4, l4)) {
		t.Fatal("records differ between runs with and without events")
	}
}

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		n, rings  int
		wantRings int // -1: don't check
	}{
		{0, 0, 0}, {1, 0, 0}, {2, 0, 0}, {3, 1, 0}, {6, 1, 1}, {10, 0, 0}, {199, 0, 0}, {200, 0, 1},
		{1000, 0, 5}, {1000, 12, 12}, {100, 40, -1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("n=%d,rings=%d", tt.n, tt.rings), func(t *testing.T) {
			recs, evs, labs := run(t, synth.Options{N: tt.n, Rings: tt.rings, Seed: 1, Events: true})
			if len(recs) != tt.n || len(labs) != tt.n {
				t.Fatalf("%d records and %d labels, want %d", len(recs), len(labs), tt.n)
			}
			checkLabels(t, recs, evs, labs)
			rings := ringSizes(labs)
			if tt.wantRings >= 0 && len(rings) != tt.wantRings {
				t.Errorf("%d rings, want %d", len(rings), tt.wantRings)
			}
			inRings := 0
			for _, s := range rings {
				inRings += s
			}
			if inRings > tt.n/2 {
				t.Errorf("%d of %d records in rings, want at most half", inRings, tt.n)
			}
		})
	}
}

func ringSizes(labs []synth.Label) map[string]int {
	m := map[string]int{}
	for _, l := range labs {
		if l.RingID != "" {
			m[l.RingID]++
		}
	}
	return m
}

// checkLabels checks that every record is labelled once, labels agree with
// each other, and events belong to generated records.
func checkLabels(t *testing.T, recs []ringer.Record, evs []ringer.Event, labs []synth.Label) {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range recs {
		if ids[r.ID] {
			t.Fatalf("record id %s twice", r.ID)
		}
		ids[r.ID] = true
	}
	labelled := map[string]bool{}
	persons := map[string][]synth.Label{}
	for _, l := range labs {
		if !ids[l.RecordID] {
			t.Fatalf("label for unknown record %s", l.RecordID)
		}
		if labelled[l.RecordID] {
			t.Fatalf("record %s labelled twice", l.RecordID)
		}
		labelled[l.RecordID] = true
		switch {
		case l.RingID != "" && (!l.Fraud || l.Scenario != synth.ScenarioOperatorRing):
			t.Errorf("%+v: ring member must be fraud with scenario operator_ring", l)
		case l.RingID == "" && l.Scenario == synth.ScenarioOperatorRing:
			t.Errorf("%+v: operator_ring without a ring", l)
		case l.Fraud && l.RingID == "" && l.Scenario != synth.ScenarioLoneFraud:
			t.Errorf("%+v: fraud outside a ring must be lone_fraud", l)
		case !l.Fraud && l.Scenario == synth.ScenarioLoneFraud:
			t.Errorf("%+v: lone_fraud not fraud", l)
		}
		if l.PersonID == "" || l.NameGroup == "" {
			t.Errorf("%+v: no person id or name group", l)
		}
		persons[l.PersonID] = append(persons[l.PersonID], l)
	}
	for pid, ls := range persons {
		if len(ls) > 1 {
			for _, l := range ls {
				if l.Scenario != synth.ScenarioReapplicant {
					t.Errorf("person %s has %d records, but %s is %s, not a reapplicant", pid, len(ls), l.RecordID, l.Scenario)
				}
			}
		}
	}
	for id, s := range ringSizes(labs) {
		if s < 3 || s > 15 {
			t.Errorf("ring %s has %d members, want 3..15", id, s)
		}
	}
	for _, e := range evs {
		if !ids[e.RecordID] {
			t.Fatalf("event %s for unknown record %s", e.Type, e.RecordID)
		}
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	nop := func(*ringer.Record) error { return nil }
	lab := func(synth.Label) error { return nil }
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		opts synth.Options
		ev   func(*ringer.Event) error
	}{
		{"negative n", synth.Options{N: -1}, nil},
		{"negative rings", synth.Options{N: 10, Rings: -2}, nil},
		{"events without callback", synth.Options{N: 10, Events: true}, nil},
	} {
		if err := synth.Generate(ctx, tt.opts, nop, tt.ev, lab); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := synth.Generate(cctx, synth.Options{N: 5000}, nop, nil, lab); err == nil {
		t.Error("cancelled context: no error")
	}
	stop := fmt.Errorf("stop")
	n := 0
	err := synth.Generate(ctx, synth.Options{N: 5000}, func(*ringer.Record) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	}, nil, lab)
	if err != stop {
		t.Errorf("callback error: got %v, want it returned", err)
	}
}

// TestRecordsRoundTrip checks every generated record and event survives
// the data contract's JSON unchanged.
func TestRecordsRoundTrip(t *testing.T) {
	recs, evs, _ := run(t, synth.Options{N: 500, Seed: 3, Events: true})
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back ringer.Record
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		b2, _ := json.Marshal(back)
		if !bytes.Equal(b, b2) {
			t.Fatalf("record does not round-trip:\n%s\n%s", b, b2)
		}
		if len(back.Unknown) > 0 {
			t.Errorf("%s: fields outside the contract: %v", r.ID, back.Unknown)
		}
	}
	for _, e := range evs {
		b, _ := json.Marshal(e)
		var back ringer.Event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if len(back.Unknown) > 0 {
			t.Errorf("event fields outside the contract: %v", back.Unknown)
		}
	}
}

// TestRealism checks properties the linkage and detectors rely on being
// realistic: résumé lengths, noise rates, common names shared by several
// honest people, VoIP numbers on honest people, families at one address.
func TestRealism(t *testing.T) {
	recs, _, labs := run(t, synth.Options{N: 5000, Seed: 11})
	lab := map[string]synth.Label{}
	for _, l := range labs {
		lab[l.RecordID] = l
	}
	var resumes, inRange, noBirth, partialBirth, voipHonest, honest int
	names := map[string]int{}
	groups := map[string]int{}
	for _, r := range recs {
		l := lab[r.ID]
		groups[l.NameGroup]++
		if r.Resume != nil {
			resumes++
			if n := len([]rune(r.Resume.Text)); n >= 400 && n <= 1500 {
				inRange++
			}
		}
		switch {
		case r.BirthDate.IsZero():
			noBirth++
		case r.BirthDate.Day == 0:
			partialBirth++
		}
		if !l.Fraud {
			honest++
			for _, p := range r.Phones {
				if p.LineType == ringer.LineVoIP {
					voipHonest++
				}
			}
			n := strings.ToLower(r.Name.Given + " " + r.Name.Family)
			if r.Name.Given != "" {
				names[n]++
			}
		}
	}
	if float64(inRange) < 0.9*float64(resumes) {
		t.Errorf("%d of %d résumés are 400–1,500 characters, want ≥ 90%%", inRange, resumes)
	}
	if noBirth < len(recs)/10 || partialBirth < len(recs)/50 {
		t.Errorf("%d records without and %d with a partial birth date, want some of each", noBirth, partialBirth)
	}
	if voipHonest == 0 {
		t.Error("no honest person has a VoIP number")
	}
	shared := 0
	for _, c := range names {
		if c >= 3 {
			shared++
		}
	}
	if shared < 10 {
		t.Errorf("only %d names are shared by three or more honest people", shared)
	}
	if len(groups) < 12 {
		t.Errorf("names from %d cultures, want ≥ 12: %v", len(groups), groups)
	}
}

// TestRingsConnected checks that each planted ring is connected by
// record-level overlaps (shared identifiers, near-duplicate photos or
// résumés), so that it can be recovered whole from records alone.
func TestRingsConnected(t *testing.T) {
	recs, _, labs := run(t, synth.Options{N: 4000, Rings: 40, Seed: 5})
	ring := map[string]string{}
	for _, l := range labs {
		ring[l.RecordID] = l.RingID
	}
	members := map[string][]int{}
	for i, r := range recs {
		if id := ring[r.ID]; id != "" {
			members[id] = append(members[id], i)
		}
	}
	for id, ms := range members {
		parent := map[int]int{}
		var find func(int) int
		find = func(x int) int {
			if p, ok := parent[x]; ok && p != x {
				parent[x] = find(p)
				return parent[x]
			}
			parent[x] = x
			return x
		}
		union := func(a, b int) { parent[find(a)] = find(b) }
		for x := 0; x < len(ms); x++ {
			for y := x + 1; y < len(ms); y++ {
				if overlap(&recs[ms[x]], &recs[ms[y]]) {
					union(x, y)
				}
			}
		}
		roots := map[int]bool{}
		for x := range ms {
			roots[find(x)] = true
		}
		if len(roots) != 1 {
			t.Errorf("ring %s (%d members) falls into %d parts on record-level overlaps", id, len(ms), len(roots))
		}
	}
}

// overlap reports whether two records share an identifier, a near-duplicate
// photo or résumé, by simple normalisation. Referrals do not count: they
// are relations, not shared identifiers.
func overlap(a, b *ringer.Record) bool {
	keys := func(r *ringer.Record) map[string]bool {
		m := map[string]bool{}
		for _, e := range r.Emails {
			m["e:"+strings.ToLower(e)] = true
		}
		for _, p := range r.Phones {
			d := strings.Map(func(c rune) rune {
				if c >= '0' && c <= '9' {
					return c
				}
				return -1
			}, p.Number)
			if len(d) > 9 {
				d = d[len(d)-9:]
			}
			m["p:"+d] = true
		}
		for _, p := range r.PayoutAccounts {
			m["a:"+p.Routing+p.Number+p.Value] = true
		}
		for _, d := range r.Documents {
			m["d:"+d.Number] = true
		}
		for _, ad := range r.Addresses {
			if ad.Use == "shipping" {
				m["s:"+streetKey(ad)] = true
			}
		}
		return m
	}
	ka := keys(a)
	for k := range keys(b) {
		if ka[k] {
			return true
		}
	}
	if len(a.Photos) > 0 && len(b.Photos) > 0 {
		x, _ := strconv.ParseUint(a.Photos[0].PHash, 16, 64)
		y, _ := strconv.ParseUint(b.Photos[0].PHash, 16, 64)
		if bits.OnesCount64(x^y) <= 6 {
			return true
		}
	}
	if a.Resume != nil && b.Resume != nil && jaccard(a.Resume.Text, b.Resume.Text) >= 0.4 {
		return true
	}
	return false
}

// streetKey is the house number and the first word of the street name.
func streetKey(a ringer.Address) string {
	line := a.Line1
	if a.Raw != "" {
		line, _, _ = strings.Cut(a.Raw, ",")
	}
	var out []string
	for _, w := range strings.Fields(strings.ToLower(line)) {
		w = strings.Trim(w, ".,")
		switch w {
		case "n", "s", "e", "w", "north", "south", "east", "west":
			continue
		}
		out = append(out, w)
		if len(out) == 2 {
			break
		}
	}
	return strings.Join(out, " ")
}

func jaccard(a, b string) float64 {
	sh := func(s string) map[string]bool {
		w := strings.Fields(strings.ToLower(s))
		m := map[string]bool{}
		for i := 0; i+3 <= len(w); i++ {
			m[strings.Join(w[i:i+3], " ")] = true
		}
		return m
	}
	x, y := sh(a), sh(b)
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	union := len(x) + len(y) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func TestScenariosCoverEverything(t *testing.T) {
	recs, evs, labs := synth.Scenarios(1)
	if len(recs) != synth.ScenarioSize || len(labs) != synth.ScenarioSize {
		t.Fatalf("%d records, %d labels, want %d", len(recs), len(labs), synth.ScenarioSize)
	}
	checkLabels(t, recs, evs, labs)
	scen := map[string]int{}
	for _, l := range labs {
		scen[l.Scenario]++
	}
	want := append([]string{synth.ScenarioOperatorRing, synth.ScenarioLoneFraud, synth.ScenarioHonest}, synth.HonestScenarios()...)
	for _, s := range want {
		if scen[s] < 10 {
			t.Errorf("scenario %s has %d records, want ≥ 10", s, scen[s])
		}
	}
	sizes := map[int]bool{}
	for _, s := range ringSizes(labs) {
		sizes[s] = true
	}
	for s := 3; s <= 15; s++ {
		if !sizes[s] {
			t.Errorf("no ring of size %d", s)
		}
	}
	types := map[string]int{}
	for _, e := range evs {
		types[e.Type]++
	}
	for _, ty := range ringer.KnownEventTypes {
		if types[ty] == 0 {
			t.Errorf("no %s events", ty)
		}
	}
	// Korean and Chinese names are common enough for a fairness comparison.
	kc := 0
	for _, l := range labs {
		if !l.Fraud && (l.NameGroup == synth.GroupKorean || l.NameGroup == synth.GroupChinese) {
			kc++
		}
	}
	if kc < 150 {
		t.Errorf("%d honest people with Korean or Chinese names, want ≥ 150", kc)
	}
	r2, e2, l2 := synth.Scenarios(1)
	if !bytes.Equal(jsonLines(t, recs, evs, labs), jsonLines(t, r2, e2, l2)) {
		t.Error("Scenarios(1) is not deterministic")
	}
}

// TestScenarioBehaviour checks that the look-alikes look alike and the
// fraud shows what the indicators describe.
func TestScenarioBehaviour(t *testing.T) {
	recs, evs, labs := synth.Scenarios(2)
	lab := map[string]synth.Label{}
	for _, l := range labs {
		lab[l.RecordID] = l
	}
	byRec := map[string][]ringer.Event{}
	for _, e := range evs {
		byRec[e.RecordID] = append(byRec[e.RecordID], e)
	}
	count := map[string]int{}
	astrill := synth.IntelLists()[synth.LabelAstrill]
	corporate := synth.IntelLists()[synth.LabelCorporate]
	in := func(ip string, ps []netip.Prefix) bool {
		a, err := netip.ParseAddr(ip)
		if err != nil {
			t.Fatalf("bad IP %q: %v", ip, err)
		}
		for _, p := range ps {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	for _, r := range recs {
		l := lab[r.ID]
		for _, e := range byRec[r.ID] {
			switch {
			case e.Type == ringer.EventSignIn && in(e.IP, astrill):
				count[l.Scenario+"/astrill"]++
			case e.Type == ringer.EventSignIn && in(e.IP, corporate):
				count[l.Scenario+"/corporate"]++
			case e.Type == ringer.EventEndpointInventory:
				for _, u := range e.USB {
					if u.VendorID == "1d6b" || u.VendorID == "3346" || u.VendorID == "1493" {
						count[l.Scenario+"/kvm"]++
					}
				}
			}
		}
		if l.Scenario == synth.ScenarioGoogleVoice && (len(r.Phones) == 0 || r.Phones[0].LineType != ringer.LineVoIP) {
			t.Errorf("%s: google_voice without a VoIP line type", r.ID)
		}
		if l.Scenario == synth.ScenarioKoreanAmericanKim && !strings.Contains(strings.ToLower(r.Name.Display()), "kim") {
			t.Errorf("%s: korean_american_kim named %q", r.ID, r.Name.Display())
		}
	}
	for _, k := range []string{"operator_ring/astrill", "lone_fraud/astrill", "corporate_vpn_team/corporate", "operator_ring/kvm"} {
		if count[k] == 0 {
			t.Errorf("no %s", k)
		}
	}
	for _, k := range []string{"honest/astrill", "honest/kvm", "married_couple/astrill"} {
		if count[k] != 0 {
			t.Errorf("%d %s, want none", count[k], k)
		}
	}
}

func TestSwapNames(t *testing.T) {
	recs, _, labs := run(t, synth.Options{N: 3000, Seed: 9})
	swapped := synth.SwapNames(recs, labs, 1)
	if len(swapped) != len(recs) {
		t.Fatalf("%d records back, want %d", len(swapped), len(recs))
	}
	lab := map[string]synth.Label{}
	for _, l := range labs {
		lab[l.RecordID] = l
	}
	blank := func(r ringer.Record) ringer.Record {
		r.Name, r.Aliases = ringer.Name{}, nil
		if r.Resume != nil {
			_, rest, _ := strings.Cut(r.Resume.Text, "\n")
			r.Resume = &ringer.Resume{Text: rest}
		}
		var ps []ringer.PayoutAccount
		for _, p := range r.PayoutAccounts {
			p.Holder = ""
			ps = append(ps, p)
		}
		r.PayoutAccounts = ps
		return r
	}
	changed, kcChanged, kc := 0, 0, 0
	for i := range recs {
		a, b := recs[i], swapped[i]
		l := lab[a.ID]
		if !bytes.Equal(jsonLines(t, blank(a)), jsonLines(t, blank(b))) {
			t.Fatalf("%s: SwapNames changed more than names:\n%s\n%s", a.ID, jsonLines(t, a), jsonLines(t, b))
		}
		if l.Fraud {
			if !bytes.Equal(jsonLines(t, a), jsonLines(t, b)) {
				t.Errorf("%s: a fraudulent record was changed", a.ID)
			}
			continue
		}
		isKC := l.NameGroup == synth.GroupKorean || l.NameGroup == synth.GroupChinese
		if isKC {
			kc++
		}
		if a.Name != b.Name {
			changed++
			if isKC {
				kcChanged++
			}
		}
		// A holder that was the person's own name follows the name.
		for j, p := range a.PayoutAccounts {
			if p.Holder != "" && strings.EqualFold(p.Holder, a.Name.Given+" "+a.Name.Family) && a.Name != b.Name {
				if strings.EqualFold(b.PayoutAccounts[j].Holder, p.Holder) {
					t.Errorf("%s: holder %q kept after the name changed to %q", a.ID, p.Holder, b.Name.Display())
				}
			}
		}
	}
	if kc == 0 || kcChanged < kc*9/10 {
		t.Errorf("%d of %d Korean or Chinese names swapped", kcChanged, kc)
	}
	if changed < 2*kcChanged*9/10 {
		t.Errorf("%d names changed, want about twice the %d Korean or Chinese ones", changed, kcChanged)
	}
	// Deterministic for a seed.
	again := synth.SwapNames(recs, labs, 1)
	if !bytes.Equal(jsonLines(t, swapped), jsonLines(t, again)) {
		t.Error("SwapNames is not deterministic")
	}
	// The input is not modified.
	recs2, _, _ := run(t, synth.Options{N: 3000, Seed: 9})
	if !bytes.Equal(jsonLines(t, recs), jsonLines(t, recs2)) {
		t.Error("SwapNames modified its input")
	}
}

func TestReadLabels(t *testing.T) {
	tests := []struct {
		file    string
		want    int    // labels
		wantErr string // substring of the error
	}{
		{"good.csv", 2, ""},
		{"reordered.csv", 2, ""},
		{"bom_extra.csv", 1, ""},
		{"no_fraud_column.csv", 0, `no "fraud" column`},
		{"duplicate.csv", 0, "already labelled on line 2"},
		{"bad_fraud.csv", 0, `line 2: fraud "maybe"`},
		{"ring_not_fraud.csv", 0, "in ring"},
		{"empty_id.csv", 0, "line 2: empty record_id"},
		{"short_row.csv", 0, "line 2: 3 fields, want 4"},
		{"empty.csv", 0, "empty file"},
		{"bad_quote.csv", 0, "bad_quote.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "labels", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			labs, err := synth.ReadLabels(f, tt.file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.file) {
					t.Fatalf("error %v, want one naming %s and containing %q", err, tt.file, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(labs) != tt.want {
				t.Fatalf("%d labels, want %d", len(labs), tt.want)
			}
		})
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	_, _, labs := run(t, synth.Options{N: 400, Seed: 4})
	var b bytes.Buffer
	w := synth.NewLabelWriter(&b)
	for _, l := range labs {
		if err := w.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "record_id,ring_id,fraud,scenario,person_id,name_group\n") {
		t.Fatalf("header: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	back, err := synth.ReadLabels(&b, "labels.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(jsonLines(t, labs), jsonLines(t, back)) {
		t.Fatal("labels do not round-trip")
	}
	var empty bytes.Buffer
	w = synth.NewLabelWriter(&empty)
	if err := w.Flush(); err != nil || empty.String() != "record_id,ring_id,fraud,scenario,person_id,name_group\n" {
		t.Fatalf("empty labels file %q, %v", empty.String(), err)
	}
}

func TestStart(t *testing.T) {
	start := time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)
	recs, evs, _ := run(t, synth.Options{N: 300, Seed: 1, Events: true, Start: start})
	for _, r := range recs {
		if r.ObservedAt.Before(start) || r.ObservedAt.After(start.AddDate(0, 13, 0)) {
			t.Fatalf("%s observed at %s, want within months after %s", r.ID, r.ObservedAt, start)
		}
	}
	for _, e := range evs {
		if e.At.Before(start.AddDate(0, -2, 0)) || e.At.After(start.AddDate(0, 16, 0)) {
			t.Fatalf("%s event at %s, far from %s", e.Type, e.At, start)
		}
	}
}

// TestLookAlikesLookAlike checks the structure of the honest look-alike
// groups: what they share is exactly what makes them look like a ring.
func TestLookAlikesLookAlike(t *testing.T) {
	recs, evs, labs := synth.Scenarios(3)
	lab := map[string]synth.Label{}
	for _, l := range labs {
		lab[l.RecordID] = l
	}
	homeIP := map[string]map[string]int{} // record → sign-in IP → count
	for _, e := range evs {
		if e.Type != ringer.EventSignIn {
			continue
		}
		if homeIP[e.RecordID] == nil {
			homeIP[e.RecordID] = map[string]int{}
		}
		homeIP[e.RecordID][e.IP]++
	}
	accounts := map[string]map[string]bool{} // scenario → account → records
	shared := func(scenario, key, id string) {
		if accounts[scenario+key] == nil {
			accounts[scenario+key] = map[string]bool{}
		}
		accounts[scenario+key][id] = true
	}
	for _, r := range recs {
		s := lab[r.ID].Scenario
		for _, p := range r.PayoutAccounts {
			shared(s, "|acct|"+p.Routing+p.Number+p.Value, r.ID)
		}
		for ip := range homeIP[r.ID] {
			shared(s, "|ip|"+ip, r.ID)
		}
	}
	maxShare := func(scenario, kind string) int {
		m := 0
		for k, ids := range accounts {
			if strings.HasPrefix(k, scenario+"|"+kind+"|") && len(ids) > m {
				m = len(ids)
			}
		}
		return m
	}
	for _, tt := range []struct {
		scenario, kind string
		atLeast        int
	}{
		{synth.ScenarioFamilyBankAccount, "acct", 2},
		{synth.ScenarioAgencyRecruiters, "acct", 2},
		{synth.ScenarioAgencyRecruiters, "ip", 2},
		{synth.ScenarioMarriedCouple, "ip", 2},
		{synth.ScenarioCorporateVPNTeam, "ip", 8},
	} {
		if got := maxShare(tt.scenario, tt.kind); got < tt.atLeast {
			t.Errorf("%s: at most %d records share one %s, want ≥ %d", tt.scenario, got, tt.kind, tt.atLeast)
		}
	}
	// Honest people alone share no payout account.
	if got := maxShare(synth.ScenarioHonest, "acct"); got > 1 {
		t.Errorf("honest people share payout accounts (%d records on one)", got)
	}
	// Reapplicants come in pairs of one person.
	pairs := map[string]int{}
	for _, l := range labs {
		if l.Scenario == synth.ScenarioReapplicant {
			pairs[l.PersonID]++
		}
	}
	for pid, n := range pairs {
		if n != 2 {
			t.Errorf("reapplicant %s has %d records, want 2", pid, n)
		}
	}
}

// TestMailboxesNotShared checks that people outside one ring never share a
// mailbox, spelled alike or not ("a.b@gmail.com" and "ab@gmail.com").
func TestMailboxesNotShared(t *testing.T) {
	owner := make(map[string]synth.Label)
	labels := make(map[string]synth.Label)
	var recs []ringer.Record
	err := synth.Generate(context.Background(), synth.Options{N: 20000, Seed: 5}, func(r *ringer.Record) error {
		recs = append(recs, *r)
		return nil
	}, nil, func(l synth.Label) error { labels[l.RecordID] = l; return nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		l := labels[r.ID]
		for _, e := range r.Emails {
			n, err := normalize.Email(e)
			if err != nil {
				continue
			}
			o, ok := owner[n]
			if !ok {
				owner[n] = l
				continue
			}
			if o.PersonID != l.PersonID && (o.RingID == "" || o.RingID != l.RingID) {
				t.Errorf("%s (%s, %s) and %s (%s, %s) share the mailbox of %q", o.RecordID, o.Scenario, o.PersonID, r.ID, l.Scenario, l.PersonID, e)
			}
		}
	}
}
