package intel

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
)

// syntheticRanges builds CIDR lists the size of the public VPN, hosting and
// Tor lists (about 55,000 networks) from a fixed seed.
func syntheticRanges(b *testing.B) *Set {
	b.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var rb rangeBuilder
	for _, l := range []struct {
		label string
		n     int
	}{{"vpn", 11000}, {"hosting", 42000}, {"tor", 1700}} {
		var sb strings.Builder
		for range l.n {
			if r.IntN(10) == 0 {
				a := [16]byte{0x20, 0x01, 0x0d, 0xb8}
				for i := 4; i < 8; i++ {
					a[i] = byte(r.IntN(256))
				}
				fmt.Fprintf(&sb, "%s/%d\n", netip.AddrFrom16(a), 32+r.IntN(33))
				continue
			}
			a := netip.AddrFrom4([4]byte{byte(1 + r.IntN(223)), byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256))})
			fmt.Fprintf(&sb, "%s/%d\n", a, 12+r.IntN(21))
		}
		if _, err := rb.addList(l.label, l.label, []byte(sb.String())); err != nil {
			b.Fatal(err)
		}
	}
	return &Set{ranges: rb.build()}
}

// randomAddrs returns n addresses, 90% IPv4, from a fixed seed.
func randomAddrs(n int) []netip.Addr {
	r := rand.New(rand.NewPCG(3, 4))
	out := make([]netip.Addr, n)
	for i := range out {
		if r.IntN(10) == 0 {
			a := [16]byte{0x20, 0x01, 0x0d, 0xb8}
			for j := 4; j < 16; j++ {
				a[j] = byte(r.IntN(256))
			}
			out[i] = netip.AddrFrom16(a)
			continue
		}
		out[i] = netip.AddrFrom4([4]byte{byte(1 + r.IntN(223)), byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256))})
	}
	return out
}

// BenchmarkIP measures Set.IP over the CIDR prefix table alone (no MMDB):
// the figure the lookup budget of 5 million per second is about.
func BenchmarkIP(b *testing.B) {
	set := syntheticRanges(b)
	addrs := randomAddrs(1 << 16)
	b.ReportAllocs()
	b.ResetTimer()
	hits := 0
	for i := 0; b.Loop(); i++ {
		if len(set.IP(addrs[i&(len(addrs)-1)]).Labels) > 0 {
			hits++
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	_ = hits
}

// BenchmarkIPPublicLists is BenchmarkIP on the real X4BNet VPN and
// datacenter lists and the Tor exit list (needs RINGER_DATA).
func BenchmarkIPPublicLists(b *testing.B) {
	x4b := dataDir(b, "ipranges/x4bnet/output")
	tor := dataDir(b, "ipranges/tor/tor-exit-nodes.lst")
	refs := newMemRefs()
	ctx := b.Context()
	for _, imp := range []struct {
		files []string
		label string
	}{
		{[]string{filepath.Join(x4b, "vpn/ipv4.txt"), filepath.Join(x4b, "vpn/ipv6.txt")}, "vpn"},
		{[]string{filepath.Join(x4b, "datacenter/ipv4.txt"), filepath.Join(x4b, "datacenter/ipv6.txt")}, "hosting"},
		{[]string{tor}, "tor"},
	} {
		if _, err := Import(ctx, refs, imp.files, imp.label); err != nil {
			b.Fatal(err)
		}
	}
	set, err := Load(ctx, refs)
	if err != nil {
		b.Fatal(err)
	}
	addrs := randomAddrs(1 << 16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		set.IP(addrs[i&(len(addrs)-1)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

// BenchmarkIPMMDB measures Set.IP against MaxMind's City, ASN and
// Anonymous-IP test databases (needs RINGER_DATA), the MMDB path.
func BenchmarkIPMMDB(b *testing.B) {
	dir := dataDir(b, "mmdb/test-data")
	refs := newMemRefs()
	if _, err := Import(b.Context(), refs, []string{filepath.Join(dir, "GeoIP2-City-Test.mmdb"),
		filepath.Join(dir, "GeoLite2-ASN-Test.mmdb"), filepath.Join(dir, "GeoIP2-Anonymous-IP-Test.mmdb")}, ""); err != nil {
		b.Fatal(err)
	}
	set, err := Load(b.Context(), refs)
	if err != nil {
		b.Fatal(err)
	}
	// Addresses the databases know, so that every lookup decodes records.
	var addrs []netip.Addr
	for _, s := range []string{"81.2.69.142", "2.125.160.216", "89.160.20.112", "216.160.83.56", "67.43.156.1",
		"175.16.199.1", "1.128.0.1", "12.81.92.1", "2001:218::1", "214.78.120.1", "149.101.100.1", "127.0.0.1"} {
		addrs = append(addrs, netip.MustParseAddr(s))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		set.IP(addrs[i%len(addrs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

// BenchmarkRemoteAccessTool measures matching one program against the
// built-in catalogue, answered from memory and matched afresh.
func BenchmarkRemoteAccessTool(b *testing.B) {
	set := Default()
	sw := []struct{ name, path string }{
		{"Google Chrome", `C:\Program Files\Google\Chrome\Application\chrome.exe`},
		{"Microsoft Teams", `C:\Users\kim\AppData\Local\Microsoft\Teams\current\Teams.exe`},
		{"AnyDesk", `C:\Program Files (x86)\AnyDesk\AnyDesk.exe`},
		{"Visual Studio Code", "/Applications/Visual Studio Code.app/Contents/MacOS/Electron"},
	}
	b.Run("remembered", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			s := sw[i%len(sw)]
			set.RemoteAccessTool(softwareOf(s.name, s.path))
		}
	})
	b.Run("first-time", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			s := sw[i%len(sw)]
			set.tools.match(softwareOf(s.name, s.path))
		}
	})
}

// BenchmarkLoad measures building a Set from a store holding the public
// VPN, datacenter and Tor lists, LOLRMM, ipkvm-watch, the disposable
// domain list and MaxMind's City, ASN and Anonymous-IP test databases:
// the start-up cost of screen and serve (needs RINGER_DATA).
func BenchmarkLoad(b *testing.B) {
	x4b := dataDir(b, "ipranges/x4bnet/output")
	cat := dataDir(b, "catalogues")
	mm := dataDir(b, "mmdb/test-data")
	tor := dataDir(b, "ipranges/tor/tor-exit-nodes.lst")
	refs := newMemRefs()
	ctx := b.Context()
	for _, imp := range []struct {
		files []string
		label string
	}{
		{[]string{filepath.Join(x4b, "vpn/ipv4.txt"), filepath.Join(x4b, "vpn/ipv6.txt")}, "vpn"},
		{[]string{filepath.Join(x4b, "datacenter/ipv4.txt"), filepath.Join(x4b, "datacenter/ipv6.txt")}, "hosting"},
		{[]string{tor}, "tor"},
		{[]string{filepath.Join(cat, "lolrmm/rmm_tools.json"), filepath.Join(cat, "ipkvm-watch/indicators.yaml"),
			filepath.Join(cat, "disposable-email-domains/disposable_email_blocklist.conf"),
			filepath.Join(mm, "GeoIP2-City-Test.mmdb"), filepath.Join(mm, "GeoLite2-ASN-Test.mmdb"),
			filepath.Join(mm, "GeoIP2-Anonymous-IP-Test.mmdb")}, ""},
	} {
		if _, err := Import(ctx, refs, imp.files, imp.label); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(ctx, refs); err != nil {
			b.Fatal(err)
		}
	}
}
