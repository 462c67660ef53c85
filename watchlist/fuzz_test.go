package watchlist

import (
	"context"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes under each kind of file name through
// format detection and the readers: every input is read or refused with a
// message, never a panic.
func FuzzParse(f *testing.F) {
	for _, fl := range fixtureFiles(f) {
		f.Add(fl.Name, fl.Data)
	}
	f.Add("list.csv", []byte("name,email\nA B,a@b.c\n"))
	f.Add("x.json", []byte(`{"type":"bundle","objects":[]}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		refs, lists, err := Parse(context.Background(), []File{{Name: name, Data: data}})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if len(refs) != len(lists) || len(refs) == 0 {
			t.Fatalf("%d references for %d lists", len(refs), len(lists))
		}
		ix := NewIndex(lists, nil)
		for i := range ix.entities {
			ix.Search(Query{Name: ix.entities[i].Name})
		}
	})
}

// FuzzIdentifiers checks the identifier normalisers: canonical forms are
// stable (normalising twice changes nothing) and never carry spaces.
func FuzzIdentifiers(f *testing.F) {
	for _, s := range []string{"Dev.Persona@Example.NET", "+1 (415) 555-0199", "8613314257947",
		"0x7F19720A857F834887FC9A7bC0a0fBe7Fc7f8102", "1EfMVkxQQuZfBdocpJu6RUsCJvenQWbQyE",
		"https://www.example.com/path", "github:Quantum-Dev-Ops", "203.0.113.77", "PD 381420105"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, fn := range map[string]func(string) string{
			"email": canonicalEmail, "domain": canonicalDomain, "handle": canonicalHandle,
			"ip": canonicalIP, "document": canonicalDocument,
			"phone":  func(v string) string { return canonicalPhone(v, "") },
			"wallet": func(v string) string { return canonicalWallet("", v) },
		} {
			c := fn(s)
			if name == "document" || name == "ip" || name == "domain" {
				if c != "" && fn(c) != c {
					t.Fatalf("%s(%q) = %q but %s(%q) = %q", name, s, c, name, c, fn(c))
				}
			}
			if name == "document" && strings.ContainsAny(c, " \t\n") {
				t.Fatalf("%s(%q) = %q has white space", name, s, c)
			}
		}
	})
}
