package photo_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/ringerhq/ringer/photo"
)

// BenchmarkHash hashes a decoded 1200×1600 photo (YCbCr, as JPEG decodes).
func BenchmarkHash(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, portrait(1200, 1600, 9), &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		b.Fatal(err)
	}
	if _, ok := img.(*image.YCbCr); !ok {
		b.Fatalf("decoded %T", img)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = photo.Hash(img)
	}
}

// BenchmarkHashReader decodes and hashes a 1200×1600 JPEG.
func BenchmarkHashReader(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, portrait(1200, 1600, 9), &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := photo.HashReader(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
