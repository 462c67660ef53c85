package csvlist

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "csv", "team-list.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRead(t *testing.T) {
	l, err := Read(context.Background(), "team-list", fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 3 {
		t.Fatalf("got %d entries, want 3", len(l.Entities))
	}
	moore, ind, org := l.Entities[0], l.Entities[1], l.Entities[2]
	tests := []struct {
		what      string
		got, want any
	}{
		{"id", moore.ID, "t-1"},
		{"aliases", len(moore.Aliases), 2},
		{"birth date", moore.BirthDates[0].String(), "1991-04-12"},
		{"wallet chain", moore.Wallets[0].Chain, "ETH"},
		{"handle", moore.Handles[0], "github:dmoore-dev"},
		{"indicator", string(ind.Type), "indicator"},
		{"indicator domain", ind.Websites[0], "payroll-helper.example"},
		{"org", string(org.Type), "organization"},
		{"note", org.Remarks, "front company"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.what, tc.got, tc.want)
		}
	}
}

func TestReadRefusesBrokenFiles(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr string
	}{
		{"no known column", "a,b\n1,2\n", "header names none"},
		{"short row", "name,email\nA B,a@b.c\nC D\n", "line 3"},
		{"open quote", "name,email\n\"A B,a@b.c\n", "truncated"},
		{"bad date", "name,birth_date\nA B,1991-13-40\n", "birth_date"},
		{"bad type", "name,type\nA B,robot\n", "type"},
		{"empty", "name,email\n", "no entries"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), "x", []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(fixture(f))
	f.Add([]byte("name,aliases,wallet\nA,B;C,ETH:0x1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(context.Background(), "fuzz", data)
		if err != nil {
			return
		}
		for _, e := range l.Entities {
			if e.ID == "" {
				t.Fatalf("entry without an id: %+v", e)
			}
		}
	})
}

func ExampleRead() {
	list := "name,aliases,birth_date,email\nDaniel J. Moore,Dan Moore,1991-04-12,dan.moore.dev@example.com\n"
	l, err := Read(context.Background(), "team", []byte(list))
	if err != nil {
		panic(err)
	}
	e := l.Entities[0]
	fmt.Println(e.Name, e.Aliases[0].Name, e.BirthDates[0], e.Emails[0])
	// Output: Daniel J. Moore Dan Moore 1991-04-12 dan.moore.dev@example.com
}
