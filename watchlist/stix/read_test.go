package stix

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "stix", "dprk-it-workers.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRead(t *testing.T) {
	l, err := Read(context.Background(), "dprk-it-workers", fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 5 {
		t.Fatalf("got %d entries, want 5 (the range pattern is skipped)", len(l.Entities))
	}
	var emails, handles, wallets, ips, domains, phones, names []string
	for _, e := range l.Entities {
		emails = append(emails, e.Emails...)
		handles = append(handles, e.Handles...)
		for _, w := range e.Wallets {
			wallets = append(wallets, w.Address)
		}
		ips = append(ips, e.IPs...)
		domains = append(domains, e.Websites...)
		phones = append(phones, e.Phones...)
		if e.Name != "" {
			names = append(names, e.Name+"/"+string(e.Type)+"/"+fmt.Sprint(len(e.Aliases)))
		}
	}
	tests := []struct{ what, got, want string }{
		{"emails", strings.Join(emails, ","), "dev.persona.1042@example.net"},
		{"handles", strings.Join(handles, ","), "github:quantum-dev-ops"},
		{"wallets", strings.Join(wallets, ","), "0x52908400098527886E0F7030069857D2E4169EE7"},
		{"ips", strings.Join(ips, ","), "203.0.113.77"},
		{"domains", strings.Join(domains, ","), "remote-dev-hire.example"},
		{"phones", strings.Join(phones, ","), "+1 (415) 555-0199"},
		{"names", strings.Join(names, ","), "Famous Chollima/organization/2"},
		{"file date", l.FileDate.Format("2006-01-02"), "2025-01-24"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.what, tc.got, tc.want)
		}
	}
}

func TestReadRefusesBrokenFiles(t *testing.T) {
	fx := fixture(t)
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"truncated", fx[:len(fx)/2], "truncated"},
		{"not a bundle", []byte(`{"type":"indicator"}`), `want "bundle"`},
		{"nothing usable", []byte(`{"type":"bundle","objects":[{"type":"malware","id":"malware--1"}]}`), "no indicator"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), "x", tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(fixture(f))
	f.Add([]byte(`{"type":"bundle","objects":[{"type":"indicator","pattern":"[email-addr:value = 'a\\'b@c.d']"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(context.Background(), "fuzz", data)
		if err != nil {
			return
		}
		if len(l.Entities) == 0 {
			t.Fatal("no error and no entries")
		}
	})
}

func ExampleRead() {
	bundle := `{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"indicator--1",
"pattern":"[email-addr:value = 'dev.persona@example.net'] OR [ipv4-addr:value = '203.0.113.7']","pattern_type":"stix"}]}`
	l, err := Read(context.Background(), "team-intel", []byte(bundle))
	if err != nil {
		panic(err)
	}
	fmt.Println(l.Entities[0].Emails, l.Entities[0].IPs)
	// Output: [dev.persona@example.net] [203.0.113.7]
}

// TestReadMutations feeds 5,000 deterministic byte mutations of the
// fixture to Read: each is read or refused with a message, never a panic.
// It complements FuzzRead, whose engine makes slow progress on this
// package.
func TestReadMutations(t *testing.T) {
	fx := fixture(t)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		b := append([]byte(nil), fx...)
		for range 1 + r.IntN(4) {
			b[r.IntN(len(b))] = byte(r.IntN(256))
		}
		if l, err := Read(context.Background(), "x", b); err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		} else if err == nil && len(l.Entities) == 0 {
			t.Fatal("no error and no entries")
		}
	}
}
