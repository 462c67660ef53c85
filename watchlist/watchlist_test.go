package watchlist

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/names"
)

// fixtureFiles returns the hand-written list files under testdata.
func fixtureFiles(t testing.TB) []File {
	t.Helper()
	var paths []string
	for _, n := range ofacSDNFiles {
		paths = append(paths, filepath.Join("testdata", "ofac", n))
	}
	paths = append(paths, filepath.Join("testdata", "un", "consolidated.xml"),
		filepath.Join("testdata", "stix", "dprk-it-workers.json"),
		filepath.Join("testdata", "csv", "team-list.csv"))
	files, err := ReadFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func fixtureIndex(t testing.TB) (*Index, *memRefs) {
	t.Helper()
	ctx := context.Background()
	rs := newMemRefs()
	infos, err := Import(ctx, rs, fixtureFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 4 {
		t.Fatalf("imported %d lists, want 4: %+v", len(infos), infos)
	}
	ix, err := Load(ctx, rs)
	if err != nil {
		t.Fatal(err)
	}
	return ix, rs
}

func TestImportAndLoad(t *testing.T) {
	ix, _ := fixtureIndex(t)
	got := map[string]int{}
	for _, l := range ix.Lists() {
		got[l.Name] = l.Entries
	}
	want := map[string]int{"us_ofac_sdn": 6, "un_sc": 3, "dprk-it-workers": 5, "team-list": 3}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("list %s: %d entries, want %d (all: %v)", k, got[k], v, got)
		}
	}
}

func TestSearch(t *testing.T) {
	ix, _ := fixtureIndex(t)
	tests := []struct {
		query     Query
		wantEntry string // "" when no hit may reach the threshold
	}{
		{Query{Name: "Kim Yong Chol"}, "12211"},
		{Query{Name: "김영철"}, "12211"},
		{Query{Name: "Kim Young Chul", BirthDate: ringer.Date{Year: 1946}}, "12211"},
		{Query{Name: "LI Jiadong"}, "28264"},
		{Query{Name: "Li Jiadnog"}, "28264"}, // misspelled
		{Query{Name: "李家东"}, "28264"},
		{Query{Name: "Ri Che Son"}, "KPi.002"},
		{Query{Name: "Doku Umarov"}, "QDi.290"},
		{Query{Name: "Умаров Доку"}, "QDi.290"},
		{Query{Name: "Korea Mining Development Trading Corp", Kind: "organization"}, "9345"},
		{Query{Name: "Korea Minning Developement Trading", Kind: "organization"}, "9345"}, // misspelled
		{Query{Name: "Korea Ryongbong General Corp", Kind: "organization"}, "KPe.012"},
		{Query{Name: "Wise Honest", Kind: "vessel"}, "99001"},
		{Query{Name: "Jasper Sleet"}, "threat-actor--4f7e2c31-ad40-4f8a-8c6d-5e9131324d44"},
		{Query{Name: "Dan Moore"}, "t-1"},
		{Query{Name: "Kim Min-jun"}, ""},
		{Query{Name: "John Smith"}, ""},
		{Query{Name: "Pyongyang Trading Company", Kind: "organization"}, ""},
	}
	for _, tc := range tests {
		hits := ix.Search(tc.query)
		var top Hit
		if len(hits) > 0 {
			top = hits[0]
		}
		switch {
		case tc.wantEntry == "" && len(hits) > 0 && top.Score >= names.DefaultThreshold:
			t.Errorf("%+v: unexpected match %s %s: %s", tc.query, top.Entity.ID, top.Entity.Name, top.Why)
		case tc.wantEntry != "" && (len(hits) == 0 || top.Entity.ID != tc.wantEntry):
			t.Errorf("%+v: top hit %v, want %s", tc.query, describe(hits), tc.wantEntry)
		}
	}
}

func describe(hs []Hit) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Entity.ID + " " + h.Why + " | ")
	}
	return b.String()
}

func TestQualifiers(t *testing.T) {
	ix, _ := fixtureIndex(t)
	base := ix.Search(Query{Name: "Kim Yong Chol"})
	withDOB := ix.Search(Query{Name: "Kim Yong Chol", BirthDate: ringer.Date{Year: 1947}})
	wrongDOB := ix.Search(Query{Name: "Kim Yong Chol", BirthDate: ringer.Date{Year: 1990, Month: 5, Day: 1}, MinScore: 0.01})
	if len(base) == 0 || len(withDOB) == 0 || len(wrongDOB) == 0 {
		t.Fatalf("missing hits: %d %d %d", len(base), len(withDOB), len(wrongDOB))
	}
	if base[0].Score >= names.DefaultThreshold {
		t.Errorf("common name alone reaches the threshold: %s", base[0].Why)
	}
	if withDOB[0].Score < names.DefaultThreshold {
		t.Errorf("matching birth date does not confirm: %s", withDOB[0].Why)
	}
	if wrongDOB[0].Score >= base[0].Score {
		t.Errorf("contradicting birth date does not lower the score: %v >= %v", wrongDOB[0].Score, base[0].Score)
	}
}

func TestImportRefusesCorruptFileAndKeepsStoredList(t *testing.T) {
	ix, rs := fixtureIndex(t)
	before := ix.Len()
	ctx := context.Background()
	sdn, _ := os.ReadFile(filepath.Join("testdata", "ofac", "sdn.csv"))
	xml, _ := os.ReadFile(filepath.Join("testdata", "un", "consolidated.xml"))
	tests := []struct {
		name    string
		files   []File
		wantErr string
	}{
		{"truncated sdn.csv", []File{{Name: "sdn.csv", Data: sdn[:len(sdn)/3]}}, "sdn.csv line"},
		{"truncated UN XML", []File{{Name: "consolidated.xml", Data: xml[:len(xml)/2]}}, "truncated"},
		{"unknown format", []File{{Name: "notes.txt", Data: []byte("hello")}}, "unknown list format"},
		{"headerless CSV", []File{{Name: "x.csv", Data: []byte("1,2,3\n")}}, "without a header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Import(ctx, rs, tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "stored lists unchanged") {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
			after, err := Load(ctx, rs)
			if err != nil {
				t.Fatal(err)
			}
			if after.Len() != before {
				t.Fatalf("stored lists changed: %d entries, had %d", after.Len(), before)
			}
		})
	}
}

func TestDetector(t *testing.T) {
	ix, _ := fixtureIndex(t)
	d := NewDetector(ix, Options{})
	ok := true
	tests := []struct {
		name    string
		subject ringer.Subject
		want    []string // "code entry-prefix"
	}{
		{"clean applicant", ringer.Subject{Record: ringer.Record{ID: "r1", Name: ringer.Name{Full: "Kim Min-jun"},
			Emails: []string{"minjun.kim@example.com"}}}, nil},
		{"listed wallet in payroll change and e-mail", ringer.Subject{
			Record: ringer.Record{ID: "r2", Name: ringer.Name{Full: "Alex Turner"}, Emails: []string{"Dev.Persona.1042@example.net"}},
			Events: []ringer.Event{{Type: ringer.EventPayrollChange, RecordID: "r2",
				Account: &ringer.PayoutAccount{Type: "crypto", Network: "eth", Value: "0x7f19720a857f834887fc9a7bc0a0fbe7fc7f8102"}}}},
			[]string{CodeIdentifierMatch + " indicator--8e2e", CodeIdentifierMatch + " 28264"}},
		{"sign-in from listed IP, github handle, phone", ringer.Subject{
			Record: ringer.Record{ID: "r3", Name: ringer.Name{Given: "Sam", Family: "Lee"},
				Profiles: []ringer.Profile{{Site: "github", Handle: "Quantum-Dev-Ops"}},
				Phones:   []ringer.Phone{{Number: "(415) 555-0199"}}, Claimed: ringer.Claimed{Country: "US"}},
			Events: []ringer.Event{{Type: ringer.EventSignIn, RecordID: "r3", IP: "203.0.113.77"}}},
			[]string{CodeIdentifierMatch + " indicator--1c4b", CodeIdentifierMatch + " indicator--2d5c", CodeIdentifierMatch + " indicator--3e6d"}},
		{"listed name with matching birth date", ringer.Subject{Record: ringer.Record{ID: "r4",
			Name: ringer.Name{Full: "Kim Young-chul"}, BirthDate: ringer.Date{Year: 1946}}},
			[]string{CodeNameMatch + " 12211"}},
		{"listed name alone, common tokens", ringer.Subject{Record: ringer.Record{ID: "r5",
			Name: ringer.Name{Full: "Kim Yong Chol"}}}, nil},
		{"rare listed name", ringer.Subject{Record: ringer.Record{ID: "r6",
			Name: ringer.Name{Full: "Jiadong Li"}}}, []string{CodeNameMatch + " 28264"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sigs, err := d.Detect(context.Background(), &tc.subject)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range sigs {
				for _, k := range []string{"list", "entry", "score", "why"} {
					if _, ok := s.Evidence[k]; !ok {
						t.Errorf("signal %s lacks evidence %q", s.Code, k)
					}
				}
				if s.Indicator == "" {
					t.Errorf("signal %s cites no list", s.Code)
				}
				got = append(got, s.Code+" "+s.Evidence["entry"].(string))
				b, _ := json.Marshal(s)
				for _, raw := range []string{"dev.persona", "0x7f19", "203.0.113.77", "555-0199", "quantum"} {
					if strings.Contains(strings.ToLower(string(b)), raw) {
						t.Errorf("signal carries the raw identifier %q: %s", raw, b)
					}
				}
			}
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					found = found || strings.HasPrefix(g, w)
				}
				if !found {
					t.Errorf("want a signal %q, got %v", w, got)
					ok = false
				}
			}
			if tc.want == nil && len(got) > 0 {
				t.Errorf("want no signal, got %v", got)
			}
		})
	}
	_ = ok
}

func TestSearchHandler(t *testing.T) {
	ix, _ := fixtureIndex(t)
	srv := httptest.NewServer(NewSearchHandler(func() *Index { return ix }))
	defer srv.Close()
	tests := []struct {
		query     string
		status    int
		wantEntry string
	}{
		{"q=" + url.QueryEscape("Li Jiadong"), 200, "28264"},
		{"q=" + url.QueryEscape("Kim Young Chul") + "&birth_date=1946&country=KP", 200, "12211"},
		{"q=" + url.QueryEscape("Korea Mining Development") + "&kind=organization&limit=1", 200, "9345"},
		{"", 400, ""},
		{"q=x&birth_date=1991-13-01", 400, ""},
		{"q=x&kind=robot", 400, ""},
		{"q=x&limit=0", 400, ""},
	}
	for _, tc := range tests {
		resp, err := http.Get(srv.URL + "/v1/search?" + tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var body SearchResponse
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.query, resp.StatusCode, tc.status)
			continue
		}
		if tc.wantEntry != "" {
			if err != nil || len(body.Hits) == 0 || body.Hits[0].Entry != tc.wantEntry {
				t.Errorf("%s: hits %+v (err %v), want %s first", tc.query, body.Hits, err, tc.wantEntry)
			}
		}
	}
}

func TestWalletListed(t *testing.T) {
	ix, _ := fixtureIndex(t)
	list, entry, ok, err := ix.WalletListed(context.Background(), "btc", "1EfMVkxQQuZfBdocpJu6RUsCJvenQWbQyE")
	if err != nil || !ok || list != "us_ofac_sdn" || !strings.HasPrefix(entry, "28264") {
		t.Fatalf("WalletListed = %q %q %v %v", list, entry, ok, err)
	}
	if _, _, ok, _ := ix.WalletListed(context.Background(), "btc", "1EfMVkxQQuZfBdocpJu6RUsCJvenQWbQyf"); ok {
		t.Fatal("a different wallet is listed")
	}
}

// TestConcurrentSearch runs searches from several goroutines on one index;
// run with -race it checks that the index is safe for concurrent use.
func TestConcurrentSearch(t *testing.T) {
	ix, _ := fixtureIndex(t)
	want := ix.Search(Query{Name: "Li Jiadnog"})
	done := make(chan []Hit, 8)
	for range 8 {
		go func() {
			var last []Hit
			for range 50 {
				last = ix.Search(Query{Name: "Li Jiadnog"})
				ix.Search(Query{Name: "Korea Mining Development", Kind: "organization"})
			}
			done <- last
		}()
	}
	for range 8 {
		got := <-done
		if len(got) != len(want) || len(got) == 0 || got[0].Entity.ID != want[0].Entity.ID || got[0].Score != want[0].Score {
			t.Fatalf("concurrent search gave %v, want %v", describe(got), describe(want))
		}
	}
}
