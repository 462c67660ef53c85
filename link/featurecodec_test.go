package link

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/synth"
)

// codecFeatures returns the features of synthetic records with their
// events, keyed as a store keeps them, and some made by hand.
func codecFeatures(t testing.TB) []*Features {
	k := normalize.NewKeyer([]byte("codec-test-secret-0123456789abcdef"))
	var recs []ringer.Record
	evs := map[string][]ringer.Event{}
	err := synth.Generate(context.Background(), synth.Options{N: 300, Seed: 3, Events: true},
		func(r *ringer.Record) error { recs = append(recs, *r); return nil },
		func(e *ringer.Event) error { evs[e.RecordID] = append(evs[e.RecordID], *e); return nil },
		func(synth.Label) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	var out []*Features
	for i := range recs {
		out = append(out, Extract(k, &recs[i], evs[recs[i].ID], false))
	}
	sig := MinHash("Built payment services in Go and Kotlin for six years.")
	out = append(out,
		&Features{},
		&Features{ID: "raw", Given: "ana maría", Family: "o'neil", Other: []string{"", "x"},
			Birth: ringer.Date{Year: 1988, Month: 2}, Emails: []string{"ana@example.com"},
			Resume: sig, Photos: []uint64{0, 1<<64 - 1}, ReferredBy: "ref-1"},
		&Features{ID: "ünïcödé 名前", Keyed: true, Strong: []string{"email:x"}, Weak: []string{"address:y"}},
	)
	return out
}

// TestFeatureCodec checks that stored features read back as they were,
// from the binary form and from the JSON that earlier versions stored.
func TestFeatureCodec(t *testing.T) {
	fs := codecFeatures(t)
	withResume, withPhotos := 0, 0
	for _, f := range fs {
		var got Features
		if err := decodeFeatures(encodeFeatures(f), &got); err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		if !reflect.DeepEqual(&got, f) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", f.ID, got, *f)
		}
		old, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON Features
		if err := decodeFeatures(old, &fromJSON); err != nil {
			t.Fatalf("%s: JSON: %v", f.ID, err)
		}
		// JSON keeps empty lists as absent; the binary form as nil too.
		if !reflect.DeepEqual(encodeFeatures(&fromJSON), encodeFeatures(f)) {
			t.Errorf("%s: JSON form reads back as\n%+v\nwant\n%+v", f.ID, fromJSON, *f)
		}
		if f.Resume != nil {
			withResume++
		}
		if len(f.Photos) > 0 {
			withPhotos++
		}
	}
	if withResume == 0 || withPhotos == 0 {
		t.Errorf("test features: %d with a résumé, %d with photos; want some of each", withResume, withPhotos)
	}
}

// TestFeatureCodecRefuses checks that blobs that are neither form, or are
// cut short, are refused, not read as something else.
func TestFeatureCodecRefuses(t *testing.T) {
	good := encodeFeatures(codecFeatures(t)[0])
	for name, b := range map[string][]byte{
		"empty":         nil,
		"other version": append([]byte{2}, good[1:]...),
		"cut short":     good[:len(good)-1],
		"trailing":      append(append([]byte{}, good...), 0),
		"long length":   {featuresV1, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"overlong":      {featuresV1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01},
		"bad JSON":      []byte(`{"id":`),
	} {
		var f Features
		if err := decodeFeatures(b, &f); err == nil {
			t.Errorf("%s: read as %+v, want an error", name, f)
		} else if b != nil && b[0] != '{' && !errors.Is(err, errFeatures) {
			t.Errorf("%s: %v, want errFeatures", name, err)
		}
	}
}

// FuzzFeatureCodec checks that any blob is refused or read, never a
// panic, and that what is read is written back the same.
func FuzzFeatureCodec(f *testing.F) {
	for _, ft := range codecFeatures(f)[:20] {
		f.Add(encodeFeatures(ft))
	}
	f.Add([]byte{featuresV1})
	f.Add([]byte(`{"id":"x","g":"a","rs":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ft Features
		if err := decodeFeatures(b, &ft); err != nil {
			return
		}
		var back Features
		if err := decodeFeatures(encodeFeatures(&ft), &back); err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if !reflect.DeepEqual(encodeFeatures(&back), encodeFeatures(&ft)) {
			t.Fatalf("read back differs:\n%+v\n%+v", back, ft)
		}
	})
}

func BenchmarkDecodeFeatures(b *testing.B) {
	fs := codecFeatures(b)
	bin := make([][]byte, len(fs))
	js := make([][]byte, len(fs))
	for i, f := range fs {
		bin[i] = encodeFeatures(f)
		js[i], _ = json.Marshal(f)
	}
	for name, blobs := range map[string][][]byte{"binary": bin, "json": js} {
		b.Run(name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				var f Features
				if err := decodeFeatures(blobs[i%len(blobs)], &f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
