package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintFiles checks every policy in testdata/lint: the first line says
// "# want: TEXT", a problem Lint must report, or "# want:" alone for a
// policy that must be clean and compile.
func TestLintFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/lint/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lint fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(data), "\n")
			want, ok := strings.CutPrefix(first, "# want:")
			if !ok {
				t.Fatalf("first line %q: want \"# want: TEXT\"", first)
			}
			want = strings.TrimSpace(want)
			problems := Lint(data)
			_, parseErr := Parse(f, data)
			if want == "" {
				if len(problems) > 0 || parseErr != nil {
					t.Fatalf("want a clean policy, got %v (Parse: %v)", problems, parseErr)
				}
				return
			}
			found := false
			for _, p := range problems {
				if strings.Contains(p.Message, want) {
					found = true
					if p.Line == 0 {
						t.Errorf("problem %q has no line", p)
					}
				}
			}
			if !found {
				t.Errorf("want a problem containing %q, got %v", want, problems)
			}
			if parseErr == nil {
				t.Errorf("Parse accepted a policy Lint refuses")
			} else if !strings.Contains(parseErr.Error(), want) {
				t.Errorf("Parse error %q does not say %q", parseErr, want)
			}
		})
	}
}

func TestLintNamesRuleAndLine(t *testing.T) {
	data := []byte(`name: x
version: "1"
bands: {review: 30, high: 60, critical: 85}
rules:
  - id: fine
    expr: has_signal("network.anonymizer")
    weight: 10
    indicator: x
  - id: race
    expr: |
      has_signal("network.anonymizer") &&
      record.attributes.race == "x"
    weight: 10
    indicator: x
`)
	problems := Lint(data)
	if len(problems) != 1 {
		t.Fatalf("want one problem, got %v", problems)
	}
	p := problems[0]
	if p.Rule != "race" || p.Line != 11 {
		t.Errorf("got rule %q line %d, want rule race line 11: %v", p.Rule, p.Line, p)
	}
	if got := p.String(); !strings.HasPrefix(got, "11: rule race: reads \"race\"") {
		t.Errorf("String() = %q", got)
	}
}

func TestProtectedCategory(t *testing.T) {
	tests := []struct {
		key  string
		want string // "" when not protected
	}{
		{"nationality", catNationality},
		{"Citizenship", catNationality},
		{"applicant_nationality", catNationality},
		{"countryOfBirth", catOrigin},
		{"country_of_origin", catOrigin},
		{"native_language", catOrigin},
		{"ethnicity", catRace},
		{"Race", catRace},
		{"religion", catReligion},
		{"gender", catSex},
		{"sex", catSex},
		{"age", catAge},
		{"birth_date", catAge},
		{"dateOfBirth", catAge},
		{"dob", catAge},
		{"name", catName},
		{"family", catName},
		{"surname_origin", catName},
		{"photo", catAppearance},
		{"skin_tone", catAppearance},
		{"marital_status", catOther},
		// Not protected.
		{"watchlist.name_match", ""},
		{"link.shared_photo", ""},
		{"interview.face_changed", ""},
		{"country", ""},
		{"timezone", ""},
		{"weight", ""},
		{"trace_id", ""},
		{"usage", ""},
		{"page", ""},
		{"essex_office", ""},
		{"network.anonymizer", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := protectedCategory(tt.key)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("protectedCategory(%q) = %q, %v; want %q", tt.key, got, ok, tt.want)
		}
	}
}

func TestDefaultPolicyLintClean(t *testing.T) {
	if problems := Lint(DefaultYAML()); len(problems) > 0 {
		t.Fatalf("default policy: %v", problems)
	}
}
