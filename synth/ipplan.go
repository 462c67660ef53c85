package synth

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// The synthetic IP plan uses only ranges reserved for documentation and
// testing, so no generated address belongs to anyone:
//
//	198.18.0.0/15   (RFC 2544, benchmarking)   residential blocks, one /22 per place
//	2001:db8::/32   (RFC 3849, documentation)  residential IPv6, one /48 per place
//	203.0.113.0/24  (RFC 5737, TEST-NET-3)     Astrill VPN exits        → "vpn:astrill"
//	198.51.100.0/25 (RFC 5737, TEST-NET-2)     hosting / VPS providers  → "hosting"
//	198.51.100.128/26                          other commercial VPNs    → "vpn"
//	198.51.100.192/26                          Tor exit relays          → "tor"
//	192.0.2.0/25    (RFC 5737, TEST-NET-1)     the employer's VPN egress and offices → "corporate"
//	192.0.2.128/25                             other businesses' networks (staffing agency
//	                                           office, hotels, coworking), unlabelled
//
// IntelLists returns these as labelled CIDR lists and GeoMMDB writes a
// GeoIP2-City-layout database that places every block; `ringer synth
// --intel DIR` writes both for `ringer intel import`.

// netBlock is a labelled range of the plan with where it geolocates.
type netBlock struct {
	prefix netip.Prefix
	label  string // CIDR-list label, "" for none
	place  string // "CC/City" of a place for geolocation
	what   string
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }

// specialBlocks are the non-residential ranges of the plan.
func specialBlocks() []netBlock {
	return []netBlock{
		{mustPrefix("203.0.113.0/26"), "vpn:astrill", "US/Los Angeles", "Astrill VPN exit"},
		{mustPrefix("203.0.113.64/26"), "vpn:astrill", "US/New York", "Astrill VPN exit"},
		{mustPrefix("203.0.113.128/26"), "vpn:astrill", "US/Dallas", "Astrill VPN exit"},
		{mustPrefix("203.0.113.192/26"), "vpn:astrill", "GB/London", "Astrill VPN exit"},
		{mustPrefix("198.51.100.0/26"), "hosting", "US/Seattle", "VPS provider"},
		{mustPrefix("198.51.100.64/26"), "hosting", "NL/Amsterdam", "VPS provider"},
		{mustPrefix("198.51.100.128/27"), "vpn", "US/Chicago", "consumer VPN exit"},
		{mustPrefix("198.51.100.160/27"), "vpn", "DE/Berlin", "consumer VPN exit"},
		{mustPrefix("198.51.100.192/26"), "tor", "DE/Berlin", "Tor exit relay"},
		{mustPrefix("192.0.2.0/26"), "corporate", "US/Austin", "employer VPN egress"},
		{mustPrefix("192.0.2.64/26"), "corporate", "GB/London", "employer office"},
		{mustPrefix("192.0.2.128/27"), "", "US/Chicago", "staffing agency office"},
		{mustPrefix("192.0.2.160/27"), "", "FR/Paris", "hotel network"},
		{mustPrefix("192.0.2.192/27"), "", "JP/Tokyo", "hotel network"},
		{mustPrefix("192.0.2.224/27"), "", "MX/Ciudad de México", "coworking network"},
	}
}

// Labels the scenarios expect intelligence to give the plan's ranges.
const (
	LabelAstrill   = "vpn:astrill"
	LabelHosting   = "hosting"
	LabelVPN       = "vpn"
	LabelTor       = "tor"
	LabelCorporate = "corporate"
)

// IntelLists returns the plan's labelled ranges as CIDR lists, by label.
func IntelLists() map[string][]netip.Prefix {
	out := make(map[string][]netip.Prefix)
	for _, b := range specialBlocks() {
		if b.label != "" {
			out[b.label] = append(out[b.label], b.prefix)
		}
	}
	return out
}

// intelFileName is the file WriteIntel writes a label's list to.
func intelFileName(label string) string {
	if label == LabelAstrill {
		return "vpn-astrill.txt"
	}
	return label + ".txt"
}

// WriteIntel writes the plan's CIDR lists (vpn-astrill.txt, hosting.txt,
// vpn.txt, tor.txt, corporate.txt: import each with its label) and
// geo-city.mmdb (a GeoIP2-City-layout database placing every block of the
// plan) into dir, and returns the paths written.
func WriteIntel(ctx context.Context, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write intel: %w", err)
	}
	var paths []string
	lists := IntelLists()
	for _, label := range []string{LabelAstrill, LabelHosting, LabelVPN, LabelTor, LabelCorporate} {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		var b strings.Builder
		fmt.Fprintf(&b, "# %s: synthetic ranges of ringer's scenario IP plan (RFC 5737 documentation space).\n", label)
		fmt.Fprintf(&b, "# Import with: ringer intel import --label %s %s\n", label, intelFileName(label))
		for _, p := range lists[label] {
			b.WriteString(p.String())
			b.WriteByte('\n')
		}
		path := filepath.Join(dir, intelFileName(label))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			return paths, fmt.Errorf("write intel %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	path := filepath.Join(dir, "geo-city.mmdb")
	f, err := os.Create(path)
	if err != nil {
		return paths, fmt.Errorf("write intel: %w", err)
	}
	if err := GeoMMDB(f); err != nil {
		f.Close()
		return paths, fmt.Errorf("write intel %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return paths, fmt.Errorf("write intel %s: %w", path, err)
	}
	return append(paths, path), nil
}

// GeoMMDB writes a MaxMind DB in the GeoIP2-City layout that geolocates
// every block of the synthetic IP plan: each place's residential IPv4 /22
// and IPv6 /48, and the special ranges (VPN exits, hosting, offices).
func GeoMMDB(w io.Writer) error {
	t, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            "GeoIP2-City",
		Description:             map[string]string{"en": "ringer synthetic IP plan (documentation ranges)"},
		Languages:               []string{"en"},
		IncludeReservedNetworks: true,
		RecordSize:              28,
		BuildEpoch:              1767225600, // 2026-01-01, so the file is reproducible
	})
	if err != nil {
		return err
	}
	places := newPlaces()
	byName := make(map[string]*place, len(places))
	insert := func(pfx netip.Prefix, p *place) error {
		n := &net.IPNet{IP: net.IP(pfx.Addr().AsSlice()), Mask: net.CIDRMask(pfx.Bits(), pfx.Addr().BitLen())}
		return t.Insert(n, cityRecord(p))
	}
	for _, p := range places {
		byName[p.Country+"/"+p.City] = p
		if err := insert(residentialV4(p), p); err != nil {
			return err
		}
		if err := insert(residentialV6(p), p); err != nil {
			return err
		}
	}
	for _, b := range specialBlocks() {
		p, ok := byName[b.place]
		if !ok {
			return fmt.Errorf("ip plan: block %s placed in unknown %q", b.prefix, b.place)
		}
		if err := insert(b.prefix, p); err != nil {
			return err
		}
	}
	_, err = t.WriteTo(w)
	return err
}

func cityRecord(p *place) mmdbtype.Map {
	m := mmdbtype.Map{
		"country": mmdbtype.Map{
			"iso_code": mmdbtype.String(p.Country),
			"names":    mmdbtype.Map{"en": mmdbtype.String(countryName(p.Country))},
		},
		"city": mmdbtype.Map{"names": mmdbtype.Map{"en": mmdbtype.String(p.City)}},
		"location": mmdbtype.Map{
			"latitude":        mmdbtype.Float64(p.Lat),
			"longitude":       mmdbtype.Float64(p.Lon),
			"accuracy_radius": mmdbtype.Uint16(50),
			"time_zone":       mmdbtype.String(p.TZ),
		},
	}
	return m
}

// residentialV4 is a place's IPv4 block: the idx-th /22 of 198.18.0.0/15.
func residentialV4(p *place) netip.Prefix {
	base := uint32(198)<<24 | uint32(18)<<16
	a := base + uint32(p.idx)*1024
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), 22)
}

// residentialV6 is a place's IPv6 block: 2001:db8:<idx+1>::/48.
func residentialV6(p *place) netip.Prefix {
	var b [16]byte
	b[0], b[1], b[2], b[3] = 0x20, 0x01, 0x0d, 0xb8
	b[4], b[5] = byte((p.idx+1)>>8), byte(p.idx+1)
	return netip.PrefixFrom(netip.AddrFrom16(b), 48)
}

// residentialIP returns the n-th residential address of a place: IPv4 while
// the /22 lasts (skipping network and broadcast-looking ends), IPv6 after.
func residentialIP(p *place, n uint32) string {
	if n < 1000 {
		a := residentialV4(p).Addr().As4()
		v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
		v += 10 + n
		return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
	}
	b := residentialV6(p).Addr().As16()
	n -= 1000
	b[6], b[7] = byte(n>>24), byte(n>>16)
	b[8], b[9] = byte(n>>8), byte(n)
	b[15] = 1
	return netip.AddrFrom16(b).String()
}

// blockIP returns the i-th host address of a special block.
func blockIP(b netBlock, i int) string {
	a := b.prefix.Addr()
	size := 1 << (a.BitLen() - b.prefix.Bits())
	off := 1 + i%(size-2)
	for ; off > 0; off-- {
		a = a.Next()
	}
	return a.String()
}
