package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer/photo"
)

// writePortrait writes a generated 64×64 PNG and returns its path.
func writePortrait(t *testing.T, dir, name string, shade uint8) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			v := uint8((x*3 + y*2) % 256)
			if (x-32)*(x-32)+(y-28)*(y-28) < 300 {
				v = shade
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPhotoFiles(t *testing.T) {
	dir := t.TempDir()
	face := writePortrait(t, dir, "face.png", 220)
	writeFile(t, filepath.Join(dir, "notes.png"), "not an image")
	in := filepath.Join(dir, "people.jsonl")
	writeFile(t, in, `{"id": "a", "photos": [{"path": "face.png"}]}
{"id": "b", "photos": [{"phash": "c3d4e5f6a7b8c9d0", "path": "face.png"}, {"path": "`+face+`"}]}
{"id": "c", "photos": [{"path": "missing.jpg"}, {"path": "notes.png"}]}
`)
	res := collectFiles(t, []string{in}, Options{ReadPaths: true})
	if res.err != nil {
		t.Fatal(res.err)
	}
	h, err := photo.HashFile(face)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(face)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want, wantSum := photo.FormatHex(h), hex.EncodeToString(sum[:])
	recs := res.records()
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3", len(recs))
	}
	if p := recs[0].Photos[0]; p.PHash != want || p.SHA256 != wantSum {
		t.Errorf("relative path: photo = %+v, want phash %s sha256 %s", p, want, wantSum)
	}
	if p := recs[1].Photos; p[0].PHash != "c3d4e5f6a7b8c9d0" || p[0].SHA256 != "" || p[1].PHash != want {
		t.Errorf("given hash replaced or absolute path not hashed: %+v", p)
	}
	if p := recs[2].Photos; p[0].PHash != "" || p[1].PHash != "" {
		t.Errorf("bad files hashed: %+v", p)
	}
	checkProblems(t, res.problems, []wantProblem{
		{3, "photos[0].path", SeverityWarning, "no such file"},
		{3, "photos[1].path", SeverityWarning, "notes.png"},
	})
}
