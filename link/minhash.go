package link

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// MinHash parameters. A signature keeps SigSize one-permutation MinHash
// bins of 8 bits each (b-bit MinHash): 128 bytes, the size 32 full 32-bit
// bins would take, with four times the bins. Similarity is estimated over
// all bins, so its standard error at a true Jaccard similarity of 0.45 is
// about 0.044 (32 full bins: 0.088) — the difference between an honest
// résumé written from a common template crossing the near-duplicate
// threshold by chance one time in twenty-odd and one time in several
// thousand, which matters once a population holds millions of such pairs.
//
// Candidates come from the first Bands×Rows bins: 16 bands of 4 rows. Two
// résumés with Jaccard similarity 0.6 share a band with probability
// 1−(1−0.6⁴)¹⁶ ≈ 0.89, at 0.65 ≈ 0.95, at 0.7 ≈ 0.99, and at 0.3 only
// ≈ 0.12 (the 8-bit rows add a 1/256 chance agreement each).
const (
	SigSize = 128
	// sigBits is log2(SigSize).
	sigBits = 7
	Bands   = 16
	Rows    = 4
	// shingle is the number of words in a shingle.
	shingle = 3
)

// Signature is a b-bit MinHash signature of a text's word shingles: the
// low 8 bits of each bin's minimum.
type Signature [SigSize]uint8

// The multiplier and increment that spread shingle hashes over the bins.
// They are fixed, not random per run, so that signatures stored yesterday
// compare with signatures computed today.
const (
	binMul = 0x9E3779B97F4A7C15 | 1
	binAdd = 0xBF58476D1CE4E5B9
)

// empty marks a bin no shingle reached before densification.
const empty = ^uint32(0)

// MinHash returns the signature of text's word 3-shingles (words folded to
// lower case, punctuation dropped). A text of fewer than three words gets
// one shingle of all its words; an empty text gets nil.
func MinHash(text string) *Signature {
	var mins [SigSize]uint32
	for i := range mins {
		mins[i] = empty
	}
	// One-permutation hashing: each shingle's hash picks one of the
	// SigSize bins by its top bits and competes there with its low bits,
	// one multiply per shingle instead of SigSize. Bins no shingle reached
	// are filled afterwards (densify), so that equal texts still agree
	// everywhere.
	any := false
	eachShingle(text, func(h uint64) {
		any = true
		h = binMul*h + binAdd
		bin := h >> (64 - sigBits)
		if v := uint32(h) &^ fillFlag; v < mins[bin] {
			mins[bin] = v
		}
	})
	if !any {
		return nil
	}
	densify(&mins)
	var sig Signature
	for i, v := range mins {
		// The low bits of a minimum are as good as random; a fill mixes
		// its source and attempt into them (see fill).
		sig[i] = uint8(v ^ v>>8 ^ v>>16)
	}
	return &sig
}

// ResumeJaccard returns the exact Jaccard similarity of two texts' word
// 3-shingles, the quantity Signature.Similarity estimates. It settles the
// pairs whose estimate is too close to the threshold to trust.
func ResumeJaccard(a, b string) float64 {
	sa := make(map[uint64]struct{})
	eachShingle(a, func(h uint64) { sa[h] = struct{}{} })
	in, nb := 0, 0
	sb := make(map[uint64]struct{})
	eachShingle(b, func(h uint64) {
		if _, dup := sb[h]; dup {
			return
		}
		sb[h] = struct{}{}
		nb++
		if _, ok := sa[h]; ok {
			in++
		}
	})
	union := len(sa) + nb - in
	if union == 0 {
		return 0
	}
	return float64(in) / float64(union)
}

// eachShingle calls fn with the hash of each word 3-shingle of text (words
// are runs of letters and digits, folded to lower case); a text of one or
// two words gives one shingle of all its words.
func eachShingle(text string, fn func(h uint64)) {
	var ring [shingle]uint64 // hashes of the last words
	n := 0
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
			fn(h)
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
		fn(h)
	}
}

// fillFlag marks a bin filled by densification; real minima never carry
// it (add clears it), so a fill equals another text's bin only when both
// were filled from agreeing source bins at the same distance.
const fillFlag = 1 << 31

// densify fills each empty bin from a real bin picked by a hash of the
// empty bin's index and an attempt number, the first attempt that lands
// on a real bin winning ("optimal densification", Shrivastava 2017). Two
// texts that agree on which bins are real pick the same sources, and
// different empty bins pick independent sources, so a short text's fills
// do not all copy one neighbour's fate as a scan to the right would.
func densify(mins *[SigSize]uint32) {
	for i := range mins {
		if mins[i] != empty {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			h := (uint64(i)<<32 | attempt) * binMul
			h ^= h >> 29
			h *= binAdd | 1
			src := h >> (64 - sigBits)
			if v := mins[src]; v != empty && v&fillFlag == 0 {
				mins[i] = fill(v, int(attempt))
				break
			}
		}
	}
}

// fill derives a filled bin's value from its source bin's minimum and the
// attempt that found it.
func fill(v uint32, d int) uint32 {
	h := (uint64(v)<<8 | uint64(d)) * binMul
	return uint32(h>>32) | fillFlag
}

// chance is the probability that two unrelated 8-bit bins agree.
const chance = 1.0 / 256

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two signatures: the share of agreeing bins, corrected for the 1/256
// chance that unrelated 8-bit values agree.
func (s *Signature) Similarity(o *Signature) float64 {
	eq := 0
	for i := 0; i < SigSize; i += 8 {
		x := binary.LittleEndian.Uint64(s[i:]) ^ binary.LittleEndian.Uint64(o[i:])
		// Count the zero bytes of x: a byte's high bit in t is set
		// exactly when the byte is zero.
		const low7 = 0x7f7f7f7f7f7f7f7f
		t := ^((x&low7 + low7) | x | low7)
		eq += bits.OnesCount64(t)
	}
	j := (float64(eq)/SigSize - chance) / (1 - chance)
	return max(j, 0)
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

// MarshalJSON writes a signature as base64 (a JSON array of 128 numbers
// would be four times the size).
func (s *Signature) MarshalJSON() ([]byte, error) {
	return json.Marshal(base64.RawStdEncoding.EncodeToString(s[:]))
}

// UnmarshalJSON reads a signature written by MarshalJSON.
func (s *Signature) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("résumé signature: want a base64 string: %w", err)
	}
	if n := base64.RawStdEncoding.DecodedLen(len(text)); n != SigSize {
		return fmt.Errorf("résumé signature: %d bytes, want %d", n, SigSize)
	}
	if _, err := base64.RawStdEncoding.Decode(s[:], []byte(text)); err != nil {
		return fmt.Errorf("résumé signature: %w", err)
	}
	return nil
}
