package photo_test

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/ringerhq/ringer/photo"
)

func ExampleHash() {
	// A picture: a bright disc off centre on a dark diagonal gradient.
	picture := func(w, h int, cx, cy float64) image.Image {
		img := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				fx, fy := float64(x)/float64(w), float64(y)/float64(h)
				v := 80 * (fx + fy) / 2
				if math.Hypot(fx-cx, fy-cy) < 0.2 {
					v = 230
				}
				img.SetGray(x, y, color.Gray{Y: uint8(v)})
			}
		}
		return img
	}
	big := photo.Hash(picture(400, 300, 0.35, 0.4))
	small := photo.Hash(picture(100, 75, 0.35, 0.4)) // the same picture, smaller
	other := photo.Hash(picture(400, 300, 0.7, 0.6)) // the disc elsewhere
	fmt.Println(photo.Distance(big, small) <= 6, photo.Distance(big, other) >= 16)
	// Output: true true
}

func ExampleParseHex() {
	h, err := photo.ParseHex("C3D4E5F6A7B8C9D0")
	fmt.Println(photo.FormatHex(h), err)
	fmt.Println(photo.Distance(h, h^0b1011))
	// Output:
	// c3d4e5f6a7b8c9d0 <nil>
	// 3
}
