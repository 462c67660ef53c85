package intel

import (
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	ringer "github.com/ringerhq/ringer"
)

// addFileSeeds adds the content of testdata files to a fuzz corpus.
func addFileSeeds(f *testing.F, files ...string) {
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzCIDRList: any input is a list of valid prefixes or an error; the
// prefixes found build a table that finds each of them.
func FuzzCIDRList(f *testing.F) {
	addFileSeeds(f, "testdata/lists/astrill.txt", "testdata/lists/corporate.txt", "testdata/lists/bad-address.txt",
		"testdata/lists/exit-addresses", "testdata/lists/bad-exit-addresses")
	f.Add([]byte("::ffff:1.2.3.4/120\n1.2.3.4%eth0\nfe80::1%en0\n0.0.0.0/0\n::/0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pfxs, err := parseCIDRList("fuzz.txt", data)
		if err != nil {
			if len(pfxs) != 0 {
				t.Fatal("prefixes returned with an error")
			}
			return
		}
		var rb rangeBuilder
		if _, err := rb.addList("fuzz.txt", "vpn", data); err != nil {
			t.Fatal(err)
		}
		set := &Set{ranges: rb.build()}
		for _, p := range pfxs {
			if !p.IsValid() || p != p.Masked() || p.Addr().Is4In6() || p.Addr().Zone() != "" {
				t.Fatalf("bad prefix %v", p)
			}
			if info := set.IP(p.Addr()); !info.HasLabel("vpn") || !info.AnonymousVPN {
				t.Fatalf("%v not found in its own list: %+v", p, info)
			}
		}
	})
}

// FuzzASNList: an ASN list parses to non-zero numbers or is refused.
func FuzzASNList(f *testing.F) {
	addFileSeeds(f, "testdata/lists/vpn-asn.txt", "testdata/lists/bad-asn.txt")
	f.Add([]byte("AS4294967295\nAS4294967296\nas-1\nAS+5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		asns, err := parseASNList("fuzz.txt", data)
		if err != nil {
			return
		}
		var ab asnBuilder
		if _, err := ab.addList("fuzz.txt", "hosting", data); err != nil {
			t.Fatal(err)
		}
		m := ab.build()
		for _, a := range asns {
			if a == 0 || m[a] == nil || !slices.Contains(m[a].labels, "hosting") {
				t.Fatalf("AS%d not in its own list", a)
			}
		}
	})
}

// FuzzDomainList: a domain list parses to clean domains or is refused.
func FuzzDomainList(f *testing.F) {
	addFileSeeds(f, "testdata/domains/disposable-extra.txt", "testdata/domains/bad-domain.txt")
	f.Add([]byte("xn--bcher-kva.example\n*.a.b\n@c.d\n1.2.3.4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := parseDomainList("fuzz.txt", data)
		if err != nil {
			return
		}
		d := newDomainLists()
		d.addDomains(LabelDisposable, ds)
		set := &Set{domains: d}
		for _, x := range ds {
			if c, err := cleanDomain(x); err != nil || c != x {
				t.Fatalf("domain %q not clean: %q %v", x, c, err)
			}
			if !set.EmailDomain("a@" + x).Disposable {
				t.Fatalf("%q not found in its own list", x)
			}
		}
	})
}

// FuzzLOLRMMJSON: the LOLRMM reader refuses or returns named tools, and
// the catalogue built from them matches without panicking.
func FuzzLOLRMMJSON(f *testing.F) {
	addFileSeeds(f, "testdata/lolrmm/rmm_tools.json", "testdata/lolrmm/bad-category.json")
	f.Add([]byte(`[{"Name":"x","Category":"rat","Details":{"PEMetadata":[{"Filename":"*"}],"InstallationPaths":["*","%a%","$","~"]}}]`))
	f.Add([]byte(`[{"Name":"y","Category":"RMM","Details":{"PEMetadata":"str"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tools, err := parseLOLRMMJSON("fuzz.json", data)
		if err != nil {
			return
		}
		c := newToolCatalogue()
		c.add(tools)
		for _, tl := range tools {
			if tl.Name == "" || (tl.Category != CategoryRMM && tl.Category != CategoryRAT) {
				t.Fatalf("bad tool %+v", tl)
			}
			for _, e := range tl.Executables {
				_, ok := c.match(ringer.Software{Name: e, Path: e})
				k := normExe(e)
				if k != "" && !genericExecutables[k] && !strings.Contains(k, "*") && !ok {
					t.Fatalf("executable %q of %q not matched", e, tl.Name)
				}
			}
			for _, p := range tl.Paths {
				c.match(ringer.Software{Path: p})
			}
		}
	})
}

// FuzzIPKVMWatch: the ipkvm-watch reader refuses or returns valid ids.
func FuzzIPKVMWatch(f *testing.F) {
	addFileSeeds(f, "testdata/ipkvm/indicators.yaml", "testdata/ipkvm/bad-vid.yaml")
	f.Add([]byte("usb:\n  a:\n    - vid: 0x1\n      pid: 2\nnetwork:\n  mdns:\n    a: [x.local]\n"))
	f.Add([]byte("usb: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := parseIPKVMWatch("fuzz.yaml", data)
		if err != nil {
			return
		}
		c := newKVMCatalogue()
		c.add(es)
		for _, e := range es {
			for _, u := range e.USB {
				if !isHex4(u.vid) || !isHex4(u.pid) {
					t.Fatalf("bad id %v", u)
				}
				if _, ok := c.match(ringer.USBDevice{VendorID: u.vid, ProductID: u.pid}); !ok {
					t.Fatalf("%v not matched by its own catalogue", u)
				}
			}
		}
	})
}

// FuzzMMDB: arbitrary bytes are refused or open as a database whose
// lookups do not panic. The seeds are small valid databases.
func FuzzMMDB(f *testing.F) {
	f.Add(testCityDB(f))
	f.Add(testASNDB(f))
	f.Add(testAnonDB(f))
	f.Add(append([]byte("\x00\x00\x00\x00"), mmdbMarker...))
	addrs := []netip.Addr{netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("203.0.113.200"),
		netip.MustParseAddr("2001:db8:1::1"), netip.MustParseAddr("0.0.0.0")}
	f.Fuzz(func(t *testing.T, data []byte) {
		db, err := openGeoDB("fuzz.mmdb", data, true)
		if err != nil {
			return
		}
		set := &Set{geo: []*geoDB{db}}
		for _, a := range addrs {
			set.IP(a)
		}
	})
}

// FuzzDetect: whatever a file holds (gzip and tar included), format
// detection and validation refuse it with an error or accept it; they
// never panic.
func FuzzDetect(f *testing.F) {
	addFileSeeds(f, "testdata/lists/astrill.txt", "testdata/lolrmm/rmm_tools.json", "testdata/ipkvm/indicators.yaml",
		"testdata/lolrmm/yaml/example_remote.yaml", "testdata/domains/allowlist.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"list.txt", "cat.yaml"} {
			for _, label := range []string{"", "vpn", "disposable"} {
				refs, err := fromBytes(name, name, data, label, time.Time{})
				if err != nil {
					continue
				}
				for _, ref := range refs {
					b := newBuilder()
					b.validate = true
					_ = b.add(name, ref)
				}
			}
		}
	})
}
