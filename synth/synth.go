// Package synth generates realistic synthetic applicants and workers in
// ringer's data contract, with planted operator rings, lone fraudulent
// personas and honest look-alikes, together with the truth about each
// record. It feeds the demo, the tests and the benchmarks.
//
// Honest people are drawn with names from many cultures at realistic
// frequencies (so many share common names like "Wang Wei" or "Maria
// Garcia"), and with the noise real records carry: typos, nicknames,
// missing fields, partial birth dates, address abbreviations, phone
// formats, VoIP numbers, families at one address. Operator rings of 3–15
// personas overlap only partly and noisily: a phone here, a payout account
// there, one résumé template lightly edited, near-duplicate photos, a
// laptop farm's address written several ways, referral chains; some members
// are reachable only through the ring. Events (sign-ins, interviews,
// shipments, endpoint inventories, payroll changes, activity, keystroke
// timing, document checks) carry the behaviour public advisories describe.
//
// Name culture never predicts fraud: personas take names from the same
// distribution as honest residents of the place they claim. The culture
// group is written into labels, for fairness tests, and never into records.
//
// Network addresses come from ranges reserved for documentation and
// testing; see WriteIntel for the labelled CIDR lists and the GeoIP2-City
// database that make them meaningful to package intel.
//
// # Truth
//
// Each record gets one Label. RingID names the operator ring of a persona.
// PersonID names the human behind an honest record: every honest person is
// one record, except reapplicants (scenario "reapplicant"), the same person
// applying twice, whose records share a PersonID and no RingID. For
// linkage evaluation, two records belong together when they share a RingID
// or a PersonID.
package synth

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
	// Time zones are embedded so that output is the same on machines
	// without a zoneinfo database.
	_ "time/tzdata"

	"github.com/ringerhq/ringer"
)

// Options says what to generate.
type Options struct {
	// N is the number of records in all.
	N int
	// Rings is the number of operator rings planted; 0 means N/200.
	Rings int
	// Seed makes the output deterministic.
	Seed int64
	// Events also produces events for every record: sign-ins, interviews,
	// shipments, endpoint inventories, payroll changes, activity, keystroke
	// timing and document checks.
	Events bool
	// Start is the base of observed_at and event times; zero means
	// 2026-01-01T00:00:00Z.
	Start time.Time
}

// Scenario names used in labels.
const (
	ScenarioOperatorRing      = "operator_ring"
	ScenarioLoneFraud         = "lone_fraud"
	ScenarioHonest            = "honest"
	ScenarioMarriedCouple     = "married_couple"
	ScenarioCorporateVPNTeam  = "corporate_vpn_team"
	ScenarioTraveller         = "traveller"
	ScenarioGoogleVoice       = "google_voice"
	ScenarioKoreanAmericanKim = "korean_american_kim"
	ScenarioFamilyBankAccount = "family_bank_account"
	ScenarioAgencyRecruiters  = "agency_recruiters"
	ScenarioReapplicant       = "reapplicant"
)

// HonestScenarios lists the honest look-alike scenarios, each of which must
// stay clear or review.
func HonestScenarios() []string {
	return []string{ScenarioMarriedCouple, ScenarioCorporateVPNTeam, ScenarioTraveller,
		ScenarioGoogleVoice, ScenarioKoreanAmericanKim, ScenarioFamilyBankAccount,
		ScenarioAgencyRecruiters, ScenarioReapplicant}
}

// Label is the truth about one record.
type Label struct {
	RecordID string
	// RingID is the operator ring of the record, "" for people acting alone.
	RingID string
	// Fraud is true for ring personas and lone fraudulent personas.
	Fraud bool
	// Scenario is one of the Scenario constants.
	Scenario string
	// PersonID names the human (or, for personas, the identity) behind the
	// record; the two records of a reapplicant share it.
	PersonID string
	// NameGroup is the name-culture group the name was drawn from (the
	// Group constants). It is for fairness tests only and never written
	// into records.
	NameGroup string
}

// Generate makes opts.N records (and their events when opts.Events) and
// passes each, with its label, to the callbacks; ev may be nil when
// opts.Events is false. Output is deterministic for a seed, and memory
// stays bounded whatever N is: records are streamed through a small
// shuffling window so that a ring's members are spread out in the output.
func Generate(ctx context.Context, opts Options, rec func(*ringer.Record) error, ev func(*ringer.Event) error, lab func(Label) error) error {
	if opts.N < 0 {
		return fmt.Errorf("synth: N is %d, want ≥ 0", opts.N)
	}
	if opts.Rings < 0 {
		return fmt.Errorf("synth: Rings is %d, want ≥ 0", opts.Rings)
	}
	if rec == nil || lab == nil {
		return errors.New("synth: the record and label callbacks are required")
	}
	if opts.Events && ev == nil {
		return errors.New("synth: Events is set but the event callback is nil")
	}
	g := newGen(opts, rec, ev, lab)
	return g.run(ctx, g.defaultPlan())
}

// plan is what one run generates.
type plan struct {
	ringSizes []int
	lone      int
	honest    int
	// forced are honest scenario units generated before the drawn ones.
	forced []string
}

func (g *gen) defaultPlan() plan {
	n := g.opts.N
	rings := g.opts.Rings
	if rings == 0 {
		rings = n / 200
	}
	p := plan{}
	budget := n / 2 // rings take at most half the records
	sizes := ringSizeTable()
	for i := 0; i < rings && budget >= 3; i++ {
		s := sizes.index(g.r) + 3
		if s > budget {
			s = budget
		}
		p.ringSizes = append(p.ringSizes, s)
		budget -= s
	}
	used := n/2 - budget
	if n >= 50 {
		p.lone = n / 250
		if p.lone < 1 {
			p.lone = 1
		}
	}
	p.honest = n - used - p.lone
	if p.honest < 0 {
		p.lone += p.honest
		p.honest = 0
	}
	return p
}

// ringSizeTable draws ring sizes 3..15, smaller rings more often.
func ringSizeTable() *table {
	items := make([]string, 13)
	w := make([]float64, 13)
	for i := range items {
		items[i] = itoa(i + 3)
		w[i] = 1 / float64(i+2)
	}
	return newTable(items, w)
}

// item is one record with its events and label, waiting in the window.
type item struct {
	rec    *ringer.Record
	events []ringer.Event
	label  Label
}

// gen holds the state of one run.
type gen struct {
	opts Options
	r    *rand.Rand
	// re draws what only events show, so that records are the same with
	// and without events.
	re      *rand.Rand
	start   time.Time
	rec     func(*ringer.Record) error
	ev      func(*ringer.Event) error
	lab     func(Label) error
	window  []item
	places  []*place
	byCC    map[string][]*place
	resT    *table // residence places of honest people, by weight
	usT     *table // US places
	claimT  *table // places personas claim
	cult    map[string]*culture
	locs    map[string]*time.Location
	ipNext  []uint32 // next residential address per place
	counter uint32
	idKey   uint32
	persons int
	rings   int
	// employees are recent honest employees' ids, for honest referrals.
	employees []string
	byLabel   map[string][]netBlock
	byWhat    map[string]netBlock
	sizes     *table
	unitT     *table
	used      *uniq
}

// windowSize is how many records wait to be emitted; a ring's members end up
// spread over about this many output lines.
const windowSize = 1024

func newGen(opts Options, rec func(*ringer.Record) error, ev func(*ringer.Event) error, lab func(Label) error) *gen {
	if opts.Start.IsZero() {
		opts.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	g := &gen{opts: opts, start: opts.Start.UTC(), rec: rec, ev: ev, lab: lab,
		r:     rand.New(rand.NewPCG(uint64(opts.Seed), 0x72696e676572)),
		re:    rand.New(rand.NewPCG(uint64(opts.Seed), 0x6576656e7473)),
		cult:  newCultures(),
		locs:  make(map[string]*time.Location),
		byCC:  make(map[string][]*place),
		sizes: ringSizeTable(),
		unitT: honestUnitTable(),
		used:  newUniq(opts.N),
	}
	g.idKey = uint32(uint64(opts.Seed)*0x9e3779b97f4a7c15>>32) | 1
	g.places = newPlaces()
	g.ipNext = make([]uint32, len(g.places))
	var resItems, usItems, claimItems []string
	var resW, usW, claimW []float64
	for i, p := range g.places {
		g.byCC[p.Country] = append(g.byCC[p.Country], p)
		if p.Operator {
			continue
		}
		resItems = append(resItems, itoa(i))
		resW = append(resW, p.Weight)
		if p.Country == "US" {
			usItems = append(usItems, itoa(i))
			usW = append(usW, p.Weight)
		}
		// Personas mostly claim the US, then other rich countries.
		cw := 0.0
		switch p.Country {
		case "US":
			cw = p.Weight * 4
		case "CA", "GB", "DE", "NL", "AU", "IE", "FR", "PL", "JP":
			cw = p.Weight
		}
		if cw > 0 {
			claimItems = append(claimItems, itoa(i))
			claimW = append(claimW, cw)
		}
	}
	g.resT = newTable(resItems, resW)
	g.usT = newTable(usItems, usW)
	g.claimT = newTable(claimItems, claimW)
	g.byLabel = make(map[string][]netBlock)
	g.byWhat = make(map[string]netBlock)
	for _, b := range specialBlocks() {
		g.byLabel[b.label] = append(g.byLabel[b.label], b)
		if _, ok := g.byWhat[b.what]; !ok {
			g.byWhat[b.what] = b
		}
	}
	return g
}

func (g *gen) placeFrom(t *table) *place { return g.places[atoi(t.draw(g.r))] }

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// loc returns the time zone of a place, or its standard offset when the
// system has no time zone database.
func (g *gen) loc(p *place) *time.Location {
	if l, ok := g.locs[p.TZ]; ok {
		return l
	}
	l, err := time.LoadLocation(p.TZ)
	if err != nil {
		l = time.FixedZone(p.TZ, p.StdOffset*3600)
	}
	g.locs[p.TZ] = l
	return l
}

// newID returns a record id for a source; ids carry no order.
func (g *gen) newID(prefix string) string {
	g.counter++
	const hx = "0123456789abcdef"
	b := make([]byte, 0, len(prefix)+9)
	b = append(b, prefix...)
	b = append(b, '-')
	x := permute32(g.counter, g.idKey)
	for i := 7; i >= 0; i-- {
		b = append(b, hx[(x>>(4*uint(i)))&15])
	}
	return string(b)
}

func (g *gen) newPersonID() string {
	g.persons++
	s := strconv.Itoa(g.persons)
	if len(s) < 7 {
		s = "0000000"[:7-len(s)] + s
	}
	return "p-" + s
}

func (g *gen) run(ctx context.Context, p plan) error {
	ringLeft := 0
	for _, s := range p.ringSizes {
		ringLeft += s
	}
	ringIdx, loneLeft, honestLeft := 0, p.lone, p.honest
	forced := p.forced
	for steps := 0; ringLeft+loneLeft+honestLeft > 0; steps++ {
		if steps%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var unit []item
		x := g.r.IntN(ringLeft + loneLeft + honestLeft)
		switch {
		case x < ringLeft:
			unit = g.ring(p.ringSizes[ringIdx])
			ringLeft -= p.ringSizes[ringIdx]
			ringIdx++
		case x < ringLeft+loneLeft:
			unit = g.loneFraud()
			loneLeft--
		default:
			kind := ""
			if len(forced) > 0 {
				kind, forced = forced[0], forced[1:]
			}
			unit = g.honestUnit(kind, honestLeft)
			honestLeft -= len(unit)
		}
		for _, it := range unit {
			if err := g.push(it); err != nil {
				return err
			}
		}
	}
	g.r.Shuffle(len(g.window), func(i, j int) { g.window[i], g.window[j] = g.window[j], g.window[i] })
	for _, it := range g.window {
		if err := g.emit(it); err != nil {
			return err
		}
	}
	g.window = nil
	return nil
}

// push adds an item to the window, emitting a random earlier one when the
// window is full.
func (g *gen) push(it item) error {
	if len(g.window) < windowSize {
		g.window = append(g.window, it)
		return nil
	}
	j := g.r.IntN(len(g.window))
	out := g.window[j]
	g.window[j] = it
	return g.emit(out)
}

func (g *gen) emit(it item) error {
	if err := g.rec(it.rec); err != nil {
		return err
	}
	if g.opts.Events {
		for i := range it.events {
			if err := g.ev(&it.events[i]); err != nil {
				return err
			}
		}
	}
	return g.lab(it.label)
}
