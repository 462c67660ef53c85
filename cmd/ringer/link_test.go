package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpEveryCommand(t *testing.T) {
	for name := range commands() {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCmd(t, "", name, "--help")
			if code != 0 {
				t.Errorf("ringer %s --help exit %d", name, code)
			}
			if !strings.Contains(out+errs, "ringer "+name) || !strings.Contains(out+errs, "xample") {
				t.Errorf("ringer %s --help has no usage with an example:\n%s%s", name, out, errs)
			}
		})
	}
	if code, _, _ := runCmd(t, "", "no-such-command"); code != 2 {
		t.Errorf("unknown command exit %d, want 2", code)
	}
}

func TestLinkCommand(t *testing.T) {
	dir := t.TempDir()
	clusters, pairs := filepath.Join(dir, "clusters.csv"), filepath.Join(dir, "pairs.csv")
	input := filepath.Join("..", "..", "link", "testdata", "people.jsonl")
	// Flags may follow the inputs, as in the usage line.
	code, _, errs := runCmd(t, "", "link", input, "--out", clusters, "--pairs", pairs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := readAll(t, clusters)
	if strings.Join(rows[0], ",") != "record_id,ring_id" {
		t.Fatalf("header %v", rows[0])
	}
	ring := make(map[string]string)
	for _, r := range rows[1:] {
		if _, dup := ring[r[0]]; dup {
			t.Errorf("%s listed twice", r[0])
		}
		ring[r[0]] = r[1]
	}
	if len(ring) != 9 {
		t.Errorf("%d records in clusters.csv, want 9", len(ring))
	}
	if ring["a1"] != ring["a2"] || ring["a3"] == ring["a4"] {
		t.Errorf("rings %v", ring)
	}
	prs := readAll(t, pairs)
	if strings.Join(prs[0], ",") != "a,b,score" || len(prs) < 4 {
		t.Errorf("pairs.csv: %v", prs)
	}
	if !strings.Contains(errs, "9 distinct records") {
		t.Errorf("summary missing: %s", errs)
	}
	if code, _, _ := runCmd(t, "", "link"); code != 2 {
		t.Errorf("link without input: exit %d, want 2", code)
	}
	if code, _, errs := runCmd(t, "", "link", filepath.Join(dir, "missing.jsonl")); code != 1 || !strings.Contains(errs, "missing.jsonl") {
		t.Errorf("missing input: exit %d, %s", code, errs)
	}
}

func TestScreenCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	input := filepath.Join("..", "..", "link", "testdata", "people.jsonl")
	code, out, errs := runCmd(t, "", "screen", "--db", db, input)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 9 {
		t.Fatalf("%d assessments, want 9", len(lines))
	}
	for _, l := range lines {
		var a struct {
			RecordID string `json:"record_id"`
			Band     string `json:"band"`
			Policy   string `json:"policy"`
			Ring     *struct {
				ID string `json:"id"`
			} `json:"ring"`
		}
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		if a.Band == "" || a.Policy == "" {
			t.Errorf("assessment without band or policy: %s", l)
		}
		if a.RecordID == "a2" && a.Ring == nil {
			t.Error("a2 shares a payout account with a1 but is in no ring")
		}
	}
	// Screening again reads the same store: nothing is lost or doubled.
	code, out2, _ := runCmd(t, "", "screen", "--db", db, input)
	if code != 0 || len(strings.Split(strings.TrimSpace(out2), "\n")) != 9 {
		t.Errorf("second screen: exit %d, %d lines", code, len(strings.Split(strings.TrimSpace(out2), "\n")))
	}
}

func readAll(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestScreenRescreen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	input := filepath.Join("..", "..", "link", "testdata", "people.jsonl")
	if code, _, errs := runCmd(t, "", "screen", "--db", db, input); code != 0 {
		t.Fatalf("screen: exit %d: %s", code, errs)
	}
	code, _, errs := runCmd(t, "", "screen", "--db", db, "--rescreen")
	if code != 0 || !strings.Contains(errs, "9 stored records re-assessed") {
		t.Errorf("rescreen: exit %d: %s", code, errs)
	}
}
