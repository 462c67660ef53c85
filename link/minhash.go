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
	Bands   = 8
	Rows    = SigSize / Bands
	// shingle is the number of words in a shingle.
	shingle = 3
)

// Signature is a MinHash signature of a text's word shingles.
type Signature [SigSize]uint32

// hashCoeffs are the fixed multipliers and increments of the SigSize hash
// functions. They are fixed (not random per run) so that signatures stored
// yesterday compare with signatures computed today.
var hashCoeffs = func() (c [SigSize][2]uint64) {
	s := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // splitmix64
		s += 0x9E3779B97F4A7C15
		z := s
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range c {
		c[i][0] = next() | 1
		c[i][1] = next()
	}
	return c
}()

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
	add := func(h uint64) {
		any = true
		for i := range sig {
			v := uint32((hashCoeffs[i][0]*h + hashCoeffs[i][1]) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
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
	return &sig
}

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
