package detect_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
)

func ptr[T any](v T) *T { return &v }

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func person(id, given, family, city, region, postcode, tz string) ringer.Record {
	return ringer.Record{
		ID: id, Kind: ringer.KindEmployee, ObservedAt: at("2026-01-01T00:00:00Z"),
		Name:      ringer.Name{Given: given, Family: family},
		Emails:    []string{strings.ToLower(given+"."+family) + "@example.com"},
		Addresses: []ringer.Address{{Use: "home", Line1: fmt.Sprintf("%d Oak St", houseNumber(id)), City: city, Region: region, Postcode: postcode, Country: "US"}},
		Claimed:   ringer.Claimed{Country: "US", City: city, Timezone: tz},
	}
}

// houseNumber gives each record id its own house.
func houseNumber(id string) int {
	h := 7
	for i := 0; i < len(id); i++ {
		h = (h*31 + int(id[i])) % 9000
	}
	return h + 100
}

func signInAt(id, when, ip string) ringer.Event {
	return ringer.Event{Type: ringer.EventSignIn, RecordID: id, At: at(when), IP: ip, Success: ptr(true)}
}

// signIns returns n daily sign-ins from ip at the given UTC hour, starting
// on the given day.
func signInsDaily(id, ip string, start string, n, hourUTC int) []ringer.Event {
	t0 := at(start)
	var out []ringer.Event
	for i := range n {
		t := time.Date(t0.Year(), t0.Month(), t0.Day()+i, hourUTC, (i*7)%60, 0, 0, time.UTC)
		out = append(out, ringer.Event{Type: ringer.EventSignIn, RecordID: id, At: t, IP: ip, Success: ptr(true)})
	}
	return out
}

// stageCase is one case of a detector table: a world, the record screened,
// the codes of the stage it must raise (exactly) and weight bounds.
type stageCase struct {
	name    string
	records []ringer.Record
	events  []ringer.Event
	subject string
	want    []string
	// weights bounds the weight of a code: [min, max].
	weights map[string][2]float64
}

func runStage(t *testing.T, prefix string, cases []stageCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t, c.records, c.events, nil)
			sig := w.screen(t, c.subject)
			for _, s := range sig {
				if strings.HasPrefix(s.Code, prefix) {
					checkSignal(t, s)
				}
			}
			gotC := codes(filterCodes(sig, prefix))
			want := append([]string(nil), c.want...)
			sortStrings(want)
			if strings.Join(gotC, ",") != strings.Join(want, ",") {
				t.Fatalf("codes = %v, want %v\nsignals: %+v", gotC, want, sig)
			}
			for code, b := range c.weights {
				s, _ := find(sig, code)
				if s.Weight < b[0] || s.Weight > b[1] {
					t.Errorf("%s weight = %v, want in [%v, %v] (%s; %v)", code, s.Weight, b[0], b[1], s.Detail, s.Evidence)
				}
			}
		})
	}
}

func filterCodes(sig []ringer.Signal, prefix string) []ringer.Signal {
	var out []ringer.Signal
	for _, s := range sig {
		if strings.HasPrefix(s.Code, prefix) {
			out = append(out, s)
		}
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// checkSignal holds every signal to the contract: a weight in (0, 1], a
// detail, evidence and a cited indicator.
func checkSignal(t *testing.T, s ringer.Signal) {
	t.Helper()
	if s.Weight <= 0 || s.Weight > 1 {
		t.Errorf("%s: weight %v outside (0, 1]", s.Code, s.Weight)
	}
	if s.Detail == "" || s.Indicator == "" || len(s.Evidence) == 0 {
		t.Errorf("%s: missing detail, indicator or evidence: %+v", s.Code, s)
	}
}
