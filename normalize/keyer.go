package normalize

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"sync"

	"github.com/ringerhq/ringer"
)

// keyBytes is how much of the HMAC a key keeps: 128 bits, far beyond any
// collision risk for a deployment's identifiers.
const keyBytes = 16

// Keyer keys normalised identifiers with HMAC-SHA256 under a per-deployment
// secret, so an index of keys holds no raw PII: without the secret a key
// cannot be tested against a guessed e-mail or phone number. A Keyer is
// safe for concurrent use.
type Keyer struct {
	macs sync.Pool // of *keyState
}

// keyState is one goroutine's HMAC and scratch space.
type keyState struct {
	mac hash.Hash
	buf []byte
	sum [sha256.Size]byte
}

// NewKeyer returns a Keyer for the deployment secret. The secret should
// be at least 32 random bytes; NewKeyer copies it.
func NewKeyer(secret []byte) *Keyer {
	s := append([]byte(nil), secret...)
	k := &Keyer{}
	k.macs.New = func() any {
		return &keyState{mac: hmac.New(sha256.New, s), buf: make([]byte, 0, 128)}
	}
	return k
}

// Key returns kind + ":" + the base64url (unpadded) of the first 16 bytes
// of HMAC-SHA256(secret, kind + "\x00" + value): 22 characters after the
// prefix. The value should already be normalised.
func (k *Keyer) Key(kind ringer.IdentifierKind, value string) string {
	st := k.macs.Get().(*keyState)
	st.mac.Reset()
	b := append(st.buf[:0], kind...)
	b = append(b, 0)
	b = append(b, value...)
	st.mac.Write(b)
	sum := st.mac.Sum(st.sum[:0])
	n := len(kind)
	b = append(b[:0], kind...)
	b = append(b, ':')
	var room [22]byte // base64.RawURLEncoding.EncodedLen(keyBytes)
	b = append(b, room[:]...)
	base64.RawURLEncoding.Encode(b[n+1:], sum[:keyBytes])
	out := string(b)
	if cap(b) <= 4096 {
		st.buf = b
	}
	k.macs.Put(st)
	return out
}
