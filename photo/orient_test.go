package photo_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"testing"

	"github.com/ringerhq/ringer/photo"
)

// stored returns the image a camera would store for the upright picture
// p with EXIF orientation o: the one that turns into p when shown.
func stored(p image.Image, o int) image.Image {
	b := p.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	s := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			var px, py int // the pixel of p shown where s's (x, y) goes
			switch o {
			case 1:
				px, py = x, y
			case 2:
				px, py = w-1-x, y
			case 3:
				px, py = w-1-x, h-1-y
			case 4:
				px, py = x, h-1-y
			case 5:
				px, py = y, x
			case 6: // shown turned 90° clockwise
				px, py = w-1-y, x
			case 7:
				px, py = w-1-y, h-1-x
			case 8: // shown turned 90° anticlockwise
				px, py = y, ow-1-x
			}
			s.Set(x, y, p.At(b.Min.X+px, b.Min.Y+py))
		}
	}
	return s
}

// withOrientation inserts an APP1 Exif segment carrying orientation o
// (big-endian TIFF, one IFD entry) after a JPEG's start-of-image marker.
func withOrientation(jpg []byte, o int) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))      // IFD0 offset
	binary.Write(&tiff, binary.BigEndian, uint16(1))      // one entry
	binary.Write(&tiff, binary.BigEndian, uint16(0x0112)) // Orientation
	binary.Write(&tiff, binary.BigEndian, uint16(3))      // SHORT
	binary.Write(&tiff, binary.BigEndian, uint32(1))      // count
	binary.Write(&tiff, binary.BigEndian, uint16(o))      // value
	binary.Write(&tiff, binary.BigEndian, uint16(0))      // padding
	binary.Write(&tiff, binary.BigEndian, uint32(0))      // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestHashReaderEXIFOrientation(t *testing.T) {
	upright := portrait(240, 320, 4)
	want := photo.Hash(upright)
	for o := 1; o <= 8; o++ {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, stored(upright, o), &jpeg.Options{Quality: 92}); err != nil {
			t.Fatal(err)
		}
		got, err := photo.HashReader(bytes.NewReader(withOrientation(b.Bytes(), o)))
		if err != nil {
			t.Fatalf("orientation %d: %v", o, err)
		}
		if d := photo.Distance(got, want); d > 6 {
			t.Errorf("orientation %d: distance %d from the upright photo, want ≤ 6", o, d)
		}
		// Without the EXIF tag a turned or mirrored photo hashes as stored.
		plain, err := photo.HashReader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if d := photo.Distance(plain, want); o != 1 && d < 10 {
			t.Errorf("orientation %d without EXIF: distance %d, want the stored picture to differ", o, d)
		}
	}
}
