package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// runIntelCmd runs the CLI in-process and returns the exit code and output.
func runIntelCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// writeCityMMDB writes a one-network City database with mmdbwriter.
func writeCityMMDB(t *testing.T, path string) {
	t.Helper()
	w, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: "GeoIP2-City", IPVersion: 6, RecordSize: 28,
		IncludeReservedNetworks: true, Description: map[string]string{"en": "ringer CLI test"}})
	if err != nil {
		t.Fatal(err)
	}
	_, n, _ := net.ParseCIDR("192.0.2.0/24")
	if err := w.Insert(n, mmdbtype.Map{
		"country": mmdbtype.Map{"iso_code": mmdbtype.String("KP")},
		"city":    mmdbtype.Map{"names": mmdbtype.Map{"en": mmdbtype.String("Pyongyang")}},
	}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := w.WriteTo(f); err != nil {
		t.Fatal(err)
	}
}

func TestIntelImportListLookup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ringer.db")
	city := filepath.Join(dir, "city.mmdb")
	writeCityMMDB(t, city)
	astrill := filepath.Join(dir, "astrill.txt")
	os.WriteFile(astrill, []byte("# exits\n198.51.100.0/24\n2001:db8:a::/48\n"), 0o600)
	bad := filepath.Join(dir, "astrill.txt.bad")
	os.WriteFile(bad, []byte("198.51.100.0/24\n198.51.100.0/40\n"), 0o600)

	code, out, errs := runIntelCmd(t, "intel", "import", "--db", db, city)
	if code != 0 || !strings.Contains(out, "imported mmdb:GeoIP2-City (mmdb, 1 entries)") {
		t.Fatalf("import mmdb: code %d\n%s\n%s", code, out, errs)
	}
	// Flags after the files, as the usage line writes them.
	code, out, errs = runIntelCmd(t, "intel", "import", "--db", db, astrill, "--label", "vpn:astrill")
	if code != 0 || !strings.Contains(out, "imported cidr/vpn:astrill/astrill.txt (cidr, 2 entries)") {
		t.Fatalf("import list: code %d\n%s\n%s", code, out, errs)
	}
	code, _, errs = runIntelCmd(t, "intel", "import", "--db", db, "--label", "vpn:astrill", bad)
	if code != 1 || !strings.Contains(errs, "astrill.txt.bad line 2: \"198.51.100.0/40\" is not a CIDR prefix") {
		t.Fatalf("bad list: code %d, stderr %s", code, errs)
	}
	code, _, errs = runIntelCmd(t, "intel", "import", "--db", db, astrill)
	if code != 1 || !strings.Contains(errs, "needs a label") {
		t.Fatalf("list without label: code %d, stderr %s", code, errs)
	}

	code, out, errs = runIntelCmd(t, "intel", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "mmdb:GeoIP2-City") || !strings.Contains(out, "cidr/vpn:astrill/astrill.txt") ||
		!strings.Contains(out, "builtin:remote-access-tools") {
		t.Fatalf("list: code %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runIntelCmd(t, "intel", "list", "--json", "--db", db)
	var srcs []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &srcs) != nil || len(srcs) != 6 {
		t.Fatalf("list --json: code %d, %d sources\n%s", code, len(srcs), out)
	}

	code, out, errs = runIntelCmd(t, "intel", "lookup", "--db", db, "192.0.2.1", "198.51.100.9", "203.0.113.1")
	if code != 0 {
		t.Fatalf("lookup: code %d, %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		`{"ip":"192.0.2.1","country":"KP","city":"Pyongyang"}`,
		`{"ip":"198.51.100.9","anonymous":true,"anonymous_vpn":true,"labels":["vpn:astrill"]}`,
		`{"ip":"203.0.113.1"}`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lookup output\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	if code, _, errs = runIntelCmd(t, "intel", "lookup", "--db", db, "not-an-ip"); code != 2 || !strings.Contains(errs, "not an IP address") {
		t.Errorf("lookup of a non-address: code %d, %s", code, errs)
	}

	code, out, _ = runIntelCmd(t, "intel", "remove", "--db", db, "cidr/vpn:astrill/astrill.txt")
	if code != 0 || !strings.Contains(out, "removed cidr/vpn:astrill/astrill.txt") {
		t.Fatalf("remove: code %d, %s", code, out)
	}
	if code, _, _ = runIntelCmd(t, "intel", "remove", "--db", db, "cidr/vpn:astrill/astrill.txt"); code != 1 {
		t.Errorf("removing a missing source: code %d, want 1", code)
	}
	_, out, _ = runIntelCmd(t, "intel", "lookup", "--db", db, "198.51.100.9")
	if strings.TrimSpace(out) != `{"ip":"198.51.100.9"}` {
		t.Errorf("after remove: %s", out)
	}
	if code, _, _ = runIntelCmd(t, "intel"); code != 2 {
		t.Errorf("no subcommand: code %d, want 2", code)
	}
	if code, _, _ = runIntelCmd(t, "intel", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: code %d, want 2", code)
	}
}
