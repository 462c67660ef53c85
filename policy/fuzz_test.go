package policy

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer"
)

// seedPolicies adds the default policy and every lint fixture to a fuzz
// corpus.
func seedPolicies(f *testing.F) {
	f.Add(DefaultYAML())
	files, _ := filepath.Glob("testdata/lint/*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name: x\nversion: 1\nbands: {review: 1, high: 2, critical: 3}\nrules: [{id: a, expr: 'true', weight: 1, indicator: x}]\n"))
}

// FuzzParse checks that Parse never panics, that it accepts exactly the
// policies Lint finds no problem in, and that an accepted policy evaluates
// a small input without panicking.
func FuzzParse(f *testing.F) {
	seedPolicies(f)
	in := Input{
		Record:  &ringer.Record{ID: "r", Attributes: map[string]any{"team": "x"}},
		Signals: []ringer.Signal{{Code: "network.anonymizer", Weight: 0.5}, {Code: "link.ring_member", Weight: 1}},
		Ring:    &ringer.Ring{ID: "ring-1", Size: 3, Members: []string{"r", "a", "b"}},
		Events:  []ringer.Event{{Type: ringer.EventSignIn, RecordID: "r", IP: "192.0.2.1"}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		problems := Lint(data)
		if (err == nil) != (len(problems) == 0) {
			t.Fatalf("Parse error %v but Lint problems %v", err, problems)
		}
		if err != nil {
			return
		}
		res, err := p.Evaluate(context.Background(), in)
		if err != nil {
			return // a rule may fail at run time; Evaluate says which
		}
		if res.Score < 0 || res.Score > 100 || res.Band.Rank() < 0 {
			t.Fatalf("score %d band %q", res.Score, res.Band)
		}
	})
}

// FuzzLint checks the protected-attribute walk on arbitrary expressions:
// Lint never panics and every problem it reports names a line.
func FuzzLint(f *testing.F) {
	for _, e := range []string{
		`record.attributes.race == "x"`,
		`has_signal("network.anonymizer") && record.claimed.country == "US"`,
		`signals.exists(s, s.code.startsWith("endpoint.") && s.weight > 0.5)`,
		`math.least(1.0, double(size(events)) / 10.0)`,
		`evidence_string("watchlist.identifier_match", "nationality") != ""`,
		`{"race": 1}["race"] == 1`,
	} {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		node := "name: x\nversion: \"1\"\nbands: {review: 30, high: 60, critical: 85}\nrules:\n  - id: r\n    weight: 10\n    indicator: x\n    expr: "
		data := []byte(node + quoteYAML(expr) + "\n")
		for _, p := range Lint(data) {
			if p.Line == 0 && p.Rule == "r" {
				t.Fatalf("problem without a line: %v", p)
			}
		}
	})
}

// quoteYAML writes s as a double-quoted YAML scalar.
func quoteYAML(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			b = append(b, []byte(`\u`)...)
			b = append(b, "0123456789abcdef"[r>>12&0xf], "0123456789abcdef"[r>>8&0xf],
				"0123456789abcdef"[r>>4&0xf], "0123456789abcdef"[r&0xf])
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, '"'))
}

// FuzzParseScenarios checks that the scenario reader never panics and that
// what it accepts runs against the default policy.
func FuzzParseScenarios(f *testing.F) {
	files, _ := filepath.Glob("testdata/scenarios/*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenarios("fuzz.yaml", data)
		if err != nil {
			return
		}
		if _, _, err := Default().Test(context.Background(), sc); err != nil {
			t.Fatal(err)
		}
	})
}
