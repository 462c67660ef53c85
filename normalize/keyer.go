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
	macs sync.Pool // of hash.Hash, each keyed with the secret
}

// NewKeyer returns a Keyer for the deployment secret. The secret should
// be at least 32 random bytes; NewKeyer copies it.
func NewKeyer(secret []byte) *Keyer {
	s := append([]byte(nil), secret...)
	k := &Keyer{}
	k.macs.New = func() any { return hmac.New(sha256.New, s) }
	return k
}

// Key returns kind + ":" + the base64url (unpadded) of the first 16 bytes
// of HMAC-SHA256(secret, kind + "\x00" + value): 22 characters after the
// prefix. The value should already be normalised.
func (k *Keyer) Key(kind ringer.IdentifierKind, value string) string {
	m := k.macs.Get().(hash.Hash)
	m.Reset()
	var buf [128]byte
	b := append(buf[:0], kind...)
	b = append(b, 0)
	m.Write(b)
	m.Write([]byte(value))
	var sum [sha256.Size]byte
	m.Sum(sum[:0])
	k.macs.Put(m)
	out := make([]byte, len(kind)+1+base64.RawURLEncoding.EncodedLen(keyBytes))
	n := copy(out, kind)
	out[n] = ':'
	base64.RawURLEncoding.Encode(out[n+1:], sum[:keyBytes])
	return string(out)
}
