package normalize_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// readTSV returns the tab-separated rows of a testdata file, skipping
// comments (lines starting with "#" followed by a space) and keeping each
// row's line number.
func readTSV(t *testing.T, name string) (rows [][]string, lines []int) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "# ") || line == "" {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
		lines = append(lines, n)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows, lines
}

func TestEmail(t *testing.T) {
	rows, lines := readTSV(t, "emails.tsv")
	if len(rows) < 40 {
		t.Fatalf("emails.tsv: %d rows, want the full table", len(rows))
	}
	for i, r := range rows {
		if len(r) != 2 {
			t.Fatalf("emails.tsv:%d: want 2 columns, got %d", lines[i], len(r))
		}
		got, err := normalize.Email(r[0])
		if r[1] == "ERR" {
			if err == nil {
				t.Errorf("emails.tsv:%d: Email(%q) = %q, want an error", lines[i], r[0], got)
			}
			continue
		}
		if err != nil || got != r[1] {
			t.Errorf("emails.tsv:%d: Email(%q) = %q, %v; want %q", lines[i], r[0], got, err, r[1])
		}
	}
}

func TestEmailDomain(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Dan@GoogleMail.com", "googlemail.com"},
		{"<dan@Example.ORG.>", "example.org"},
		{"no-at-sign", ""},
		{"a@b@c.io", "c.io"},
	} {
		if got := normalize.EmailDomain(c.in); got != c.want {
			t.Errorf("EmailDomain(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNameTokens(t *testing.T) {
	rows, lines := readTSV(t, "names.tsv")
	// Decomposed (NFD) input folds like composed input.
	rows = append(rows, []string{"Jose\u0301 Mu\u0308ller", "jose muller"}, []string{"A\u030Angstro\u0308m", "angstrom"})
	lines = append(lines, 0, 0)
	for i, r := range rows {
		if len(r) != 2 {
			t.Fatalf("names.tsv:%d: want 2 columns, got %d", lines[i], len(r))
		}
		got := normalize.NameTokens(r[0])
		want := strings.Fields(r[1])
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("names.tsv:%d: NameTokens(%q) = %q, want %q", lines[i], r[0], got, want)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		in   ringer.Name
		want normalize.PersonName
	}{
		{ringer.Name{Full: "Daniel J. Moore"},
			normalize.PersonName{Given: []string{"daniel"}, Middle: []string{"j"}, Family: []string{"moore"}, Full: []string{"daniel", "j", "moore"}}},
		{ringer.Name{Full: "Moore, Daniel J."},
			normalize.PersonName{Given: []string{"daniel"}, Middle: []string{"j"}, Family: []string{"moore"}, Full: []string{"daniel", "j", "moore"}}},
		{ringer.Name{Full: "Daniel Moore, Jr."},
			normalize.PersonName{Given: []string{"daniel"}, Family: []string{"moore"}, Full: []string{"daniel", "moore"}}},
		{ringer.Name{Given: "Daniel", Family: "Moore"},
			normalize.PersonName{Given: []string{"daniel"}, Family: []string{"moore"}, Full: []string{"daniel", "moore"}}},
		{ringer.Name{Given: "Min-jun", Middle: "", Family: "Kim"},
			normalize.PersonName{Given: []string{"min", "jun"}, Family: []string{"kim"}, Full: []string{"min", "jun", "kim"}}},
		{ringer.Name{Full: "Daniel J. Moore", Given: "Dan", Family: "Moore"},
			normalize.PersonName{Given: []string{"dan"}, Middle: []string{"j"}, Family: []string{"moore"}, Full: []string{"daniel", "j", "moore"}}},
		{ringer.Name{Full: "Daniel Moore", Given: "Daniel"},
			normalize.PersonName{Given: []string{"daniel"}, Family: []string{"moore"}, Full: []string{"daniel", "moore"}}},
		{ringer.Name{Full: "Madonna"},
			normalize.PersonName{Given: []string{"madonna"}, Full: []string{"madonna"}}},
		{ringer.Name{Full: "García Márquez, Gabriel José"},
			normalize.PersonName{Given: []string{"gabriel"}, Middle: []string{"jose"}, Family: []string{"garcia", "marquez"}, Full: []string{"gabriel", "jose", "garcia", "marquez"}}},
		{ringer.Name{}, normalize.PersonName{}},
	}
	for _, tt := range tests {
		got := normalize.Name(tt.in)
		if !eqTokens(got.Given, tt.want.Given) || !eqTokens(got.Middle, tt.want.Middle) ||
			!eqTokens(got.Family, tt.want.Family) || !eqTokens(got.Full, tt.want.Full) {
			t.Errorf("Name(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func eqTokens(a, b []string) bool { return slices.Equal(a, b) || len(a) == 0 && len(b) == 0 }

func TestPhone(t *testing.T) {
	rows, lines := readTSV(t, "phones.tsv")
	for i, r := range rows {
		if len(r) != 6 {
			t.Fatalf("phones.tsv:%d: want 6 columns, got %d", lines[i], len(r))
		}
		got, err := normalize.Phone(r[0], r[1])
		if r[2] == "ERR" {
			if err == nil {
				t.Errorf("phones.tsv:%d: Phone(%q, %q) = %+v, want an error", lines[i], r[0], r[1], got)
			}
			continue
		}
		want := normalize.PhoneNumber{E164: r[2], Region: r[3], Type: r[4], Valid: r[5] == "true"}
		if err != nil || got != want {
			t.Errorf("phones.tsv:%d: Phone(%q, %q) = %+v, %v; want %+v", lines[i], r[0], r[1], got, err, want)
		}
	}
}

// addressCase is one line of testdata/addresses.jsonl.
type addressCase struct {
	In   ringer.Address    `json:"in"`
	Want normalize.Address `json:"want"`
	Key  string            `json:"key"`
}

func TestNormalizeAddress(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "addresses.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		var c addressCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("addresses.jsonl:%d: %v", n, err)
		}
		got := normalize.NormalizeAddress(c.In)
		if got != c.Want {
			t.Errorf("addresses.jsonl:%d: NormalizeAddress(%+v)\n got %+v\nwant %+v", n, c.In, got, c.Want)
		}
		if k := got.Key(); k != c.Key {
			t.Errorf("addresses.jsonl:%d: Key() = %q, want %q", n, k, c.Key)
		}
	}
	if n < 40 {
		t.Fatalf("addresses.jsonl: %d cases, want the full table", n)
	}
}

// TestAddressSameDeliveryPoint checks that the many ways one delivery point
// is written share one key, and that near neighbours do not.
func TestAddressSameDeliveryPoint(t *testing.T) {
	same := [][]ringer.Address{{
		{Raw: "88 Pine Rd, Apt 2, Hillsboro OR 97124, USA"},
		{Raw: "88 pine road apartment 2 hillsboro oregon 97124"},
		{Line1: "88 Pine Rd", Line2: "Apt. 2", City: "Hillsboro", Region: "OR", Postcode: "97124-1234"},
		{Line1: "88 Pine Road #2", City: "HILLSBORO", Region: "Oregon", Postcode: "97124", Country: "USA"},
		{Line1: "88 Pine Rd, Apt 2, Hillsboro, OR 97124"},
	}, {
		{Raw: "Hauptstraße 5, 10115 Berlin"},
		{Line1: "Hauptstr. 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		{Raw: "Hauptstrasse 5, 10115 Berlin, Germany"},
	}}
	for _, group := range same {
		want := normalize.NormalizeAddress(group[0]).Key()
		if want == "" {
			t.Fatalf("NormalizeAddress(%+v).Key() is empty", group[0])
		}
		for _, a := range group[1:] {
			if got := normalize.NormalizeAddress(a).Key(); got != want {
				t.Errorf("Key(%+v) = %q, want %q", a, got, want)
			}
		}
	}
	different := [][2]ringer.Address{
		{{Raw: "88 Pine Rd, Apt 2, Hillsboro OR 97124"}, {Raw: "88 Pine Rd, Apt 3, Hillsboro OR 97124"}},
		{{Raw: "88 Pine Rd, Hillsboro OR 97124"}, {Raw: "86 Pine Rd, Hillsboro OR 97124"}},
		{{Raw: "88 Pine Rd, Hillsboro OR 97124"}, {Raw: "88 Pine St, Hillsboro OR 97124"}},
		{{Raw: "88 Pine Rd, Hillsboro OR 97124"}, {Raw: "88 Pine Rd, Hillsboro OR 97123"}},
		{{Raw: "Rose Cottage, Church Lane, Fakenham NR21 0AA"}, {Raw: "Ivy Cottage, Church Lane, Fakenham NR21 0AA"}},
	}
	for _, d := range different {
		a, b := normalize.NormalizeAddress(d[0]).Key(), normalize.NormalizeAddress(d[1]).Key()
		if a == b {
			t.Errorf("%+v and %+v share key %q", d[0], d[1], a)
		}
	}
}

func TestCountry(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"US", "US"}, {"usa", "US"}, {"U.S.A.", "US"}, {"United States", "US"},
		{"United States of America", "US"}, {"UK", "GB"}, {"Great Britain", "GB"},
		{"GBR", "GB"}, {"Deutschland", "DE"}, {"Germany", "DE"}, {"South Korea", "KR"},
		{"Korea, Republic of", "KR"}, {"North Korea", "KP"}, {"Côte d’Ivoire", "CI"},
		{"Türkiye", "TR"}, {"840", "US"}, {"Czechia", "CZ"}, {"Russian Federation", "RU"},
		{"", ""}, {"ZZ", ""}, {"EU", ""}, {"Narnia", ""}, {"001", ""},
	} {
		if got := normalize.Country(c.in); got != c.want {
			t.Errorf("Country(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
