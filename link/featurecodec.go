package link

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// How a persona's features are stored (ringer.Persona.Features).
//
// Screening a record reads the features of the two dozen stored records
// that share a key with it, and decoding them from JSON by reflection was
// a tenth of a screen's CPU time against a million records. They are
// written in a binary form of their own instead: a version byte, then
// every field in a fixed order, strings and lists as a uvarint length and
// their bytes or elements. Decoding turns the blob into one string and
// cuts every text field out of it, so a persona costs a handful of
// allocations. Personas stored as JSON by earlier versions (a blob that
// begins with '{') are still read; they are rewritten in the binary form
// when their record is linked again.
const featuresV1 = 1

// errFeatures is returned for a blob that is neither form.
var errFeatures = errors.New("bad features encoding")

// encodeFeatures returns the stored form of f.
func encodeFeatures(f *Features) []byte {
	n := 64 + len(f.ID) + len(f.Given) + len(f.Family) + len(f.Number) + len(f.Street) +
		len(f.Line2) + len(f.City) + len(f.Postcode) + len(f.Region) + len(f.ReferredBy) + 10*len(f.Photos)
	for _, l := range [][]string{f.Other, f.Emails, f.Phones, f.Documents, f.Strong, f.Weak} {
		for _, s := range l {
			n += len(s) + 1
		}
	}
	if f.Resume != nil {
		n += SigSize
	}
	b := make([]byte, 0, n)
	b = append(b, featuresV1)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	strs := func(l []string) {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			str(s)
		}
	}
	str(f.ID)
	str(f.Given)
	str(f.Family)
	strs(f.Other)
	b = binary.AppendVarint(b, int64(f.Birth.Year))
	b = binary.AppendVarint(b, int64(f.Birth.Month))
	b = binary.AppendVarint(b, int64(f.Birth.Day))
	str(f.Number)
	str(f.Street)
	str(f.Line2)
	str(f.City)
	str(f.Postcode)
	str(f.Region)
	strs(f.Emails)
	strs(f.Phones)
	strs(f.Documents)
	if f.Keyed {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	strs(f.Strong)
	strs(f.Weak)
	if f.Resume != nil {
		b = append(b, 1)
		b = append(b, f.Resume[:]...)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(f.Photos)))
	for _, h := range f.Photos {
		b = binary.BigEndian.AppendUint64(b, h)
	}
	str(f.ReferredBy)
	return b
}

// decodeFeatures reads features stored by encodeFeatures, or as JSON by
// earlier versions, into f.
func decodeFeatures(b []byte, f *Features) error {
	if len(b) > 0 && b[0] == '{' {
		*f = Features{}
		return json.Unmarshal(b, f)
	}
	if len(b) == 0 || b[0] != featuresV1 {
		return errFeatures
	}
	d := featureDecoder{s: string(b[1:])}
	*f = Features{}
	f.ID = d.str()
	f.Given = d.str()
	f.Family = d.str()
	f.Other = d.strs()
	f.Birth.Year = d.int()
	f.Birth.Month = d.int()
	f.Birth.Day = d.int()
	f.Number = d.str()
	f.Street = d.str()
	f.Line2 = d.str()
	f.City = d.str()
	f.Postcode = d.str()
	f.Region = d.str()
	f.Emails = d.strs()
	f.Phones = d.strs()
	f.Documents = d.strs()
	f.Keyed = d.flag()
	f.Strong = d.strs()
	f.Weak = d.strs()
	if d.flag() {
		if r := d.take(SigSize); d.err == nil {
			f.Resume = new(Signature)
			copy(f.Resume[:], r)
		}
	}
	if n := d.count(8); n > 0 {
		f.Photos = make([]uint64, n)
		for i := range f.Photos {
			f.Photos[i] = d.uint64()
		}
	}
	f.ReferredBy = d.str()
	if d.err == nil && d.s != "" {
		d.err = fmt.Errorf("%d bytes after the last field", len(d.s))
	}
	if d.err != nil {
		return fmt.Errorf("%w: %v", errFeatures, d.err)
	}
	return nil
}

// featureDecoder reads the fields of a stored features blob off the front
// of s; the first error stops it (every read after returns zero).
type featureDecoder struct {
	s   string
	err error
}

func (d *featureDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			d.s = d.s[i+1:]
			return v
		}
	}
	d.err = errors.New("truncated or overlong number")
	return 0
}

func (d *featureDecoder) int() int {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return int(v)
}

// count reads a length, checked against what is left at least size
// bytes an element.
func (d *featureDecoder) count(size int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.s)/size) {
		d.err = fmt.Errorf("length %d past the end", n)
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *featureDecoder) take(n int) string {
	if d.err != nil {
		return ""
	}
	if n > len(d.s) {
		d.err = errors.New("truncated")
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// uint64 reads 8 bytes, big-endian.
func (d *featureDecoder) uint64() uint64 {
	s := d.take(8)
	if len(s) < 8 {
		return 0
	}
	return uint64(s[0])<<56 | uint64(s[1])<<48 | uint64(s[2])<<40 | uint64(s[3])<<32 |
		uint64(s[4])<<24 | uint64(s[5])<<16 | uint64(s[6])<<8 | uint64(s[7])
}

func (d *featureDecoder) str() string { return d.take(d.count(1)) }

func (d *featureDecoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *featureDecoder) flag() bool {
	switch d.take(1) {
	case "\x00", "":
		return false
	case "\x01":
		return true
	}
	d.err = errors.New("bad flag")
	return false
}
