package intel

import (
	"bytes"
	"cmp"
	"maps"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	ringer "github.com/ringerhq/ringer"
)

// buildMMDB writes a small MaxMind DB of the given database_type with
// mmdbwriter, the way MaxMind's own test databases are made.
func buildMMDB(t testing.TB, dbType string, networks map[string]mmdbtype.Map) []byte {
	t.Helper()
	w, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: dbType, IPVersion: 6, RecordSize: 28,
		IncludeReservedNetworks: true, BuildEpoch: 1767225600,
		Description: map[string]string{"en": "ringer test database"}})
	if err != nil {
		t.Fatal(err)
	}
	// Insert wider networks first: a later insert replaces what it covers.
	cidrs := slices.Collect(maps.Keys(networks))
	slices.SortFunc(cidrs, func(a, b string) int {
		return cmp.Compare(netip.MustParsePrefix(a).Bits(), netip.MustParsePrefix(b).Bits())
	})
	for _, cidr := range cidrs {
		rec := networks[cidr]
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Insert(n, rec); err != nil {
			t.Fatalf("insert %s: %v", cidr, err)
		}
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeTemp writes data to name in a test's temporary directory.
func writeTemp(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// testCityDB, testASNDB and testAnonDB are small databases in the GeoIP2
// layouts, over documentation ranges.
func testCityDB(t testing.TB) []byte {
	city := func(cc, name, tz string, lat, lon float64, radius uint16) mmdbtype.Map {
		return mmdbtype.Map{
			"city":               mmdbtype.Map{"names": mmdbtype.Map{"en": mmdbtype.String(name)}},
			"country":            mmdbtype.Map{"iso_code": mmdbtype.String(cc)},
			"registered_country": mmdbtype.Map{"iso_code": mmdbtype.String(cc)},
			"location": mmdbtype.Map{"latitude": mmdbtype.Float64(lat), "longitude": mmdbtype.Float64(lon),
				"accuracy_radius": mmdbtype.Uint16(radius), "time_zone": mmdbtype.String(tz)},
		}
	}
	return buildMMDB(t, "GeoIP2-City", map[string]mmdbtype.Map{
		"192.0.2.0/24":    city("US", "Austin", "America/Chicago", 30.27, -97.74, 20),
		"198.51.100.0/24": city("KP", "Pyongyang", "Asia/Pyongyang", 39.03, 125.75, 100),
		"2001:db8:1::/48": city("DE", "Berlin", "Europe/Berlin", 52.52, 13.40, 50),
	})
}

func testASNDB(t testing.TB) []byte {
	return buildMMDB(t, "GeoLite2-ASN", map[string]mmdbtype.Map{
		"192.0.2.0/24": {"autonomous_system_number": mmdbtype.Uint32(64500),
			"autonomous_system_organization": mmdbtype.String("Example Broadband")},
		"203.0.113.0/24": {"autonomous_system_number": mmdbtype.Uint32(64511),
			"autonomous_system_organization": mmdbtype.String("Example Hosting")},
	})
}

func testAnonDB(t testing.TB) []byte {
	return buildMMDB(t, "GeoIP-Anonymous-Plus", map[string]mmdbtype.Map{
		"::/0": {},
		"203.0.113.0/25": {"is_anonymous": mmdbtype.Bool(true), "is_anonymous_vpn": mmdbtype.Bool(true),
			"provider_name": mmdbtype.String("examplevpn"), "anonymizer_confidence": mmdbtype.Uint16(95)},
		"203.0.113.128/25": {"is_anonymous": mmdbtype.Bool(true), "is_hosting_provider": mmdbtype.Bool(true)},
	})
}

func softwareOf(name, path string) ringer.Software { return ringer.Software{Name: name, Path: path} }
