package photo_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	xdraw "golang.org/x/image/draw"

	"github.com/ringerhq/ringer/photo"
)

// portrait draws a synthetic face-like picture: a background gradient, an
// ellipse for the head, two eyes and a mouth, placed by seed.
func portrait(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg0, bg1 := r.Float64()*255, r.Float64()*255
	cx, cy := w/2+r.IntN(w/8)-w/16, h/2+r.IntN(h/8)-h/16
	rx, ry := float64(w)*(0.25+r.Float64()*0.1), float64(h)*(0.3+r.Float64()*0.1)
	skin := color.RGBA{uint8(150 + r.IntN(100)), uint8(100 + r.IntN(100)), uint8(80 + r.IntN(100)), 255}
	eyeY := cy - int(ry/3)
	eyeDX := int(rx / 2.5)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			t := float64(x+y) / float64(w+h)
			v := uint8(bg0*(1-t) + bg1*t)
			c := color.RGBA{v, v / 2, 255 - v, 255}
			dx, dy := float64(x-cx)/rx, float64(y-cy)/ry
			if dx*dx+dy*dy < 1 {
				c = skin
				for _, ex := range []int{cx - eyeDX, cx + eyeDX} {
					if math.Hypot(float64(x-ex), float64(y-eyeY)) < rx/8 {
						c = color.RGBA{20, 20, 30, 255}
					}
				}
				if y > cy+int(ry/3) && y < cy+int(ry/3)+h/40+2 && math.Abs(float64(x-cx)) < rx/2.5 {
					c = color.RGBA{120, 30, 40, 255}
				}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func TestHashSameAndDifferent(t *testing.T) {
	orig := portrait(240, 320, 1)
	h := photo.Hash(orig)

	// Re-encodings, rescaling and mild edits of one photo stay close.
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, orig, &jpeg.Options{Quality: 40}); err != nil {
		t.Fatal(err)
	}
	jpg, err := jpeg.Decode(&jb)
	if err != nil {
		t.Fatal(err)
	}
	small := image.NewRGBA(image.Rect(0, 0, 120, 160))
	xdraw.ApproxBiLinear.Scale(small, small.Bounds(), orig, orig.Bounds(), xdraw.Src, nil)
	brighter := image.NewRGBA(orig.Bounds())
	for i, v := range orig.Pix {
		if i%4 == 3 {
			brighter.Pix[i] = v
			continue
		}
		brighter.Pix[i] = uint8(min(255, int(v)+20))
	}
	var gb bytes.Buffer
	if err := gif.Encode(&gb, orig, nil); err != nil {
		t.Fatal(err)
	}
	gf, err := gif.Decode(&gb)
	if err != nil {
		t.Fatal(err)
	}
	near := map[string]image.Image{"jpeg q40": jpg, "half size": small, "brighter": brighter, "gif palette": gf}
	for name, img := range near {
		if d := photo.Distance(h, photo.Hash(img)); d > 8 {
			t.Errorf("%s: distance %d from the original, want ≤ 8", name, d)
		}
	}
	// Other portraits are far.
	for seed := uint64(2); seed < 12; seed++ {
		if d := photo.Distance(h, photo.Hash(portrait(240, 320, seed))); d < 12 {
			t.Errorf("portrait %d: distance %d from portrait 1, want ≥ 12", seed, d)
		}
	}
}

func TestHashDeterministicAndBalanced(t *testing.T) {
	img := portrait(200, 200, 7)
	a, b := photo.Hash(img), photo.Hash(img)
	if a != b {
		t.Fatalf("Hash is not deterministic: %x, %x", a, b)
	}
	// Median thresholding sets about half the bits.
	if n := photo.Distance(a, 0); n < 20 || n > 44 {
		t.Errorf("hash %016x has %d bits set, want about 32", a, n)
	}
	// A flat image has no structure: every coefficient is the median.
	flat := image.NewGray(image.Rect(0, 0, 50, 50))
	if h := photo.Hash(flat); h != 0 {
		t.Errorf("flat image hash = %016x, want 0", h)
	}
	if h := photo.Hash(image.NewGray(image.Rect(0, 0, 0, 0))); h != 0 {
		t.Errorf("empty image hash = %016x, want 0", h)
	}
}

func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	img := portrait(160, 200, 3)
	want := photo.Hash(img)
	write := func(name string, enc func(*os.File) error) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := enc(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pngPath := write("a.png", func(f *os.File) error { return png.Encode(f, img) })
	jpgPath := write("a.jpg", func(f *os.File) error { return jpeg.Encode(f, img, &jpeg.Options{Quality: 90}) })
	if got, err := photo.HashFile(pngPath); err != nil || got != want {
		t.Errorf("HashFile(png) = %016x, %v; want %016x", got, err, want)
	}
	if got, err := photo.HashFile(jpgPath); err != nil || photo.Distance(got, want) > 6 {
		t.Errorf("HashFile(jpeg) = %016x, %v; want near %016x", got, err, want)
	}
	bad := write("bad.png", func(f *os.File) error { _, err := f.WriteString("not an image"); return err })
	if _, err := photo.HashFile(bad); err == nil || !bytes.Contains([]byte(err.Error()), []byte("bad.png")) {
		t.Errorf("HashFile(bad) error = %v, want one naming the file", err)
	}
	if _, err := photo.HashFile(filepath.Join(dir, "missing.jpg")); err == nil {
		t.Error("HashFile(missing) succeeded")
	}
}

func TestHashReaderTooLarge(t *testing.T) {
	// A PNG header claiming 100000x100000 pixels is refused before decoding.
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	// IHDR width and height are bytes 16..23, its CRC bytes 29..32.
	for _, off := range []int{16, 20} {
		data[off], data[off+1], data[off+2], data[off+3] = 0, 0x01, 0x86, 0xA0
	}
	binary.BigEndian.PutUint32(data[29:33], crc32.ChecksumIEEE(data[12:29]))
	_, err := photo.HashReader(bytes.NewReader(data))
	if !errors.Is(err, photo.ErrTooLarge) {
		t.Errorf("HashReader(huge header) error = %v, want ErrTooLarge", err)
	}
}

func TestParseFormatHex(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"c3d4e5f6a7b8c9d0", 0xc3d4e5f6a7b8c9d0, true},
		{"C3D4E5F6A7B8C9D0", 0xc3d4e5f6a7b8c9d0, true},
		{"0000000000000000", 0, true},
		{"ffffffffffffffff", math.MaxUint64, true},
		{"c3d4e5f6a7b8c9d", 0, false},
		{"c3d4e5f6a7b8c9d00", 0, false},
		{"0xd4e5f6a7b8c9d0", 0, false},
		{"+3d4e5f6a7b8c9d0", 0, false},
		{"c3d4e5f6 7b8c9d0", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := photo.ParseHex(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseHex(%q) = %x, %v; want %x, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			if s := photo.FormatHex(got); s != string(bytes.ToLower([]byte(tt.in))) {
				t.Errorf("FormatHex(%x) = %q", got, s)
			}
		}
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b uint64
		want int
	}{{0, 0, 0}, {0, 1, 1}, {0, math.MaxUint64, 64}, {0xf0, 0x0f, 8}} {
		if got := photo.Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%x, %x) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func FuzzParseHex(f *testing.F) {
	for _, s := range []string{"c3d4e5f6a7b8c9d0", "", "xyz", "0xd4e5f6a7b8c9d0", "+3d4e5f6a7b8c9d0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := photo.ParseHex(s)
		if err != nil {
			return
		}
		if back, err := photo.ParseHex(photo.FormatHex(h)); err != nil || back != h {
			t.Fatalf("round trip of %q: %x, %v", s, back, err)
		}
		if len(s) != 16 {
			t.Fatalf("ParseHex(%q) accepted %d characters", s, len(s))
		}
	})
}

func FuzzHashReader(f *testing.F) {
	small := portrait(24, 24, 5)
	var b bytes.Buffer
	_ = png.Encode(&b, small)
	f.Add(b.Bytes())
	b.Reset()
	_ = jpeg.Encode(&b, small, nil)
	f.Add(b.Bytes())
	b.Reset()
	_ = gif.Encode(&b, small, nil)
	f.Add(b.Bytes())
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := photo.HashReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		if h2, _ := photo.HashReader(bytes.NewReader(data)); h2 != h {
			t.Fatalf("HashReader not deterministic: %x, %x", h, h2)
		}
	})
}
