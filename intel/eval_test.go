package intel

import (
	"bufio"
	"context"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ringer "github.com/ringerhq/ringer"
)

// dataDir returns the public data directory (RINGER_DATA, default
// ../../shared/data from this package), skipping the test when it is
// absent unless RINGER_REQUIRE_DATA=1.
func dataDir(t testing.TB, sub string) string {
	t.Helper()
	dir := os.Getenv("RINGER_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	p := filepath.Join(dir, sub)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("RINGER_REQUIRE_DATA") == "1" {
			t.Fatalf("public data %s is required (RINGER_REQUIRE_DATA=1): %v", p, err)
		}
		t.Skipf("public data %s not available (set RINGER_DATA): %v", p, err)
	}
	return p
}

// TestEvalMaxMindTestDatabases imports MaxMind's own test databases and
// checks every lookup of EXAMPLES-verified-lookups.txt.
func TestEvalMaxMindTestDatabases(t *testing.T) {
	dir := dataDir(t, "mmdb")
	ctx := context.Background()
	refs := newMemRefs()
	var files []string
	for _, n := range []string{"GeoIP2-City-Test.mmdb", "GeoLite2-Country-Test.mmdb", "GeoLite2-ASN-Test.mmdb",
		"GeoIP2-Anonymous-IP-Test.mmdb", "GeoIP-Anonymous-Plus-Test.mmdb", "GeoIP2-Connection-Type-Test.mmdb", "GeoIP2-ISP-Test.mmdb"} {
		files = append(files, filepath.Join(dir, "test-data", n))
	}
	got, err := Import(ctx, refs, files, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files) {
		t.Fatalf("imported %d sources, want %d", len(got), len(files))
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "EXAMPLES-verified-lookups.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		ipStr, js, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		var want struct {
			CityCC    string         `json:"cityDB_cc"`
			City      string         `json:"city"`
			LiteCC    string         `json:"liteCountry_cc"`
			ASN       []any          `json:"asn"`
			ISP       string         `json:"isp"`
			ISPASN    uint32         `json:"isp_asn"`
			Conn      string         `json:"conn"`
			AnonFlags []string       `json:"anon_flags"`
			AnonPlus  map[string]any `json:"anon_plus"`
		}
		if err := json.Unmarshal([]byte(js), &want); err != nil {
			t.Fatalf("%s: %v", ipStr, err)
		}
		info := set.IP(netip.MustParseAddr(ipStr))
		n++
		wantCC := want.CityCC
		if wantCC == "" {
			wantCC = want.LiteCC
		}
		if info.Country != wantCC {
			t.Errorf("%s: Country = %q, want %q", ipStr, info.Country, wantCC)
		}
		if info.City != want.City {
			t.Errorf("%s: City = %q, want %q", ipStr, info.City, want.City)
		}
		wantASN := want.ISPASN
		if len(want.ASN) == 2 {
			wantASN = uint32(want.ASN[0].(float64))
			org, _ := want.ASN[1].(string)
			if org != "" && info.ASOrg != org {
				t.Errorf("%s: ASOrg = %q, want %q", ipStr, info.ASOrg, org)
			}
		}
		if info.ASN != wantASN {
			t.Errorf("%s: ASN = %d, want %d", ipStr, info.ASN, wantASN)
		}
		if info.ISP != want.ISP {
			t.Errorf("%s: ISP = %q, want %q", ipStr, info.ISP, want.ISP)
		}
		if info.ConnectionType != want.Conn {
			t.Errorf("%s: ConnectionType = %q, want %q", ipStr, info.ConnectionType, want.Conn)
		}
		flags := map[string]bool{}
		for _, fl := range want.AnonFlags {
			flags[fl] = true
		}
		for k, v := range want.AnonPlus {
			if b, ok := v.(bool); ok && b {
				flags[k] = true
			}
		}
		for name, got := range map[string]bool{"is_anonymous": info.Anonymous, "is_anonymous_vpn": info.AnonymousVPN,
			"is_hosting_provider": info.Hosting, "is_public_proxy": info.PublicProxy,
			"is_residential_proxy": info.ResidentialProxy, "is_tor_exit_node": info.TorExit} {
			if got != flags[name] {
				t.Errorf("%s: %s = %v, want %v", ipStr, name, got, flags[name])
			}
		}
		if p, _ := want.AnonPlus["provider_name"].(string); info.AnonymizerProvider != p {
			t.Errorf("%s: AnonymizerProvider = %q, want %q", ipStr, info.AnonymizerProvider, p)
		}
		if c, _ := want.AnonPlus["anonymizer_confidence"].(float64); info.AnonymizerConfidence != int(c) {
			t.Errorf("%s: AnonymizerConfidence = %d, want %v", ipStr, info.AnonymizerConfidence, c)
		}
		if js == "{}" && !info.IsZero() {
			t.Errorf("%s: want nothing known, got %+v", ipStr, info)
		}
	}
	if n < 25 {
		t.Fatalf("checked %d verified lookups, want the file's 29", n)
	}
	t.Logf("checked %d verified lookups", n)
}

// TestEvalIPRanges imports the X4BNet VPN and datacenter lists and the Tor
// exit list, and checks their entries are found with their labels.
func TestEvalIPRanges(t *testing.T) {
	x4b := dataDir(t, "ipranges/x4bnet/output")
	tor := dataDir(t, "ipranges/tor/tor-exit-nodes.lst")
	ctx := context.Background()
	refs := newMemRefs()
	if _, err := Import(ctx, refs, []string{filepath.Join(x4b, "vpn", "ipv4.txt"), filepath.Join(x4b, "vpn", "ipv6.txt")}, "vpn"); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, refs, []string{filepath.Join(x4b, "datacenter", "ipv4.txt"), filepath.Join(x4b, "datacenter", "ipv6.txt")}, "hosting"); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, refs, []string{tor}, "tor"); err != nil {
		t.Fatal(err)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, label string }{
		{filepath.Join(x4b, "vpn", "ipv4.txt"), "vpn"},
		{filepath.Join(x4b, "vpn", "ipv6.txt"), "vpn"},
		{filepath.Join(x4b, "datacenter", "ipv4.txt"), "hosting"},
		{tor, "tor"},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		pfxs, err := parseCIDRList(c.file, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pfxs {
			// First and last address of every network.
			last := p.Addr()
			for range (1 << (last.BitLen() - p.Bits())) - 1 {
				if p.Bits() < last.BitLen()-16 {
					break
				}
				last = last.Next()
			}
			for _, a := range []netip.Addr{p.Addr(), last} {
				info := set.IP(a)
				if !slices.Contains(info.Labels, c.label) {
					t.Fatalf("%s: %s: labels %v lack %q", c.file, a, info.Labels, c.label)
				}
			}
		}
		t.Logf("%s: %d networks found with label %q", filepath.Base(filepath.Dir(c.file))+"/"+filepath.Base(c.file), len(pfxs), c.label)
	}
	if info := set.IP(netip.MustParseAddr("192.0.2.1")); len(info.Labels) != 0 {
		t.Errorf("TEST-NET-1 address has labels %v", info.Labels)
	}
	// X4BNet's ASN lists, with MaxMind's ASN test database to map
	// addresses to ASNs.
	asnIn := dataDir(t, "ipranges/x4bnet/input")
	mm := dataDir(t, "mmdb/test-data/GeoLite2-ASN-Test.mmdb")
	got, err := Import(ctx, refs, []string{filepath.Join(asnIn, "vpn", "ASN.txt")}, "vpn")
	if err != nil || got[0].Entries != 15 {
		t.Fatalf("vpn/ASN.txt: %+v %v, want 15 entries", got, err)
	}
	if _, err := Import(ctx, refs, []string{filepath.Join(asnIn, "datacenter", "ASN.txt")}, "hosting"); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, refs, []string{mm}, ""); err != nil {
		t.Fatal(err)
	}
	if set, err = Load(ctx, refs); err != nil {
		t.Fatal(err)
	}
	// 1.128.0.1 is Telstra (AS1221) in the test database: no list has it.
	if info := set.IP(netip.MustParseAddr("1.128.0.1")); info.ASN != 1221 || info.Hosting || info.AnonymousVPN {
		t.Errorf("1.128.0.1: %+v", info)
	}
}

// TestEvalCatalogues imports the real LOLRMM and ipkvm-watch catalogues
// and the disposable-domain list.
func TestEvalCatalogues(t *testing.T) {
	lol := dataDir(t, "catalogues/lolrmm")
	kvm := dataDir(t, "catalogues/ipkvm-watch/indicators.yaml")
	dea := dataDir(t, "catalogues/disposable-email-domains")
	ctx := context.Background()
	for _, src := range []string{filepath.Join(lol, "rmm_tools.json"), filepath.Join(lol, "yaml")} {
		refs := newMemRefs()
		got, err := Import(ctx, refs, []string{src, kvm, filepath.Join(dea, "disposable_email_blocklist.conf")}, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range got {
			t.Logf("%s: %s, %d entries", src, r.Name, r.Entries)
		}
		set, err := Load(ctx, refs)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			sw   ringer.Software
			want string
		}{
			{ringer.Software{Name: "Action1 Agent", Path: `C:\Windows\Action1\action1_agent.exe`}, "Action1"},
			{ringer.Software{Name: "tacticalrmm.exe"}, "Tactical RMM"},
			{ringer.Software{Path: `C:\Program Files (x86)\Splashtop\Splashtop Remote\Server\SRServer.exe`}, "Splashtop"},
			{ringer.Software{Path: `C:\Program Files\TightVNC\tvnserver.exe`}, "TightVNC"},
			{ringer.Software{Name: "ngrok.exe"}, "ngrok"},
		} {
			tool, ok := set.RemoteAccessTool(c.sw)
			if !ok || !strings.HasPrefix(tool.Name, c.want) {
				t.Errorf("%s: RemoteAccessTool(%+v) = %+v, %v; want %s", src, c.sw, tool, ok, c.want)
			}
		}
		for _, sw := range benignSoftware {
			if tool, ok := set.RemoteAccessTool(sw); ok {
				t.Errorf("%s: RemoteAccessTool(%+v) = %+v, want no match", src, sw, tool)
			}
		}
		if k, ok := set.IPKVM(ringer.USBDevice{VendorID: "3346", ProductID: "1009"}); !ok || k.Confidence != ConfidenceHigh {
			t.Errorf("NanoKVM ids: %+v, %v", k, ok)
		}
		if !set.EmailDomain("someone@0-mail.com").Disposable {
			t.Errorf("0-mail.com not disposable after importing the blocklist")
		}
	}
}

// TestBuiltinDisposableInUpstream checks every built-in disposable domain
// is in the disposable-email-domains blocklist, as its citation says.
func TestBuiltinDisposableInUpstream(t *testing.T) {
	p := dataDir(t, "catalogues/disposable-email-domains/disposable_email_blocklist.conf")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	upstream, err := parseDomainList(p, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range builtinDisposableDomains {
		if !slices.Contains(upstream, d) {
			t.Errorf("built-in disposable domain %s is not in %s", d, p)
		}
	}
	for _, d := range builtinFreeDomains {
		if slices.Contains(upstream, d) {
			t.Errorf("built-in free domain %s is listed as disposable upstream", d)
		}
	}
}

// TestEvalAllMaxMindFixtures runs every database of MaxMind's test suite
// through Import: the layouts ringer reads import, the broken ones and
// other layouts are refused with an error naming the file, none panics.
func TestEvalAllMaxMindFixtures(t *testing.T) {
	dir := dataDir(t, "mmdb/test-data")
	files, err := filepath.Glob(filepath.Join(dir, "*.mmdb"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d fixtures, %v", len(files), err)
	}
	want := map[string]bool{ // file → imports
		"GeoIP-Anonymous-Plus-Test.mmdb": true, "GeoIP-Residential-Proxy-Test.mmdb": true,
		"GeoIP2-Anonymous-IP-Test.mmdb": true, "GeoIP2-City-Shield-Test.mmdb": true,
		"GeoIP2-City-Test.mmdb": true, "GeoIP2-Connection-Type-Test.mmdb": true,
		"GeoIP2-Country-Shield-Test.mmdb": true, "GeoIP2-Country-Test.mmdb": true,
		"GeoIP2-Enterprise-Shield-Test.mmdb": true, "GeoIP2-Enterprise-Test.mmdb": true,
		"GeoIP2-ISP-Test.mmdb": true, "GeoIP2-Precision-Enterprise-Shield-Test.mmdb": true,
		"GeoIP2-Precision-Enterprise-Test.mmdb": true, "GeoLite2-ASN-Test.mmdb": true,
		"GeoLite2-City-Test.mmdb": true, "GeoLite2-Country-Test.mmdb": true,
	}
	ctx := context.Background()
	all := newMemRefs()
	for _, f := range files {
		base := filepath.Base(f)
		_, err := Import(ctx, newMemRefs(), []string{f}, "")
		switch {
		case want[base] && err != nil:
			t.Errorf("%s refused: %v", base, err)
		case !want[base] && err == nil:
			t.Errorf("%s imported, want refused", base)
		case err != nil && !strings.Contains(err.Error(), base):
			t.Errorf("%s: error does not name the file: %v", base, err)
		}
		if want[base] {
			if _, err := Import(ctx, all, []string{f}, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	set, err := Load(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	// Residential-Proxy lists 1.2.0.4 (provider quickshift); its ::/0
	// catch-all must not mark everything.
	if info := set.IP(netip.MustParseAddr("1.2.0.4")); !info.ResidentialProxy {
		t.Errorf("1.2.0.4: %+v, want a residential proxy", info)
	}
	if info := set.IP(netip.MustParseAddr("127.0.0.1")); info.ResidentialProxy || info.Anonymous {
		t.Errorf("127.0.0.1: %+v, want nothing anonymous", info)
	}
	// Enterprise databases carry traits: ASN and connection type.
	if info := set.IP(netip.MustParseAddr("81.2.69.160")); info.ISP == "" {
		t.Errorf("81.2.69.160: %+v, want an ISP", info)
	}
}
