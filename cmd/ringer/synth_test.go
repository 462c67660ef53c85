package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
)

func TestSynthCommand(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	recs, evs, labs := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "e.jsonl"), filepath.Join(dir, "l.csv")
	code := run(context.Background(), e, []string{"synth", "--n", "400", "--seed", "3", "--out", recs,
		"--events-out", evs, "--labels", labs, "--intel", filepath.Join(dir, "intel")})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if n := synthLines(t, recs); n != 400 {
		t.Errorf("%d records, want 400", n)
	}
	if n := synthLines(t, evs); n < 400 {
		t.Errorf("%d events, want many", n)
	}
	if n := synthLines(t, labs); n != 401 {
		t.Errorf("%d label lines, want 401", n)
	}
	head, _ := os.ReadFile(labs)
	if !strings.HasPrefix(string(head), "record_id,ring_id,fraud,scenario,") {
		t.Errorf("labels header %q", strings.SplitN(string(head), "\n", 2)[0])
	}
	for _, f := range []string{"vpn-astrill.txt", "hosting.txt", "vpn.txt", "tor.txt", "corporate.txt", "geo-city.mmdb"} {
		if _, err := os.Stat(filepath.Join(dir, "intel", f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stderr.String(), "400 records") {
		t.Errorf("summary: %q", stderr.String())
	}

	// Records to standard output, deterministic for a seed.
	var a, b bytes.Buffer
	for _, w := range []*bytes.Buffer{&a, &b} {
		e := &env{stdin: strings.NewReader(""), stdout: w, stderr: &stderr, getenv: func(string) string { return "" }}
		if code := run(context.Background(), e, []string{"synth", "--n", "50", "--seed", "9"}); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("records on standard output are empty or differ between runs")
	}

	// The plain encoding is the contract's.
	sc := bufio.NewScanner(bytes.NewReader(a.Bytes()))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r ringer.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(r)
		if !bytes.Equal(bytes.TrimSpace(sc.Bytes()), want) {
			t.Fatalf("record line differs from ringer.Record's encoding:\n%s\n%s", sc.Bytes(), want)
		}
	}

	// Events without --events-out follow their record in one stream.
	var mixed bytes.Buffer
	e = &env{stdin: strings.NewReader(""), stdout: &mixed, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), e, []string{"synth", "--n", "20", "--events"}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(mixed.String(), `"event":"sign_in"`) || !strings.Contains(mixed.String(), `"kind":`) {
		t.Error("events or records missing from the mixed stream")
	}

	for _, args := range [][]string{{"synth", "--n", "-1"}, {"synth", "--rings", "-3"}, {"synth", "extra"}} {
		stderr.Reset()
		e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(string) string { return "" }}
		if code := run(context.Background(), e, args); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr.String())
		}
	}
}

func synthLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		n++
	}
	return n
}
