package normalize_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

func TestKeyer(t *testing.T) {
	k := normalize.NewKeyer([]byte("deployment secret one"))
	a := k.Key(ringer.IDEmail, "danmooredev@gmail.com")
	if !strings.HasPrefix(a, "email:") || len(a) != len("email:")+22 {
		t.Fatalf("Key = %q, want email: and 22 base64url characters", a)
	}
	if strings.ContainsAny(a[len("email:"):], "+/=") {
		t.Errorf("Key = %q is not unpadded base64url", a)
	}
	if b := k.Key(ringer.IDEmail, "danmooredev@gmail.com"); b != a {
		t.Errorf("same value keyed twice: %q, %q", a, b)
	}
	if b := k.Key(ringer.IDEmail, "danmooredev@gmail.co"); b == a {
		t.Errorf("different values share key %q", a)
	}
	// The kind is part of the MAC input, not only the prefix.
	if b := k.Key(ringer.IDPhone, "danmooredev@gmail.com"); b[strings.IndexByte(b, ':'):] == a[strings.IndexByte(a, ':'):] {
		t.Errorf("kinds share a MAC: %q, %q", a, b)
	}
	other := normalize.NewKeyer([]byte("deployment secret two"))
	if b := other.Key(ringer.IDEmail, "danmooredev@gmail.com"); b == a {
		t.Errorf("different secrets share key %q", a)
	}
	// Known answer: HMAC-SHA256("k", "email\x00a@b.co"), first 16 bytes, base64url.
	if got, want := normalize.NewKeyer([]byte("k")).Key(ringer.IDEmail, "a@b.co"), knownKey(t); got != want {
		t.Errorf("Key = %q, want %q", got, want)
	}
	// Concurrent use gives the same keys.
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := k.Key(ringer.IDEmail, "danmooredev@gmail.com"); got != a {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Key = %q, want %q", e, a)
	}
}

// recordCase is one record of testdata/records.jsonl with the identifiers
// and problems it should give.
type recordCase struct {
	Record ringer.Record `json:"record"`
	// Values are "kind=normalised value"; the test keys them itself.
	Values   []string `json:"values"`
	Problems []string `json:"problems"` // field paths
}

func TestIdentifiersAndProblems(t *testing.T) {
	k := normalize.NewKeyer([]byte("test secret"))
	data, err := os.ReadFile(filepath.Join("testdata", "records.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for n, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var c recordCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("records.jsonl:%d: %v", n+1, err)
		}
		var want []string
		for _, v := range c.Values {
			kind, value, _ := strings.Cut(v, "=")
			want = append(want, k.Key(ringer.IdentifierKind(kind), value))
		}
		var got []string
		for _, id := range normalize.Identifiers(k, &c.Record) {
			if !strings.HasPrefix(id.Key, string(id.Kind)+":") {
				t.Errorf("records.jsonl:%d: identifier %+v: key does not start with its kind", n+1, id)
			}
			got = append(got, id.Key)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("records.jsonl:%d (%s): Identifiers\n got %q\nwant %q", n+1, c.Record.ID, got, want)
		}
		var fields []string
		for _, p := range normalize.Problems(&c.Record) {
			if p.Reason == "" {
				t.Errorf("records.jsonl:%d: problem %q has no reason", n+1, p.Field)
			}
			fields = append(fields, p.Field)
		}
		if !slices.Equal(fields, c.Problems) && !(len(fields) == 0 && len(c.Problems) == 0) {
			t.Errorf("records.jsonl:%d (%s): Problems = %q, want %q", n+1, c.Record.ID, fields, c.Problems)
		}
	}
}

func TestEventIdentifiers(t *testing.T) {
	k := normalize.NewKeyer([]byte("test secret"))
	tr := true
	tests := []struct {
		event string
		want  []string
	}{
		{`{"event":"sign_in","record_id":"r1","ip":"142.214.202.2","device_id":"mbp-7f3k ","mfa_device_id":"yubi-55"}`,
			[]string{"public_ip=142.214.202.2", "device=MBP-7F3K", "mfa_device=YUBI-55"}},
		{`{"event":"sign_in","record_id":"r1","ip":"10.1.2.3"}`, nil},
		{`{"event":"endpoint_inventory","record_id":"r1","device_id":"C02XG0FDH7JY","public_ip":"2001:db8::1","wifi":{"bssid":"AA-BB-CC-DD-EE-01","ssid":"home"}}`,
			[]string{"device=C02XG0FDH7JY", "public_ip=2001:db8::/64", "wifi_bssid=aa:bb:cc:dd:ee:01"}},
		{`{"event":"sign_in","record_id":"r1","ip":"2001:db8:0:0:aaaa::7","device_id":"{6f9619ff-8b86-d011-b42d-00c04fc964ff}"}`,
			[]string{"public_ip=2001:db8::/64", "device=6F9619FF-8B86-D011-B42D-00C04FC964FF"}},
		{`{"event":"endpoint_inventory","record_id":"r1","device_id":"A4-83-E7-12-34-56"}`,
			[]string{"device=a4:83:e7:12:34:56"}},
		{`{"event":"endpoint_inventory","record_id":"r1","device_id":"a483.e712.3456"}`,
			[]string{"device=a4:83:e7:12:34:56"}},
		{`{"event":"shipment","record_id":"r1","address":{"raw":"88 Pine Rd, Apt 2, Hillsboro OR 97124"}}`,
			[]string{"shipping_address=97124|88|pine road|2", "shipping_address=@OR/hillsboro|88|pine road|2"}},
		{`{"event":"payroll_change","record_id":"r1","account":{"type":"bank","country":"US","routing":"021000021","number":"000123456789"}}`,
			[]string{"payout_account=bank:021000021:000123456789"}},
		{`{"event":"payroll_change","record_id":"r1","account":{"type":"crypto","network":"eth","value":"0x52908400098527886E0F7030069857D2E4169EE7"}}`,
			[]string{"wallet=eth:0x52908400098527886e0f7030069857d2e4169ee7"}},
		{`{"event":"interview","record_id":"r1","participant_ip":"8.8.4.4","camera_on":false}`,
			[]string{"public_ip=8.8.4.4"}},
		{`{"event":"activity","record_id":"r1","kind":"commit"}`, nil},
	}
	_ = tr
	for _, tt := range tests {
		var e ringer.Event
		if err := json.Unmarshal([]byte(tt.event), &e); err != nil {
			t.Fatalf("%s: %v", tt.event, err)
		}
		var want, got []string
		for _, v := range tt.want {
			kind, value, _ := strings.Cut(v, "=")
			want = append(want, k.Key(ringer.IdentifierKind(kind), value))
		}
		for _, id := range normalize.EventIdentifiers(k, &e) {
			got = append(got, id.Key)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("EventIdentifiers(%s)\n got %q\nwant %q", tt.event, got, want)
		}
	}
}

// knownKey is HMAC-SHA256 under key "k" of "email\x00a@b.co", cut to 16
// bytes and base64url-encoded, computed with an independent
// implementation (Python's hmac module).
func knownKey(t *testing.T) string {
	t.Helper()
	return "email:2Pj2QEfN_iWNzDA_Tl6avQ"
}

func TestKeyerLongKind(t *testing.T) {
	k := normalize.NewKeyer([]byte("s"))
	for _, n := range []int{0, 1, 100, 105, 106, 127, 128, 300} {
		kind := ringer.IdentifierKind(strings.Repeat("k", n))
		key := k.Key(kind, "")
		if len(key) != n+1+22 || !strings.HasPrefix(key, string(kind)+":") {
			t.Errorf("Key(kind of %d bytes) = %q", n, key)
		}
	}
}

// TestProblemsCarryNoPII checks that problem reasons never repeat the raw
// identifier, so they can be logged.
func TestProblemsCarryNoPII(t *testing.T) {
	r := ringer.Record{
		ID:     "pii",
		Emails: []string{"secret.person@nodot"},
		Phones: []ringer.Phone{{Number: "secret-phone"}},
		PayoutAccounts: []ringer.PayoutAccount{
			{Type: "iban", Value: "GB00SECRETIBAN0000"},
			{Type: "crypto", Network: "eth", Value: "0xSECRETWALLET"},
			{Type: "bank", Country: "US", Routing: "123456789", Number: "98765"},
		},
		Photos: []ringer.Photo{{PHash: "secretphash"}},
	}
	ps := normalize.Problems(&r)
	if len(ps) != 6 {
		t.Fatalf("Problems = %+v, want 6", ps)
	}
	for _, p := range ps {
		for _, secret := range []string{"secret", "SECRET", "123456789", "98765"} {
			if strings.Contains(p.Reason, secret) {
				t.Errorf("problem %s reason %q repeats the value", p.Field, p.Reason)
			}
		}
	}
	// The error returned to a direct caller does name the value.
	if _, err := normalize.Email("secret.person@nodot"); err == nil || !strings.Contains(err.Error(), "secret.person@nodot") {
		t.Errorf("Email error = %v, want it to name the input", err)
	}
}

func TestProblemReasons(t *testing.T) {
	r := ringer.Record{ID: "x", Phones: []ringer.Phone{{Number: "(415) 555-0134"}}}
	ps := normalize.Problems(&r)
	if len(ps) != 1 || ps[0].Field != "phones[0].number" || !strings.Contains(ps[0].Reason, "no country code") {
		t.Errorf("Problems = %+v, want phones[0].number: no country code", ps)
	}
	// With a claimed country, or an address in a country, the number reads.
	r.Claimed.Country = "US"
	if ps := normalize.Problems(&r); len(ps) != 0 {
		t.Errorf("Problems with a claimed country = %+v, want none", ps)
	}
	r.Claimed.Country = ""
	r.Addresses = []ringer.Address{{Raw: "88 Pine Rd, Hillsboro OR 97124"}}
	if ps := normalize.Problems(&r); len(ps) != 0 {
		t.Errorf("Problems with a US address = %+v, want none", ps)
	}
	k := normalize.NewKeyer([]byte("s"))
	if ids := normalize.Identifiers(k, &r); len(ids) != 3 || ids[0].Key != k.Key(ringer.IDPhone, "+14155550134") {
		t.Errorf("Identifiers = %+v, want the phone read in the US and the address's two keys", ids)
	}
}
