package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/screening"
	"github.com/ringerhq/ringer/server"
	"github.com/ringerhq/ringer/sqlite"
)

func newAPI(t *testing.T, token string, maxBody int64) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sc, err := screening.Open(ctx, st, normalize.NewKeyer([]byte("server-test-secret-0123456789abc")), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sc.Close() })
	srv := httptest.NewServer(server.New(server.Options{Screener: sc, Store: st, Token: token, MaxBody: maxBody}))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s %s: response is not a JSON object: %s", method, url, b)
	}
	return resp.StatusCode, v
}

const records = `{"id":"r1","name":{"full":"Ana Silva"},"payout_accounts":[{"type":"iban","number":"DE89370400440532013000"}]}
{"id":"r2","name":{"full":"Li Wei"},"payout_accounts":[{"type":"iban","number":"DE89 3704 0044 0532 0130 00"}]}
{"name":{"full":"no id"}}
`

func TestAPI(t *testing.T) {
	srv := newAPI(t, "", 0)
	code, v := do(t, "POST", srv.URL+"/v1/records", "", records)
	if code != http.StatusOK {
		t.Fatalf("POST records: %d %v", code, v)
	}
	if v["accepted"].(float64) != 2 {
		t.Errorf("accepted = %v, want 2", v["accepted"])
	}
	if ps := v["problems"].([]any); len(ps) != 1 || ps[0].(map[string]any)["line"].(float64) != 3 {
		t.Errorf("problems = %v, want one on line 3", ps)
	}
	code, a := do(t, "GET", srv.URL+"/v1/records/r1/assessment", "", "")
	if code != http.StatusOK {
		t.Fatalf("GET assessment: %d %v", code, a)
	}
	ring, _ := a["ring"].(map[string]any)
	if ring == nil || ring["size"].(float64) != 2 {
		t.Fatalf("assessment ring = %v, want a ring of 2", a["ring"])
	}
	code, r := do(t, "GET", srv.URL+"/v1/rings/"+ring["id"].(string), "", "")
	if code != http.StatusOK || len(r["links"].([]any)) != 1 {
		t.Errorf("GET ring: %d %v", code, r)
	}
	code, _ = do(t, "POST", srv.URL+"/v1/events", "", `[{"event":"sign_in","record_id":"r1","at":"2026-05-03T01:12:09Z","ip":"203.0.113.9","device_id":"MBP-1"}]`)
	if code != http.StatusOK {
		t.Errorf("POST events: %d", code)
	}
	for _, tt := range []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/v1/records/nobody/assessment", "", http.StatusNotFound},
		{"GET", "/v1/rings/ring-999", "", http.StatusNotFound},
		{"POST", "/v1/records", `{"event":"sign_in","record_id":"r1"}`, http.StatusBadRequest},
		{"POST", "/v1/records", `not json`, http.StatusBadRequest},
		{"GET", "/v1/nothing", "", http.StatusNotFound},
	} {
		code, v := do(t, tt.method, srv.URL+tt.path, "", tt.body)
		if code != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, code, tt.want)
		}
		if _, ok := v["error"].(string); !ok {
			t.Errorf("%s %s: no error message in %v", tt.method, tt.path, v)
		}
	}
	code, h := do(t, "GET", srv.URL+"/healthz", "", "")
	if code != http.StatusOK || h["records"].(float64) != 2 {
		t.Errorf("healthz: %d %v", code, h)
	}
	code, doc := do(t, "GET", srv.URL+"/openapi.json", "", "")
	if code != http.StatusOK || doc["openapi"] != "3.1.0" {
		t.Errorf("openapi.json: %d", code)
	}
}

func TestAPIAuthAndLimits(t *testing.T) {
	srv := newAPI(t, "s3cret-token", 256)
	if code, _ := do(t, "GET", srv.URL+"/v1/records/r1/assessment", "", ""); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := do(t, "GET", srv.URL+"/v1/records/r1/assessment", "wrong", ""); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if code, _ := do(t, "GET", srv.URL+"/healthz", "", ""); code != http.StatusOK {
		t.Errorf("healthz needs no token: %d", code)
	}
	big := `[{"id":"x","name":{"full":"` + strings.Repeat("a", 1000) + `"}}]`
	code, v := do(t, "POST", srv.URL+"/v1/records", "s3cret-token", big)
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d %v, want 413", code, v)
	}
}
