package synth

import (
	"bytes"
	"context"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/oschwald/maxminddb-golang/v2"
)

var update = flag.Bool("update", false, "rewrite ../scenarios/intel from the IP plan")

type cityRec struct {
	Country struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"country"`
	City struct {
		Names map[string]string `maxminddb:"names"`
	} `maxminddb:"city"`
	Location struct {
		TimeZone string `maxminddb:"time_zone"`
	} `maxminddb:"location"`
}

// TestGeoMMDB reads the generated database back and checks that it places
// residential addresses, IPv6 ones and the special ranges where the plan
// says.
func TestGeoMMDB(t *testing.T) {
	var b bytes.Buffer
	if err := GeoMMDB(&b); err != nil {
		t.Fatal(err)
	}
	db, err := maxminddb.OpenBytes(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Metadata.DatabaseType != "GeoIP2-City" {
		t.Errorf("database type %q", db.Metadata.DatabaseType)
	}
	places := newPlaces()
	tests := []struct {
		ip, country, city string
	}{
		{residentialIP(places[4], 0), "US", "Austin"},
		{residentialIP(places[4], 999), "US", "Austin"},
		{residentialIP(places[4], 1000), "US", "Austin"},
		{residentialIP(places[4], 70000), "US", "Austin"},
		{residentialIP(places[len(places)-1], 3), "RU", "Vladivostok"},
		{"203.0.113.10", "US", "Los Angeles"},
		{"203.0.113.200", "GB", "London"},
		{"198.51.100.70", "NL", "Amsterdam"},
		{"192.0.2.5", "US", "Austin"},
		{"192.0.2.170", "FR", "Paris"},
	}
	for _, tt := range tests {
		var rec cityRec
		res := db.Lookup(netip.MustParseAddr(tt.ip))
		if err := res.Decode(&rec); err != nil {
			t.Fatalf("%s: %v", tt.ip, err)
		}
		if !res.Found() || rec.Country.ISOCode != tt.country || rec.City.Names["en"] != tt.city {
			t.Errorf("%s: %s %q, want %s %q", tt.ip, rec.Country.ISOCode, rec.City.Names["en"], tt.country, tt.city)
		}
		if rec.Location.TimeZone == "" {
			t.Errorf("%s: no time zone", tt.ip)
		}
	}
	if res := db.Lookup(netip.MustParseAddr("8.8.8.8")); res.Found() {
		t.Error("8.8.8.8 is in the synthetic database")
	}
	var again bytes.Buffer
	if err := GeoMMDB(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("GeoMMDB output is not reproducible")
	}
}

// TestResidentialIPsUnique checks that residential addresses handed out
// never repeat and stay in their place's blocks.
func TestResidentialIPsUnique(t *testing.T) {
	places := newPlaces()
	seen := map[string]bool{}
	for _, p := range places[:3] {
		for n := uint32(0); n < 5000; n++ {
			s := residentialIP(p, n)
			if seen[s] {
				t.Fatalf("%s handed out twice", s)
			}
			seen[s] = true
			a := netip.MustParseAddr(s)
			if !residentialV4(p).Contains(a) && !residentialV6(p).Contains(a) {
				t.Fatalf("%s outside %s's blocks", s, p.City)
			}
		}
	}
}

// TestIntelFilesUpToDate checks that ../scenarios/intel holds what
// WriteIntel writes; run with -update to rewrite it.
func TestIntelFilesUpToDate(t *testing.T) {
	dir := filepath.Join("..", "scenarios", "intel")
	if *update {
		if _, err := WriteIntel(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	paths, err := WriteIntel(context.Background(), tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(dir, filepath.Base(p)))
		if err != nil {
			t.Fatalf("%v (run go test ./synth -run TestIntelFilesUpToDate -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date (run go test ./synth -run TestIntelFilesUpToDate -update)", filepath.Join(dir, filepath.Base(p)))
		}
	}
}

// TestCrowdedPlaceHomes draws more homes in one place than its streets
// have numbers; every home must still be new.
func TestCrowdedPlaceHomes(t *testing.T) {
	g := newGen(Options{N: 50000}, nil, nil, nil)
	var paris *place
	for _, p := range g.places {
		if p.City == "Paris" {
			paris = p
		}
	}
	seen := map[string]bool{}
	for i := 0; i < 20000; i++ {
		h := g.newHome(paris)
		k := h.line + "|" + h.unit
		if seen[k] {
			t.Fatalf("home %q handed out twice", k)
		}
		seen[k] = true
	}
}
