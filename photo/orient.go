package photo

import "encoding/binary"

// jpegOrientation returns the EXIF orientation (1..8) of a JPEG file, 1
// when it has none or the EXIF data cannot be read. It walks the JPEG
// segments up to the start of the scan, finds the APP1 "Exif" segment and
// reads tag 0x0112 of its first image directory (TIFF 6.0, EXIF 2.3).
func jpegOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return 1
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads the orientation tag from a TIFF header and its
// first image file directory.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(t[2:]) != 42 {
		return 1
	}
	off := int(order.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	count := int(order.Uint16(t[off:]))
	for e := 0; e < count; e++ {
		p := off + 2 + 12*e
		if p+12 > len(t) {
			return 1
		}
		if order.Uint16(t[p:]) != 0x0112 {
			continue
		}
		// Type SHORT (3), one value, held in the first two bytes of the
		// value field.
		if order.Uint16(t[p+2:]) != 3 || order.Uint32(t[p+4:]) != 1 {
			return 1
		}
		if o := int(order.Uint16(t[p+8:])); o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// orient turns a luma grid from the stored orientation to the shown one:
// EXIF orientations 2..8 are the mirrorings and quarter turns of the
// stored image (6 means turn it 90° clockwise to show it).
func orient(in *[side][side]float64, o int) *[side][side]float64 {
	if o <= 1 || o > 8 {
		return in
	}
	const n = side - 1
	var out [side][side]float64
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			var v float64
			switch o {
			case 2: // mirrored left to right
				v = in[y][n-x]
			case 3: // turned 180°
				v = in[n-y][n-x]
			case 4: // mirrored top to bottom
				v = in[n-y][x]
			case 5: // transposed
				v = in[x][y]
			case 6: // turn 90° clockwise
				v = in[n-x][y]
			case 7: // transversed
				v = in[n-x][n-y]
			case 8: // turn 90° anticlockwise
				v = in[x][n-y]
			}
			out[y][x] = v
		}
	}
	return &out
}
