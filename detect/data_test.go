package detect_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/detect"
	"github.com/ringerhq/ringer/intel"
)

// dataDir returns the shared public data (RINGER_DATA, default
// ../shared/data from the module root) or skips the test.
func dataDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("RINGER_DATA")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "ipranges", "tor", "tor-exit-nodes.lst")); err != nil {
		if os.Getenv("RINGER_REQUIRE_DATA") == "1" {
			tb.Fatalf("RINGER_REQUIRE_DATA=1 but the public data is not under %s: %v", dir, err)
		}
		tb.Skipf("public data not found under %s (set RINGER_DATA): %v", dir, err)
	}
	return dir
}

// TestRealSources runs the detectors on intelligence a user brings: the
// Tor Project's exit list imported as a "tor" CIDR list and the LOLRMM
// catalogue of remote-management tools.
func TestRealSources(t *testing.T) {
	dir := dataDir(t)
	ctx := context.Background()
	store := &refs{}
	torList := filepath.Join(dir, "ipranges", "tor", "tor-exit-nodes.lst")
	if _, err := intel.Import(ctx, store, []string{torList}, "tor"); err != nil {
		t.Fatalf("import Tor exits: %v", err)
	}
	if _, err := intel.Import(ctx, store, []string{filepath.Join(dir, "catalogues", "lolrmm", "rmm_tools.json")}, ""); err != nil {
		t.Fatalf("import LOLRMM: %v", err)
	}
	set, err := intel.Load(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(torList)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var exits []string
	for sc := bufio.NewScanner(f); sc.Scan() && len(exits) < 5; {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			exits = append(exits, l)
		}
	}
	s := &ringer.Subject{Record: person("emp-1", "Laura", "Wright", "Denver", "CO", "80202", "America/Denver")}
	for i, ip := range exits {
		s.Events = append(s.Events, signInAt("emp-1", "2026-02-0"+string(rune('1'+i))+"T15:00:00Z", ip))
	}
	s.Events = append(s.Events, ringer.Event{Type: ringer.EventEndpointInventory, RecordID: "emp-1", DeviceID: "WIN-1",
		Software: []ringer.Software{{Name: "AteraAgent", Path: `C:\Program Files\ATERA Networks\AteraAgent\AteraAgent.exe`}}})
	sig, err := detect.DetectAll(ctx, detect.New(detect.Config{Intel: set}), s)
	if err != nil {
		t.Fatal(err)
	}
	anon, ok := find(sig, "network.anonymizer")
	if !ok || anon.Weight != 1 || !slices.Contains(mapKeysOf(anon.Evidence["kinds"]), "tor") {
		t.Errorf("sign-ins from Tor exits: %+v", anon)
	}
	if tool, ok := find(sig, "endpoint.remote_access_tool"); !ok {
		t.Errorf("Atera agent from the LOLRMM catalogue not found: %v", codes(sig))
	} else {
		t.Logf("%s: %s", tool.Code, tool.Detail)
	}
}

func mapKeysOf(v any) []string {
	m, _ := v.(map[string]int)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
