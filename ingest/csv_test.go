package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
)

func loadMapping(t testing.TB, path string) *Mapping {
	t.Helper()
	m, err := LoadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFebrlMapping(t *testing.T) {
	m := loadMapping(t, "../examples/mappings/febrl.yaml")
	res := collectFiles(t, []string{"testdata/febrl.csv"}, Options{Mapping: m})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkProblems(t, res.problems, []wantProblem{
		{4, "date_of_birth", SeverityWarning, "birth_date: not a valid date (month 95 out of range); left empty"},
		{6, "rec_id", SeverityError, "empty id; row skipped"},
	})
	recs := res.records()
	if len(recs) != 5 {
		t.Fatalf("got %d records, want 5", len(recs))
	}
	want := ringer.Record{
		ID: "rec-1-org", Kind: "applicant", Source: "febrl",
		Name:      ringer.Name{Given: "kate", Family: "haller"},
		BirthDate: ringer.Date{Year: 1981, Month: 2, Day: 15},
		Addresses: []ringer.Address{{Use: "home", Line1: "12 banksia crescent", Line2: "lakeview", City: "bondi",
			Postcode: "2026", Region: "nsw", Country: "AU"}},
		Documents: []ringer.Document{{Type: "national_id", Number: "4411223"}},
	}
	if !reflect.DeepEqual(*recs[0], want) {
		t.Errorf("record 1 =\n%+v\nwant\n%+v", *recs[0], want)
	}
	if a := recs[1].Addresses[0]; a.Line2 != "" || a.Line1 != "12 banksia crescent" {
		t.Errorf("empty address_2 not left missing: %+v", a)
	}
	if r := recs[2]; r.Name.Given != "" || !r.BirthDate.IsZero() || r.Addresses[0].Line1 != "tullaroop street" {
		t.Errorf("rec-2-org = %+v", r)
	}
	if r := recs[3]; len(r.Documents) != 0 || !r.BirthDate.IsZero() || r.Addresses[0].City != "" {
		t.Errorf("rec-3-org = %+v", r)
	}
	if r := recs[4]; r.Name.Family != "smith, jr" || r.Addresses[0].Line1 != `9 quoted "lane"` || r.BirthDate != (ringer.Date{Year: 1975}) || r.Addresses[0].Postcode != "0800" {
		t.Errorf("rec-4-org = %+v", r)
	}
	for _, it := range res.items {
		if it.File != "testdata/febrl.csv" || it.Line < 2 {
			t.Errorf("item place %s line %d", it.File, it.Line)
		}
	}
}

func TestFake1000Mapping(t *testing.T) {
	m := loadMapping(t, "../examples/mappings/fake_1000.yaml")
	res := collectFiles(t, []string{"testdata/fake_1000.csv"}, Options{Mapping: m})
	if res.err != nil || len(res.problems) != 0 {
		t.Fatalf("err %v, problems %v", res.err, res.problems)
	}
	recs := res.records()
	if len(recs) != 5 {
		t.Fatalf("got %d records", len(recs))
	}
	want := ringer.Record{
		ID: "4", Kind: "applicant", Source: "fake_1000",
		Name:       ringer.Name{Given: "Grace", Family: "Kelly"},
		BirthDate:  ringer.Date{Year: 1997, Month: 4, Day: 26},
		Addresses:  []ringer.Address{{Use: "home", City: "Hull"}},
		Emails:     []string{"grace.kelly52@jones.com", "gk@example.org"},
		Attributes: map[string]any{"cluster": "1"},
	}
	if !reflect.DeepEqual(*recs[4], want) {
		t.Errorf("record 4 =\n%+v\nwant\n%+v", *recs[4], want)
	}
	if len(recs[0].Addresses) != 0 {
		t.Errorf("empty city made an address: %+v", recs[0].Addresses)
	}
}

func TestCSVMissingColumn(t *testing.T) {
	m, err := ParseMapping("people.yaml", []byte("id: \"{id}\"\nfields:\n  name.full: \"{name}\"\n  emails: \"{mail}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := collect(t, "people.csv", []byte("id,name,email\n1,Ann,a@example.org\n"), Options{Mapping: m})
	if res.err == nil {
		t.Fatal("no error for a column the header lacks")
	}
	for _, want := range []string{"people.yaml line 4", "emails", `column "mail"`, "people.csv"} {
		if !strings.Contains(res.err.Error(), want) {
			t.Errorf("error %q lacks %q", res.err, want)
		}
	}
	if len(res.items) != 0 {
		t.Errorf("read %d items", len(res.items))
	}
}

func TestCSVBadRows(t *testing.T) {
	m, err := ParseMapping("m.yaml", []byte("id: \"{id}\"\ndelimiter: \";\"\nfields:\n  name.full: \"{name}\"\n  observed_at: \"{seen}\"\n  profiles.github.created_at: \"{gh_since}\"\n  profiles.github.handle: \"{gh}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	input := "id;name;seen;gh;gh_since\n" +
		"1;Ann;2026-03-01T12:00:00Z;ann;2019-05\n" +
		"2;Bo;;;\n" +
		"3;Cy\n" +
		"4;\"Dee \"x\" ;;;\n" +
		"5;Eve;2026-13-01;eve;2019-02-31\n" +
		"6;Fay;2026-03-02;;\n"
	res := collect(t, "m.csv", []byte(input), Options{Mapping: m})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkProblems(t, res.problems, []wantProblem{
		{4, "", SeverityError, "row has 2 fields, the header has 5; row skipped"},
		{5, "", SeverityError, "bad CSV at column"},
		{6, "seen", SeverityWarning, "observed_at: not a timestamp or a date"},
		{6, "gh_since", SeverityWarning, "profiles.github.created_at: not a valid date"},
	})
	var ids []string
	for _, r := range res.records() {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "1,2,5,6" {
		t.Errorf("ids = %v", ids)
	}
	recs := res.records()
	if p := recs[0].Profiles; len(p) != 1 || p[0].Handle != "ann" || p[0].CreatedAt != (ringer.Date{Year: 2019, Month: 5}) {
		t.Errorf("profiles = %+v", p)
	}
	if recs[0].ObservedAt.IsZero() || recs[3].ObservedAt.IsZero() || !recs[2].ObservedAt.IsZero() {
		t.Errorf("observed_at: %v %v %v", recs[0].ObservedAt, recs[2].ObservedAt, recs[3].ObservedAt)
	}
	if len(recs[1].Profiles) != 0 {
		t.Errorf("empty profile kept: %+v", recs[1].Profiles)
	}
}

func TestMappingErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown path", "id: \"{id}\"\nfields:\n  name.given: \"{g}\"\n  name.nick: \"{n}\"\n", "m.yaml line 4: name.nick: unknown path"},
		{"unknown deep path", "id: \"{id}\"\nfields:\n  addresses.home.street: \"{s}\"\n", "m.yaml line 3: addresses.home.street: unknown path"},
		{"unknown payout type", "id: \"{id}\"\nfields:\n  payout_accounts.venmo.value: \"{v}\"\n", `line 3: payout_accounts.venmo.value: unknown payout account type "venmo"`},
		{"unknown top key", "id: \"{id}\"\ncolumns: 3\n", "m.yaml line 2: columns: unknown key"},
		{"no id", "fields:\n  emails: \"{e}\"\n", "no id"},
		{"id without column", "id: \"x\"\n", "must name at least one column"},
		{"id under fields", "id: \"{a}\"\nfields:\n  id: \"{b}\"\n", "line 3: id: give id at the top level"},
		{"unclosed brace", "id: \"{id\"\n", "line 1: id: unclosed {"},
		{"stray brace", "id: \"{id}\"\nfields:\n  emails: \"a}b\"\n", "line 3: emails: unmatched }"},
		{"empty column", "id: \"{ }\"\n", "empty or bad column name"},
		{"bad delimiter", "id: \"{id}\"\ndelimiter: \"ab\"\n", "line 2: delimiter: want one character"},
		{"quote delimiter", "id: \"{id}\"\ndelimiter: '\"'\n", "delimiter: want one character other than a quote"},
		{"fields not a map", "id: \"{id}\"\nfields: [a, b]\n", "line 2: fields: want a mapping"},
		{"template not a string", "id: \"{id}\"\nfields:\n  emails: [\"{a}\"]\n", "line 3: emails: want a template"},
		{"twice", "id: \"{id}\"\nkind: applicant\nfields:\n  kind: \"{k}\"\n", "line 4: kind: given twice"},
		{"not a mapping", "- a\n- b\n", "want a YAML mapping"},
		{"bad yaml", "id: [\n", "mapping m.yaml: yaml:"},
		{"empty segment", "id: \"{id}\"\nfields:\n  name..full: \"{n}\"\n", "line 3: name..full: bad path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMapping("m.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestMappingFile(t *testing.T) {
	if _, err := LoadMapping("testdata/none.yaml"); err == nil || !strings.Contains(err.Error(), "testdata/none.yaml") {
		t.Errorf("err = %v", err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "tsv.yaml")
	if err := os.WriteFile(p, []byte("id: \"{a}\"\ndelimiter: \"\\t\"\nsource: \"hr\"\nfields:\n  phones: \"+1 {b}\"\n  attributes.note: \"{{{c}}}\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := loadMapping(t, p)
	if got := m.Columns(); strings.Join(got, ",") != "a,b,c" {
		t.Errorf("Columns() = %v", got)
	}
	res := collect(t, "x.tsv", []byte("a\tb\tc\nid-1\t 415 555 0134 \tnew  hire\n"), Options{Mapping: m})
	if res.err != nil || len(res.problems) != 0 {
		t.Fatalf("err %v problems %v", res.err, res.problems)
	}
	r := res.records()[0]
	if r.Source != "hr" || len(r.Phones) != 1 || r.Phones[0].Number != "+1 415 555 0134" || r.Attributes["note"] != "{new hire}" {
		t.Errorf("record = %+v", r)
	}
}

func TestCollapse(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"   ":            "",
		"a":              "a",
		"a b":            "a b",
		" a  b ":         "a b",
		"a\tb\nc":        "a b c",
		"st  james":      "st james",
		"café  crème":    "café crème",
		"a\u00a0\u00a0b": "a b",
	} {
		if got := collapse(in); got != want {
			t.Errorf("collapse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFebrlDataset1 reads the public Febrl dataset1.csv through the
// shipped mapping; every one of its 1,000 rows must come out as a record.
func TestFebrlDataset1(t *testing.T) {
	path := filepath.Join(dataDir(t), "er", "dataset1.csv")
	m := loadMapping(t, "../examples/mappings/febrl.yaml")
	res := collectFiles(t, []string{path}, Options{Mapping: m})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := len(res.records()); got != 1000 {
		t.Errorf("got %d records, want 1000", got)
	}
	for _, p := range res.problems {
		if p.Severity == SeverityError {
			t.Errorf("error: %s", p.Error())
		}
	}
	t.Logf("%s", strings.Join(res.report.Summary(), "; "))
}

// TestFake1000 reads Splink's fake_1000.csv through the shipped mapping.
func TestFake1000(t *testing.T) {
	path := filepath.Join(dataDir(t), "er", "fake_1000.csv")
	m := loadMapping(t, "../examples/mappings/fake_1000.yaml")
	res := collectFiles(t, []string{path}, Options{Mapping: m})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := len(res.records()); got != 1000 {
		t.Errorf("got %d records, want 1000", got)
	}
	t.Logf("%s", strings.Join(res.report.Summary(), "; "))
}

// dataDir returns the public data directory: RINGER_DATA, by default
// ../shared/data, a relative path being taken from the module root (the
// parent of this package's directory). It skips the test when the
// directory is absent, or fails it when RINGER_REQUIRE_DATA=1.
func dataDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("RINGER_DATA")
	if dir == "" {
		dir = filepath.Join("..", "shared", "data")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "er")); err != nil {
		if os.Getenv("RINGER_REQUIRE_DATA") == "1" {
			t.Fatalf("public data not found (RINGER_DATA=%q): %v", dir, err)
		}
		t.Skipf("public data not found at %s (set RINGER_DATA): %v", dir, err)
	}
	return dir
}
