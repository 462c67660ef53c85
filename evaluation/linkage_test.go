package evaluation

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer/link"
)

// requireData skips a test when the public data are absent, or fails it
// when RINGER_REQUIRE_DATA=1.
func requireData(t *testing.T, rel string) string {
	t.Helper()
	dir := DataDir()
	if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
		if os.Getenv("RINGER_REQUIRE_DATA") == "1" {
			t.Fatalf("public data missing (%v) and RINGER_REQUIRE_DATA=1", err)
		}
		t.Skipf("public data not found (%v); set RINGER_DATA", err)
	}
	return dir
}

// TestLinkagePublicSets holds linking at the default threshold to the
// project's bars on the public sets: pairwise F1 of the rings ≥ 0.99 on
// Febrl3 and ≥ 0.87 on fake_1000.
func TestLinkagePublicSets(t *testing.T) {
	dir := requireData(t, "er/dataset3.csv")
	bars := map[string]float64{"febrl1": 0.98, "febrl2": 0.98, "febrl3": 0.99, "fake_1000": 0.87}
	for _, set := range PublicSets {
		t.Run(set.Name, func(t *testing.T) {
			r, err := Linkage(context.Background(), dir, "../examples/mappings", set, link.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%-10s %5d records  rings P %.4f R %.4f F1 %.4f | pairs P %.4f R %.4f F1 %.4f  (%v)",
				r.Set, r.Records, r.Rings.Precision, r.Rings.Recall, r.Rings.F1,
				r.Pairs.Precision, r.Pairs.Recall, r.Pairs.F1, r.Took)
			if r.Rings.F1 < bars[set.Name] {
				t.Errorf("%s ring F1 %.4f below the bar %.2f", set.Name, r.Rings.F1, bars[set.Name])
			}
		})
	}
}
