package intel

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	ringer "github.com/ringerhq/ringer"
)

func TestIPFromMMDB(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	refs := newMemRefs()
	files := []string{
		writeTemp(t, dir, "city.mmdb", testCityDB(t)),
		writeTemp(t, dir, "asn.mmdb", testASNDB(t)),
		writeTemp(t, dir, "anon.mmdb", testAnonDB(t)),
	}
	got, err := Import(ctx, refs, files, "")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, r := range got {
		names = append(names, r.Name)
		if r.Data != nil {
			t.Errorf("%s: Import returned Data", r.Name)
		}
		if r.Entries == 0 {
			t.Errorf("%s: Entries = 0", r.Name)
		}
	}
	want := []string{"mmdb:GeoIP2-City", "mmdb:GeoLite2-ASN", "mmdb:GeoIP-Anonymous-Plus"}
	if !slices.Equal(names, want) {
		t.Fatalf("names = %v, want %v", names, want)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ip   string
		want IPInfo
	}{
		{"192.0.2.10", IPInfo{Country: "US", RegisteredCountry: "US", City: "Austin", Located: true, Latitude: 30.27,
			Longitude: -97.74, AccuracyKM: 20, TimeZone: "America/Chicago", ASN: 64500, ASOrg: "Example Broadband"}},
		{"::ffff:192.0.2.10", IPInfo{Country: "US", RegisteredCountry: "US", City: "Austin", Located: true, Latitude: 30.27,
			Longitude: -97.74, AccuracyKM: 20, TimeZone: "America/Chicago", ASN: 64500, ASOrg: "Example Broadband"}},
		{"198.51.100.1", IPInfo{Country: "KP", RegisteredCountry: "KP", City: "Pyongyang", Located: true, Latitude: 39.03,
			Longitude: 125.75, AccuracyKM: 100, TimeZone: "Asia/Pyongyang"}},
		{"2001:db8:1::5", IPInfo{Country: "DE", RegisteredCountry: "DE", City: "Berlin", Located: true, Latitude: 52.52,
			Longitude: 13.40, AccuracyKM: 50, TimeZone: "Europe/Berlin"}},
		{"203.0.113.5", IPInfo{ASN: 64511, ASOrg: "Example Hosting", Anonymous: true, AnonymousVPN: true,
			AnonymizerProvider: "examplevpn", AnonymizerConfidence: 95}},
		{"203.0.113.200", IPInfo{ASN: 64511, ASOrg: "Example Hosting", Anonymous: true, Hosting: true}},
		// The Anonymous-Plus database maps ::/0 to {}: nothing known.
		{"100.64.0.1", IPInfo{}},
		{"2001:db8:ffff::1", IPInfo{}},
	}
	for _, tt := range tests {
		got := set.IP(netip.MustParseAddr(tt.ip))
		if !equalInfo(got, tt.want) {
			t.Errorf("IP(%s) =\n %+v\nwant\n %+v", tt.ip, got, tt.want)
		}
	}
	if !set.IP(netip.MustParseAddr("100.64.0.1")).IsZero() {
		t.Error("IsZero false for an unknown address")
	}
	if got := set.IP(netip.Addr{}); !got.IsZero() {
		t.Errorf("IP(invalid) = %+v", got)
	}
}

func equalInfo(a, b IPInfo) bool {
	return reflect.DeepEqual(a, b)
}

func TestIPRanges(t *testing.T) {
	ctx := context.Background()
	refs := newMemRefs()
	if _, err := Import(ctx, refs, []string{"testdata/lists/astrill.txt"}, "vpn:astrill"); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, refs, []string{"testdata/lists/corporate.txt"}, "corporate"); err != nil {
		t.Fatal(err)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ip     string
		labels []string
		vpn    bool
	}{
		{"192.0.2.77", []string{"vpn:astrill"}, true},
		{"::ffff:192.0.2.77", []string{"vpn:astrill"}, true},
		// Nested: the corporate /16 contains the VPN /25.
		{"198.51.100.5", []string{"corporate", "vpn:astrill"}, true},
		{"198.51.100.200", []string{"corporate"}, false},
		{"198.51.7.1", []string{"corporate"}, false},
		{"203.0.113.7", []string{"vpn:astrill"}, true},
		{"203.0.113.8", nil, false},
		{"203.0.113.129", []string{"vpn:astrill"}, true},
		{"2001:db8:a:1::1", []string{"corporate", "vpn:astrill"}, true},
		{"2001:db8:b::1", []string{"corporate"}, false},
		{"2001:db9::1", nil, false},
	}
	for _, tt := range tests {
		got := set.IP(netip.MustParseAddr(tt.ip))
		if !slices.Equal(got.Labels, tt.labels) || got.AnonymousVPN != tt.vpn || got.Anonymous != tt.vpn {
			t.Errorf("IP(%s): labels %v vpn %v, want %v %v", tt.ip, got.Labels, got.AnonymousVPN, tt.labels, tt.vpn)
		}
		if tt.labels != nil && !got.HasLabel("vpn") == slices.Contains(tt.labels, "vpn:astrill") {
			t.Errorf("IP(%s).HasLabel(vpn) disagrees with labels %v", tt.ip, got.Labels)
		}
	}
}

func TestASNList(t *testing.T) {
	ctx := context.Background()
	refs := newMemRefs()
	asn := writeTemp(t, t.TempDir(), "asn.mmdb", testASNDB(t))
	if _, err := Import(ctx, refs, []string{asn}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, refs, []string{"testdata/lists/vpn-asn.txt"}, "vpn:example"); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, refs, []string{"testdata/lists/astrill.txt"}, "vpn:astrill"); err != nil {
		t.Fatal(err)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ip     string
		labels []string
		vpn    bool
	}{
		{"203.0.113.100", []string{"vpn:example"}, true},              // AS64511 listed
		{"203.0.113.7", []string{"vpn:astrill", "vpn:example"}, true}, // both a CIDR and an ASN list
		{"192.0.2.1", []string{"vpn:astrill"}, true},                  // AS64500 not listed
		{"100.64.0.1", nil, false},
	}
	for _, tt := range tests {
		got := set.IP(netip.MustParseAddr(tt.ip))
		if !slices.Equal(got.Labels, tt.labels) || got.AnonymousVPN != tt.vpn {
			t.Errorf("IP(%s): labels %v vpn %v, want %v %v", tt.ip, got.Labels, got.AnonymousVPN, tt.labels, tt.vpn)
		}
	}
}

func TestLabelFlags(t *testing.T) {
	tests := []struct {
		label string
		want  IPInfo
	}{
		{"vpn", IPInfo{Anonymous: true, AnonymousVPN: true}},
		{"vpn:astrill", IPInfo{Anonymous: true, AnonymousVPN: true}},
		{"tor", IPInfo{Anonymous: true, TorExit: true}},
		{"tor:exit", IPInfo{Anonymous: true, TorExit: true}},
		{"tor:relay", IPInfo{}},
		{"proxy", IPInfo{Anonymous: true, PublicProxy: true}},
		{"residential-proxy", IPInfo{Anonymous: true, ResidentialProxy: true}},
		{"hosting", IPInfo{Hosting: true}},
		{"datacenter:aws", IPInfo{Hosting: true}},
		{"corporate", IPInfo{}},
		{"vpnish", IPInfo{}},
	}
	for _, tt := range tests {
		var got IPInfo
		labelFlags(tt.label).apply(&got)
		if !equalInfo(got, tt.want) {
			t.Errorf("label %q: %+v, want %+v", tt.label, got, tt.want)
		}
	}
}

func TestParseCIDRList(t *testing.T) {
	tests := []struct {
		file    string
		n       int
		wantErr string
	}{
		{"testdata/lists/astrill.txt", 5, ""},
		{"testdata/lists/corporate.txt", 2, ""},
		{"testdata/lists/bad-address.txt", 0, "bad-address.txt line 3: \"192.0.2.300\" is not an IP address"},
		{"testdata/lists/two-entries.txt", 0, "two-entries.txt line 1: \"192.0.2.0/24 vpn\" holds more than one entry"},
		{"testdata/lists/empty.txt", 0, "no CIDR prefix or IP address"},
		{"testdata/lists/mixed.txt", 0, "mixed.txt line 2: \"example.com\" is not an IP address"},
		{"testdata/lists/exit-addresses", 3, ""},
		{"testdata/lists/bad-exit-addresses", 0, "bad-exit-addresses line 2: \"192.0.2.300\" is not an IP address"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseCIDRList(tt.file, data)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.file, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(got) != tt.n {
			t.Errorf("%s: %d prefixes, %v; want %d", tt.file, len(got), err, tt.n)
		}
	}
	got, _ := parseCIDRList("x", []byte("10.1.2.3/8\n::ffff:10.0.0.0/104\n2001:db8::1\n"))
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::1/128")}
	if !slices.Equal(got, want) {
		t.Errorf("normalised prefixes %v, want %v", got, want)
	}
}

func TestImportDetect(t *testing.T) {
	dir := t.TempDir()
	city := writeTemp(t, dir, "GeoIP2-City.mmdb", testCityDB(t))
	broken := testCityDB(t)
	broken = broken[:len(broken)/3]
	brokenPath := writeTemp(t, dir, "truncated.mmdb", append(broken, mmdbMarker...))
	notMMDB := writeTemp(t, dir, "random.mmdb", []byte("\x00\x01\x02 not a database"))
	object := writeTemp(t, dir, "obj.json", []byte(`{"a": 1}`))
	tests := []struct {
		path, label string
		name        string // stored name, or
		wantErr     string // error substring
	}{
		{city, "", "mmdb:GeoIP2-City", ""},
		{brokenPath, "", "", "truncated.mmdb"},
		{notMMDB, "", "", "random.mmdb: not a source ringer reads"},
		{object, "", "", "obj.json: a JSON object is not a source"},
		{"testdata/lists/astrill.txt", "vpn:astrill", "cidr/vpn:astrill/astrill.txt", ""},
		{"testdata/lists/astrill.txt", "", "", "astrill.txt: a CIDR list needs a label"},
		{"testdata/lists/astrill.txt", "disposable", "", "label \"disposable\" is for e-mail domain lists"},
		{"testdata/lists/astrill.txt", "VPN", "", "use lower-case letters"},
		{"testdata/lists/astrill.txt", "vpn/x", "", "use lower-case letters"},
		{"testdata/lists/bad-address.txt", "vpn", "", "bad-address.txt line 3"},
		{"testdata/lists/vpn-asn.txt", "hosting", "asn/hosting/vpn-asn.txt", ""},
		{"testdata/lists/exit-addresses", "", "cidr/tor/exit-addresses", ""},
		{"testdata/lists/exit-addresses", "tor:exit", "cidr/tor:exit/exit-addresses", ""},
		{"testdata/lists/vpn-asn.txt", "", "", "an ASN list needs a label"},
		{"testdata/lists/bad-asn.txt", "vpn", "", "bad-asn.txt line 2: \"AS0\" is not an AS number"},
		{"testdata/domains/disposable-extra.txt", "", "domains/disposable/disposable-extra.txt", ""},
		{"testdata/domains/allowlist.txt", "", "domains/allow/allowlist.txt", ""},
		{"testdata/domains/disposable-extra.txt", "free", "domains/free/disposable-extra.txt", ""},
		{"testdata/domains/disposable-extra.txt", "hosting", "", "label \"hosting\" is not disposable"},
		{"testdata/domains/bad-domain.txt", "free", "", "bad-domain.txt line 2: \"bad_domain_\""},
		{"testdata/lolrmm/rmm_tools.json", "", "lolrmm/rmm_tools.json", ""},
		{"testdata/lolrmm/yaml", "", "lolrmm/yaml", ""},
		{"testdata/lolrmm/yaml/listy_rat.yml", "", "lolrmm/listy_rat.yml", ""},
		{"testdata/lolrmm/bad-category.json", "", "", "bad-category.json: tool 1: Odd: Category \"Game\" is neither RMM nor RAT"},
		{"testdata/ipkvm/indicators.yaml", "", "ipkvm/indicators.yaml", ""},
		{"testdata/ipkvm/bad-vid.yaml", "", "", "bad-vid.yaml: usb.Broken[0]: vid \"xyz1\""},
		{"testdata/no-such-file", "", "", "no-such-file"},
	}
	for _, tt := range tests {
		refs := newMemRefs()
		got, err := Import(context.Background(), refs, []string{tt.path}, tt.label)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Import(%s, %q): error %v, want %q", tt.path, tt.label, err, tt.wantErr)
			}
			if l, _ := refs.References(context.Background(), ReferenceKind); len(l) != 0 {
				t.Errorf("Import(%s, %q) failed but stored %d sources", tt.path, tt.label, len(l))
			}
			continue
		}
		if err != nil {
			t.Errorf("Import(%s, %q): %v", tt.path, tt.label, err)
			continue
		}
		if len(got) != 1 || got[0].Name != tt.name || got[0].Kind != ReferenceKind {
			t.Errorf("Import(%s, %q) = %+v, want name %s", tt.path, tt.label, got, tt.name)
		}
		if _, err := Load(context.Background(), refs); err != nil {
			t.Errorf("Load after importing %s: %v", tt.path, err)
		}
	}
}

// TestImportRefusedKeepsPrevious: a bad file is refused whole, and what
// was stored before stays in force.
func TestImportRefusedKeepsPrevious(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	refs := newMemRefs()
	good := writeTemp(t, dir, "exits.txt", []byte("192.0.2.0/24\n"))
	if _, err := Import(ctx, refs, []string{good}, "vpn"); err != nil {
		t.Fatal(err)
	}
	// The same file, now damaged, and a good second file in one call.
	bad := writeTemp(t, dir, "exits.txt", []byte("192.0.2.0/24\n198.51.100.0/33\n"))
	other := writeTemp(t, dir, "other.txt", []byte("203.0.113.0/24\n"))
	_, err := Import(ctx, refs, []string{other, bad}, "vpn")
	if err == nil || !strings.Contains(err.Error(), "exits.txt line 2: \"198.51.100.0/33\" is not a CIDR prefix") {
		t.Fatalf("error %v, want one naming exits.txt line 2", err)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	if !set.IP(netip.MustParseAddr("192.0.2.1")).AnonymousVPN {
		t.Error("the list stored before was lost")
	}
	if set.IP(netip.MustParseAddr("203.0.113.1")).AnonymousVPN {
		t.Error("a file of a refused import was stored")
	}
	// A bad MMDB under the name of a stored one is refused too.
	cityPath := writeTemp(t, dir, "city.mmdb", testCityDB(t))
	if _, err := Import(ctx, refs, []string{cityPath}, ""); err != nil {
		t.Fatal(err)
	}
	data := testCityDB(t)
	for i := 0; i < 200; i++ { // damage the search tree
		data[i] = 0xff
	}
	badCity := writeTemp(t, dir, "city2.mmdb", data)
	if _, err := Import(ctx, refs, []string{badCity}, ""); err == nil || !strings.Contains(err.Error(), "city2.mmdb") {
		t.Fatalf("damaged MMDB: error %v, want one naming city2.mmdb", err)
	}
	set, err = Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.IP(netip.MustParseAddr("192.0.2.1")).City; got != "Austin" {
		t.Errorf("City after refused import = %q, want the stored database's Austin", got)
	}
}

func TestImportStoreError(t *testing.T) {
	refs := newMemRefs()
	refs.failPut = "astrill"
	_, err := Import(context.Background(), refs, []string{"testdata/lists/astrill.txt"}, "vpn")
	if err == nil || !strings.Contains(err.Error(), "store cidr/vpn/astrill.txt") {
		t.Fatalf("error %v, want one naming the source", err)
	}
}

func TestLoadOrderAndSources(t *testing.T) {
	ctx := context.Background()
	refs := newMemRefs()
	if _, err := Import(ctx, refs, []string{"testdata/lolrmm/rmm_tools.json", "testdata/ipkvm/indicators.yaml",
		"testdata/domains/disposable-extra.txt", "testdata/lists/astrill.txt"}, ""); err == nil {
		t.Fatal("a CIDR list without a label was accepted")
	}
	if _, err := Import(ctx, refs, []string{"testdata/lolrmm/rmm_tools.json", "testdata/ipkvm/indicators.yaml",
		"testdata/domains/disposable-extra.txt"}, ""); err != nil {
		t.Fatal(err)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range set.Sources() {
		names = append(names, s.Name)
		if s.Entries == 0 {
			t.Errorf("%s: no entries", s.Name)
		}
	}
	want := []string{"builtin:remote-access-tools", "builtin:ip-kvm", "builtin:disposable-email", "builtin:free-email",
		"domains/disposable/disposable-extra.txt", "ipkvm/indicators.yaml", "lolrmm/rmm_tools.json"}
	if !slices.Equal(names, want) {
		t.Errorf("sources %v, want %v", names, want)
	}
	if !set.EmailDomain("a@x.burner.example").Disposable {
		t.Error("imported disposable list not applied")
	}
	if _, ok := set.IPKVMHost("examplekvm.local"); !ok {
		t.Error("imported mDNS name not applied")
	}
	if tool, ok := set.RemoteAccessTool(ringer.Software{Name: "exremote.exe"}); !ok || tool.Source != "LOLRMM" {
		t.Errorf("imported tool: %+v %v", tool, ok)
	}
	// A damaged stored source is reported by name.
	ref, _ := refs.Reference(ctx, ReferenceKind, "lolrmm/rmm_tools.json")
	ref.Data = []byte("[{]")
	refs.PutReference(ctx, ref)
	if _, err := Load(ctx, refs); err == nil || !strings.Contains(err.Error(), "lolrmm/rmm_tools.json") {
		t.Errorf("Load of a damaged source: %v", err)
	}
}

func TestLabelFromName(t *testing.T) {
	for name, want := range map[string]string{"cidr/vpn:astrill/a.txt": "vpn:astrill", "domains/free/x": "free", "cidr//x": "", "cidr": ""} {
		got, ok := labelFromName(name)
		if got != want || ok != (want != "") {
			t.Errorf("labelFromName(%q) = %q, %v", name, got, ok)
		}
	}
	if err := checkLabel(strings.Repeat("a", 65)); err == nil {
		t.Error("65-byte label accepted")
	}
	_ = filepath.Join
}
