package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ringerhq/ringer/synth"
)

// FuzzReadLabels checks that any input is read or refused with an error,
// never a panic, and that what is read writes back and reads the same.
func FuzzReadLabels(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "labels", "*.csv"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		labs, err := synth.ReadLabels(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			return
		}
		var b bytes.Buffer
		w := synth.NewLabelWriter(&b)
		for _, l := range labs {
			if err := w.Write(l); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		back, err := synth.ReadLabels(&b, "again.csv")
		if err != nil {
			t.Fatalf("labels written from %q do not read back: %v", data, err)
		}
		if len(back) != len(labs) {
			t.Fatalf("%d labels back, want %d", len(back), len(labs))
		}
		for i := range back {
			if back[i] != labs[i] {
				t.Fatalf("label %d: %+v back, want %+v", i, back[i], labs[i])
			}
		}
	})
}
