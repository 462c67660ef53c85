package synth

// uniq remembers identifiers handed out, so that two unrelated people never
// share an e-mail address, phone number, SSN, handle or home by chance: a
// Bloom filter of fixed size, so memory stays bounded whatever the number
// of records. A false positive only makes the generator draw again.
type uniq struct {
	bits []uint64
	mask uint64
}

func newUniq(n int) *uniq {
	size := uint64(1 << 20)
	for size < uint64(n)*48 && size < 1<<34 {
		size <<= 1
	}
	return &uniq{bits: make([]uint64, size/64), mask: size - 1}
}

// add records key and reports whether it was (probably) there already.
func (u *uniq) add(key string) bool {
	// FNV-1a, then a final mix: deterministic, so output is too.
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h1, h2 := h, h>>32|h<<32
	seen := true
	for i := uint64(0); i < 3; i++ {
		b := (h1 + i*h2) & u.mask
		w, m := b/64, uint64(1)<<(b%64)
		if u.bits[w]&m == 0 {
			seen = false
			u.bits[w] |= m
		}
	}
	return seen
}

// phone returns a number from draw that no one else has.
func (g *gen) unique(draw func() phone) phone {
	for {
		ph := draw()
		if !g.used.add("tel:" + ph.e164()) {
			return ph
		}
	}
}

func (g *gen) newPhone(pl *place) phone { return g.unique(func() phone { return newPhone(g.r, pl) }) }
func (g *gen) usVoIP(pl *place) phone   { return g.unique(func() phone { return usVoIP(g.r, pl) }) }
func (g *gen) ukVoIP() phone            { return g.unique(func() phone { return ukVoIP(g.r) }) }

// ssn returns an SSN no one else has.
func (g *gen) ssn() string {
	for {
		s := ssn(g.r)
		if !g.used.add("ssn:" + s) {
			return s
		}
	}
}
