package ofac

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t testing.TB) Files {
	t.Helper()
	read := func(n string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "ofac", n))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return Files{Primary: read("sdn.csv"), Addresses: read("add.csv"), Aliases: read("alt.csv"), Comments: read("sdn_comments.csv")}
}

func TestRead(t *testing.T) {
	l, err := Read(context.Background(), fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "us_ofac_sdn" || len(l.Entities) != 6 {
		t.Fatalf("got list %s with %d entries, want us_ofac_sdn with 6", l.Name, len(l.Entities))
	}
	by := map[string]int{}
	for i, e := range l.Entities {
		by[e.ID] = i
	}
	li := l.Entities[by["28264"]]
	tests := []struct {
		what      string
		got, want any
	}{
		{"type", string(li.Type), "person"},
		{"programs", strings.Join(li.Programs, ","), "DPRK3,CYBER2"},
		{"birth date", li.BirthDates[0].String(), "1987-01-10"},
		{"nationality", li.Nationalities[0], "China"},
		{"wallets", len(li.Wallets), 2},
		{"wallet chain", li.Wallets[1].Chain, "ETH"},
		{"phone", li.Phones[0], "8613314257947"},
		{"document", li.Documents[0].Number + " " + li.Documents[0].Country, "210302198701102136 China"},
		{"weak alias", li.Aliases[0].Name + " " + li.Aliases[0].Strength, "blackjack1987 weak"},
		{"handle from alias", li.Handles[0], "blackjack1987"},
		{"address", li.Addresses[0].City, "Anshan, Liaoning"},
		{"kim aliases", len(l.Entities[by["12211"]].Aliases), 2},
		{"kim circa", l.Entities[by["12211"]].BirthCirca, true},
		{"kim dobs", len(l.Entities[by["12211"]].BirthDates), 2},
		{"komid weak alias", l.Entities[by["9345"]].Aliases[2].Name, "KOMID"},
		{"fka type", l.Entities[by["9345"]].Aliases[1].Type, "fka"},
		{"comments appended", strings.HasSuffix(l.Entities[by["27307"]].Remarks, "Continued remark for the group."), true},
		{"email", l.Entities[by["27307"]].Emails[0], "hidden.cobra@example.org"},
		{"website", l.Entities[by["26138"]].Websites[0], "www.enexchanger.com"},
		{"passport", l.Entities[by["26138"]].Documents[0].Number, "T14553558"},
		{"vessel", string(l.Entities[by["99001"]].Type), "vessel"},
		{"vessel flag", l.Entities[by["99001"]].Nationalities[0], "Korea, North"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.what, tc.got, tc.want)
		}
	}
}

func TestReadRefusesBrokenFiles(t *testing.T) {
	f := fixture(t)
	cut := f.Primary[:len(f.Primary)/2]
	tests := []struct {
		name    string
		files   Files
		wantErr string
	}{
		{"truncated inside a quoted field", Files{Primary: cut}, "sdn.csv line"},
		{"empty", Files{Primary: []byte("  \n")}, "empty file"},
		{"wrong column count", Files{Primary: []byte("1,\"A\",\"individual\"\n")}, "want 12 fields"},
		{"id not a number", Files{Primary: []byte(`x,"A",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\n")}, "not a number"},
		{"truncated aliases", Files{Primary: f.Primary, Aliases: f.Aliases[:len(f.Aliases)-20]}, "alt.csv line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"25 Mar 1977", "1977-03-25"},
		{"Mar 1977", "1977-03"},
		{"1977", "1977"},
		{"1975 to 1977", "1975 1976 1977"},
		{"circa", ""},
	}
	for _, tc := range tests {
		var got []string
		for _, d := range parseDates(tc.in) {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("parseDates(%q) = %v, want %s", tc.in, got, tc.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	fx := fixture(f)
	f.Add(fx.Primary, fx.Aliases)
	f.Add([]byte("1,\"A, B\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1 Jan 1980; a.k.a. 'x'\"\n"), []byte("1,2,\"aka\",\"C\",-0- \n"))
	f.Fuzz(func(t *testing.T, primary, aliases []byte) {
		l, err := Read(context.Background(), Files{Primary: primary, Aliases: aliases})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for _, e := range l.Entities {
			if e.ID == "" || e.Name == "" {
				t.Fatalf("entry without id or name: %+v", e)
			}
		}
	})
}

func ExampleRead() {
	sdn := []byte(`28264,"LI, Jiadong","individual","DPRK3] [CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 10 Jan 1987; Digital Currency Address - XBT 1EfMVkxQQuZfBdocpJu6RUsCJvenQWbQyE."` + "\n")
	l, err := Read(context.Background(), Files{Primary: sdn})
	if err != nil {
		panic(err)
	}
	e := l.Entities[0]
	fmt.Println(e.ID, e.Name, e.Programs, e.BirthDates[0], e.Wallets[0].Chain, e.Wallets[0].Address)
	// Output: 28264 LI, Jiadong [DPRK3 CYBER2] 1987-01-10 XBT 1EfMVkxQQuZfBdocpJu6RUsCJvenQWbQyE
}
