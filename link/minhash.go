package link

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// MinHash parameters: SigSize hash functions split into Bands bands of
// Rows rows for locality-sensitive hashing. With 8 bands of 4 rows, two
// résumés with word-shingle Jaccard similarity 0.6 become candidates with
// probability 1−(1−0.6⁴)⁸ ≈ 0.67, at 0.7 ≈ 0.89, at 0.8 ≈ 0.99, and at
// 0.3 only ≈ 0.06.
const (
	SigSize = 32
	// sigBits is log2(SigSize).
	sigBits = 5
	Bands   = 8
	Rows    = SigSize / Bands
	// shingle is the number of words in a shingle.
	shingle = 3
)

// Signature is a MinHash signature of a text's word shingles.
type Signature [SigSize]uint32

// The multiplier and increment that spread shingle hashes over the bins.
// They are fixed, not random per run, so that signatures stored yesterday
// compare with signatures computed today.
const (
	binMul = 0x9E3779B97F4A7C15 | 1
	binAdd = 0xBF58476D1CE4E5B9
)

// MinHash returns the signature of text's word 3-shingles (words folded to
// lower case, punctuation dropped). A text of fewer than three words gets
// one shingle of all its words; an empty text gets nil.
func MinHash(text string) *Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	var ring [shingle]uint64 // hashes of the last words
	n := 0
	any := false
	// One-permutation hashing: each shingle's hash picks one of the
	// SigSize bins by its top bits and competes there with its low bits,
	// one multiply per shingle instead of SigSize. Bins no shingle reached
	// are filled afterwards from the next bin that has one (rotation
	// densification), so that equal texts still agree everywhere.
	add := func(h uint64) {
		any = true
		h = binMul*h + binAdd
		bin := h >> (64 - sigBits)
		if v := uint32(h); v < sig[bin] {
			sig[bin] = v
		}
	}
	word := uint64(14695981039346656037) // FNV-1a offset
	inWord := false
	flush := func() {
		if !inWord {
			return
		}
		ring[n%shingle] = word
		n++
		if n >= shingle {
			h := uint64(0)
			for k := 0; k < shingle; k++ {
				h = bits.RotateLeft64(h, 21) ^ ring[(n-shingle+k)%shingle]
				h *= 0x100000001B3
			}
			add(h)
		}
		word = 14695981039346656037
		inWord = false
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for r > 0 {
				word ^= uint64(r & 0xff)
				word *= 0x100000001B3
				r >>= 8
			}
			inWord = true
		} else {
			flush()
		}
	}
	flush()
	if n > 0 && n < shingle {
		h := uint64(0)
		for k := 0; k < n; k++ {
			h = bits.RotateLeft64(h, 21) ^ ring[k]
			h *= 0x100000001B3
		}
		add(h)
	}
	if !any {
		return nil
	}
	densify(&sig)
	return &sig
}

// densify fills empty bins from the nearest filled bin to their right
// (cyclically), offset by the distance so that the copies stay distinct.
func densify(sig *Signature) {
	for i := range sig {
		if sig[i] != ^uint32(0) {
			continue
		}
		for d := 1; d < SigSize; d++ {
			if v := sig[(i+d)%SigSize]; v != ^uint32(0) && !isFill(v) {
				sig[i] = fill(v, d)
				break
			}
		}
	}
}

// Filled bins carry a marker bit pattern in their top byte: a fill never
// equals a real minimum of another text unless the source bins agree.
func fill(v uint32, d int) uint32 { return (v*0x9E3779B1+uint32(d))&0x00ffffff | 0xfe000000 }
func isFill(v uint32) bool        { return v&0xff000000 == 0xfe000000 }

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two signatures.
func (s *Signature) Similarity(o *Signature) float64 {
	eq := 0
	for i := range s {
		if s[i] == o[i] {
			eq++
		}
	}
	return float64(eq) / SigSize
}

// BandKeys returns the LSH band keys of a signature: two signatures that
// agree on all rows of any band share a key.
func (s *Signature) BandKeys() [Bands]uint64 {
	var keys [Bands]uint64
	for b := 0; b < Bands; b++ {
		h := uint64(b+1) * 0x9E3779B97F4A7C15
		for r := 0; r < Rows; r++ {
			h ^= uint64(s[b*Rows+r])
			h *= 0x100000001B3
			h = bits.RotateLeft64(h, 29)
		}
		keys[b] = h
	}
	return keys
}
