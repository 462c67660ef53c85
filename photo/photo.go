// Package photo computes perceptual hashes of face photos, so that the same
// photo re-used under several personas is found even after it was resized,
// re-compressed or lightly edited.
//
// The hash is the DCT pHash: the image is turned grey, scaled to 32×32,
// transformed with a 2-D discrete cosine transform, and the 8×8 lowest
// frequencies (leaving out the row and column of the DC term) are compared
// with their median, one bit each. Two hashes of one photo differ in few
// bits (Distance); unrelated photos differ in about half. No pHash library
// is available to the project's module proxy, so the transform is written
// here: the image is reduced with a box filter (golang.org/x/image/draw's
// Catmull-Rom scales up images smaller than 32×32). JPEGs read by
// HashReader and HashFile are turned upright first, as their EXIF
// orientation says, so a phone photo and its rotated re-save hash alike.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // register GIF decoding
	_ "image/jpeg" // register JPEG decoding
	_ "image/png"  // register PNG decoding
	"io"
	"math"
	"math/bits"
	"os"
	"slices"
	"strconv"

	xdraw "golang.org/x/image/draw"
)

const (
	// side is the size the image is scaled to before the DCT.
	side = 32
	// low is the size of the low-frequency block the hash reads.
	low = 8
	// MaxPixels bounds the images HashReader decodes: a header may claim
	// a size whose pixels would exhaust memory.
	MaxPixels = 80 << 20
	// MaxBytes bounds the size of an image file HashReader reads.
	MaxBytes = 64 << 20
)

// ErrTooLarge is returned for images over MaxBytes or MaxPixels.
var ErrTooLarge = errors.New("image too large")

// HashFile decodes the JPEG, PNG or GIF image at path and returns its
// perceptual hash.
func HashFile(path string) (uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("photo hash: %w", err)
	}
	defer f.Close()
	h, err := HashReader(f)
	if err != nil {
		return 0, fmt.Errorf("photo hash %s: %w", path, err)
	}
	return h, nil
}

// HashReader decodes a JPEG, PNG or GIF image and returns its perceptual
// hash. A JPEG is hashed upright, as its EXIF orientation says it is
// shown. Files over MaxBytes and images over MaxPixels are refused before
// they are decoded.
func HashReader(r io.Reader) (uint64, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return 0, fmt.Errorf("read image: %w", err)
	}
	if len(data) > MaxBytes {
		return 0, fmt.Errorf("read image: more than %d bytes: %w", MaxBytes, ErrTooLarge)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("decode image header: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, fmt.Errorf("decode %s: empty image %dx%d", format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return 0, fmt.Errorf("decode %s: %dx%d: %w", format, cfg.Width, cfg.Height, ErrTooLarge)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("decode %s: %w", format, err)
	}
	if img.Bounds().Empty() {
		return 0, nil
	}
	px := greyGrid(img)
	if format == "jpeg" {
		// Phones store photos as the sensor saw them and say in EXIF how to
		// turn them upright; hash the photo as it is shown.
		px = orient(px, jpegOrientation(data))
	}
	return hashGrid(px), nil
}

// Hash returns the perceptual hash of an image.
func Hash(img image.Image) uint64 {
	b := img.Bounds()
	if b.Empty() {
		return 0
	}
	return hashGrid(greyGrid(img))
}

// hashGrid is the pHash of a side×side luma grid.
func hashGrid(px *[side][side]float64) uint64 {
	coef := dct2(px)
	var vals [low * low]float64
	for v := 0; v < low; v++ {
		for u := 0; u < low; u++ {
			vals[v*low+u] = coef[v+1][u+1]
		}
	}
	sorted := vals
	slices.Sort(sorted[:])
	median := (sorted[low*low/2-1] + sorted[low*low/2]) / 2
	var h uint64
	for i, c := range vals {
		if c > median {
			h |= 1 << (63 - i)
		}
	}
	return h
}

// greyGrid returns the image as side×side luma values in 0..255. Images
// at least side pixels each way are reduced by averaging the pixels of
// each cell (a box filter: one pass, no aliasing); smaller ones are
// scaled up with Catmull-Rom. Luma is ITU-R BT.601, which is what JPEG's
// Y channel holds, so a photo hashes alike whether decoded from JPEG or
// PNG. Transparent pixels count as black.
func greyGrid(img image.Image) *[side][side]float64 {
	var px [side][side]float64
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < side || h < side {
		small := image.NewRGBA(image.Rect(0, 0, side, side))
		xdraw.CatmullRom.Scale(small, small.Bounds(), img, b, xdraw.Src, nil)
		for y := 0; y < side; y++ {
			for x := 0; x < side; x++ {
				p := small.Pix[y*small.Stride+4*x:]
				px[y][x] = luma(p[0], p[1], p[2])
			}
		}
		return &px
	}
	cellX := make([]uint8, w)
	for x := range cellX {
		cellX[x] = uint8(x * side / w)
	}
	var sum [side][side]float64
	var n [side][side]int
	add := func(y int, row func(x int) float64) {
		cy := (y - b.Min.Y) * side / h
		for x := 0; x < w; x++ {
			cx := cellX[x]
			sum[cy][cx] += row(x)
			n[cy][cx]++
		}
	}
	switch m := img.(type) {
	case *image.YCbCr:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Y[m.YOffset(b.Min.X, y):]
			add(y, func(x int) float64 { return float64(row[x]) })
		}
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			add(y, func(x int) float64 { return float64(row[x]) })
		}
	case *image.RGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			add(y, func(x int) float64 { return luma(row[4*x], row[4*x+1], row[4*x+2]) })
		}
	default:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			add(y, func(x int) float64 {
				r, g, bl, _ := img.At(b.Min.X+x, y).RGBA()
				return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
			})
		}
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			px[y][x] = sum[y][x] / float64(n[y][x])
		}
	}
	return &px
}

// luma is the ITU-R BT.601 luma of an 8-bit colour.
func luma(r, g, b uint8) float64 {
	return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
}

// dctCos holds cos((2x+1)uπ / 2N) for the 32-point DCT-II, computed per call
// (it is cheap beside decoding) so the package keeps no mutable state.
func dctCos() *[side][side]float64 {
	var c [side][side]float64
	for u := 0; u < side; u++ {
		for x := 0; x < side; x++ {
			c[u][x] = math.Cos(float64(2*x+1) * float64(u) * math.Pi / (2 * side))
		}
	}
	return &c
}

// dct2 returns the low (low+1)×(low+1) coefficients of the 2-D DCT-II of
// px; scale factors are left out since only their order matters.
func dct2(px *[side][side]float64) *[low + 1][low + 1]float64 {
	c := dctCos()
	// rows: tmp[y][u] = Σx px[y][x]·c[u][x]
	var tmp [side][low + 1]float64
	for y := 0; y < side; y++ {
		for u := 0; u <= low; u++ {
			s := 0.0
			for x := 0; x < side; x++ {
				s += px[y][x] * c[u][x]
			}
			tmp[y][u] = s
		}
	}
	var out [low + 1][low + 1]float64
	for v := 0; v <= low; v++ {
		for u := 0; u <= low; u++ {
			s := 0.0
			for y := 0; y < side; y++ {
				s += tmp[y][u] * c[v][y]
			}
			out[v][u] = s
		}
	}
	return &out
}

// ParseHex reads a hash written as exactly 16 hex digits (either case).
func ParseHex(s string) (uint64, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("photo hash %q: want 16 hex digits, got %d characters", clip(s), len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return 0, fmt.Errorf("photo hash %q: %q is not a hex digit", s, c)
		}
	}
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("photo hash %q: %w", s, err)
	}
	return v, nil
}

// FormatHex writes a hash as 16 lower-case hex digits.
func FormatHex(h uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[h&0xf]
		h >>= 4
	}
	return string(b[:])
}

// Distance returns the Hamming distance between two hashes: the number of
// bits that differ, 0 for the same photo, about 32 for unrelated ones.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
