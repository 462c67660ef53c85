package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the CLI in-process and returns the exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "RINGER_SECRET" {
			return "test-secret-0123456789"
		}
		return ""
	}}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func watchlistFixtures(t *testing.T) []string {
	dir := filepath.Join("..", "..", "watchlist", "testdata")
	var files []string
	for _, n := range []string{"ofac/sdn.csv", "ofac/add.csv", "ofac/alt.csv", "ofac/sdn_comments.csv", "un/consolidated.xml", "stix/dprk-it-workers.json"} {
		files = append(files, filepath.Join(dir, n))
	}
	return files
}

func TestListsImportSearch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ringer.db")
	code, out, errs := runCmd(t, "", append([]string{"lists", "import", "--db", db}, watchlistFixtures(t)...)...)
	if code != 0 || !strings.Contains(out, "us_ofac_sdn") || !strings.Contains(out, "un_sc") {
		t.Fatalf("lists import: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCmd(t, "", "lists", "--db", db, "--json")
	var infos []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &infos) != nil || len(infos) != 3 {
		t.Fatalf("lists --json: exit %d, %d lists\n%s", code, len(infos), out)
	}
	code, out, errs = runCmd(t, "", "search", "Kim Young Chul", "--db", db, "--birth-date", "1946", "--json")
	if code != 0 || !strings.Contains(out, `"entry": "12211"`) || !strings.Contains(out, `"match": true`) {
		t.Fatalf("search: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCmd(t, "", "search", "--db", db, "--identifier", "wallet", "0x7f19720a857f834887fc9a7bc0a0fbe7fc7f8102")
	if code != 0 || !strings.Contains(out, "28264") {
		t.Fatalf("identifier search: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "search", "--db", db, "Korea Minnig Development", "--kind", "organization")
	if code != 0 || !strings.Contains(out, "9345") {
		t.Fatalf("misspelled search: exit %d\n%s", code, out)
	}
	// A truncated file is refused and the stored list stays.
	sdn, err := os.ReadFile(watchlistFixtures(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "sdn.csv")
	if err := os.WriteFile(cut, sdn[:len(sdn)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd(t, "", "lists", "import", "--db", db, cut)
	if code != 1 || !strings.Contains(errs, "stored lists unchanged") || !strings.Contains(errs, "sdn.csv line") {
		t.Fatalf("truncated import: exit %d, stderr %s", code, errs)
	}
	code, out, _ = runCmd(t, "", "lists", "--db", db)
	if code != 0 || !strings.Contains(out, "6") {
		t.Fatalf("lists after refused import: exit %d\n%s", code, out)
	}
}

func TestListsUpdate(t *testing.T) {
	files := watchlistFixtures(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Base(r.URL.Path)
		if !strings.HasPrefix(r.URL.Path, "/ofac/") && !strings.HasPrefix(r.URL.Path, "/un/") {
			http.NotFound(w, r)
			return
		}
		for _, f := range files {
			if filepath.Base(f) == name || name == "consolidated.xml" && strings.HasSuffix(f, ".xml") {
				http.ServeFile(w, r, f)
				return
			}
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "ringer.db")
	code, out, errs := runCmd(t, "", "lists", "update", "--db", db, "--url-ofac", srv.URL+"/ofac", "--url-un", srv.URL+"/un/consolidated.xml")
	if code != 0 || !strings.Contains(out, "us_ofac_sdn") || !strings.Contains(out, "un_sc") {
		t.Fatalf("lists update: exit %d\n%s\n%s", code, out, errs)
	}
	code, _, errs = runCmd(t, "", "lists", "update", "--db", db, "--url-ofac", srv.URL+"/missing/", "--url-un", "")
	if code != 1 || !strings.Contains(errs, "404") {
		t.Fatalf("update from a missing source: exit %d, stderr %s", code, errs)
	}
}

func TestNamesCommands(t *testing.T) {
	code, out, _ := runCmd(t, "", "names", "compare", "Kim Jong Un", "김정은")
	if code != 0 || !strings.HasPrefix(out, "0.9") || !strings.Contains(out, "match") {
		t.Fatalf("names compare: exit %d\n%s", code, out)
	}
	in := "Kim Jong Un\tKim Jong Il\nKorea Sobaeksu Trading Company\tKorea Sobaeksu Trading Corp\torganization\n"
	code, out, _ = runCmd(t, in, "names", "score")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasSuffix(lines[0], "\tno-match") || !strings.HasSuffix(lines[1], "\tmatch") {
		t.Fatalf("names score: exit %d\n%s", code, out)
	}
	if f := strings.Split(lines[1], "\t"); len(f) != 5 {
		t.Fatalf("names score wrote %d columns, want 5: %q", len(f), lines[1])
	}
	code, _, errs := runCmd(t, "only-one-column\n", "names", "score")
	if code != 1 || !strings.Contains(errs, "stdin line 1") {
		t.Fatalf("bad line: exit %d, stderr %s", code, errs)
	}
	code, _, _ = runCmd(t, "", "names", "compare", "one")
	if code != 2 {
		t.Fatalf("compare with one name: exit %d, want 2", code)
	}
}
