package normalize_test

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// dataDir returns the public data directory: $RINGER_DATA, else
// ../shared/data beside the module root. It skips the test when the file
// rel is absent there, or fails it when RINGER_REQUIRE_DATA=1.
func dataDir(t *testing.T, rel string) string {
	t.Helper()
	dir := os.Getenv("RINGER_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
		if os.Getenv("RINGER_REQUIRE_DATA") == "1" {
			t.Fatalf("public data missing (%v) and RINGER_REQUIRE_DATA=1", err)
		}
		t.Skipf("public data not found (%v); set RINGER_DATA", err)
	}
	return dir
}

// febrlRecord is one row of a Febrl data set.
type febrlRecord struct {
	person         string
	given, surname string
	addr           ringer.Address
	rawAddr        string
}

func readFebrl(t *testing.T, path string) []febrlRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	head, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	var out []febrlRecord
	for line := 2; ; line++ {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		get := func(name string) string { return strings.TrimSpace(row[col[name]]) }
		id := get("rec_id")
		parts := strings.Split(id, "-")
		if len(parts) < 3 {
			t.Fatalf("%s line %d: rec_id %q", path, line, id)
		}
		a := ringer.Address{
			Line1:    strings.TrimSpace(get("street_number") + " " + get("address_1")),
			Line2:    get("address_2"),
			City:     get("suburb"),
			Region:   get("state"),
			Postcode: get("postcode"),
			Country:  "AU",
		}
		out = append(out, febrlRecord{
			person: parts[1], given: get("given_name"), surname: get("surname"), addr: a,
			rawAddr: strings.ToLower(strings.Join([]string{a.Line1, a.City, a.Postcode}, "|")),
		})
	}
	return out
}

// TestEvalFebrlAddressKeys measures, on Febrl 3 (5,000 records with
// synthetic duplicates), how often the records of one person share an
// address key, against plain lower-cased comparison of the same fields,
// and how often records of different people do.
func TestEvalFebrlAddressKeys(t *testing.T) {
	dir := dataDir(t, "er/dataset3.csv")
	recs := readFebrl(t, filepath.Join(dir, "er", "dataset3.csv"))
	byPerson := map[string][]int{}
	keys := make([]string, len(recs))
	names := make([]string, len(recs))
	for i, r := range recs {
		byPerson[r.person] = append(byPerson[r.person], i)
		keys[i] = normalize.NormalizeAddress(r.addr).Key()
		names[i] = strings.Join(normalize.NameTokens(r.given+" "+r.surname), " ")
	}
	var pairs, keySame, rawSame, nameSame, rawNameSame, noKey int
	for _, k := range keys {
		if k == "" {
			noKey++
		}
	}
	for _, idx := range byPerson {
		for x := 0; x < len(idx); x++ {
			for y := x + 1; y < len(idx); y++ {
				a, b := recs[idx[x]], recs[idx[y]]
				pairs++
				if keys[idx[x]] != "" && keys[idx[x]] == keys[idx[y]] {
					keySame++
				}
				if a.rawAddr == b.rawAddr {
					rawSame++
				}
				if names[idx[x]] != "" && names[idx[x]] == names[idx[y]] {
					nameSame++
				}
				if strings.EqualFold(a.given+" "+a.surname, b.given+" "+b.surname) {
					rawNameSame++
				}
			}
		}
	}
	// Different people sharing a key.
	owners := map[string]map[string]bool{}
	for i, k := range keys {
		if k == "" {
			continue
		}
		if owners[k] == nil {
			owners[k] = map[string]bool{}
		}
		owners[k][recs[i].person] = true
	}
	var shared int
	for _, ps := range owners {
		if len(ps) > 1 {
			shared++
		}
	}
	t.Logf("febrl3: %d records, %d true pairs, %d records without an address key", len(recs), pairs, noKey)
	t.Logf("address key agrees on %d/%d true pairs (%.1f%%); raw lower-cased fields on %d (%.1f%%)",
		keySame, pairs, 100*float64(keySame)/float64(pairs), rawSame, 100*float64(rawSame)/float64(pairs))
	t.Logf("name tokens agree on %d/%d true pairs (%.1f%%); raw lower-cased names on %d (%.1f%%)",
		nameSame, pairs, 100*float64(nameSame)/float64(pairs), rawNameSame, 100*float64(rawNameSame)/float64(pairs))
	t.Logf("%d of %d address keys are shared by different people", shared, len(owners))
	if keySame < rawSame {
		t.Errorf("normalised keys agree on fewer true pairs (%d) than raw fields (%d)", keySame, rawSame)
	}
	if nameSame < rawNameSame {
		t.Errorf("name tokens agree on fewer true pairs (%d) than raw names (%d)", nameSame, rawNameSame)
	}
	if shared > len(owners)/200 {
		t.Errorf("%d address keys shared by different people, want at most 0.5%% of %d", shared, len(owners))
	}
}
