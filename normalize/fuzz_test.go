package normalize_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/synth"
)

func FuzzEmail(f *testing.F) {
	for _, s := range []string{"Dan.Moore.Dev+jobs@GoogleMail.com", "a@b.co", "x@y", "<a@b.c>", "mailto:q@w.er", "josé@exämple.de", "+@gmail.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := normalize.Email(s)
		if err != nil {
			return
		}
		// Canonical forms are fixed points.
		c2, err := normalize.Email(c)
		if err != nil || c2 != c {
			t.Fatalf("Email(%q) = %q, but Email(%q) = %q, %v", s, c, c, c2, err)
		}
		if normalize.EmailDomain(c) == "" {
			t.Fatalf("Email(%q) = %q has no domain", s, c)
		}
	})
}

func FuzzPhone(f *testing.F) {
	for _, s := range []string{"+1 (415) 555-0134", "020 7946 0958", "tel:+44-20", "00000", "+", "(415) 555-0134 ext 9"} {
		f.Add(s, "US")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, region string) {
		p, err := normalize.Phone(s, region)
		if err != nil {
			return
		}
		if !strings.HasPrefix(p.E164, "+") {
			t.Fatalf("Phone(%q, %q).E164 = %q, want a leading +", s, region, p.E164)
		}
		if !p.Valid {
			// libphonenumber formats numbers that fit no plan without
			// promising a fixed point ("000A000000000" in FI); Identifiers
			// does not key them.
			return
		}
		// A valid number's E.164 re-parses to itself.
		q, err := normalize.Phone(p.E164, "")
		if err != nil || q.E164 != p.E164 {
			t.Fatalf("Phone(%q) = %+v, but Phone(%q) = %+v, %v", s, p, p.E164, q, err)
		}
	})
}

func FuzzNormalizeAddress(f *testing.F) {
	for _, s := range []string{
		"88 Pine Rd, Apt 2, Hillsboro OR 97124, USA", "Flat 3, 12 High Street, Oxford, OX1 4AA",
		"5/12 George St, Sydney NSW 2000", "Hauptstraße 5, 10115 Berlin, Germany", "PO Box 1, x",
		"#, #, ,", "Postfach 10 01 23, 10115 Berlin", "Los Angeles, CA",
	} {
		f.Add(s, "", "")
	}
	f.Add("12 Oak St", "Austin", "TX")
	f.Fuzz(func(t *testing.T, raw, city, region string) {
		a := normalize.NormalizeAddress(ringer.Address{Raw: raw})
		b := normalize.NormalizeAddress(ringer.Address{Line1: raw, City: city, Region: region})
		for _, x := range []normalize.Address{a, b} {
			for _, s := range []string{x.Number, x.Street, x.Unit, x.City, x.Region, x.Postcode, x.Country} {
				if !utf8.ValidString(s) && utf8.ValidString(raw+city+region) {
					t.Fatalf("invalid UTF-8 %q from %q", s, raw)
				}
				if strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") || strings.Contains(s, "  ") {
					t.Fatalf("untrimmed field %q in %+v from %q", s, x, raw)
				}
			}
			if k := x.Key(); k != "" && x.Street == "" {
				t.Fatalf("Key %q without a street", k)
			}
		}
		if normalize.NormalizeAddress(ringer.Address{Raw: raw}) != a {
			t.Fatalf("NormalizeAddress(%q) is not deterministic", raw)
		}
	})
}

func FuzzNameTokens(f *testing.F) {
	for _, s := range []string{"José Müller", "Dr. Min-jun Kim Jr.", "Łukasz", "김민준", "O'Brien", "ＪＯＨＮ", "Mr", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := normalize.NameTokens(s)
		for _, tok := range toks {
			if tok == "" || strings.ContainsAny(tok, " \t\n-.,") {
				t.Fatalf("NameTokens(%q) = %q: bad token %q", s, toks, tok)
			}
		}
		// Folding the folded name changes nothing.
		if again := normalize.NameTokens(strings.Join(toks, " ")); !slices.Equal(again, toks) {
			t.Fatalf("NameTokens(%q) = %q, but again %q", s, toks, again)
		}
		_ = normalize.Name(ringer.Name{Full: s})
	})
}

func FuzzIBAN(f *testing.F) {
	for _, s := range []string{"GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "IBAN NO9386011117947", "XX00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := normalize.IBAN(s)
		if err != nil {
			return
		}
		if c2, err := normalize.IBAN(c); err != nil || c2 != c {
			t.Fatalf("IBAN(%q) = %q, but IBAN(%q) = %q, %v", s, c, c, c2, err)
		}
	})
}

func FuzzWallet(f *testing.F) {
	for _, s := range []string{"0x52908400098527886E0F7030069857D2E4169EE7", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
		"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "ltc1qxyz"} {
		f.Add("", s)
		f.Add("eth", s)
	}
	f.Fuzz(func(t *testing.T, network, s string) {
		c, chain, err := normalize.Wallet(network, s)
		if err != nil {
			return
		}
		if c2, chain2, err := normalize.Wallet(chain, c); err != nil || c2 != c || chain2 != chain {
			t.Fatalf("Wallet(%q, %q) = %q, %q, but Wallet(%q, %q) = %q, %q, %v", network, s, c, chain, chain, c, c2, chain2, err)
		}
	})
}

func FuzzBankAccount(f *testing.F) {
	f.Add("US", "021000021", "000123456789")
	f.Add("", "02100002x", "1")
	f.Add("GB", "20-00-00", "5577 9911")
	f.Fuzz(func(t *testing.T, country, routing, number string) {
		c, err := normalize.BankAccount(country, routing, number)
		if err != nil {
			return
		}
		rt, num, ok := strings.Cut(c, ":")
		if !ok || num == "" || strings.Trim(num, "0123456789") != "" || strings.Trim(rt, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			t.Fatalf("BankAccount(%q, %q, %q) = %q", country, routing, number, c)
		}
		if c2, err := normalize.BankAccount(country, rt, num); err != nil || c2 != c {
			t.Fatalf("BankAccount(%q, %q, %q) = %q, %v; want %q", country, rt, num, c2, err, c)
		}
	})
}

func FuzzDocument(f *testing.F) {
	f.Add("ssn", "US", "123-45-6789")
	f.Add("Driving Licence", "United Kingdom", "MORGA 753116 SM9IJ")
	f.Add("", "", "é")
	f.Fuzz(func(t *testing.T, typ, country, number string) {
		c := normalize.Document(typ, country, number)
		if c == "" {
			return
		}
		parts := strings.SplitN(c, ":", 3)
		if len(parts) != 3 || parts[2] == "" {
			t.Fatalf("Document(%q, %q, %q) = %q", typ, country, number, c)
		}
		if strings.ContainsAny(parts[2], " -./") {
			t.Fatalf("Document(%q, %q, %q) = %q keeps separators", typ, country, number, c)
		}
		if again := normalize.Document(typ, country, parts[2]); again != c {
			t.Fatalf("Document of the canonical number = %q, want %q", again, c)
		}
	})
}

func FuzzHandle(f *testing.F) {
	for _, s := range []string{"@DMoore-Dev", "https://github.com/dmoore-dev", "www.linkedin.com/in/x/", "https://t.me/", "%zz", "http://[::1"} {
		f.Add("github", s)
	}
	f.Fuzz(func(t *testing.T, site, s string) {
		h := normalize.Handle(site, s)
		if h != strings.ToLower(h) || strings.ContainsAny(h, " \t\n?#") {
			t.Fatalf("Handle(%q, %q) = %q", site, s, h)
		}
	})
}

func FuzzPublicIP(f *testing.F) {
	for _, s := range []string{"142.214.202.2", "::ffff:8.8.8.8", "10.0.0.1", "[2001:db8::1]:443", "fe80::1%eth0", "1.2.3.4:99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := normalize.PublicIP(s)
		if !ok {
			return
		}
		if c2, ok := normalize.PublicIP(c); !ok || c2 != c {
			t.Fatalf("PublicIP(%q) = %q, but PublicIP(%q) = %q, %v", s, c, c, c2, ok)
		}
	})
}

func FuzzBSSID(f *testing.F) {
	for _, s := range []string{"AA:BB:CC:DD:EE:01", "aabb.ccdd.ee01", "00:00:00:00:00:00", "zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := normalize.BSSID(s)
		if !ok {
			return
		}
		if len(c) != 17 {
			t.Fatalf("BSSID(%q) = %q", s, c)
		}
		if c2, ok := normalize.BSSID(c); !ok || c2 != c {
			t.Fatalf("BSSID(%q) = %q, but BSSID(%q) = %q, %v", s, c, c, c2, ok)
		}
	})
}

func FuzzCountry(f *testing.F) {
	for _, s := range []string{"US", "usa", "United States", "Deutschland", "Côte d’Ivoire", "840", "Россия", "zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := normalize.Country(s)
		if c == "" {
			return
		}
		if len(c) != 2 || c != strings.ToUpper(c) {
			t.Fatalf("Country(%q) = %q, want an alpha-2 code", s, c)
		}
		if again := normalize.Country(c); again != c {
			t.Fatalf("Country(%q) = %q, but Country(%q) = %q", s, c, c, again)
		}
	})
}

func FuzzIdentifiers(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "records.jsonl"))
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var c struct {
			Record json.RawMessage `json:"record"`
		}
		if json.Unmarshal([]byte(line), &c) == nil {
			f.Add([]byte(c.Record))
		}
	}
	f.Add([]byte(`{"event":"sign_in","record_id":"r","ip":"8.8.8.8","device_id":"d","wifi":{"bssid":"aa:bb:cc:dd:ee:ff"},"address":{"raw":"1 A St, B TX 75001"},"account":{"type":"iban","value":"GB82WEST12345698765432"}}`))
	k := normalize.NewKeyer([]byte("fuzz"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r ringer.Record
		if json.Unmarshal(data, &r) == nil {
			ids := normalize.Identifiers(k, &r)
			checkNormalize(t, k, &r, ids)
			seen := map[string]bool{}
			for _, id := range ids {
				if !strings.HasPrefix(id.Key, string(id.Kind)+":") || seen[id.Key] {
					t.Fatalf("identifier %+v: bad or repeated key", id)
				}
				seen[id.Key] = true
			}
			for _, p := range normalize.Problems(&r) {
				if p.Field == "" || p.Reason == "" {
					t.Fatalf("problem %+v lacks field or reason", p)
				}
			}
		}
		var e ringer.Event
		if json.Unmarshal(data, &e) == nil {
			for _, id := range normalize.EventIdentifiers(k, &e) {
				if !strings.HasPrefix(id.Key, string(id.Kind)+":") {
					t.Fatalf("event identifier %+v: bad key", id)
				}
			}
		}
	})
}

// checkNormalize holds Normalize to Identifiers, Email and NormalizeAddress.
func checkNormalize(t *testing.T, k *normalize.Keyer, r *ringer.Record, ids []ringer.Identifier) {
	t.Helper()
	n := normalize.Normalize(k, r)
	if !slices.Equal(n.Identifiers, ids) {
		t.Fatalf("Normalize gives identifiers %v, Identifiers %v", n.Identifiers, ids)
	}
	var emails []string
	for _, e := range r.Emails {
		if c, err := normalize.Email(e); err == nil {
			emails = append(emails, c)
		}
	}
	if !slices.Equal(n.Emails, emails) {
		t.Fatalf("Normalize gives e-mails %q, want %q", n.Emails, emails)
	}
	home := -1
	for i, a := range r.Addresses {
		if a.Use == "" || a.Use == "home" {
			home = i
			break
		}
	}
	if n.HomeIndex != home {
		t.Fatalf("Normalize gives home %d, want %d", n.HomeIndex, home)
	}
	if home >= 0 && n.Home != normalize.NormalizeAddress(r.Addresses[home]) {
		t.Fatalf("Normalize gives home address %+v, want %+v", n.Home, normalize.NormalizeAddress(r.Addresses[home]))
	}
}

// TestNormalizeSynth holds Normalize to its parts on synthetic people.
func TestNormalizeSynth(t *testing.T) {
	k := normalize.NewKeyer([]byte("test"))
	err := synth.Generate(context.Background(), synth.Options{N: 1000, Seed: 5},
		func(r *ringer.Record) error {
			checkNormalize(t, k, r, normalize.Identifiers(k, r))
			return nil
		}, nil, func(synth.Label) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
}
