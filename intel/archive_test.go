package intel

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// maxmindTarball packs files the way MaxMind's downloads are packed:
// GeoLite2-City_YYYYMMDD/{COPYRIGHT.txt,LICENSE.txt,GeoLite2-City.mmdb}.
func maxmindTarball(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	tw.WriteHeader(&tar.Header{Name: "GeoIP2-City_20260101/", Typeflag: tar.TypeDir, Mode: 0o755})
	for _, n := range []string{"COPYRIGHT.txt", "GeoIP2-City.mmdb", "LICENSE.txt"} {
		data, ok := files[n]
		if !ok {
			continue
		}
		tw.WriteHeader(&tar.Header{Name: "GeoIP2-City_20260101/" + n, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(data))})
		tw.Write(data)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return gz(t, b.Bytes())
}

func TestImportArchives(t *testing.T) {
	dir := t.TempDir()
	city := testCityDB(t)
	tests := []struct {
		file    string
		data    []byte
		label   string
		name    string
		wantErr string
	}{
		{"GeoIP2-City_20260101.tar.gz", maxmindTarball(t, map[string][]byte{"COPYRIGHT.txt": []byte("(c)"), "GeoIP2-City.mmdb": city, "LICENSE.txt": []byte("l")}),
			"", "mmdb:GeoIP2-City", ""},
		{"docs.tar.gz", maxmindTarball(t, map[string][]byte{"COPYRIGHT.txt": []byte("(c)")}), "", "", "docs.tar.gz: the archive holds no .mmdb file"},
		{"bad.tar.gz", maxmindTarball(t, map[string][]byte{"GeoIP2-City.mmdb": city[:len(city)/2]}), "",
			"", "bad.tar.gz:GeoIP2-City_20260101/GeoIP2-City.mmdb"},
		{"exits.txt.gz", gz(t, []byte("192.0.2.0/24\n")), "vpn", "cidr/vpn/exits.txt", ""},
		{"city.mmdb.gz", gz(t, city), "", "mmdb:GeoIP2-City", ""},
		{"broken.gz", []byte{0x1f, 0x8b, 0x08, 0, 1, 2, 3}, "", "", "broken.gz: broken gzip file"},
	}
	for _, tt := range tests {
		p := writeTemp(t, dir, tt.file, tt.data)
		refs := newMemRefs()
		got, err := Import(context.Background(), refs, []string{p}, tt.label)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.file, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(got) != 1 || got[0].Name != tt.name {
			t.Errorf("%s: %+v, %v; want %s", tt.file, got, err, tt.name)
			continue
		}
		set, err := Load(context.Background(), refs)
		if err != nil {
			t.Fatal(err)
		}
		if info := set.IP(netip.MustParseAddr("192.0.2.1")); info.IsZero() {
			t.Errorf("%s: nothing known of 192.0.2.1 after import", tt.file)
		}
	}
}

// TestImportURL downloads sources from a local server, as a user naming
// an official list address would.
func TestImportURL(t *testing.T) {
	lastMod := time.Date(2026, 8, 22, 10, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("/output/vpn/ipv4.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Last-Modified", lastMod.Format(http.TimeFormat))
		w.Write([]byte("192.0.2.0/24\n198.51.100.0/24\n"))
	})
	mux.HandleFunc("/geoip/download", func(w http.ResponseWriter, r *http.Request) {
		w.Write(maxmindTarball(t, map[string][]byte{"GeoIP2-City.mmdb": testCityDB(t)}))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	refs := newMemRefs()
	got, err := Import(ctx, refs, []string{srv.URL + "/output/vpn/ipv4.txt"}, "vpn")
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Name != "cidr/vpn/ipv4.txt" || got[0].Source != srv.URL+"/output/vpn/ipv4.txt" ||
		!got[0].FileDate.Equal(lastMod) || got[0].Entries != 2 {
		t.Errorf("imported %+v", got[0])
	}
	if got, err = Import(ctx, refs, []string{srv.URL + "/geoip/download?edition_id=GeoIP2-City&suffix=tar.gz"}, ""); err != nil || got[0].Name != "mmdb:GeoIP2-City" {
		t.Fatalf("tarball by URL: %+v, %v", got, err)
	}
	if _, err := Import(ctx, refs, []string{srv.URL + "/missing.txt"}, "vpn"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing URL: error %v, want a 404", err)
	}
	set, err := Load(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	if info := set.IP(netip.MustParseAddr("192.0.2.1")); !info.AnonymousVPN || info.City != "Austin" {
		t.Errorf("192.0.2.1: %+v", info)
	}
}
